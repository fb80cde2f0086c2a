"""The querysets that pages, the API and the exports read, with what they prefetch.

Every function returns a bounded number of queries' worth of work whatever the data
size: lists are paginated by the caller, aggregates are GROUP BYs, and per-row facts
(position changes) are correlated subqueries, never a query per row in Python.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import NamedTuple

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce

from claims import standing
from claims.database.vendor import as_date
from claims.models import (
    Actor,
    ActorAlias,
    Claim,
    MergedActor,
    MergedClaim,
    Stance,
    Statement,
    Tally,
)
from claims.models.tallies import NO_FACET

# The longest name, slug or alias an actor can have.
LONGEST_NAME = max(
    Actor._meta.get_field("name").max_length,
    Actor._meta.get_field("slug").max_length,
    ActorAlias._meta.get_field("name").max_length,
)


def statements_for_list() -> QuerySet[Statement]:
    """Lean rows to filter, count and cut into pages; `details_of` dresses a page."""
    return Statement.objects.order_by("-made_on", "-id")


def details_of(ids: list[int]) -> list[Statement]:
    """The statements with these ids (a page) with their actor, claim, quotes and
    previous stance, in the same order.

    Two steps on purpose: cut the page first on the lean query, then annotate only its
    rows. Annotating the whole list made the database compute a previous stance for
    every matching row before sorting (28 s for `stance=denied` at 10,000 statements)."""
    detailed = Statement.objects.with_sources().with_previous_stance().filter(pk__in=ids).in_bulk()
    return [detailed[pk] for pk in ids]


def statement_detail(pk: int) -> Statement | None:
    return Statement.objects.with_sources().with_previous_stance().filter(pk=pk).first()


def statements_for_api() -> QuerySet[Statement]:
    return Statement.objects.with_sources().order_by("-made_on", "-id")


def statements_for_export() -> QuerySet[Statement]:
    # No prefetch: claims.exports.statements.records reads each chunk's quotes as plain values.
    return Statement.objects.select_related("actor", "speaker", "claim").order_by("-made_on", "-id")


def claim_timeline(claim: Claim) -> QuerySet[Statement]:
    """Lean rows in date order; `details_of` dresses a page."""
    return Statement.objects.on_claim(claim).order_by("made_on", "id")


def actors_named(
    names: Iterable[str], *, partial: bool = False, among: QuerySet[Actor] | None = None
) -> QuerySet[Actor]:
    """Actors whose name, slug or any alias equals one of `names`, ignoring case ("Kiev",
    "kannani"), or with `partial` contains one of them.

    The one lookup of an actor by what a person typed: the actor list, the API, the
    statement filters, the editor's suggestions and the statement forms all use it.
    """
    # No name holds a NUL, and PostgreSQL refuses to compare text that does. None is
    # longer than its column either, and SQLite refuses a LIKE pattern past 50,000 bytes
    # (a 500 for a pasted megabyte): longer text names no actor, whole or in part.
    wanted = [name.replace("\x00", "").strip() for name in names]
    wanted = [name for name in wanted if name and len(name) <= LONGEST_NAME]
    actors = among if among is not None else Actor.objects.all()
    if not wanted:
        return actors.none()
    lookup = "icontains" if partial else "iexact"
    spelled = reduce(
        or_,
        (
            Q(**{f"name__{lookup}": name})
            | Q(**{f"slug__{lookup}": name})
            | Q(**{f"aliases__name__{lookup}": name})
            for name in wanted
        ),
    )
    # A subquery rather than a join: an actor with several matching aliases is listed
    # once, and counts annotated on `among` are not multiplied by its aliases.
    return actors.filter(pk__in=Actor.objects.filter(spelled).values("pk"))


def merged_targets(model, slugs: Iterable[str]) -> dict[str, Actor | Claim]:
    """The actors or claims that merged-away slugs now name, so that old bookmarks and
    scripts keep working after a merge ({"kanaani-dup": <Actor nasser-kanaani>})."""
    merged, field = {Actor: (MergedActor, "actor"), Claim: (MergedClaim, "claim")}.get(
        model, (None, "")
    )
    slugs = [slug for slug in slugs if "\x00" not in slug]
    if merged is None or not slugs:
        return {}
    rows = merged.objects.filter(old_slug__in=slugs).select_related(field)
    return {row.old_slug: getattr(row, field) for row in rows}


def resolve_actors(values: list[str], queryset: QuerySet[Actor] | None = None):
    """Actors by slug, name or any alias, ignoring case ("Kiev", "kannani"), or by the
    slug of an actor merged into them."""
    wanted = {v.casefold(): v for v in values}
    matches = actors_named(values, among=queryset).prefetch_related("aliases")
    found, matched = [], set()
    for actor in matches:
        names = {actor.slug.casefold(), actor.name.casefold()}
        names |= {alias.name.casefold() for alias in actor.aliases.all()}
        hit = names & wanted.keys()
        if hit:
            found.append(actor)
            matched |= hit
    unknown = [wanted[key] for key in wanted.keys() - matched]
    targets = merged_targets(Actor, unknown)
    allowed = (
        set(
            (queryset if queryset is not None else Actor.objects.all())
            .filter(pk__in=[target.pk for target in targets.values()])
            .values_list("pk", flat=True)
        )
        if targets
        else set()
    )
    for slug, target in targets.items():
        if target.pk in allowed:
            unknown.remove(slug)
            if target not in found:
                found.append(target)
    return found, unknown


def resolve_slugs(model):
    """A resolver of slugs of `model` (and merged-away ones) for the statement filters."""

    def resolve(values: list[str]):
        found = list(model.objects.filter(slug__in=values))
        known = {record.slug for record in found}
        unknown = [v for v in values if v not in known]
        for slug, target in merged_targets(model, unknown).items():
            unknown.remove(slug)
            if target not in found:
                found.append(target)
        return found, unknown

    return resolve


def resolve_speakers(values: list[str]):
    return resolve_actors(values, Actor.objects.persons())


def claim_named(typed: str, among: QuerySet[Claim] | None = None) -> Claim | None:
    """The claim `typed` names: its slug, its text (ignoring case), or the slug of a
    claim merged into it. The one lookup of a claim by what a person typed."""
    claims = among if among is not None else Claim.objects.all()
    typed = typed.strip()
    if not typed or "\x00" in typed or len(typed) > Claim._meta.get_field("text").max_length:
        return None  # as actors_named: nothing longer than its column names a claim
    found = claims.filter(slug=typed).first() or claims.filter(text__iexact=typed).first()
    if found is None:
        target = merged_targets(Claim, [typed]).get(typed)
        found = claims.filter(pk=target.pk).first() if target is not None else None
    return found


def actors_for_list() -> QuerySet[Actor]:
    return (
        Actor.objects.select_related("speaks_for")
        .prefetch_related("aliases")
        .annotate(
            statement_count=Count("statements", distinct=True),
            spoken_count=Count("spoken_statements", distinct=True),
        )
        .order_by("kind", "name")
    )


def claims_for_list() -> QuerySet[Claim]:
    """Claims, busiest first, with their counts by stance read from the tallies and
    their first confirmation and last denial from the (claim, stance, made_on) index:
    a few index reads per claim, never a GROUP BY over the statements."""

    def tallied(facet_a: str = NO_FACET, value_a: str = NO_FACET) -> Coalesce:
        count = Tally.objects.filter(
            facet_a=facet_a,
            value_a=value_a,
            facet_b="claim",
            value_b=Cast(OuterRef("pk"), CharField()),
        ).values("statements")
        return Coalesce(Subquery(count), 0)

    def made_on(order: str, **where) -> Subquery:
        on_claim = Statement.objects.filter(claim=OuterRef("pk"), **where).order_by(order)
        return Subquery(on_claim.values("made_on")[:1])

    return Claim.objects.annotate(
        statement_count=tallied(),
        **{f"{stance}_count": tallied("stance", stance) for stance in Stance.values},
        last_made_on=made_on("-made_on"),
        first_confirmed_on=made_on("made_on", stance="confirmed"),
        last_denied_on=made_on("-made_on", stance="denied"),
    ).order_by("-statement_count", "text")


def claim_standing(claim: Claim) -> standing.Standing:
    """Standing of a claim annotated by claims_for_list(), without loading statements."""
    stances = [
        stance
        for stance in ("asserted", "denied", "confirmed")
        if getattr(claim, f"{stance}_count", 0)
    ]
    confirmed, denied = claim.first_confirmed_on, claim.last_denied_on
    return standing.standing_of(
        stances, denied_after_confirmation=bool(confirmed and denied and denied > confirmed)
    )


def claim_standing_summary(claim: Claim) -> standing.StandingSummary:
    """Who confirmed the claim (each party's first confirmation) and who denied it after
    the first confirmation (each party's last denial), for a claim annotated by
    claims_for_list(): three small queries, one row per party."""
    derived = claim_standing(claim)
    if not claim.first_confirmed_on:
        return standing.StandingSummary(derived)
    confirmed = party_voices(claim, "confirmed", first=True)
    denied = party_voices(claim, "denied", first=False, after=claim.first_confirmed_on)
    names = dict(
        Actor.objects.filter(pk__in={v.party_id for v in (*confirmed, *denied)}).values_list(
            "pk", "name"
        )
    )

    def voices(rows) -> tuple[standing.Voice, ...]:
        said = [standing.Voice(names[r.party_id], r.made_on, r.made_on_precision) for r in rows]
        return tuple(sorted(said, key=lambda voice: (voice.made_on, voice.party)))

    return standing.StandingSummary(
        derived, confirmed_by=voices(confirmed), still_denied_by=voices(denied)
    )


class Voiced(NamedTuple):
    pk: int
    party_id: int
    made_on: datetime.date
    made_on_precision: str


# Each party's first (MIN) or last (MAX) statement of one stance on a claim, after a
# date: the dates grouped from the (claim, stance, party, made_on) index alone, then
# the statements on those dates. A window ranking every statement read each one's row:
# 0.3 s for the busiest claim's 27,000 confirmations at 1,000,000 statements.
PARTY_VOICES_SQL = """
SELECT s.id, s.party_id, s.made_on, s.made_on_precision FROM {table} s
JOIN (
    SELECT party_id, {pick}(made_on) AS made_on FROM {table}
    WHERE claim_id = %s AND stance = %s AND made_on > %s GROUP BY party_id
) f ON s.party_id = f.party_id AND s.made_on = f.made_on
WHERE s.claim_id = %s AND s.stance = %s
"""


def party_voices(
    claim: Claim, stance: str, *, first: bool, after: datetime.date = datetime.date.min
) -> list[Voiced]:
    """Each party's first (or last) statement of `stance` on the claim made after
    `after`: ties on a date go to the lower (or higher) id, as in the party's thread.
    Plain rows: a busy claim's parties tie on thousands of statements a day."""
    sql = PARTY_VOICES_SQL.format(
        table=connection.ops.quote_name(Statement._meta.db_table), pick="MIN" if first else "MAX"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [claim.pk, stance, after, claim.pk, stance])
        rows = cursor.fetchall()
    chosen: dict[int, Voiced] = {}
    for pk, party_id, made_on, precision in rows:
        kept = chosen.get(party_id)
        if kept is None or (pk < kept.pk) == first:
            chosen[party_id] = Voiced(pk, party_id, as_date(made_on), precision)
    return list(chosen.values())
