from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sources.text import (
    CONTEXT_LENGTH,
    AmbiguousQuote,
    Anchor,
    QuoteNotFound,
    anchor,
    anchor_text,
    find_all,
    index_to_utf16_offset,
    matches,
    reanchor,
    utf16_offset_to_index,
)

BODY = (
    "The finance minister spoke to reporters on Monday.\n\n"
    "“We will not raise taxes this year,” she said, adding that the budget was balanced.\n\n"
    "The opposition called the claim misleading.\n"
)
QUOTE = "We will not raise taxes this year"


def quote_in(body: str, text: str = QUOTE) -> Anchor:
    return anchor_text(body, text)


# --- finding and anchoring ---------------------------------------------------------------


def test_find_all_reports_overlapping_occurrences():
    assert find_all("aaaa", "aa") == [0, 1, 2]


def test_find_all_finds_nothing_for_empty_text():
    assert find_all("anything", "") == []


def test_anchor_keeps_the_text_and_its_context():
    start = BODY.index(QUOTE)
    result = anchor(BODY, start, start + len(QUOTE))
    assert result.text == QUOTE
    assert result.prefix == BODY[start - CONTEXT_LENGTH : start]
    assert result.suffix == BODY[start + len(QUOTE) : start + len(QUOTE) + CONTEXT_LENGTH]
    assert result.prefix.endswith("\n\n“")
    assert result.suffix.startswith(",” she said")


def test_context_is_cut_short_at_the_body_edges():
    result = anchor("Yes, he said.", 0, 3)
    assert (result.prefix, result.text, result.suffix) == ("", "Yes", ", he said.")
    result = anchor("He said yes", 8, 11)
    assert (result.prefix, result.text, result.suffix) == ("He said ", "yes", "")


def test_context_length_can_be_chosen():
    result = anchor("abcdefghij", 4, 6, context=2)
    assert (result.prefix, result.suffix) == ("cd", "gh")


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, 14), (10, 99)])
def test_anchor_refuses_spans_outside_the_body_or_empty(start, end):
    with pytest.raises(ValueError, match="span"):
        anchor("Yes, he said.", start, end)


def test_anchor_text_handles_curly_quotes():
    body = "She called it “a disgrace” and left. ‘Never again’, she added."
    result = anchor_text(body, "“a disgrace”")
    assert body[result.start : result.end] == "“a disgrace”"
    assert anchor_text(body, "‘Never again’").start == body.index("‘")


def test_anchor_text_handles_cyrillic_and_arabic():
    body = "Министр заявил: «Мы не повысим налоги». وقال الوزير: «لن نرفع الضرائب»."
    russian = anchor_text(body, "Мы не повысим налоги")
    arabic = anchor_text(body, "لن نرفع الضرائب")
    assert body[russian.start : russian.end] == "Мы не повысим налоги"
    assert body[arabic.start : arabic.end] == "لن نرفع الضرائب"
    assert arabic.prefix.endswith("الوزير: «")


def test_offsets_count_emoji_outside_the_bmp_as_one_character():
    body = "🎉🎉 “Victory is ours” 🇫🇷 he wrote."
    result = anchor_text(body, "Victory is ours")
    assert result.start == 4  # two emoji, a space and the opening quote
    assert result.prefix == "🎉🎉 “"
    assert anchor_text(body, "he wrote").start == body.index("he wrote")


def test_missing_quote_is_reported_as_not_found():
    with pytest.raises(QuoteNotFound, match="does not occur"):
        anchor_text(BODY, "We will raise taxes")


def test_empty_quote_is_refused():
    with pytest.raises(ValueError, match="empty"):
        anchor_text(BODY, "")


def test_ambiguous_quote_is_reported_with_every_offset():
    body = "No. No. No."
    with pytest.raises(AmbiguousQuote, match=r"occurs 3 times .* offsets 0, 4, 8") as raised:
        anchor_text(body, "No.")
    assert raised.value.starts == [0, 4, 8]


def test_ambiguous_quote_is_a_value_error_like_not_found():
    assert issubclass(AmbiguousQuote, ValueError)
    assert issubclass(QuoteNotFound, ValueError)


def test_occurrence_picks_the_kth_match_counting_from_one():
    body = "No. No. No."
    assert anchor_text(body, "No.", occurrence=1).start == 0
    assert anchor_text(body, "No.", occurrence=3).start == 8


def test_occurrence_one_is_accepted_for_a_unique_quote():
    assert anchor_text(BODY, QUOTE, occurrence=1) == quote_in(BODY)


@pytest.mark.parametrize("occurrence", [0, 4, -1])
def test_occurrence_out_of_range_names_the_count(occurrence):
    with pytest.raises(ValueError, match="occurs 3 times"):
        anchor_text("No. No. No.", "No.", occurrence=occurrence)


def test_matches_checks_text_and_bounds_without_raising():
    start = BODY.index(QUOTE)
    end = start + len(QUOTE)
    assert matches(BODY, start, end, QUOTE)
    assert not matches(BODY, start + 1, end + 1, QUOTE)
    assert not matches(BODY, -5, 3, "The")
    assert not matches(BODY, 0, len(BODY) + 10, BODY)
    assert not matches(BODY, 3, 3, "")
    assert not matches(BODY, None, 3, "The")  # type: ignore[arg-type]


# --- UTF-16 offsets from browsers ----------------------------------------------------------


def test_utf16_offsets_skip_both_halves_of_a_surrogate_pair():
    body = "Hi 😀 there"
    assert index_to_utf16_offset(body, body.index("there")) == 6
    assert utf16_offset_to_index(body, 6) == body.index("there")
    assert utf16_offset_to_index(body, 3) == 3  # just before the emoji
    assert utf16_offset_to_index(body, 5) == 4  # just after it


def test_utf16_offset_inside_a_surrogate_pair_is_refused():
    with pytest.raises(ValueError, match="surrogate pair"):
        utf16_offset_to_index("Hi 😀 there", 4)


@pytest.mark.parametrize("offset", [-1, 13])
def test_utf16_offset_outside_the_body_is_refused(offset):
    with pytest.raises(ValueError):
        utf16_offset_to_index("Hi 😀 there", offset)


def test_utf16_offsets_equal_indexes_for_bmp_text():
    body = "«Мы не повысим налоги» — “لن نرفع”"
    assert [utf16_offset_to_index(body, i) for i in range(len(body) + 1)] == list(
        range(len(body) + 1)
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("a “”Жع😀🇫\U0010fffd")), st.data())
def test_utf16_offsets_round_trip_and_agree_with_utf16_encoding(body, data):
    index = data.draw(st.integers(0, len(body)))
    offset = index_to_utf16_offset(body, index)
    assert offset == len(body[:index].encode("utf-16-le")) // 2
    assert utf16_offset_to_index(body, offset) == index


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("a “Ж😀🇫")), st.data())
def test_every_utf16_offset_either_maps_back_or_splits_a_pair(body, data):
    encoded = body.encode("utf-16-le")
    offset = data.draw(st.integers(0, len(encoded) // 2))
    try:
        prefix = encoded[: offset * 2].decode("utf-16-le")
    except UnicodeDecodeError:
        with pytest.raises(ValueError, match="surrogate pair"):
            utf16_offset_to_index(body, offset)
    else:
        assert utf16_offset_to_index(body, offset) == len(prefix)


# --- re-anchoring after a correction -------------------------------------------------------


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


# --- properties ------------------------------------------------------------------------------

# A small alphabet makes repeated (ambiguous) text likely; the rest covers curly quotes,
# non-Latin scripts and characters outside the BMP.
bodies = st.text(alphabet=st.sampled_from("ab “”’\nЖع😀"), min_size=1, max_size=60) | st.text(
    min_size=1, max_size=60
)


@st.composite
def body_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    body = draw(bodies)
    start = draw(st.integers(0, len(body) - 1))
    end = draw(st.integers(start + 1, len(body)))
    return body, start, end


@settings(max_examples=200, deadline=None)
@given(body_and_span(), st.integers(0, 40))
def test_anchor_always_keeps_the_exact_span_and_can_be_found_again(span, context):
    body, start, end = span
    result = anchor(body, start, end, context=context)
    assert result.text == body[start:end]
    assert matches(body, start, end, result.text)
    assert body[: result.start].endswith(result.prefix)
    assert body[result.end :].startswith(result.suffix)
    assert len(result.prefix) == min(context, start)
    occurrence = find_all(body, result.text).index(start) + 1
    assert anchor_text(body, result.text, occurrence=occurrence, context=context) == result


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
