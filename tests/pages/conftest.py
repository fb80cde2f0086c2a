"""The seed data set, loaded once per test module instead of once per test.

Most tests of the reader pages read the seed; loading it for each of them was most of
the time these tests took, on PostgreSQL above all. Here it is loaded in a transaction
that stays open while the module's seed tests run (each test still rolls back its own
changes in a savepoint inside it) and is rolled back before any test that wants an
empty database, and at the module's end.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection, transaction

from claims import seed as seed_data

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    # Within each module here, the seed tests first, so the seed loads once per module.
    by_module: dict[Path, list[int]] = {}
    for position, item in enumerate(items):
        if item.path.parent == HERE:
            by_module.setdefault(item.path, []).append(position)
    for positions in by_module.values():
        ordered = sorted(
            (items[p] for p in positions), key=lambda item: "seed" not in item.fixturenames
        )
        for position, item in zip(positions, ordered, strict=True):
            items[position] = item


class SharedSeed:
    """The open transaction holding the seed, if any."""

    atomic: transaction.Atomic | None = None

    @classmethod
    def load(cls, blocker) -> None:
        if cls.atomic is not None:
            return
        with blocker.unblock():
            assert not connection.in_atomic_block, "the seed must load outside any test"
            cls.atomic = transaction.atomic()
            cls.atomic.__enter__()
            seed_data.load_seed()

    @classmethod
    def drop(cls, blocker) -> None:
        if cls.atomic is None:
            return
        with blocker.unblock():
            transaction.set_rollback(True)
            cls.atomic.__exit__(None, None, None)
        cls.atomic = None


@pytest.fixture(autouse=True, scope="module")
def _seed_rolled_back_after_the_module(django_db_blocker):
    yield
    SharedSeed.drop(django_db_blocker)


@pytest.fixture(autouse=True)
def _seed_loaded_for_seed_tests(request, django_db_blocker):
    # Autouse, so it runs before `db` opens the test's own transaction.
    if "seed" in request.fixturenames:
        request.getfixturevalue("django_db_setup")
        SharedSeed.load(django_db_blocker)
    elif "db" in request.fixturenames:
        SharedSeed.drop(django_db_blocker)


@pytest.fixture
def seed(db):
    """The shipped seed data set (see _seed_loaded_for_seed_tests)."""
