"""Recording a statement from an article (claims/views/editing.py): who may do it, and
the form's CSRF token and escaping. The quote, the actor and claim, the date and the
duplicates each have a module: test_statement_quote.py, test_statement_actors_and_claims.py,
test_statement_dates.py, test_statement_duplicates.py."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from claims.models import Statement
from tests.editor.recording import (
    RT_PESKOV,
    VALID,
    WRITERS,
    create_url,
    record,
    recorded,
    written,
)
from tests.factories import ROLES, make_article

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed


# --- who may record -------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_record_form_opens_only_for_editors_and_administrators(role, role_client):
    response = role_client.get(create_url(RT_PESKOV))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={create_url(RT_PESKOV)}"
    elif role == "reader":
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assertContains(response, 'name="csrfmiddlewaretoken"')


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_administrators_can_record_and_a_refused_post_writes_nothing(
    role, role_client
):
    before = written()
    response = record(role_client)
    if role in WRITERS:
        statement = recorded(response)
        assert (statement.actor.slug, statement.claim.slug) == (
            "russia",
            "russia-iran-drone-factory",
        )
        return
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 403
    assert written() == before


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_quote_to_an_existing_statement_is_refused_to_readers(role, role_client):
    article = make_article(body="Kannani said again that Iran sent no drones to Russia.")
    before = written()
    response = role_client.post(
        create_url(article.pk), {"add_to": 16, "text": article.body, "start": "0"}
    )
    if role in WRITERS:
        assert response.status_code == 302
        assert Statement.objects.get(pk=16).quotes.filter(article=article).exists()
        return
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert written() == before


# --- forms and CSRF --------------------------------------------------------------------


def test_every_form_on_the_record_page_carries_a_csrf_token(editor_client, kannani_again):
    article, typed = kannani_again
    page = record(editor_client, article.pk, **typed).content.decode()
    forms = re.findall(r'<form method="post".*?</form>', page, flags=re.DOTALL)
    # Two "add this quote to statement #N" forms, the statement form and sign-out.
    assert len(forms) == 4
    assert all('name="csrfmiddlewaretoken"' in form for form in forms)


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    before = written()
    refused = browser.post(create_url(RT_PESKOV), VALID)
    assert refused.status_code == 403
    assert written() == before

    browser.get(create_url(RT_PESKOV))
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(create_url(RT_PESKOV), {**VALID, "csrfmiddlewaretoken": token})
    assert recorded(accepted).claim.slug == "russia-iran-drone-factory"


def test_article_text_in_the_form_is_escaped(editor_client):
    article = make_article(body="He said <script>alert(1)</script> twice. End.")
    response = editor_client.get(create_url(article.pk), {"u16start": "8", "u16end": "33"})
    assert response.context["form"].initial["text"] == "<script>alert(1)</script>"
    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
