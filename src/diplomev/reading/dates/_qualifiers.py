"""Phrases that qualify another: "early|mid|late X", "since X", "around X", "later Monday".

Each wraps the node of the phrase it qualifies and changes its value: a third of the year
or month, the open interval from its start, or its dates marked approximate. A part of a
day ("later Thursday", "early today") keeps the day's value: dates have no hours.
"""

from __future__ import annotations

import calendar

import attrs

from diplomev.dates import Bound, EventDate, PartialDate
from diplomev.reading.dates._nodes import Resolved, _Context, _Node, _Unreadable
from diplomev.reading.dates._tokens import _MONTH_NAMES

_MONTH_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_DAY_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


class _Third(_Node):
    __slots__ = ("inner", "which")

    def __init__(self, which: str, inner: _Node) -> None:
        self.which = which
        self.inner = inner

    def resolve(self, ctx: _Context) -> Resolved:
        value, inner_rule = self.inner.resolve(ctx)
        whole = value.start
        if value.end is not None or not isinstance(whole, PartialDate) or whole.day is not None:
            raise _Unreadable(f"'{self.which}' needs a year or a month, not {value}")
        if whole.month is None:
            first_month, last_month = _MONTH_THIRDS[self.which]
            start = PartialDate(whole.year, first_month, approximate=True)
            end = PartialDate(whole.year, last_month, approximate=True)
            span = f"{_MONTH_NAMES[first_month]} to {_MONTH_NAMES[last_month]}"
        else:
            first_day, last_day = _DAY_THIRDS[self.which]
            last_day = min(last_day, calendar.monthrange(whole.year, whole.month)[1])
            start = PartialDate(whole.year, whole.month, first_day, approximate=True)
            end = PartialDate(whole.year, whole.month, last_day, approximate=True)
            span = f"days {first_day} to {last_day}"
        named = (
            str(whole.year) if whole.month is None else f"{_MONTH_NAMES[whole.month]} {whole.year}"
        )
        rule = f"third: {self.which} {named} is {span}, both ends approximate"
        if not inner_rule.startswith("explicit"):
            rule += f" ({inner_rule})"
        return EventDate.interval(start, end), rule


class _Since(_Node):
    __slots__ = ("inner",)

    def __init__(self, inner: _Node) -> None:
        self.inner = inner

    def resolve(self, ctx: _Context) -> Resolved:
        value, inner_rule = self.inner.resolve(ctx)
        start = value.start
        if isinstance(start, Bound):  # pragma: no cover - phrases never start unknown
            raise _Unreadable("'since' needs a known start")
        return (
            EventDate.interval(start, Bound.OPEN),
            f"since: open interval from {start} ({inner_rule})",
        )


class _Approximate(_Node):
    __slots__ = ("inner",)

    def __init__(self, inner: _Node) -> None:
        self.inner = inner

    def resolve(self, ctx: _Context) -> Resolved:
        value, inner_rule = self.inner.resolve(ctx)

        def mark(end: PartialDate | Bound | None) -> PartialDate | Bound | None:
            return attrs.evolve(end, approximate=True) if isinstance(end, PartialDate) else end

        start = mark(value.start)
        assert start is not None
        return EventDate(start, mark(value.end)), f"approximate: dates marked ~ ({inner_rule})"


class _DayPart(_Node):
    __slots__ = ("inner", "side")

    def __init__(self, side: str, inner: _Node) -> None:
        self.side = side
        self.inner = inner

    def resolve(self, ctx: _Context) -> Resolved:
        value, inner_rule = self.inner.resolve(ctx)
        return (
            value,
            f"day-part: '{self.side}' names a part of the day, which is {value} ({inner_rule})",
        )
