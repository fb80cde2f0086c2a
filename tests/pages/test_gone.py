"""What an old address answers (claims/views/gone.py): a deleted record's says what it
was (410), a merged one's sends the reader on to the survivor (301), and one that never
was is not found (404)."""

from __future__ import annotations

import html

import pytest
from pytest_django.asserts import assertContains

from tests.factories import make_article

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed

EU_DENIAL = 26  # seed: the EU denied the missiles claim on 20 January 2023


def shown(response) -> str:
    return html.unescape(response.content.decode())


# --- deleted records -------------------------------------------------------------------


def test_a_deleted_statements_address_answers_410_saying_what_it_was(administrator_browser, client):
    assert administrator_browser.post(f"/statements/{EU_DENIAL}/delete/").status_code == 302
    response = client.get(f"/statements/{EU_DENIAL}/")
    assert response.status_code == 410
    page = shown(response)
    assert "This statement was deleted" in page
    assert (
        "European Union denied: Iran supplied or agreed to supply ballistic missiles to Russia"
        in page
    )
    assert f'href="/history/statement/{EU_DENIAL}/"' in page
    history = client.get(f"/history/statement/{EU_DENIAL}/")
    assert history.status_code == 200
    assert "Deleted; last known as" in shown(history)
    versions = [e.action for e in history.context["entries"] if e.version is not None]
    assert versions == ["deleted", "created"]
    # Its quote went with it, and the history says so.
    assert "removed a quote" in [e.action for e in history.context["entries"]]


def test_a_deleted_statement_still_says_what_it_was_after_its_claim_is_merged(
    administrator_browser, client
):
    administrator_browser.post(f"/statements/{EU_DENIAL}/delete/")
    merged = administrator_browser.post(
        "/claims/iran-agreed-to-supply-missiles-to-russia/merge/",
        {"into": "iran-militarily-supports-russia"},
    )
    assert merged.status_code == 302

    gone = client.get(f"/statements/{EU_DENIAL}/")
    assert gone.status_code == 410
    assert "Iran supplied or agreed to supply ballistic missiles to Russia" in shown(gone)
    history = client.get(f"/history/statement/{EU_DENIAL}/")
    assert history.status_code == 200


def test_an_address_that_never_was_answers_404(client):
    assert client.get("/statements/999999/").status_code == 404
    assert client.get("/actors/no-such-actor/").status_code == 404
    assert client.get("/claims/no-such-claim/").status_code == 404
    assert client.get("/articles/999999/").status_code == 404


def test_a_deleted_articles_address_answers_410(client):
    article = make_article(title="A short-lived article")
    pk = article.pk
    article.delete()
    gone = client.get(f"/articles/{pk}/")
    assert gone.status_code == 410
    assertContains(gone, "A short-lived article", status_code=410)


# --- merged records --------------------------------------------------------------------


def test_a_merged_actors_old_address_redirects_permanently_to_the_survivor(
    administrator_browser, client
):
    administrator_browser.post("/actors/wall-street-journal/merge/", {"into": "washington-post"})
    response = client.get("/actors/wall-street-journal/")
    assert response.status_code == 301
    assert response["Location"] == "/actors/washington-post/"


def test_a_merged_claims_old_address_redirects_permanently_to_the_survivor(
    administrator_browser, client
):
    administrator_browser.post(
        "/claims/russia-iran-drone-factory/merge/", {"into": "iran-militarily-supports-russia"}
    )
    response = client.get("/claims/russia-iran-drone-factory/")
    assert response.status_code == 301
    assert response["Location"] == "/claims/iran-militarily-supports-russia/"


def test_merging_twice_sends_the_first_address_straight_to_the_last_survivor(
    administrator_browser, client
):
    administrator_browser.post("/actors/wall-street-journal/merge/", {"into": "washington-post"})
    administrator_browser.post("/actors/washington-post/merge/", {"into": "new-york-times"})
    for old in ("wall-street-journal", "washington-post"):
        response = client.get(f"/actors/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/actors/new-york-times/")
