from __future__ import annotations

from django.db.models import Count, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from claims import cached, queries, standing
from claims.models import Actor, Claim, MergedClaim, Statement
from claims.timeline import TimelinePoint, build_timeline
from claims.views.gone import missing
from claims.views.pagination import feed_links, page_of


def claim_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, queries.claims_for_list(), 100)
    for claim in page:
        claim.standing = queries.claim_standing(claim)
    return render(request, "claims/claim_list.html", {"page": page})


def claim_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The claim with its counts by stance, from the tallies.
    claim = queries.claims_for_list().filter(slug=slug).first()
    if claim is None:
        return missing(request, Claim, "claim", MergedClaim, slug=slug)
    claim.standing = queries.claim_standing(claim)
    # Who confirmed it and who denied it since: read (and cached) only for a confirmed claim.
    summary = (
        cached.cached(
            "claim-standing",
            claim.pk,
            lambda: queries.claim_standing_summary(claim),
            scopes=[f"claim:{claim.pk}"],
        )
        if claim.first_confirmed_on
        else standing.StandingSummary(claim.standing)
    )
    query = f"claim={claim.slug}"
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "standing_summary": summary,
            "timeline_svg": cached.cached(
                "claim-timeline", claim.pk, lambda: timeline_svg(claim), [f"claim:{claim.pk}"]
            ),
            "page": page_of(
                request,
                queries.claim_timeline(claim),
                100,
                queries.details_of,
                count=claim.statement_count,
            ),
            "csv_url": f"{reverse('api:statement-export-csv')}?{query}",
            "jsonl_url": f"{reverse('api:statement-export-jsonl')}?{query}",
            "list_url": f"{reverse('claims:statement-list')}?{query}",
            **feed_links(reverse("claims:claim-feed", args=[claim.slug]), "", claim.text),
        },
    )


def timeline_svg(claim: Claim) -> str:
    """The claim's timeline drawn as SVG; rendering its thousands of marks took longer
    than all the page's queries, so the drawing is cached with the claim's version."""
    timeline = build_timeline(timeline_points(claim))
    return render_to_string("claims/_timeline.svg", {"timeline": timeline}) if timeline else ""


TIMELINE_POINT_LIMIT = 2000


def timeline_points(claim: Claim) -> list[TimelinePoint]:
    """One point per party, stance, date and precision (two queries, however many
    statements share a point)."""
    rows = list(
        Statement.objects.on_claim(claim)
        .values("party", "stance", "made_on", "made_on_precision")
        .annotate(n=Count("id"), first_id=Min("id"))
        .order_by("made_on", "party")[:TIMELINE_POINT_LIMIT]
    )
    parties = Actor.objects.in_bulk({row["party"] for row in rows})
    return [
        TimelinePoint(
            party=parties[row["party"]].name,
            party_href=parties[row["party"]].get_absolute_url(),
            stance=row["stance"],
            made_on=row["made_on"],
            precision=row["made_on_precision"],
            count=row["n"],
            href=reverse("claims:statement-detail", args=[row["first_id"]]),
        )
        for row in rows
    ]
