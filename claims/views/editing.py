"""Editor pages: record a statement from an article, add a quote, edit a statement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from claims import actions, joining, queries, suggestions
from claims.forms.statements import STATEMENT_FACTS, StatementEditForm, StatementFromArticleForm
from claims.models import Actor, Claim, Quote, Statement
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
    return statement_page(request, article, initial=_selection(request, article))


@dataclass(frozen=True)
class Recorded:
    """What saving the statement form wrote: a new statement, or a quote joining one."""

    statement: Statement
    quote: Quote
    created_statement: bool
    new_actor: Actor | None = None
    new_claim: Claim | None = None


def statement_page(
    request: HttpRequest,
    article: Article,
    *,
    initial: dict,
    recorded: Callable[[Recorded], str | None] | None = None,
    context: dict | None = None,
) -> HttpResponse:
    """The statement form for `article`, prefilled with `initial`. `recorded` is called
    in the transaction that saves it (an exception there undoes the save) and may name
    where the editor goes next; else the statement's page."""
    if request.method == "POST" and request.POST.get("add_to"):
        return _add_quote_to_existing(request, article, recorded, context)
    if request.method == "POST":
        form = StatementFromArticleForm(request.POST, article=article)
        if form.is_valid():
            try:
                with transaction.atomic():
                    statement = form.save()
                    then = _after(
                        recorded,
                        Recorded(
                            statement,
                            statement.quotes.get(),
                            created_statement=True,
                            new_actor=form.new_actor,
                            new_claim=form.new_claim,
                        ),
                    )
            except ValidationError as error:
                _apply_model_errors(form, error)
            else:
                messages.success(request, f"Recorded statement #{statement.pk}.")
                return redirect(then or statement)
    else:
        form = StatementFromArticleForm(initial=initial, article=article)
    status = 400 if request.method == "POST" else 200
    return _statement_form(request, form, article, status, context)


def _after(recorded, what: Recorded) -> str | None:
    return recorded(what) if recorded is not None else None


def _statement_form(request, form, article, status: int, context=None) -> HttpResponse:
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
            **(context or {}),
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


ADOPTABLE = ("speaker", "date", "date_wording", "note")


def _add_quote_to_existing(
    request: HttpRequest, article: Article, recorded, context
) -> HttpResponse:
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
        with transaction.atomic():
            quote = actions.join_statement(statement=statement, spec=spec, adopt=adopt)
            then = _after(recorded, Recorded(statement, quote, created_statement=False))
    except ValidationError as error:
        # The form comes back as the editor filled it, with the reason: nothing typed is lost.
        form = StatementFromArticleForm(request.POST, article=article)
        form.is_valid()
        for message in error.messages:
            form.add_error(None, f"Not added to statement #{statement.pk}: {message}")
        return _statement_form(request, form, article, status=400, context=context)
    adopted = f" and took its {', '.join(n.replace('_', ' ') for n in adopt)}" if adopt else ""
    messages.success(request, f"Added the quote to statement #{statement.pk}{adopted}.")
    return redirect(then or statement)


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
