"""Facet counts for the statement list: for each facet, how many statements each value
has under the other filters, so a researcher sees what selecting it would give.

Under no other filter, or one filter with one value, a facet's counts are read from the
tallies the database keeps exact (claims.tallies): one indexed read, however many
statements there are. Under more, or under a date range, they are counted over the
statements those filters leave, all facets under the same filters in one query
(counted_under), which also gives the list its total; under a text search, over its
newest matches (Matches).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.functional import cached_property

from claims import tallies
from claims.filters import StatementFilter
from claims.models import Actor, Claim, Stance, Statement, StatementTag
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


# How each facet is counted over the statements some filters leave (the CTE `m` of
# counted_under): (facet, key as text) per group. The actor facet counts a statement
# once under each of its party, its actor and its speaker (StatementQuerySet.by_actors),
# so its last two parts leave out the statements already counted under the first.
COUNTED_PARTS = {
    "actor": (
        "SELECT 'actor', CAST(party_id AS TEXT), COUNT(*) FROM m GROUP BY party_id",
        "SELECT 'actor', CAST(actor_id AS TEXT), COUNT(*) FROM m"
        " WHERE actor_id <> party_id GROUP BY actor_id",
        "SELECT 'actor', CAST(speaker_id AS TEXT), COUNT(*) FROM m WHERE speaker_id"
        " IS NOT NULL AND speaker_id <> party_id AND speaker_id <> actor_id GROUP BY speaker_id",
    ),
    "speaker": (
        "SELECT 'speaker', CAST(speaker_id AS TEXT), COUNT(*) FROM m"
        " WHERE speaker_id IS NOT NULL GROUP BY speaker_id",
    ),
    "stance": ("SELECT 'stance', stance, COUNT(*) FROM m GROUP BY stance",),
    "claim": ("SELECT 'claim', CAST(claim_id AS TEXT), COUNT(*) FROM m GROUP BY claim_id",),
    "year": ("SELECT 'year', CAST(year AS TEXT), COUNT(*) FROM m GROUP BY year",),
    # A statement's outlets are its "outlet" tags (claims.database.tallies): no join
    # through its quotes and their articles.
    "outlet": (
        "SELECT 'outlet', t.value, COUNT(*) FROM claims_statementtag t"
        " WHERE t.facet = 'outlet' AND t.statement_id IN (SELECT id FROM m) GROUP BY t.value",
    ),
}
TOTAL = ""  # counted_under's name for how many statements there are in all
COUNTED_PARTS[TOTAL] = ("SELECT '', '', COUNT(*) FROM m",)
COUNTED_COLUMNS = ("id", "party_id", "actor_id", "speaker_id", "stance", "claim_id", "year")


def counted_under(queryset: QuerySet[Statement], names) -> dict[str, list[tuple[str, int]]]:
    """For each facet in `names`, (value, statements) among the statements of
    `queryset`, most first: one query for all of them, which reads the filtered
    statements once (materialised) and groups them once per facet."""
    rows = queryset.annotate(year=ExtractYear("made_on")).values_list(*COUNTED_COLUMNS)
    try:
        sql, params = rows.order_by().query.sql_with_params()
    except EmptyResultSet:
        return {name: [] for name in names}
    parts = [part for name in names for part in COUNTED_PARTS[name]]
    columns = ", ".join(COUNTED_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH m ({columns}) AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts), params
        )
        found = cursor.fetchall()
    totals: dict[str, dict[str, int]] = {name: {} for name in names}
    for name, value, n in found:
        if value is not None and (n or name != TOTAL):
            totals[name][value] = totals[name].get(value, 0) + n
    return {name: sorted(counts.items(), key=_most_first) for name, counts in totals.items()}


def _most_first(pair: tuple[str, int]):
    value, n = pair
    return (-n, int(value) if value.isdigit() else 0, value)


def _in_bulk(model, field: str):
    def labels(keys) -> dict:
        if not keys:
            return {}
        rows = model.objects.filter(pk__in=keys).values_list("pk", "slug", field)
        return {pk: (slug, label) for pk, slug, label in rows}

    return labels


ACTOR_LABELS = _in_bulk(Actor, "name")  # one read for the actor and speaker facets

# name, title, the labels of its keys, the key of a tag.
FACETS = (
    ("actor", "Actor", ACTOR_LABELS, int),
    ("speaker", "Speaker", ACTOR_LABELS, int),
    (
        "stance",
        "Stance",
        lambda keys: {value: (value, label) for value, label in Stance.choices},
        str,
    ),
    ("claim", "Claim", _in_bulk(Claim, "text"), int),
    ("outlet", "Outlet", _in_bulk(Outlet, "name"), int),
    ("year", "Year", lambda keys: {year: (str(year), str(year)) for year in keys}, int),
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


def listed(ids: list[int]) -> RawSQL:
    """The ids as one parameter (an array, or JSON on SQLite), for `pk__in`: 10,000
    parameters took longer to plan than the query."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


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

    @classmethod
    def among(cls, alone: Matches, filtered: QuerySet[Statement]) -> Matches:
        """The same search's matches under filters, read among the search's own matches
        (`alone`, which must hold them all: not capped); `filtered`, the statements the
        other filters keep. Asked for both at once, the database walked every statement
        by date testing each filter and quote: 0.8 s for a busy actor and a common word
        at 1,000,000 statements on PostgreSQL."""
        assert not alone.capped, "a capped search holds only its newest matches"
        return cls.of(filtered.filter(pk__in=listed(alone.ids)))

    @cached_property
    def tagged(self) -> dict[str, list[tuple[str, int]]]:
        rows = (
            StatementTag.objects.filter(statement_id__in=listed(self.ids))
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
) -> tuple[list[Facet], int | None]:
    """The facets, and how many statements the filters match when counting the facets
    told (else None); `matches`, the text search's matches under every filter, if read."""
    active = active_filters(filterset)
    searching = bool((filterset.form.cleaned_data.get("q") or "").strip())
    cleaned = filterset.form.cleaned_data
    by_left_out = {"": matches} if matches else {}  # by the filter left out, "" for none
    # Without a search, the facets not tallied are counted together under each set of
    # filters: those of no filter in use under all of them (with the total), each
    # filter's own under the others.
    counting: dict[str, list[str]] = {}
    for name, *_ in FACETS:
        if not searching and tally_given(active, skip=name) is NOT_TALLIED:
            counting.setdefault(name if cleaned.get(name) else "", []).append(name)
    counted = {}
    for left_out, names in counting.items():
        counts = counted_under(filtered_except(filterset, left_out), [*names, TOTAL])
        counted |= {(left_out, name): pairs for name, pairs in counts.items()}
    total = counted.get(("", TOTAL))
    givens = {name: tally_given(active, skip=name) for name, *_ in FACETS}
    from_tallies = tallies.values_of_each(
        {name: given for name, given in givens.items() if given is not NOT_TALLIED}, FACET_LIMIT
    )
    shown = {}
    for name, _, _, key_of in FACETS:
        left_out = name if cleaned.get(name) else ""
        if givens[name] is NOT_TALLIED and searching:
            if left_out not in by_left_out:
                by_left_out[left_out] = Matches.of(filtered_except(filterset, left_out))
            found = by_left_out[left_out].counts(name)
        elif givens[name] is NOT_TALLIED:
            found = counted[left_out, name]
        else:
            found = from_tallies[name]
        pairs = [(key_of(v), n) for v, n in found[:FACET_LIMIT]]
        if name == "year":  # newest first, as a timeline reads
            pairs.sort(key=lambda pair: -pair[0])
        shown[name] = pairs
    # The labels read once per kind of record (the actor and speaker facets share one).
    keys_by_reader: dict = {}
    for name, _, labels_of, _ in FACETS:
        keys_by_reader.setdefault(labels_of, set()).update(key for key, _ in shown[name])
    labels = {reader: reader(sorted(keys)) for reader, keys in keys_by_reader.items()}
    facets = []
    for name, title, labels_of, _ in FACETS:
        chosen = {_tag(v) for v in cleaned.get(name) or []}
        facets.append(_facet(name, title, shown[name], labels[labels_of], params, chosen))
    return facets, None if total is None else sum(n for _, n in total)
