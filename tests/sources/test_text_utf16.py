"""UTF-16 offsets, as browsers count a selection, to code point indexes and back
(sources/text.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.text import (
    index_to_utf16_offset,
    utf16_offset_to_index,
)


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
