"""An actor's history: its statements grouped by claim, cut into pages without sorting
them all, and its position changes (its statements that change its party's stance on a
claim), read from the indexes and the tallies so a busy actor's page is quick the first
time it is drawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from claims import tallies
from claims.models import Actor, Claim, Statement

ACTOR_HISTORY_ORDER = ("claim__text", "claim_id", "made_on", "id")


def actor_history(actor: Actor) -> QuerySet[Statement]:
    """Lean rows in page order (grouped by claim); `details_of` dresses a page."""
    return Statement.objects.by_actor(actor).order_by(*ACTOR_HISTORY_ORDER)


def actor_claims_in_order(actor: Actor) -> list[tuple[int, int]]:
    """(claim id, the actor's statements on it) for each claim the actor spoke on, in the
    order of its history's pages (by claim text), from the tallies."""
    given = ("actor", str(actor.pk))
    counts = {int(claim): n for claim, n in tallies.values_of("claim", given)}
    # The claims put in order in the database, found there too: the busiest actor spoke
    # on every claim, and a list of 5,000 ids took longer to plan than to sort.
    ordered = Claim.objects.filter(pk__in=tallies.values_subquery("claim", given))
    ordered = ordered.order_by("text", "id").values_list("pk", flat=True)
    return [(pk, counts[pk]) for pk in ordered if pk in counts]


class ActorHistoryByClaim(Sequence):
    """The actor's whole history in page order (actor_history), cut into pages without
    sorting it: from how many statements the actor has on each claim, in page order
    (actor_claims_in_order), a page reads only the claims it covers. The busiest actor's
    141,000 statements were sorted by claim text for every page: 0.19 s on SQLite,
    0.06 s on PostgreSQL at 1,000,000 statements."""

    def __init__(self, actor: Actor, claims: list[tuple[int, int]]):
        self.actor, self.claims = actor, claims

    def __len__(self) -> int:
        return sum(n for _, n in self.claims)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("an actor's history is read a page (a slice) at a time")
        start, stop, _ = index.indices(len(self))
        covered, skipped, seen = [], 0, 0
        for claim, n in self.claims:
            if seen + n <= start:
                skipped += n
            elif seen < stop:
                covered.append(claim)
            seen += n
        rows = actor_history(self.actor).filter(claim_id__in=covered)
        return rows[start - skipped : stop - skipped]


POSITION_CHANGES_SHOWN = 20

# The actor's statements that change their party's stance on a claim, newest first,
# with the statement before, and the number of such changes in all (before LIMIT cuts),
# from one window over the party threads the statements belong to. The window reads
# only the columns of the (party, claim, made_on, id, stance) index, so a busy party's
# 141,000 statements are read from the index alone, not row by row; only the changes
# shown and the statements before them are read whole (actor_position_changes).
POSITION_CHANGES_SQL = """
SELECT t.id, t.previous_id, count(*) OVER () AS changes_in_all FROM (
    SELECT s.id, s.party_id, s.stance, s.made_on,
           LAG(s.stance) OVER thread AS previous_stance,
           LAG(s.id) OVER thread AS previous_id
    FROM {table} s
    WHERE s.party_id IN ({parties})
    WINDOW thread AS (PARTITION BY s.party_id, s.claim_id ORDER BY s.made_on, s.id)
) t
WHERE t.previous_stance <> t.stance
  AND (t.party_id = %s OR t.id IN (SELECT id FROM {table} WHERE actor_id = %s OR speaker_id = %s))
ORDER BY t.made_on DESC, t.id DESC
LIMIT %s
"""


@dataclass(frozen=True)
class PositionChanges:
    latest: list[Statement]
    in_all: int


def position_change_parties(actor: Actor) -> set[int]:
    """The parties whose threads hold the actor's statements (StatementQuerySet.by_actor):
    its own party's, and those of the parties it spoke for as a speaker."""
    parties = {actor.pk, actor.counts_for_id}
    parties |= set(
        Statement.objects.filter(speaker=actor).values_list("party_id", flat=True).distinct()
    )
    return parties


def actor_position_changes(actor: Actor, parties: set[int] | None = None) -> PositionChanges:
    """The latest POSITION_CHANGES_SHOWN of the actor's position changes (its statements that change
    its party's stance on a claim), with what came before, and how many there are.

    A busy actor has thousands of changes: the page shows the latest, not all (the
    history table below flags every one)."""
    parties = parties or position_change_parties(actor)
    sql = POSITION_CHANGES_SQL.format(
        table=connection.ops.quote_name(Statement._meta.db_table),
        parties=", ".join(["%s"] * len(parties)),
    )
    params = [*sorted(parties), actor.pk, actor.pk, actor.pk, POSITION_CHANGES_SHOWN]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    read = Statement.objects.select_related("claim").in_bulk(
        [pk for row in found for pk in row[:2]]
    )
    latest = []
    for pk, previous_pk, _ in found:
        change, previous = read[pk], read[previous_pk]
        change.previous_stance = previous.stance
        change.previous_made_on = previous.made_on
        change.previous_precision = previous.made_on_precision
        latest.append(change)
    return PositionChanges(latest, found[0][2] if found else 0)
