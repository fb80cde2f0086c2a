"""`manage.py createeditor`: a new installation's first editors and administrators."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from tests.factories import make_user


def test_createeditor_makes_an_editor_who_can_sign_in_with_the_printed_password(db):
    out = StringIO()
    call_command("createeditor", "newcomer", "--no-input", "--email", "n@example.org", stdout=out)
    user = User.objects.get(username="newcomer")
    assert list(user.groups.values_list("name", flat=True)) == ["editor"]
    assert user.email == "n@example.org"
    assert not user.is_staff and not user.is_superuser
    password = re.search(r"Password: (\S+)", out.getvalue())[1]
    assert "Created editor 'newcomer'" in out.getvalue()

    browser = Client()
    signed = browser.post("/accounts/login/", {"username": "newcomer", "password": password})
    assert signed.status_code == 302
    assert browser.get("/editor/actors.json", {"q": "ne"}).status_code == 200  # editors only


def test_createeditor_makes_an_administrator_when_asked(db):
    call_command("createeditor", "chief", "--no-input", "--administrator", stdout=StringIO())
    user = User.objects.get(username="chief")
    assert list(user.groups.values_list("name", flat=True)) == ["administrator"]


def test_createeditor_refuses_a_name_already_taken(db):
    make_user("marta", "editor")
    with pytest.raises(CommandError, match="A user called 'marta' already exists"):
        call_command("createeditor", "marta", "--no-input", stdout=StringIO())
