from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from claims import cached, citations, queries, search
from claims.facets import SEARCH_CAP, Matches, matching_count, statement_facets
from claims.filter_choices import more_than_shown
from claims.filters import FILTER_PARAMETERS, StatementFilter, unknown_parameters
from claims.models import Stance, Statement
from claims.views.gone import missing
from claims.views.pagination import feed_links, page_of, query_without_page
from sources import sentences


def statement_list(request: HttpRequest) -> HttpResponse:
    filterset = StatementFilter(request.GET, queryset=queries.statements_for_list())
    unknown = unknown_parameters(request.GET, (*FILTER_PARAMETERS, "page"))
    context = {"filterset": filterset, "form": filterset.form, "unknown": unknown}
    if unknown or not filterset.is_valid():
        # Never a silent full list and never an empty page that looks like "no results".
        context["facet_errors"] = [
            (name, filterset.form.errors[name])
            for name in FILTER_PARAMETERS
            if name in filterset.form.errors and name not in ("q", "date_from", "date_to")
        ]
        return render(request, "claims/statement_list.html", context, status=400)
    query = query_without_page(request.GET)
    q = filterset.form.cleaned_data.get("q") or ""
    rows, matches, dress = filterset.qs, None, queries.details_of
    # Cached until a write could change them, so exact as of the last commit; keyed by
    # the filters as given.
    if q.strip():
        # One read of the search's newest matches serves the page, its count and facets.
        matches = search_matches(filterset, request.GET)
        rows = matches.ids

        def dress(ids: list[int]) -> list[Statement]:
            # The words found, marked in the page's quotes: one more query per page.
            return search.highlight_statements(queries.details_of(ids), q)

    facets, count, more = cached.cached(
        "statement-list-counts",
        query,
        lambda: counts_of(filterset, request.GET, matches),
        [cached.STATEMENTS],
    )
    context |= {
        "page": page_of(request, rows, dress=dress, count=count),
        "facets": facets,
        "facet_rows": [(facet, more.get(facet.name)) for facet in facets],
        "capped": matches is not None and matches.capped,
        "search_cap": f"{SEARCH_CAP:,}",
        "query": query,
        "csv_url": f"{reverse('api:statement-export-csv')}?{query}",
        "jsonl_url": f"{reverse('api:statement-export-jsonl')}?{query}",
        **feed_links(reverse("claims:statement-feed"), query, "Statements"),
        "alias_matches": list(queries.actors_named([q])[:3]) if q.strip() else [],
        "stances": Stance.choices,
    }
    return render(request, "claims/statement_list.html", context)


def search_matches(filterset: StatementFilter, params: QueryDict) -> Matches:
    """The search's matches under the page's filters. What a search alone finds changes
    only with quotes and statements' dates (cached.SEARCH), not with the stance edits
    that change its facets; under filters, it is read among the search's own matches
    when the search found them all (Matches.among), else asked of the database."""
    statements = queries.statements_for_list()
    alone_params = QueryDict(mutable=True)
    alone_params["q"] = filterset.form.cleaned_data["q"]
    alone = cached.cached(
        "search-matches",
        alone_params.urlencode(),
        lambda: Matches.of(StatementFilter(alone_params, queryset=statements).qs),
        [cached.SEARCH],
    )
    others = params.copy()
    others.pop("q", None)
    others.pop("page", None)
    if not any(value.strip() for _, values in others.lists() for value in values):
        return alone

    def under_filters() -> Matches:
        if alone.capped:
            return Matches.of(filterset.qs)
        return Matches.among(alone, StatementFilter(others, queryset=statements).qs)

    return cached.cached(
        "search-matches", query_without_page(params), under_filters, [cached.STATEMENTS]
    )


def counts_of(filterset: StatementFilter, params, matches: Matches | None):
    """The facets; how many statements the filters match when the tallies or the facets'
    counting tell (None: the paginator counts the search's matches); and the choices of
    the facets with more values than their links show."""
    facets, counted = statement_facets(filterset, params, matches)
    count = matching_count(filterset)
    return facets, counted if count is None else count, more_than_shown(filterset, facets, params)


def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = queries.statement_detail(pk)
    if statement is None:
        return missing(request, Statement, "statement", id=pk)
    contexts = []
    for quote in statement.quotes.all():
        before, after = sentences.surrounding_sentences(quote.article.body, quote.start, quote.end)
        contexts.append((quote, before, after))
    return render(
        request,
        "claims/statement_detail.html",
        {
            "statement": statement,
            "contexts": contexts,
            "citation": cited(request, statement),
            "citation_formats": CITATION_FORMATS,
        },
    )


CITATION_FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))


def cited(request: HttpRequest, statement: Statement) -> citations.Citation:
    permalink = request.build_absolute_uri(statement.get_absolute_url())
    return citations.citation_of(statement, permalink, timezone.localdate())


def statement_citation(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The citation as a file for a reference manager (Zotero imports each of them)."""
    statement = queries.statement_detail(pk)
    if statement is None:
        return missing(request, Statement, "statement", id=pk)
    write, content_type = citations.FORMATS[extension]
    response = HttpResponse(write(cited(request, statement)), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="claimtracker-statement-{statement.pk}.{extension}"'
    )
    return response
