"""Editor pages: record a statement from an article, add a quote, edit a statement."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from claims import actions, joining, queries, suggestions
from claims.forms.statements import STATEMENT_FACTS, StatementEditForm, StatementFromArticleForm
from claims.models import Actor, Claim, Statement
from claimtracker import inputs
from claimtracker.roles import editor_required
from claimtracker.versioning import StaleVersion
from sources import dates, text
from sources.models import Article

CLAIM_SUGGESTIONS = 500
CHANGE_FIELDS = STATEMENT_FACTS


def _selection(request: HttpRequest, article: Article) -> dict:
    """Initial quote from a browser selection, given in UTF-16 units as the browser
    counts them (?u16start=&u16end=), converted to the code points we store."""
    try:
        u16start = inputs.whole_number(request.GET["u16start"])
        u16end = inputs.whole_number(request.GET["u16end"])
        if u16start is None or u16end is None:
            return {}
        start = text.utf16_offset_to_index(article.body, u16start)
        end = text.utf16_offset_to_index(article.body, u16end)
    except (KeyError, ValueError):
        return {}
    if not 0 <= start < end <= len(article.body):
        return {}
    return {"text": article.body[start:end], "start": start}


def _apply_model_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        target = field if field in form.fields else None
        if field.startswith("quotes"):
            target = "text"
        for message in messages_:
            form.add_error(target, message)


@editor_required
def statement_create(request: HttpRequest, article_pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=article_pk)
    if request.method == "POST" and request.POST.get("add_to"):
        return _add_quote_to_existing(request, article)
    if request.method == "POST":
        form = StatementFromArticleForm(request.POST, article=article)
        if form.is_valid():
            try:
                statement = _record(form, article)
            except ValidationError as error:
                _apply_model_errors(form, error)
            else:
                messages.success(request, f"Recorded statement #{statement.pk}.")
                return redirect(statement)
    else:
        form = StatementFromArticleForm(initial=_selection(request, article), article=article)
    status = 400 if request.method == "POST" else 200
    return _statement_form(request, form, article, status)


def _statement_form(request, form, article, status: int) -> HttpResponse:
    typed = _typed(form)
    for statement in form.similar:
        # What the editor's typing would add to it, offered beside it.
        statement.join_offers = joining.offers(statement, typed)
    return render(
        request,
        "editor/statement_form.html",
        {
            "form": form,
            "article": article,
            "similar": form.similar,
            "occurrences": form.occurrences,
            "claims": Claim.objects.order_by("text")[:CLAIM_SUGGESTIONS],
        },
        status=status,
    )


def _typed(form: StatementFromArticleForm) -> joining.Typed:
    data = getattr(form, "cleaned_data", {})
    return joining.Typed(
        speaker=data.get("speaker_record"),
        made_on=data.get("made_on"),
        made_on_precision=data.get("made_on_precision") or "",
        date_wording=data.get("date_wording") or "",
        note=data.get("note") or "",
    )


def _record(form: StatementFromArticleForm, article: Article) -> Statement:
    data = form.cleaned_data
    with transaction.atomic():
        for created in (form.new_actor, form.new_claim):
            if created is not None:
                created.full_clean(exclude=["version"])
                created.save()
        return actions.record_statement(
            actor=data["actor_record"],
            speaker=data.get("speaker_record"),
            claim=data["claim_record"],
            stance=data["stance"],
            made_on=data["made_on"],
            made_on_precision=data["made_on_precision"],
            date_wording=data.get("date_wording", ""),
            note=data.get("note", ""),
            quotes=[actions.QuoteSpec(article, data["text"], data.get("start"))],
        )


ADOPTABLE = ("speaker", "date", "date_wording", "note")


def _add_quote_to_existing(request: HttpRequest, article: Article) -> HttpResponse:
    add_to = inputs.record_id(request.POST["add_to"])
    if add_to is None:
        raise Http404("No such statement.")
    statement = get_object_or_404(Statement, pk=add_to)
    # Browsers send line breaks as CRLF, hidden inputs too; article bodies use LF.
    quoted = request.POST.get("text", "").replace("\r\n", "\n")
    spec = actions.QuoteSpec(article, quoted, inputs.whole_number(request.POST.get("start", "")))
    adopt = {
        name: request.POST.get(f"typed_{name}", "")
        for name in ADOPTABLE
        if request.POST.get(f"adopt_{name}") == "mine"
    }
    try:
        actions.join_statement(statement=statement, spec=spec, adopt=adopt)
    except ValidationError as error:
        # The form comes back as the editor filled it, with the reason: nothing typed is lost.
        form = StatementFromArticleForm(request.POST, article=article)
        form.is_valid()
        for message in error.messages:
            form.add_error(None, f"Not added to statement #{statement.pk}: {message}")
        return _statement_form(request, form, article, status=400)
    adopted = f" and took its {', '.join(n.replace('_', ' ') for n in adopt)}" if adopt else ""
    messages.success(request, f"Added the quote to statement #{statement.pk}{adopted}.")
    return redirect(statement)


@editor_required
def statement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement.objects.select_related("actor", "claim"), pk=pk)
    conflict = None
    if request.method == "POST":
        original = {name: getattr(statement, name) for name in CHANGE_FIELDS}
        form = StatementEditForm(request.POST, instance=statement)
        if form.is_valid():
            try:
                form.instance.save(expected_version=form.cleaned_data["version"])
            except StaleVersion as stale:
                current = Statement.objects.get(pk=pk)
                conflict = {
                    "message": str(stale),
                    "rows": [
                        (name, form.cleaned_data.get(name), getattr(current, name))
                        for name in CHANGE_FIELDS
                        if getattr(current, name) != original[name]
                        or form.cleaned_data.get(name) != getattr(current, name)
                    ],
                }
                form.add_error(
                    None,
                    "Someone else saved this statement since you opened it; "
                    "nothing of yours was saved. Compare below, then reopen it.",
                )
            else:
                messages.success(request, f"Saved statement #{statement.pk}.")
                return redirect(statement)
    else:
        form = StatementEditForm(instance=statement, initial={"version": statement.version})
    return render(
        request,
        "editor/statement_edit.html",
        {
            "form": form,
            "statement": statement,
            "conflict": conflict,
            "claims": Claim.objects.order_by("text")[:CLAIM_SUGGESTIONS],
        },
        status=409 if conflict else 400 if request.method == "POST" else 200,
    )


SUGGESTION_LIMIT = 10


@editor_required
def actor_suggestions(request: HttpRequest) -> JsonResponse:
    """Actors whose name, slug or an alias contains what was typed, then those spelled
    close to it ("Amirabdollahian"): the matcher of the forms' "Did you mean"."""
    q = request.GET.get("q", "").strip()
    if len(q) < 2:
        return JsonResponse({"actors": []})
    candidates = Actor.objects.persons() if request.GET.get("persons") else Actor.objects.all()
    actors = list(
        queries.actors_named([q], partial=True, among=candidates).order_by("name")[
            :SUGGESTION_LIMIT
        ]
    )
    if len(actors) < SUGGESTION_LIMIT:
        close = suggestions.similar_actors(q, limit=SUGGESTION_LIMIT, among=candidates)
        actors += [actor for actor in close if actor not in actors]
    return JsonResponse(
        {
            "actors": [
                {"name": a.name, "slug": a.slug, "kind": a.kind} for a in actors[:SUGGESTION_LIMIT]
            ]
        }
    )


@editor_required
def resolve_date(request: HttpRequest) -> JsonResponse:
    article_pk = inputs.record_id(request.GET.get("article", ""))
    if article_pk is None:
        raise Http404("No such article.")
    article = get_object_or_404(Article, pk=article_pk)
    wording = request.GET.get("wording", "")
    try:
        resolved = dates.resolve(wording, article.published_on)
    except dates.UnresolvableDate as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(
        {
            "date": resolved.date.isoformat(),
            "precision": str(resolved.precision),
            "label": dates.describe(resolved.date, resolved.precision),
        }
    )
