"""/about/: what the stances, standing, position changes, quote anchoring and date
precisions mean, saying what the annotation rules say, linked from every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_django.asserts import assertContains

from claims.models import DatePrecision, Stance
from claims.standing import Standing
from tests.pages.reading import main_html, page_html, visible_text

ROOT = Path(__file__).resolve().parents[2]
# Phrases of the annotation rules (fixtures/README.md) that the page must say as they do.
RULES = {
    "asserted": ["says the claim is true"],
    "denied": ["unfounded", "disinformation", "no evidence"],
    "confirmed": ["a party the claim is about", "official verification"],
    "noncommittal": ["neither confirms nor denies", "does not know", "without endorsing"],
}


def definition(response, anchor: str) -> str:
    """The visible text of the definition that follows <dt id=anchor>."""
    content = main_html(response)
    match = re.search(rf'<dt id="{anchor}">.*?</dt>\s*<dd>(.*?)</dd>', content, re.DOTALL)
    assert match, f"no definition of {anchor}"
    return visible_text(match.group(1))


def rules() -> str:
    text = (ROOT / "fixtures" / "README.md").read_text()
    return " ".join(text.split("## Annotation rules", 1)[1].split("## ", 1)[0].split())


def test_every_stance_is_defined_as_the_annotation_rules_define_it(client, db):
    response = client.get("/about/")
    annotation_rules = rules()

    assert set(RULES) == set(Stance.values)  # a new stance needs its definition here
    for stance, phrases in RULES.items():
        said = definition(response, f"stance-{stance}")
        for phrase in phrases:
            assert phrase in said, (stance, phrase)
            assert phrase in annotation_rules, (stance, phrase)


def test_every_standing_and_precision_the_site_uses_is_explained(client, db):
    response = client.get("/about/")

    for standing in Standing:
        assertContains(response, f'<span class="standing standing-{standing.value}">')
        assert definition(response, f"standing-{standing.value}")
    for precision in DatePrecision.values:
        assert definition(response, f"precision-{precision}")
    shown = visible_text(response)
    assert "previous statement on the same claim" in shown
    assert "32 characters before and after" in shown  # sources.text.CONTEXT_LENGTH
    assert "first day of the month" in shown


@pytest.mark.parametrize(
    "url", ["/", "/statements/", "/actors/iran/", "/claims/", "/articles/1/", "/about/"]
)
def test_every_page_links_the_meanings_from_its_stance_legend_and_nav(client, seed, url):
    content = page_html(client.get(url))

    footer = content.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/about/">' in footer
    nav = content.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/about/">About</a>' in nav


@pytest.mark.parametrize("url", ["/actors/iran/", "/claims/iran-supplied-drones-to-russia/"])
def test_every_timeline_legend_links_the_stances(client, seed, url):
    content = main_html(client.get(url))

    legend = content.split('<figcaption class="legend">', 1)[1].split("</figcaption>", 1)[0]
    assert '<a class="legend-item" href="/about/#stances">What the stances mean</a>' in legend
