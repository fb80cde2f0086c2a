from __future__ import annotations

import pytest

from claims import seed as seed_data


@pytest.fixture
def seed(db):
    """The shipped seed data set, loaded the way `make run` loads it."""
    seed_data.load_seed()


@pytest.fixture
def admin_client_logged_in(client, admin_user):
    client.force_login(admin_user)
    return client


def _user(django_user_model, username: str, group: str | None):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username=username, password="pw-" + username)
    if group:
        # get_or_create: transactional tests flush the rows the roles migration made.
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def reader(db, django_user_model):
    return _user(django_user_model, "reader", None)


@pytest.fixture
def editor(db, django_user_model):
    return _user(django_user_model, "editor", "editor")


@pytest.fixture
def administrator(db, django_user_model):
    return _user(django_user_model, "administrator", "administrator")


@pytest.fixture
def cast(reader, editor, administrator):
    """The users of each role by name; "anonymous" is None."""
    return {"anonymous": None, "reader": reader, "editor": editor, "administrator": administrator}
