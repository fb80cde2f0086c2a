"""Administrator pages: merge two actors or two claims, delete a record."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from claims import actions, queries, suggestions
from claims.models import Actor, Claim, Statement
from claimtracker.roles import administrator_required


def _merge(request, record, find_target, merge, noun):
    error = None
    if request.method == "POST":
        typed = request.POST.get("into", "").strip()
        target, error = find_target(typed) if typed else (None, f"Name the {noun} to keep.")
        if target is not None:
            try:
                merge(source=record, target=target, user=request.user)
            except ValidationError as problem:
                error = " ".join(problem.messages)
            else:
                messages.success(request, f"Merged {record} into {target}.")
                return redirect(target)
    return render(
        request,
        "editor/merge.html",
        {
            "record": record,
            "noun": noun,
            "error": error,
            "suggestions_url": reverse("claims:actor-suggestions") if noun == "actor" else "",
            "claims": Claim.objects.exclude(pk=record.pk).order_by("text")
            if noun == "claim"
            else (),
        },
        status=400 if error else 200,
    )


def actor_to_keep(source: Actor):
    """The actor an administrator named to merge into, by name, alias or slug, as the
    statement form reads it; else why not, with what was probably meant."""

    def find(typed: str):
        others = Actor.objects.exclude(pk=source.pk)
        found, _ = queries.resolve_actors([typed], others)
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            names = " or ".join(f"{a.name} ({a.slug})" for a in found)
            return None, f"“{typed}” names several actors: {names}. Give the slug."
        hint = suggestions.actor_hint(typed, among=others)
        return None, f"No other actor is called “{typed}”" + (f"; {hint}" if hint else ".")

    return find


def claim_to_keep(source: Claim):
    def find(typed: str):
        found = queries.claim_named(typed, among=Claim.objects.exclude(pk=source.pk))
        if found is not None:
            return found, None
        hint = suggestions.claim_hint(typed)
        return None, f"No other claim has the slug or text “{typed}”" + (
            f"; {hint}" if hint else "."
        )

    return find


@administrator_required
def actor_merge(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor, slug=slug)
    return _merge(request, actor, actor_to_keep(actor), actions.merge_actors, "actor")


@administrator_required
def claim_merge(request: HttpRequest, slug: str) -> HttpResponse:
    claim = get_object_or_404(Claim, slug=slug)
    return _merge(request, claim, claim_to_keep(claim), actions.merge_claims, "claim")


@administrator_required
def statement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement, pk=pk)
    if request.method == "POST":
        try:
            statement.delete()
        except ProtectedError:
            messages.error(request, "Something still points to this statement.")
            return redirect(statement)
        messages.success(request, f"Deleted statement #{pk}; its URL now says what it was.")
        return redirect("claims:statement-list")
    return render(request, "editor/delete.html", {"record": statement, "noun": "statement"})
