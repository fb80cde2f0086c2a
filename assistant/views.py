"""The editor's answers to the assistant's suggestions on an article page: accept with
one click, adjust in the statement form, dismiss, undo an accept. POSTs only (but the
form), each checking the editor role on the server; a suggestion that is no longer
offered is refused with the reason and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from assistant import accepting, decisions
from assistant.models import Decision, Verdict
from claims.views import editing
from claimtracker import inputs
from claimtracker.roles import editor_required, is_administrator
from sources.models import Article

SUGGESTIONS = "#suggestions"  # the panel on the article page


def _article(pk: int) -> Article:
    return get_object_or_404(Article.objects.select_related("outlet"), pk=pk)


def _back(article: Article):
    return redirect(article.get_absolute_url() + SUGGESTIONS)


def _refused(request, article: Article, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "assistant/refused.html",
        {"article": article, "message": message},
        status=status,
    )


@require_POST
@editor_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(pk)
    try:
        accepted = accepting.accept(article, request.POST.get("proposal", ""), user=request.user)
    except decisions.ProposalUnavailable as error:
        return _refused(request, article, str(error), error.status)
    except accepting.NotAccepted as error:
        return _refused(request, article, str(error), 400)
    messages.success(request, accepted.message)
    return _back(article)


@require_POST
@editor_required
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(pk)
    try:
        decisions.dismiss(article, request.POST.get("proposal", ""), user=request.user)
    except decisions.ProposalUnavailable as error:
        return _refused(request, article, str(error), error.status)
    messages.success(request, "Dismissed the suggestion; it will not be offered again.")
    return _back(article)


@require_POST
@editor_required
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(pk)
    decision_id = inputs.record_id(request.POST.get("decision", ""))
    decision = (
        Decision.objects.filter(pk=decision_id, article=article).first() if decision_id else None
    )
    if decision is None:
        return _refused(request, article, "decision: no such accept on this article.", 400)
    # Removing a record is an administrator's right; an editor may take back their own.
    if decision.decided_by_id != request.user.pk and not is_administrator(request.user):
        raise PermissionDenied("Only the editor who accepted it, or an administrator, undoes it.")
    try:
        message = accepting.undo(decision, user=request.user)
    except accepting.NotAccepted as error:
        return _refused(request, article, str(error), 409)
    messages.success(request, message)
    return _back(article)


@editor_required
def adjust(request: HttpRequest, pk: int, fingerprint: str) -> HttpResponse:
    """The statement form prefilled from the suggestion; saving it (a new statement or
    the quote added to a similar one) counts as accepting it, adjusted."""
    article = _article(pk)
    try:
        proposal = decisions.open_proposal(article, fingerprint)
    except decisions.ProposalUnavailable as error:
        return _refused(request, article, str(error), error.status)

    def recorded(saved: editing.Recorded) -> str:
        decisions.record(
            article,
            proposal,
            verdict=Verdict.ACCEPTED,
            user=request.user,
            adjusted=True,
            statement=saved.statement,
            quote=saved.quote,
            created_statement=saved.created_statement,
            created_actors=[saved.new_actor] if saved.new_actor else [],
            created_claim=saved.new_claim,
        )
        return article.get_absolute_url() + SUGGESTIONS

    try:
        return editing.statement_page(
            request,
            article,
            initial=accepting.form_initial(proposal, by_slug=False),
            recorded=recorded,
            context={"suggestion": proposal},
        )
    except decisions.ProposalUnavailable as error:
        return _refused(request, article, str(error), 409)
