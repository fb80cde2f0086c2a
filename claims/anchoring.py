"""Keeping quotes attached to the article text they cite.

Quote rows live in `claims`; the text logic they use is the pure `sources.text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count

from claims import actions
from claims.models import Quote, Statement
from sources import text
from sources.corrections import QuoteResolution
from sources.models import Article

Resolutions = Mapping[int, QuoteResolution]


@dataclass(frozen=True)
class QuoteReanchoring:
    quote: Quote
    result: text.Reanchoring


def plan_reanchoring(article: Article, old_body: str, new_body: str) -> list[QuoteReanchoring]:
    quotes = list(article.quotes.all()) if article.pk else []
    anchors = [text.Anchor(q.start, q.end, q.text, q.prefix, q.suffix) for q in quotes]
    results = text.reanchor(old_body, new_body, anchors)
    return [QuoteReanchoring(q, r) for q, r in zip(quotes, results, strict=True)]


def refuse_lost_quotes(
    plan: list[QuoteReanchoring], resolutions: Resolutions | None = None, article=None
) -> None:
    """Refuse a correction that leaves a quote without its text, unless the editor said
    what becomes of it (re-pointed to words of the corrected body, or detached), and
    those decisions hold: the words are in the body, no statement is left unquoted."""
    resolutions = resolutions or {}
    lost = [item for item in plan if item.result.is_lost]
    unresolved = [item for item in lost if item.quote.pk not in resolutions]
    problems = [
        f"quote {item.quote.pk} (statement {item.quote.statement_id}) "
        f"“{item.quote.text[:60]}”: {item.result.problem}"
        for item in unresolved
    ]
    problems += resolution_problems([item.quote for item in lost], resolutions, article)
    if problems:
        raise ValidationError(
            {
                "body": (
                    f"The corrected body would leave {len(unresolved) or len(problems)} "
                    "quote(s) without their text; fix or remove them first: " + "; ".join(problems)
                )
            }
        )


def resolution_problems(lost: list[Quote], resolutions: Resolutions, article) -> list[str]:
    problems = []
    detached = {pk for pk, r in resolutions.items() if r.detach}
    statements = {q.statement_id for q in lost if q.pk in detached}
    remaining = dict(
        Statement.objects.filter(pk__in=statements)
        .annotate(kept=Count("quotes"))
        .values_list("pk", "kept")
    )
    for quote in lost:
        decided = resolutions.get(quote.pk)
        if decided is None:
            continue
        if decided.detach:
            others = remaining.get(quote.statement_id, 0) - sum(
                1 for q in lost if q.statement_id == quote.statement_id and q.pk in detached
            )
            if others <= 0 and not decided.delete_statement:
                problems.append(
                    f"quote {quote.pk}: statement {quote.statement_id} would be left without "
                    "a quote; re-point the quote, or tick to delete the statement"
                )
            continue
        try:
            actions.anchor_quote(actions.QuoteSpec(article, decided.words, decided.start))
        except actions.UnanchoredQuote as error:
            problems.append(f"quote {quote.pk}: " + " ".join(error.messages))
    return problems


def apply_reanchoring(plan: list[QuoteReanchoring], resolutions: Resolutions | None = None) -> int:
    """Move the quotes to their new offsets and carry out the editor's decisions for the
    lost ones; returns how many moved."""
    resolutions = resolutions or {}
    moved = 0
    for item in plan:
        new = item.result.new
        quote = item.quote
        if new is None:
            decided = resolutions.get(quote.pk)
            if decided is not None:
                resolve(quote, decided)
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


def resolve(quote: Quote, decided: QuoteResolution) -> None:
    article = Article.objects.get(pk=quote.article_id)  # the corrected body, as saved
    if decided.detach:
        statement = quote.statement
        if decided.delete_statement and not statement.quotes.exclude(pk=quote.pk).exists():
            # Its only quote: the statement goes, and its quote with it.
            statement._change_reason = f"its only quote was detached from article {article.pk}"
            statement.delete()
            return
        quote._change_reason = f"detached when article {article.pk} was corrected"
        quote.delete()
        return
    anchored = actions.anchor_quote(actions.QuoteSpec(article, decided.words, decided.start))
    quote.start, quote.end, quote.text = anchored.start, anchored.end, anchored.text
    quote.prefix, quote.suffix = anchored.prefix, anchored.suffix
    quote._change_reason = f"re-pointed when article {article.pk} was corrected"
    quote.save()
