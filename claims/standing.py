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
    UNADDRESSED = "unaddressed"
    ASSERTED = "asserted"
    DENIED = "denied"
    DISPUTED = "disputed"
    CONFIRMED = "confirmed"

    @property
    def label(self) -> str:
        return STANDING_LABELS[self]


STANDING_LABELS = {
    Standing.UNADDRESSED: "no statements yet",
    Standing.ASSERTED: "asserted only",
    Standing.DENIED: "denied only",
    Standing.DISPUTED: "disputed: asserted and denied",
    Standing.CONFIRMED: "confirmed",
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


def standing_of(stances: Iterable[str]) -> Standing:
    seen = set(stances)
    if "confirmed" in seen:
        # One confirmation settles it, whatever was denied before or after: the design
        # treats an admission or an official verification as decisive.
        return Standing.CONFIRMED
    if {"asserted", "denied"} <= seen:
        return Standing.DISPUTED
    if "asserted" in seen:
        return Standing.ASSERTED
    if "denied" in seen:
        return Standing.DENIED
    return Standing.UNADDRESSED


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
