"""make evaluate-assistant: the figures per article and in total for the seed set, the
proposals scored against what a person annotated; a missing set is said so."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from assistant import evaluation
from sources.models import Article

SEED_TITLES = [
    "Russian official, unaware he is on air",
    "Blinken accused Russia of allegedly supplying",
    "All weapons used by Russian troops come from",
    "Iran Remains Russia's 'Top Military Backer'",
    "Putin did not discuss deliveries of drones",
]
FIGURES = re.compile(r"(\d+)\s+(\d+)\s+(\d+%|-)\s+(\d+%|-)\s+(\d+%|-)\s+(\d+%|-)\s*$")


def test_the_seed_set_is_scored_per_article_and_in_total(db):
    out = io.StringIO()
    call_command("evaluate_assistant", "--set", "seed", "--current-database", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Set: seed"
    assert lines[1].split()[1:] == ["items", "props", "recall", "+claim", "prec.", "dates"]
    rows = {line: FIGURES.search(line) for line in lines[2:]}
    assert all(rows.values()), lines
    for title in SEED_TITLES:
        assert any(line.startswith(title) for line in rows), title
    total = next(match for line, match in rows.items() if line.startswith("total"))
    # 49 annotated quotes in the seed set (fixtures/README.md), every one an item.
    assert int(total.group(1)) == 49
    assert int(total.group(2)) == sum(
        int(m.group(2)) for line, m in rows.items() if not line.startswith("total")
    )
    # The statements are never loaded, and the evaluation leaves nothing behind.
    assert not Article.objects.exists()


def test_the_scores_count_what_they_say(db):
    report = evaluation.evaluate(evaluation.SETS["seed"], "seed")
    total = report.total
    assert total.items == 49
    assert 0 <= total.found_with_claim <= total.found <= total.items
    assert total.dated <= total.found
    assert total.correct_proposals <= total.proposals
    assert total.recall == total.found / total.items


def test_a_missing_set_is_said_so_and_nothing_else_is_done(tmp_path):
    with pytest.raises(evaluation.MissingSet) as error:
        evaluation.read_set(tmp_path / "annotations.yaml")
    assert str(error.value) == f"No annotated set at {tmp_path / 'annotations.yaml'}."


def test_precision_is_reported_per_confidence_band(db):
    report = evaluation.evaluate(evaluation.SETS["seed"], "seed")
    lines = evaluation.format_bands(report).splitlines()
    assert lines[0] == "Set: seed, precision per confidence band"
    counts = [re.search(r"(\d+)/(\d+)", line).groups() for line in lines[1:]]
    assert len(counts) == len(evaluation.BANDS)
    assert sum(int(n) for _, n in counts) == report.total.proposals
    assert sum(int(k) for k, _ in counts) == report.total.correct_proposals


def test_the_misses_listing_names_every_item_not_found_and_every_wrong_proposal(db):
    report = evaluation.evaluate(evaluation.SETS["seed"], "seed")
    total = report.total
    listing = evaluation.format_misses(report)
    assert listing.splitlines()[0] == "Set: seed, misses"
    assert listing.count("  miss  ") == total.items - total.found
    assert listing.count("  extra ") == total.proposals - total.correct_proposals
    assert listing.count("  date  ") == total.found - total.dated
