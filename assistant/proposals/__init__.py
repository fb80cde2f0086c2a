"""The attribution assistant's proposals: `propose(article)` reads an article's body and
returns one Proposal per attribution it finds, best first in body order."""

from __future__ import annotations

from assistant.proposals.proposal import Proposal, ProposedActor, ProposedClaim
from assistant.proposals.propose import propose

__all__ = ["Proposal", "ProposedActor", "ProposedClaim", "propose"]
