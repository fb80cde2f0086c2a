"""Finding what an editor is about to enter twice: a statement already recorded, or an
actor or claim whose name is close to an existing one."""

from __future__ import annotations

import datetime
import difflib

from django.db.models import Q, QuerySet

from claims.models import Actor, ActorAlias, Claim, Statement

NEAR_DAYS = 7
NAME_CUTOFF = 0.75


def similar_statements(
    *, actor: Actor, claim: Claim, made_on: datetime.date, exclude_id: int | None = None
) -> QuerySet[Statement]:
    """Statements by the same actor on the same claim within a week: probably the same
    statement reported by another article, which should get a second quote instead."""
    window = datetime.timedelta(days=NEAR_DAYS)
    # A statement dated by its month or year covers every day of it ("in October").
    near = Statement.objects.filter(actor=actor, claim=claim).filter(
        Q(made_on__range=(made_on - window, made_on + window))
        | Q(made_on_precision="month", made_on=made_on.replace(day=1))
        | Q(made_on_precision="year", made_on=made_on.replace(month=1, day=1))
    )
    if exclude_id:
        near = near.exclude(pk=exclude_id)
    return near.select_related("actor", "speaker", "claim").order_by("made_on", "id")


def similar_actors(name: str, limit: int = 5) -> list[Actor]:
    """Actors whose name or an alias is close to `name` (spelling variants)."""
    folded = name.strip().casefold()
    if not folded:
        return []
    names: dict[str, set[int]] = {}
    for pk, actor_name in Actor.objects.values_list("pk", "name"):
        names.setdefault(actor_name.casefold(), set()).add(pk)
    for pk, alias in ActorAlias.objects.values_list("actor_id", "name"):
        names.setdefault(alias.casefold(), set()).add(pk)
    close = difflib.get_close_matches(folded, list(names), n=limit * 2, cutoff=NAME_CUTOFF)
    # Containment only between names long enough to mean something: "Belarus" contains
    # the alias "US" and "Reuters" the alias "EU", and neither is close to those actors.
    contained = [n for n in names if min(len(folded), len(n)) > 3 and (folded in n or n in folded)]
    ids: list[int] = []
    for match in [*close, *contained]:
        for pk in sorted(names[match]):
            if pk not in ids:
                ids.append(pk)
    actors = Actor.objects.in_bulk(ids[:limit])
    return [actors[pk] for pk in ids[:limit] if pk in actors]


def similar_claims(text: str, limit: int = 5) -> list[Claim]:
    folded = text.strip().casefold()
    if not folded:
        return []
    texts = {t.casefold(): pk for pk, t in Claim.objects.values_list("pk", "text")}
    close = difflib.get_close_matches(folded, list(texts), n=limit, cutoff=0.75)
    claims = Claim.objects.in_bulk([texts[t] for t in close])
    return [claims[texts[t]] for t in close if texts[t] in claims]
