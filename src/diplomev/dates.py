"""Dates of diplomatic events: day, month or year precision, qualified, or intervals.

The text form is a strict subset of EDTF (ISO 8601-2, levels 0 and 1): ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``, each optionally followed by ``?`` (uncertain), ``~``
(approximate) or ``%`` (both); and intervals ``A/B`` whose ends may also be empty
(unknown) or ``..`` (open). Every accepted string is canonical, so ``str`` of a parsed
value gives back the text it came from.

>>> d = parse_edtf("2026-01-04/2026-01-06?")
>>> d.lower(), d.upper()
(datetime.date(2026, 1, 4), datetime.date(2026, 1, 6))
>>> str(d)
'2026-01-04/2026-01-06?'
"""

from __future__ import annotations

import calendar
import datetime
import enum

import attrs

from diplomev.errors import ErrorCode, ErrorDetail, ValidationError

__all__ = ["Bound", "EventDate", "PartialDate", "Precision", "parse_edtf"]


class Precision(enum.Enum):
    """How much of a date is known: the year only, the month, or the day.

    >>> PartialDate(2026, 1).precision
    <Precision.MONTH: 'month'>
    """

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_FINENESS = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


class Bound(enum.Enum):
    """An interval end that is not a date: unknown (``""``) or open (``".."``).

    An unknown end exists but was not reported; an open end does not exist yet
    ("ongoing", "from 2016 onwards").

    >>> str(EventDate.interval(EventDate.year(2016), Bound.OPEN))
    '2016/..'
    >>> str(EventDate.interval(Bound.UNKNOWN, EventDate.year(2006)))
    '/2006'
    """

    UNKNOWN = ""
    OPEN = ".."


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _is_int(value: object) -> bool:
    # bool is a subclass of int, but True is not a year.
    return isinstance(value, int) and not isinstance(value, bool)


def _type_name(value: object) -> str:
    return type(value).__name__


@attrs.frozen(slots=True)
class PartialDate:
    """A calendar date known to the year, month or day, maybe uncertain or approximate.

    Construction checks types strictly and checks the calendar; a `ValidationError`
    lists every problem found.

    >>> str(PartialDate(2026, 1, 5, uncertain=True))
    '2026-01-05?'
    >>> str(PartialDate(2026, 1, approximate=True, uncertain=True))
    '2026-01%'
    >>> try:
    ...     PartialDate(2026, 13, 5, uncertain=1)
    ... except ValidationError as e:
    ...     for detail in e.errors:
    ...         print(detail)
    $.month: month 13 is out of range 1-12
    $.uncertain: expected a bool, got int
    """

    year: int
    month: int | None = None
    day: int | None = None
    uncertain: bool = False
    approximate: bool = False

    def __attrs_post_init__(self) -> None:
        problems = _partial_date_problems(self)
        if problems:
            raise ValidationError(problems)

    @property
    def precision(self) -> Precision:
        """The finest component given.

        >>> PartialDate(2016).precision
        <Precision.YEAR: 'year'>
        """
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def lower(self) -> datetime.date:
        """Return the first day covered.

        >>> PartialDate(2026, 1).lower()
        datetime.date(2026, 1, 1)
        """
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def upper(self) -> datetime.date:
        """Return the last day covered.

        >>> PartialDate(2024, 2).upper()
        datetime.date(2024, 2, 29)
        >>> PartialDate(2016).upper()
        datetime.date(2016, 12, 31)
        """
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            return datetime.date(self.year, self.month, _days_in_month(self.year, self.month))
        return datetime.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        if self.uncertain:
            return text + ("%" if self.approximate else "?")
        return text + ("~" if self.approximate else "")


def _partial_date_problems(date: PartialDate) -> list[ErrorDetail]:
    problems = []
    year, month, day = date.year, date.month, date.day
    year_ok = month_ok = False
    if not _is_int(year):
        problems.append(
            ErrorDetail("$.year", f"expected an int, got {_type_name(year)}", ErrorCode.WRONG_TYPE)
        )
    elif year == 0:
        problems.append(
            ErrorDetail(
                "$.year", "year 0 (0000) is not supported; years run 1-9999", ErrorCode.INVALID_DATE
            )
        )
    elif not 1 <= year <= 9999:
        problems.append(
            ErrorDetail("$.year", f"year {year} is out of range 1-9999", ErrorCode.INVALID_DATE)
        )
    else:
        year_ok = True
    if month is not None:
        if not _is_int(month):
            problems.append(
                ErrorDetail(
                    "$.month",
                    f"expected an int or None, got {_type_name(month)}",
                    ErrorCode.WRONG_TYPE,
                )
            )
        elif not 1 <= month <= 12:
            problems.append(
                ErrorDetail(
                    "$.month", f"month {month} is out of range 1-12", ErrorCode.INVALID_DATE
                )
            )
        else:
            month_ok = True
    if day is not None:
        if not _is_int(day):
            problems.append(
                ErrorDetail(
                    "$.day", f"expected an int or None, got {_type_name(day)}", ErrorCode.WRONG_TYPE
                )
            )
        elif month is None:
            problems.append(ErrorDetail("$.day", "a day needs a month", ErrorCode.INVALID_DATE))
        elif not 1 <= day <= 31:
            problems.append(
                ErrorDetail("$.day", f"day {day} is out of range 1-31", ErrorCode.INVALID_DATE)
            )
        elif year_ok and month_ok:
            assert isinstance(month, int)
            last = _days_in_month(year, month)
            if day > last:
                problems.append(
                    ErrorDetail(
                        "$.day",
                        f"day {day} is out of range for {year:04d}-{month:02d} "
                        f"(it has {last} days)",
                        ErrorCode.INVALID_DATE,
                    )
                )
    for name, flag in (("uncertain", date.uncertain), ("approximate", date.approximate)):
        if not isinstance(flag, bool):
            problems.append(
                ErrorDetail(
                    f"$.{name}", f"expected a bool, got {_type_name(flag)}", ErrorCode.WRONG_TYPE
                )
            )
    return problems


def _require(**components: int | None) -> None:
    # PartialDate reads None as "less precise"; these constructors promise the precision.
    missing = [name for name, value in components.items() if value is None]
    if missing:
        raise ValidationError(
            ErrorDetail(f"$.{name}", "expected an int, got None", ErrorCode.WRONG_TYPE)
            for name in missing
        )


def _end_text(end: PartialDate | Bound) -> str:
    return end.value if isinstance(end, Bound) else str(end)


@attrs.frozen(slots=True, order=False)
class EventDate:
    """When an event happened: a single `PartialDate`, or an interval of two ends.

    ``end`` is None for a single date. In an interval each end is a `PartialDate` or
    a `Bound`, and at least one is a date. Values sort by ``(lower(), upper(), str())``.

    >>> visit = EventDate.interval(EventDate.day(2026, 1, 4), EventDate.day(2026, 1, 6))
    >>> str(visit), visit.is_interval
    ('2026-01-04/2026-01-06', True)
    >>> [str(d) for d in sorted([EventDate.year(2026), EventDate.month(2026, 1)])]
    ['2026-01', '2026']
    """

    start: PartialDate | Bound
    end: PartialDate | Bound | None = None
    # The canonical text, kept once computed: dates are written far more often than made.
    _text: str | None = attrs.field(default=None, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        start, end = self.start, self.end
        problems = []
        if not isinstance(start, PartialDate | Bound):
            problems.append(
                ErrorDetail(
                    "$.start",
                    f"expected a PartialDate or Bound, got {_type_name(start)}",
                    ErrorCode.WRONG_TYPE,
                )
            )
        elif end is None and isinstance(start, Bound):
            problems.append(
                ErrorDetail(
                    "$.start",
                    f"a single date must be a PartialDate, not {start}; "
                    "open and unknown ends belong in intervals",
                    ErrorCode.INVALID_DATE,
                )
            )
        if end is not None and not isinstance(end, PartialDate | Bound):
            problems.append(
                ErrorDetail(
                    "$.end",
                    f"expected a PartialDate, Bound or None, got {_type_name(end)}",
                    ErrorCode.WRONG_TYPE,
                )
            )
        if problems:
            raise ValidationError(problems)
        if isinstance(start, Bound) and isinstance(end, Bound):
            raise ValidationError.at(
                "$",
                f"an interval needs at least one date end in {str(self)!r}",
                ErrorCode.INVALID_DATE,
            )
        if (
            isinstance(start, PartialDate)
            and isinstance(end, PartialDate)
            and end.upper() < start.lower()
        ):
            raise ValidationError.at(
                "$", f"interval ends before it starts in {str(self)!r}", ErrorCode.INVALID_DATE
            )

    @classmethod
    def day(
        cls,
        year: int,
        month: int,
        day: int,
        *,
        uncertain: bool = False,
        approximate: bool = False,
    ) -> EventDate:
        """Build a single date known to the day.

        >>> str(EventDate.day(2026, 1, 5, uncertain=True))
        '2026-01-05?'
        """
        _require(month=month, day=day)
        return cls(PartialDate(year, month, day, uncertain, approximate))

    @classmethod
    def month(
        cls, year: int, month: int, *, uncertain: bool = False, approximate: bool = False
    ) -> EventDate:
        """Build a single date known to the month.

        >>> str(EventDate.month(2025, 11, approximate=True))
        '2025-11~'
        """
        _require(month=month)
        return cls(PartialDate(year, month, None, uncertain, approximate))

    @classmethod
    def year(cls, year: int, *, uncertain: bool = False, approximate: bool = False) -> EventDate:
        """Build a single date known to the year.

        >>> str(EventDate.year(2019))
        '2019'
        """
        return cls(PartialDate(year, None, None, uncertain, approximate))

    @classmethod
    def interval(
        cls,
        start: EventDate | PartialDate | Bound,
        end: EventDate | PartialDate | Bound,
    ) -> EventDate:
        """Build an interval; single `EventDate` values are accepted as ends.

        >>> str(EventDate.interval(EventDate.year(2016, uncertain=True), Bound.OPEN))
        '2016?/..'
        >>> try:
        ...     EventDate.interval(EventDate.day(2026, 1, 6), EventDate.year(2025))
        ... except ValidationError as e:
        ...     print(*e.errors)
        $: interval ends before it starts in '2026-01-06/2025'
        """
        problems = []
        ends: list[PartialDate | Bound] = []
        for name, value in (("start", start), ("end", end)):
            if isinstance(value, EventDate):
                if value.end is not None:
                    problems.append(
                        ErrorDetail(
                            f"$.{name}",
                            f"expected a single date, got {str(value)!r}",
                            ErrorCode.WRONG_TYPE,
                        )
                    )
                    continue
                value = value.start
            if not isinstance(value, PartialDate | Bound):
                problems.append(
                    ErrorDetail(
                        f"$.{name}",
                        f"expected an EventDate, PartialDate or Bound, got {_type_name(value)}",
                        ErrorCode.WRONG_TYPE,
                    )
                )
                continue
            ends.append(value)
        if problems:
            raise ValidationError(problems)
        return cls(ends[0], ends[1])

    @property
    def is_interval(self) -> bool:
        """Whether this is an interval rather than a single date.

        >>> parse_edtf("2026-01").is_interval, parse_edtf("2026-01/..").is_interval
        (False, True)
        """
        return self.end is not None

    @property
    def precision(self) -> Precision:
        """The precision of a single date, or the finest among an interval's date ends.

        Never None: a valid interval always has at least one date end.

        >>> parse_edtf("2016/2026-01-05").precision
        <Precision.DAY: 'day'>
        """
        ends = [end for end in (self.start, self.end) if isinstance(end, PartialDate)]
        return max((end.precision for end in ends), key=_FINENESS.__getitem__)

    def lower(self) -> datetime.date:
        """Return the earliest day it could be; an unknown or open start gives `date.min`.

        >>> parse_edtf("2026-01~").lower()
        datetime.date(2026, 1, 1)
        >>> parse_edtf("../2006").lower()
        datetime.date(1, 1, 1)
        """
        if isinstance(self.start, Bound):
            return datetime.date.min
        return self.start.lower()

    def upper(self) -> datetime.date:
        """Return the latest day it could be; an unknown or open end gives `date.max`.

        >>> parse_edtf("2026-01~").upper()
        datetime.date(2026, 1, 31)
        >>> parse_edtf("2016/").upper()
        datetime.date(9999, 12, 31)
        """
        end = self.start if self.end is None else self.end
        if isinstance(end, Bound):
            return datetime.date.max
        return end.upper()

    def __str__(self) -> str:
        text = self._text
        if text is None:
            if self.end is None:
                text = _end_text(self.start)
            else:
                text = f"{_end_text(self.start)}/{_end_text(self.end)}"
            object.__setattr__(self, "_text", text)
        return text

    def _key(self) -> tuple[datetime.date, datetime.date, str]:
        # str() breaks ties so the order is total and agrees with ==: distinct values
        # always have distinct canonical text.
        return (self.lower(), self.upper(), str(self))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, EventDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, EventDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, EventDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, EventDate):
            return NotImplemented
        return self._key() >= other._key()


# The reader of EDTF text, in a module of its own; at the bottom, because it builds the
# classes above through their slots.
from diplomev._edtf import parse_edtf  # noqa: E402
