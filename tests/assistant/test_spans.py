"""Which words a proposal quotes, and that every span is exact: body[start:end] == text
for any body, in any script, with characters outside the Basic Multilingual Plane."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.proposals.sentences import sentence_spans


def test_direct_speech_quotes_the_words_inside_the_quotation_marks(only):
    body = "“We have not supplied weapons to any country,” Nasser Kanaani said on Monday."
    proposal = only(body)
    assert proposal.text == "We have not supplied weapons to any country"
    assert body[proposal.start : proposal.end] == proposal.text


def test_reported_speech_quotes_the_sentence(proposals_for):
    body = "Drones hit Kyiv. Tehran denied on Monday that it had sent drones to Russia. More later."
    (proposal,) = proposals_for(body)
    assert proposal.text == "Tehran denied on Monday that it had sent drones to Russia."


def test_a_quoted_phrase_inside_reported_speech_leaves_the_sentence_as_the_quote(only):
    body = (
        "Tehran denied this, saying the claims were “lies spread by the West about Iran” "
        "and nothing more than a campaign against the country."
    )
    assert only(body).text == body


def test_a_quotation_over_several_sentences_stays_one_sentence():
    body = "“No. We have no such information. Ask the ministry,” Peskov said. Then he left."
    assert [body[s:e] for s, e in sentence_spans(body)] == [
        "“No. We have no such information. Ask the ministry,” Peskov said.",
        "Then he left.",
    ]


def test_abbreviations_do_not_end_a_sentence():
    body = "The U.S. Treasury said so. Mr. Adeyemo agreed."
    assert [body[s:e] for s, e in sentence_spans(body)] == [
        "The U.S. Treasury said so.",
        "Mr. Adeyemo agreed.",
    ]


# Random text around attributions the engine will act on, in several scripts and with
# emoji and other characters beyond U+FFFF, so that offsets in code points are tested
# where UTF-16 or bytes would differ.
WORDS = st.sampled_from(
    [
        "Tehran denied it.",
        "“We sent nothing to anyone at all,” Kanaani said.",
        "The Kremlin said on Tuesday that 🚀 drones were used.",
        "Москва отрицает поставки.",
        "伊朗否认 向俄罗斯提供无人机。",
        "𝕳𝖊 said 𝒏𝒐 “𝓌𝑜𝓇𝒹𝓈 𝒾𝓃 𝓆𝓊𝑜𝓉𝑒𝓈 here,” Blinken said.",
        "طهران تنفي ذلك.",
        "According to The Washington Post, Iran sent 😀 missiles.",
        "\n\n",
        " ",
        "U.S. officials said",
    ]
)
# Any character a body can hold: the site refuses NUL and lone surrogates (and
# PostgreSQL cannot store NUL), everything else goes, astral planes included.
STORABLE = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
BODIES = st.lists(
    st.one_of(WORDS, st.text(STORABLE, min_size=1, max_size=20)), min_size=1, max_size=12
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=BODIES)
def test_every_span_is_exact_in_any_body(proposals_for, parts):
    body = "".join(parts)
    if not body.strip():
        return
    for proposal in proposals_for(body):
        assert 0 <= proposal.start < proposal.end <= len(body)
        assert body[proposal.start : proposal.end] == proposal.text
        assert proposal.as_json()["quote"]["text"] == proposal.text


@given(body=st.text(max_size=300))
def test_sentence_bounds_are_exact_and_in_order(body):
    previous_end = 0
    for start, end in sentence_spans(body):
        assert previous_end <= start < end <= len(body)
        assert body[start:end] == body[start:end].strip()
        previous_end = end


def test_a_wire_line_break_inside_a_sentence_does_not_end_it():
    body = (
        "PARIS, May 3 The maker of the\npumps is to appeal, its chief\nsaid.\n"
        "Shares fell 2 percent.\n\nHeadline\nThe next paragraph."
    )
    assert [body[s:e] for s, e in sentence_spans(body)] == [
        "PARIS, May 3 The maker of the\npumps is to appeal, its chief\nsaid.",
        "Shares fell 2 percent.",
        "Headline\nThe next paragraph.",
    ]


def test_a_denial_split_by_a_wire_line_break_is_still_a_denial(only):
    proposal = only("“We have done absolutely nothing\nwrong,” Maria Zakharova said.")
    assert proposal.stance == "denied"
