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
- ``today``, ``yesterday``, ``tomorrow``; a part of a day is the day: ``later Thursday``,
  ``early today``, ``late on Friday`` read as ``Thursday``, ``today``, ``Friday`` do.
- Counted offsets: ``N days|weeks|months|years|decades ago`` (or ``earlier``) and ``N ...
  later``, ``in N ...``, ``N ... from now``. Days and weeks give a day, months a month, years
  and decades a year marked approximate (a round number: ``30 years ago`` read in 2023 is
  ``1993~``). A hedge (``nearly``, ``almost``, ``some``, ``over``, ``under``, ``more than``,
  ``less than``, ``close to``, ``at least``) marks any of them approximate: ``nearly three
  decades ago`` read in 2026 is ``1996~``. ``earlier`` and ``later`` count from the reference
  too, so pass the day the text counts from ("A day later" after "will meet Sunday": that
  Sunday). Counts are figures, words up to twenty, tens and ``twenty-five``; ``a`` is one.
  Words that stand for a count but give none (``a few``, ``several``, ``a couple of``,
  ``many``, ``decades ago``) are refused, saying so, as is ``in recent years``.
- ``[over|in|during|for] the past|last [N] day|week|month|year|decade`` is the interval
  from about that long before the reference to the reference: ``over the past year`` read
  on 2026-01-05 is ``2025-01-05~/2026-01-05``, and ``in the last year`` is that interval too
  (``last year`` alone is the calendar year before the reference's).
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

import datetime
import functools
import re

import attrs

from diplomev.dates import EventDate, parse_edtf
from diplomev.errors import ErrorDetail, ValidationError
from diplomev.reading.dates._durations import span_including
from diplomev.reading.dates._grammar import _Match, _Parser
from diplomev.reading.dates._nodes import Order, _as_reference, _Context, _Unreadable
from diplomev.reading.dates._tokens import _MAX_CHARACTERS, _MAX_TOKENS, _tokenize

__all__ = ["DateReading", "parse_date", "read_date", "span_including"]

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
        and len(text) <= _MAX_CHARACTERS
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
    if len(text) > _MAX_CHARACTERS:
        raise _fail(
            text, f"it has {len(text)} characters, more than a date phrase; pass only the phrase"
        )
    if text[:1] in _EDTF_FIRST:
        try:
            return DateReading(parse_edtf(text), text, None, _EDTF_RULE)
        except ValidationError:
            pass
    return _read_phrase(text, reference, order)


# EDTF in the subset starts with a digit, '/' (unknown start) or '.' (open start); other
# text skips the EDTF attempt, whose failure is slower than a cache hit.
_EDTF_FIRST = frozenset("0123456789/.")
_EDTF_SHAPED = re.compile(r"[0-9XxTtWwYyZz:+\-./?~%]+")


# --- reading a phrase -------------------------------------------------------------------


def _fail(text: str, reason: str) -> ValidationError:
    shown = text if len(text) <= 80 else text[:60] + "..."
    return ValidationError.at("$", f"cannot read {shown!r} as a date: {reason}")


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
            f"it has more than {_MAX_TOKENS} words and signs; pass only the date phrase",
            "syntax",
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
