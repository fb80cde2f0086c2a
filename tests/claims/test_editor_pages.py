"""The editor's pages for each role, and what an editor notices using them."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from claims.models import Actor, Claim, MergedActor, Quote, Statement
from tests.factories import make_article

ROLES = ["anonymous", "reader", "editor", "administrator"]


def client_for(cast, role) -> Client:
    client = Client()
    if cast[role] is not None:
        client.force_login(cast[role])
    return client


def counts():
    return [m.objects.count() for m in (Actor, Claim, Statement, Quote, MergedActor)]


EDITOR_PAGES = [
    ("get", "/articles/3/statements/new/", None),
    ("get", "/statements/17/edit/", None),
    ("get", "/editor/actors.json?q=kann", None),
    ("get", "/editor/resolve-date.json?article=3&wording=on+Monday", None),
    (
        "post",
        "/articles/3/statements/new/",
        {
            "text": "Neither Moscow nor Tehran confirmed the purported purchase.",
            "actor": "Tehran",
            "claim": "iran-supplied-drones-to-russia",
            "stance": "denied",
            "made_on": "2022-09-01",
            "made_on_precision": "month",
        },
    ),
]
ADMIN_PAGES = [
    ("get", "/actors/eu/merge/", None),
    (
        "post",
        "/claims/russia-iran-drone-factory/merge/",
        {"into": "iran-militarily-supports-russia"},
    ),
    ("post", "/statements/26/delete/", {}),
]


@pytest.mark.parametrize("role", ROLES)
def test_editor_and_administrator_pages_are_checked_on_the_server(seed, cast, role):
    client = client_for(cast, role)
    for method, url, data in EDITOR_PAGES + ADMIN_PAGES:
        before = counts()
        response = getattr(client, method)(url, data or {})
        allowed = (
            role in ("editor", "administrator")
            if (method, url, data) in EDITOR_PAGES
            else role == "administrator"
        )
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        elif not allowed:
            assert response.status_code == 403, url
        else:
            assert response.status_code in (200, 302), (url, response.status_code)
        if not allowed:
            assert counts() == before, url


def test_readers_see_no_edit_controls_and_editors_do(seed, cast):
    reader_page = client_for(cast, "reader").get("/statements/17/").content.decode()
    editor_page = client_for(cast, "editor").get("/statements/17/").content.decode()
    assert "/statements/17/edit/" not in reader_page
    assert "/statements/17/edit/" in editor_page
    assert "/statements/17/delete/" not in editor_page
    assert (
        "/statements/17/delete/"
        in client_for(cast, "administrator").get("/statements/17/").content.decode()
    )


@pytest.fixture
def editor_client(cast):
    return client_for(cast, "editor")


def test_a_selection_counted_in_utf16_units_prefills_exactly_the_selected_words(db, editor_client):
    body = "Launch 🚀 first. “We sent nothing,” the minister said. The end."
    article = make_article(body=body)
    sentence = "“We sent nothing,” the minister said."
    start16 = len(body[: body.index(sentence)].encode("utf-16-le")) // 2
    end16 = start16 + len(sentence.encode("utf-16-le")) // 2
    response = editor_client.get(
        f"/articles/{article.pk}/statements/new/?u16start={start16}&u16end={end16}"
    )
    assert response.context["form"].initial == {"text": sentence, "start": body.index(sentence)}


def record(client, article_pk, **data):
    return client.post(f"/articles/{article_pk}/statements/new/", data)


def test_recording_a_statement_resolves_the_date_for_the_editor_to_check_first(seed, editor_client):
    data = {
        "text": "Neither Moscow nor Tehran confirmed the purported purchase.",
        "actor": "Tehran",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "denied",
        "date_wording": "Last month",
    }
    first = record(editor_client, 3, **data)
    assert first.status_code == 400
    assertContains(first, "resolves to September 2022", status_code=400)
    assert first.context["form"].data["made_on"] == "2022-09-01"
    before = Statement.objects.count()
    second = record(editor_client, 3, **data, made_on="2022-09-01", made_on_precision="month")
    assert second.status_code == 302
    statement = Statement.objects.get(pk=second["Location"].rstrip("/").split("/")[-1])
    assert Statement.objects.count() == before + 1
    assert (statement.actor.slug, statement.made_on_precision) == ("iran", "month")
    quote = statement.quotes.get()
    assert quote.article.body[quote.start : quote.end] == data["text"]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"text": "Words not in this article."}, "text", "do not occur"),
        ({"actor": "Kiyv"}, "actor", "Did you mean Ukraine"),
        ({"speaker": "Iran"}, "speaker", "No person"),
        ({"date_wording": "The next day", "made_on": ""}, "made_on", "Give the date"),
        (
            {"date_wording": "in September", "made_on_precision": "day"},
            "made_on_precision",
            "month",
        ),
        (
            {"claim": "Iran supplied attack drones to Russia for its war in Ukrain"},
            "claim",
            "close to existing",
        ),
    ],
)
def test_bad_input_names_the_field_keeps_what_was_typed_and_writes_nothing(
    seed, editor_client, data, field, words
):
    base = {
        "text": "Neither Moscow nor Tehran confirmed the purported purchase.",
        "actor": "Tehran",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "denied",
        "made_on": "2022-09-01",
        "made_on_precision": "month",
    }
    before = counts()
    response = record(editor_client, 3, **{**base, **data})
    assert response.status_code == 400
    assert any(words in error for error in response.context["form"].errors[field]), (
        response.context["form"].errors
    )
    assertContains(response, base["text"] if "text" not in data else data["text"], status_code=400)
    assert counts() == before


def test_the_same_statement_from_another_article_becomes_a_second_quote(seed, editor_client):
    kanaani = Statement.objects.get(pk=16)
    article = make_article(body="On Tuesday Kannani said again that Iran sent no drones to Russia.")
    data = {
        "text": "Kannani said again that Iran sent no drones to Russia.",
        "actor": "Tehran",
        "speaker": "Kannani",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "denied",
        "made_on": "2022-10-18",
        "made_on_precision": "day",
    }
    offered = record(editor_client, article.pk, **data)
    assert offered.status_code == 400
    assert kanaani in offered.context["similar"]
    before = Statement.objects.count()
    added = editor_client.post(
        f"/articles/{article.pk}/statements/new/", {"add_to": kanaani.pk, "text": data["text"]}
    )
    assert added.status_code == 302
    assert Statement.objects.count() == before
    assert kanaani.quotes.filter(article=article).exists()


def test_a_stale_edit_is_refused_showing_what_changed_and_nothing_is_overwritten(seed, cast):
    first, second = client_for(cast, "editor"), client_for(cast, "administrator")
    statement = Statement.objects.get(pk=17)
    form = {
        "version": statement.version,
        "actor": "russia",
        "speaker": "dmitry-peskov",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "denied",
        "made_on": "2022-10-18",
        "made_on_precision": "day",
        "date_wording": "on Tuesday",
    }
    assert first.post("/statements/17/edit/", {**form, "note": "first"}).status_code == 302
    refused = second.post("/statements/17/edit/", {**form, "note": "second"})
    assert refused.status_code == 409
    assertContains(refused, "Someone else saved this statement", status_code=409)
    assert ("note", "second", "first") in refused.context["conflict"]["rows"]
    statement.refresh_from_db()
    assert (statement.note, statement.version) == ("first", 2)


def test_history_shows_each_change_and_an_administrator_restores_a_version(seed, cast):
    editor, admin = client_for(cast, "editor"), client_for(cast, "administrator")
    statement = Statement.objects.get(pk=17)
    editor.post(
        "/statements/17/edit/",
        {
            "version": 1,
            "actor": "russia",
            "speaker": "dmitry-peskov",
            "claim": "iran-supplied-drones-to-russia",
            "stance": "confirmed",
            "made_on": "2022-10-18",
            "made_on_precision": "day",
            "date_wording": "on Tuesday",
        },
    )
    page = editor.get("/history/statement/17/")
    assertContains(page, "editor")
    assertContains(page, "<td>denied</td><td>confirmed</td>", html=False)
    original = statement.history.order_by("history_date").first()
    version_page = editor.get(f"/history/statement/17/{original.history_id}/")
    assertContains(version_page, f"/history/statement/17/{original.history_id}/")
    refused = editor.post(f"/history/statement/17/{original.history_id}/restore/")
    assert refused.status_code == 403
    admin.post(f"/history/statement/17/{original.history_id}/restore/")
    statement.refresh_from_db()
    assert statement.stance == "denied"
    assert statement.history.count() == 3


def test_a_deleted_statement_answers_410_and_a_merged_actor_redirects(seed, cast):
    admin = client_for(cast, "administrator")
    admin.post("/statements/26/delete/")
    gone = admin.get("/statements/26/")
    assert gone.status_code == 410
    assertContains(gone, "European Union denied", status_code=410)
    admin.post("/actors/wall-street-journal/merge/", {"into": "washington-post"})
    moved = admin.get("/actors/wall-street-journal/")
    assert moved.status_code == 301 and moved["Location"] == "/actors/washington-post/"
    assert Actor.objects.get(slug="washington-post").aliases.filter(name="WSJ").exists()


def test_the_edit_form_opens_with_the_statements_current_values_selected(seed, editor_client):
    response = editor_client.get("/statements/17/edit/")
    html = response.content.decode()
    assert '<option value="russia" selected>' in html
    assert '<option value="dmitry-peskov" selected>' in html
    assert '<option value="iran-supplied-drones-to-russia" selected>' in html
