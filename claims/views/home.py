from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims import cached, queries
from claims.views.pagination import DressedOnRead

RECENT_STATEMENTS = 8
ACTIVE_CLAIMS = 6


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "claims/home.html",
        {
            "recent": DressedOnRead(
                queries.statements_for_list()[:RECENT_STATEMENTS], queries.details_of
            ),
            "active_claims": cached.cached(
                "active-claims", ACTIVE_CLAIMS, lambda: queries.most_active_claims(ACTIVE_CLAIMS)
            ),
            "matrix": cached.cached("stance-matrix", (), queries.stance_matrix),
        },
    )
