"""Durations: "a three-day visit" is the span of that many days including the reference.

The reference must be a day the event is known to include; which days the span covers is
a guess, so `span_including` marks both ends uncertain.
"""

from __future__ import annotations

import datetime

from diplomev.dates import EventDate, PartialDate
from diplomev.errors import ValidationError
from diplomev.reading.dates._nodes import (
    Resolved,
    _as_reference,
    _Context,
    _day,
    _Node,
    _Unreadable,
)


def span_including(days: int, day: datetime.date) -> EventDate:
    """Return the ``days``-long span that includes ``day``, centred on it, ends uncertain.

    This is how "a three-day visit" is recorded when the article gives one day of it
    but not which days: the span is centred on the known day and both ends are marked
    uncertain (``?``). With an even number of days the extra day goes before the known
    day (news reports events already under way). One day is the day itself, certain.

    >>> import datetime
    >>> str(span_including(3, datetime.date(2026, 1, 5)))
    '2026-01-04?/2026-01-06?'
    >>> str(span_including(2, datetime.date(2026, 1, 5)))
    '2026-01-04?/2026-01-05?'
    >>> str(span_including(1, datetime.date(2026, 1, 5)))
    '2026-01-05'
    """
    if not isinstance(days, int) or isinstance(days, bool):
        raise ValidationError.at("$", f"days must be an int, got {type(days).__name__}")
    if days < 1:
        raise ValidationError.at("$", f"days must be at least 1, got {days}")
    if not isinstance(day, datetime.date):
        raise ValidationError.at("$", f"day must be a datetime.date, got {type(day).__name__}")
    known = _as_reference(day)
    assert known is not None
    if days == 1:
        return _day(known)
    before = days // 2
    after = days - 1 - before
    try:
        first = known - datetime.timedelta(days=before)
        last = known + datetime.timedelta(days=after)
    except OverflowError:
        raise ValidationError.at(
            "$", f"a {days}-day span around {known} falls outside years 1-9999"
        ) from None
    return EventDate.interval(
        PartialDate(first.year, first.month, first.day, uncertain=True),
        PartialDate(last.year, last.month, last.day, uncertain=True),
    )


class _Duration(_Node):
    __slots__ = ("days",)

    def __init__(self, days: int) -> None:
        self.days = days

    def resolve(self, ctx: _Context) -> Resolved:
        ref = ctx.need(f"a {self.days}-day span")
        if self.days > 3660:
            raise _Unreadable(f"a {self.days}-day span is too long to read as one event")
        rule = f"duration: a {self.days}-day span including the reference day"
        if self.days > 1:
            rule += ", centred on it, both ends uncertain"
        return span_including(self.days, ref), rule
