from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict

PER_PAGE = 50


def page_of(request: HttpRequest, queryset, per_page: int = PER_PAGE) -> Page:
    # The list's ordering ends with the primary key, so pages never overlap or skip.
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without_page(params: QueryDict) -> str:
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()
