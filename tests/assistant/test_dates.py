"""When a proposed statement was made: the wording near its cue, resolved by
sources/dates.py against the publication date (20 October 2022, a Thursday)."""

from __future__ import annotations

import datetime

import pytest


@pytest.mark.parametrize(
    ("body", "made_on", "precision", "wording"),
    [
        ("Tehran denied on Tuesday that it sent drones.", "2022-10-18", "day", "on Tuesday"),
        ("In September, the Kremlin denied buying drones.", "2022-09-01", "month", "In September"),
        (
            "Peskov said last week that Russia had its own drones.",
            "2022-10-01",
            "month",
            "last week",
        ),
        ("Back on August 30, Peskov denied it.", "2022-08-30", "day", "Back on August 30"),
        ("Yesterday the EU said there was no evidence.", "2022-10-19", "day", "Yesterday"),
    ],
)
def test_the_wording_near_the_cue_gives_the_date_and_its_precision(
    only, body, made_on, precision, wording
):
    proposal = only(body)
    assert (proposal.made_on.isoformat(), proposal.made_on_precision, proposal.date_wording) == (
        made_on,
        precision,
        wording,
    )


def test_without_a_wording_the_date_is_the_publication_month_marked_as_such(only):
    proposal = only("Tehran denied that it sent drones.")
    assert (proposal.made_on, proposal.made_on_precision, proposal.date_wording) == (
        datetime.date(2022, 10, 1),
        "month",
        "",
    )


def test_the_next_day_counts_from_the_date_just_reported(proposals_for):
    first, second = proposals_for(
        "On Monday Tehran denied sending drones. The next day, Kanaani denied it again."
    )
    assert first.made_on == datetime.date(2022, 10, 17)
    assert (second.made_on, second.date_wording) == (datetime.date(2022, 10, 18), "The next day")


def test_the_same_speaker_going_on_keeps_the_date(proposals_for):
    first, second = proposals_for(
        "Blinken said on Tuesday that Russia sought drones. "
        "“They are buying hundreds of them from Iran,” Blinken said."
    )
    assert first.made_on == second.made_on == datetime.date(2022, 10, 18)


def test_a_speaker_dated_earlier_in_the_article_keeps_that_date_later(proposals_for):
    first, other, again = proposals_for(
        "Tehran denied on Tuesday that it sent drones to Russia. "
        "The European Union said last week that it would look for evidence. "
        "Tehran also denied that it had trained Russian soldiers."
    )
    assert first.made_on == again.made_on == datetime.date(2022, 10, 18)
    assert again.date_wording == "on Tuesday"
    assert other.made_on_precision == "month"


def test_a_date_deep_in_what_was_said_dates_the_things_said_not_the_saying(proposals_for):
    first, second = proposals_for(
        "Blinken on Tuesday denied that Iran supplied drones. "
        "Blinken told reporters the reports that the Kremlin published in a series of "
        "posts on Sunday were not true."
    )
    assert first.made_on == datetime.date(2022, 10, 18)
    assert (second.made_on, second.date_wording) == (datetime.date(2022, 10, 18), "on Tuesday")


def test_a_pluperfect_statement_is_not_dated_by_the_speaker_going_on(proposals_for):
    first, second = proposals_for(
        "Blinken said on Tuesday that Russia sought drones. "
        "Blinken had admitted that Iran supplied drones to Russia."
    )
    assert first.made_on == datetime.date(2022, 10, 18)
    assert (second.made_on, second.made_on_precision, second.date_wording) == (
        datetime.date(2022, 10, 1),
        "month",
        "",
    )
