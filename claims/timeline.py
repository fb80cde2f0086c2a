"""The claim timeline picture: who asserted, denied and confirmed a claim when.

Laid out here as plain numbers and drawn as SVG by templates/claims/_timeline.svg, so
it reads without JavaScript. Stance is shown by shape and colour (never colour alone);
month and year precision are drawn as spans over the whole period.
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


@dataclass(frozen=True)
class TimelinePoint:
    party: str
    party_href: str
    stance: str
    made_on: datetime.date
    precision: str
    count: int
    href: str


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    span_x: float
    span_width: float
    stance: str
    href: str
    title: str

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


def build_timeline(points: Sequence[TimelinePoint]) -> Timeline | None:
    if not points:
        return None
    parties: list[str] = []
    hrefs: dict[str, str] = {}
    for point in sorted(points, key=lambda p: p.made_on):
        if point.party not in hrefs:
            parties.append(point.party)
            hrefs[point.party] = point.party_href
    omitted = max(0, len(parties) - MAX_ROWS)
    parties = parties[:MAX_ROWS]
    row_y = {party: TOP + ROW_HEIGHT * (i + 0.5) for i, party in enumerate(parties)}

    first = min(p.made_on for p in points)
    last = max(period_end(p.made_on, p.precision) for p in points)
    start = datetime.date(first.year, first.month, 1) - datetime.timedelta(days=15)
    end = period_end(datetime.date(last.year, last.month, 1), "month") + datetime.timedelta(days=15)
    span_days = max((end - start).days, 1)
    plot_width = WIDTH - LABEL_WIDTH - 20

    def x_of(day: datetime.date) -> float:
        return round(LABEL_WIDTH + plot_width * (day - start).days / span_days, 1)

    marks = []
    last_x: dict[str, float] = {}
    nudges: dict[str, int] = {}
    for point in sorted(points, key=lambda p: (p.made_on, p.party)):
        if point.party not in row_y:
            continue
        left, right = x_of(point.made_on), x_of(period_end(point.made_on, point.precision))
        # Marks a few pixels apart on one row would hide each other: stagger them.
        centre = (left + right) / 2 if point.precision != "day" else left
        close = point.party in last_x and centre - last_x[point.party] < MIN_GAP
        nudges[point.party] = (nudges.get(point.party, 0) + 1) if close else 0
        last_x[point.party] = centre
        offset = (-7, 7)[nudges[point.party] % 2] if nudges[point.party] else 0
        when = dates.describe(point.made_on, dates.Precision(point.precision))
        times = f" ({point.count} statements)" if point.count > 1 else ""
        marks.append(
            Mark(
                x=round((left + right) / 2, 1) if point.precision != "day" else left,
                y=row_y[point.party] + offset,
                span_x=left,
                span_width=round(right - left, 1) if point.precision != "day" else 0,
                stance=point.stance,
                href=point.href,
                title=f"{point.party} {point.stance}, {when}{times}",
            )
        )
    axis_y = TOP + ROW_HEIGHT * len(parties) + 6
    return Timeline(
        width=WIDTH,
        height=int(axis_y + AXIS_HEIGHT),
        label_width=LABEL_WIDTH,
        rows=[Row(party, hrefs[party], row_y[party]) for party in parties],
        marks=marks,
        ticks=_ticks(start, end, x_of),
        axis_y=axis_y,
        omitted_rows=omitted,
    )


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
