"""The home page's overview: the busiest claims with their standing, and each busy
party's latest stance on each busy claim, read from the tallies and the indexes so the
first view after a write is as quick as any."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from claims import queries, tallies
from claims.models import Actor, Claim, Statement

MATRIX_ACTORS = 12  # the seed has 11 parties: the whole of it fits
MATRIX_CLAIMS = 8
# Busy actors looked at to find MATRIX_ACTORS parties (the actor tally counts people too).
CANDIDATE_ACTORS = 60


def most_active_claims(limit: int) -> list[Claim]:
    ids = [int(value) for value, _ in tallies.values_of("claim", limit=limit)]
    claims = sorted(
        queries.claims_for_list().filter(pk__in=ids),
        key=lambda claim: (-claim.statement_count, claim.text),
    )
    for claim in claims:
        claim.standing = queries.claim_standing(claim)
    return claims


@dataclass(frozen=True)
class MatrixCell:
    stance: str
    statement: Statement


@dataclass(frozen=True)
class StanceMatrix:
    actors: list[Actor]
    claims: list[Claim]
    rows: list[tuple[Actor, list[MatrixCell | None]]]


def busiest_parties(limit: int) -> list[Actor]:
    """The actors statements count for (no person speaking for a body), busiest first."""
    counted = [int(value) for value, _ in tallies.values_of("actor", limit=CANDIDATE_ACTORS)]
    actors = Actor.objects.in_bulk(counted)
    parties = [actors[pk] for pk in counted if pk in actors and actors[pk].speaks_for_id is None]
    return parties[:limit]


def latest_statement_ids(pairs: list[tuple[int, int]]) -> list[int]:
    """The id of each (party, claim)'s latest statement: one index probe per pair on the
    party thread index, all in one query."""
    if not pairs:
        return []
    table = connection.ops.quote_name(Statement._meta.db_table)
    probe = (
        f"SELECT (SELECT id FROM {table} WHERE party_id = %s AND claim_id = %s"
        " ORDER BY made_on DESC, id DESC LIMIT 1)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join([probe] * len(pairs)), [n for pair in pairs for n in pair]
        )
        return [row[0] for row in cursor.fetchall() if row[0] is not None]


def stance_matrix(
    actor_limit: int = MATRIX_ACTORS, claim_limit: int = MATRIX_CLAIMS
) -> StanceMatrix:
    """Each busy party's latest stance on each busy claim: four queries in all."""
    actors = busiest_parties(actor_limit)
    claim_ids = [int(value) for value, _ in tallies.values_of("claim", limit=claim_limit)]
    by_id = Claim.objects.in_bulk(claim_ids)
    claims = [by_id[pk] for pk in claim_ids if pk in by_id]
    pairs = [(actor.pk, claim.pk) for actor in actors for claim in claims]
    latest = Statement.objects.select_related("claim").filter(pk__in=latest_statement_ids(pairs))
    cells = {(s.party_id, s.claim_id): MatrixCell(s.stance, s) for s in latest}
    rows = [(actor, [cells.get((actor.pk, claim.pk)) for claim in claims]) for actor in actors]
    return StanceMatrix(actors, claims, rows)
