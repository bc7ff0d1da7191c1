"""Read dates as articles print them: EDTF, explicit dates and relative news phrasing.

`parse_date` reads EDTF first (the fast, cached `diplomev.dates.parse_edtf`), then a small
grammar of news phrasing. Relative phrases are resolved against a ``reference`` date,
normally the article's publication date, and never against today's date: a relative
phrase without a reference is an error. `read_date` returns the same value together with
the phrase, the reference and the rule that was applied, so a reviewer can check it.

>>> import datetime
>>> published = datetime.date(2026, 1, 5)  # a Monday
>>> str(parse_date("Monday", reference=published))
'2026-01-05'
>>> str(parse_date("since November", reference=published))
'2025-11/..'
>>> str(parse_date("Jan. 30 to Feb. 2, 2026"))
'2026-01-30/2026-02-02'
>>> print(read_date("later this month", reference=published).rule)
later-this: later this month, from the day after the reference to the end of its month

The reader takes a date phrase, not a sentence: any word it does not understand is an
error, so numbers in running text never become dates.

>>> try:
...     parse_date("talks on 4 January with 3 ministers", reference=published)
... except ValidationError as e:
...     print(*e.errors)
$: cannot read 'talks on 4 January with 3 ministers' as a date: unexpected words 'talks', 'with 3 ministers'

How phrases are read (every rule is past-leaning, because news reports what happened):

- EDTF (``2026-01-05``, ``2016?/..``), surrounding whitespace tolerated.
- Explicit dates keep the precision given: ``January 5, 2026``, ``5 January 2026``,
  ``the 5th of January``, ``Jan. 5``, ``Sept. 2025``, ``in March 2023``, ``2019``.
  A day and month without a year take the most recent such day on or before the
  reference (``Dec. 30`` read on 2026-01-05 is 2025-12-30; ``Feb. 29`` the most recent
  29 February). A month without a year is the most recent such month on or before the
  reference's month (``November`` read in January 2026 is 2025-11; ``January`` is 2026-01).
- Ranges: ``Jan 4-7, 2026``, ``4-7 January``, ``Jan. 30 to Feb. 2``, ``from 2019 to
  2021``, ``between March and May 2025``, ``January-March 2026``; en and em dashes are
  read as hyphens. An end without a month or year takes it from the other end; a year
  given at one end is shared, moving back or forward a year across New Year
  (``Dec. 30 - Jan. 2, 2026`` is 2025-12-30/2026-01-02). With no year at all, the start is
  the most recent such day or month on or before the reference and the end follows it.
- Numeric dates with ``/``, ``.`` or ``-`` are ambiguous (05/04/2026), so day-first or
  month-first ones are read only when ``order="dmy"`` or ``order="mdy"`` is given, even
  when they could only be read one way (25/04/2026): whether a value is accepted must not
  depend on the day of the month. They need a four-digit year. Year-first numeric dates
  (``2026/01/05``, ``2026.01.05``) are read as year, month, day without ``order``.
- Weekdays: ``Monday`` and ``on Monday`` are the most recent Monday on or before the
  reference (the reference itself when it is a Monday); ``last Monday`` (or ``this past
  Monday``) the most recent one strictly before it; ``next Monday`` (or ``this coming
  Monday``) the first one strictly after it; ``this Monday`` the Monday of the reference's
  Monday-to-Sunday week, before or after the reference. ``Sunday, Jan. 4`` is the date,
  checked to be a Sunday.
- ``today``, ``yesterday``, ``tomorrow``; ``N days|weeks|months|years ago``.
- ``this|last|next week`` is the Monday-to-Sunday week as an interval of days;
  ``this|last|next month`` is ``YYYY-MM``, ``this|last|next year`` is ``YYYY``.
- ``earlier|later this week|month|year`` are the days of that period before or after the
  reference day (``later this month`` read on 2026-01-05 is 2026-01-06/2026-01-31; a
  period with no such days is an error).
- ``last|next|this September``: the most recent September before the reference's month,
  the first after it, or the September of the reference's year.
- ``early|mid|late`` a year are its thirds by month (January-April, May-August,
  September-December), and of a month its thirds by day (1-10, 11-20, 21-end), with both
  ends approximate: ``early 2025`` is ``2025-01~/2025-04~``, ``mid-November`` read in
  January 2026 is ``2025-11-11~/2025-11-20~``.
- ``since X`` is the open interval from the start of X: ``since 2019`` is ``2019/..``.
- ``around|about|circa|c.|approximately|roughly X`` marks the dates of X approximate.
- ``a three-day visit`` (``N-day`` or ``N-week`` and a word such as visit, trip, tour,
  summit, talks) is the N-day span including the reference day, centred on it, with both
  ends uncertain (see `span_including`): the reference must be a day the event is known
  to include, such as the day a summit is reported.

Leading ``the``, ``on`` and ``in``, trailing punctuation, letter case and dots after
abbreviations (``Sept.``, ``Jan``) do not matter.
"""

from __future__ import annotations

import abc
import calendar
import datetime
import functools
import re
from collections.abc import Callable, Collection
from typing import ClassVar, Literal, NamedTuple, TypeAlias

import attrs
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from diplomev.dates import Bound, EventDate, PartialDate, Precision, parse_edtf
from diplomev.errors import ErrorDetail, ValidationError

__all__ = ["DateReading", "parse_date", "read_date", "span_including"]

Order: TypeAlias = Literal["dmy", "mdy"]

_EDTF_RULE = "edtf: read as EDTF"
_ORDERS = ("dmy", "mdy")


@attrs.frozen(slots=True)
class DateReading:
    """How a phrase was read: the value, the phrase, the reference used and the rule.

    ``phrase`` is the text as given. ``reference`` is the date that relative parts were
    resolved against, or None when the phrase did not need one (even if one was passed).
    ``rule`` starts with a short stable identifier, then ``": "`` and a detail a person
    can check; `rule_id` gives the identifier alone.

    >>> import datetime
    >>> reading = read_date("last Tuesday", reference=datetime.date(2026, 1, 5))
    >>> str(reading.value), reading.reference, reading.rule_id
    ('2025-12-30', datetime.date(2026, 1, 5), 'weekday-last')
    >>> read_date("2026-01-05")
    DateReading(value=EventDate(start=PartialDate(year=2026, month=1, day=5, uncertain=False, approximate=False), end=None), phrase='2026-01-05', reference=None, rule='edtf: read as EDTF')
    """

    value: EventDate
    phrase: str
    reference: datetime.date | None
    rule: str

    def __attrs_post_init__(self) -> None:
        problems: list[ErrorDetail] = []
        if not isinstance(self.value, EventDate):
            problems.append(
                ErrorDetail("$.value", f"expected an EventDate, got {type(self.value).__name__}")
            )
        if not isinstance(self.phrase, str):
            problems.append(
                ErrorDetail("$.phrase", f"expected a str, got {type(self.phrase).__name__}")
            )
        if self.reference is not None and not isinstance(self.reference, datetime.date):
            problems.append(
                ErrorDetail(
                    "$.reference",
                    f"expected a datetime.date or None, got {type(self.reference).__name__}",
                )
            )
        if not isinstance(self.rule, str):
            problems.append(
                ErrorDetail("$.rule", f"expected a str, got {type(self.rule).__name__}")
            )
        if problems:
            raise ValidationError(problems)

    @property
    def rule_id(self) -> str:
        """The stable identifier at the start of `rule`.

        >>> read_date("2019").rule_id
        'edtf'
        """
        return self.rule.partition(":")[0]


# --- public functions -------------------------------------------------------------------


def parse_date(
    text: str, reference: datetime.date | None = None, *, order: Order | None = None
) -> EventDate:
    """Read EDTF or a news date phrase; resolve relative phrases against ``reference``.

    Raises `ValidationError` (path ``$``) saying why when the text is not a date phrase,
    when it needs a reference and none was given, or when it names no real date.

    >>> import datetime
    >>> published = datetime.date(2026, 1, 5)
    >>> str(parse_date("2026-01-04/2026-01-06"))
    '2026-01-04/2026-01-06'
    >>> str(parse_date("a three-day visit", reference=published))
    '2026-01-04?/2026-01-06?'
    >>> str(parse_date("05/04/2026", order="dmy"))
    '2026-04-05'
    >>> try:
    ...     parse_date("Monday")
    ... except ValidationError as e:
    ...     print(*e.errors)
    $: cannot read 'Monday' as a date: 'Monday' is relative, and no reference date was given (pass reference=, e.g. the article's publication date)
    """
    if (
        type(text) is str
        and text[:1] in _EDTF_FIRST
        and (reference is None or isinstance(reference, datetime.date))
        and (order is None or order in _ORDERS)
    ):
        try:
            return parse_edtf(text)
        except ValidationError:
            pass
    return read_date(text, reference, order=order).value


def read_date(
    text: str, reference: datetime.date | None = None, *, order: Order | None = None
) -> DateReading:
    """Read like `parse_date`, and say how: the value, phrase, reference and rule.

    >>> import datetime
    >>> reading = read_date("Dec. 30", reference=datetime.date(2026, 1, 5))
    >>> str(reading.value)
    '2025-12-30'
    >>> print(reading.rule)
    day-month: the most recent 30 December on or before the reference
    """
    if not isinstance(text, str):
        raise ValidationError.at("$", f"expected a string, got {type(text).__name__}")
    if type(text) is not str:
        # A str subclass may redefine hashing or equality; keep it out of the caches.
        text = str.__str__(text)
    if order is not None and order not in _ORDERS:
        raise ValidationError.at("$", f"order must be 'dmy', 'mdy' or None, got {order!r}")
    reference = _as_reference(reference)
    if text[:1] in _EDTF_FIRST:
        try:
            return DateReading(parse_edtf(text), text, None, _EDTF_RULE)
        except ValidationError:
            pass
    return _read_phrase(text, reference, order)


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


# --- helpers ----------------------------------------------------------------------------

# EDTF in the subset starts with a digit, '/' (unknown start) or '.' (open start); other
# text skips the EDTF attempt, whose failure is slower than a cache hit.
_EDTF_FIRST = frozenset("0123456789/.")
_EDTF_SHAPED = re.compile(r"[0-9XxTtWwYyZz:+\-./?~%]+")

# Not calendar.month_name: that follows the locale, and this grammar reads English.
_MONTH_NAMES = (
    "",
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
)
_MONTHS = {name.lower(): number for number, name in enumerate(_MONTH_NAMES) if name}
_MONTHS.update({name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES) if name})
_MONTHS["sept"] = 9
# The longest each month can be, in any year.
_MONTH_MAX_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {name.lower(): number for number, name in enumerate(_WEEKDAY_NAMES)}
_WEEKDAYS.update({name[:3].lower(): number for number, name in enumerate(_WEEKDAY_NAMES)})
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
_RELATIVE_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)

_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
    if number
}
_NUMBER_WORDS["thirty"] = 30

_FILLERS = frozenset({"the", "on", "in"})
_APPROXIMATE = frozenset({"around", "about", "circa", "c", "ca", "approximately", "roughly"})
_RANGE_TO = frozenset({"to", "through", "thru"})
_DURATION_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_DURATION_ADJECTIVES = frozenset({"state", "official", "working", "private", "diplomatic"})
_DURATION_NOUNS = frozenset(
    {
        "visit",
        "trip",
        "tour",
        "stay",
        "summit",
        "meeting",
        "meetings",
        "talks",
        "conference",
        "mission",
        "session",
        "forum",
        "negotiations",
        "exercise",
        "exercises",
        "drills",
    }
)
_AGO_UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
_THIRDS = ("early", "mid", "late")
_MONTH_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_DAY_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

_MAX_TOKENS = 64


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


# --- tokens -----------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<iso>[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)(?![0-9])"
    r"|(?P<num>[0-9]+)(?:(?P<ord>st|nd|rd|th)(?![^\W_]))?"
    r"|(?P<word>[^\W\d_]+)(?P<dot>\.)?"
    r"|(?P<dash>[-\u2010-\u2015\u2212])"
    r"|(?P<punct>[,./])"
    r"|(?P<other>\S)",
    re.IGNORECASE,
)
_PUNCT_KINDS = {",": "comma", ".": "dot", "/": "slash"}


class _Token(NamedTuple):
    kind: str  # iso, num, word, dash, comma, dot, slash, other
    text: str  # lowercased; a word without its dot; a number without its ordinal suffix
    start: int
    end: int


def _tokenize(text: str, end: int) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text, 0, end):
        kind = match.lastgroup
        value = match.group(kind or 0)
        if kind in ("ord", "dot"):  # a suffix group closed last; the token is its base
            kind = "num" if kind == "ord" else "word"
            value = match.group(kind)
        elif kind == "punct":
            kind = _PUNCT_KINDS[value]
        assert kind is not None
        tokens.append(_Token(kind, value.lower(), match.start(), match.end()))
    return tokens


# --- what the grammar builds ------------------------------------------------------------


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


class _Ago(_Node):
    __slots__ = ("count", "unit")

    def __init__(self, count: int, unit: str) -> None:
        self.count = count
        self.unit = unit

    def resolve(self, ctx: _Context) -> Resolved:
        plural = "" if self.count == 1 else "s"
        what = f"{self.count} {self.unit}{plural}"
        ref = ctx.need(f"'{what} ago'")
        rule = f"ago: {what} before the reference"
        if self.unit in ("day", "week"):
            days = self.count * (7 if self.unit == "week" else 1)
            return _day(ref - relativedelta(days=days)), rule
        if self.unit == "month":
            d = ref - relativedelta(months=self.count)
            return EventDate.month(d.year, d.month), rule + "'s month"
        _check_year(ref.year - self.count)
        return EventDate.year(ref.year - self.count), rule + "'s year"


# --- the grammar ------------------------------------------------------------------------

_Match: TypeAlias = tuple[_Node, int]


class _Parser:
    """Internal: recursive descent over tokens; each rule returns (node, next index)."""

    __slots__ = ("n", "tokens")

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.n = len(tokens)

    # token tests

    def kind(self, i: int) -> str | None:
        return self.tokens[i].kind if i < self.n else None

    def word(self, i: int, words: Collection[str]) -> str | None:
        if i < self.n and self.tokens[i].kind == "word" and self.tokens[i].text in words:
            return self.tokens[i].text
        return None

    def day(self, i: int) -> int | None:
        if i < self.n and self.tokens[i].kind == "num" and len(self.tokens[i].text) <= 2:
            return int(self.tokens[i].text)
        return None

    def year(self, i: int) -> int | None:
        token = self.tokens[i] if i < self.n else None
        if token and token.kind == "num" and len(token.text) == 4 and token.end - token.start == 4:
            return int(token.text)
        return None

    def count(self, i: int) -> int | None:
        token = self.tokens[i] if i < self.n else None
        if token is None:
            return None
        if (
            token.kind == "num"
            and len(token.text) <= 4
            and token.end - token.start == len(token.text)
        ):
            return int(token.text)
        return _NUMBER_WORDS.get(token.text) if token.kind == "word" else None

    def optional_year(self, i: int) -> tuple[int | None, int]:
        year = self.year(i)
        if year is not None:
            return year, i + 1
        if self.kind(i) == "comma" and (year := self.year(i + 1)) is not None:
            return year, i + 2
        return None, i

    # phrases

    def phrase(self, i: int) -> _Match | None:
        while self.word(i, _FILLERS):
            i += 1
        return self.longest(i, (self.since, self.approximate, self.body))

    def longest(self, i: int, rules: tuple[Callable[[int], _Match | None], ...]) -> _Match | None:
        best: _Match | None = None
        for rule in rules:
            found = rule(i)
            if found is not None and (best is None or found[1] > best[1]):
                best = found
        return best

    def body(self, i: int) -> _Match | None:
        return self.longest(
            i,
            (
                self.range,
                self.single,
                self.numeric,
                self.duration,
            ),
        )

    def approximate(self, i: int) -> _Match | None:
        if not self.word(i, _APPROXIMATE):
            return None
        i += 1
        while self.word(i, _FILLERS):
            i += 1
        found = self.body(i)
        return (_Approximate(found[0]), found[1]) if found else None

    def since(self, i: int) -> _Match | None:
        if not self.word(i, ("since",)):
            return None
        i += 1
        while self.word(i, _FILLERS):
            i += 1
        found = self.longest(i, (self.approximate, self.single))
        return (_Since(found[0]), found[1]) if found else None

    def single(self, i: int) -> _Match | None:
        return self.longest(
            i,
            (
                self.point,
                self.relative_day,
                self.period,
                self.part_of_period,
                self.weekday,
                self.month_relative,
                self.third,
                self.ago,
            ),
        )

    def point(self, i: int) -> tuple[_Point | _Invalid, int] | None:
        token = self.tokens[i] if i < self.n else None
        if token is None:
            return None
        if token.kind == "iso":
            try:
                value = parse_edtf(token.text).start
            except ValidationError as error:
                return _Invalid(error.errors[0].message, "iso"), i + 1
            assert isinstance(value, PartialDate)
            return _Point(value.year, value.month, value.day), i + 1
        month = _MONTHS.get(token.text) if token.kind == "word" else None
        if month is not None:
            day = self.day(i + 1)
            j = i + 1 if day is None else i + 2
            year, j = self.optional_year(j)
            return _Point(year, month, day), j
        day = self.day(i)
        if day is not None:
            j = i + 1
            if self.word(j, ("of",)) and self.word(j + 1, _MONTHS):
                j += 1
            month_word = self.word(j, _MONTHS)
            if month_word is not None:
                month = _MONTHS[month_word]
                j += 1
            year, j = self.optional_year(j)
            return _Point(year, month, day), j
        year = self.year(i)
        if year is not None:
            return _Point(year, None, None), i + 1
        return None

    def range(self, i: int) -> _Match | None:
        opener = self.word(i, ("from", "between"))
        if opener:
            i += 1
        first = self.point(i)
        if first is None:
            return None
        j = first[1]
        if (
            self.kind(j) == "dash"
            or (opener != "between" and self.word(j, _RANGE_TO))
            or (opener == "between" and self.word(j, ("and",)))
        ):
            j += 1
        else:
            return None
        last = self.point(j)
        if last is None:
            return None
        for end in (first[0], last[0]):
            if isinstance(end, _Invalid):
                return end, last[1]
        assert isinstance(first[0], _Point)
        assert isinstance(last[0], _Point)
        return _Range(first[0], last[0]), last[1]

    def numeric(self, i: int) -> _Match | None:
        parts: list[str] = []
        separator = None
        j = i
        while True:
            token = self.tokens[j] if j < self.n else None
            if token is None or token.kind != "num" or token.end - token.start != len(token.text):
                return None
            parts.append(token.text)
            j += 1
            if len(parts) == 3:
                break
            following = self.kind(j)
            if following not in ("slash", "dot", "dash") or separator not in (None, following):
                return None
            separator = following
            j += 1
        a, b, c = parts
        if len(a) == 4:
            return _Numeric((a, b, c), year_first=True), j
        if len(a) > 2 or len(b) > 2:
            return None
        return _Numeric((a, b, c), year_first=False), j

    def relative_day(self, i: int) -> _Match | None:
        word = self.word(i, ("today", "yesterday", "tomorrow"))
        return (_RelativeDay(word), i + 1) if word else None

    def period(self, i: int) -> _Match | None:
        word = self.word(i, ("this", "last", "next"))
        unit = self.word(i + 1, ("week", "month", "year"))
        if word and unit:
            return _Period({"last": -1, "this": 0, "next": 1}[word], unit), i + 2
        return None

    def part_of_period(self, i: int) -> _Match | None:
        side = self.word(i, ("earlier", "later"))
        unit = self.word(i + 2, ("week", "month", "year"))
        if side and self.word(i + 1, ("this",)) and unit:
            return _PartOfPeriod(side, unit), i + 3
        return None

    def weekday(self, i: int) -> _Match | None:
        mode = ""
        if self.word(i, ("this",)) and self.word(i + 1, ("past", "coming")):
            mode = "last" if self.tokens[i + 1].text == "past" else "next"
            i += 2
        elif word := self.word(i, ("last", "next", "this", "past", "coming")):
            mode = {"past": "last", "coming": "next"}.get(word, word)
            i += 1
        name = self.word(i, _WEEKDAYS)
        if name is None:
            return None
        weekday = _WEEKDAYS[name]
        i += 1
        if not mode:
            j = i + 1 if self.kind(i) == "comma" else i
            dated = self.point(j)
            if dated is not None and isinstance(dated[0], _Point) and dated[0].day is not None:
                return _WeekdayDate(weekday, dated[0]), dated[1]
        return _Weekday(weekday, mode), i

    def month_relative(self, i: int) -> _Match | None:
        mode = self.word(i, ("last", "next", "this"))
        name = self.word(i + 1, _MONTHS)
        if mode and name:
            return _MonthRelative(mode, _MONTHS[name]), i + 2
        return None

    def third(self, i: int) -> _Match | None:
        which = self.word(i, _THIRDS)
        if which is None:
            return None
        i += 1
        if self.kind(i) == "dash":
            i += 1
        found = self.longest(i, (self.point, self.period, self.month_relative))
        return (_Third(which, found[0]), found[1]) if found else None

    def duration(self, i: int) -> _Match | None:
        if self.word(i, ("a", "an", "the")):
            i += 1
        count = self.count(i)
        if count is None:
            return None
        i += 1
        if self.kind(i) == "dash":
            i += 1
        unit = self.word(i, _DURATION_UNITS)
        if unit is None:
            return None
        i += 1
        while self.word(i, _DURATION_ADJECTIVES):
            i += 1
        if not self.word(i, _DURATION_NOUNS):
            return None
        return _Duration(count * _DURATION_UNITS[unit]), i + 1

    def ago(self, i: int) -> _Match | None:
        count = 1 if self.word(i, ("a", "an")) else self.count(i)
        unit = self.word(i + 1, _AGO_UNITS)
        if count is None or unit is None or not self.word(i + 2, ("ago",)):
            return None
        return _Ago(count, _AGO_UNITS[unit]), i + 3


# --- reading a phrase -------------------------------------------------------------------


def _fail(text: str, reason: str) -> ValidationError:
    return ValidationError.at("$", f"cannot read {text!r} as a date: {reason}")


@functools.lru_cache(maxsize=4096)
def _read_phrase(text: str, reference: datetime.date | None, order: Order | None) -> DateReading:
    # Failures raise, and lru_cache never stores a raised exception.
    stripped = text.strip()
    if stripped and stripped != text and stripped[:1] in _EDTF_FIRST:
        try:
            return DateReading(parse_edtf(stripped), text, None, _EDTF_RULE)
        except ValidationError:
            pass
    try:
        value, rule, used = _read_tokens(stripped, reference, order)
    except _Unreadable as problem:
        if problem.kind != "meaning" and _EDTF_SHAPED.fullmatch(stripped):
            # Text made of EDTF characters: the EDTF reader says best what is wrong.
            try:
                parse_edtf(stripped)
            except ValidationError as error:
                raise error from None
        raise _fail(text, problem.message) from None
    return DateReading(value, text, reference if used else None, rule)


def _read_tokens(
    text: str, reference: datetime.date | None, order: Order | None
) -> tuple[EventDate, str, bool]:
    if not text:
        raise _Unreadable("there is no text", "syntax")
    end = len(text.rstrip(".,;:! \t\r\n"))
    tokens = _tokenize(text, end)
    if len(tokens) > _MAX_TOKENS:
        raise _Unreadable(
            f"it has {len(tokens)} words and signs; pass only the date phrase", "syntax"
        )
    parser = _Parser(tokens)
    found = parser.phrase(0)
    best: tuple[int, _Match] | None = None if found is None else (0, found)
    if found is None or found[1] < len(tokens):
        # Not a date phrase as a whole: find the longest one inside, to name the rest.
        for start in range(1, len(tokens)):
            found = parser.phrase(start)
            if found is not None and (best is None or found[1] - start > best[1][1] - best[0]):
                best = start, found
    if best is None:
        raise _Unreadable("no date phrase found", "syntax")
    start, (node, stop) = best
    if start > 0 or stop < len(tokens):
        leftovers = []
        if start > 0:
            leftovers.append(text[tokens[0].start : tokens[start - 1].end])
        if stop < len(tokens):
            leftovers.append(text[tokens[stop].start : tokens[-1].end])
        words = ", ".join(repr(words) for words in leftovers)
        raise _Unreadable(f"unexpected words {words}", "syntax")
    ctx = _Context(reference, order)
    try:
        value, rule = node.resolve(ctx)
    except ValidationError as error:
        raise _Unreadable("; ".join(detail.message for detail in error.errors)) from None
    except (OverflowError, ValueError):
        raise _Unreadable("the date falls outside years 0001-9999") from None
    return value, rule, ctx.used_reference
