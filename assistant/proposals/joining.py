"""The recorded statement each proposal would join: the statement form's own duplicate
rule (claims.suggestions.similar_statements: the same actor and claim within a week, or
in the month or year a coarser date names), with the same stance, as joining means
adding a quote to a statement that says the same thing.

One query for all proposals: the rule's querysets for each proposal, marked with its
number, in one UNION (in chunks, as SQLite caps a compound select at 500 terms)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import IntegerField, Value

from claims.models import Actor, Claim
from claims.suggestions import similar_statements

CHUNK = 100


@dataclass(frozen=True)
class Candidate:
    actor_slug: str
    claim_slug: str
    stance: str
    made_on: datetime.date


def joined_statements(candidates: list[Candidate | None]) -> list[int | None]:
    """For each candidate (None: nothing to join), the id of the statement it joins."""
    wanted = [c for c in candidates if c is not None]
    found: list[int | None] = [None] * len(candidates)
    if not wanted:
        return found
    actors = {a.slug: a for a in Actor.objects.filter(slug__in={c.actor_slug for c in wanted})}
    claims = {c.slug: c for c in Claim.objects.filter(slug__in={c.claim_slug for c in wanted})}
    # One query term per distinct candidate: a passage proposed for two claims, or the
    # same statement quoted twice, asks once.
    first_of: dict[Candidate, int] = {}
    for i, c in enumerate(candidates):
        if c is not None and c.actor_slug in actors and c.claim_slug in claims:
            first_of.setdefault(c, i)
    numbered = [(i, c) for c, i in first_of.items()]
    for offset in range(0, len(numbered), CHUNK):
        chunk = numbered[offset : offset + CHUNK]
        queries = [
            similar_statements(
                actor=actors[c.actor_slug],
                claim=claims[c.claim_slug],
                made_on=c.made_on,
                stance=c.stance,
            )
            .order_by()
            .annotate(proposal=Value(i, output_field=IntegerField()))
            .values_list("proposal", "pk")
            for i, c in chunk
        ]
        union = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
        for i, pk in union:
            if found[i] is None or pk < found[i]:
                found[i] = pk
    for i, c in enumerate(candidates):
        if c is not None and c in first_of:
            found[i] = found[first_of[c]]
    return found
