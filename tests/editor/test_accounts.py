"""Signing in and out, the throttling of failed sign-ins, API tokens, the createeditor
command, and the setting that makes reading need a sign-in."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from knox.models import AuthToken
from pytest_django.asserts import assertContains, assertNotContains
from rest_framework.test import APIClient

from claims.models import Claim
from tests.factories import ROLES

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed
PASSWORD = "a long and proper passphrase"
HERE, ELSEWHERE = "203.0.113.7", "198.51.100.2"


@pytest.fixture
def member(django_user_model):
    """An editor with a password, for the tests that sign in through the form."""
    user = django_user_model.objects.create_user(username="marta", password=PASSWORD)
    user.groups.add(Group.objects.get(name="editor"))
    return user


def sign_in(client: Client, password: str, *, username: str = "marta", address: str = HERE, **data):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password, **data},
        REMOTE_ADDR=address,
    )


def signed_in_as(client: Client) -> str | None:
    user = client.get("/").context["user"]
    return user.username if user.is_authenticated else None


# --- signing in ------------------------------------------------------------------------


def test_the_sign_in_page_has_the_form_and_a_csrf_token(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assertContains(response, 'name="username"')
    assertContains(response, 'type="password" name="password"')
    assertContains(response, 'name="csrfmiddlewaretoken"')


def test_an_editor_signs_in_and_lands_on_the_page_they_asked_for(member, client):
    asked = client.get("/articles/3/statements/new/")
    assert asked["Location"] == "/accounts/login/?next=/articles/3/statements/new/"
    response = sign_in(client, PASSWORD, next="/articles/3/statements/new/")
    assert response.status_code == 302
    assert response["Location"] == "/articles/3/statements/new/"
    assert signed_in_as(client) == "marta"


def test_signing_in_without_a_next_page_lands_on_home(member, client):
    response = sign_in(client, PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/")


def test_a_wrong_password_says_so_and_keeps_the_user_name(member, client):
    response = sign_in(client, "not it")
    assert response.status_code == 200
    assertContains(response, "Please enter a correct username and password")
    assertContains(response, 'value="marta"')
    assertNotContains(response, "not it")
    assert client.get("/accounts/tokens/").status_code == 302  # not signed in


def test_signing_out_is_a_post_and_ends_the_session(member, client):
    sign_in(client, PASSWORD)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/accounts/tokens/").status_code == 302


def test_the_next_page_cannot_send_the_editor_to_another_site(member, client):
    response = sign_in(client, PASSWORD, next="https://evil.example/")
    assert response["Location"] == "/"


# --- throttling ------------------------------------------------------------------------


@override_settings(AXES_ENABLED=True)
def test_five_failed_sign_ins_lock_out_that_user_from_that_address(member):
    browser = Client()
    for _ in range(4):
        assert sign_in(browser, "wrong").status_code == 200
    fifth = sign_in(browser, "wrong")
    assert fifth.status_code == 429

    refused = sign_in(browser, PASSWORD)

    assert refused.status_code == 429
    assertContains(refused, "Too many failed sign-ins", status_code=429)
    assertContains(refused, "Wait fifteen minutes", status_code=429)
    assert signed_in_as(browser) is None


@override_settings(AXES_ENABLED=True)
def test_a_lockout_holds_only_for_that_user_and_address(member, django_user_model):
    django_user_model.objects.create_user(username="omid", password=PASSWORD)
    for _ in range(5):
        sign_in(Client(), "wrong")
    assert sign_in(Client(), PASSWORD).status_code == 429

    elsewhere = Client()
    assert sign_in(elsewhere, PASSWORD, address=ELSEWHERE).status_code == 302
    assert signed_in_as(elsewhere) == "marta"
    colleague = Client()
    assert sign_in(colleague, PASSWORD, username="omid").status_code == 302
    assert signed_in_as(colleague) == "omid"


@override_settings(AXES_ENABLED=True)
def test_a_successful_sign_in_resets_the_count_of_failures(member):
    for _ in range(4):
        sign_in(Client(), "wrong")
    assert sign_in(Client(), PASSWORD).status_code == 302
    for _ in range(4):
        assert sign_in(Client(), "wrong").status_code == 200
    assert sign_in(Client(), PASSWORD).status_code == 302


# --- API tokens ------------------------------------------------------------------------


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


# --- createeditor ----------------------------------------------------------------------


def test_createeditor_makes_an_editor_who_can_sign_in_with_the_printed_password(django_user_model):
    out = StringIO()
    call_command("createeditor", "newcomer", "--no-input", "--email", "n@example.org", stdout=out)
    user = django_user_model.objects.get(username="newcomer")
    assert list(user.groups.values_list("name", flat=True)) == ["editor"]
    assert user.email == "n@example.org"
    assert not user.is_staff and not user.is_superuser
    password = re.search(r"Password: (\S+)", out.getvalue())[1]
    assert "Created editor 'newcomer'" in out.getvalue()

    browser = Client()
    signed = sign_in(browser, password, username="newcomer")
    assert signed.status_code == 302
    assert browser.get("/editor/actors.json", {"q": "ne"}).status_code == 200  # editors only


def test_createeditor_makes_an_administrator_when_asked(django_user_model):
    call_command("createeditor", "chief", "--no-input", "--administrator", stdout=StringIO())
    user = django_user_model.objects.get(username="chief")
    assert list(user.groups.values_list("name", flat=True)) == ["administrator"]


def test_createeditor_refuses_a_name_already_taken(member):
    with pytest.raises(CommandError, match="A user called 'marta' already exists"):
        call_command("createeditor", "marta", "--no-input", stdout=StringIO())


# --- reading behind a sign-in ----------------------------------------------------------

PAGES = [
    "/",
    "/statements/",
    "/statements/17/",
    "/actors/iran/",
    "/claims/iran-supplied-drones-to-russia/",
    "/articles/3/",
    "/history/statement/17/",
]


@override_settings(READ_REQUIRES_SIGN_IN=True)
@pytest.mark.parametrize("url", PAGES)
def test_with_reading_behind_a_sign_in_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@override_settings(READ_REQUIRES_SIGN_IN=True)
def test_with_reading_behind_a_sign_in_the_sign_in_page_and_signed_in_readers_still_work(
    reader_client,
):
    assert Client().get("/accounts/login/").status_code == 200
    for url in PAGES:
        assert reader_client.get(url).status_code == 200, url


def test_reading_is_open_by_default(client):
    for url in PAGES:
        assert client.get(url).status_code == 200, url
