"""The one filter between the assistant and the editor: what `propose()` returns, less
what an editor has accepted or dismissed, for the panel and the API alike; and the
records of those decisions."""

from __future__ import annotations

import hashlib
import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from assistant.models import Decision, Verdict
from assistant.proposals import Proposal, propose
from sources.models import Article

FINGERPRINT = re.compile(r"^[0-9a-f]{32}$")


def fingerprint(proposal: Proposal) -> str:
    """What a decision remembers a proposal by: its span, its actor's and claim's
    names, its stance. Names rather than slugs, so that a proposal is the same one
    after its new actor or claim was created (by its own accept, or by hand): a
    dismissed proposal stays dismissed."""
    parts = (
        str(proposal.start),
        str(proposal.end),
        proposal.actor.name.casefold(),
        str(proposal.stance),
        proposal.claim.text.casefold(),
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class ProposalUnavailable(Exception):
    """The proposal an editor acted on is not offered now; the message says why."""

    def __init__(self, message: str, *, status: int = 409, decision=None) -> None:
        super().__init__(message)
        self.status = status  # 400 for a malformed fingerprint; 409 when the state moved on
        self.decision = decision


def open_proposals(article: Article) -> list[Proposal]:
    """The article's proposals that no editor has accepted or dismissed, and that no
    quote of this article records already (two queries besides the assistant's own)."""
    return without_decided(article, propose(article))


def without_decided(article: Article, proposals: list[Proposal]) -> list[Proposal]:
    decided = set(
        Decision.objects.standing().on_article(article).values_list("fingerprint", flat=True)
    )
    # An accept can change the proposal made for its own words (its new claim now
    # exists, so the proposal names it and joins the new statement): a proposal whose
    # actor and claim a quote overlapping its words already records is done.
    recorded: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for start, end, actor, claim in article.quotes.values_list(
        "start", "end", "statement__actor__slug", "statement__claim__slug"
    ):
        recorded.setdefault((actor, claim), []).append((start, end))
    return [
        proposal
        for proposal in proposals
        if fingerprint(proposal) not in decided and not _recorded(proposal, recorded)
    ]


def _recorded(proposal: Proposal, recorded: dict) -> bool:
    spans = recorded.get((proposal.actor.slug, proposal.claim.slug), ())
    return any(start < proposal.end and proposal.start < end for start, end in spans)


def open_proposal(article: Article, wanted: str) -> Proposal:
    """The open proposal with this fingerprint, or ProposalUnavailable naming why not:
    a malformed fingerprint, one already decided (by whom), or one the assistant no
    longer proposes (the article or the records changed since the page was loaded)."""
    wanted = (wanted or "").strip()
    if not FINGERPRINT.match(wanted):
        raise ProposalUnavailable(
            "proposal: not a suggestion's fingerprint (32 hexadecimal characters).",
            status=400,
        )
    decision = (
        Decision.objects.standing()
        .on_article(article)
        .filter(fingerprint=wanted)
        .select_related("decided_by")
        .first()
    )
    if decision is not None:
        raise ProposalUnavailable(already_decided(decision), decision=decision)
    for proposal in without_decided(article, propose(article)):
        if fingerprint(proposal) == wanted:
            return proposal
    raise ProposalUnavailable(
        "proposal: this suggestion is no longer offered (the article or the records "
        "changed since the page was loaded); nothing was recorded. Reload the page."
    )


def already_decided(decision: Decision) -> str:
    who = decision.decided_by.get_username() if decision.decided_by else "an editor"
    what = (
        f"accepted as statement #{decision.statement_id}"
        if decision.verdict == Verdict.ACCEPTED and decision.statement_id
        else decision.verdict
    )
    return f"proposal: this suggestion was already {what} by {who}; nothing was changed."


def record(
    article: Article,
    proposal: Proposal,
    *,
    verdict: str,
    user,
    adjusted: bool = False,
    statement=None,
    quote=None,
    created_statement: bool = False,
    created_actors=(),
    created_claim=None,
) -> Decision:
    """Store a decision; ProposalUnavailable when another editor decided it first (the
    caller's transaction then rolls back whatever the accept wrote)."""
    decision = Decision(
        article=article,
        fingerprint=fingerprint(proposal),
        proposal=proposal.as_json(),
        confidence=proposal.confidence,
        verdict=verdict,
        adjusted=adjusted,
        decided_by=user,
        statement=statement,
        quote=quote,
        created_statement=created_statement,
        created_claim=created_claim,
    )
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise ProposalUnavailable(
            "proposal: another editor decided on this suggestion a moment ago; nothing was changed."
        ) from None
    if created_actors:
        decision.created_actors.set(created_actors)
    return decision


def dismiss(article: Article, wanted: str, *, user) -> Decision:
    with transaction.atomic():
        proposal = open_proposal(article, wanted)
        return record(article, proposal, verdict=Verdict.DISMISSED, user=user)


def standing(article: Article) -> list[Decision]:
    """The article's decisions that hold, newest first, with what the panel shows."""
    return list(
        Decision.objects.standing()
        .on_article(article)
        .select_related("decided_by", "statement__actor")
    )


def mark_undone(decision: Decision, *, user) -> None:
    decision.undone_at = timezone.now()
    decision.undone_by = user
    decision._change_reason = "accept undone"
    decision.save(update_fields=["undone_at", "undone_by"])
