"""Administrators merge actors and claims and delete statements; nobody else can, whatever
their browser sends."""

from __future__ import annotations

import html
import re

import pytest
from pytest_django.asserts import assertContains

from claims.models import (
    Actor,
    ActorAlias,
    Claim,
    MergedActor,
    MergedClaim,
    Quote,
    Statement,
)
from tests.factories import ROLES, make_actor, make_statement

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed
EU_DENIAL = 26  # seed: the EU denied the missiles claim on 20 January 2023


def written() -> tuple[int, ...]:
    """Every row count an administrator's write could change, history tables included."""
    return tuple(
        manager.count()
        for manager in (
            Actor.objects,
            Actor.history,
            ActorAlias.objects,
            Claim.objects,
            Claim.history,
            Statement.objects,
            Statement.history,
            Quote.objects,
            MergedActor.objects,
            MergedClaim.objects,
        )
    )


def shown(response) -> str:
    return html.unescape(response.content.decode())


def refused_as(role: str, response) -> None:
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == 403
        assertContains(response, "administrator", status_code=403)


# --- who may ---------------------------------------------------------------------------

ADMIN_PAGES = [
    "/actors/wall-street-journal/merge/",
    "/claims/russia-iran-drone-factory/merge/",
    f"/statements/{EU_DENIAL}/delete/",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_merge_and_delete_pages_open_for_administrators_only(role, role_client, url):
    response = role_client.get(url)
    if role == "administrator":
        assert response.status_code == 200
        forms = re.findall(r'<form method="post".*?</form>', response.content.decode(), re.DOTALL)
        assert forms and all('name="csrfmiddlewaretoken"' in form for form in forms)
    else:
        refused_as(role, response)


@pytest.mark.parametrize("role", ROLES)
def test_only_an_administrator_merges_actors(role, role_client):
    before = written()
    response = role_client.post("/actors/wall-street-journal/merge/", {"into": "washington-post"})
    if role == "administrator":
        assert response.status_code == 302 and response["Location"] == "/actors/washington-post/"
        assert not Actor.objects.filter(slug="wall-street-journal").exists()
        return
    refused_as(role, response)
    assert written() == before
    assert Statement.objects.get(pk=27).actor.slug == "wall-street-journal"


@pytest.mark.parametrize("role", ROLES)
def test_only_an_administrator_merges_claims(role, role_client):
    before = written()
    response = role_client.post(
        "/claims/russia-iran-drone-factory/merge/", {"into": "iran-militarily-supports-russia"}
    )
    if role == "administrator":
        assert response.status_code == 302
        assert response["Location"] == "/claims/iran-militarily-supports-russia/"
        assert not Claim.objects.filter(slug="russia-iran-drone-factory").exists()
        return
    refused_as(role, response)
    assert written() == before
    assert Statement.objects.get(pk=27).claim.slug == "russia-iran-drone-factory"


@pytest.mark.parametrize("role", ROLES)
def test_only_an_administrator_deletes_a_statement(role, role_client):
    before = written()
    response = role_client.post(f"/statements/{EU_DENIAL}/delete/")
    if role == "administrator":
        assert response.status_code == 302 and response["Location"] == "/statements/"
        assert not Statement.objects.filter(pk=EU_DENIAL).exists()
        return
    refused_as(role, response)
    assert written() == before


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_see_merge_and_delete_controls(role, role_client):
    statement = role_client.get(f"/statements/{EU_DENIAL}/").content.decode()
    actor = role_client.get("/actors/eu/").content.decode()
    claim = role_client.get("/claims/russia-iran-drone-factory/").content.decode()
    administering = role == "administrator"
    assert (f"/statements/{EU_DENIAL}/delete/" in statement) == administering
    assert ("/actors/eu/merge/" in actor) == administering
    assert ("/claims/russia-iran-drone-factory/merge/" in claim) == administering
    assert (f"/statements/{EU_DENIAL}/edit/" in statement) == (role in ("editor", "administrator"))


# --- deleting --------------------------------------------------------------------------


def test_deleting_a_statement_asks_first_then_takes_its_quotes_with_it(administrator_client):
    quotes = list(Statement.objects.get(pk=EU_DENIAL).quotes.values_list("pk", flat=True))
    asked = administrator_client.get(f"/statements/{EU_DENIAL}/delete/")
    assertContains(asked, "Delete statement “European Union denied")
    assert Statement.objects.filter(pk=EU_DENIAL).exists()

    deleted = administrator_client.post(f"/statements/{EU_DENIAL}/delete/", follow=True)

    assertContains(deleted, f"Deleted statement #{EU_DENIAL}")
    assert not Quote.objects.filter(pk__in=quotes).exists()
    last = Statement.history.filter(id=EU_DENIAL).latest()
    assert (last.history_type, last.history_user.username) == ("-", "administrator")


def test_deleting_a_statement_that_does_not_exist_is_not_found(administrator_client):
    assert administrator_client.post("/statements/999999/delete/").status_code == 404


# --- merging actors --------------------------------------------------------------------


def test_merging_actors_moves_statements_and_makes_names_into_aliases(administrator_client):
    wsj_statements = set(
        Statement.objects.filter(actor__slug="wall-street-journal").values_list("pk", flat=True)
    )
    assert wsj_statements

    administrator_client.post("/actors/wall-street-journal/merge/", {"into": "washington-post"})

    wapo = Actor.objects.get(slug="washington-post")
    assert wsj_statements <= set(wapo.statements.values_list("pk", flat=True))
    assert set(wapo.aliases.values_list("name", flat=True)) == {
        "Washington Post",
        "The Wall Street Journal",
        "Wall Street Journal",
        "WSJ",
    }
    assert MergedActor.objects.get(old_slug="wall-street-journal").actor == wapo
    page = administrator_client.get("/actors/washington-post/")
    assertContains(page, "Merged The Wall Street Journal into The Washington Post.")


def test_an_old_name_still_finds_the_merged_actor(administrator_client, editor):
    administrator_client.post("/actors/wall-street-journal/merge/", {"into": "washington-post"})
    administrator_client.force_login(editor)
    suggestions = administrator_client.get("/editor/actors.json", {"q": "WSJ"}).json()
    assert [actor["slug"] for actor in suggestions["actors"]] == ["washington-post"]


def test_merging_people_moves_their_spoken_statements_and_spokespeople(administrator_client):
    iran = Actor.objects.get(slug="iran")
    twin = make_actor(name="Islamic Republic", slug="islamic-republic", aliases=("IRI",))
    spokesman = make_actor(
        name="Nasser Kanaani Chafi", slug="kanaani-chafi", kind="person", speaks_for=twin
    )
    spoken = make_statement(actor=twin, speaker=spokesman)
    kanaani = Actor.objects.get(slug="nasser-kanaani")

    administrator_client.post("/actors/islamic-republic/merge/", {"into": "iran"})
    administrator_client.post("/actors/kanaani-chafi/merge/", {"into": "nasser-kanaani"})

    spoken.refresh_from_db()
    assert (spoken.actor, spoken.speaker) == (iran, kanaani)
    assert {"Islamic Republic", "IRI"} <= set(iran.aliases.values_list("name", flat=True))
    assert kanaani.aliases.filter(name="Nasser Kanaani Chafi").exists()
    assert spoken.history.latest().history_change_reason == (
        "merged actor kanaani-chafi into nasser-kanaani"
    )


@pytest.mark.parametrize(
    ("source", "into", "words"),
    [
        (
            "wall-street-journal",
            "wall-street-journal",
            "No other actor is called “wall-street-journal”",
        ),
        ("wall-street-journal", "nobody", "No other actor is called “nobody”"),
        ("dmitry-peskov", "russia", "merge only actors of the same kind"),
    ],
)
def test_a_merge_that_cannot_be_done_names_the_problem_and_changes_nothing(
    administrator_client, source, into, words
):
    before = written()
    response = administrator_client.post(f"/actors/{source}/merge/", {"into": into})
    assert response.status_code == 400
    page = shown(response)
    assert "<strong>into:</strong>" in page and words in page
    assert f'value="{into}"' in page  # what was typed is kept
    assert written() == before


def test_a_claim_merge_into_an_unknown_claim_changes_nothing(administrator_client):
    before = written()
    response = administrator_client.post(
        "/claims/russia-iran-drone-factory/merge/", {"into": "no-such-claim"}
    )
    assert response.status_code == 400
    assertContains(response, "No other claim has the slug or text “no-such-claim”", status_code=400)
    assert written() == before


def test_merging_an_actor_that_does_not_exist_is_not_found(administrator_client):
    response = administrator_client.post("/actors/nobody/merge/", {"into": "iran"})
    assert response.status_code == 404


# --- merging claims --------------------------------------------------------------------


def test_merging_claims_moves_statements_with_their_history(administrator_client):
    factory = set(
        Statement.objects.filter(claim__slug="russia-iran-drone-factory").values_list(
            "pk", flat=True
        )
    )
    assert factory

    administrator_client.post(
        "/claims/russia-iran-drone-factory/merge/", {"into": "iran-militarily-supports-russia"}
    )

    target = Claim.objects.get(slug="iran-militarily-supports-russia")
    assert factory <= set(target.statements.values_list("pk", flat=True))
    assert MergedClaim.objects.get(old_slug="russia-iran-drone-factory").claim == target
    for pk in factory:
        latest = Statement.history.filter(id=pk).latest()
        assert latest.history_change_reason == (
            "merged claim russia-iran-drone-factory into iran-militarily-supports-russia"
        )
        assert latest.version == 2
