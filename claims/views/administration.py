"""Administrator pages: merge two actors or two claims, delete a record."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from claims import actions
from claims.models import Actor, Claim, Statement
from claimtracker.roles import administrator_required


def _merge(request, record, candidates, merge, noun):
    error = None
    if request.method == "POST":
        target = candidates.filter(slug=request.POST.get("into", "").strip()).first()
        if target is None:
            error = f"No {noun} has the slug “{request.POST.get('into', '')}”."
        else:
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
        {"record": record, "noun": noun, "error": error},
        status=400 if error else 200,
    )


@administrator_required
def actor_merge(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor, slug=slug)
    return _merge(request, actor, Actor.objects.exclude(pk=actor.pk), actions.merge_actors, "actor")


@administrator_required
def claim_merge(request: HttpRequest, slug: str) -> HttpResponse:
    claim = get_object_or_404(Claim, slug=slug)
    return _merge(request, claim, Claim.objects.exclude(pk=claim.pk), actions.merge_claims, "claim")


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
