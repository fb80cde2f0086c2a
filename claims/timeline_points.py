"""The points the timeline pictures draw (claims.timeline): a claim's, one row per party,
and an actor's, one row per claim it spoke on, read by one implementation.

Statements are grouped in the database, never drawn one by one: by row, stance,
precision and day while that gives at most POINT_LIMIT points, else by month, so a row
holds at most a few marks per month whatever the data size (the busiest actor at
1,000,000 statements has 141,042). Each point counts the position changes among its
statements, from the same window over the party threads that
queries.actor_position_changes reads (the rule itself is claims.standing's). The rows
are chosen first (the claim's first MAX_ROWS parties; the actor's MAX_ROWS busiest claims,
from the tallies), so the grouping reads only their threads through the (party, claim,
made_on, id) index.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Min
from django.urls import reverse

from claims import tallies
from claims.models import Actor, Claim, Statement
from claims.timeline import MAX_ROWS, TimelinePoint

POINT_LIMIT = 2000
MONTH_POINT_LIMIT = MAX_ROWS * 4 * 3 * 12 * 50  # rows x stances x precisions x 50 years

GROUPED_SQL = """
SELECT t.{row} AS row_id, t.stance, t.made_on_precision, COUNT(*) AS n,
       MIN(t.made_on) AS first_on, MAX(t.made_on) AS last_on, MIN(t.id) AS first_id,
       SUM(CASE WHEN t.previous_stance <> t.stance THEN 1 ELSE 0 END) AS changes
FROM (
    SELECT s.id, s.claim_id, s.actor_id, s.party_id, s.speaker_id, s.stance, s.made_on,
           s.made_on_precision,
           LAG(s.stance) OVER (PARTITION BY s.party_id, s.claim_id ORDER BY s.made_on, s.id)
               AS previous_stance
    FROM {table} s
    WHERE s.party_id IN ({parties}) AND s.claim_id IN ({claims})
) t
WHERE {whose}
GROUP BY t.{row}, t.stance, t.made_on_precision, {period}
ORDER BY first_on, row_id, t.stance
LIMIT %s
"""


def month_of(column: str) -> str:
    # SQLite keeps a date as its ISO text; PostgreSQL as a date.
    if connection.vendor == "postgresql":
        return f"date_trunc('month', {column})"
    return f"substr({column}, 1, 7)"


def as_date(value: datetime.date | str) -> datetime.date:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def marks(list_marks: str, ids: Iterable[int]) -> str:
    return ", ".join([list_marks] * len(list(ids)))


def grouped(
    *, row: str, parties: list[int], claims: list[int], whose: str = "TRUE", whose_params=()
):
    """Rows of (row id, stance, precision, count, first day, last day, first id,
    position changes): by day while few enough, else by month."""
    for period, limit in (("t.made_on", POINT_LIMIT), (month_of("t.made_on"), MONTH_POINT_LIMIT)):
        sql = GROUPED_SQL.format(
            row=row,
            table=Statement._meta.db_table,
            parties=marks("%s", parties),
            claims=marks("%s", claims),
            whose=whose,
            period=period,
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*parties, *claims, *whose_params, limit + 1])
            found = cursor.fetchall()
        if len(found) <= limit:
            return found
    return found[:limit]


def statements_href(first_id: int, n: int, **filters: str) -> str:
    """One statement's page, or the statement list of the statements a mark stands for."""
    if n == 1:
        return reverse("claims:statement-detail", args=[first_id])
    return f"{reverse('claims:statement-list')}?{urlencode(filters)}"


def points_of(found, labels: dict[int, tuple[str, str]], filters_of, subject: str = ""):
    points = []
    for row_id, stance, precision, n, first_on, last_on, first_id, changes in found:
        first_on, last_on = as_date(first_on), as_date(last_on)
        label, href = labels[row_id]
        points.append(
            TimelinePoint(
                row=label,
                row_href=href,
                subject=subject,
                stance=stance,
                made_on=first_on,
                last_on=last_on if last_on != first_on else None,
                precision=precision,
                count=n,
                changes=int(changes or 0),
                href=statements_href(
                    first_id,
                    n,
                    **filters_of(row_id),
                    stance=stance,
                    date_from=first_on.isoformat(),
                    date_to=last_on.isoformat(),
                ),
            )
        )
    return points


def claim_timeline_points(claim: Claim) -> tuple[list[TimelinePoint], int]:
    """The claim's points, one row per party in the order of its first statement, and how
    many parties were left out (three queries)."""
    firsts = (
        Statement.objects.on_claim(claim)
        .values_list("party")
        .annotate(first=Min("made_on"))
        .order_by("first", "party")
    )
    order = [party for party, _ in firsts]
    drawn = order[:MAX_ROWS]
    if not drawn:
        return [], 0
    found = grouped(row="party_id", parties=drawn, claims=[claim.pk])
    actors = Actor.objects.only("name", "slug").in_bulk(drawn)
    labels = {pk: (actor.name, actor.get_absolute_url()) for pk, actor in actors.items()}
    points = points_of(found, labels, lambda pk: {"actor": actors[pk].slug, "claim": claim.slug})
    return points, len(order) - len(drawn)


def actor_timeline_points(actor: Actor, parties: set[int]) -> tuple[list[TimelinePoint], int]:
    """The actor's points, one row per claim it spoke on (its MAX_ROWS busiest), and how
    many claims were left out (three queries). `parties` are the party threads holding
    its statements (queries.position_change_parties)."""
    spoken = tallies.values_of("claim", given=("actor", str(actor.pk)))
    drawn = [int(pk) for pk, _ in spoken[:MAX_ROWS]]
    if not drawn:
        return [], 0
    found = grouped(
        row="claim_id",
        parties=sorted(parties),
        claims=drawn,
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
