"""Facet counts for the statement list: for each facet, how many statements each value
has under the other filters, so a researcher sees what selecting it would give.

Under no other filter, or one filter with one value, a facet's counts are read from the
tallies the database keeps exact (claims.tallies): one indexed read, however many
statements there are. Under more, or under a text search or a date range, they are
counted over the statements those filters leave: one GROUP BY per facet (three for the
actor facet) plus one query for the labels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.functional import cached_property

from claims import tallies
from claims.filters import StatementFilter
from claims.models import Actor, Claim, Quote, Stance, Statement, StatementTag
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


# The filters with a tally, and how a chosen value is written as its tally tag.
TALLIED = ("actor", "speaker", "stance", "claim", "outlet", "year")
NOT_TALLIED = object()


def _tag(value) -> str:
    return str(value.pk) if hasattr(value, "pk") else str(value)


def active_filters(filterset: StatementFilter) -> dict[str, list[str]] | None:
    """The filters in use, as tally tags; None when one without a tally (the text
    search, a date range) is in use."""
    active = {}
    for name, value in filterset.form.cleaned_data.items():
        if not value:
            continue
        if name not in TALLIED:
            return None
        active[name] = [_tag(v) for v in value]
    return active


def tally_given(active: dict[str, list[str]] | None, skip: str = ""):
    """What to read the tallies under for the filters but `skip`: None for no filter,
    (facet, value) for one filter with one value, else NOT_TALLIED."""
    if active is None:
        return NOT_TALLIED
    others = [(name, values) for name, values in active.items() if name != skip]
    if not others:
        return None
    if len(others) == 1 and len(others[0][1]) == 1:
        return others[0][0], others[0][1][0]
    return NOT_TALLIED


def matching_count(filterset: StatementFilter) -> int | None:
    """How many statements the filters match, from the tallies; None if they cannot say."""
    given = tally_given(active_filters(filterset))
    return None if given is NOT_TALLIED else tallies.statements_with(given)


def _counts(queryset, key) -> list[tuple[object, int]]:
    rows = queryset.values(key).annotate(n=Count("id")).order_by("-n", key)[:FACET_LIMIT]
    return [(row[key], row["n"]) for row in rows if row[key] is not None]


def _actor_counts(queryset) -> list[tuple[int, int]]:
    # Choosing an actor lists its statements as party, as actor and as speaker
    # (StatementQuerySet.by_actors): count each statement once under each of them.
    counts: dict[int, int] = {}
    for column, condition in (
        ("party_id", Q()),
        ("actor_id", ~Q(actor_id=F("party_id"))),
        ("speaker_id", ~Q(speaker_id=F("party_id")) & ~Q(speaker_id=F("actor_id"))),
    ):
        rows = queryset.filter(condition).values_list(column).annotate(n=Count("id")).order_by()
        for key, n in rows:
            if key is not None:
                counts[key] = counts.get(key, 0) + n
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:FACET_LIMIT]


def _outlet_counts(queryset) -> list[tuple[int, int]]:
    rows = (
        Quote.objects.filter(statement__in=queryset.values("id"))
        .values("article__outlet_id")
        .annotate(n=Count("statement_id", distinct=True))
        .order_by("-n", "article__outlet_id")[:FACET_LIMIT]
    )
    return [(row["article__outlet_id"], row["n"]) for row in rows]


def _year_counts(queryset) -> list[tuple[int, int]]:
    rows = queryset.annotate(year=ExtractYear("made_on")).values("year").annotate(n=Count("id"))
    return [(row["year"], row["n"]) for row in rows.order_by("-n", "year")[:FACET_LIMIT]]


def _in_bulk(model, field: str):
    def labels(keys) -> dict:
        records = model.objects.in_bulk(keys)
        return {pk: (record.slug, getattr(record, field)) for pk, record in records.items()}

    return labels


# name, title, counted over a queryset, the labels of its keys, the key of a tag.
FACETS = (
    ("actor", "Actor", _actor_counts, _in_bulk(Actor, "name"), int),
    ("speaker", "Speaker", lambda qs: _counts(qs, "speaker_id"), _in_bulk(Actor, "name"), int),
    (
        "stance",
        "Stance",
        lambda qs: _counts(qs, "stance"),
        lambda keys: {value: (value, label) for value, label in Stance.choices},
        str,
    ),
    ("claim", "Claim", lambda qs: _counts(qs, "claim_id"), _in_bulk(Claim, "text"), int),
    ("outlet", "Outlet", _outlet_counts, _in_bulk(Outlet, "name"), int),
    (
        "year",
        "Year",
        _year_counts,
        lambda keys: {year: (str(year), str(year)) for year in keys},
        int,
    ),
)


def _facet(name, title, pairs, labels, params, chosen: set[str]) -> Facet:
    values = []
    for key, count in pairs:
        value, label = labels.get(key, (str(key), str(key)))
        values.append(
            FacetValue(
                value,
                label,
                count,
                str(key) in chosen,
                toggled(params, name, value),
            )
        )
    return Facet(name, title, values)


# A text search for a common word matches a good share of all statements: its counts
# are made over the newest SEARCH_CAP matches, and the page says so ("5,000+"). Finding
# them costs about 40 ms per thousand on PostgreSQL at 1,000,000 statements.
SEARCH_CAP = 5_000


@dataclass(frozen=True)
class Matches:
    """The newest matches of a text search, at most SEARCH_CAP of them, and every
    facet's counts among them, from the tags the tallies count them under
    (claims_statementtag): two queries, whatever the facet."""

    ids: list[int]
    capped: bool  # more statements match than were counted

    @classmethod
    def of(cls, queryset: QuerySet[Statement]) -> Matches:
        ids = queryset.order_by("-made_on", "-id").values_list("pk", flat=True)
        ids = list(ids[: SEARCH_CAP + 1])
        return cls(ids[:SEARCH_CAP], len(ids) > SEARCH_CAP)

    @cached_property
    def tagged(self) -> dict[str, list[tuple[str, int]]]:
        # The ids go as one parameter (an array, or JSON on SQLite): 10,000 parameters
        # took longer to plan than the count.
        if connection.vendor == "postgresql":
            listed = RawSQL("SELECT unnest(%s::bigint[])", [self.ids])
        else:
            listed = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(self.ids)])
        rows = (
            StatementTag.objects.filter(statement_id__in=listed)
            .values_list("facet", "value")
            .annotate(n=Count("statement_id"))  # in the index: no table read
            .order_by("facet", "-n", "value")
        )
        tagged: dict[str, list[tuple[str, int]]] = {}
        for facet, value, n in rows:
            tagged.setdefault(facet, []).append((value, n))
        return tagged

    def counts(self, name: str) -> list[tuple[str, int]]:
        return self.tagged.get(name, [])


def statement_facets(
    filterset: StatementFilter, params: QueryDict, matches: Matches | None = None
) -> list[Facet]:
    """The facets; `matches`, the text search's matches under every filter, if read."""
    active = active_filters(filterset)
    searching = bool((filterset.form.cleaned_data.get("q") or "").strip())
    cleaned = filterset.form.cleaned_data
    by_left_out = {"": matches} if matches else {}  # by the filter left out, "" for none
    facets = []
    for name, title, counted, labels_of, key_of in FACETS:
        given = tally_given(active, skip=name)
        if given is NOT_TALLIED and searching:
            left_out = name if cleaned.get(name) else ""
            if left_out not in by_left_out:
                by_left_out[left_out] = Matches.of(filtered_except(filterset, left_out))
            pairs = [(key_of(v), n) for v, n in by_left_out[left_out].counts(name)]
            pairs = pairs[:FACET_LIMIT]
        elif given is NOT_TALLIED:
            pairs = counted(filtered_except(filterset, name))
        else:
            pairs = [(key_of(v), n) for v, n in tallies.values_of(name, given)[:FACET_LIMIT]]
        if name == "year":  # newest first, as a timeline reads
            pairs.sort(key=lambda pair: -pair[0])
        chosen = {_tag(v) for v in cleaned.get(name) or []}
        labels = labels_of([key for key, _ in pairs])
        facets.append(_facet(name, title, pairs, labels, params, chosen))
    return facets
