"""Atom feeds of statements: the statement list (with its filters), an actor's history
and a claim's statements, so a researcher can follow "Russia's denials on drones" in a
feed reader.

Each feed gives the latest FEED_ENTRIES statements of its page, newest first: by the
date the statement was made, then by id (the statement recorded later first), the
statement list's own order. Its entries are read as a page is: the ids on the lean,
indexed query, then one dressing of those rows (claims.queries.details_of), so the
queries are the same for 5 entries or 50.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from claims import histories, queries, search
from claims.filters import FILTER_PARAMETERS, StatementFilter, unknown_parameters
from claims.models import Actor, Claim, MergedActor, MergedClaim, Statement

FEED_ENTRIES = 50
ACTOR_FEED_FILTERS = ("claim", "stance", "date_from", "date_to")  # the actor page's
NEWEST_FIRST = ("-made_on", "-id")


class BadFilter(Exception):
    """A query string the page would answer 400 to: the message names each parameter."""


@dataclass
class Subject:
    title: str
    link: str  # the page the feed follows, with its filters
    statements: list[Statement]
    path: str = ""  # the feed's own address, with its filters (its rel="self" link)


def newest(filterset: StatementFilter) -> list[Statement]:
    ids = list(filterset.qs.order_by(*NEWEST_FIRST).values_list("pk", flat=True)[:FEED_ENTRIES])
    statements = queries.details_of(ids)
    q = filterset.form.cleaned_data.get("q") or ""
    # A search feed marks the words found, as the page does (one query for all entries).
    return search.highlight_statements(statements, q) if q.strip() else statements


def filtered(request: HttpRequest, queryset, allowed: tuple[str, ...]) -> StatementFilter:
    unknown = unknown_parameters(request.GET, allowed)
    if unknown:
        raise BadFilter(
            f"Unknown parameter: {', '.join(unknown)}. This feed takes: "
            + (", ".join(allowed) if allowed else "no parameters")
            + "."
        )
    filterset = StatementFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        raise BadFilter(
            "\n".join(
                f"{name}: {' '.join(errors)}" for name, errors in filterset.form.errors.items()
            )
        )
    return filterset


def with_query(url: str, request: HttpRequest) -> str:
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


def filters_named(request: HttpRequest) -> str:
    shown = [f"{name}={value}" for name, values in request.GET.lists() for value in values]
    return f" ({', '.join(shown)})" if shown else ""


class StatementFeed(Feed):
    feed_type = Atom1Feed
    author_name = "ClaimTracker"
    description_template = "claims/feed_entry.html"

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except BadFilter as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        except Moved as moved:
            return redirect(with_query(moved.url, request), permanent=True)

    def get_feed(self, subject: Subject, request: HttpRequest):
        subject.path = request.get_full_path()
        return super().get_feed(subject, request)

    def feed_url(self, subject: Subject) -> str:
        return subject.path

    def get_object(self, request: HttpRequest, *args, **kwargs) -> Subject:
        filterset = filtered(request, queries.statements_for_list(), FILTER_PARAMETERS)
        link = with_query(reverse("claims:statement-list"), request)
        return Subject(f"Statements{filters_named(request)}", link, newest(filterset))

    def title(self, subject: Subject) -> str:
        return f"{subject.title} · ClaimTracker"

    def link(self, subject: Subject) -> str:
        return subject.link

    def subtitle(self, subject: Subject) -> str:
        return f"The latest {FEED_ENTRIES} statements, newest first (by the date made)."

    def items(self, subject: Subject) -> list[Statement]:
        return subject.statements

    def item_title(self, statement: Statement) -> str:
        return (
            f"{statement.actor.name} {statement.stance}: {statement.claim.text}"
            f" ({statement.made_on_display})"
        )

    def item_link(self, statement: Statement) -> str:
        return statement.get_absolute_url()  # made absolute by the framework: the entry id

    def item_pubdate(self, statement: Statement) -> datetime.datetime:
        # When the statement was made (its precision is in the entry's text).
        return datetime.datetime.combine(statement.made_on, datetime.time(), datetime.UTC)

    def item_updateddate(self, statement: Statement) -> datetime.datetime:
        return statement.updated_at

    def item_author_name(self, statement: Statement) -> str:
        return statement.speaker.name if statement.speaker else statement.actor.name

    def item_categories(self, statement: Statement) -> tuple[str, ...]:
        return (statement.stance, statement.claim.slug)

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**kwargs) | {"statement": kwargs["item"]}


class Moved(Exception):
    def __init__(self, url: str):
        self.url = url


def found_or_moved(model, merged_model, noun: str, slug: str):
    """The record of this slug; Moved to its feed if it was merged into another."""
    record = model.objects.filter(slug=slug).first()
    if record is not None:
        return record
    merged = merged_model.objects.filter(old_slug=slug).select_related(noun).first()
    if merged is None:
        raise model.DoesNotExist(f"No {noun} here.")  # the framework answers 404
    raise Moved(reverse(f"claims:{noun}-feed", args=[getattr(merged, noun).slug]))


class ActorFeed(StatementFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Subject:
        actor = found_or_moved(Actor, MergedActor, "actor", slug)
        filterset = filtered(request, histories.actor_history(actor), ACTOR_FEED_FILTERS)
        link = with_query(actor.get_absolute_url(), request)
        return Subject(f"{actor.name}{filters_named(request)}", link, newest(filterset))


class ClaimFeed(StatementFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Subject:
        claim = found_or_moved(Claim, MergedClaim, "claim", slug)
        filterset = filtered(request, queries.claim_timeline(claim), ())
        return Subject(claim.text, claim.get_absolute_url(), newest(filterset))
