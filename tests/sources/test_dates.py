from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.dates import (
    Precision,
    ResolvedDate,
    UnresolvableDate,
    describe,
    normalise,
    resolve,
    wording_precision,
)

# A Tuesday.
PUBLISHED = datetime.date(2023, 10, 17)

DAY, MONTH, YEAR = Precision.DAY, Precision.MONTH, Precision.YEAR
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def resolved(year: int, month: int, day: int, precision: Precision) -> ResolvedDate:
    return ResolvedDate(datetime.date(year, month, day), precision)


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("today", resolved(2023, 10, 17, DAY)),
        ("this morning", resolved(2023, 10, 17, DAY)),
        ("tonight", resolved(2023, 10, 17, DAY)),
        ("yesterday", resolved(2023, 10, 16, DAY)),
        ("yesterday evening", resolved(2023, 10, 16, DAY)),
        ("the day before", resolved(2023, 10, 16, DAY)),
        ("the previous day", resolved(2023, 10, 16, DAY)),
        ("a day earlier", resolved(2023, 10, 16, DAY)),
    ],
)
def test_same_day_and_day_before_count_from_publication(wording, expected):
    assert resolve(wording, PUBLISHED) == expected


@pytest.mark.parametrize("wording", ["the next day", "the following day", "a day later"])
def test_day_after_an_event_is_refused_as_relative_to_that_event(wording):
    with pytest.raises(UnresolvableDate, match="earlier event"):
        resolve(wording, PUBLISHED)


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("on Monday", resolved(2023, 10, 16, DAY)),
        ("Monday", resolved(2023, 10, 16, DAY)),
        ("This Monday", resolved(2023, 10, 16, DAY)),
        ("Also on Tuesday", resolved(2023, 10, 17, DAY)),
        ("on Tuesday evening", resolved(2023, 10, 17, DAY)),
        ("on Wednesday morning", resolved(2023, 10, 11, DAY)),
        ("on Sunday", resolved(2023, 10, 15, DAY)),
        ("last Sunday", resolved(2023, 10, 15, DAY)),
        ("last Tuesday", resolved(2023, 10, 10, DAY)),
    ],
)
def test_weekday_is_the_most_recent_one_and_last_excludes_publication_day(wording, expected):
    assert resolve(wording, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("wording", "published_on", "expected"),
    [
        ("last week", PUBLISHED, resolved(2023, 10, 1, MONTH)),
        ("this week", PUBLISHED, resolved(2023, 10, 1, MONTH)),
        ("earlier this week", PUBLISHED, resolved(2023, 10, 1, MONTH)),
        # The previous week started on Monday 25 September.
        ("last week", datetime.date(2023, 10, 3), resolved(2023, 9, 1, MONTH)),
        # This week started on Monday 30 October.
        ("earlier this week", datetime.date(2023, 11, 2), resolved(2023, 10, 1, MONTH)),
    ],
)
def test_weeks_resolve_to_the_month_of_their_monday(wording, published_on, expected):
    assert resolve(wording, published_on) == expected


@pytest.mark.parametrize(
    ("wording", "published_on", "expected"),
    [
        ("last month", PUBLISHED, resolved(2023, 9, 1, MONTH)),
        ("last month", datetime.date(2023, 1, 5), resolved(2022, 12, 1, MONTH)),
        ("this month", PUBLISHED, resolved(2023, 10, 1, MONTH)),
        ("earlier this month", PUBLISHED, resolved(2023, 10, 1, MONTH)),
        ("last year", PUBLISHED, resolved(2022, 1, 1, YEAR)),
        ("this year", PUBLISHED, resolved(2023, 1, 1, YEAR)),
    ],
)
def test_calendar_months_and_years_relative_to_publication(wording, published_on, expected):
    assert resolve(wording, published_on) == expected


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("in September", resolved(2023, 9, 1, MONTH)),
        ("September", resolved(2023, 9, 1, MONTH)),
        ("at the end of September", resolved(2023, 9, 1, MONTH)),
        ("in early September", resolved(2023, 9, 1, MONTH)),
        ("in mid-September", resolved(2023, 9, 1, MONTH)),
        ("in late September", resolved(2023, 9, 1, MONTH)),
        ("since September", resolved(2023, 9, 1, MONTH)),
        ("in October", resolved(2023, 10, 1, MONTH)),
        ("in November", resolved(2022, 11, 1, MONTH)),
        ("in September 2022", resolved(2022, 9, 1, MONTH)),
        ("in Sept. 2021", resolved(2021, 9, 1, MONTH)),
    ],
)
def test_month_name_is_the_most_recent_such_month(wording, expected):
    assert resolve(wording, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("on July 12", resolved(2023, 7, 12, DAY)),
        ("July 12", resolved(2023, 7, 12, DAY)),
        ("12 July", resolved(2023, 7, 12, DAY)),
        ("on 12 July", resolved(2023, 7, 12, DAY)),
        ("Back on August 30", resolved(2023, 8, 30, DAY)),
        ("since July 11", resolved(2023, 7, 11, DAY)),
        ("on July 12th", resolved(2023, 7, 12, DAY)),
        ("On 4 February", resolved(2023, 2, 4, DAY)),
        ("on Oct. 17", resolved(2023, 10, 17, DAY)),
        ("on October 18", resolved(2022, 10, 18, DAY)),
        ("on the 3rd of December", resolved(2022, 12, 3, DAY)),
        ("on Tuesday, October 10", resolved(2023, 10, 10, DAY)),
        ("on July 12, 2022", resolved(2022, 7, 12, DAY)),
        ("12 July 2022", resolved(2022, 7, 12, DAY)),
        ("February 29", resolved(2020, 2, 29, DAY)),
    ],
)
def test_month_and_day_is_the_most_recent_such_date_unless_the_year_is_given(wording, expected):
    assert resolve(wording, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("in 2022", resolved(2022, 1, 1, YEAR)),
        ("in early 2021", resolved(2021, 1, 1, YEAR)),
        ("2022-10-17", resolved(2022, 10, 17, DAY)),
        ("2023-10-17", resolved(2023, 10, 17, DAY)),
    ],
)
def test_explicit_years_and_iso_dates(wording, expected):
    assert resolve(wording, PUBLISHED) == expected


@pytest.mark.parametrize(
    "wording",
    ["  ON MONDAY  ", "However, on Monday.", "And on Monday,", "also   on\tmonday!", "“On Monday”"],
)
def test_case_filler_whitespace_and_punctuation_are_ignored(wording):
    assert resolve(wording, PUBLISHED) == resolved(2023, 10, 16, DAY)


@pytest.mark.parametrize(
    ("wording", "reason"),
    [
        ("", "no date"),
        ("   ", "no date"),
        ("soon", "not a date wording"),
        ("tomorrow", "not a date wording"),
        ("on February 30", "does not exist"),
        ("31 April 2022", "does not exist"),
        ("2022-02-30", "does not exist"),
        ("2022-13-01", "does not exist"),
        ("on Monday, October 17", "was a Tuesday, not a Monday"),
        ("on October 18, 2023", "after the publication date"),
        ("in November 2023", "after the publication date"),
        ("in 2024", "after the publication date"),
    ],
)
def test_unresolvable_wording_is_refused_with_a_reason_naming_it(wording, reason):
    with pytest.raises(UnresolvableDate, match=reason) as raised:
        resolve(wording, PUBLISHED)
    assert repr(wording) in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_a_datetime_publication_counts_as_its_date():
    published_at = datetime.datetime(2023, 10, 17, 23, 30)
    assert resolve("yesterday", published_at) == resolved(2023, 10, 16, DAY)


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("on Monday", DAY),
        ("July 12, 2030", DAY),
        ("last week", MONTH),
        ("in early September", MONTH),
        ("last year", YEAR),
        ("in 2022", YEAR),
        ("the next day", None),
        ("February 30", None),
        ("whenever", None),
    ],
)
def test_wording_precision_is_what_the_wording_supports(wording, expected):
    assert wording_precision(wording) == expected


def test_normalise_keeps_only_what_the_precision_says():
    date = datetime.date(2022, 10, 17)
    assert normalise(date, Precision.DAY) == date
    assert normalise(date, Precision.MONTH) == datetime.date(2022, 10, 1)
    assert normalise(date, "year") == datetime.date(2022, 1, 1)


def test_describe_spells_out_the_date_at_its_precision():
    date = datetime.date(2022, 10, 17)
    assert describe(date, Precision.DAY) == "17 October 2022"
    assert describe(date, Precision.MONTH) == "October 2022"
    assert describe(date, "year") == "2022"


def test_precision_values_are_plain_strings():
    assert [p.value for p in Precision] == ["day", "month", "year"]
    assert Precision.DAY == "day"


publication_dates = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))


@settings(max_examples=200, deadline=None)
@given(publication_dates, st.sampled_from(WEEKDAYS), st.sampled_from(["on ", "", "This "]))
def test_weekday_lands_within_the_week_up_to_publication(published_on, weekday, lead):
    result = resolve(f"{lead}{weekday}", published_on)
    assert result.precision is Precision.DAY
    assert 0 <= (published_on - result.date).days < 7
    assert result.date.weekday() == WEEKDAYS.index(weekday)


@settings(max_examples=200, deadline=None)
@given(publication_dates, st.sampled_from(WEEKDAYS))
def test_last_weekday_lands_strictly_before_publication(published_on, weekday):
    result = resolve(f"last {weekday}", published_on)
    assert 1 <= (published_on - result.date).days <= 7
    assert result.date.weekday() == WEEKDAYS.index(weekday)


@settings(max_examples=200, deadline=None)
@given(publication_dates, st.sampled_from(MONTHS), st.sampled_from(["in ", "", "in early "]))
def test_month_name_lands_on_a_month_start_within_the_past_year(published_on, month, lead):
    result = resolve(f"{lead}{month}", published_on)
    assert result.precision is Precision.MONTH
    assert result.date.day == 1
    assert result.date.month == MONTHS.index(month) + 1
    assert result.date <= published_on
    months_back = (
        (published_on.year - result.date.year) * 12 + published_on.month - result.date.month
    )
    assert 0 <= months_back < 12


@settings(max_examples=200, deadline=None)
@given(publication_dates, st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))
def test_day_and_month_land_on_the_latest_such_date_not_after_publication(published_on, day):
    wording = f"on {MONTHS[day.month - 1]} {day.day}"
    result = resolve(wording, published_on)
    assert (result.date.month, result.date.day) == (day.month, day.day)
    assert result.date <= published_on
    # Only February 29 may need to go back more than a year.
    assert (published_on - result.date).days < (366 if (day.month, day.day) != (2, 29) else 2923)


@settings(max_examples=200, deadline=None)
@given(publication_dates, st.sampled_from([DAY, MONTH, YEAR]))
def test_resolved_dates_describe_round_trip_through_resolve(published_on, precision):
    date = normalise(published_on, precision)
    wording = describe(date, precision)
    if precision is Precision.YEAR:
        wording = f"in {wording}"
    assert resolve(wording, published_on) == ResolvedDate(date, precision)
