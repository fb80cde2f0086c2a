# Locating verbatim quotes in article bodies, and keeping them located when a body is corrected.
#
# Offsets are Python str indexes (code points). Browsers count UTF-16 code units instead, so
# selections coming from the front end go through utf16_offset_to_index first.

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property

CONTEXT_LENGTH = 32  # characters of prefix/suffix context kept around a quote

# Characters outside the BMP take two UTF-16 code units (a surrogate pair) but one str index.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

_PREVIEW_LENGTH = 60


def _preview(text: str) -> str:
    if len(text) <= _PREVIEW_LENGTH:
        return repr(text)
    return repr(text[: _PREVIEW_LENGTH - 1] + "…")


class QuoteNotFound(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"the text {_preview(text)} does not occur in the article body")
        self.text = text


class AmbiguousQuote(ValueError):
    def __init__(self, text: str, starts: Sequence[int]) -> None:
        offsets = ", ".join(str(start) for start in starts)
        super().__init__(
            f"the text {_preview(text)} occurs {len(starts)} times in the article body, "
            f"at offsets {offsets}; say which occurrence is meant"
        )
        self.text = text
        self.starts = list(starts)


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    text: str
    prefix: str
    suffix: str


def find_all(body: str, text: str) -> list[int]:
    if not text:
        return []
    starts = []
    start = body.find(text)
    while start != -1:
        starts.append(start)
        # +1 rather than +len(text): overlapping occurrences are just as ambiguous.
        start = body.find(text, start + 1)
    return starts


def anchor(body: str, start: int, end: int, *, context: int = CONTEXT_LENGTH) -> Anchor:
    if not 0 <= start < end <= len(body):
        raise ValueError(
            f"the span {start}..{end} is not a non-empty span of a body of {len(body)} characters"
        )
    if context < 0:
        raise ValueError(f"the context length cannot be negative (got {context})")
    return Anchor(
        start=start,
        end=end,
        text=body[start:end],
        prefix=body[max(0, start - context) : start],
        suffix=body[end : end + context],
    )


def anchor_text(
    body: str, text: str, *, occurrence: int | None = None, context: int = CONTEXT_LENGTH
) -> Anchor:
    if not text:
        raise ValueError("the quoted text is empty")
    starts = find_all(body, text)
    if not starts:
        raise QuoteNotFound(text)
    if occurrence is None:
        if len(starts) > 1:
            raise AmbiguousQuote(text, starts)
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        times = "once" if len(starts) == 1 else f"{len(starts)} times"
        raise ValueError(
            f"occurrence {occurrence} was asked for, but the text {_preview(text)} "
            f"occurs {times} in the article body"
        )
    start = starts[occurrence - 1]
    return anchor(body, start, start + len(text), context=context)


def matches(body: str, start: int, end: int, text: str) -> bool:
    # Called on values straight from the database or a request, so anything odd is just False.
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in (start, end)):
        return False
    if not isinstance(body, str) or not isinstance(text, str):
        return False
    return 0 <= start < end <= len(body) and body[start:end] == text


@dataclass(frozen=True)
class Reanchoring:
    old: Anchor
    new: Anchor | None  # None when it cannot be re-anchored
    problem: str = ""  # "" when re-anchored, otherwise why not
    # For a lost quote: the corrected text where the old span went, for an editor to
    # accept ("Spokesman" corrected to "spokesman"); None when no part of it survived.
    proposal: Anchor | None = None

    @property
    def is_lost(self) -> bool:
        return self.new is None

    @property
    def moved(self) -> bool:
        return self.new is not None and (self.new.start, self.new.end) != (
            self.old.start,
            self.old.end,
        )


def reanchor(
    old_body: str, new_body: str, quotes: Sequence[Anchor], *, context: int = CONTEXT_LENGTH
) -> list[Reanchoring]:
    # One diff for every quote of the article, by far the most expensive step, and only
    # computed if some quote's text occurs more than once in the corrected body.
    offsets = _OffsetMap(old_body, new_body)
    return [_reanchor_one(offsets, new_body, quote, context) for quote in quotes]


def _reanchor_one(offsets: _OffsetMap, new_body: str, quote: Anchor, context: int) -> Reanchoring:
    occurrences = find_all(new_body, quote.text)
    if not occurrences:
        return Reanchoring(
            quote,
            None,
            "the quoted text no longer occurs in the corrected body",
            proposal=_proposed(offsets, new_body, quote, context),
        )
    if len(occurrences) == 1:
        chosen: int | None = occurrences[0]
    else:
        chosen = _choose(offsets, new_body, quote, occurrences, context)
    if chosen is None:
        # Equal texts are indistinguishable: picking one would be a guess, so ask a human.
        return Reanchoring(
            quote,
            None,
            f"the quoted text occurs {len(occurrences)} times in the corrected body "
            "and its context does not say which",
        )
    return Reanchoring(quote, anchor(new_body, chosen, chosen + len(quote.text), context=context))


def _choose(
    offsets: _OffsetMap, new_body: str, quote: Anchor, occurrences: list[int], context: int
) -> int | None:
    agreeing = [s for s in occurrences if _context_agrees(new_body, s, quote, context)]
    mapped = _mapped_start(offsets, new_body, quote)
    if mapped in agreeing:
        return mapped
    # The diff alone is not trusted among equal texts: when the quoted paragraph moves, it
    # happily aligns the quote with the same words in someone else's paragraph. Intact
    # context on both sides is the stronger evidence, and without either, nothing is chosen.
    if len(agreeing) == 1:
        return agreeing[0]
    return None


def _mapped_start(offsets: _OffsetMap, new_body: str, quote: Anchor) -> int | None:
    if quote.end <= quote.start:
        return None
    start = offsets.new_index(quote.start)
    last = offsets.new_index(quote.end - 1)
    # The diff only proposes; the text itself has the final word.
    if start is None or last is None or not matches(new_body, start, last + 1, quote.text):
        return None
    return start


def _proposed(offsets: _OffsetMap, new_body: str, quote: Anchor, context: int) -> Anchor | None:
    # The span from the first to the last of the quote's characters that the diff maps,
    # widened by the characters before and after them that did not map (the corrected ones).
    span = range(quote.start, quote.end)
    first = next((i for i in span if offsets.new_index(i) is not None), None)
    last = next((i for i in reversed(span) if offsets.new_index(i) is not None), None)
    if first is None or last is None:
        return None
    start = max(0, offsets.new_index(first) - (first - quote.start))
    end = min(len(new_body), offsets.new_index(last) + 1 + (quote.end - 1 - last))
    if start >= end:
        return None
    return anchor(new_body, start, end, context=context)


def _context_agrees(body: str, start: int, quote: Anchor, context: int) -> bool:
    end = start + len(quote.text)
    prefix = body[max(0, start - context) : start]
    suffix = body[end : end + context]
    # Context is truncated at the body edges and may have been stored with another length,
    # so only the characters both sides have are compared.
    size = min(len(prefix), len(quote.prefix))
    if size and prefix[-size:] != quote.prefix[-size:]:
        return False
    size = min(len(suffix), len(quote.suffix))
    return suffix[:size] == quote.suffix[:size]


# A character diff of two whole 200 KB bodies is far too slow for SequenceMatcher when
# corrections are far apart (it is quadratic in repeated elements, and every letter repeats).
# So bodies are compared paragraph by paragraph, then word by word inside changed paragraphs,
# then character by character inside changed words; each level only sees what the previous
# one could not match. A level whose estimated cost is too high is skipped and its span left
# unmapped, which only means that duplicated quotes there must be told apart by context alone.
_LEVELS = (
    re.compile(r"[^\n]+\n*|\n+"),  # lines, blank lines glued to the line before
    re.compile(r"\S+\s*|\s+"),  # words with their trailing whitespace
    None,  # characters
)
# Roughly a second of SequenceMatcher work at worst, for the whole correction.
_MAX_COMPARISONS = 30_000_000


class _OffsetMap:
    def __init__(self, old: str, new: str) -> None:
        self._old, self._new = old, new
        self._budget = _MAX_COMPARISONS

    @cached_property
    def _blocks(self) -> list[tuple[int, int, int]]:
        return sorted(self._matching_blocks(0, len(self._old), 0, len(self._new), level=0))

    @cached_property
    def _old_starts(self) -> list[int]:
        return [block[0] for block in self._blocks]

    def new_index(self, old_index: int) -> int | None:
        # Maps a character (not a boundary), so an insertion right at a quote's start or end
        # never ends up inside the mapped quote.
        position = bisect_right(self._old_starts, old_index) - 1
        if position < 0:
            return None
        old_start, new_start, size = self._blocks[position]
        if old_index >= old_start + size:
            return None
        return new_start + old_index - old_start

    def _matching_blocks(
        self, a_lo: int, a_hi: int, b_lo: int, b_hi: int, *, level: int
    ) -> list[tuple[int, int, int]]:
        # Equal runs as (old start, new start, size) within old[a_lo:a_hi] and new[b_lo:b_hi].
        old, new = self._old, self._new
        blocks = []
        head = _common_prefix_length(old[a_lo:a_hi], new[b_lo:b_hi])
        if head:
            blocks.append((a_lo, b_lo, head))
        a_lo, b_lo = a_lo + head, b_lo + head
        tail = _common_suffix_length(old[a_lo:a_hi], new[b_lo:b_hi])
        if tail:
            blocks.append((a_hi - tail, b_hi - tail, tail))
        a_hi, b_hi = a_hi - tail, b_hi - tail
        if a_lo < a_hi and b_lo < b_hi and level < len(_LEVELS):
            blocks.extend(self._diff_middle(a_lo, a_hi, b_lo, b_hi, level=level))
        return blocks

    def _diff_middle(
        self, a_lo: int, a_hi: int, b_lo: int, b_hi: int, *, level: int
    ) -> list[tuple[int, int, int]]:
        a_tokens, a_offsets = _tokenize(self._old, a_lo, a_hi, _LEVELS[level])
        b_tokens, b_offsets = _tokenize(self._new, b_lo, b_hi, _LEVELS[level])
        cost = _comparisons(a_tokens, b_tokens)
        if cost > self._budget:
            return []
        self._budget -= cost
        blocks = []
        matcher = SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                size = a_offsets[i2] - a_offsets[i1]
                blocks.append((a_offsets[i1], b_offsets[j1], size))
            elif tag == "replace":
                a_span, b_span = (a_offsets[i1], a_offsets[i2]), (b_offsets[j1], b_offsets[j2])
                blocks.extend(self._matching_blocks(*a_span, *b_span, level=level + 1))
        return blocks


def _tokenize(
    body: str, lo: int, hi: int, pattern: re.Pattern[str] | None
) -> tuple[list[str], list[int]]:
    # Tokens of body[lo:hi], and the body offset of each token boundary (one more than tokens).
    if pattern is None:
        return list(body[lo:hi]), list(range(lo, hi + 1))
    tokens = pattern.findall(body, lo, hi)
    offsets = [lo]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return tokens, offsets


def _comparisons(a_tokens: list[str], b_tokens: list[str]) -> int:
    # SequenceMatcher's longest-match search visits, for each old token, every position of
    # that token in the new sequence; it then searches again on each side of the match found,
    # each time over most of those positions, hence the logarithmic factor.
    b_counts = Counter(b_tokens)
    one_pass = sum(count * b_counts[token] for token, count in Counter(a_tokens).items())
    return one_pass * max(1, len(a_tokens).bit_length())


def _common_prefix_length(a: str, b: str) -> int:
    # Binary search on slice comparisons: done in C, much faster than a Python loop on 200 KB.
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix_length(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


def utf16_offset_to_index(body: str, offset: int) -> int:
    if offset < 0:
        raise ValueError(f"UTF-16 offset {offset} is negative")
    astral_before = 0
    for match in _ASTRAL.finditer(body):
        utf16_start = match.start() + astral_before
        if offset <= utf16_start:
            break
        if offset == utf16_start + 1:
            raise ValueError(
                f"UTF-16 offset {offset} falls inside the surrogate pair of the character "
                f"at index {match.start()}"
            )
        astral_before += 1
    index = offset - astral_before
    if index > len(body):
        raise ValueError(
            f"UTF-16 offset {offset} is beyond the end of the body "
            f"({index_to_utf16_offset(body, len(body))} UTF-16 code units)"
        )
    return index


def index_to_utf16_offset(body: str, index: int) -> int:
    if not 0 <= index <= len(body):
        raise ValueError(f"index {index} is outside a body of {len(body)} characters")
    return index + len(_ASTRAL.findall(body, 0, index))
