"""Database-wide checks that every quote still matches its article body."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from claims.models import Quote, Statement
from sources import text
from sources.models import Article

ARTICLES_PER_BATCH = 500


@dataclass(frozen=True)
class Problem:
    kind: str  # "quote" or "statement"
    pk: int
    message: str

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}: {self.message}"


def quote_problems(batch_size: int = ARTICLES_PER_BATCH) -> Iterator[Problem]:
    """Every quote whose text is not its article's body[start:end].

    Reads articles in batches with their quotes, two queries per batch, so memory
    stays flat however many quotes there are.
    """
    last_id = 0
    while True:
        bodies = dict(
            Article.objects.filter(id__gt=last_id)
            .order_by("id")
            .values_list("id", "body")[:batch_size]
        )
        if not bodies:
            return
        last_id = max(bodies)
        quotes = (
            Quote.objects.filter(article_id__in=bodies)
            .order_by("article_id", "id")
            .values_list("id", "statement_id", "article_id", "start", "end", "text")
        )
        for pk, statement_id, article_id, start, end, quoted in quotes:
            if not text.matches(bodies[article_id], start, end, quoted):
                body = bodies[article_id]
                there = body[start:end] if 0 <= start < end <= len(body) else ""
                yield Problem(
                    "quote",
                    pk,
                    f"statement {statement_id}, article {article_id} [{start}:{end}]: "
                    f"expected “{quoted[:60]}”, the body has “{there[:60]}”",
                )


def unbacked_statements() -> Iterator[Problem]:
    for pk in Statement.objects.filter(quotes__isnull=True).values_list("id", flat=True):
        yield Problem("statement", pk, "has no quote backing it")
