"""The cast every test draws on: the seed data, and a user and a browser for each role.

Roles: anonymous (no sign-in), reader (signed in, no group), editor and administrator
(members of the groups migration claims/0005_roles creates). `<role>_client` is a Django
test client signed in as that role; with a `role` parameter, `role_client` is the one of
that role. The API's token clients are in tests/api/conftest.py.

The seed is loaded once per test module, not once per test: most tests that read it
write little or nothing, and loading it was most of the time they took, on PostgreSQL
above all. It is loaded in a transaction that stays open while the module's seed tests
run (each test still rolls back its own changes, in a savepoint inside it) and is rolled
back before any test that does not ask for the seed, and at the module's end. Within a
module the seed tests run first, so the seed loads once.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.test import Client

from claims import seed as seed_data
from tests.factories import ROLES, make_user

pytest_plugins = ["tests.figures"]


class SharedSeed:
    """The open transaction holding the seed, if any, and the blocker that let it in;
    and the additions to the seed (`ADDITIONS`: fixture name -> builder) made in it."""

    atomic: transaction.Atomic | None = None
    blocker = None
    ADDITIONS: dict[str, Callable[[], None]] = {}
    added: set[str] = set()

    @classmethod
    def add(cls, name: str) -> None:
        """Build the addition `name` into the shared transaction, once per module (its
        tests run after the module's other seed tests, which never see it)."""
        if cls.atomic is None or name in cls.added:
            return
        with cls.blocker.unblock():
            cls.ADDITIONS[name]()
        cls.added.add(name)

    @classmethod
    def load(cls, blocker) -> None:
        if cls.atomic is not None:
            return
        with blocker.unblock():
            if connection.in_atomic_block:
                # The test's own transaction is open already (a django_db marker opens it
                # before any fixture of ours runs): `seed` then loads it inside that.
                return
            cls.atomic = transaction.atomic()
            cls.atomic._from_testcase = True  # as Django marks its own test transactions
            cls.atomic.__enter__()
            cls.blocker = blocker
            seed_data.load_seed()

    @classmethod
    def drop(cls) -> None:
        if cls.atomic is None:
            return
        with cls.blocker.unblock():
            transaction.set_rollback(True)
            cls.atomic.__exit__(None, None, None)
        cls.atomic = None
        cls.added = set()


def pytest_collection_modifyitems(items):
    # Within each module, the seed tests first, so that the seed loads once per module;
    # among them, those of each addition to the seed last, grouped, so that it is built
    # once and the tests of the plain seed never see it.
    by_module: dict[object, list[int]] = {}
    for position, item in enumerate(items):
        by_module.setdefault(item.path, []).append(position)

    def order(item) -> tuple:
        additions = sorted(set(item.fixturenames) & set(SharedSeed.ADDITIONS))
        return ("seed" not in item.fixturenames, additions)

    for positions in by_module.values():
        ordered = sorted((items[p] for p in positions), key=order)
        for position, item in zip(positions, ordered, strict=True):
            items[position] = item


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture, the django_db marker's included: a test that does not ask for
    # the seed never sees it, nor one that asks for the plain seed an addition to it.
    if "seed" not in item.fixturenames or SharedSeed.added - set(item.fixturenames):
        SharedSeed.drop()


@pytest.fixture(autouse=True, scope="module")
def _seed_rolled_back_after_the_module():
    yield
    SharedSeed.drop()


@pytest.fixture(autouse=True)
def _seed_loaded_for_seed_tests(request, django_db_blocker):
    # Autouse, so that it runs before `db` opens the test's own transaction.
    if "seed" in request.fixturenames:
        request.getfixturevalue("django_db_setup")
        SharedSeed.load(django_db_blocker)
        for name in sorted(set(request.fixturenames) & set(SharedSeed.ADDITIONS)):
            SharedSeed.add(name)


@pytest.fixture
def seed(db):
    """The shipped seed data set, as `make run` loads it (see SharedSeed)."""
    if SharedSeed.atomic is None:
        seed_data.load_seed()


@pytest.fixture
def committed_seed(transactional_db):
    """The seed data committed, for a live server: it answers from a thread of its own,
    which sees only what is committed (transactional_db, not the `seed` fixture's db)."""
    seed_data.load_seed()


@pytest.fixture
def reader(db):
    return make_user("reader")


@pytest.fixture
def editor(db):
    return make_user("editor", "editor")


@pytest.fixture
def administrator(db):
    return make_user("administrator", "administrator")


@pytest.fixture
def anonymous_client(client, db):
    return client


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def administrator_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def administrator_browser(administrator):
    """The administrator in a browser of their own, for tests in which `client` is
    someone else (a visitor, an editor) at the same time."""
    browser = Client()
    browser.force_login(administrator)
    return browser


@pytest.fixture
def role_client(request, role, db):
    """The client of the role a test is parametrized with (`role` in ROLES). It asks for
    `db` itself: pytest-django orders tests by the fixtures they name, and a database
    test it took for one without would run after the transactional tests."""
    assert role in ROLES, role
    return request.getfixturevalue(f"{role}_client")
