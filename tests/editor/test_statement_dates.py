"""Recording a statement: its date, resolved from the article's wording for the editor
to check, at the precision the wording gives."""

from __future__ import annotations

import datetime

import pytest
from pytest_django.asserts import assertContains

from tests.editor.recording import (
    UNQUOTED,
    field_errors,
    record,
    recorded,
    shown,
    written,
)

pytestmark = pytest.mark.usefixtures("seed")  # every test here reads the seed


def test_date_wording_without_a_date_comes_back_resolved_for_the_editor_to_check(editor_client):
    typed = {"date_wording": "on Monday", "made_on": "", "made_on_precision": ""}
    before = written()

    checked = record(editor_client, **typed)

    assert checked.status_code == 400
    assert written() == before
    [message] = field_errors(checked, "made_on")
    assert "“on Monday” resolves to 17 October 2022 (day precision)" in message
    page = shown(checked)
    assert 'name="made_on" value="2022-10-17"' in page
    assert '<option value="day" selected>' in page
    assert 'value="on Monday"' in page and f"{UNQUOTED}</textarea>" in page

    form = checked.context["form"]
    statement = recorded(
        record(
            editor_client,
            date_wording="on Monday",
            made_on=form.data["made_on"],
            made_on_precision=form.data["made_on_precision"],
        )
    )
    assert (statement.made_on, statement.made_on_precision, statement.date_wording) == (
        datetime.date(2022, 10, 17),
        "day",
        "on Monday",
    )


def test_a_date_given_without_precision_takes_it_from_the_wording(editor_client):
    statement = recorded(
        record(editor_client, date_wording="Last month", made_on="2022-09-01", made_on_precision="")
    )
    assert statement.made_on_precision == "month"


def test_wording_that_counts_from_another_event_asks_for_the_date(editor_client):
    before = written()
    response = record(editor_client, date_wording="The next day", made_on="", made_on_precision="")
    assert response.status_code == 400
    [error] = field_errors(response, "made_on")
    assert "earlier event" in error and "Give the date yourself" in error
    assert "<strong>Date made:</strong>" in shown(response)
    assert f"{UNQUOTED}</textarea>" in shown(response)
    assert written() == before


def test_no_date_and_no_wording_asks_for_one(editor_client):
    response = record(editor_client, made_on="", made_on_precision="")
    assert "Give the date, or the article's words for it." in field_errors(response, "made_on")


def test_wording_that_contradicts_the_precision_is_an_error(editor_client):
    before = written()
    response = record(
        editor_client, date_wording="in September", made_on="2022-09-01", made_on_precision="day"
    )
    assert response.status_code == 400
    [error] = field_errors(response, "made_on_precision")
    assert "“in September” gives month precision, not day" in error
    assert "<strong>Precision:</strong>" in shown(response)
    assertContains(response, 'value="in September"', status_code=400)
    assert f"{UNQUOTED}</textarea>" in shown(response)
    assert written() == before


def test_a_month_precision_date_must_be_the_first_of_the_month(editor_client):
    response = record(editor_client, made_on="2022-09-15", made_on_precision="month")
    assert response.status_code == 400
    assert "first day of its month: 2022-09-01" in field_errors(response, "made_on")[0]
