from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict
from django.utils.functional import cached_property

from claims import cached
from claims.feeds import FEED_ENTRIES
from claims.models import Statement

ORDER = ("-made_on", "-id")  # the statement list's, for ids read already

PER_PAGE = 50


class CountedPaginator(Paginator):
    """Takes the count when the caller knows it (from the tallies, claims.tallies), or
    the length of ids read already; else counts, uncached, so it is always exact."""

    def __init__(self, object_list, per_page, known_count: int | None = None):
        super().__init__(object_list, per_page)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        if isinstance(self.object_list, list):  # ids read already (claims.facets.Matches)
            return len(self.object_list)
        try:
            return Paginator.count.func(self)
        except EmptyResultSet:
            return 0


class DressedOnRead(Sequence):
    """Rows known by id, dressed only when first read, with a key for their rendering.

    A template that caches its rendering of the rows ({% cache %} on `key`) thus runs
    none of the dressing queries while the rendering is cached."""

    seconds = cached.TIMEOUT

    def __init__(self, rows, dress: Callable[[list[int]], list]):
        # Read before the rows: a write committed after this read replaces the version,
        # so a rendering cached under this key never outlives the rows it was made from.
        version = cached.data_version()
        if isinstance(rows, list):  # ids read already
            rows = Statement.objects.filter(pk__in=rows).order_by(*ORDER)
        read = list(rows.values_list("pk", "version", "claim_id"))
        self.ids = [pk for pk, _, _ in read]
        # A row shows its statement (its version), and whether it changes its party's
        # stance on the claim, which the claim's other statements decide (its scope).
        scopes = cached.scope_versions(f"claim:{claim}" for _, _, claim in read)
        self.key = f"{version}:{scopes}:{[(pk, v) for pk, v, _ in read]}"
        self._dress = dress
        self._rows: list | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, (int, slice)):
            # The template engine tries recent["key"] before recent.key: not a row.
            raise TypeError(f"rows are indexed by position, not {type(index).__name__}")
        if self._rows is None:
            self._rows = self._dress(self.ids)
        return self._rows[index]


def page_of(
    request: HttpRequest, queryset, per_page: int = PER_PAGE, dress=None, count: int | None = None
) -> Page:
    """The requested page. `dress` turns the page's ids into what the template shows
    (claims.queries.details_of), so costly annotations run for one page only, and only
    when the rows are read (DressedOnRead; its key is the page's rows_key)."""
    # The list's ordering ends with the primary key, so pages never overlap or skip.
    page = CountedPaginator(queryset, per_page, count).get_page(request.GET.get("page"))
    if dress is not None:
        # Kept on the page too: Page turns its object_list into a plain list when read.
        page.object_list = rows = DressedOnRead(page.object_list, dress)
        page.rows_key, page.rows_seconds = rows.key, rows.seconds
    return page


def feed_links(url: str, query: str, title: str) -> dict:
    """What a page's templates need to link its Atom feed (claims.feeds), in the head
    and visibly: the feed of the same filters (`query`, without the page), less the
    empty ones a submitted form leaves (date_from=), so a reader shows a clean address."""
    params = QueryDict(query, mutable=True)
    for name in list(params):
        values = [value for value in params.getlist(name) if value.strip()]
        if values:
            params.setlist(name, values)
        else:
            del params[name]
    query = params.urlencode()
    return {
        "feed_url": f"{url}?{query}" if query else url,
        "feed_title": f"{title}: Atom feed",
        "feed_entries": FEED_ENTRIES,
    }


def query_without_page(params: QueryDict) -> str:
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()
