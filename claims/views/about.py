"""What the vocabulary means: the stances, standing and position changes, quote anchoring
and date precisions, in one place that every stance legend links to."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims.standing import Standing
from sources.text import CONTEXT_LENGTH


def about(request: HttpRequest) -> HttpResponse:
    # The standing labels come from the code that derives them (claims.standing), the
    # context length from the code that anchors quotes, so the page says what they do.
    return render(
        request,
        "claims/about.html",
        {
            "standings": list(Standing),
            "context_length": CONTEXT_LENGTH,
        },
    )
