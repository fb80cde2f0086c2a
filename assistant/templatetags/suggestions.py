"""The article page's "Suggested statements" panel, for editors.

The article page belongs to sources/, which must not import the assistant; its
template asks for the panel through this tag instead, handing over the quote
highlights so that the body is drawn once with both the quotes and the suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django import template

from assistant import decisions
from assistant.models import Decision, Verdict
from assistant.proposals import Proposal
from claims.models import Statement
from sources import dates
from sources.highlight import Highlight, Mark, highlighted_body
from sources.models import Article

register = template.Library()


@dataclass(frozen=True)
class Entry:
    number: int
    proposal: Proposal
    joins: Statement | None

    @property
    def fingerprint(self) -> str:
        return decisions.fingerprint(self.proposal)

    @property
    def anchor(self) -> str:
        return f"suggestion-{self.fingerprint}"

    @property
    def date(self) -> str:
        return dates.describe(self.proposal.made_on, self.proposal.made_on_precision)

    @property
    def confidence_percent(self) -> int:
        return round(self.proposal.confidence * 100)

    @property
    def summary(self) -> str:
        p = self.proposal
        return f"Suggestion {self.number}: {p.actor.name} {p.stance}: {p.claim.text}"


@dataclass(frozen=True)
class Panel:
    entries: list[Entry]
    body_html: str
    accepted: list[Decision]
    dismissed: int


@register.simple_tag
def suggested_statements(article: Article, highlights: Sequence[Highlight]) -> Panel:
    """Four queries besides the assistant's own, however many proposals there are."""
    proposals = decisions.open_proposals(article)
    joined = Statement.objects.select_related("actor", "claim").in_bulk(
        {p.joins_statement for p in proposals if p.joins_statement is not None}
    )
    entries = [
        Entry(number, proposal, joined.get(proposal.joins_statement))
        for number, proposal in enumerate(proposals, start=1)
    ]
    marks = [
        Mark(key=e.anchor, start=e.proposal.start, end=e.proposal.end, title=e.summary)
        for e in entries
    ]
    standing = decisions.standing(article)
    return Panel(
        entries=entries,
        body_html=highlighted_body(article.body, highlights, marks),
        accepted=[d for d in standing if d.verdict == Verdict.ACCEPTED],
        dismissed=sum(1 for d in standing if d.verdict == Verdict.DISMISSED),
    )
