"""Aggregates cached until the data changes.

At a million statements the pages spend their time on aggregates: facet counts, the
number of statements matching a filter, the home page's matrix, an actor's position
changes. Those change only when someone writes, so each is cached under a key holding
the data version: a token replaced on every write to the records of claims and sources
(signals in claims.signals; bulk writes call data_changed themselves). A cached
aggregate is never read once the records it was computed from have changed.

The token is replaced twice: at the write, so nothing cached during the writer's
transaction outlives it, and when the transaction commits, so nothing computed from
the data as it was before the commit is read after it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "claimtracker:data-version"
# A day: cached aggregates of a version nobody reads any more expire on their own.
TIMEOUT = 24 * 60 * 60
MISSING = object()
T = TypeVar("T")


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:  # first use, or evicted: any new token is a new version
        cache.add(VERSION_KEY, uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def replace_version() -> None:
    cache.set(VERSION_KEY, uuid4().hex, None)


def data_changed() -> None:
    replace_version()
    transaction.on_commit(replace_version)


def cached(name: str, key: object, compute: Callable[[], T]) -> T:
    """compute(), or what it gave for the same name and key at this data version."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:40]
    full_key = f"claimtracker:{name}:{data_version()}:{digest}"
    value = cache.get(full_key, MISSING)
    if value is MISSING:
        value = compute()
        cache.set(full_key, value, TIMEOUT)
    return value
