"""What the assistant proposes: one statement, as the API and the command give it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ProposedActor:
    """An existing actor (slug set) or a new one to create (slug None)."""

    slug: str | None
    name: str
    kind: str  # a stored ActorKind value
    speaks_for: str | None = None  # an existing actor's slug, or the name of a new one

    def as_json(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "kind": self.kind,
            "speaks_for": self.speaks_for,
        }


@dataclass(frozen=True)
class ProposedClaim:
    """The most similar existing claim (slug set) or a new claim's neutral text."""

    slug: str | None
    text: str

    def as_json(self) -> dict:
        return {"slug": self.slug, "text": self.text}


@dataclass(frozen=True)
class Proposal:
    # The quote: always body[start:end] == text, offsets in Python str indices (code
    # points), the unit sources/text.py and Quote use.
    start: int
    end: int
    text: str
    actor: ProposedActor
    speaker: ProposedActor | None
    stance: str  # a stored Stance value
    claim: ProposedClaim
    made_on: date
    made_on_precision: str  # day, month or year
    date_wording: str  # the article's words for the date, "" when it is the publication date
    joins_statement: int | None  # the id of the statement this quote would join
    confidence: float  # 0..1
    cue: str  # the words that triggered the proposal, shown to the editor

    def as_json(self) -> dict:
        return {
            "quote": {"start": self.start, "end": self.end, "text": self.text},
            "actor": self.actor.as_json(),
            "speaker": self.speaker.as_json() if self.speaker else None,
            "stance": self.stance,
            "claim": self.claim.as_json(),
            "made_on": self.made_on.isoformat(),
            "made_on_precision": self.made_on_precision,
            "date_wording": self.date_wording,
            "joins_statement": self.joins_statement,
            "confidence": round(self.confidence, 2),
            "cue": self.cue,
        }
