"""Editor pages for actors, claims and quotes: edit with version checks; delete
(administrators), after which the record's address says what it was."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from claims import actions
from claims.forms.records import ActorForm, ClaimForm, QuoteForm
from claims.models import Actor, Claim, Quote
from claimtracker.roles import administrator_required, editor_required
from claimtracker.versioning import StaleVersion


def _edit(request, record, form_class, noun: str, after_save=None) -> HttpResponse:
    conflict, stale_edit = None, False
    if request.method == "POST":
        original = {name: getattr(record, name, None) for name in form_class.base_fields}
        form = form_class(request.POST, instance=record)
        if form.is_valid():
            try:
                with transaction.atomic():
                    if hasattr(form, "apply"):
                        form.apply()
                    saved = form.save(commit=False)
                    saved.save(expected_version=form.cleaned_data["version"])
                    if after_save:
                        after_save(form, saved)
            except StaleVersion as stale:
                stale_edit = True
                current = type(record).objects.get(pk=record.pk)
                conflict = [
                    (name, form.cleaned_data.get(name), getattr(current, name, None))
                    for name in form.cleaned_data
                    if name in original and getattr(current, name, None) != original[name]
                ]
                form.add_error(None, f"{stale} Nothing of yours was saved; compare below.")
            else:
                messages.success(request, f"Saved the {noun}.")
                return redirect(saved.get_absolute_url() if noun != "quote" else saved.statement)
    else:
        form = form_class(instance=record)
    return render(
        request,
        "editor/record_edit.html",
        {"form": form, "record": record, "noun": noun, "conflict": conflict},
        status=409 if stale_edit else 400 if request.method == "POST" else 200,
    )


@editor_required
def actor_edit(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor, slug=slug)
    return _edit(request, actor, ActorForm, "actor", lambda form, a: form.save_aliases(a))


@editor_required
def claim_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, get_object_or_404(Claim, slug=slug), ClaimForm, "claim")


@editor_required
@require_POST
def quote_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a quote off its statement (never its only one: a statement needs a quote)."""
    quote = get_object_or_404(Quote.objects.select_related("statement"), pk=pk)
    statement = quote.statement
    try:
        actions.remove_quote(quote)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Removed quote {pk} from statement #{statement.pk}.")
    return redirect(statement)


@editor_required
def quote_edit(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(Quote.objects.select_related("article", "statement"), pk=pk)
    return _edit(request, quote, QuoteForm, "quote")


def _delete(request, record, noun: str, gone_to: str) -> HttpResponse:
    if request.method == "POST":
        try:
            record.delete()
        except ProtectedError as error:
            count = len(error.protected_objects)
            messages.error(
                request,
                f"{count} statement(s) or other records still point to this {noun}; "
                "merge it into another or remove them first.",
            )
            return redirect(record)
        messages.success(request, f"Deleted the {noun}; its address now says what it was.")
        return redirect(gone_to)
    return render(request, "editor/delete.html", {"record": record, "noun": noun})


@administrator_required
def actor_delete(request: HttpRequest, slug: str) -> HttpResponse:
    return _delete(request, get_object_or_404(Actor, slug=slug), "actor", "claims:actor-list")


@administrator_required
def claim_delete(request: HttpRequest, slug: str) -> HttpResponse:
    return _delete(request, get_object_or_404(Claim, slug=slug), "claim", "claims:claim-list")
