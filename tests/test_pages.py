"""The reader pages answer on the seed data (a smoke test; each page has its own tests)."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_article

PATEL_QUOTE = (
    "He also reminded that Russian forces used Iranian drones to strike Kyiv to terrorize "
    "the Ukrainian population."
)
KANAANI_QUOTE = (
    "This Monday, shortly after Russian attacks on civilian targets in Ukraine, Iran again "
    "denied that it supplies drones or other weapons or military equipment to Russia."
)


def test_home_lists_recent_statements_with_their_quotes(seed, client):
    response = client.get("/")

    assertContains(response, "Vedant Patel")
    assertContains(response, PATEL_QUOTE)
    assertContains(response, "/statements/31/")


def test_statement_list_shows_kanaani_and_his_quote(seed, client):
    response = client.get("/statements/")

    assertContains(response, "Nasser Kanaani")
    assertContains(response, KANAANI_QUOTE)


def test_actor_page_of_iran_includes_the_statements_of_its_spokesman(seed, client):
    response = client.get("/actors/iran/")

    assertContains(response, "Nasser Kanaani")
    assertContains(response, KANAANI_QUOTE)
    # Iran's own statement (3) and those made for it by Kanaani (15, 16).
    for pk in (3, 15, 16):
        assertContains(response, f"/statements/{pk}/")


def test_claim_page_shows_the_derived_standing(seed, client):
    response = client.get("/claims/iran-supplied-drones-to-russia/")

    assertContains(response, "standing-disputed")
    assertContains(response, "disputed")
    assertNotContains(response, "standing-confirmed")


def test_statement_page_answers(seed, client):
    response = client.get("/statements/17/")

    assertContains(response, "Dmitry Peskov")
    assertContains(response, "HotNews.ro")
    assertContains(response, "RT")


@pytest.mark.parametrize(
    "url", ["/actors/nobody/", "/claims/nothing-at-all/", "/statements/9999/", "/articles/9999/"]
)
def test_unknown_records_answer_404(seed, client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_article_body_is_shown_escaped(client):
    article = make_article(body="Before. <script>alert(1)</script> After & more.")

    response = client.get(f"/articles/{article.pk}/")

    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
    assertContains(response, "After &amp; more.")
