"""API tokens (accounts/views.py): made on the token page, shown once, stored only as a
hash, revoked there; a token carries its user's role to the API."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from knox.models import AuthToken
from pytest_django.asserts import assertContains
from rest_framework.test import APIClient

from claims.models import Claim
from tests.factories import ROLES


@pytest.mark.parametrize("role", ROLES)
def test_the_token_pages_need_a_sign_in_and_then_serve_every_role(role, role_client):
    page = role_client.get("/accounts/tokens/")
    created = role_client.post("/accounts/tokens/new/")
    revoked = role_client.post("/accounts/tokens/revoke/", {"token_key": "nothing"})
    if role == "anonymous":
        for response in (page, created, revoked):
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/?next=/accounts/tokens/")
        assert AuthToken.objects.count() == 0
        return
    assert page.status_code == 200
    assertContains(page, 'name="csrfmiddlewaretoken"')
    assert created.status_code == 302 and created["Location"] == "/accounts/tokens/"
    assert AuthToken.objects.get().user.username == role
    writes = "your tokens can also write" if role != "reader" else "your tokens read only"
    assertContains(role_client.get("/accounts/tokens/"), writes)


def test_the_token_pages_take_only_the_right_methods(editor_client):
    assert editor_client.post("/accounts/tokens/").status_code == 405
    assert editor_client.get("/accounts/tokens/new/").status_code == 405
    assert editor_client.get("/accounts/tokens/revoke/").status_code == 405


def new_token(client: Client) -> str:
    client.post("/accounts/tokens/new/")
    page = client.get("/accounts/tokens/").content.decode()
    match = re.search(r'<pre class="cite" tabindex="0">(\w+)</pre>', page)
    assert match, "the new token is not shown"
    return match[1]


def api(token: str | None = None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(editor_client):
    editor_client.post("/accounts/tokens/new/")
    shown = editor_client.get("/accounts/tokens/")
    assertContains(shown, "copy it now: it is not stored and will not be shown again")
    token = re.search(r'<pre class="cite" tabindex="0">(\w+)</pre>', shown.content.decode())[1]
    again = editor_client.get("/accounts/tokens/").content.decode()
    assert token not in again
    stored = AuthToken.objects.get()
    assert token.startswith(stored.token_key)
    assert f"<code>{stored.token_key}…</code>" in again
    assert token not in (stored.digest, stored.token_key)


def test_an_editors_token_authenticates_api_requests_until_it_is_revoked(editor_client):
    token = new_token(editor_client)
    with override_settings(READ_REQUIRES_SIGN_IN=True):
        assert api().get("/api/v1/statements/").status_code == 401
        assert api(token).get("/api/v1/statements/").status_code == 200
    created = api(token).post(
        "/api/v1/claims/", {"slug": "iran-sold-tanks", "text": "Iran sold tanks"}, format="json"
    )
    assert created.status_code == 201
    assert Claim.objects.filter(slug="iran-sold-tanks").exists()

    key = AuthToken.objects.get().token_key
    revoked = editor_client.post("/accounts/tokens/revoke/", {"token_key": key}, follow=True)
    assertContains(revoked, f"Token {key}… revoked")
    assert AuthToken.objects.count() == 0

    refused = api(token).post(
        "/api/v1/claims/", {"slug": "iran-sold-jets", "text": "Iran sold jets"}, format="json"
    )
    assert refused.status_code == 401
    assert api(token).get("/api/v1/statements/").status_code == 401
    assert not Claim.objects.filter(slug="iran-sold-jets").exists()


def test_a_readers_token_reads_but_does_not_write(reader_client):
    token = new_token(reader_client)
    with override_settings(READ_REQUIRES_SIGN_IN=True):
        assert api(token).get("/api/v1/claims/").status_code == 200
    refused = api(token).post("/api/v1/claims/", {"slug": "x", "text": "X"}, format="json")
    assert refused.status_code == 403
    assert not Claim.objects.filter(slug="x").exists()


def test_nobody_revokes_another_users_token(editor_client, reader):
    _, others = AuthToken.objects.create(user=reader)
    key = AuthToken.objects.get().token_key
    response = editor_client.post("/accounts/tokens/revoke/", {"token_key": key}, follow=True)
    assertContains(response, "No such token of yours.")
    assert AuthToken.objects.filter(token_key=key).exists()
    with override_settings(READ_REQUIRES_SIGN_IN=True):
        assert api(others).get("/api/v1/claims/").status_code == 200


def test_a_user_has_at_most_twenty_tokens(editor_client, editor):
    for _ in range(20):
        AuthToken.objects.create(user=editor)
    response = editor_client.post("/accounts/tokens/new/", follow=True)
    assertContains(response, "You have 20 tokens; revoke one first.")
    assert AuthToken.objects.filter(user=editor).count() == 20
