"""Finding what an editor is about to enter twice: a statement already recorded, or an
actor or claim whose name is close to an existing one."""

from __future__ import annotations

import datetime
import difflib

from django.db.models import Q, QuerySet

from claims import queries
from claims.models import Actor, ActorAlias, Claim, Statement

NEAR_DAYS = 7
NAME_CUTOFF = 0.75


def similar_statements(
    *,
    actor: Actor,
    claim: Claim,
    made_on: datetime.date,
    stance: str | None = None,
    exclude_id: int | None = None,
) -> QuerySet[Statement]:
    """Statements by the same actor on the same claim within a week: probably the same
    statement reported by another article, which should get a second quote instead.

    The editor's form warns whatever the stance (a person may have picked the wrong
    one); the API, whose clients cannot look, refuses only a same-stance statement."""
    window = datetime.timedelta(days=NEAR_DAYS)
    # A statement dated by its month or year covers every day of it ("in October").
    near = Statement.objects.filter(actor=actor, claim=claim).filter(
        Q(made_on__range=(made_on - window, made_on + window))
        | Q(made_on_precision="month", made_on=made_on.replace(day=1))
        | Q(made_on_precision="year", made_on=made_on.replace(month=1, day=1))
    )
    if stance is not None:
        near = near.filter(stance=stance)
    if exclude_id:
        near = near.exclude(pk=exclude_id)
    return near.select_related("actor", "speaker", "claim").order_by("made_on", "id")


def similar_actors(name: str, limit: int = 5, among: QuerySet[Actor] | None = None) -> list[Actor]:
    """Actors (of `among`, all by default) whose name or an alias is close to `name`
    (spelling variants)."""
    folded = name.strip().casefold()
    if not folded:
        return []
    actors = among if among is not None else Actor.objects.all()
    names: dict[str, set[int]] = {}
    for pk, actor_name in actors.values_list("pk", "name"):
        names.setdefault(actor_name.casefold(), set()).add(pk)
    aliases = ActorAlias.objects.filter(actor__in=actors.values("pk"))
    for pk, alias in aliases.values_list("actor_id", "name"):
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


def actor_hint(typed: str, among: QuerySet[Actor] | None = None) -> str:
    """How to name the actor meant by a slug that names none, for an error message:
    "did you mean 'ukraine' (alias Kiev)?", or "" when nothing comes close."""
    among = among if among is not None else Actor.objects.all()
    folded = typed.strip().casefold()
    exact = list(queries.actors_named([typed], among=among).prefetch_related("aliases")[:3])
    if exact:
        ways = []
        for actor in exact:
            alias = next((a.name for a in actor.aliases.all() if a.name.casefold() == folded), "")
            ways.append(f"'{actor.slug}' ({'alias ' + alias if alias else actor.name})")
        return "did you mean " + " or ".join(ways) + "?"
    close = similar_actors(typed, limit=3, among=among)
    if close:
        return "did you mean " + " or ".join(f"'{a.slug}' ({a.name})" for a in close) + "?"
    return ""


def claim_hint(typed: str) -> str:
    """ "did you mean 'iran-supplied-drones-to-russia' (Iran supplied ...)?" or "" """
    slugs = dict(Claim.objects.values_list("slug", "text"))
    close = difflib.get_close_matches(typed.strip().casefold(), list(slugs), n=3, cutoff=0.6)
    close += [c.slug for c in similar_claims(typed, limit=3) if c.slug not in close]
    if not close:
        return ""
    return "did you mean " + " or ".join(f"'{slug}' ({slugs[slug]})" for slug in close[:3]) + "?"
