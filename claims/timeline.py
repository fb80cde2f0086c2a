"""The timeline picture: who asserted, denied and confirmed what, and when.

One drawing for two pages: a claim's timeline has a row per party, an actor's a row per
claim it spoke on. Laid out here as plain numbers and drawn as SVG by
templates/claims/_timeline.svg, so it reads without JavaScript. Stance is shown by shape
and colour (never colour alone); month and year precision are drawn as spans over the
whole period; a mark holding a position change has a dashed ring.

A point may stand for many statements (claims.timeline_points groups them): on a busy
picture, all of a row's statements of one period, drawn in the shape of the stance most
of them took. A row then draws a bounded number of marks, never one per statement.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sources import dates

WIDTH = 880
LABEL_WIDTH = 190
ROW_HEIGHT = 30
TOP = 14
AXIS_HEIGHT = 34
MAX_ROWS = 20
MIN_GAP = 9
LABEL_CHARS = 26  # what fits LABEL_WIDTH at 12 px; the full label is the row's title


@dataclass(frozen=True)
class TimelinePoint:
    """Statements of one row, stance and precision, made from `made_on` to `last_on`."""

    row: str  # the row's label: a party on a claim's timeline, a claim on an actor's
    row_href: str
    stance: str
    made_on: datetime.date
    precision: str
    count: int
    href: str
    last_on: datetime.date | None = None  # None: every statement is of `made_on`
    changes: int = 0  # how many of them are position changes
    subject: str = ""  # who took the stance, for the mark's title; the row by default
    # For a period's statements of several stances: (stance, count), most first; the
    # mark takes the shape of the first.
    breakdown: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    span_x: float
    span_width: float
    stance: str
    href: str
    title: str
    changes: int = 0

    @property
    def shape_x(self) -> float:
        return round(self.x - 6, 1)

    @property
    def shape_y(self) -> float:
        return round(self.y - 6, 1)

    @property
    def span_y(self) -> float:
        return round(self.y - 5, 1)

    @property
    def triangle(self) -> str:
        """The points of the noncommittal mark: a triangle as wide as the other shapes."""
        corners = ((self.x, self.y - 7), (self.x + 7, self.y + 6), (self.x - 7, self.y + 6))
        return " ".join(f"{round(x, 1):g},{round(y, 1):g}" for x, y in corners)


@dataclass(frozen=True)
class Row:
    label: str
    href: str
    y: float

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else self.label[: LABEL_CHARS - 1] + "…"


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    label_width: int
    rows: list[Row]
    marks: list[Mark]
    ticks: list[Tick]
    axis_y: float
    omitted_rows: int
    rows_are: str = "actor"
    grouped: bool = False  # marks stand for periods of several stances

    @property
    def label_x(self) -> int:
        return self.label_width - 10

    @property
    def tick_end_y(self) -> float:
        return self.axis_y + 5

    @property
    def tick_label_y(self) -> float:
        return self.axis_y + 20


def period_end(day: datetime.date, precision: str) -> datetime.date:
    if precision == "year":
        return datetime.date(day.year + 1, 1, 1)
    if precision == "month":
        return datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return day + datetime.timedelta(days=1)


def build_timeline(
    points: Sequence[TimelinePoint], *, rows_are: str = "actor", not_drawn: int = 0
) -> Timeline | None:
    """The picture of `points`, one row per `rows_are` ("actor" or "claim") in the order
    of its first point, MAX_ROWS at most; `not_drawn` rows were left out before."""
    if not points:
        return None
    # Rows are told apart by their address: two claims may read alike.
    labels: dict[str, str] = {}
    for point in sorted(points, key=lambda p: p.made_on):
        labels.setdefault(point.row_href, point.row)
    omitted = max(0, len(labels) - MAX_ROWS) + not_drawn
    keys = list(labels)[:MAX_ROWS]
    row_y = {key: TOP + ROW_HEIGHT * (i + 0.5) for i, key in enumerate(keys)}

    first = min(p.made_on for p in points)
    last = max(period_end(p.last_on or p.made_on, p.precision) for p in points)
    start = datetime.date(first.year, first.month, 1) - datetime.timedelta(days=15)
    end = period_end(datetime.date(last.year, last.month, 1), "month") + datetime.timedelta(days=15)
    span_days = max((end - start).days, 1)
    plot_width = WIDTH - LABEL_WIDTH - 20

    def x_of(day: datetime.date) -> float:
        return round(LABEL_WIDTH + plot_width * (day - start).days / span_days, 1)

    marks = []
    last_x: dict[str, float] = {}
    nudges: dict[str, int] = {}
    for point in sorted(points, key=lambda p: (p.made_on, p.row)):
        if point.row_href not in row_y:
            continue
        last_on = point.last_on or point.made_on
        left, right = x_of(point.made_on), x_of(period_end(last_on, point.precision))
        # A day known exactly sits on its day; several days, midway between the first
        # and the last; a month or a year, in the middle of its span.
        centre = round((left + right) / 2, 1) if point.precision != "day" else left
        if point.precision == "day" and last_on != point.made_on:
            centre = round((left + x_of(last_on)) / 2, 1)
        # Marks a few pixels apart on one row would hide each other: stagger them.
        key = point.row_href
        close = key in last_x and centre - last_x[key] < MIN_GAP
        nudges[key] = (nudges.get(key, 0) + 1) if close else 0
        last_x[key] = centre
        offset = (-7, 7)[nudges[key] % 2] if nudges[key] else 0
        marks.append(
            Mark(
                x=centre,
                y=row_y[key] + offset,
                span_x=left,
                span_width=round(right - left, 1) if point.precision != "day" else 0,
                stance=point.stance,
                href=point.href,
                title=mark_title(point),
                changes=point.changes,
            )
        )
    axis_y = TOP + ROW_HEIGHT * len(keys) + 6
    return Timeline(
        width=WIDTH,
        height=int(axis_y + AXIS_HEIGHT),
        label_width=LABEL_WIDTH,
        rows=[Row(labels[key], key, row_y[key]) for key in keys],
        marks=marks,
        ticks=_ticks(start, end, x_of),
        axis_y=axis_y,
        omitted_rows=omitted,
        rows_are=rows_are,
        grouped=any(point.breakdown for point in points),
    )


def mark_title(point: TimelinePoint) -> str:
    """ "Iran denied, 17 October 2022"; "Iran denied, 3 March 2023 to 28 March 2023 (12
    statements, 2 position changes)"; for a period of several stances, "Iran, 3 March
    2023 to 28 May 2023: 412 statements, 200 denied, 150 asserted; 37 position changes"."""
    when = dates.describe(point.made_on, dates.Precision(point.precision))
    if point.last_on and point.last_on != point.made_on:
        when = f"{when} to {dates.describe(point.last_on, dates.Precision(point.precision))}"
    changes = ""
    if point.changes:
        changes = "a position change" if point.changes == 1 else f"{point.changes} position changes"
    who = point.subject or point.row
    if point.breakdown:
        stances = ", ".join(f"{n} {stance}" for stance, n in point.breakdown)
        return f"{who}, {when}: {point.count} statements, {stances}" + (
            f"; {changes}" if changes else ""
        )
    notes = [f"{point.count} statements"] if point.count > 1 else []
    notes += [changes] if changes else []
    noted = f" ({', '.join(notes)})" if notes else ""
    return f"{who} {point.stance}, {when}{noted}"


def _ticks(start: datetime.date, end: datetime.date, x_of) -> list[Tick]:
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if months <= 8 else 3 if months <= 30 else 12
    ticks = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        day = datetime.date(year, month, 1)
        if start <= day <= end and (step < 12 or month == 1) and (month - 1) % step == 0:
            label = str(year) if step == 12 else day.strftime("%b %Y")
            ticks.append(Tick(x_of(day), label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks
