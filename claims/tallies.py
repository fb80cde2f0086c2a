"""Reading the statement tallies: how many statements each facet value has, alone or
with one other facet value, from the counts the database keeps exact on every write
(claims.database.tallies), instead of grouping the statements."""

from __future__ import annotations

from claims.models import Stance, Tally
from claims.models.tallies import NO_FACET

Given = tuple[str, str]  # (facet, value): the one filter the counts are under


def values_of(
    facet: str, given: Given | None = None, limit: int | None = None
) -> list[tuple[str, int]]:
    """(value, statements) for every value of `facet` some statement has (the first
    `limit` of them), under `given`, most statements first."""
    facet_a, value_a = given or (NO_FACET, NO_FACET)
    rows = (
        Tally.objects.filter(facet_a=facet_a, value_a=value_a, facet_b=facet, statements__gt=0)
        .order_by("-statements", "value_b")
        .values_list("value_b", "statements")
    )
    # The claim facet has a value per claim (5,000 in the benchmark): a page shows 12.
    return list(rows if limit is None else rows[:limit])


def statements_with(given: Given | None = None) -> int:
    """How many statements have the facet value `given` (all statements for None)."""
    if given is None:  # every statement has exactly one stance
        return sum(n for value, n in values_of("stance") if value in Stance.values)
    facet, value = given
    row = Tally.objects.filter(
        facet_a=NO_FACET, value_a=NO_FACET, facet_b=facet, value_b=value
    ).values_list("statements", flat=True)
    return next(iter(row), 0)
