"""Every record's history (claims/views/versions.py): who changed what and when, a
citable page per version, and restoring a version (administrators). What old addresses
answer after a delete or a merge: tests/pages/test_gone.py."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from claims.models import Actor, Claim, Quote, Statement
from sources.models import Article, Outlet
from tests.factories import ROLES

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed
PESKOV = 17  # seed: Russia (Dmitry Peskov) denied the drones claim on 18 October 2022
EU_DENIAL = 26  # seed: the EU denied the missiles claim on 20 January 2023


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit(client: Client, pk: int = PESKOV, **changes):
    form = client.get(f"/statements/{pk}/edit/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    response = client.post(f"/statements/{pk}/edit/", {**data, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def shown(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def edited(editor, second_editor_client):
    """Statement 17 changed by two editors: its stance by one, its note by the other (each
    in a browser of their own, leaving the `client` of the role being tested alone)."""
    edit(signed_in(editor), stance="confirmed")
    edit(second_editor_client, note="Checked against the RT video.")
    return Statement.objects.get(pk=PESKOV)


def original_version(pk: int = PESKOV):
    return Statement.history.filter(id=pk).earliest()


# --- who may read and restore ----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_anyone_can_read_a_history_and_cite_a_version(role, role_client):
    history = role_client.get(f"/history/statement/{PESKOV}/")
    assert history.status_code == 200
    version = original_version()
    page = role_client.get(f"/history/statement/{PESKOV}/{version.history_id}/")
    assert page.status_code == 200
    restore = f"/history/statement/{PESKOV}/{version.history_id}/restore/"
    if role == "administrator":
        # The version page links the confirmation, whose form posts the restore.
        assertContains(page, f'href="{restore}"')
        confirm = role_client.get(restore).content.decode()
        form = confirm.split(f'action="{restore}"')[1].split("</form>")[0]
        assert 'name="csrfmiddlewaretoken"' in form
    else:
        assertNotContains(page, restore)


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_restore_and_a_refused_restore_changes_nothing(
    role, role_client, edited
):
    version = original_version()
    before = (edited.version, edited.stance, edited.note, edited.history.count())
    response = role_client.post(f"/history/statement/{PESKOV}/{version.history_id}/restore/")
    statement = Statement.objects.get(pk=PESKOV)
    if role == "administrator":
        assert response.status_code == 302
        assert response["Location"] == f"/history/statement/{PESKOV}/"
        assert (statement.stance, statement.note) == ("denied", version.note)
        return
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
    after = (statement.version, statement.stance, statement.note, statement.history.count())
    assert after == before


def test_a_restore_is_a_post_after_a_page_that_asks(administrator_browser):
    version = original_version()
    before = Statement.objects.get(pk=PESKOV).version
    response = administrator_browser.get(
        f"/history/statement/{PESKOV}/{version.history_id}/restore/"
    )
    assert response.status_code == 200
    assertContains(response, "Restore this version</button>")
    assert Statement.objects.get(pk=PESKOV).version == before  # asking changes nothing


@pytest.mark.parametrize(
    "url",
    [
        "/history/user/1/",
        "/history/statement/999999/",
        f"/history/statement/{PESKOV}/999999/",
        f"/history/actor/{PESKOV}/1/",  # a version of another record
    ],
)
def test_an_unknown_history_or_version_is_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("model", "record"),
    [
        ("statement", lambda: Statement.objects.get(pk=PESKOV)),
        ("quote", lambda: Quote.objects.order_by("pk").first()),
        ("actor", lambda: Actor.objects.get(slug="iran")),
        ("claim", lambda: Claim.objects.get(slug="iran-supplied-drones-to-russia")),
        ("article", lambda: Article.objects.get(pk=3)),
        ("outlet", lambda: Outlet.objects.get(slug="rt")),
    ],
)
def test_every_kind_of_record_has_a_history(client, model, record):
    pk = record().pk
    response = client.get(f"/history/{model}/{pk}/")
    assert response.status_code == 200
    assert "created by the system" in " ".join(shown(response).split())


# --- the history page ------------------------------------------------------------------


def test_the_history_lists_each_change_with_before_after_and_who(edited, client):
    response = client.get(f"/history/statement/{PESKOV}/")
    # The statement's own versions; its quotes' events are listed among them too.
    entries = [entry for entry in response.context["entries"] if entry.version is not None]
    assert [entry.action for entry in entries] == ["changed", "changed", "created"]
    second, first, _ = entries
    assert second.user.username == "second-editor"
    assert [(c.field, c.before.text, c.after.text) for c in second.changes] == [
        ("note", original_version().note, "Checked against the RT video.")
    ]
    assert first.user.username == "editor"
    assert [(c.field, c.before.text, c.after.text) for c in first.changes] == [
        ("stance", "denied", "confirmed")
    ]

    page = " ".join(shown(response).split())
    assert "changed by second-editor" in page
    assert "changed by editor" in page
    assert "created by the system" in page
    assertContains(
        response,
        '<tr><th scope="row">stance</th><td>denied</td><td>confirmed</td></tr>',
        html=True,
    )
    # The note is long: its change is shown as the words removed and added.
    note = shown(response).split('<th scope="row">note</th>')[1].split("</tr>")[0]
    assert '<td colspan="2" class="word-diff preserve">' in note
    assert "<ins>" in note and "video.</ins>" in note and "<del>" in note
    # The version counter and timestamps are bookkeeping, not changes a reader cares about.
    assertNotContains(response, '<th scope="row">version</th>')
    assertNotContains(response, '<th scope="row">updated_at</th>')


def test_each_version_links_to_its_permalink(edited, client):
    response = client.get(f"/history/statement/{PESKOV}/")
    for version in Statement.history.filter(id=PESKOV):
        assertContains(response, f'href="/history/statement/{PESKOV}/{version.history_id}/"')


def test_a_version_permalink_shows_the_values_as_they_were(edited, client):
    version = original_version()
    response = client.get(f"/history/statement/{PESKOV}/{version.history_id}/")
    values = {name: shown.text for name, shown in response.context["fields"]}
    assert values["stance"] == "denied"
    assert values["note"] == original_version().note
    assert values["date wording"] == "on Tuesday"
    assert values["actor"] == "Russia"  # a name, not an id
    permalink = f"http://testserver/history/statement/{PESKOV}/{version.history_id}/"
    assertContains(response, f'<a href="{permalink}">{permalink}</a>', html=True)

    latest = Statement.history.filter(id=PESKOV).latest()
    now = {
        name: shown.text
        for name, shown in client.get(f"/history/statement/{PESKOV}/{latest.history_id}/").context[
            "fields"
        ]
    }
    assert (now["stance"], now["note"]) == ("confirmed", "Checked against the RT video.")
    # Citing a version keeps working after later edits.
    again = client.get(f"/history/statement/{PESKOV}/{version.history_id}/")
    assert {name: shown.text for name, shown in again.context["fields"]} == values


# --- restoring -------------------------------------------------------------------------


def test_an_administrator_restores_an_earlier_version_as_a_new_change(
    edited, administrator_browser
):
    version = original_version()
    history = edited.history.count()

    response = administrator_browser.post(
        f"/history/statement/{PESKOV}/{version.history_id}/restore/", follow=True
    )

    statement = Statement.objects.get(pk=PESKOV)
    assert (statement.stance, statement.note) == ("denied", version.note)
    assert statement.version == edited.version + 1
    assert statement.history.count() == history + 1
    restored = statement.history.latest()
    assert restored.history_user.username == "administrator"
    assert restored.history_change_reason == f"restored version {version.history_id}"
    assertContains(response, f"Restored statement {PESKOV}")
    page = " ".join(shown(response).split())
    assert f"changed by administrator · restored version {version.history_id}" in page
    # The edits restored over are still in the history.
    assert statement.history.filter(stance="confirmed").exists()


def test_an_open_edit_form_is_stale_after_a_restore(edited, editor_client, administrator_browser):
    form = editor_client.get(f"/statements/{PESKOV}/edit/").context["form"]
    administrator_browser.post(
        f"/history/statement/{PESKOV}/{original_version().history_id}/restore/"
    )
    data = {name: form[name].value() or "" for name in form.fields}
    response = editor_client.post(f"/statements/{PESKOV}/edit/", {**data, "note": "late"})
    assert response.status_code == 409
    assert Statement.objects.get(pk=PESKOV).note != "late"


def test_a_version_that_no_longer_fits_is_not_restored_and_the_page_says_why(administrator_browser):
    version = original_version(27)  # the Wall Street Journal's, before the merge below
    administrator_browser.post("/actors/wall-street-journal/merge/", {"into": "washington-post"})
    before = Statement.history.filter(id=27).count()

    response = administrator_browser.post(
        f"/history/statement/27/{version.history_id}/restore/", follow=True
    )

    assert response.status_code == 200
    assertContains(response, "Could not restore this version")
    statement = Statement.objects.get(pk=27)
    assert statement.actor.slug == "washington-post"
    assert statement.history.count() == before


# --- deleted and merged records ---------------------------------------------------------


def test_a_deleted_statement_is_restored_with_its_quotes(administrator_browser, client):
    quotes = list(Quote.objects.filter(statement_id=EU_DENIAL).values_list("pk", "text"))
    administrator_browser.post(f"/statements/{EU_DENIAL}/delete/")
    assert client.get(f"/statements/{EU_DENIAL}/").status_code == 410
    version = Statement.history.get(id=EU_DENIAL, history_type="+")

    response = administrator_browser.post(
        f"/history/statement/{EU_DENIAL}/{version.history_id}/restore/", follow=True
    )

    count = len(quotes)
    assertContains(response, f"Restored statement {EU_DENIAL} with {count} quote")
    assert Statement.objects.filter(pk=EU_DENIAL).exists()
    restored = Quote.objects.filter(statement_id=EU_DENIAL).values_list("pk", "text")
    assert sorted(restored) == sorted(quotes)
    assert client.get(f"/statements/{EU_DENIAL}/").status_code == 200


def test_a_merge_keeps_the_history_of_the_moved_statements_and_the_merged_actor(
    administrator_browser, client
):
    wsj = Actor.objects.get(slug="wall-street-journal")
    administrator_browser.post("/actors/wall-street-journal/merge/", {"into": "washington-post"})

    moved = client.get("/history/statement/27/")
    entry = moved.context["entries"][0]
    assert entry.reason == "merged actor wall-street-journal into washington-post"
    assert entry.user.username == "administrator"
    wapo = Actor.objects.get(slug="washington-post")
    # The merged-away actor is named from its own last version: it no longer exists.
    assert [(c.field, c.before.text, c.after.text) for c in entry.changes] == [
        ("actor", f"actor {wsj.pk} (deleted)", str(wapo))
    ]

    gone = client.get(f"/history/actor/{wsj.pk}/")
    assert gone.status_code == 200
    assert "Deleted; last known as" in shown(gone)
