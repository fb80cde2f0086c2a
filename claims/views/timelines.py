"""The timeline pictures of the claim and actor pages, drawn as SVG and cached with the
versions of what they read (claims.cached): rendering thousands of marks took longer
than all of a page's queries."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from claims import cached
from claims.models import Actor, Claim
from claims.timeline import Mark, build_timeline
from claims.timeline_points import actor_timeline_points, claim_timeline_points


def drawn(points, not_drawn: int, rows_are: str) -> str:
    timeline = build_timeline(points, rows_are=rows_are, not_drawn=not_drawn)
    if not timeline:
        return ""
    context = {"timeline": timeline, "marks": marks_svg(timeline.marks)}
    return render_to_string("claims/_timeline.svg", context)


def marks_svg(marks: list[Mark]) -> SafeString:
    """The marks, written here rather than by a template loop: the template engine took
    about 0.3 ms a mark, and a busy actor's picture has 800 of them (every text escaped
    as the template would)."""
    return mark_safe("".join(mark_svg(mark) for mark in marks))  # noqa: S308 (escaped below)


def mark_svg(mark: Mark) -> str:
    x, y = mark.x, mark.y
    parts = [
        f'<a href="{escape(mark.href)}" class="mark mark-{escape(mark.stance)}">',
        f"<title>{escape(mark.title)}</title>",
    ]
    if mark.span_width:
        parts.append(
            f'<rect class="span" x="{mark.span_x}" y="{mark.span_y}"'
            f' width="{mark.span_width}" height="10" rx="3"/>'
        )
    if mark.changes:
        parts.append(
            f'<ellipse class="change-ring" cx="{x}" cy="{y}" rx="11" ry="11"'
            f' data-changes="{mark.changes}"/>'
        )
    if mark.stance == "asserted":
        parts.append(f'<circle cx="{x}" cy="{y}" r="6.5"/>')
    elif mark.stance == "denied":
        parts.append(f'<rect x="{mark.shape_x}" y="{mark.shape_y}" width="12" height="12"/>')
    elif mark.stance == "noncommittal":
        parts.append(f'<polygon points="{mark.triangle}"/>')
    else:
        parts.append(
            f'<rect x="{mark.shape_x}" y="{mark.shape_y}" width="12" height="12"'
            f' transform="rotate(45 {x} {y})"/>'
        )
    parts.append("</a>")
    return "".join(parts)


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
