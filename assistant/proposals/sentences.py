"""An article body cut into sentences, as exact offsets.

Unlike sources/sentences.py (context for reading), these bounds are offsets that proposals
point into, so they must not cut a sentence at "U.S." or "Mr." nor inside a quotation
that runs over several sentences ("No, we have no such information. Russian hardware is
being used," Peskov said).
"""

from __future__ import annotations

import re

from assistant.proposals.words import ABBREVIATIONS

OPENING = "“‘«"
CLOSING = "”’»"
# A candidate end: ., ! or ? (with closing quotes or brackets), then space; or a line break.
END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|\n+")
WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, without the whitespace around it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in END.finditer(body):
        if match.group().startswith("\n"):
            if _wrapped(body, match):
                continue
            _add(spans, body, start, match.start())
            start = match.end()
            continue
        end = match.end()
        if not _ends_sentence(body, start, match):
            continue
        _add(spans, body, start, end)
        start = end
    _add(spans, body, start, len(body))
    return spans


def _wrapped(body: str, match: re.Match[str]) -> bool:
    """A wire's line break inside a sentence ("British group Whitefox\nTechnologies is
    to appeal"): one break, after a word or a comma, not after the end of a sentence."""
    if match.group() != "\n" or match.start() == 0:
        return False
    before = body[: match.start()].rstrip(" \t")[-1:]
    after = body[match.end() : match.end() + 1]
    return bool(before) and (before.isalnum() or before in ",;-–") and bool(after.strip())


def _ends_sentence(body: str, start: int, match: re.Match[str]) -> bool:
    mark = match.group()
    if mark.startswith(".") and mark.rstrip("\"'”’»)]") == ".":
        before = WORD_BEFORE.search(body, max(start, match.start() - 12), match.start() + 1)
        if before:
            word = before.group(1).casefold()
            # "U.S." and single initials ("John F. Kennedy") do not end a sentence.
            if word in ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"(?:\w\.)+\w", word):
                return False
    following = body[match.end() : match.end() + 3].lstrip()
    # The next sentence opens with a capital, a digit or a quotation mark.
    if following and not (
        following[0].isupper() or following[0].isdigit() or following[0] in "\"'“‘«(["
    ):
        return False
    # Inside an open quotation the sentence goes on to the closing mark and the
    # attribution after it.
    return not _inside_quotation(body[start : match.end()])


def _inside_quotation(text: str) -> bool:
    opened = sum(text.count(mark) for mark in "“«")
    closed = sum(text.count(mark) for mark in "”»")
    if opened or closed:
        return opened > closed
    return text.count('"') % 2 == 1


def _add(spans: list[tuple[int, int]], body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
