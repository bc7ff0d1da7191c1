"""Phrases relative to the reference: weekdays, today, this or last period, months, "ago".

Without a word that says which, they lean to the past, because news reports what happened:
"Monday" is the most recent Monday on or before the reference.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from diplomev.dates import EventDate, PartialDate, Precision
from diplomev.reading.dates._explicit import _Point
from diplomev.reading.dates._nodes import (
    Resolved,
    _check_year,
    _Context,
    _day,
    _days,
    _Node,
    _Unreadable,
)
from diplomev.reading.dates._tokens import _MONTH_NAMES, _WEEKDAY_NAMES

_RELATIVE_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)


class _Weekday(_Node):
    __slots__ = ("mode", "weekday")

    def __init__(self, weekday: int, mode: str) -> None:
        self.weekday = weekday
        self.mode = mode

    def resolve(self, ctx: _Context) -> Resolved:
        name = _WEEKDAY_NAMES[self.weekday]
        phrase = f"{self.mode} {name}".strip()
        ref = ctx.need(f"{phrase!r}")
        wd = _RELATIVE_WEEKDAYS[self.weekday]
        if self.mode == "last":
            delta = relativedelta(days=-1, weekday=wd(-1))
            rule = f"weekday-last: the most recent {name} before the reference"
        elif self.mode == "next":
            delta = relativedelta(days=+1, weekday=wd(+1))
            rule = f"weekday-next: the first {name} after the reference"
        elif self.mode == "this":
            # Two steps: relativedelta applies the weekday after the days.
            ref = ref + relativedelta(weekday=MO(-1))
            delta = relativedelta(days=self.weekday)
            rule = f"weekday-this: the {name} of the reference's week (Monday to Sunday)"
        else:
            delta = relativedelta(weekday=wd(-1))
            rule = f"weekday: the most recent {name} on or before the reference"
        return _day(ref + delta), rule


class _WeekdayDate(_Node):
    __slots__ = ("point", "weekday")

    def __init__(self, weekday: int, point: _Point) -> None:
        self.weekday = weekday
        self.point = point

    def resolve(self, ctx: _Context) -> Resolved:
        value, rule = self.point.resolve(ctx)
        start = value.start
        assert isinstance(start, PartialDate)
        name = _WEEKDAY_NAMES[self.weekday]
        if start.precision is not Precision.DAY:
            raise _Unreadable(f"a weekday ({name}) needs a date with a day")
        actual = start.lower().weekday()
        if actual != self.weekday:
            raise _Unreadable(f"{start} is a {_WEEKDAY_NAMES[actual]}, not a {name}")
        return value, f"{rule}; checked to be a {name}"


class _RelativeDay(_Node):
    __slots__ = ("word",)
    _OFFSETS: ClassVar[dict[str, int]] = {"yesterday": -1, "today": 0, "tomorrow": 1}
    _RULES: ClassVar[dict[str, str]] = {
        "yesterday": "the day before the reference",
        "today": "the reference",
        "tomorrow": "the day after the reference",
    }

    def __init__(self, word: str) -> None:
        self.word = word

    def resolve(self, ctx: _Context) -> Resolved:
        ref = ctx.need(f"{self.word!r}")
        return (
            _day(ref + relativedelta(days=self._OFFSETS[self.word])),
            f"{self.word}: {self._RULES[self.word]}",
        )


def _period_bounds(unit: str, ref: datetime.date) -> tuple[datetime.date, datetime.date]:
    if unit == "week":
        first = ref + relativedelta(weekday=MO(-1))
        return first, first + relativedelta(days=6)
    if unit == "month":
        return ref + relativedelta(day=1), ref + relativedelta(day=31)
    return ref + relativedelta(month=1, day=1), ref + relativedelta(month=12, day=31)


class _Period(_Node):
    __slots__ = ("shift", "unit")
    _WORDS: ClassVar[dict[int, str]] = {-1: "last", 0: "this", 1: "next"}
    _WHICH: ClassVar[dict[int, str]] = {
        -1: "before the reference's",
        0: "containing the reference",
        1: "after the reference's",
    }

    def __init__(self, shift: int, unit: str) -> None:
        self.shift = shift
        self.unit = unit

    def resolve(self, ctx: _Context) -> Resolved:
        word = self._WORDS[self.shift]
        ref = ctx.need(f"'{word} {self.unit}'")
        rule = f"period: {word} {self.unit}, the "
        if self.unit == "week":
            first, last = _period_bounds("week", ref + relativedelta(weeks=self.shift))
            rule += f"Monday-to-Sunday week {self._WHICH[self.shift]}"
            return EventDate.interval(_day(first), _day(last)), rule
        if self.unit == "month":
            d = ref + relativedelta(months=self.shift)
            rule += f"month {self._WHICH[self.shift]}"
            return EventDate.month(d.year, d.month), rule
        rule += f"year {self._WHICH[self.shift]}"
        return EventDate.year(ref.year + self.shift), rule


class _PartOfPeriod(_Node):
    __slots__ = ("side", "unit")

    def __init__(self, side: str, unit: str) -> None:
        self.side = side
        self.unit = unit

    def resolve(self, ctx: _Context) -> Resolved:
        phrase = f"{self.side} this {self.unit}"
        ref = ctx.need(f"{phrase!r}")
        first, last = _period_bounds(self.unit, ref)
        if self.side == "earlier":
            last = ref - relativedelta(days=1)
            rule = f"earlier-this: {phrase}, from the start of the reference's {self.unit} to the day before the reference"
        else:
            first = ref + relativedelta(days=1)
            rule = f"later-this: {phrase}, from the day after the reference to the end of its {self.unit}"
        if last < first:
            raise _Unreadable(f"no days are {phrase} when the reference is {ref}")
        return _days(first, last), rule


class _MonthRelative(_Node):
    __slots__ = ("mode", "month")

    def __init__(self, mode: str, month: int) -> None:
        self.mode = mode
        self.month = month

    def resolve(self, ctx: _Context) -> Resolved:
        name = _MONTH_NAMES[self.month]
        ref = ctx.need(f"'{self.mode} {name}'")
        if self.mode == "last":
            year = ref.year if self.month < ref.month else ref.year - 1
            rule = f"month-last: the most recent {name} before the reference's month"
        elif self.mode == "next":
            year = ref.year if self.month > ref.month else ref.year + 1
            rule = f"month-next: the first {name} after the reference's month"
        else:
            year = ref.year
            rule = f"month-this: {name} of the reference's year"
        _check_year(year)
        return EventDate.month(year, self.month), rule


_YEARS_PER_UNIT = {"year": 1, "decade": 10}
_COUNTED_FROM = (
    "; 'earlier' and 'later' count from the reference, which must be the day the text counts from"
)


def _counted(count: int, unit: str, hedge: str | None) -> str:
    what = f"a {unit}" if count == 1 else f"{count} {unit}s"
    return f"{hedge} {what}" if hedge else what


class _Offset(_Node):
    """A counted offset from the reference: "3 days ago", "a year earlier", "in a month".

    Days and weeks give a day, months a month, years and decades a year, marked
    approximate: "30 years ago" is a round number, not an exact year. A hedge ("nearly",
    "more than") marks any of them approximate.
    """

    __slots__ = ("count", "direction", "hedge", "unit")

    def __init__(self, count: int, unit: str, direction: str, hedge: str | None) -> None:
        self.count = count
        self.unit = unit
        self.direction = direction
        self.hedge = hedge

    def resolve(self, ctx: _Context) -> Resolved:
        what = _counted(self.count, self.unit, self.hedge)
        phrase = f"in {what}" if self.direction == "in" else f"{what} {self.direction}"
        ref = ctx.need(f"{phrase!r}")
        past = self.direction in ("ago", "earlier")
        sign = -1 if past else 1
        approximate = self.hedge is not None
        if self.unit in ("day", "week"):
            days = self.count * (7 if self.unit == "week" else 1)
            d = ref + relativedelta(days=sign * days)
            value = PartialDate(d.year, d.month, d.day, approximate=approximate)
            whose = ""
        elif self.unit == "month":
            d = ref + relativedelta(months=sign * self.count)
            value = PartialDate(d.year, d.month, approximate=approximate)
            whose = "'s month"
        else:
            year = ref.year + sign * self.count * _YEARS_PER_UNIT[self.unit]
            _check_year(year)
            value = PartialDate(year, approximate=True)
            approximate = True
            whose = "'s year"
        rule_id = "in" if self.direction == "from now" else self.direction
        side = "before" if past else "after"
        rule = f"{rule_id}: {what} {side} the reference{whose}"
        if approximate:
            rule += ", approximate"
        if self.direction in ("earlier", "later"):
            rule += _COUNTED_FROM
        return EventDate(value), rule


class _PastSpan(_Node):
    """The past N units ("over the past year"): from about N units before to the reference."""

    __slots__ = ("count", "unit")

    def __init__(self, count: int, unit: str) -> None:
        self.count = count
        self.unit = unit

    def resolve(self, ctx: _Context) -> Resolved:
        what = _counted(self.count, self.unit, None)
        period = self.unit if self.count == 1 else what
        ref = ctx.need(f"'the past {period}'")
        if self.unit in ("day", "week"):
            delta = relativedelta(days=self.count * (7 if self.unit == "week" else 1))
        elif self.unit == "month":
            delta = relativedelta(months=self.count)
        else:
            delta = relativedelta(years=self.count * _YEARS_PER_UNIT[self.unit])
        first = ref - delta
        start = PartialDate(first.year, first.month, first.day, approximate=True)
        rule = f"past: the past {period}, from about {what} before the reference to the reference"
        return EventDate.interval(start, PartialDate(ref.year, ref.month, ref.day)), rule
