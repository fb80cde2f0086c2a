"""Keeping quotes attached to the article text they cite.

Quote rows live in `claims`; the text logic they use is the pure `sources.text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from claims.models import Quote
from sources import text
from sources.models import Article


@dataclass(frozen=True)
class QuoteReanchoring:
    quote: Quote
    result: text.Reanchoring


def plan_reanchoring(article: Article, old_body: str, new_body: str) -> list[QuoteReanchoring]:
    quotes = list(article.quotes.all()) if article.pk else []
    anchors = [text.Anchor(q.start, q.end, q.text, q.prefix, q.suffix) for q in quotes]
    results = text.reanchor(old_body, new_body, anchors)
    return [QuoteReanchoring(q, r) for q, r in zip(quotes, results, strict=True)]


def refuse_lost_quotes(plan: list[QuoteReanchoring]) -> None:
    lost = [item for item in plan if item.result.is_lost]
    if lost:
        lines = [
            f"quote {item.quote.pk} (statement {item.quote.statement_id}) "
            f"“{item.quote.text[:60]}”: {item.result.problem}"
            for item in lost
        ]
        raise ValidationError(
            {
                "body": (
                    f"The corrected body would leave {len(lost)} quote(s) without their text; "
                    "fix or remove them first: " + "; ".join(lines)
                )
            }
        )


def apply_reanchoring(plan: list[QuoteReanchoring]) -> int:
    """Move the quotes to their new offsets; returns how many moved."""
    moved = 0
    for item in plan:
        new = item.result.new
        quote = item.quote
        if new is None:
            continue
        if (new.start, new.end, new.prefix, new.suffix) != (
            quote.start,
            quote.end,
            quote.prefix,
            quote.suffix,
        ):
            quote.start, quote.end, quote.prefix, quote.suffix = (
                new.start,
                new.end,
                new.prefix,
                new.suffix,
            )
            # One save per moved quote so each move is kept in the quote's history.
            quote.save()
            moved += 1
    return moved
