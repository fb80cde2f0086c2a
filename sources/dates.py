# Turning the wording an article uses for when something was said ("on Monday", "last month",
# "in early September") into a date, resolved against the article's publication date, with the
# precision the wording actually supports.

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class ResolvedDate:
    date: datetime.date  # for MONTH precision the 1st of the month, for YEAR precision January 1st
    precision: Precision


class UnresolvableDate(ValueError):
    def __init__(self, wording: str, reason: str) -> None:
        super().__init__(f"cannot resolve {wording!r}: {reason}")
        self.wording = wording
        self.reason = reason


_MONTH_NAMES = [
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
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def normalise(date: datetime.date, precision: Precision | str) -> datetime.date:
    precision = Precision(precision)
    if precision is Precision.MONTH:
        return date.replace(day=1)
    if precision is Precision.YEAR:
        return date.replace(month=1, day=1)
    return date


def describe(date: datetime.date, precision: Precision | str) -> str:
    # Spelled out by hand: strftime's month names follow the process locale.
    precision = Precision(precision)
    month = _MONTH_NAMES[date.month - 1]
    if precision is Precision.DAY:
        return f"{date.day} {month} {date.year}"
    if precision is Precision.MONTH:
        return f"{month} {date.year}"
    return str(date.year)


def wording_precision(wording: str) -> Precision | None:
    # The latest possible reference date, so that no explicit date is "after publication".
    try:
        return resolve(wording, datetime.date.max).precision
    except UnresolvableDate:
        return None


def resolve(wording: str, published_on: datetime.date) -> ResolvedDate:
    if isinstance(published_on, datetime.datetime):
        published_on = published_on.date()
    cleaned = _clean(wording)
    if not cleaned:
        raise UnresolvableDate(wording, "there is no date in it")
    for pattern, rule in _RULES:
        match = pattern.fullmatch(cleaned)
        if match:
            try:
                resolved = rule(match, published_on, wording)
            except UnresolvableDate:
                raise
            # February 30, month 13, or arithmetic past year 1 or 9999.
            except (ValueError, OverflowError) as error:
                raise UnresolvableDate(wording, "it names a date that does not exist") from error
            return _not_after_publication(resolved, published_on, wording)
    raise UnresolvableDate(wording, "it is not a date wording this tool understands")


def _not_after_publication(
    resolved: ResolvedDate, published_on: datetime.date, wording: str
) -> ResolvedDate:
    # A statement reported by an article cannot have been made after the article appeared.
    if resolved.date > published_on:
        raise UnresolvableDate(
            wording,
            f"it means {describe(resolved.date, resolved.precision)}, after the publication "
            f"date ({describe(published_on, Precision.DAY)})",
        )
    return resolved


# Words that open a sentence without saying anything about the date.
_FILLER = re.compile(r"(?:also|and|back|but|earlier|however|then)\b[\s,]*")
_TRAILING = ".,;:!?\"'“”‘’()"


def _clean(wording: str) -> str:
    text = " ".join(wording.lower().split()).strip(_TRAILING).strip()
    while match := _FILLER.match(text):
        text = text[match.end() :]
    return text


def _day(published_on: datetime.date, days_before: int) -> ResolvedDate:
    return ResolvedDate(published_on - datetime.timedelta(days=days_before), Precision.DAY)


def _month(year: int, month: int) -> ResolvedDate:
    return ResolvedDate(datetime.date(year, month, 1), Precision.MONTH)


def _year(year: int) -> ResolvedDate:
    return ResolvedDate(datetime.date(year, 1, 1), Precision.YEAR)


def _previous_month(date: datetime.date) -> tuple[int, int]:
    return (date.year, date.month - 1) if date.month > 1 else (date.year - 1, 12)


def _same_day(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    return _day(published_on, 0)


def _day_before(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    return _day(published_on, 1)


def _day_after(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    raise UnresolvableDate(
        wording,
        "it counts from an earlier event the article describes, not from the publication "
        "date; give that date instead",
    )


def _weekday(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    days_before = (published_on.weekday() - _WEEKDAYS.index(match["weekday"])) % 7
    # "On Monday" in a Monday article is that day; "last Monday" is the one before.
    if match["last"] and days_before == 0:
        days_before = 7
    return _day(published_on, days_before)


# A week is not a precision, and the Monday of the week would claim a day nobody stated, so
# week wordings resolve to the month containing that week's Monday: coarse, but never false.
# (A week straddling two months is still attributed to the month of its Monday.)
def _last_week(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    monday = published_on - datetime.timedelta(days=published_on.weekday() + 7)
    return _month(monday.year, monday.month)


def _this_week(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    monday = published_on - datetime.timedelta(days=published_on.weekday())
    return _month(monday.year, monday.month)


def _last_month(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    return _month(*_previous_month(published_on))


def _this_month(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    return _month(published_on.year, published_on.month)


def _last_year(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    return _year(published_on.year - 1)


def _this_year(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    return _year(published_on.year)


def _iso(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    date = datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    return ResolvedDate(date, Precision.DAY)


def _month_name(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    month = _month_number(match["month"])
    if match["year"]:
        return _month(int(match["year"]), month)
    # The most recent such month, the current one included unless the wording says "last".
    is_this_year = month < published_on.month or (month == published_on.month and not match["last"])
    return _month(published_on.year if is_this_year else published_on.year - 1, month)


def _month_day(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    month, day = _month_number(match["month"]), int(match["day"])
    if match["year"]:
        date = datetime.date(int(match["year"]), month, day)
    else:
        date = _latest_date(month, day, published_on, wording)
    if match["weekday"] and _WEEKDAYS[date.weekday()] != match["weekday"]:
        raise UnresolvableDate(
            wording,
            f"{describe(date, Precision.DAY)} was a {_WEEKDAYS[date.weekday()].title()}, "
            f"not a {match['weekday'].title()}",
        )
    return ResolvedDate(date, Precision.DAY)


def _latest_date(month: int, day: int, published_on: datetime.date, wording: str) -> datetime.date:
    # 2000 is a leap year, so this rejects only days no year has (February 30, April 31).
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise UnresolvableDate(wording, "it names a date that does not exist")
    year = published_on.year
    # February 29 can be up to eight years back (1896 to 1904: 1900 was not a leap year).
    while not _exists(year, month, day) or datetime.date(year, month, day) > published_on:
        year -= 1
    return datetime.date(year, month, day)


def _exists(year: int, month: int, day: int) -> bool:
    return day <= calendar.monthrange(year, month)[1]


def _year_only(match: re.Match[str], published_on: datetime.date, wording: str) -> ResolvedDate:
    return _year(int(match["year"]))


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".")]


_MONTHS = (
    {name.lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)}
    | {name.lower()[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)}
    | {"sept": 9}
)

_WEEKDAY = "(?P<weekday>" + "|".join(_WEEKDAYS) + ")"
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_OF_MONTH = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_PART_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"
_ON_WEEKDAY = r"(?:(?:on|since) )?(?:" + _WEEKDAY + r",? )?"  # "on Tuesday, July 12"
_YEAR = r"(?:,? (?P<year>\d{4}))?"
# "In early September", "at the end of 2022": the part of the period does not change precision.
_PART_OF_PERIOD = (
    r"(?:(?:early|mid|late)[- ]|(?:(?:at|in) )?the (?:start|beginning|middle|end) of )?"
)

_Rule = Callable[[re.Match[str], datetime.date, str], ResolvedDate]

_RULES: list[tuple[re.Pattern[str], _Rule]] = [
    (re.compile(r"today|tonight|this (?:morning|afternoon|evening)"), _same_day),
    (
        re.compile(
            r"yesterday" + _PART_OF_DAY + r"|last night|the day before|the previous day"
            r"|a day earlier"
        ),
        _day_before,
    ),
    (re.compile(r"the (?:next|following) day|the day after|a day later"), _day_after),
    (re.compile(r"(?:(?P<last>last) |this |on |since )?" + _WEEKDAY + _PART_OF_DAY), _weekday),
    (re.compile(r"last week"), _last_week),
    (re.compile(r"this week"), _this_week),
    (re.compile(r"last month"), _last_month),
    (re.compile(r"this month"), _this_month),
    (re.compile(r"last year"), _last_year),
    (re.compile(r"this year"), _this_year),
    (re.compile(r"(?:on )?(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"), _iso),
    (
        re.compile(_ON_WEEKDAY + _MONTH + r" (?:the )?" + _DAY_OF_MONTH + _YEAR),
        _month_day,
    ),
    (
        re.compile(_ON_WEEKDAY + r"(?:the )?" + _DAY_OF_MONTH + r" (?:of )?" + _MONTH + _YEAR),
        _month_day,
    ),
    (
        re.compile(
            r"(?:(?P<last>last) |(?:in|since|during) )?"
            + _PART_OF_PERIOD
            + _MONTH
            + r"(?:,? (?:of )?(?P<year>\d{4}))?"
        ),
        _month_name,
    ),
    (re.compile(r"(?:(?:in|since|during) )?" + _PART_OF_PERIOD + r"(?P<year>\d{4})"), _year_only),
]


def describe_when(day: datetime.date, precision: Precision | str) -> str:
    """ "on 17 October 2022", "in October 2022", "in 2022": for reading in a sentence."""
    preposition = "on" if Precision(precision) == Precision.DAY else "in"
    return f"{preposition} {describe(day, precision)}"
