"""Recording a statement: the browser's selection and the quote it becomes, at code
point offsets in the article body."""

from __future__ import annotations

import datetime

import pytest
from pytest_django.asserts import assertContains

from claims.models import Actor
from tests.editor.recording import (
    create_url,
    field_errors,
    record,
    recorded,
    shown,
    utf16_length,
    written,
)
from tests.factories import make_actor, make_article, make_claim

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed


EMOJI_BODY = (
    "Drones 🚀🛸 were seen over Kyiv at dawn. "
    "“We have sent nothing,” the ministry’s spokesman said 🙅, "
    "“and we never will.” Officials in Washington disagreed. 🇺🇸 The end."
)
EMOJI_SELECTION = "“We have sent nothing,” the ministry’s spokesman said 🙅, “and we never will.”"


def test_a_browser_selection_in_utf16_units_prefills_exactly_the_selected_words(editor_client):
    article = make_article(body=EMOJI_BODY)
    start = EMOJI_BODY.index(EMOJI_SELECTION)
    u16start = utf16_length(EMOJI_BODY[:start])
    u16end = u16start + utf16_length(EMOJI_SELECTION)
    assert (u16start, u16end) != (start, start + len(EMOJI_SELECTION))  # the test means it

    response = editor_client.get(create_url(article.pk), {"u16start": u16start, "u16end": u16end})

    assert response.status_code == 200
    assert response.context["form"].initial == {"text": EMOJI_SELECTION, "start": start}
    page = shown(response)
    assert f"\n{EMOJI_SELECTION}</textarea>" in page
    assert f'<input type="hidden" name="start" value="{start}"' in page


def test_saving_the_prefilled_selection_records_the_quote_at_its_code_point_offsets(editor_client):
    article = make_article(body=EMOJI_BODY, published_on=datetime.date(2022, 10, 20))
    iran = Actor.objects.get(slug="iran")
    claim = make_claim()
    start = EMOJI_BODY.index(EMOJI_SELECTION)
    u16start = utf16_length(EMOJI_BODY[:start])
    form = editor_client.get(
        create_url(article.pk),
        {"u16start": u16start, "u16end": u16start + utf16_length(EMOJI_SELECTION)},
    ).context["form"]

    statement = recorded(
        record(
            editor_client,
            article.pk,
            text=form.initial["text"],
            start=form.initial["start"],
            actor="Iran",
            claim=claim.slug,
        )
    )

    quote = statement.quotes.get()
    assert (statement.actor, quote.start, quote.end) == (iran, start, start + len(EMOJI_SELECTION))
    assert article.body[quote.start : quote.end] == quote.text == EMOJI_SELECTION


@pytest.mark.parametrize(
    "offsets",
    [
        {"u16start": "8", "u16end": "20"},  # 8 falls between the halves of 🚀
        {"u16start": "5", "u16end": "100000"},
        {"u16start": "30", "u16end": "10"},
        {"u16start": "x", "u16end": "10"},
        {"u16start": "10"},
    ],
)
def test_a_selection_that_cannot_be_converted_opens_an_empty_form(editor_client, offsets):
    article = make_article(body=EMOJI_BODY)
    response = editor_client.get(create_url(article.pk), offsets)
    assert response.status_code == 200
    assert response.context["form"].initial == {}


def test_pasted_words_without_offsets_are_found_in_the_article(editor_client):
    statement = recorded(record(editor_client, text="Neither Moscow nor Tehran confirmed"))
    quote = statement.quotes.get()
    body = quote.article.body
    assert quote.start == body.index("Neither Moscow nor Tehran confirmed")
    assert body[quote.start : quote.end] == "Neither Moscow nor Tehran confirmed"


def test_pasted_words_with_windows_line_breaks_are_found(editor_client):
    article = make_article(body="First line of the statement.\nSecond line of it. Other text.")
    actor, claim = make_actor(), make_claim()
    statement = recorded(
        record(
            editor_client,
            article.pk,
            text="statement.\r\nSecond line",
            actor=actor.slug,
            claim=claim.slug,
        )
    )
    assert statement.quotes.get().text == "statement.\nSecond line"


TWICE_BODY = (
    "Iran denied sending drones. 🚀 The United States said otherwise on Monday. "
    "Iran denied sending drones. Russia said nothing."
)


def test_words_that_occur_twice_ask_which_one_and_the_chosen_one_is_recorded(editor_client):
    article = make_article(body=TWICE_BODY)
    actor, claim = make_actor(), make_claim()
    first = TWICE_BODY.index("Iran denied sending drones.")
    second = TWICE_BODY.index("Iran denied sending drones.", first + 1)
    typed = {"text": "Iran denied sending drones.", "actor": actor.slug, "claim": claim.slug}
    before = written()

    asked = record(editor_client, article.pk, **typed)

    assert asked.status_code == 400
    assert written() == before
    assert "occur 2 times" in field_errors(asked, "text")[0]
    assert [at for at, _, _ in asked.context["occurrences"]] == [first, second]
    for at in (first, second):
        assertContains(asked, f'<input type="radio" name="start" value="{at}">', status_code=400)
    assertContains(asked, f"(character {second})", status_code=400)

    # The browser sends the empty hidden `start` and then the chosen radio button.
    chosen = recorded(record(editor_client, article.pk, **typed, start=["", str(second)]))
    quote = chosen.quotes.get()
    assert (quote.start, quote.end) == (second, second + len(typed["text"]))
    assert quote.prefix.endswith("said otherwise on Monday. ")


def test_a_start_that_no_longer_matches_the_words_is_looked_up_again(editor_client):
    article = make_article(body=TWICE_BODY)
    actor, claim = make_actor(), make_claim()
    statement = recorded(
        record(
            editor_client,
            article.pk,
            text="Russia said nothing.",
            start="3",
            actor=actor.slug,
            claim=claim.slug,
        )
    )
    assert statement.quotes.get().start == TWICE_BODY.index("Russia said nothing.")


def test_words_not_in_the_article_are_an_error_on_the_quote_that_keeps_them(editor_client):
    before = written()
    response = record(editor_client, text="Iran sent ten thousand drones.", note="my note")
    assert response.status_code == 400
    assert "do not occur in the article" in field_errors(response, "text")[0]
    page = shown(response)
    assert "<strong>Quote:</strong> These words do not occur" in page
    assert "Iran sent ten thousand drones.</textarea>" in page
    assert 'value="Kremlin"' in page and "my note</textarea>" in page
    assert written() == before
