"""The cast of the editor pages: anonymous, reader, editor and administrator."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group


def _member(django_user_model, username: str, *groups: str):
    user = django_user_model.objects.create_user(username=username, password="not-used-here")
    for name in groups:
        # Migration claims/0005_roles creates the groups; a role is a membership.
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def reader(db, django_user_model):
    return _member(django_user_model, "reader")


@pytest.fixture
def editor(db, django_user_model):
    return _member(django_user_model, "editor", "editor")


@pytest.fixture
def administrator(db, django_user_model):
    return _member(django_user_model, "administrator", "administrator")


@pytest.fixture
def anonymous_client(client):
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
def second_editor_client(db, django_user_model):
    """Another editor in a browser of their own, for two people editing one record."""
    from django.test import Client

    other = _member(django_user_model, "second-editor", "editor")
    second = Client()
    second.force_login(other)
    return second


@pytest.fixture(scope="module")
def seed_for_module(django_db_setup, django_db_blocker):
    """The seed data loaded once for a whole test module, in a transaction rolled back
    when the module is done (Django's setUpTestData, as a fixture). Each test's own
    transaction is a savepoint inside it, so what one test writes the next never sees.
    Loading the seed per test costs more than most tests it serves."""
    from django.db import transaction

    from claims import seed as seed_data

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # as Django marks its own test transactions
        atomic.__enter__()
        seed_data.load_seed()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
