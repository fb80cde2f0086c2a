from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict

PER_PAGE = 50


def page_of(request: HttpRequest, queryset, per_page: int = PER_PAGE, dress=None) -> Page:
    """The requested page. `dress` turns the page's lean rows into what the template
    shows (claims.queries.with_details), so costly annotations run for one page only."""
    # The list's ordering ends with the primary key, so pages never overlap or skip.
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    if dress is not None:
        page.object_list = dress(page.object_list)
    return page


def query_without_page(params: QueryDict) -> str:
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()
