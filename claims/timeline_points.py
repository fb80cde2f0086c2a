"""The points the timeline pictures draw (claims.timeline): a claim's, one row per party,
and an actor's, one row per claim it spoke on, read by one implementation.

Statements are grouped in the database, never drawn one by one. While the rows drawn
hold at most POINT_LIMIT statements, a point is a row's statements of one stance,
precision and day. Past that, a point is a row's statements of one calendar period
(months, quarters or years, so that the span holds at most PERIODS), with its count per
stance: a row draws at most PERIODS marks whatever the data size (the busiest actor at
1,000,000 statements has 141,042).
Each point counts the position changes among its statements, from a window over the
party threads (the rule is claims.standing's, read as queries.actor_position_changes
reads it). The rows are chosen first (the claim's first MAX_ROWS parties; the actor's
MAX_ROWS busiest claims, from the tallies), so the grouping reads only their threads,
through the (party, claim, made_on, id) index.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Min

from claims import tallies
from claims.database.vendor import as_date
from claims.models import Actor, Claim, Stance, Statement
from claims.timeline import MAX_ROWS, TimelinePoint
from claimtracker import links

# The plot is 670 px wide and a mark 12 px: a row holds some 56 marks side by side. Past
# 500 statements on the rows drawn, marks of single days pile on each other (a claim of
# 1,500 statements drew 1,500 marks, 470 kB of page), so a mark is a period instead.
POINT_LIMIT = 500
PERIODS = 40  # 17 px or more of the picture per period: their marks never overlap

THREADS_SQL = """
    SELECT s.id, s.claim_id, s.actor_id, s.party_id, s.speaker_id, s.stance, s.made_on,
           s.made_on_precision,
           LAG(s.stance) OVER (PARTITION BY s.party_id, s.claim_id ORDER BY s.made_on, s.id)
               AS previous_stance
    FROM {table} s
    WHERE s.party_id IN ({parties}) AND s.claim_id IN ({claims})
"""
CHANGES = "SUM(CASE WHEN t.previous_stance <> t.stance THEN 1 ELSE 0 END)"
BY_DAY_SQL = """
SELECT t.{row}, t.stance, t.made_on_precision, COUNT(*), MIN(t.made_on), MAX(t.made_on),
       MIN(t.id), {changes}
FROM ({threads}) t
WHERE {whose}
GROUP BY t.{row}, t.stance, t.made_on_precision, t.made_on
ORDER BY 5, 1, 2
"""
BY_PERIOD_SQL = """
SELECT t.{row}, {period}, COUNT(*), MIN(t.made_on), MAX(t.made_on), MIN(t.id), {changes},
       {per_stance}
FROM ({threads}) t
WHERE {whose}
GROUP BY t.{row}, {period}
ORDER BY 4, 1
"""


def months_per_period(years: list[int]) -> int:
    """The shortest calendar period (1, 2, 3 or 6 months, or whole years) that cuts the
    years spoken in into at most PERIODS periods."""
    months = (max(years) - min(years) + 1) * 12
    for length in (1, 2, 3, 6):
        if months <= length * PERIODS:
            return length
    return 12 * math.ceil(months / (12 * PERIODS))


def period_of(vendor: str, length: int) -> str:
    """The calendar period of `length` months a statement's date falls in, counted from
    year 0 (SQLite keeps a date as its ISO text, PostgreSQL as a date)."""
    if vendor == "postgresql":
        year = "CAST(EXTRACT(YEAR FROM t.made_on) AS INTEGER)"
        month = "CAST(EXTRACT(MONTH FROM t.made_on) AS INTEGER)"
    else:
        year = "CAST(substr(t.made_on, 1, 4) AS INTEGER)"
        month = "CAST(substr(t.made_on, 6, 2) AS INTEGER)"
    return f"(({year} * 12 + {month} - 1) / {int(length)})"


@dataclass(frozen=True)
class Group:
    """Statements of one row drawn as one point."""

    row_id: int
    stance: str
    precision: str
    count: int
    first_on: datetime.date
    last_on: datetime.date
    first_id: int
    changes: int
    breakdown: tuple[tuple[str, int], ...] = ()


def grouped(
    *,
    row: str,
    parties: list[int],
    claims: list[int],
    statements: int,
    years: Callable[[], list[int]],
    whose: str = "TRUE",
    whose_params=(),
) -> list[Group]:
    """The rows' statements grouped by day, or by calendar period when they are more
    than POINT_LIMIT (`statements`: how many the rows hold; `years`: the years they
    were made in, read only then)."""
    vendor = connection.vendor
    threads = THREADS_SQL.format(
        table=Statement._meta.db_table,
        parties=", ".join(["%s"] * len(parties)),
        claims=", ".join(["%s"] * len(claims)),
    )
    params = [*parties, *claims, *whose_params]
    if statements <= POINT_LIMIT:
        sql = BY_DAY_SQL.format(row=row, threads=threads, whose=whose, changes=CHANGES)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [
                Group(row_id, stance, precision, n, as_date(first), as_date(last), pk, int(c))
                for row_id, stance, precision, n, first, last, pk, c in cursor.fetchall()
            ]
    per_stance = ", ".join(["SUM(CASE WHEN t.stance = %s THEN 1 ELSE 0 END)"] * len(Stance))
    sql = BY_PERIOD_SQL.format(
        row=row,
        period=period_of(vendor, months_per_period(years())),
        threads=threads,
        whose=whose,
        changes=CHANGES,
        per_stance=per_stance,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*Stance.values, *params])
        found = cursor.fetchall()
    groups = []
    for row_id, _period, n, first, last, pk, changes, *counts in found:
        # Most statements first; a tie goes to the stance listed first in Stance.
        breakdown = tuple(
            sorted(
                ((stance, int(k)) for stance, k in zip(Stance.values, counts, strict=True) if k),
                key=lambda item: -item[1],
            )
        )
        groups.append(
            Group(
                row_id,
                breakdown[0][0],
                "day",
                n,
                as_date(first),
                as_date(last),
                pk,
                int(changes),
                breakdown,
            )
        )
    return groups


def years_of(given: tuple[str, str]) -> list[int]:
    """The years the claim's or actor's statements were made in, from the tallies."""
    return [int(year) for year, _ in tallies.values_of("year", given=given)]


def statements_href(first_id: int, n: int, **filters: str) -> str:
    """One statement's page, or the statement list of the statements a mark stands for."""
    if n == 1:
        return links.page_of("claims:statement-detail", first_id)
    return f"{links.address_of('claims:statement-list')}?{links.query_of(filters)}"


def points_of(groups: list[Group], labels: dict[int, tuple[str, str]], filters_of, subject=""):
    points = []
    for group in groups:
        label, href = labels[group.row_id]
        # A period's mark leads to all its statements, whatever their stance.
        stance = {} if group.breakdown else {"stance": group.stance}
        points.append(
            TimelinePoint(
                row=label,
                row_href=href,
                subject=subject,
                stance=group.stance,
                made_on=group.first_on,
                last_on=group.last_on if group.last_on != group.first_on else None,
                precision=group.precision,
                count=group.count,
                changes=group.changes,
                breakdown=group.breakdown,
                href=statements_href(
                    group.first_id,
                    group.count,
                    **filters_of(group.row_id),
                    **stance,
                    date_from=group.first_on.isoformat(),
                    date_to=group.last_on.isoformat(),
                ),
            )
        )
    return points


def claim_timeline_points(claim: Claim) -> tuple[list[TimelinePoint], int]:
    """The claim's points, one row per party in the order of its first statement, and how
    many parties were left out (three or four queries)."""
    # COUNT(*), not of the ids: then the (claim, stance, party, made_on) index holds all
    # it reads (15,000 table pages of the busiest claim became 900 index pages).
    firsts = (
        Statement.objects.on_claim(claim)
        .values_list("party")
        .annotate(first=Min("made_on"), n=Count("*"))
        .order_by("first", "party")
    )
    order = [(party, n) for party, _, n in firsts]
    drawn = [party for party, _ in order[:MAX_ROWS]]
    if not drawn:
        return [], 0
    found = grouped(
        row="party_id",
        parties=drawn,
        claims=[claim.pk],
        statements=sum(n for _, n in order[:MAX_ROWS]),
        years=lambda: years_of(("claim", str(claim.pk))),
    )
    actors = Actor.objects.only("name", "slug").in_bulk(drawn)
    labels = {pk: (actor.name, actor.get_absolute_url()) for pk, actor in actors.items()}
    points = points_of(found, labels, lambda pk: {"actor": actors[pk].slug, "claim": claim.slug})
    return points, len(order) - len(drawn)


def actor_timeline_points(actor: Actor, parties: set[int]) -> tuple[list[TimelinePoint], int]:
    """The actor's points, one row per claim it spoke on (its MAX_ROWS busiest), and how
    many claims were left out (three or four queries). `parties` are the party threads holding
    its statements (queries.position_change_parties)."""
    spoken = tallies.values_of("claim", given=("actor", str(actor.pk)))
    drawn = [int(pk) for pk, _ in spoken[:MAX_ROWS]]
    if not drawn:
        return [], 0
    found = grouped(
        row="claim_id",
        parties=sorted(parties),
        claims=drawn,
        statements=sum(n for _, n in spoken[:MAX_ROWS]),
        years=lambda: years_of(("actor", str(actor.pk))),
        # The actor's statements (StatementQuerySet.by_actor), in their parties' threads.
        whose="(t.party_id = %s OR t.actor_id = %s OR t.speaker_id = %s)",
        whose_params=[actor.pk] * 3,
    )
    claims = Claim.objects.only("text", "slug").in_bulk(drawn)
    labels = {pk: (claim.text, claim.get_absolute_url()) for pk, claim in claims.items()}
    points = points_of(
        found,
        labels,
        lambda pk: {"actor": actor.slug, "claim": claims[pk].slug},
        subject=actor.name,
    )
    return points, len(spoken) - len(drawn)
