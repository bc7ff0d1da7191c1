"""Dates as written: a year, a month, a day and month, ranges, and numeric dates.

A date without a year is the most recent such day or month on or before the reference;
a range shares a year given at one end with the other, moving across New Year when the
months say so. Numeric dates are read only in the order the caller names, since
05/04/2026 means two dates.
"""

from __future__ import annotations

import calendar
import datetime

from diplomev.dates import EventDate, PartialDate
from diplomev.reading.dates._nodes import (
    Resolved,
    _check_day,
    _check_year,
    _Context,
    _day_name,
    _Node,
    _Unreadable,
)
from diplomev.reading.dates._tokens import _MONTH_NAMES


class _Point(_Node):
    """A date as written: any of year, month and day (a range end may lack some)."""

    __slots__ = ("day", "month", "year")

    def __init__(self, year: int | None, month: int | None, day: int | None) -> None:
        self.year = year
        self.month = month
        self.day = day

    def partial(self, year: int | None = None) -> PartialDate:
        """Check and build, with ``year`` filling in a missing year."""
        year = self.year if self.year is not None else year
        if year is None:
            raise _Unreadable("a date without a year needs a reference")  # pragma: no cover
        _check_year(year)
        if self.month is None:
            if self.day is not None:
                raise _Unreadable(f"the day {self.day} has no month")
            return PartialDate(year)
        if self.day is not None:
            _check_day(year, self.month, self.day)
        return PartialDate(year, self.month, self.day)

    def describe(self) -> str:
        if self.month is None:
            return str(self.day)
        if self.day is None:
            return _MONTH_NAMES[self.month]
        return _day_name(self.month, self.day)

    def recent_year(self, ref: datetime.date) -> int:
        """Return the year of the most recent such day or month on or before ``ref``."""
        assert self.month is not None
        if self.day is None:
            return ref.year if self.month <= ref.month else ref.year - 1
        _check_day(None, self.month, self.day)
        year = ref.year
        # 29 February may be up to eight years back (2096 -> 2104 skips 2100).
        while (
            self.day > calendar.monthrange(year, self.month)[1]
            or datetime.date(year, self.month, self.day) > ref
        ):
            year -= 1
            if year < 1:
                raise _Unreadable(f"no {self.describe()} on or before {ref}")
        return year

    def resolve(self, ctx: _Context) -> Resolved:
        if self.month is None and self.day is not None:
            raise _Unreadable(f"the day {self.day} has no month")
        if self.year is not None or self.month is None:
            return EventDate(self.partial()), "explicit: the date as written"
        if self.day is None:
            ref = ctx.need(f"{_MONTH_NAMES[self.month]} without a year")
            rule = (
                f"month: the most recent {_MONTH_NAMES[self.month]} on or before "
                "the reference's month"
            )
        else:
            _check_day(None, self.month, self.day)  # no year has it: say so, reference or not
            ref = ctx.need("a day and month without a year")
            rule = f"day-month: the most recent {self.describe()} on or before the reference"
        return EventDate(self.partial(self.recent_year(ref))), rule


class _Range(_Node):
    __slots__ = ("first", "last")

    def __init__(self, first: _Point, last: _Point) -> None:
        self.first = first
        self.last = last

    def resolve(self, ctx: _Context) -> Resolved:
        first, last = self.first, self.last
        # An end with a day but no month takes the other end's month ("4-7 January").
        if first.month is None and first.day is not None:
            first = _Point(first.year, last.month, first.day)
        if last.month is None and last.day is not None:
            last = _Point(last.year, first.month, last.day)
        for point in (first, last):
            if point.month is None and point.day is not None:
                raise _Unreadable(f"the day {point.day} has no month")
        if first.year is None and last.year is None:
            if first.month is None or last.month is None:  # pragma: no cover - no year
                raise _Unreadable("a range needs a year or a month at each end")
            ref = ctx.need("a range without a year")
            start = first.partial(first.recent_year(ref))
            end = _roll_forward(last, start)
            rule = (
                f"range: starts on the most recent {first.describe()} on or before the "
                "reference; the end is the first such date not before the start"
            )
        elif first.year is None:
            end = last.partial()
            start = _roll_back(first, end)
            rule = "range: the year given at the end is shared"
        elif last.year is None:
            start = first.partial()
            end = _roll_forward(last, start)
            rule = "range: the year given at the start is shared"
        else:
            start, end = first.partial(), last.partial()
            rule = "range: both ends as written"
        if end.upper() < start.lower():
            raise _Unreadable(f"the range ends ({end}) before it starts ({start})")
        return EventDate.interval(start, end), rule


def _roll_forward(point: _Point, start: PartialDate) -> PartialDate:
    """``point`` in the start's year, or the next one when its month comes earlier (New Year)."""
    assert point.month is not None  # a bare year has a year; a day has its month by now
    crosses = start.month is not None and point.month < start.month
    return point.partial(start.year + 1 if crosses else start.year)


def _roll_back(point: _Point, end: PartialDate) -> PartialDate:
    """``point`` in the end's year, or the year before when its month comes later."""
    assert point.month is not None
    crosses = end.month is not None and point.month > end.month
    return point.partial(end.year - 1 if crosses else end.year)


class _Numeric(_Node):
    __slots__ = ("parts", "year_first")

    def __init__(self, parts: tuple[str, str, str], year_first: bool) -> None:
        self.parts = parts
        self.year_first = year_first

    def resolve(self, ctx: _Context) -> Resolved:
        a, b, c = self.parts
        if self.year_first:
            year, month, day = int(a), int(b), int(c)
            rule = "numeric: year, month, day"
        elif ctx.order is None:
            raise _Unreadable(
                "numeric dates are ambiguous (day/month or month/day); "
                "pass order='dmy' or order='mdy'"
            )
        elif len(c) != 4:
            raise _Unreadable("numeric dates need a four-digit year")
        else:
            year = int(c)
            day, month = (int(a), int(b)) if ctx.order == "dmy" else (int(b), int(a))
            rule = f"numeric: {'day, month' if ctx.order == 'dmy' else 'month, day'}, year (order={ctx.order!r})"
        if not 1 <= month <= 12:
            raise _Unreadable(f"month {month} is out of range 1-12")
        _check_year(year)
        _check_day(year, month, day)
        return EventDate.day(year, month, day), rule
