"""Facet counts for the statement list: for each facet, how many statements each value
has under the other filters, so a researcher sees what selecting it would give.

Each facet is one GROUP BY query plus one query for its labels, whatever the data size
(the actor facet one more, for what people said as speakers).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict

from claims.filters import StatementFilter
from claims.models import Actor, Claim, Quote, Stance, Statement
from sources.models import Outlet

FACET_LIMIT = 12


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    query: str  # the query string that toggles this value

    @property
    def css_class(self) -> str:
        return f"stance-{self.value}" if self.value in Stance.values else ""


@dataclass(frozen=True)
class Facet:
    name: str
    title: str
    values: list[FacetValue]


def filtered_except(filterset: StatementFilter, skip: str) -> QuerySet[Statement]:
    # Counting needs none of the list's prefetches and annotations: start afresh.
    queryset = Statement.objects.all()
    for name, value in filterset.form.cleaned_data.items():
        if name != skip:
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def toggled(params: QueryDict, name: str, value: str) -> str:
    query = params.copy()
    query.pop("page", None)
    values = query.getlist(name)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    query.setlist(name, values)
    return query.urlencode()


def selected_values(params: QueryDict, name: str) -> set[str]:
    return {value.strip() for value in params.getlist(name)}


def _counts(queryset, key) -> list[tuple[object, int]]:
    rows = queryset.values(key).annotate(n=Count("id")).order_by("-n", key)[:FACET_LIMIT]
    return [(row[key], row["n"]) for row in rows if row[key] is not None]


def _facet(name, title, pairs, labels, params, selected_keys) -> Facet:
    values = []
    for key, count in pairs:
        value, label = labels.get(key, (str(key), str(key)))
        values.append(
            FacetValue(
                value,
                label,
                count,
                value in selected_keys or key in selected_keys,
                toggled(params, name, value),
            )
        )
    return Facet(name, title, values)


def statement_facets(filterset: StatementFilter, params: QueryDict) -> list[Facet]:
    cleaned = filterset.form.cleaned_data
    facets = []

    by_party = filtered_except(filterset, "actor")
    pairs = _counts(by_party, "party")
    # Choosing a person also lists what they said as speaker for another party
    # (StatementQuerySet.by_actors): count that too, so each number is what choosing
    # the value gives.
    spoken = dict(
        by_party.filter(speaker_id__in=[key for key, _ in pairs])
        .exclude(speaker_id=F("party_id"))
        .values_list("speaker_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    pairs = sorted(((key, n + spoken.get(key, 0)) for key, n in pairs), key=lambda p: -p[1])
    actors = Actor.objects.in_bulk([key for key, _ in pairs])
    labels = {pk: (actor.slug, actor.name) for pk, actor in actors.items()}
    chosen = {actor.slug for actor in cleaned.get("actor") or []}
    facets.append(_facet("actor", "Actor", pairs, labels, params, chosen))

    pairs = _counts(filtered_except(filterset, "speaker"), "speaker_id")
    speakers = Actor.objects.in_bulk([key for key, _ in pairs])
    labels = {pk: (actor.slug, actor.name) for pk, actor in speakers.items()}
    chosen = {actor.slug for actor in cleaned.get("speaker") or []}
    facets.append(_facet("speaker", "Speaker", pairs, labels, params, chosen))

    pairs = _counts(filtered_except(filterset, "stance"), "stance")
    labels = {value: (value, label) for value, label in Stance.choices}
    facets.append(
        _facet("stance", "Stance", pairs, labels, params, set(cleaned.get("stance") or []))
    )

    pairs = _counts(filtered_except(filterset, "claim"), "claim_id")
    claims = Claim.objects.in_bulk([key for key, _ in pairs])
    labels = {pk: (claim.slug, claim.text) for pk, claim in claims.items()}
    chosen = {claim.slug for claim in cleaned.get("claim") or []}
    facets.append(_facet("claim", "Claim", pairs, labels, params, chosen))

    statements = filtered_except(filterset, "outlet")
    rows = (
        Quote.objects.filter(statement__in=statements.values("id"))
        .values("article__outlet_id")
        .annotate(n=Count("statement_id", distinct=True))
        .order_by("-n", "article__outlet_id")[:FACET_LIMIT]
    )
    pairs = [(row["article__outlet_id"], row["n"]) for row in rows]
    outlets = Outlet.objects.in_bulk([key for key, _ in pairs])
    labels = {pk: (outlet.slug, outlet.name) for pk, outlet in outlets.items()}
    chosen = {outlet.slug for outlet in cleaned.get("outlet") or []}
    facets.append(_facet("outlet", "Outlet", pairs, labels, params, chosen))

    by_year = filtered_except(filterset, "year").annotate(year=ExtractYear("made_on"))
    rows = by_year.values("year").annotate(n=Count("id")).order_by("-year")[:FACET_LIMIT]
    pairs = [(row["year"], row["n"]) for row in rows]
    labels = {year: (str(year), str(year)) for year, _ in pairs}
    chosen = {str(year) for year in cleaned.get("year") or []}
    facets.append(_facet("year", "Year", pairs, labels, params, chosen))
    return facets
