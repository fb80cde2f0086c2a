"""One matcher for every actor picker: the live suggestions, the statement forms and the
merge forms find an actor by name, alias, slug or a close spelling."""

from __future__ import annotations

import html

import pytest

from claims.models import Actor, Claim, MergedActor, Statement


def suggested(client, typed: str, **extra) -> list[str]:
    response = client.get("/editor/actors.json", {"q": typed, **extra})
    assert response.status_code == 200
    return [actor["slug"] for actor in response.json()["actors"]]


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("Amirabdollahian", "hossein-amir-abdollahian"),  # a close spelling
        ("Kannani", "nasser-kanaani"),  # an alias
        ("kiev", "ukraine"),  # an alias, in another case
        ("Pesk", "dmitry-peskov"),  # part of the name
    ],
)
def test_the_live_picker_finds_an_actor_by_any_spelling(editor_client, seed, typed, slug):
    assert slug in suggested(editor_client, typed)


def test_the_live_speaker_picker_offers_persons_only(editor_client, seed):
    assert suggested(editor_client, "Russia", persons="1") == [
        slug
        for slug in suggested(editor_client, "Russia", persons="1")
        if Actor.objects.get(slug=slug).kind == "person"
    ]
    assert "russia" not in suggested(editor_client, "Russia", persons="1")


def edit_data(statement: Statement, **changes) -> dict:
    return {
        "version": statement.version,
        "actor": statement.actor.name,
        "speaker": statement.speaker.name if statement.speaker_id else "",
        "claim": statement.claim.text,
        "stance": statement.stance,
        "made_on": statement.made_on.isoformat(),
        "made_on_precision": statement.made_on_precision,
        "date_wording": statement.date_wording,
        "note": statement.note,
    } | changes


def test_the_edit_form_reads_the_speaker_by_alias_and_the_claim_by_text(editor_client, seed):
    statement = Statement.objects.filter(speaker__isnull=True, actor__slug="iran").first()

    response = editor_client.post(
        f"/statements/{statement.pk}/edit/", edit_data(statement, speaker="Kannani")
    )

    assert response.status_code == 302, response.context["form"].errors
    statement.refresh_from_db()
    assert statement.speaker.slug == "nasser-kanaani"


def test_the_edit_form_opens_with_names_and_live_pickers(editor_client, seed):
    statement = Statement.objects.filter(speaker__isnull=False).first()

    page = html.unescape(editor_client.get(f"/statements/{statement.pk}/edit/").content.decode())

    assert f'name="actor" value="{statement.actor.name}"' in page
    assert f'name="speaker" value="{statement.speaker.name}"' in page
    assert 'data-actor-suggestions="/editor/actors.json"' in page
    assert "<select" not in page.split('name="claim"')[0].split('name="actor"')[-1]


def test_a_misspelt_actor_in_the_edit_form_is_answered_with_what_was_meant(editor_client, seed):
    statement = Statement.objects.first()

    response = editor_client.post(
        f"/statements/{statement.pk}/edit/", edit_data(statement, actor="Ukrane")
    )

    assert response.status_code == 400
    [error] = response.context["form"].errors["actor"]
    assert error == (
        "No actor is called “Ukrane” (by name, slug or alias). Did you mean 'ukraine' (Ukraine)?"
    )


def test_a_merge_takes_the_actor_to_keep_by_an_alias(administrator_client, seed):
    duplicate = Actor.objects.create(name="Naser Kanani", slug="naser-kanani", kind="person")

    response = administrator_client.post(f"/actors/{duplicate.slug}/merge/", {"into": "Kannani"})

    assert response.status_code == 302
    assert MergedActor.objects.get(old_slug="naser-kanani").actor.slug == "nasser-kanaani"


def test_a_merge_into_a_misspelt_actor_says_what_was_meant(administrator_client, seed):
    duplicate = Actor.objects.create(name="Naser Kanani", slug="naser-kanani", kind="person")

    response = administrator_client.post(
        f"/actors/{duplicate.slug}/merge/", {"into": "Nasser Kanaany"}
    )

    assert response.status_code == 400
    assert "did you mean 'nasser-kanaani' (Nasser Kanaani)?" in html.unescape(
        response.content.decode()
    )
    assert Actor.objects.filter(slug="naser-kanani").exists()


def test_a_claim_merge_takes_the_claim_to_keep_by_its_text(administrator_client, seed):
    keep = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    duplicate = Claim.objects.create(slug="drones-dup", text="Iran sent drones (dup)")

    response = administrator_client.post(
        f"/claims/{duplicate.slug}/merge/", {"into": keep.text.upper()}
    )

    assert response.status_code == 302
    assert not Claim.objects.filter(slug="drones-dup").exists()
