"""The values a statement filter offers to pick from, with how many statements each
has, when they are few enough to list: the actor page's claim filter, and every value
of a statement list facet beyond the FACET_LIMIT it shows as links.

The counts are the tallies the database keeps (claims.tallies): one query finds which
facets have few enough values (at most CHOICES_LISTED + 1 index rows a facet), one
reads those values with their labels, for every facet under the same filter: never a
count over the statements, and as many queries whatever the data. Where the filters
in use have no tally (a search, a date range, several filters), a facet offers no more
than its links.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BigIntegerField, Case, F, OuterRef, Subquery, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, RowNumber
from django.http import QueryDict

from claims import cached, facets, tallies
from claims.filters import StatementFilter
from claims.models import Actor, Claim, Tally
from claims.models.tallies import NO_FACET
from sources.models import Outlet

# A filter offers its values (a select) when it has at most this many, as many as a
# phone's picker lists usefully; past it, the filter keeps its text box.
CHOICES_LISTED = 50

# The filters whose values are records, and the record's field a person reads.
RECORDS = {"actor": (Actor, "name"), "speaker": (Actor, "name"), "claim": (Claim, "text")}
RECORDS["outlet"] = (Outlet, "name")
OFFERED = ("actor", "speaker", "claim", "outlet", "year")


@dataclass(frozen=True)
class Choice:
    value: str  # what the filter takes: a slug or a year
    label: str
    count: int  # statements with this value, under the tally's given value
    selected: bool


def _field_of_record(field: str) -> Case:
    """The record's `field` for the tally row's value (a record id), by its facet."""
    whens = []
    for name, (model, label) in RECORDS.items():
        record = model.objects.filter(pk=Cast(OuterRef("value_b"), BigIntegerField()))
        column = "slug" if field == "slug" else label
        whens.append(When(facet_b=name, then=Subquery(record.values(column)[:1])))
    return Case(*whens, default=F("value_b"))  # a year is its own value and label


# The facets among some with at most a number of values under a given value: for each,
# a count of its values that stops at the limit (an index range read no further), in
# one uncorrelated subquery the database runs once. Ordering or grouping the values
# instead would read every one: thousands of actors and claims at a million statements.
# (SQLite allows no LIMIT in a member of a UNION, but does inside its WHERE.)
FACET_UP_TO = (
    "SELECT %s WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM claims_tally"
    " WHERE facet_a = %s AND value_a = %s AND facet_b = %s AND statements > 0"
    " LIMIT %s) AS up_to) <= %s"
)


def listable(names: tuple[str, ...], given: tallies.Given | None) -> RawSQL:
    facet_a, value_a = given or (NO_FACET, NO_FACET)
    sql = " UNION ALL ".join([FACET_UP_TO] * len(names))
    params = [
        p
        for name in names
        for p in (name, facet_a, value_a, name, CHOICES_LISTED + 1, CHOICES_LISTED)
    ]
    return RawSQL(sql, params)


def labelled_values(
    names: tuple[str, ...], given: tallies.Given | None
) -> dict[str, list[tuple[str, str, int]]]:
    """For each facet in `names` that has at most CHOICES_LISTED values under `given`,
    (value, label, statements) for each: one query."""
    facet_a, value_a = given or (NO_FACET, NO_FACET)
    ranked = (
        Tally.objects.filter(facet_a=facet_a, value_a=value_a, statements__gt=0)
        .filter(facet_b__in=listable(names, given))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("facet_b")],
                order_by=[F("statements").desc(), "value_b"],
            )
        )
    )
    rows = (
        ranked.filter(rank__lte=CHOICES_LISTED)
        .annotate(slug=_field_of_record("slug"), label=_field_of_record("label"))
        .values_list("facet_b", "slug", "label", "statements")
    )
    found: dict[str, list[tuple[str, str, int]]] = {}
    for name, slug, label, n in rows:
        if slug is not None:  # a record deleted since: the tally row is at 0 or going
            found.setdefault(name, []).append((str(slug), str(label), n))
    return found


def as_choices(name: str, values, chosen) -> list[Choice] | None:
    """The values as choices, by label (years newest first); None past CHOICES_LISTED."""
    if len(values) > CHOICES_LISTED:
        return None
    chosen = {str(value).strip() for value in chosen}
    choices = [Choice(value, label, n, value in chosen) for value, label, n in values]
    if name == "year":
        return sorted(choices, key=lambda choice: choice.value, reverse=True)
    return sorted(choices, key=lambda choice: choice.label.casefold())


def offered_choices(name: str, given: tallies.Given, chosen=()) -> list[Choice] | None:
    """The values of `name` among one actor's or claim's statements (`given`), as its
    page's filter offers them. Cached under that record's token, which every write to
    its statements replaces (claims.database.record_tokens), and the data version (the
    labels): reading them was a quarter of a warm actor page."""
    facet, value = given
    if facet not in ("actor", "claim"):
        raise ValueError(f"only an actor's or a claim's statements have a token, not {facet}'s")
    values = cached.cached(
        "offered-choices",
        (name, given),
        lambda: labelled_values((name,), given),
        [f"{facet}:{value}"],
    )
    return as_choices(name, values[name], chosen) if name in values else None


def more_than_shown(
    filterset: StatementFilter, shown: list[facets.Facet], params: QueryDict
) -> dict[str, list[Choice]]:
    """For each facet of the statement list that shows fewer values than it has, every
    value (when at most CHOICES_LISTED), counted under the other filters as the facet is."""
    active = facets.active_filters(filterset)
    by_given: dict[tallies.Given | None, list[str]] = {}
    for name in OFFERED:
        given = facets.tally_given(active, skip=name)
        if given is not facets.NOT_TALLIED:
            by_given.setdefault(given, []).append(name)
    values = {}
    for given, names in by_given.items():  # one query, two under one filter
        values |= labelled_values(tuple(names), given)
    more = {}
    for facet in shown:
        if facet.name in values and len(values[facet.name]) > len(facet.values):
            choices = as_choices(facet.name, values[facet.name], params.getlist(facet.name))
            if choices is not None:
                more[facet.name] = choices
    return more
