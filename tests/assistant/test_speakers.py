"""Who a proposal is by: actors found by alias, title and demonym, new people with the
state their title names, media, and "he" for the last person named."""

from __future__ import annotations

import pytest

from tests.factories import make_actor


@pytest.mark.parametrize(
    ("body", "actor"),
    [
        ("The Kremlin said the drones were Russian-made.", "russia"),
        ("Tehran denied sending any drones to Russia.", "iran"),
        ("Iranian officials denied sending any drones to Russia.", "iran"),
        ("A senior EU official said there was no evidence of missile shipments.", "eu"),
        ("Moscow, in turn, denied the information.", "russia"),
    ],
)
def test_a_state_is_found_by_any_of_its_names(only, body, actor):
    proposal = only(body)
    assert proposal.actor.slug == actor
    assert proposal.speaker is None


def test_a_person_is_found_by_an_alias_and_speaks_for_their_state(only):
    proposal = only("Dmytro Peskov said on Tuesday that Russia uses its own drones.")
    assert proposal.actor.slug == "russia"
    assert proposal.speaker.slug == "dmitry-peskov"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Iran's foreign ministry spokesman denied sending drones to Russia.", "nasser-kanaani"),
        ("The Russian Foreign Ministry spokeswoman said Iran sent no drones.", "maria-zakharova"),
    ],
)
def test_a_person_is_found_by_their_title(only, body, speaker):
    proposal = only(body)
    assert proposal.speaker.slug == speaker
    assert proposal.actor.slug in ("iran", "russia")


def test_an_unknown_person_is_proposed_with_the_state_their_title_names(only):
    proposal = only("British Foreign Secretary James Cleverly said Iran had sent drones.")
    assert proposal.speaker.as_json() == {
        "slug": None,
        "name": "James Cleverly",
        "kind": "person",
        "speaks_for": "United Kingdom",
    }
    # The United Kingdom is not in the database either: a new state to create.
    assert proposal.actor.as_json() == {
        "slug": None,
        "name": "United Kingdom",
        "kind": "state",
        "speaks_for": None,
    }


def test_a_new_person_is_known_by_their_surname_later_in_the_article(proposals_for):
    found = proposals_for(
        "British Foreign Secretary James Cleverly said Iran had sent drones. "
        "Cleverly added that more would follow."
    )
    assert [p.speaker.name for p in found] == ["James Cleverly", "James Cleverly"]


def test_a_newspaper_citing_officials_is_a_media_actor(only):
    proposal = only("The Washington Post reported, citing US officials, that Iran sent missiles.")
    assert proposal.actor.slug == "washington-post"
    assert proposal.actor.kind == "media"


def test_an_unknown_newspaper_is_a_new_media_actor(only):
    proposal = only("According to The Kyiv Independent, the drones were Iranian.")
    assert (proposal.actor.slug, proposal.actor.name, proposal.actor.kind) == (
        None,
        "The Kyiv Independent",
        "media",
    )


def test_the_speaker_after_an_inverted_verb_is_found(only):
    proposal = only(
        "Putin did not discuss drones with Raisi, said Kremlin spokesman Dmitry Peskov."
    )
    assert proposal.speaker.slug == "dmitry-peskov"


def test_he_is_the_person_named_last(proposals_for):
    found = proposals_for(
        "Antony Blinken said Russia was seeking drones from Iran. "
        "He also noted that the talks went on."
    )
    assert [p.speaker.slug for p in found] == ["antony-blinken", "antony-blinken"]
    assert found[1].actor.slug == "us"


def test_the_subject_of_a_relative_clause_is_the_speaker_not_a_name_before_it(proposals_for):
    make_actor(name="Acme Pumps", slug="acme", kind="organisation", aliases=("Acme",))
    found = proposals_for(
        "The case concerned pumps sold for the plants at Green Bay in Ohio which Acme "
        "claimed were faulty."
    )
    assert [(p.actor.slug, p.speaker) for p in found] == [("acme", None)]
