"""Which words of a sentence a proposal quotes: for direct speech the words inside the
quotation marks, for reported speech the sentence. Offsets are str indices (code
points), as in sources/text.py and Quote; every span is cut from the text itself, so
`body[start:end] == text` holds by construction."""

from __future__ import annotations

import re

OPEN_CLOSE = {"“": "”", "«": "»", '"': '"'}
TRIM = " \t\n,;:"
MIN_WORDS = 4  # a shorter quotation is a phrase ("muddy the waters"), not direct speech
ADJACENT_WORDS = 8  # “...,” Principal Deputy Spokesperson Vedant Patel told


def quotations(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of double quotation marks; an
    unclosed one runs to the end of the sentence."""
    found = []
    i = 0
    while i < len(sentence):
        mark = sentence[i]
        if mark in OPEN_CLOSE:
            close = sentence.find(OPEN_CLOSE[mark], i + 1)
            end = close if close != -1 else len(sentence)
            found.append((i + 1, end))
            i = end + 1
        else:
            i += 1
    return found


def masked(sentence: str, quotes: list[tuple[int, int]]) -> str:
    """The sentence with quoted words blanked (same length): a "denied" inside a
    quotation is the speaker's word, not the reporter's cue."""
    chars = list(sentence)
    for start, end in spoken(sentence, quotes):
        for i in range(start, end):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)


def spoken(sentence: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quotations that are speech rather than a quoted phrase."""
    return [(s, e) for s, e in quotes if len(sentence[s:e].split()) >= MIN_WORDS]


def direct_speech(
    sentence: str, quotes: list[tuple[int, int]], cue_start: int, cue_end: int
) -> tuple[int, int] | None:
    """The quotation the cue introduces, trimmed, or None. Direct speech stands next to
    its cue (“...,” Peskov said; said: “...”) or fills most of its sentence; a quoted
    fragment inside reported speech ("saying that the statements were “turning the
    occupying countries in stock”") leaves the sentence as the quote."""
    found = []
    for start, end in spoken(sentence, quotes):
        if end <= cue_start:  # “...,” the speaker's name and title, the cue
            gap = sentence[end:cue_start]
            beside = len(gap.split()) <= ADJACENT_WORDS and not re.search(r"[.!?]\s", gap)
        else:  # the cue, then at most a comma or a colon: said, “...”
            beside = not sentence[cue_end : start - 1].strip(" ,:")
        if beside or (end - start) * 2 >= len(sentence):
            found.append((start, end))
    if not found:
        return None
    start, end = max(found, key=lambda span: span[1] - span[0])
    return trimmed(sentence, start, end)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def is_quoted_sentence(sentence: str, quotes: list[tuple[int, int]]) -> bool:
    """A sentence that is nothing but a quotation ("“...”"): its speaker is named elsewhere."""
    outside = re.sub(r"\s", "", "".join(sentence[e + 1 :] for s, e in quotes[-1:]))
    return bool(quotes) and quotes[0][0] <= 1 and len(outside) <= 2
