"""Reading the statement tallies: how many statements each facet value has, alone or
with one other facet value, from the counts the database keeps exact on every write
(claims.database.tallies), instead of grouping the statements."""

from __future__ import annotations

from django.db import connection
from django.db.models import BigIntegerField
from django.db.models.functions import Cast

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


def values_of_each(wanted: dict[str, Given | None], limit: int) -> dict[str, list[tuple[str, int]]]:
    """values_of(facet, given, limit) for every facet of `wanted` at once: one query
    where a statement list asked one per facet. Each part keeps its own ORDER BY and
    LIMIT, so each reads its first values from the tallies' index, as values_of does
    (a window ranking every value read all 5,000 claims' rows)."""
    if not wanted:
        return {}
    part = (
        f"SELECT * FROM (SELECT facet_b, value_b, statements FROM {Tally._meta.db_table}"
        " WHERE facet_a = %s AND value_a = %s AND facet_b = %s AND statements > 0"
        " ORDER BY statements DESC, value_b LIMIT %s) AS t{n}"
    )
    params = []
    for facet, given in wanted.items():
        params += [*(given or (NO_FACET, NO_FACET)), facet, limit]
    sql = " UNION ALL ".join(part.format(n=n) for n in range(len(wanted)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found: dict[str, list[tuple[str, int]]] = {facet: [] for facet in wanted}
    for facet, value, n in rows:
        found[facet].append((value, n))
    # A union promises no order: each facet's as its part read it.
    return {
        facet: sorted(pairs, key=lambda pair: (-pair[1], pair[0])) for facet, pairs in found.items()
    }


def values_subquery(facet: str, given: Given):
    """The values of an id facet (claim, actor, speaker, outlet) some statement has
    under `given`, as a subquery of integers (for `pk__in`)."""
    facet_a, value_a = given
    rows = Tally.objects.filter(facet_a=facet_a, value_a=value_a, facet_b=facet, statements__gt=0)
    return rows.annotate(key=Cast("value_b", BigIntegerField())).values("key")


def statements_with(given: Given | None = None) -> int:
    """How many statements have the facet value `given` (all statements for None)."""
    if given is None:  # every statement has exactly one stance
        return sum(n for value, n in values_of("stance") if value in Stance.values)
    facet, value = given
    row = Tally.objects.filter(
        facet_a=NO_FACET, value_a=NO_FACET, facet_b=facet, value_b=value
    ).values_list("statements", flat=True)
    return next(iter(row), 0)
