"""Aggregates and renderings cached until what they were made from changes.

What is costly at a million statements, an actor's position changes, a claim's
timeline drawing, a page of rendered rows, the statement list's facets and a search's
matches, is cached under a key holding

- the data version: a token replaced on every write to outlets, articles, actors,
  claims and quotes, and by bulk writes (signals in claims.signals; bulk writes call
  data_changed themselves);
- the versions of the scopes it read ("claim:17", "actor:4"): tokens in a table
  (claims.models.ScopeVersion) that database triggers replace in the same transaction
  as every write to a statement of that claim or actor or to its quotes, whatever wrote
  (claims.database.record_tokens), so an edit to one statement leaves every other
  claim's and actor's cache warm; and "statements", replaced on every write to
  statements and quotes (claims.database.statement_token), for what counts or searches
  all statements.

The data version is replaced twice: at the write, so nothing cached during the
writer's transaction outlives it, and when the transaction commits, so nothing computed
from the data as it was before the commit is read after it. A scope's token needs no
second replacement: readers see the new token exactly when they see the write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache, caches
from django.db import connection, transaction

from claims.database import statement_token

VERSION_KEY = "claimtracker:data-version"
# A day: cached aggregates of a version nobody reads any more expire on their own.
TIMEOUT = 24 * 60 * 60
MISSING = object()
T = TypeVar("T")


# The data version as this request first read it: a page asks for it at each cached
# aggregate (four times on an actor's page), and each ask was a read of the shared
# cache, a query with the database cache. None outside a request (commands, scripts
# read it each time), "" in a request before the first read. Reading it once is safe:
# an aggregate a request caches under the version it began with is never read after
# a newer version, and the request's own writes forget its reading (replace_version).
_read_in_request: ContextVar[str | None] = ContextVar("claimtracker_data_version", default=None)


def request_started() -> None:
    _read_in_request.set("")


def request_finished() -> None:
    _read_in_request.set(None)


def data_version() -> str:
    version = _read_in_request.get()
    if version:
        return version
    in_request = version is not None
    version = cache.get(VERSION_KEY)
    if version is None:  # first use, or evicted: any new token is a new version
        cache.add(VERSION_KEY, uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    if in_request:
        _read_in_request.set(version)
    return version


def replace_version() -> None:
    cache.set(VERSION_KEY, uuid4().hex, None)
    if _read_in_request.get() is not None:
        _read_in_request.set("")  # read anew after this request's own write


def data_changed() -> None:
    replace_version()
    transaction.on_commit(replace_version)


SCOPES_TABLE = "claims_scopeversion"  # claims.models.ScopeVersion
# Replaced by database triggers on every write to statements and quotes, whatever wrote
# (claims.database.statement_token): what counts or searches statements is cached under
# it, and stays exact as of the last commit.
STATEMENTS = statement_token.SCOPE
# Replaced by the same triggers only when what a text search finds may change.
SEARCH = statement_token.SEARCH_SCOPE


def scope_versions(scopes: Iterable[str]) -> str:
    """One token for the versions of these scopes, as this transaction sees them."""
    scopes = sorted(set(scopes))
    if not scopes:
        return ""
    marks = ", ".join(["%s"] * len(scopes))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scope, token FROM {SCOPES_TABLE} WHERE scope IN ({marks})", scopes)
        found = dict(cursor.fetchall())
    tokens = ":".join(found.get(scope, "") for scope in scopes)
    return hashlib.sha256(tokens.encode()).hexdigest()[:20]


def cached(name: str, key: object, compute: Callable[[], T], scopes: Iterable[str] = ()) -> T:
    """compute(), or what it gave for the same name and key at this data version and
    these versions of the scopes it reads."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:40]
    full_key = f"claimtracker:{name}:{data_version()}:{scope_versions(scopes)}:{digest}"
    value = aggregates().get(full_key, MISSING)
    if value is MISSING:
        value = compute()
        aggregates().set(full_key, value, TIMEOUT)
    return value


def aggregates():
    """Where cached aggregates live (settings.CACHES["aggregates"]; the templates' {% cache
    %} blocks name it too): their keys hold the versions they were made from, so each
    process may keep its own, while the data version itself is in the shared cache."""
    return caches[AGGREGATES]


AGGREGATES = "aggregates"
