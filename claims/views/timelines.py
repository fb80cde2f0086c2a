"""The timeline pictures of the claim and actor pages, drawn as SVG and cached with the
versions of what they read (claims.cached): rendering thousands of marks took longer
than all of a page's queries."""

from __future__ import annotations

from django.template.loader import render_to_string

from claims import cached
from claims.models import Actor, Claim
from claims.timeline import build_timeline
from claims.timeline_points import actor_timeline_points, claim_timeline_points


def drawn(points, not_drawn: int, rows_are: str) -> str:
    timeline = build_timeline(points, rows_are=rows_are, not_drawn=not_drawn)
    return render_to_string("claims/_timeline.svg", {"timeline": timeline}) if timeline else ""


def claim_timeline_svg(claim: Claim) -> str:
    return cached.cached(
        "claim-timeline",
        claim.pk,
        lambda: drawn(*claim_timeline_points(claim), rows_are="actor"),
        [f"claim:{claim.pk}"],
    )


def actor_timeline_svg(actor: Actor, parties: set[int]) -> str:
    """`parties`: the party threads holding the actor's statements, whose edits redraw it
    (queries.position_change_parties)."""
    return cached.cached(
        "actor-timeline",
        actor.pk,
        lambda: drawn(*actor_timeline_points(actor, parties), rows_are="claim"),
        [f"actor:{pk}" for pk in {actor.pk, *parties}],
    )
