"""Sentences around a quote, for reading it in context. Pure functions on strings."""

from __future__ import annotations

import re

# A sentence ends at ., ! or ? (optionally followed by closing quotes or brackets) and
# whitespace, or at a line break. Good enough for context; never used for offsets.
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")


def sentence_bounds(body: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in SENTENCE_END.finditer(body):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(body):
        bounds.append((start, len(body)))
    return bounds


def surrounding_sentences(body: str, start: int, end: int) -> tuple[str, str]:
    """The text around a quote out to the sentence before and the sentence after it,
    including what its own first and last sentences hold beyond the quote."""
    bounds = sentence_bounds(body)
    first = next((i for i, (s, e) in enumerate(bounds) if e > start), len(bounds) - 1)
    last = next((i for i, (s, e) in enumerate(bounds) if e >= end), len(bounds) - 1)
    before_from = bounds[first - 1][0] if first > 0 else (bounds[first][0] if bounds else 0)
    after_to = bounds[last + 1][1] if last + 1 < len(bounds) else (bounds[last][1] if bounds else 0)
    before_from = min(before_from, start)
    after_to = max(after_to, end)
    return body[before_from:start].lstrip(), body[end:after_to].rstrip()
