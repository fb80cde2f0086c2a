"""Which words make a sentence an attribution, on sentences written for the test."""

from __future__ import annotations

import pytest

from assistant.proposals.cues import Kind, Place, find_cues, main_cue


@pytest.mark.parametrize(
    ("sentence", "cue", "kind"),
    [
        ("Peskov said the reports were false.", "said", Kind.SAY),
        ("The minister told reporters that talks had failed.", "told", Kind.SAY),
        ("Tehran denied the report on Monday.", "denied", Kind.DENY),
        (
            "Moscow dismissed the allegations as baseless.",
            "dismissed the allegations as baseless",
            Kind.DENY,
        ),
        (
            "India described the speculation as mere “rumors”.",
            "described the speculation as mere “rumors",
            Kind.DENY,
        ),
        (
            "Lavrov called the statements unsubstantiated.",
            "called the statements unsubstantiated",
            Kind.DENY,
        ),
        ("The ministry admitted that it had sent advisers.", "admitted", Kind.CONFIRM),
        (
            "The Kremlin declined to comment on the report.",
            "declined to comment",
            Kind.NONCOMMITTAL,
        ),
        (
            "Iran neither confirmed nor denied the purchase.",
            "neither confirmed nor denied",
            Kind.NONCOMMITTAL,
        ),
        (
            "The spokesman does not know whether drones were bought.",
            "does not know",
            Kind.NONCOMMITTAL,
        ),
        ("Washington imposed new sanctions on the network.", "imposed new sanctions", Kind.ACT),
        ("Ukraine cut diplomatic ties with Iran.", "cut diplomatic ties", Kind.ACT),
        (
            "The mayor on Friday described the audit of the city's accounts as partisan.",
            "described the audit of the city's accounts as",
            Kind.SAY,
        ),
        ("In a letter, the council clarified that it had sold no land.", "clarified", Kind.SAY),
        (
            "The union expressed concerns that the plant would close.",
            "expressed concerns that",
            Kind.SAY,
        ),
        ("The builder sued the council in March 2015.", "sued", Kind.ACT),
        ("The pharmacy filed a lawsuit against the supplier.", "filed a lawsuit", Kind.ACT),
        (
            "The panel took a day before ruling in favour of the tenants.",
            "ruling in favour of",
            Kind.ACT,
        ),
        ("The senator slammed the governor for the delays.", "slammed", Kind.ACCUSE),
    ],
)
def test_the_cue_of_an_attribution_is_found_with_its_kind(sentence, cue, kind):
    found = main_cue(find_cues(sentence))
    assert found is not None
    assert (found.text, found.kind) == (cue, kind)
    assert sentence[found.start : found.end] == found.text


def test_no_comment_made_by_puts_the_speaker_after_the_cue():
    cue = main_cue(find_cues("No comment was made by the club on the size of the fine."))
    assert (cue.kind, cue.place) == (Kind.NONCOMMITTAL, Place.AFTER)


def test_according_to_and_a_report_by_put_the_speaker_after_the_cue():
    assert main_cue(find_cues("According to Reuters, the deal was signed.")).place is Place.AFTER
    report = main_cue(find_cues("A report by The Washington Post said so."))
    assert report.text == "said"  # a verb wins over the phrase
    assert main_cue(find_cues("It came after a report by the Post.")).place is Place.AFTER


def test_a_capitalised_word_inside_a_sentence_is_no_verb():
    assert find_cues("The United States and Iran met in Oman.") == []
    assert find_cues("Iran Remains Russia's Top Backer, U.S. Says") == []


def test_a_sentence_without_reporting_words_has_no_cue():
    assert main_cue(find_cues("Drones flew over the capital on Monday morning.")) is None


def test_a_denial_outranks_the_saying_that_carries_it():
    cues = find_cues("The spokesman said Iran denied sending any weapons.")
    assert [c.text for c in cues] == ["said", "denied"]
    assert main_cue(cues).kind is Kind.DENY


@pytest.mark.parametrize(
    ("sentence", "cue", "kind"),
    [
        ("The defendant pleaded not guilty to all charges.", "pleaded not guilty", Kind.DENY),
        (
            "His lawyer said the mayor was entering a not-guilty plea.",
            "entering a not-guilty plea",
            Kind.DENY,
        ),
        ("The court found the banker guilty of fraud.", "found the banker guilty", Kind.ACT),
        ("A jury convicted the two men of arson.", "convicted", Kind.ACT),
        ("Prosecutors charged the governor with extortion.", "charged the governor with", Kind.ACT),
    ],
)
def test_court_language_is_a_denial_or_an_official_act(sentence, cue, kind):
    found = main_cue(find_cues(sentence))
    assert (found.text, found.kind) == (cue, kind)
