"""How good the proposals are, against statements a person annotated.

A set is a YAML file in the schema of fixtures/annotations/seed.yaml. Its outlets,
actors (with aliases), claims and articles are loaded into the database, as an
established database would hold them, but never its statements: the assistant must find
those. Each annotated quote is one item to find:

- recall: an item is found when a proposal has its actor, its stance and a quote span
  overlapping it;
- recall with the claim: found, and the proposal names the same claim (items whose
  claim exists in the database, which is all of them here);
- precision: proposals that find at least one item, over all proposals;
- date accuracy: found items whose proposal's date, at the annotated precision, is the
  annotated date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core import serializers
from django.db import transaction

from assistant.proposals import propose
from claims import seed
from sources import dates
from sources.models import Article

SETS = {
    "seed": Path(settings.BASE_DIR) / "fixtures" / "annotations" / "seed.yaml",
    "articles": Path(settings.BASE_DIR) / "tests" / "assistant" / "articles" / "annotations.yaml",
    # Never tuned on: it measures whether rules tuned on the two sets above are general.
    "heldout": Path(settings.BASE_DIR) / "tests" / "assistant" / "heldout" / "annotations.yaml",
    # Built after "heldout" became a set the rules were tuned on; never tuned on.
    "heldout2": Path(settings.BASE_DIR) / "tests" / "assistant" / "heldout2" / "annotations.yaml",
    "heldout3": Path(settings.BASE_DIR) / "tests" / "assistant" / "heldout3" / "annotations.yaml",
}
KEPT_MODELS = {
    "sources.outlet",
    "sources.article",
    "claims.actor",
    "claims.actoralias",
    "claims.claim",
}


class MissingSet(FileNotFoundError):
    pass


@dataclass
class Score:
    name: str
    items: int = 0
    found: int = 0
    found_with_claim: int = 0
    with_claim: int = 0
    proposals: int = 0
    correct_proposals: int = 0
    dated: int = 0
    # What the --misses listing prints: each item not found, each proposal finding none.
    misses: list[str] = field(default_factory=list)
    # (confidence, whether the proposal finds an item) for each proposal
    judged: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.judged.extend(other.judged)
        self.misses.extend(other.misses)
        for name in (
            "items",
            "found",
            "found_with_claim",
            "with_claim",
            "proposals",
            "correct_proposals",
            "dated",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def recall(self) -> float | None:
        return self.share(self.found, self.items)

    @property
    def recall_with_claim(self) -> float | None:
        return self.share(self.found_with_claim, self.with_claim)

    @property
    def precision(self) -> float | None:
        return self.share(self.correct_proposals, self.proposals)

    @property
    def date_accuracy(self) -> float | None:
        return self.share(self.dated, self.found)


@dataclass
class Report:
    set_name: str
    articles: list[Score] = field(default_factory=list)

    @property
    def total(self) -> Score:
        total = Score("total")
        for score in self.articles:
            total.add(score)
        return total


@dataclass(frozen=True)
class Item:
    actor: str
    stance: str
    claim: str
    start: int
    end: int
    made_on: object
    precision: str


def read_set(path: Path) -> list[dict]:
    """The set's fixture records (offsets computed and checked by claims.seed)."""
    if not path.is_file():
        raise MissingSet(f"No annotated set at {path}.")
    annotations = yaml.safe_load(path.read_text(encoding="utf-8"))

    def read_body(name: str) -> str:
        for base in (path.parent, path.parent.parent):
            if (base / name).is_file():
                return (base / name).read_text(encoding="utf-8")
        raise MissingSet(f"The article body {name} named in {path} is missing.")

    return seed.build_fixture(annotations, read_body)


def evaluate(path: Path, set_name: str) -> Report:
    """Load the set, score the proposals, and leave the database as it was."""
    records = read_set(path)
    with transaction.atomic():
        loaded = [r for r in records if r["model"] in KEPT_MODELS]
        for obj in serializers.deserialize("json", json.dumps(loaded)):
            obj.save()
        report = score(records, set_name)
        transaction.set_rollback(True)
    return report


def score(records: list[dict], set_name: str) -> Report:
    slugs = {
        r["pk"]: r["fields"]["slug"]
        for r in records
        if r["model"] in ("claims.actor", "claims.claim")
    }
    actor_slugs = {r["pk"]: r["fields"]["slug"] for r in records if r["model"] == "claims.actor"}
    claim_slugs = {r["pk"]: r["fields"]["slug"] for r in records if r["model"] == "claims.claim"}
    del slugs
    statements = {r["pk"]: r["fields"] for r in records if r["model"] == "claims.statement"}
    items: dict[int, list[Item]] = {}
    for r in records:
        if r["model"] != "claims.quote":
            continue
        quote, statement = r["fields"], statements[r["fields"]["statement"]]
        items.setdefault(quote["article"], []).append(
            Item(
                actor_slugs[statement["actor"]],
                statement["stance"],
                claim_slugs[statement["claim"]],
                quote["start"],
                quote["end"],
                statement["made_on"],
                statement["made_on_precision"],
            )
        )
    report = Report(set_name)
    for article in Article.objects.order_by("pk"):
        report.articles.append(score_article(article, items.get(article.pk, [])))
    return report


def score_article(article: Article, items: list[Item]) -> Score:
    proposals = propose(article)
    result = Score(article.title, items=len(items), with_claim=len(items), proposals=len(proposals))
    correct = set()
    for item in items:
        matching = [
            (i, p)
            for i, p in enumerate(proposals)
            if p.actor.slug == item.actor
            and p.stance == item.stance
            and p.start < item.end
            and item.start < p.end
        ]
        if not matching:
            result.misses.append(_missed(article.body, item, proposals))
            continue
        correct.update(i for i, _ in matching)
        result.found += 1
        if any(p.claim.slug == item.claim for _, p in matching):
            result.found_with_claim += 1
        best = next((p for _, p in matching if p.claim.slug == item.claim), matching[0][1])
        if dates.normalise(best.made_on, item.precision).isoformat() == item.made_on:
            result.dated += 1
        else:
            result.misses.append(
                f"  date  {item.actor} {item.stance}: {best.made_on} ({best.date_wording!r}),"
                f" annotated {item.made_on} {item.precision}"
            )
    result.correct_proposals = len(correct)
    for i, p in enumerate(proposals):
        if i not in correct:
            result.misses.append(f"  extra {_shown(p)}: {_excerpt(p.text)}")
    result.judged = [(p.confidence, i in correct) for i, p in enumerate(proposals)]
    return result


def _shown(p) -> str:
    return f"{p.actor.slug or '+' + p.actor.name} {p.stance} [{p.cue}]"


def _excerpt(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _missed(body: str, item: Item, proposals) -> str:
    """An item no proposal finds, with the proposals overlapping it."""
    near = [p for p in proposals if p.start < item.end and item.start < p.end]
    why = "; ".join(_shown(p) for p in near) or "no proposal overlaps"
    return (
        f"  miss  {item.actor} {item.stance}: {_excerpt(body[item.start : item.end])}\n"
        f"          ({why})"
    )


def format_misses(report: Report) -> str:
    """Per article: each item not found, each date missed, each proposal finding none."""
    lines = [f"Set: {report.set_name}, misses"]
    for s in report.articles:
        if s.misses:
            lines.append(s.name)
            lines.extend(s.misses)
    return "\n".join(lines)


BANDS = (0.0, 0.5, 0.65, 0.8, 0.9)  # lower bounds of the confidence bands


def format_bands(report: Report) -> str:
    """Precision per confidence band: higher confidence should mean more often correct."""
    lines = [f"Set: {report.set_name}, precision per confidence band"]
    for low, high in zip(BANDS, (*BANDS[1:], 1.01), strict=True):
        judged = [ok for confidence, ok in report.total.judged if low <= confidence < high]
        share = f"{sum(judged) / len(judged) * 100:3.0f}%" if judged else "   -"
        lines.append(f"  {low:.2f}-{min(high, 1.0):.2f} {sum(judged):>4}/{len(judged):<4} {share}")
    return "\n".join(lines)


def format_report(report: Report) -> str:
    def pct(value: float | None) -> str:
        return "   -" if value is None else f"{value * 100:3.0f}%"

    columns = ("items", "props", "recall", "+claim", "prec.", "dates")
    lines = [f"Set: {report.set_name}", f"{'article':<60} " + " ".join(f"{c:>6}" for c in columns)]
    for s in [*report.articles, report.total]:
        name = s.name if len(s.name) <= 60 else s.name[:57] + "..."
        values = (s.items, s.proposals, *map(pct, (s.recall, s.recall_with_claim)))
        values += (pct(s.precision), pct(s.date_accuracy))
        lines.append(f"{name:<60} " + " ".join(f"{v:>6}" for v in values))
    return "\n".join(lines)
