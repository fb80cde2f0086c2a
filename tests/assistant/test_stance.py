"""The stance of an attribution, negation included, on sentences written for the test."""

from __future__ import annotations

import pytest

from assistant.proposals import spans
from assistant.proposals.cues import find_cues, main_cue
from assistant.proposals.stance import stance_of


def stance(sentence: str, said: str | None = None) -> str:
    # As the engine reads a sentence: the words inside a quotation are the speaker's.
    masked = spans.masked(sentence, spans.quotations(sentence))
    cue = main_cue(find_cues(masked))
    return stance_of(masked, cue, said if said is not None else sentence[cue.end :])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tehran denied supplying drones.", "denied"),
        ("The Kremlin did not deny that the drones were Iranian.", "noncommittal"),
        ("Iran has never denied the shipments.", "noncommittal"),
        ("Moscow neither confirmed nor denied the purchase.", "noncommittal"),
        ("Neither Moscow nor Tehran confirmed the purchase.", "noncommittal"),
        ("The ministry dismissed the reports as baseless.", "denied"),
        ("Lavrov called the claims far-fetched and unfounded.", "denied"),
        ("The general admitted that the drones came from Iran.", "confirmed"),
        ("The government acknowledged the shipments.", "confirmed"),
        ("The embassy declined to comment.", "noncommittal"),
        ("The official said there was no evidence of missile shipments.", "denied"),
        ("The minister said the country had not supplied any weapons.", "denied"),
        ("The minister said the country had supplied weapons.", "asserted"),
        ("The envoy said that not only drones but also missiles were sent.", "asserted"),
        ("Washington imposed sanctions on the suppliers.", "asserted"),
        ("The maker said it had done nothing wrong and stood by its pumps.", "denied"),
        ("The bank said the figures in the column were clearly wrong.", "denied"),
        ("The bank said the figures were wrong-footed by the rally.", "asserted"),
    ],
)
def test_the_stance_follows_the_cue_and_its_negation(sentence, expected):
    assert stance(sentence) == expected


def test_a_negated_reporting_verb_inside_what_was_said_denies_nothing():
    sentence = "“We all know they are Iranian, but the authorities didn’t admit it,” he said."
    said = "We all know they are Iranian, but the authorities didn’t admit it"
    assert stance(sentence, said) == "asserted"


def test_what_was_said_decides_a_plain_saying():
    sentence = "“No, we have no such information,” Peskov said."
    assert stance(sentence, "No, we have no such information") == "denied"


def test_a_cue_that_states_the_stance_is_surer_than_a_plain_saying(proposals_for):
    aside, denied, said = proposals_for(
        "Kanaani said the weather in the capital was mild. "
        "Tehran denied on Monday that it supplied attack drones to Russia. "
        "Blinken said Iran supplied attack drones to Russia."
    )
    assert denied.confidence > said.confidence > aside.confidence
    assert aside.claim.slug is None


def test_a_stated_denial_on_no_tracked_claim_is_surer_than_a_plain_saying_on_one(
    proposals_for,
):
    # Measured on the evaluation sets: a cue that states the stance is right nineteen
    # times in twenty, a plain assertion about two times in three.
    denial, said = proposals_for(
        "Zakharova denied on Monday that the grain corridor had been extended. "
        "Blinken said Iran supplied attack drones to Russia."
    )
    assert denial.claim.slug is None and said.claim.slug == "iran-supplied-drones"
    assert denial.confidence > said.confidence
