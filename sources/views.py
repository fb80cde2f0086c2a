from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize

from claimtracker import links
from claimtracker.roles import editor_required, is_editor
from claimtracker.versioning import StaleVersion
from sources import fetching
from sources.forms import (
    ARTICLE_FIELDS,
    ArticleForm,
    ImportForm,
    duplicate_of,
    normalize_newlines,
    outlet_choice,
    quotes_lost_by_correction,
)
from sources.highlight import Highlight, highlighted_body
from sources.models import Article

ARTICLES_PER_PAGE = 50
# The article page's "Suggested statements" panel, where an editor lands after entering
# an article (the panel is the assistant's, shown by its template tag; no import here).
SUGGESTIONS_ANCHOR = "suggestions"


def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.select_related("outlet")
        .annotate(quote_count=Count("quotes"))
        .order_by("-published_on", "-id")
    )
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "sources/article_list.html", {"page": page, "can_edit": is_editor(request.user)}
    )


def article_gone(request: HttpRequest, pk: int) -> HttpResponse:
    """410 with what a deleted article was; 404 for an id that never existed."""
    deleted = Article.history.filter(id=pk, history_type="-").order_by("-history_date").first()
    if deleted is None:
        raise Http404("No article here.")
    return render(
        request,
        "gone.html",
        {"noun": "article", "pk": pk, "label": str(deleted), "deleted_on": deleted.history_date},
        status=410,
    )


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = Article.objects.select_related("outlet").filter(pk=pk).first()
    if article is None:
        return article_gone(request, pk)
    # The quotes app hangs its quotes on the article (related name "quotes"); reading
    # them by that name keeps sources free of imports from claims.
    quotes = list(
        article.quotes.order_by("start", "id").values(
            "id",
            "start",
            "end",
            "statement_id",
            "statement__stance",
            "statement__actor__name",
            "statement__claim__text",
        )
    )
    highlights = [
        Highlight(
            key=q["id"],
            start=q["start"],
            end=q["end"],
            href=links.page_of("claims:statement-detail", q["statement_id"]),
            label=f"#{q['statement_id']}",
            title=(
                f"{q['statement__actor__name']} {q['statement__stance']}: "
                f"{q['statement__claim__text']}"
            ),
        )
        for q in quotes
    ]
    return render(
        request,
        "sources/article_detail.html",
        {
            "article": article,
            "body_html": highlighted_body(article.body, highlights),
            # For the editors' suggestions panel, which marks its spans among these.
            "highlights": highlights,
            "quotes": quotes,
            "can_edit": is_editor(request.user),
        },
    )


# --- editor pages ------------------------------------------------------------------

IMPORT_ACTIONS = frozenset({"extract", "fetch"})


@editor_required
def article_create(request: HttpRequest) -> HttpResponse:
    fetch_enabled = fetching.is_enabled()
    import_form = ImportForm(fetch_enabled=fetch_enabled)
    context: dict = {}
    status = 200
    action = request.POST.get("action", "save")
    if request.method == "POST" and action in IMPORT_ACTIONS:
        # Nothing is saved: the form comes back prefilled for the editor to check.
        import_form = ImportForm(request.POST, request.FILES, fetch_enabled=fetch_enabled)
        extracted = import_form.extracted(action)
        found = extracted.found() if extracted else {}
        typed = _typed(request.POST)
        publisher = found.pop("outlet", "")
        if publisher and not {"outlet", "new_outlet"} & typed.keys():
            found |= outlet_choice(publisher)
        form = ArticleForm(initial=typed | found)
        if extracted is None:
            status = 400
        else:
            context["found"] = [form.fields[name].label for name in found]
            context["missing"] = [
                form.fields[name].label
                for name in ("title", "published_on", "url")
                if name not in found
            ]
            context["duplicate"] = duplicate_of(extracted.url)
    elif request.method == "POST":
        form = ArticleForm(request.POST)
        if form.is_valid() and _save(form, expected_version=None):
            messages.success(request, f"Saved article #{form.instance.pk}.")
            # The editor goes on with the statements the assistant suggests for it.
            return redirect(f"{form.instance.get_absolute_url()}#{SUGGESTIONS_ANCHOR}")
        status = 400
    else:
        form = ArticleForm()
    return render(
        request,
        "sources/article_form.html",
        {"form": form, "import_form": import_form, "duplicate": form.duplicate, **context},
        status=status,
    )


@editor_required
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    conflict = None
    if request.method == "POST":
        form = ArticleForm(request.POST, instance=article)
        # In a transaction, reads go to the primary (claimtracker.routers): the version
        # and body compared here must be the latest, not a lagging replica's.
        with transaction.atomic():
            is_valid = form.is_valid()
            current = Article.objects.select_related("outlet").get(pk=pk)
        version = form.cleaned_data.get("version")
        stale = version is not None and version != current.version
        if is_valid and not stale:
            spans = _quote_spans(article)
            try:
                saved = _save(form, expected_version=version)
            except StaleVersion:
                # Saved by someone else between loading the record and saving it.
                current = Article.objects.select_related("outlet").get(pk=pk)
                stale = True
            else:
                if saved:
                    messages.success(request, _saved_message(article, spans, current.body))
                    return redirect(article)
        if stale:
            # The history keeps every saved version, so the one the editor opened tells
            # which differences are theirs and which were saved meanwhile.
            opened = current.history.filter(version=version).first()
            conflict = {
                "mine": version,
                "theirs": current.version,
                "changes": form.changes_against(current, opened),
            }
    else:
        form = ArticleForm(instance=article)
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(
        request,
        "sources/article_form.html",
        {
            "form": form,
            # The form has written the submitted values into `article`; the page shows
            # the record as saved.
            "article": current if request.method == "POST" else article,
            "duplicate": form.duplicate,
            "conflict": conflict,
        },
        status=status,
    )


def _typed(data) -> dict:
    """What the editor had typed in the article form before asking for an import."""
    names = (*ARTICLE_FIELDS, "new_outlet")
    return {name: normalize_newlines(data[name]) for name in names if data.get(name, "").strip()}


def _save(form: ArticleForm, *, expected_version: int | None) -> bool:
    """Saves the validated form with its new outlet, if any; False with the errors on the
    form when the database refuses what validation could not foresee."""
    article = form.instance
    try:
        with transaction.atomic():
            if form.new_outlet_record is not None:
                form.new_outlet_record.save()
                article.outlet = form.new_outlet_record
            article.save(expected_version=expected_version)
    except ValidationError as error:
        # Quotes added since the form was validated that the correction would lose.
        on_body = "body" in getattr(error, "error_dict", {})
        form.add_error("body" if on_body else None, error.messages)
        if on_body:
            form.lost_quotes = quotes_lost_by_correction(article, article.body)
        return False
    except IntegrityError:
        # Another editor entered the same URL or outlet in the meantime.
        duplicate = duplicate_of(article.url, article)
        if duplicate is not None:
            form.duplicate = duplicate
            form.add_error("url", f"This URL was entered meanwhile, as article #{duplicate.pk}.")
        else:
            form.add_error(None, "The article could not be saved; please submit it again.")
        return False
    return True


def _quote_spans(article: Article) -> dict[int, tuple[int, int]]:
    return {pk: (start, end) for pk, start, end in article.quotes.values_list("id", "start", "end")}


def _saved_message(article: Article, spans_before: dict, body_before: str) -> str:
    message = f"Saved article #{article.pk}."
    if article.body == body_before:
        return message
    after = _quote_spans(article)
    moved = sum(1 for pk, span in after.items() if spans_before.get(pk) != span)
    return (
        f"{message} The body was corrected; {moved} quote{pluralize(moved)} moved with "
        f"{'their' if moved != 1 else 'its'} text."
    )
