"""Signing in and out (Django's auth views, accounts/urls.py) and the throttling of
failed sign-ins (django-axes)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_user

PASSWORD = "pw-marta"  # make_user's password for "marta"
HERE, ELSEWHERE = "203.0.113.7", "198.51.100.2"


@pytest.fixture
def member(db):
    """An editor who signs in through the form."""
    return make_user("marta", "editor")


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
def test_a_lockout_holds_only_for_that_user_and_address(member):
    make_user("omid")
    for _ in range(5):
        sign_in(Client(), "wrong")
    assert sign_in(Client(), PASSWORD).status_code == 429

    elsewhere = Client()
    assert sign_in(elsewhere, PASSWORD, address=ELSEWHERE).status_code == 302
    assert signed_in_as(elsewhere) == "marta"
    colleague = Client()
    assert sign_in(colleague, "pw-omid", username="omid").status_code == 302
    assert signed_in_as(colleague) == "omid"


@override_settings(AXES_ENABLED=True)
def test_a_successful_sign_in_resets_the_count_of_failures(member):
    for _ in range(4):
        sign_in(Client(), "wrong")
    assert sign_in(Client(), PASSWORD).status_code == 302
    for _ in range(4):
        assert sign_in(Client(), "wrong").status_code == 200
    assert sign_in(Client(), PASSWORD).status_code == 302
