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
    label: str = ""  # what the quote's marker reads, e.g. "#12" for its statement


@dataclass(frozen=True)
class Mark:
    """A span to mark without a link (a suggested quote): `<mark class=css>` around its
    words, inside any quote link, and an anchor `id` where it starts."""

    key: str
    start: int
    end: int
    title: str
    css: str = "suggested"


def highlighted_body(
    body: str, highlights: Sequence[Highlight], marks: Sequence[Mark] = ()
) -> SafeString:
    """The body escaped, each quote a link to its statement.

    Where quotes overlap, the shared words can link to only one statement, so each
    overlapping quote also ends with a marker linking to its own: every statement a
    passage supports is one click away.
    """
    by_key = {h.key: h for h in highlights}
    starts, ends = {}, {}
    for h in sorted(highlights, key=lambda h: (h.start, h.key)):
        starts.setdefault(h.start, []).append(h.key)
        ends.setdefault(h.end, []).append(h.key)
    mark_starts: dict[int, list[Mark]] = {}
    for mark in sorted(marks, key=lambda m: (m.start, m.key)):
        mark_starts.setdefault(mark.start, []).append(mark)
    spans = [(h.start, h.end, h.key) for h in highlights] + [(m.start, m.end, m) for m in marks]
    pieces = segments(body, spans)
    overlapping = {
        key for piece in pieces if len(_quotes(piece.keys)) > 1 for key in _quotes(piece.keys)
    }
    parts = []
    for segment in pieces:
        for key in starts.pop(segment.start, []):
            parts.append(format_html('<span id="quote-{}" class="quote-anchor"></span>', key))
        for mark in mark_starts.pop(segment.start, []):
            parts.append(format_html('<span id="{}" class="mark-anchor"></span>', mark.key))
        words = _marked(segment)
        segment = Segment(segment.start, segment.end, segment.text, _quotes(segment.keys))
        if not segment.keys:
            parts.append(words)
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
                words,
            )
        )
        marked = set()
        for key in ends.pop(segment.end, []):
            quote = by_key[key]
            if key in overlapping and quote.href not in marked:
                marked.add(quote.href)
                parts.append(
                    format_html(
                        '<a class="quote-marker" href="{}" title="{}">{}</a>',
                        quote.href,
                        quote.title,
                        quote.label or "↗",
                    )
                )
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 (all parts escaped)


def _quotes(keys: tuple) -> tuple:
    return tuple(key for key in keys if not isinstance(key, Mark))


def _marked(segment: Segment) -> SafeString:
    """The segment's words escaped, inside a <mark> for each mark covering them."""
    words = escape(segment.text)
    for mark in reversed([key for key in segment.keys if isinstance(key, Mark)]):
        words = format_html(
            '<mark class="{}" data-mark="{}" title="{}">{}</mark>',
            mark.css,
            mark.key,
            mark.title,
            words,
        )
    return words
