"""Finding a quote in a body and anchoring it there (sources/text.py): code point
offsets, context, occurrences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.text import (
    CONTEXT_LENGTH,
    AmbiguousQuote,
    QuoteNotFound,
    anchor,
    anchor_text,
    find_all,
    matches,
)
from tests.sources.text_samples import BODY, QUOTE, body_and_span, quote_in


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


# --- for all inputs -----------------------------------------------------------------------


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
