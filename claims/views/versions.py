"""The change history of any record: who changed what, when, before and after; a
citable permalink per version; restore (administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from claims import actions, changes
from claims.models import Actor, Claim, Quote, Statement
from claims.views.gone import describe_version
from claimtracker.roles import administrator_required
from sources.models import Article, Outlet

HISTORY_MODELS = {
    "statement": Statement,
    "quote": Quote,
    "actor": Actor,
    "claim": Claim,
    "article": Article,
    "outlet": Outlet,
}
VERSIONS_PER_PAGE = 200


def _model(name: str):
    try:
        return HISTORY_MODELS[name]
    except KeyError:
        raise Http404(f"No history for {name!r}.") from None


def record_history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    Model = _model(model)
    versions = list(
        Model.history.filter(id=pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:VERSIONS_PER_PAGE]
    )
    if not versions:
        raise Http404("No history for this record.")
    entries = changes.history_entries(Model, versions)
    if Model is Statement:
        # Adding, moving, correcting or removing a quote is part of its statement's story.
        entries += changes.quote_entries(pk, VERSIONS_PER_PAGE)
        entries.sort(key=lambda entry: entry.date, reverse=True)
    current = Model.objects.filter(pk=pk).first()
    return render(
        request,
        "editor/history.html",
        {
            "model": model,
            "pk": pk,
            "entries": entries,
            "current": current,
            "label": "" if current is not None else describe_version(versions[0]),
        },
    )


def version_detail(request: HttpRequest, model: str, pk: int, history_id: int) -> HttpResponse:
    Model = _model(model)
    version = get_object_or_404(
        Model.history.select_related("history_user"), id=pk, history_id=history_id
    )
    fields = [
        (field.verbose_name, shown_field(field, version))
        for field in Model.history.model.tracked_fields  # derived fields are not kept
        if field.attname not in changes.HIDDEN_FIELDS
    ]
    permalink = request.build_absolute_uri(reverse("claims:version", args=[model, pk, history_id]))
    return render(
        request,
        "editor/version.html",
        {"model": model, "pk": pk, "version": version, "fields": fields, "permalink": permalink},
    )


def shown_field(field, version) -> changes.Shown:
    value = getattr(version, field.attname)
    if field.is_relation and value is not None:
        related = field.related_model._base_manager.filter(pk=value).first()
        if related is None:
            return changes.Shown(f"{field.related_model._meta.verbose_name} {value} (deleted)")
        return changes.shown(value, related)
    return changes.shown(value)


@administrator_required
def version_restore(request: HttpRequest, model: str, pk: int, history_id: int) -> HttpResponse:
    """GET asks for confirmation, showing what the restore will change; POST restores."""
    Model = _model(model)
    version = get_object_or_404(Model.history, id=pk, history_id=history_id)
    record = version.instance  # the record as it was, with the same primary key
    current = Model.objects.filter(pk=pk).first()
    if request.method != "POST":
        latest = Model.history.filter(id=pk).order_by("-history_date", "-history_id").first()
        [entry] = changes.Describer(Model, [(version, latest)]).entries()
        return render(
            request,
            "editor/restore_confirm.html",
            {
                "model": model,
                "pk": pk,
                "version": version,
                "current": current,
                "changes": entry.changes,
            },
        )
    if current is None and Model is Statement:
        # Its quotes were deleted with it: they come back with it, checked again.
        try:
            restored = actions.restore_statement(version)
        except ValidationError as error:
            messages.error(request, f"Could not restore this statement: {' '.join(error.messages)}")
            return redirect("claims:version", model=model, pk=pk, history_id=history_id)
        count = len(restored.quotes)
        messages.success(
            request,
            f"Restored statement {pk} with {count} quote{'s' if count != 1 else ''}."
            + (
                " Not restored, as their words are no longer in their articles: "
                + "; ".join(restored.left_out)
                if restored.left_out
                else ""
            ),
        )
        return redirect(restored.statement)
    if current is not None and hasattr(current, "version"):
        record.version = current.version
        record._state.adding = False
    record._change_reason = f"restored version {history_id}"
    try:
        record.full_clean(exclude=["version"], validate_unique=False)
        record.save()
    except Exception as error:  # a restore can clash with what changed since
        messages.error(request, f"Could not restore this version: {error}")
        return redirect("claims:version", model=model, pk=pk, history_id=history_id)
    messages.success(
        request, f"Restored {model} {pk} to the version of {version.history_date:%Y-%m-%d %H:%M}."
    )
    return redirect("claims:history", model=model, pk=pk)
