"""What an editor's quote brings to the statement it joins.

When a quote is added to a statement already recorded (the same statement reported by
another article), the editor may have typed facts the statement lacks (the speaker, the
article's wording for the date, a finer date, a note) or facts that differ from it.
Nothing typed is dropped silently: each lacking fact is offered for adoption, each
different one is shown beside the statement's for the editor to choose.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from claims.models import Actor, Statement
from sources import dates

# Finer first: a day is finer than a month, a month than a year.
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Typed:
    """The facts an editor typed in the statement form, as the form resolved them."""

    speaker: Actor | None = None
    made_on: datetime.date | None = None
    made_on_precision: str = ""
    date_wording: str = ""
    note: str = ""


@dataclass(frozen=True)
class Offer:
    """One fact to adopt (the statement lacks it) or to choose (the two differ)."""

    name: str  # "speaker", "date", "date_wording", "note"
    label: str
    current: str  # as the statement has it, "" when it lacks it
    typed: str  # as the editor typed it
    conflict: bool
    value: str  # what the form posts back to adopt it (a slug, a date, the text)


def offers(statement: Statement, typed: Typed) -> list[Offer]:
    """The facts of `typed` that `statement` lacks or has otherwise, in form order."""
    found = []
    if typed.speaker is not None and typed.speaker.pk != statement.speaker_id:
        found.append(
            Offer(
                "speaker",
                "Speaker",
                statement.speaker.name if statement.speaker_id else "",
                typed.speaker.name,
                conflict=statement.speaker_id is not None,
                value=typed.speaker.slug,
            )
        )
    if typed.made_on is not None and typed.made_on_precision:
        mine = (typed.made_on, typed.made_on_precision)
        theirs = (statement.made_on, statement.made_on_precision)
        if mine != theirs:
            found.append(
                Offer(
                    "date",
                    "Date",
                    dates.describe(*theirs),
                    dates.describe(*mine),
                    # A finer date inside the statement's own period only adds detail.
                    conflict=not refines(mine, theirs),
                    value=f"{typed.made_on.isoformat()}/{typed.made_on_precision}",
                )
            )
    for name, label in (("date_wording", "The article's words for the date"), ("note", "Note")):
        mine, theirs = getattr(typed, name).strip(), getattr(statement, name).strip()
        if mine and mine != theirs:
            found.append(Offer(name, label, theirs, mine, conflict=bool(theirs), value=mine))
    return found


def refines(finer: tuple[datetime.date, str], coarser: tuple[datetime.date, str]) -> bool:
    """Whether a date is a finer precision of another: 18 October 2022 refines October
    2022, which refines 2022."""
    (date, precision), (other, other_precision) = finer, coarser
    if PRECISION_RANK[precision] >= PRECISION_RANK[other_precision]:
        return False
    return dates.normalise(date, dates.Precision(other_precision)) == other
