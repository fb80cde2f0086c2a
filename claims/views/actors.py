from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from claims import cached, queries, tallies
from claims.filters import StatementFilter, unknown_parameters
from claims.models import Actor, MergedActor
from claims.views.gone import missing
from claims.views.pagination import page_of, query_without_page
from claims.views.timelines import actor_timeline_svg

ACTOR_PAGE_FILTERS = ("claim", "stance", "date_from", "date_to", "page")
ACTORS_PER_PAGE = 200


def actor_list(request: HttpRequest) -> HttpResponse:
    actors = queries.actors_for_list()
    q = request.GET.get("q", "").replace("\x00", "").strip()
    if q:
        actors = queries.actors_named([q], partial=True, among=actors)
    page = page_of(request, actors, ACTORS_PER_PAGE)
    return render(request, "claims/actor_list.html", {"page": page, "q": q})


def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = (
        Actor.objects.select_related("speaks_for")
        .prefetch_related("aliases", "spokespeople")
        .filter(slug=slug)
        .first()
    )
    if actor is None:
        return missing(request, Actor, "actor", MergedActor, slug=slug)
    filterset = StatementFilter(request.GET, queryset=queries.actor_history(actor))
    unknown = unknown_parameters(request.GET, ACTOR_PAGE_FILTERS)
    context = {"actor": actor, "filterset": filterset, "form": filterset.form, "unknown": unknown}
    if unknown or not filterset.is_valid():
        return render(request, "claims/actor_detail.html", context, status=400)
    export_query = query_without_page(request.GET)
    export_query = f"actor={actor.slug}" + (f"&{export_query}" if export_query else "")
    # Its position changes depend on every statement of the parties it speaks for.
    parties = queries.position_change_parties(actor)
    filtered = any(filterset.form.cleaned_data.get(name) for name in ACTOR_PAGE_FILTERS[:-1])
    context |= {
        "page": page_of(
            request,
            filterset.qs,
            100,
            queries.details_of,
            count=None if filtered else tallies.statements_with(("actor", str(actor.pk))),
        ),
        "changes": cached.cached(
            "position-changes",
            actor.pk,
            lambda: queries.actor_position_changes(actor, parties),
            scopes=[f"actor:{pk}" for pk in {actor.pk, *parties}],
        ),
        "timeline_svg": actor_timeline_svg(actor, parties),
        "query": query_without_page(request.GET),
        "csv_url": f"{reverse('api:statement-export-csv')}?{export_query}",
        "jsonl_url": f"{reverse('api:statement-export-jsonl')}?{export_query}",
        "list_url": f"{reverse('claims:statement-list')}?{export_query}",
    }
    return render(request, "claims/actor_detail.html", context)
