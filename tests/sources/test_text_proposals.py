"""A quote whose words a correction changed gets a proposed span: the corrected words
where its old span went. A proposal is always a valid span of the corrected body."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sources.text import anchor, anchor_text, reanchor

OLD = "The Iranian Foreign Ministry Spokesman said no drones were sent. Talks went on."


def proposal(old: str, new: str, quoted: str):
    [result] = reanchor(old, new, [anchor_text(old, quoted)])
    assert result.is_lost
    return result.proposal


def test_a_letter_corrected_inside_a_quote_is_proposed_with_the_correction():
    new = OLD.replace("Spokesman", "spokesman")

    assert proposal(OLD, new, "Foreign Ministry Spokesman said").text == (
        "Foreign Ministry spokesman said"
    )


def test_a_corrected_first_or_last_word_stays_inside_the_proposal():
    assert proposal(OLD, OLD.replace("The Iranian", "Thee Iranian"), "The Iranian").text == (
        "Thee Iranian"
    )
    assert proposal(OLD, OLD.replace("were sent.", "were sent!"), "were sent.").text == (
        "were sent!"
    )


def test_words_inserted_inside_a_quote_are_taken_into_the_proposal():
    new = OLD.replace("Ministry Spokesman", "Ministry's chief spokesman")

    assert proposal(OLD, new, "Foreign Ministry Spokesman said").text == (
        "Foreign Ministry's chief spokesman said"
    )


def test_a_quote_whose_every_character_changed_gets_no_proposal():
    assert proposal("abc xyz", "abc QRS", "xyz") is None


@settings(max_examples=300, deadline=None)
@given(
    body=st.text(alphabet=st.sampled_from("ab cđ😀\n"), min_size=4, max_size=60),
    data=st.data(),
)
def test_a_proposal_is_always_a_span_of_the_corrected_body(body, data):
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    cut = data.draw(st.integers(0, len(body) - 1))
    inserted = data.draw(st.text(alphabet="xyz😀", min_size=0, max_size=5))
    new = body[:cut] + inserted + body[cut + 1 :]

    [result] = reanchor(body, new, [anchor(body, start, end)])

    for found in (result.new, result.proposal):
        if found is not None:
            assert 0 <= found.start < found.end <= len(new)
            assert new[found.start : found.end] == found.text
