"""When an attribution was made: the date wording nearest its cue ("on Tuesday", "last
week", "in September"), resolved by sources/dates.py (the one resolver) against the
publication date, or against the date just reported for wordings that count from it
("the next day"); else the publication month, marked by an empty wording."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from sources import dates

KEYWORD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|"
    r"aug|sept?|oct|nov|dec|yesterday|today|tonight|week|month|year|day|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# Wordings that count from the event just reported rather than from publication.
FROM_EVENT = re.compile(
    r"(?:(?:also |and )?on )?(?:the (?:next|following|same) day|the day after|a day later"
    r"|that (?:same )?day)",
    re.IGNORECASE,
)
TOKEN = re.compile(r"\S+")
EDGE = ".,;:!?\"'“”‘’()[]"
WINDOW = 4  # words either side of a keyword


@dataclass(frozen=True)
class When:
    made_on: datetime.date
    precision: str
    wording: str
    start: int = -1  # offsets of the wording in the sentence, -1 when there is none


def publication_month(published_on: datetime.date) -> When:
    # The annotation rule for an undated statement: the month the article places it in.
    return When(published_on.replace(day=1), dates.Precision.MONTH, "")


def wordings(sentence: str, published_on: datetime.date, previous: When | None) -> list[When]:
    """Every date wording in the sentence that resolves, the longest at each place."""
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(sentence)]
    found: list[When] = []
    for keyword in KEYWORD.finditer(sentence):
        at = next((i for i, (s, e) in enumerate(tokens) if s <= keyword.start() < e), None)
        if at is None:
            continue
        best: When | None = None
        for first in range(max(0, at - WINDOW), at + 1):
            for last in range(at, min(len(tokens), at + WINDOW + 1)):
                start, end = tokens[first][0], tokens[last][1]
                text = sentence[start:end]
                stripped = text.strip(EDGE)
                if not stripped or (best is not None and len(stripped) <= len(best.wording)):
                    continue
                when = _resolved(stripped, published_on, previous)
                if when is not None:
                    best = When(
                        when.made_on, when.precision, stripped, start + text.index(stripped)
                    )
        if best is not None and not any(
            w.start <= best.start < w.start + len(w.wording) for w in found
        ):
            found = [
                w for w in found if not (best.start <= w.start < best.start + len(best.wording))
            ]
            found.append(best)
    return found


def _resolved(wording: str, published_on: datetime.date, previous: When | None) -> When | None:
    if FROM_EVENT.fullmatch(wording):
        if previous is None or previous.precision != dates.Precision.DAY:
            return None
        if "same" in wording.lower() or "that day" in wording.lower():
            day = previous.made_on
        else:
            # sources/dates.py refuses to count forward from publication, rightly; here
            # the count is from the event just reported, a date the article gave.
            day = previous.made_on + datetime.timedelta(days=1)
        if day > published_on:
            return None
        return When(day, dates.Precision.DAY, wording)
    try:
        resolved = dates.resolve(wording, published_on)
    except dates.UnresolvableDate:
        return None
    if resolved.date > published_on:
        return None
    return When(resolved.date, resolved.precision, wording)


FAR_AFTER = 6  # words after the cue past which a date is what was said about, not the saying


def date_of(
    sentence: str,
    cue_start: int,
    published_on: datetime.date,
    previous: When | None,
    cue_end: int | None = None,
) -> When | None:
    """The wording nearest the cue, None when the sentence has none. A wording deep in
    what was said ("told reporters the claims she made in tweets Sunday were false")
    dates the things said, not the saying."""
    found = wordings(sentence, published_on, previous)
    if cue_end is not None:
        found = [
            w
            for w in found
            if w.start < cue_end or len(sentence[cue_end : w.start].split()) <= FAR_AFTER
        ]
    if not found:
        return None
    return min(found, key=lambda w: abs(w.start - cue_start))
