from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict
from django.utils.functional import cached_property

from claims import cached

PER_PAGE = 50


class CountCachedPaginator(Paginator):
    """Counts the list once per data version: counting a million matching rows takes
    longer than reading the page (claims.cached)."""

    @cached_property
    def count(self) -> int:
        try:
            sql = str(self.object_list.query)
        except EmptyResultSet:
            return 0
        return cached.cached("count", sql, lambda: Paginator.count.func(self))


def page_of(request: HttpRequest, queryset, per_page: int = PER_PAGE, dress=None) -> Page:
    """The requested page. `dress` turns the page's lean rows into what the template
    shows (claims.queries.with_details), so costly annotations run for one page only."""
    # The list's ordering ends with the primary key, so pages never overlap or skip.
    page = CountCachedPaginator(queryset, per_page).get_page(request.GET.get("page"))
    if dress is not None:
        page.object_list = dress(page.object_list)
    return page


def query_without_page(params: QueryDict) -> str:
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()
