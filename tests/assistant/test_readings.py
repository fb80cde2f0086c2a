"""What one sentence gives: a participle's stance beside the saying before it, a
quotation standing alone continuing the attribution before it, the speaker after the
clause they close, and "the company" or "it" for the organisation last named."""

from __future__ import annotations

from tests.factories import make_actor


def test_a_participle_adds_its_own_stance_to_the_saying_before_it(proposals_for):
    (said, denying) = proposals_for(
        "Moscow said on Monday it had bought drones, denying reports that it had bought "
        "missiles from Iran."
    )
    assert (said.cue, said.stance, said.actor.slug) == ("said", "asserted", "russia")
    assert (denying.cue, denying.stance, denying.actor.slug) == ("denying", "denied", "russia")
    assert said.start == denying.start and said.end == denying.end


def test_a_quotation_standing_alone_continues_the_speaker_before_it(proposals_for):
    body = (
        "“The two patients did not have drones,” Maria Zakharova told reporters. "
        "“There is no drone programme in Russia as we speak.”"
    )
    first, second = proposals_for(body)
    assert second.speaker.slug == first.speaker.slug == "maria-zakharova"
    assert second.text == "There is no drone programme in Russia as we speak."
    assert body[second.start : second.end] == second.text
    assert second.stance == "denied"


def test_a_quotation_after_a_sentence_without_attribution_is_not_proposed(proposals_for):
    assert proposals_for("Drones flew over Kyiv. “There were many of them.”") == []


def test_the_speaker_closes_the_clause_before_them(only):
    proposal = only(
        "There are no signs that Tehran sent drones to Moscow, a senior EU official said."
    )
    assert proposal.actor.slug == "eu"
    assert proposal.stance == "denied"


def test_a_relative_clause_is_part_of_the_speakers_name(only):
    proposal = only("Peskov, who spoke in Moscow, also denied that Iran sent drones.")
    assert proposal.speaker.slug == "dmitry-peskov"


def test_the_company_is_the_organisation_last_named(newsroom, proposals_for):
    make_actor(name="Acme Printing", slug="acme", kind="organisation")
    found = proposals_for(
        "Russia said on Monday that Acme Printing had sold drones to Iran. "
        "The security printing company denied selling any drones."
    )
    assert [(p.actor.slug, p.stance) for p in found] == [("russia", "asserted"), ("acme", "denied")]


def test_an_accusation_asserts_whatever_its_words(only):
    proposal = only("Blinken accused Iran of not stopping its supply of drones to Russia.")
    assert (proposal.actor.slug, proposal.stance) == ("us", "asserted")


def test_a_plea_of_not_guilty_is_a_denial(only):
    proposal = only("Dmitry Peskov pleaded not guilty to supplying drones.")
    assert proposal.stance == "denied"
