"""The body, quote and generated spans the tests of sources/text.py share."""

from __future__ import annotations

from hypothesis import strategies as st

from sources.text import Anchor, anchor_text

BODY = (
    "The finance minister spoke to reporters on Monday.\n\n"
    "“We will not raise taxes this year,” she said, adding that the budget was balanced.\n\n"
    "The opposition called the claim misleading.\n"
)
QUOTE = "We will not raise taxes this year"


def quote_in(body: str, text: str = QUOTE) -> Anchor:
    return anchor_text(body, text)


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
