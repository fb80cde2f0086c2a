"""Editing a statement: who may, the version that keeps two editors from overwriting each
other, and the history each save leaves."""

from __future__ import annotations

import datetime
import html

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from claims.models import Statement
from tests.factories import ROLES

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed
PESKOV = 17  # seed: Russia (Dmitry Peskov) denied the drones claim on 18 October 2022
EDIT = f"/statements/{PESKOV}/edit/"


def opened(client: Client, url: str = EDIT) -> dict[str, str]:
    """The edit form as the editor's browser would submit it unchanged."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, datetime.date):
            value = value.isoformat()
        data[name] = "" if value is None else str(value)
    return data


def state(pk: int = PESKOV) -> tuple:
    statement = Statement.objects.get(pk=pk)
    return (
        statement.version,
        statement.stance,
        statement.note,
        statement.made_on,
        statement.speaker_id,
        statement.history.count(),
    )


# --- who may edit ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_edit_form_opens_for_editors_and_administrators_only(role, role_client):
    response = role_client.get(EDIT)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={EDIT}"
    elif role == "reader":
        assert response.status_code == 403
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_an_edit_by_the_wrong_role_is_refused_and_changes_nothing(role, role_client, editor):
    before = state()
    data = {
        "version": "1",
        "actor": "russia",
        "speaker": "dmitry-peskov",
        "claim": "iran-supplied-drones-to-russia",
        "stance": "confirmed",
        "made_on": "2022-10-18",
        "made_on_precision": "day",
        "date_wording": "on Tuesday",
        "note": f"edited by the {role}",
    }
    response = role_client.post(EDIT, data)
    if role in ("editor", "administrator"):
        assert response.status_code == 302 and response["Location"] == f"/statements/{PESKOV}/"
        statement = Statement.objects.get(pk=PESKOV)
        assert (statement.stance, statement.note) == ("confirmed", f"edited by the {role}")
        return
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert state() == before


def test_editing_a_statement_that_does_not_exist_is_not_found(editor_client):
    assert editor_client.get("/statements/999999/edit/").status_code == 404


# --- the form --------------------------------------------------------------------------


def test_the_edit_form_carries_the_version_and_a_csrf_token(editor_client):
    response = editor_client.get(EDIT)
    assertContains(response, '<input type="hidden" name="version" value="1"')
    assertContains(response, 'name="csrfmiddlewaretoken"', count=2)  # the form and sign-out
    assertContains(response, f'href="/history/statement/{PESKOV}/"')


def test_the_edit_form_opens_with_the_current_values(editor_client):
    page = html.unescape(editor_client.get(EDIT).content.decode())
    # Names in the pickers, as a person reads them (the form also takes slugs).
    assert 'name="actor" value="Russia"' in page
    assert 'name="speaker" value="Dmitry Peskov"' in page
    assert (
        'name="claim" value="Iran supplied attack drones to Russia for its war in Ukraine"' in page
    )
    assert opened(editor_client) == {
        "version": "1",
        "actor": "Russia",
        "speaker": "Dmitry Peskov",
        "claim": "Iran supplied attack drones to Russia for its war in Ukraine",
        "stance": "denied",
        "made_on": "2022-10-18",
        "made_on_precision": "day",
        "date_wording": "on Tuesday",
        "note": (
            "As RT reports it: a denial. HotNews.ro reports the same briefing as the Kremlin "
            "not knowing (statement 33, noncommittal)."
        ),
    }


def test_a_valid_edit_increments_the_version_and_adds_a_history_row(editor_client, editor):
    data = opened(editor_client)
    history = Statement.objects.get(pk=PESKOV).history.count()

    response = editor_client.post(EDIT, {**data, "stance": "confirmed", "note": "Checked."})

    assert response.status_code == 302
    statement = Statement.objects.get(pk=PESKOV)
    assert (statement.version, statement.stance, statement.note) == (2, "confirmed", "Checked.")
    assert statement.history.count() == history + 1
    latest = statement.history.latest()
    assert (latest.history_type, latest.history_user, latest.stance) == ("~", editor, "confirmed")
    assert opened(editor_client)["version"] == "2"
    page = editor_client.get(response["Location"])
    assertContains(page, "Saved statement #17.")


def test_saving_again_from_the_reopened_form_works(editor_client):
    editor_client.post(EDIT, {**opened(editor_client), "note": "one"})
    editor_client.post(EDIT, {**opened(editor_client), "note": "two"})
    statement = Statement.objects.get(pk=PESKOV)
    assert (statement.version, statement.note) == (3, "two")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"speaker": "iran"}, "speaker", "No person is called “iran”"),
        ({"actor": "nobody"}, "actor", "No actor is called “nobody”"),
        ({"stance": "doubted"}, "stance", "Select a valid choice"),
        ({"made_on": "18 Oct"}, "made_on", "Enter a valid date"),
        (
            {"date_wording": "in October", "made_on_precision": "day"},
            "made_on_precision",
            "gives month precision, not day",
        ),
        ({"made_on_precision": "month"}, "made_on", "first day of its month"),
    ],
)
def test_a_bad_edit_names_the_field_keeps_what_was_typed_and_saves_nothing(
    editor_client, changes, field, words
):
    before = state()
    typed = {**opened(editor_client), "note": "typed note", **changes}
    response = editor_client.post(EDIT, typed)
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(words in error for error in errors), errors
    page = html.unescape(response.content.decode())
    label = response.context["form"][field].label
    assert f"<strong>{label}:</strong>" in page
    assert "typed note</textarea>" in page
    assert state() == before


def test_an_edit_without_a_version_is_refused(editor_client):
    before = state()
    data = opened(editor_client)
    del data["version"]
    response = editor_client.post(EDIT, {**data, "note": "no version"})
    assert response.status_code == 400
    assert "version" in response.context["form"].errors
    assert state() == before


# --- two editors -----------------------------------------------------------------------


def test_a_stale_edit_is_refused_with_what_changed_and_overwrites_nothing(
    editor_client, second_editor_client
):
    mine = opened(editor_client)  # both open version 1
    theirs = opened(second_editor_client)
    assert mine["version"] == theirs["version"] == "1"

    saved = second_editor_client.post(EDIT, {**theirs, "note": "Their note.", "stance": "asserted"})
    assert saved.status_code == 302
    after_theirs = state()

    refused = editor_client.post(
        EDIT, {**mine, "note": "My note.", "made_on": "2022-10-17", "date_wording": "on Monday"}
    )

    assert refused.status_code == 409
    assert state() == after_theirs  # nothing overwritten, no history row
    statement = Statement.objects.get(pk=PESKOV)
    assert (statement.note, statement.stance, statement.version) == ("Their note.", "asserted", 2)

    rows = {name: (yours, saved) for name, yours, saved in refused.context["conflict"]["rows"]}
    assert rows["note"] == ("My note.", "Their note.")
    assert rows["stance"] == ("denied", "asserted")
    assert rows["made_on"] == (datetime.date(2022, 10, 17), datetime.date(2022, 10, 18))
    assert "actor" not in rows and "claim" not in rows

    assertContains(refused, "Someone else saved this statement", status_code=409)
    assertContains(refused, "<caption>What changed</caption>", status_code=409)
    assertContains(
        refused,
        '<tr><th scope="row">note</th><td>My note.</td><td>Their note.</td></tr>',
        html=True,
        status_code=409,
    )
    assertContains(refused, "My note.</textarea>", status_code=409)  # what was typed is kept
    assertContains(refused, f'href="{EDIT}"', status_code=409)  # reopen the current version

    reopened = opened(editor_client)
    assert (reopened["version"], reopened["note"]) == ("2", "Their note.")
    assert editor_client.post(EDIT, {**reopened, "note": "Both notes."}).status_code == 302
    assert Statement.objects.get(pk=PESKOV).version == 3


def test_a_stale_edit_is_refused_even_when_the_other_editor_changed_another_field(
    editor_client, second_editor_client
):
    mine = opened(editor_client)
    second_editor_client.post(EDIT, {**opened(second_editor_client), "note": "Theirs."})
    refused = editor_client.post(EDIT, {**mine, "stance": "confirmed"})
    assert refused.status_code == 409
    rows = {name: (yours, saved) for name, yours, saved in refused.context["conflict"]["rows"]}
    assert rows == {"stance": ("confirmed", "denied"), "note": (mine["note"], "Theirs.")}
    assert Statement.objects.get(pk=PESKOV).stance == "denied"


def test_an_administrators_merge_is_not_undone_by_a_form_opened_before_it(
    editor_client, administrator_browser
):
    mine = opened(editor_client, "/statements/27/edit/")  # the Wall Street Journal's
    merged = administrator_browser.post(
        "/actors/wall-street-journal/merge/", {"into": "washington-post"}
    )
    assert merged.status_code == 302
    moved = state(27)

    refused = editor_client.post("/statements/27/edit/", {**mine, "note": "mine"})

    assert refused.status_code in (400, 409)
    assert state(27) == moved
    assert Statement.objects.get(pk=27).actor.slug == "washington-post"
