"""The claims app's models, one module per record family; import them from here."""

from claims.models.actors import Actor, ActorAlias, ActorQuerySet, MergedActor
from claims.models.choices import SPOKESBODY_KINDS, ActorKind, DatePrecision, Stance
from claims.models.claims import Claim, MergedClaim
from claims.models.statements import Quote, Statement, StatementQuerySet
from claims.models.tallies import ScopeVersion, StatementTag, Tally

__all__ = [
    "SPOKESBODY_KINDS",
    "Actor",
    "ActorAlias",
    "ActorKind",
    "ActorQuerySet",
    "Claim",
    "DatePrecision",
    "MergedActor",
    "MergedClaim",
    "Quote",
    "ScopeVersion",
    "Stance",
    "Statement",
    "StatementQuerySet",
    "StatementTag",
    "Tally",
]
