from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims import overview, queries
from claims.views.pagination import DressedOnRead

RECENT_STATEMENTS = 8
ACTIVE_CLAIMS = 6


def home(request: HttpRequest) -> HttpResponse:
    # Not cached: the tallies and the indexes answer in milliseconds at any size, and
    # the page is exact as of the last commit.
    return render(
        request,
        "claims/home.html",
        {
            "recent": DressedOnRead(
                queries.statements_for_list()[:RECENT_STATEMENTS], queries.details_of
            ),
            "active_claims": overview.most_active_claims(ACTIVE_CLAIMS),
            "matrix": overview.stance_matrix(),
        },
    )
