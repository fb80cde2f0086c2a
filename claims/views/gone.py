"""Answers for records that are no longer where they were: 301 to the record an actor
or claim was merged into, 410 with what a deleted record was, 404 otherwise."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def describe_version(version) -> str:
    """What a historical version of a record was called, even when the records it
    pointed to (a deleted statement's claim, since merged away) are gone too: those are
    read from their own last version."""
    record = version.instance
    for field in record._meta.concrete_fields:
        related_id = getattr(record, field.attname) if field.is_relation else None
        if related_id is None:
            continue
        try:
            getattr(record, field.name)
        except ObjectDoesNotExist:
            history = getattr(field.related_model, "history", None)
            last = (
                history.filter(**{field.target_field.attname: related_id})
                .order_by("-history_date", "-history_id")
                .first()
                if history is not None
                else None
            )
            if last is None:
                return f"{record._meta.verbose_name} {record.pk}"
            field.set_cached_value(record, last.instance)
    return str(record)


def missing(request: HttpRequest, model, noun: str, merged_model=None, **lookup) -> HttpResponse:
    if merged_model is not None and "slug" in lookup:
        merged = merged_model.objects.filter(old_slug=lookup["slug"]).first()
        if merged is not None:
            target = getattr(merged, noun)
            return redirect(target, permanent=True)
    deleted = model.history.filter(history_type="-", **lookup).order_by("-history_date").first()
    if deleted is None:
        raise Http404(f"No {noun} here.")
    return render(
        request,
        "gone.html",
        {
            "noun": noun,
            "pk": deleted.id,
            "label": describe_version(deleted),
            "deleted_on": deleted.history_date,
        },
        status=410,
    )
