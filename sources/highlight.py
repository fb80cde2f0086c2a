"""The article body as HTML with its quotes highlighted. Every character of the body
is escaped; only our own tags are added."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Segment:
    """A run of body text covered by the same set of spans (keys in start order)."""

    start: int
    end: int
    text: str
    keys: tuple


def segments(body: str, spans: Sequence[tuple[int, int, object]]) -> list[Segment]:
    """Cut the body at every span boundary so overlapping spans can be highlighted."""
    cuts = {0, len(body)}
    for start, end, _ in spans:
        cuts.update((max(0, start), min(len(body), end)))
    points = sorted(cuts)
    ordered = sorted(spans, key=lambda span: (span[0], span[1]))
    result = []
    for left, right in zip(points, points[1:], strict=False):
        keys = tuple(key for start, end, key in ordered if start <= left and right <= end)
        result.append(Segment(left, right, body[left:right], keys))
    return result


@dataclass(frozen=True)
class Highlight:
    key: int  # the quote's id
    start: int
    end: int
    href: str
    title: str


def highlighted_body(body: str, highlights: Sequence[Highlight]) -> SafeString:
    by_key = {h.key: h for h in highlights}
    starts = {}
    for h in sorted(highlights, key=lambda h: (h.start, h.key)):
        starts.setdefault(h.start, []).append(h.key)
    parts = []
    for segment in segments(body, [(h.start, h.end, h.key) for h in highlights]):
        for key in starts.pop(segment.start, []):
            parts.append(format_html('<span id="quote-{}" class="quote-anchor"></span>', key))
        if not segment.keys:
            parts.append(escape(segment.text))
            continue
        first = by_key[segment.keys[0]]
        title = "; ".join(by_key[key].title for key in segment.keys)
        css = "quote overlap" if len(segment.keys) > 1 else "quote"
        parts.append(
            format_html(
                '<a class="{}" href="{}" title="{}" data-quotes="{}">{}</a>',
                css,
                first.href,
                title,
                " ".join(str(key) for key in segment.keys),
                segment.text,
            )
        )
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 (all parts escaped)
