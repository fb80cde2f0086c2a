from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims import cached, overview, queries
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
            # Until the next write to a statement: exact as of the last commit.
            "active_claims": cached.cached(
                "active-claims",
                ACTIVE_CLAIMS,
                lambda: overview.most_active_claims(ACTIVE_CLAIMS),
                [cached.STATEMENTS],
            ),
            "matrix": cached.cached(
                "stance-matrix", "", overview.stance_matrix, [cached.STATEMENTS]
            ),
        },
    )
