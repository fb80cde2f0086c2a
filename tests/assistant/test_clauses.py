"""Attributions of their own in one sentence: a subordinate or relative clause with its
own subject, a contrasting verb of the same subject; and the words that are no
attribution (an adjectival "alleged", a demand)."""

from __future__ import annotations

from assistant.proposals.cues import find_cues
from tests.factories import make_actor, make_claim


def test_a_subordinate_clause_with_its_own_subject_is_its_own_proposal(proposals_for):
    found = proposals_for(
        "A day after Blinken accused Iran of sending attack drones to Russia, Tehran on "
        "Friday rejected the charges."
    )
    assert [(p.actor.slug, p.stance) for p in found] == [("us", "asserted"), ("iran", "denied")]
    accusation = found[0]
    assert accusation.text == "Blinken accused Iran of sending attack drones to Russia"
    assert accusation.claim.slug == "iran-supplied-drones"
    # "the charges" are the accusation just made.
    assert found[1].claim.slug == "iran-supplied-drones"


def test_a_relative_clause_with_its_own_subject_is_its_own_proposal(proposals_for):
    make_actor(name="Northwind Shipping", slug="northwind", kind="organisation")
    make_claim(slug="northwind-dumped-waste", text="Northwind Shipping dumped waste at sea")
    found = proposals_for(
        "The Kremlin denied that it had signed a contract with Northwind Shipping, which the "
        "European Union alleged had dumped waste at sea."
    )
    allegation = next(p for p in found if p.actor.slug == "eu")
    assert allegation.text == "the European Union alleged had dumped waste at sea"
    assert (allegation.stance, allegation.claim.slug) == ("asserted", "northwind-dumped-waste")


def test_a_contrasting_verb_of_the_same_subject_adds_its_own_stance(proposals_for):
    found = proposals_for(
        "The Kremlin on Monday confirmed that Russia had sought drones from Iran, but said "
        "that Iran had not supplied attack drones to Russia."
    )
    assert [(p.actor.slug, p.stance) for p in found] == [
        ("russia", "confirmed"),
        ("russia", "denied"),
    ]


def test_a_demand_in_a_clause_is_no_proposal(proposals_for):
    found = proposals_for(
        "Blinken said Russia had requested drones from Iran, while the Kremlin urged "
        "Washington to lift its sanctions."
    )
    assert [p.actor.slug for p in found] == ["us"]


def test_an_alleged_noun_is_a_hedge_not_a_cue():
    assert find_cues("Kyiv urged Israel to act over Moscow’s alleged deal with Iran.")[0].text == (
        "urged"
    )
    assert [c.text for c in find_cues("The alleged supply of drones went on.")] == []


def test_a_passive_denial_names_its_speaker_after_by(only):
    proposal = only("The same claim was previously refuted by Iran's foreign ministry spokesman.")
    assert (proposal.actor.slug, proposal.stance) == ("iran", "denied")
    assert proposal.speaker.slug == "nasser-kanaani"


def test_a_detention_by_a_state_body_is_its_official_act(only):
    make_claim(slug="reed-spied", text="Tom Reed spied against Russia")
    proposal = only("Tom Reed was detained by the Kremlin guard on a spying mission in Moscow.")
    assert (proposal.actor.slug, proposal.stance, proposal.claim.slug) == (
        "russia",
        "asserted",
        "reed-spied",
    )


def test_he_with_a_modal_verb_is_the_person_named_last(proposals_for):
    found = proposals_for(
        "Blinken spoke in Berlin on Monday. He said, adding that he can neither confirm nor "
        "deny that Russia sought drones from Iran."
    )
    assert (found[-1].speaker.slug, found[-1].stance) == ("antony-blinken", "noncommittal")


def test_a_party_the_claim_is_about_confirms_it_by_asserting_it(proposals_for):
    make_actor(name="Northwind Shipping", slug="northwind", kind="organisation")
    make_actor(name="Southport Freight", slug="southport", kind="organisation")
    make_claim(
        slug="merger-talks", text="Northwind Shipping and Southport Freight held merger talks"
    )
    (proposal,) = proposals_for("Northwind Shipping said it held merger talks with Southport.")
    assert (proposal.actor.slug, proposal.stance, proposal.claim.slug) == (
        "northwind",
        "confirmed",
        "merger-talks",
    )


def test_a_negation_of_other_words_does_not_assert_a_negative_claim(proposals_for):
    make_actor(name="Tom Reed", slug="tom-reed", kind="person")
    make_claim(slug="reed-hid-gifts", text="Tom Reed failed to disclose the gifts from a builder")
    (proposal,) = proposals_for(
        "Tom Reed said the gifts from the builder were not part of a corrupt relationship."
    )
    assert (proposal.stance, proposal.claim.slug) == ("denied", "reed-hid-gifts")


def test_an_undated_summary_of_repeated_denials_is_no_statement(proposals_for):
    assert proposals_for("Moscow has repeatedly denied that Iran supplied drones to Russia.") == []
    (dated,) = proposals_for("Moscow last week repeatedly denied that Iran supplied drones.")
    assert (dated.actor.slug, dated.stance) == ("russia", "denied")


def test_a_plain_saying_gives_way_to_the_stance_its_participle_states(proposals_for):
    found = proposals_for(
        "Peskov said Iran had supplied no attack drones to Russia, denying reports that Iran "
        "supplied attack drones to Russia."
    )
    assert [(p.stance, p.claim.slug) for p in found] == [("denied", "iran-supplied-drones")]


def test_an_undated_neither_nor_is_the_outlets_summary(proposals_for):
    assert proposals_for("Neither Moscow nor Tehran confirmed the purchase of drones.") == []


def test_a_demand_is_no_proposal(proposals_for):
    assert proposals_for("Kyiv urged Israel on Monday to share intelligence on Iran.") == []


def test_a_denial_with_an_accusing_participle_gives_the_accusation_too(proposals_for):
    found = proposals_for(
        "Tehran on Monday denied that it supplied drones to Russia, accusing Washington of "
        "spreading lies about the central bank."
    )
    assert [(p.actor.slug, p.stance, p.cue) for p in found] == [
        ("iran", "denied", "denied"),
        ("iran", "asserted", "accusing"),
    ]
