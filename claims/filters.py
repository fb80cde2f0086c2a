"""The statement list's filters, shared by the page, the API and the exports."""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db.models import Q

from claims import queries
from claims.models import Claim, Stance, Statement, StatementTag
from claims.search import matching_statement_ids, search_words
from claimtracker import inputs
from sources.models import Outlet

FILTER_PARAMETERS = (
    "actor",
    "speaker",
    "stance",
    "claim",
    "outlet",
    "year",
    "date_from",
    "date_to",
    "q",
)
MAX_VALUES_PER_FILTER = 50


class ValueListField(forms.Field):
    """Several values for one parameter (?actor=iran&actor=russia), each resolved to a
    record; an unknown value is an error naming it, never silently dropped."""

    widget = forms.SelectMultiple

    def __init__(self, *, resolve, unknown: str, **kwargs):
        self.resolve, self.unknown = resolve, unknown
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return []
        values = [value] if isinstance(value, str) else list(value)
        values = [v.strip() for v in values if v and v.strip()]
        if not values:
            return []  # "?actor=" means no actor filter, as an empty search box does
        if len(values) > MAX_VALUES_PER_FILTER:
            raise forms.ValidationError(f"Give at most {MAX_VALUES_PER_FILTER} values.")
        if any("\x00" in v for v in values):
            # PostgreSQL refuses text holding NUL: a 400 naming the filter, not a 500.
            raise forms.ValidationError("Null characters are not allowed.")
        found, unknown = self.resolve(values)
        if unknown:
            raise forms.ValidationError(self.unknown.format(", ".join(map(repr, unknown))))
        return found


def resolve_years(values: list[str]):
    years, unknown = [], []
    for value in values:
        year = inputs.whole_number(value)
        if year is not None and 1000 <= year <= 9999:
            years.append(year)
        else:
            unknown.append(value)
    return years, unknown


class ValueListFilter(django_filters.Filter):
    field_class = ValueListField

    def __init__(self, *args, apply, **kwargs):
        self.apply = apply
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return self.apply(qs, value) if value else qs


def by_actors(qs, actors):
    # The same rows as the actor's page: see StatementQuerySet.by_actors.
    return qs.by_actors(actors)


def by_outlets(qs, outlets):
    # A statement's outlets are those of its quotes' articles, which the database keeps
    # as its "outlet" tags (claims.database.tallies) in the same transaction as every
    # write: one index range per outlet instead of a join through every quote.
    tagged = StatementTag.objects.filter(facet="outlet", value__in=[str(o.pk) for o in outlets])
    return qs.filter(pk__in=tagged.values("statement_id"))


def by_years(qs, years):
    # made_on__year compiles to a date range, so the made_on index serves it.
    return qs.filter(reduce(or_, (Q(made_on__year=year) for year in years)))


class StatementFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        q = cleaned.get("q") or ""
        if q.strip() and not search_words(q):
            self.add_error("q", "Search for at least one word (letters or digits).")
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date) and start > end:
            self.add_error("date_to", f"The end date {end} is before the start date {start}.")
        return cleaned


class StatementFilter(django_filters.FilterSet):
    actor = ValueListFilter(
        resolve=queries.resolve_actors,
        unknown="No actor is called {} (by slug, name or alias).",
        apply=by_actors,
    )
    speaker = ValueListFilter(
        resolve=queries.resolve_speakers,
        unknown="No person is called {} (by slug, name or alias).",
        apply=lambda qs, speakers: qs.filter(speaker__in=speakers),
    )
    # distinct=False: django-filter's default DISTINCT made counting the list a sort of
    # every matching row (320 ms for stance=denied at 1,000,000), and a stance cannot
    # repeat a row anyway.
    stance = django_filters.MultipleChoiceFilter(choices=Stance.choices, distinct=False)
    claim = ValueListFilter(
        resolve=queries.resolve_slugs(Claim),
        unknown="No claim has the slug {}.",
        apply=lambda qs, claims: qs.filter(claim__in=claims),
    )
    outlet = ValueListFilter(
        resolve=queries.resolve_slugs(Outlet),
        unknown="No outlet has the slug {}.",
        apply=by_outlets,
    )
    year = ValueListFilter(resolve=resolve_years, unknown="Not a year: {}.", apply=by_years)
    date_from = django_filters.DateFilter(field_name="made_on", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="made_on", lookup_expr="lte")
    q = django_filters.CharFilter(method="search", max_length=200)

    class Meta:
        model = Statement
        fields = list(FILTER_PARAMETERS)
        form = StatementFilterForm

    def search(self, qs, name, value):
        if not value.strip():
            return qs
        return qs.filter(id__in=matching_statement_ids(value))


def unknown_parameters(params, allowed: tuple[str, ...]) -> list[str]:
    return sorted(set(params) - set(allowed))
