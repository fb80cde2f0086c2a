"""Re-anchoring quotes after a body is corrected (sources/text.reanchor): a quote follows
its words or is lost, never moved onto the wrong ones."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sources.text import (
    CONTEXT_LENGTH,
    anchor,
    find_all,
    reanchor,
)
from tests.sources.text_samples import BODY, QUOTE, body_and_span, quote_in


def test_unchanged_body_keeps_every_quote_in_place():
    quote = quote_in(BODY)
    [result] = reanchor(BODY, BODY, [quote])
    assert result.new == quote
    assert not result.is_lost
    assert not result.moved
    assert result.problem == ""


def test_typo_fixed_before_the_quote_moves_it():
    old = BODY.replace("finance minister", "finanse ministre")
    old = old.replace("spoke to", "spok to")
    quote = quote_in(old)
    [result] = reanchor(old, BODY, [quote])
    assert result.moved
    assert result.new is not None
    assert BODY[result.new.start : result.new.end] == QUOTE
    assert result.new.start == quote.start + 1
    assert result.new.prefix == BODY[result.new.start - CONTEXT_LENGTH : result.new.start]


def test_paragraph_inserted_before_the_quote_moves_it():
    inserted = "Update: this article was corrected on Tuesday.\n\n"
    new = inserted + BODY
    [result] = reanchor(BODY, new, [quote_in(BODY)])
    assert result.new is not None
    assert result.new.start == BODY.index(QUOTE) + len(inserted)
    assert new[result.new.start : result.new.end] == QUOTE


def test_text_deleted_before_the_quote_moves_it():
    new = BODY.replace(" to reporters", "")
    [result] = reanchor(BODY, new, [quote_in(BODY)])
    assert result.new is not None
    assert result.new.start == BODY.index(QUOTE) - len(" to reporters")
    assert new[result.new.start : result.new.end] == QUOTE


def test_correction_after_the_quote_only_refreshes_its_context():
    new = BODY.replace("she said", "the minister said")
    [result] = reanchor(BODY, new, [quote_in(BODY)])
    assert result.new is not None
    assert not result.moved
    assert result.new.suffix.startswith(",” the minister said")


def test_typo_fixed_inside_the_quote_loses_it_rather_than_moving_it():
    old = BODY.replace("raise taxes", "riase taxes")
    [result] = reanchor(old, BODY, [quote_in(old, "We will not riase taxes this year")])
    assert result.is_lost
    assert result.new is None
    assert not result.moved
    assert result.problem == "the quoted text no longer occurs in the corrected body"


def test_deleted_quote_is_lost():
    new = BODY.replace("“We will not raise taxes this year,” she", "She")
    [result] = reanchor(BODY, new, [quote_in(BODY)])
    assert result.is_lost
    assert "no longer occurs" in result.problem


def test_several_quotes_are_reanchored_in_one_call():
    new = "Correction appended.\n" + BODY.replace("misleading", "simply misleading")
    quotes = [quote_in(BODY), quote_in(BODY, "called the claim"), quote_in(BODY, "Monday")]
    results = reanchor(BODY, new, quotes)
    assert [r.old for r in results] == quotes
    for result in results:
        assert result.new is not None
        assert new[result.new.start : result.new.end] == result.old.text


def test_duplicate_added_elsewhere_does_not_disturb_the_original_quote():
    new = BODY + "Her words, “We will not raise taxes this year”, were soon contradicted.\n"
    [result] = reanchor(BODY, new, [quote_in(BODY)])
    assert result.new is not None
    assert result.new.start == BODY.index(QUOTE)


MOVED_LINE = "Alice Martin, speaking to the press, said “we will win” before leaving.\n"
OTHER_LINES = "First paragraph.\nSecond paragraph.\nThird paragraph.\n"


def test_duplicate_is_told_apart_by_its_context_when_the_diff_cannot_follow_the_quote():
    old = OTHER_LINES + MOVED_LINE
    # The quoted paragraph moves to the top, which a diff sees as a deletion plus an insertion,
    # and another paragraph quotes the same words in other surroundings.
    new = MOVED_LINE + OTHER_LINES + "Bob Stone, her rival, also said “we will win” yesterday.\n"
    quote = quote_in(old, "we will win")
    [result] = reanchor(old, new, [quote])
    assert result.new is not None
    assert result.new.start == MOVED_LINE.index("we will win")
    assert result.new.prefix == quote.prefix[-len(result.new.prefix) :]


def test_duplicate_with_the_same_context_is_lost_rather_than_guessed():
    old = OTHER_LINES + MOVED_LINE
    new = MOVED_LINE + MOVED_LINE + OTHER_LINES
    [result] = reanchor(old, new, [quote_in(old, "we will win")])
    assert result.is_lost
    assert result.problem == (
        "the quoted text occurs 2 times in the corrected body and its context does not say which"
    )


def test_duplicate_whose_context_was_edited_is_lost_rather_than_left_to_the_diff():
    duplicate = "Her words, “We will not raise taxes this year”, were soon contradicted.\n"
    old = BODY + duplicate
    new = BODY.replace("she said", "the minister said") + duplicate
    start = old.index(QUOTE)
    # The diff still follows the original, but its context no longer backs that up.
    [result] = reanchor(old, new, [anchor(old, start, start + len(QUOTE))])
    assert result.is_lost
    assert "occurs 2 times" in result.problem


def test_large_bodies_with_corrections_far_apart_are_reanchored():
    # Every quote's text occurs in every paragraph, so the diff itself has to run over 200 KB.
    paragraphs = [f"Paragraph {i}: the council met again, said the mayor." for i in range(4000)]
    old = "\n\n".join(paragraphs)
    assert len(old) > 200_000
    text = "the council met again"
    starts = [
        old.index(f"Paragraph {i}: {text}") + len(f"Paragraph {i}: ") for i in range(0, 4000, 250)
    ]
    edited = old.index("Paragraph 1999:")
    new = "Corrected. " + old.replace("Paragraph 1999:", "Paragraph 1999 (updated):") + " End."
    results = reanchor(old, new, [anchor(old, start, start + len(text)) for start in starts])
    for start, result in zip(starts, results, strict=True):
        shift = len("Corrected. ") + (len(" (updated)") if start > edited else 0)
        assert result.new is not None
        assert result.new.start == start + shift


# --- for all inputs -----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(body_and_span(), st.text(max_size=20), st.data())
def test_insertion_outside_the_quote_never_yields_a_wrong_span(span, inserted, data):
    body, start, end = span
    position = data.draw(st.integers(0, len(body)).filter(lambda p: p <= start or p >= end))
    new_body = body[:position] + inserted + body[position:]
    quote = anchor(body, start, end)
    [result] = reanchor(body, new_body, [quote])
    if result.new is not None:
        assert new_body[result.new.start : result.new.end] == quote.text
        assert result.problem == ""
    else:
        assert result.problem
    if len(find_all(new_body, quote.text)) == 1:
        shift = len(inserted) if position <= start else 0
        assert result.new is not None
        assert (result.new.start, result.new.end) == (start + shift, end + shift)


@settings(max_examples=200, deadline=None)
@given(body_and_span(), st.text(max_size=20), st.data())
def test_any_edit_outside_the_quote_never_yields_a_wrong_span(span, replacement, data):
    body, start, end = span
    before = data.draw(st.booleans())
    low, high = (0, start) if before else (end, len(body))
    edit_start = data.draw(st.integers(low, high))
    edit_end = data.draw(st.integers(edit_start, high))
    assume(edit_end > edit_start or replacement)
    new_body = body[:edit_start] + replacement + body[edit_end:]
    quote = anchor(body, start, end)
    [result] = reanchor(body, new_body, [quote])
    if result.new is not None:
        assert new_body[result.new.start : result.new.end] == quote.text
    if len(find_all(new_body, quote.text)) == 1:
        shift = len(replacement) - (edit_end - edit_start) if before else 0
        assert result.new is not None
        assert result.new.start == start + shift
