from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from claims import cached, queries, standing
from claims.models import Claim, MergedClaim
from claims.views.gone import missing
from claims.views.pagination import feed_links, page_of
from claims.views.timelines import claim_timeline_svg


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
            "timeline_svg": claim_timeline_svg(claim),
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
