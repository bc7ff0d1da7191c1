"""What every part of the date grammar builds on: nodes, the context, and why a phrase fails.

Parsing and resolving are two steps. The parser only recognizes the shape of a phrase and
builds a `_Node`; the node then resolves against a `_Context` (the reference date and the
numeric order) into a value and the rule that was applied. A phrase that cannot be read
raises `_Unreadable`, which the public readers turn into a `ValidationError`.
"""

from __future__ import annotations

import abc
import calendar
import datetime
from typing import Literal, TypeAlias

from diplomev.dates import EventDate, PartialDate
from diplomev.errors import ValidationError
from diplomev.reading.dates._tokens import _MONTH_NAMES

Order: TypeAlias = Literal["dmy", "mdy"]

# The longest each month can be, in any year.
_MONTH_MAX_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _as_reference(reference: object) -> datetime.date | None:
    if reference is None or type(reference) is datetime.date:
        return reference
    if isinstance(reference, datetime.datetime):
        return reference.date()
    if isinstance(reference, datetime.date):
        return datetime.date(reference.year, reference.month, reference.day)
    raise ValidationError.at(
        "$", f"reference must be a datetime.date or None, got {type(reference).__name__}"
    )


def _day(d: datetime.date) -> EventDate:
    return EventDate(PartialDate(d.year, d.month, d.day))


def _days(first: datetime.date, last: datetime.date) -> EventDate:
    if first == last:
        return _day(first)
    return EventDate.interval(_day(first), _day(last))


def _day_name(month: int, day: int) -> str:
    return f"{day} {_MONTH_NAMES[month]}"


class _Unreadable(Exception):
    """Internal: why a phrase cannot be read; turned into a ValidationError at the edge.

    ``kind`` is "syntax" (no reading covers the text), "iso" (an ISO date in the phrase
    is not valid EDTF) or "meaning" (the phrase was understood but names no date).
    """

    def __init__(self, message: str, kind: str = "meaning") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


class _Context:
    """Internal: the reference, the order, and whether the reference was used."""

    __slots__ = ("order", "reference", "used_reference")

    def __init__(self, reference: datetime.date | None, order: Order | None) -> None:
        self.reference = reference
        self.order = order
        self.used_reference = False

    def need(self, what: str) -> datetime.date:
        if self.reference is None:
            raise _Unreadable(
                f"{what} is relative, and no reference date was given "
                "(pass reference=, e.g. the article's publication date)"
            )
        self.used_reference = True
        return self.reference


Resolved: TypeAlias = tuple[EventDate, str]


class _Node(abc.ABC):
    """Internal: a parsed phrase, resolved to a value and a rule once parsing is done."""

    __slots__ = ()

    @abc.abstractmethod
    def resolve(self, ctx: _Context) -> Resolved:
        """Return the value the phrase stands for, against the reading's context."""


class _Invalid(_Node):
    __slots__ = ("kind", "message")

    def __init__(self, message: str, kind: str = "meaning") -> None:
        self.message = message
        self.kind = kind

    def resolve(self, ctx: _Context) -> Resolved:
        raise _Unreadable(self.message, self.kind)


def _check_day(year: int | None, month: int, day: int) -> None:
    month_name = _MONTH_NAMES[month]
    if not 1 <= day <= _MONTH_MAX_DAYS[month]:
        raise _Unreadable(f"there is no {month_name} {day}")
    if year is not None and day > calendar.monthrange(year, month)[1]:
        raise _Unreadable(f"there is no {month_name} {day} in {year}")


def _check_year(year: int) -> None:
    if not 1 <= year <= 9999:
        raise _Unreadable(f"year {year:04d} is out of range (years run 0001-9999)")
