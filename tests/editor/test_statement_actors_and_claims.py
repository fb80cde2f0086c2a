"""Recording a statement: its actor, speaker and claim, found by any spelling, or made
anew when nothing close exists (or the editor confirms it)."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

from claims.models import Actor, Claim
from tests.editor.recording import (
    HOTNEWS,
    UNQUOTED,
    field_errors,
    record,
    recorded,
    shown,
    written,
)

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed


# --- actors ----------------------------------------------------------------------------


def test_actor_and_speaker_are_found_by_their_aliases(editor_client):
    kremlin = recorded(record(editor_client))
    assert kremlin.actor.slug == "russia"
    kannani = recorded(
        record(
            editor_client,
            HOTNEWS,
            text="The next day, Kannani made similar statements",
            actor="Tehran",
            speaker="Kannani",
            claim="iran-agreed-to-supply-missiles-to-russia",
            made_on="2022-10-18",
        )
    )
    assert (kannani.actor.slug, kannani.speaker.slug) == ("iran", "nasser-kanaani")


def test_an_unknown_actor_is_an_error_naming_the_field_with_a_suggestion(editor_client):
    before = written()
    response = record(editor_client, actor="Kiyv", note="kept")
    assert response.status_code == 400
    [error] = field_errors(response, "actor")
    assert "No actor is called “Kiyv”" in error
    assert "Did you mean Ukraine?" in error
    page = shown(response)
    assert "<strong>Actor:</strong> No actor is called “Kiyv”" in page
    assert 'value="Kiyv"' in page and f"{UNQUOTED}</textarea>" in page
    assert written() == before


def test_a_speaker_must_be_a_known_person(editor_client):
    before = written()
    response = record(editor_client, speaker="Peskow")
    assert response.status_code == 400
    [error] = field_errors(response, "speaker")
    assert "No person is called “Peskow”" in error and "Did you mean Dmitry Peskov?" in error
    not_a_person = record(editor_client, speaker="Iran")
    assert "No person" in field_errors(not_a_person, "speaker")[0]
    assert f"{UNQUOTED}</textarea>" in shown(not_a_person)  # what was typed is kept
    assert written() == before


def test_an_editor_creates_a_new_actor_by_giving_its_kind(editor_client):
    statement = recorded(record(editor_client, actor="Belarus", new_actor_kind="state"))
    belarus = Actor.objects.get(name="Belarus")
    assert (statement.actor, belarus.slug, belarus.kind) == (belarus, "belarus", "state")
    assert belarus.history.get().history_user.username == "editor"


def test_a_new_actor_close_to_an_existing_one_needs_confirm_new(editor_client):
    typed = {"actor": "Nasser Kanaany", "new_actor_kind": "person"}
    before = written()
    asked = record(editor_client, **typed)
    assert asked.status_code == 400
    assert "is close to Nasser Kanaani" in field_errors(asked, "actor")[0]
    assert written() == before
    assertContains(asked, '<option value="person" selected>', status_code=400)

    statement = recorded(record(editor_client, **typed, confirm_new="on"))
    assert statement.actor.name == "Nasser Kanaany"
    assert statement.actor.slug == "nasser-kanaany"


# --- claims ----------------------------------------------------------------------------


def test_a_claim_is_found_by_its_text_ignoring_case(editor_client):
    statement = recorded(
        record(
            editor_client,
            claim="russia is building a plant to produce iranian-designed drones with iran's help",
        )
    )
    assert statement.claim.slug == "russia-iran-drone-factory"


def test_a_new_claim_close_to_an_existing_one_needs_confirm_new(editor_client):
    near = "Iran supplied attack drones to Russia for its war on Ukraine"
    before = written()
    asked = record(editor_client, claim=near)
    assert asked.status_code == 400
    [error] = field_errors(asked, "claim")
    assert "close to existing ones" in error and "(iran-supplied-drones-to-russia)" in error
    assert f'value="{near}"' in shown(asked)
    assert f"{UNQUOTED}</textarea>" in shown(asked)
    assert written() == before

    statement = recorded(record(editor_client, claim=near, confirm_new="on"))
    assert statement.claim.text == near
    assert statement.claim.slug == "iran-supplied-attack-drones-to-russia-for-its-war-on-ukraine"


def test_a_new_claim_unlike_any_other_is_created_at_once(editor_client):
    statement = recorded(record(editor_client, claim="Iran sold tanks to Venezuela"))
    assert Claim.objects.get(slug="iran-sold-tanks-to-venezuela") == statement.claim
