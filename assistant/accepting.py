"""Accepting a proposal with one click: the statement form's own rules (anchoring,
actor and claim lookup, dates, the duplicate check), filled in from the proposal, so an
accept records exactly what the form would; and undoing one."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from assistant import decisions
from assistant.models import Decision, Verdict
from assistant.proposals import Proposal, ProposedActor
from claims import actions, suggestions
from claims.forms.statements import STATEMENT_FACTS, StatementFromArticleForm, unique_slug
from claims.models import Actor, ActorKind, Statement
from sources.models import Article

UNDO_REASON = "undo of an accepted suggestion"


class NotAccepted(Exception):
    """The proposal cannot be recorded as it stands; the message names the field and
    says what to do (nothing was written)."""


@dataclass(frozen=True)
class Accepted:
    decision: Decision
    message: str


def form_initial(proposal: Proposal, *, by_slug: bool = True) -> dict:
    """The statement form's fields as the proposal fills them: by slug for the one-click
    accept (exact), by name and text for the prefilled form an editor reads."""

    def named(actor: ProposedActor | None) -> str:
        if actor is None:
            return ""
        return actor.slug if actor.slug and by_slug else actor.name

    claim = proposal.claim
    return {
        "text": proposal.text,
        "start": proposal.start,
        "actor": named(proposal.actor),
        "new_actor_kind": "" if proposal.actor.slug else proposal.actor.kind,
        "speaker": named(proposal.speaker),
        "claim": claim.slug if claim.slug and by_slug else claim.text,
        "stance": proposal.stance,
        "date_wording": proposal.date_wording,
        "made_on": proposal.made_on.isoformat(),
        "made_on_precision": proposal.made_on_precision,
    }


def accept(article: Article, fingerprint: str, *, user) -> Accepted:
    """Record the open proposal `fingerprint`: a new statement, or its quote added to
    the statement it joins. All or nothing; raises decisions.ProposalUnavailable or
    NotAccepted with the reason."""
    with transaction.atomic():
        proposal = decisions.open_proposal(article, fingerprint)
        if proposal.joins_statement is not None:
            return _join(article, proposal, user)
        created, notes, names = [], [], {}
        for field, proposed in (("actor", proposal.actor), ("speaker", proposal.speaker)):
            if proposed is not None and proposed.slug is None:
                actor, note = _new_actor(field, proposed)
                created.append(actor)
                notes += [note] if note else []
                names[field] = actor.slug
        form = StatementFromArticleForm(
            form_initial(proposal) | names | {"new_actor_kind": ""}, article=article
        )
        if not form.is_valid():
            raise NotAccepted(_form_problem(form))
        statement = form.save()
        decision = decisions.record(
            article,
            proposal,
            verdict=Verdict.ACCEPTED,
            user=user,
            statement=statement,
            quote=statement.quotes.get(),
            created_statement=True,
            created_actors=created,
            created_claim=form.new_claim,
        )
    new = [f"{a.kind} {a.name}" for a in created]
    if form.new_claim is not None:
        new.append(f"claim “{form.new_claim.text}”")
    also = f", with the new {', '.join(new)}" if new else ""
    return Accepted(
        decision, f"Recorded statement #{statement.pk}{also}. {' '.join(notes)}".strip()
    )


def _join(article: Article, proposal: Proposal, user) -> Accepted:
    statement = Statement.objects.filter(pk=proposal.joins_statement).first()
    if statement is None:
        raise NotAccepted(
            f"joins_statement: statement #{proposal.joins_statement} is gone; reload the page."
        )
    try:
        # Only the quote: the facts the statement lacks are offered by the form (adjust),
        # so an undo has exactly one record to take away.
        quote = actions.join_statement(
            statement=statement,
            spec=actions.QuoteSpec(article, proposal.text, proposal.start),
            adopt={},
        )
    except ValidationError as error:
        raise NotAccepted(f"quote: {' '.join(error.messages)}") from None
    decision = decisions.record(
        article, proposal, verdict=Verdict.ACCEPTED, user=user, statement=statement, quote=quote
    )
    return Accepted(decision, f"Added the quote to statement #{statement.pk}.")


def _new_actor(field: str, proposed: ProposedActor) -> tuple[Actor, str]:
    """A new actor the proposal names, refused where one spelled alike exists (the
    form's rule: the editor chooses, in the form)."""
    close = suggestions.similar_actors(proposed.name)
    if close:
        raise NotAccepted(
            f"{field}: “{proposed.name}” is new but close to "
            f"{', '.join(a.name for a in close)}: open the suggestion in the form to choose."
        )
    speaks_for, note = None, ""
    if proposed.kind == ActorKind.PERSON and proposed.speaks_for:
        speaks_for = Actor.objects.filter(slug=proposed.speaks_for).first()
        if speaks_for is None:
            note = (
                f"{proposed.name} speaks for “{proposed.speaks_for}”, not recorded yet: "
                "set it on the actor's page."
            )
    actor = Actor(
        name=proposed.name,
        slug=unique_slug(Actor, proposed.name),
        kind=proposed.kind,
        speaks_for=speaks_for,
    )
    actor.full_clean(exclude=["version"])
    actor._change_reason = "created by accepting a suggestion"
    actor.save()
    return actor, note


def _form_problem(form: StatementFromArticleForm) -> str:
    if form.similar:
        ids = ", ".join(f"#{s.pk}" for s in form.similar)
        return (
            f"stance: this looks like statement {ids}, already recorded: open the suggestion "
            "in the form to add the quote to it or record a separate statement."
        )
    problems = [
        f"{name}: {message}" if name != "__all__" else message
        for name, messages in form.errors.items()
        for message in messages
    ]
    return " ".join(problems) + " Nothing was recorded; open the suggestion in the form."


def undo(decision: Decision, *, user) -> str:
    """Remove exactly what the accept wrote (the statement and the actors and claim it
    created, or the one quote it added), each deletion in its record's history, and
    return the proposal to the list."""
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if decision.is_undone or decision.verdict != Verdict.ACCEPTED:
            raise NotAccepted("decision: this is not a standing accept; nothing was changed.")
        statement = decision.statement
        if decision.created_statement and statement is not None:
            others = statement.quotes.exclude(pk=decision.quote_id)
            if others.exists():
                raise NotAccepted(
                    f"decision: statement #{statement.pk} has quotes added since; remove "
                    "them first, or the statement on its page. Nothing was changed."
                )
            what = f"statement #{statement.pk}"
            statement._change_reason = UNDO_REASON
            statement.delete()
        elif decision.quote is not None:
            _revert_adopted(decision)
            actions.remove_quote(decision.quote)
            what = f"its quote from statement #{decision.statement_id}"
        else:
            what = "nothing (it was removed meanwhile)"
        for actor in decision.created_actors.all():
            if not _in_use(actor):
                actor._change_reason = UNDO_REASON
                actor.delete()
        claim = decision.created_claim
        if claim is not None and not claim.statements.exists():
            claim._change_reason = UNDO_REASON
            claim.delete()
        decision.refresh_from_db()  # its statement and quote are gone (SET_NULL)
        decisions.mark_undone(decision, user=user)
    return f"Undone: removed {what}. The suggestion is back in the list."


def _revert_adopted(decision: Decision) -> None:
    """Give back what a join adopted in the form (a speaker, a date, a note): the
    statement as it was before, if nothing changed it since."""
    statement = decision.statement
    join = f"joined by a quote from article {decision.article_id}:"
    # The join saved the statement right after adding the quote (actions.join_statement).
    added = decision.quote.history.filter(history_type="+").values_list("history_date", flat=True)
    adopted = statement.history.filter(
        history_date__gte=added[:1], history_change_reason__startswith=join
    ).first()
    if adopted is None:
        return
    if statement.history.first().history_id != adopted.history_id:
        raise NotAccepted(
            f"decision: statement #{statement.pk} was edited after the join; undo it on "
            "the statement's page. Nothing was changed."
        )
    before = adopted.prev_record.instance
    for name in STATEMENT_FACTS:
        setattr(statement, name, getattr(before, name))
    statement._change_reason = UNDO_REASON
    statement.save()


def _in_use(actor: Actor) -> bool:
    return (
        actor.statements.exists() or actor.spoken_statements.exists() or actor.spokespeople.exists()
    )
