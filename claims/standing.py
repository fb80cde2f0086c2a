"""What is derived from statements and never typed in: a claim's standing and each
actor's position changes. Pure functions over statement-like objects, so pages, the API
and tests share them without touching the database.
"""

from __future__ import annotations

import datetime
import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sources import dates


class Standing(enum.StrEnum):
    """A claim's standing, as the API and the pages give it (a documented enum)."""

    UNADDRESSED = "unaddressed"  # no assertion, denial or confirmation yet
    ASSERTED = "asserted"  # asserted, never denied or confirmed
    DENIED = "denied"  # denied, never asserted or confirmed
    DISPUTED = "disputed"  # asserted and denied, never confirmed
    CONFIRMED = "confirmed"  # confirmed, and no denial after the first confirmation
    CONFIRMED_DISPUTED = "confirmed_disputed"  # confirmed, and denials went on after it

    @property
    def label(self) -> str:
        return STANDING_LABELS[self]


STANDING_LABELS = {
    Standing.UNADDRESSED: "no statements yet",
    Standing.ASSERTED: "asserted only",
    Standing.DENIED: "denied only",
    Standing.DISPUTED: "disputed: asserted and denied",
    Standing.CONFIRMED: "confirmed",
    Standing.CONFIRMED_DISPUTED: "confirmed, still denied",
}


class ActorLike(Protocol):
    id: int
    kind: str
    speaks_for_id: int | None


class StatementLike(Protocol):
    id: int
    actor: ActorLike
    actor_id: int
    claim_id: int
    stance: str
    made_on: datetime.date
    made_on_precision: str


def standing_of(stances: Iterable[str], *, denied_after_confirmation: bool = False) -> Standing:
    """The standing from the stances taken on a claim. A confirmation (an admission, an
    official verification) outweighs the denials before it, but never hides the denials
    that went on after it. A noncommittal stance counts for nothing here."""
    seen = set(stances)
    if "confirmed" in seen:
        return Standing.CONFIRMED_DISPUTED if denied_after_confirmation else Standing.CONFIRMED
    if {"asserted", "denied"} <= seen:
        return Standing.DISPUTED
    if "asserted" in seen:
        return Standing.ASSERTED
    if "denied" in seen:
        return Standing.DENIED
    return Standing.UNADDRESSED


@dataclass(frozen=True)
class Voice:
    """A party's stance at a date: "Iran, November 2022"."""

    party: str
    made_on: datetime.date
    made_on_precision: str

    def __str__(self) -> str:
        return f"{self.party}, {dates.describe(self.made_on, self.made_on_precision)}"


@dataclass(frozen=True)
class StandingSummary:
    """Who confirmed a claim and when, and who still denied it afterwards."""

    standing: Standing
    confirmed_by: tuple[Voice, ...] = ()
    still_denied_by: tuple[Voice, ...] = ()

    def __str__(self) -> str:
        """ "confirmed by Iran, November 2022; still denied by Russia, December 2022" """
        parts = []
        if self.confirmed_by:
            parts.append("confirmed by " + " and ".join(map(str, self.confirmed_by)))
        if self.still_denied_by:
            parts.append("still denied by " + " and ".join(map(str, self.still_denied_by)))
        return "; ".join(parts) or self.standing.label


def party_id(statement: StatementLike) -> int:
    """The actor whose position a statement counts for.

    A statement recorded under a person who speaks for a state or organisation counts
    for that state or organisation as well as being the person's own.
    """
    actor = statement.actor
    if actor.kind == "person" and actor.speaks_for_id:
        return actor.speaks_for_id
    return statement.actor_id


def chronological_key(statement: StatementLike) -> tuple[datetime.date, int]:
    return (statement.made_on, statement.id)


@dataclass(frozen=True)
class PositionChange:
    party_id: int
    claim_id: int
    before: StatementLike
    after: StatementLike

    def describe(self) -> str:
        before, after = self.before, self.after
        return f"{before.stance} {when(before)}, {after.stance} {when(after)}"


def when(statement: StatementLike) -> str:
    return dates.describe_when(statement.made_on, statement.made_on_precision)


def position_changes(statements: Iterable[StatementLike]) -> list[PositionChange]:
    """Every point where a party's stance on a claim differs from its previous one.

    Statements are grouped by (party, claim) and read in date order (ties by id, which
    is entry order), so the result is the same however the input is ordered.
    """
    threads: dict[tuple[int, int], list[StatementLike]] = defaultdict(list)
    for statement in statements:
        threads[(party_id(statement), statement.claim_id)].append(statement)
    changes = []
    for (party, claim), thread in threads.items():
        thread.sort(key=chronological_key)
        for before, after in zip(thread, thread[1:], strict=False):
            if before.stance != after.stance:
                changes.append(PositionChange(party, claim, before, after))
    changes.sort(key=lambda change: (chronological_key(change.after), change.party_id))
    return changes


def changed_statement_ids(statements: Iterable[StatementLike]) -> set[int]:
    """Ids of the statements that mark a position change, for flagging them in lists."""
    return {change.after.id for change in position_changes(statements)}
