from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from claims import cached, histories, queries, tallies
from claims.filter_choices import offered_choices
from claims.filters import StatementFilter, unknown_parameters
from claims.models import Actor, MergedActor, Stance
from claims.views.gone import missing
from claims.views.pagination import feed_links, page_of, query_without_page
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
    filterset = StatementFilter(request.GET, queryset=histories.actor_history(actor))
    unknown = unknown_parameters(request.GET, ACTOR_PAGE_FILTERS)
    context = {"actor": actor, "filterset": filterset, "form": filterset.form, "unknown": unknown}
    # The filters offer the claims the actor spoke on and its stances, counted by the
    # tallies (the actor's statements with each value, whatever the other filters).
    given = ("actor", str(actor.pk))
    chosen = [value.strip() for value in request.GET.getlist("claim") if value.strip()]
    claim_choices = offered_choices("claim", given, chosen)
    if claim_choices is not None and not {c.value for c in claim_choices} >= set(chosen):
        claim_choices = None  # a claim it never spoke on: the box shows what was typed
    stance_counts = dict(tallies.values_of("stance", given))
    context["claim_choices"] = claim_choices
    context["stance_choices"] = [
        (value, label, stance_counts.get(value, 0)) for value, label in Stance.choices
    ]
    if unknown or not filterset.is_valid():
        return render(request, "claims/actor_detail.html", context, status=400)
    export_query = query_without_page(request.GET)
    export_query = f"actor={actor.slug}" + (f"&{export_query}" if export_query else "")
    # Its position changes depend on every statement of the parties it speaks for.
    parties = histories.position_change_parties(actor)
    filtered = any(filterset.form.cleaned_data.get(name) for name in ACTOR_PAGE_FILTERS[:-1])
    if filtered:
        rows, count = filterset.qs, None
    else:  # its counts per claim, cut into pages (and summed for the total)
        claims_in_order = cached.cached(
            "actor-claims",
            actor.pk,
            lambda: histories.actor_claims_in_order(actor),
            # The tallies of its statements, which replace its token when they change.
            [f"actor:{actor.pk}"],
        )
        rows = histories.ActorHistoryByClaim(actor, claims_in_order)
        count = len(rows)
    context |= {
        "page": page_of(request, rows, 100, queries.details_of, count=count),
        "changes": cached.cached(
            "position-changes",
            actor.pk,
            lambda: histories.actor_position_changes(actor, parties),
            scopes=[f"actor:{pk}" for pk in {actor.pk, *parties}],
        ),
        "timeline_svg": actor_timeline_svg(actor, parties),
        "query": query_without_page(request.GET),
        "csv_url": f"{reverse('api:statement-export-csv')}?{export_query}",
        "jsonl_url": f"{reverse('api:statement-export-jsonl')}?{export_query}",
        "list_url": f"{reverse('claims:statement-list')}?{export_query}",
        **feed_links(
            reverse("claims:actor-feed", args=[actor.slug]),
            query_without_page(request.GET),
            actor.name,
        ),
    }
    return render(request, "claims/actor_detail.html", context)
