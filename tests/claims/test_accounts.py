"""Signing in, its throttling, API tokens and the createeditor command."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings
from pytest_django.asserts import assertContains
from rest_framework.test import APIClient


def sign_in(client: Client, username: str, password: str, address: str):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


@override_settings(AXES_ENABLED=True)
def test_failed_sign_ins_lock_out_that_account_from_that_address_only(editor):
    client = Client()
    for _ in range(4):
        assert sign_in(client, "editor", "wrong", "203.0.113.7").status_code == 200
    assert sign_in(client, "editor", "wrong", "203.0.113.7").status_code == 429
    locked = sign_in(client, "editor", "pw-editor", "203.0.113.7")
    assert locked.status_code == 429
    assertContains(locked, "Too many failed sign-ins", status_code=429)
    elsewhere = sign_in(Client(), "editor", "pw-editor", "198.51.100.2")
    assert elsewhere.status_code == 302


def test_an_editor_creates_a_token_that_writes_and_revoking_it_stops_it(editor):
    client = Client()
    client.force_login(editor)
    client.post("/accounts/tokens/new/")
    page = client.get("/accounts/tokens/")
    key = re.search(r'<pre class="cite" tabindex="0">(\w+)</pre>', page.content.decode()).group(1)
    assert "copy it now" in page.content.decode()
    assert key not in client.get("/accounts/tokens/").content.decode()  # shown once

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    created = api.post("/api/v1/claims/", {"slug": "c", "text": "A claim"}, format="json")
    assert created.status_code == 201

    client.post("/accounts/tokens/revoke/", {"token_key": key[:15]})
    refused = api.post("/api/v1/claims/", {"slug": "d", "text": "Another"}, format="json")
    assert refused.status_code == 401


def test_the_token_pages_need_sign_in(db):
    assert "/accounts/login/" in Client().get("/accounts/tokens/")["Location"]


def test_createeditor_makes_an_editor_for_a_new_installation(db, capsys):
    call_command("createeditor", "newcomer", "--no-input")
    user = User.objects.get(username="newcomer")
    assert list(user.groups.values_list("name", flat=True)) == ["editor"]
    password = re.search(r"Password: (\S+)", capsys.readouterr().out).group(1)
    assert user.check_password(password)
