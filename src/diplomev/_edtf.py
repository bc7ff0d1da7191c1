"""Reading diplomev's EDTF subset: text to `EventDate`, fast, with the reason for a refusal.

The grammar is small (``YYYY[-MM[-DD]]`` with ``?``, ``~`` or ``%``, and intervals whose ends
may be unknown or open), so one regular expression reads a date end and the calendar is
checked by hand. Near misses (ISO week dates, seasons, unspecified digits, signed years)
are named in the error, since a coder who typed one meant something close. Successes are
cached; records built from the same text share one `EventDate`.

>>> parse_edtf("2026-01-04?/2026-01-06?").upper()
datetime.date(2026, 1, 6)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from diplomev.dates import Bound, EventDate, PartialDate, _days_in_month, _type_name
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError

__all__ = ["parse_edtf"]


_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)")
_QUALIFIERS = {"": (False, False), "?": (True, False), "~": (False, True), "%": (True, True)}
_SUBSET = (
    "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %, "
    "or an interval A/B whose ends may also be empty or '..'"
)
# Only consulted after a failed match, to say why a near miss is not in the subset.
_NEAR_MISSES = (
    (re.compile(r"\s"), "whitespace is not allowed"),
    (re.compile(r"[0-9][Tt ]?[0-9]{2}:|[Tt][0-9]"), "times are not supported, only dates"),
    (re.compile(r"^[0-9]{4}-?[Ww]"), "ISO week dates are not EDTF"),
    (re.compile(r"^[0-9]{4}-[0-9]{3}(?![0-9])"), "ISO ordinal dates are not EDTF"),
    (
        re.compile(r"^(?=.*X)[0-9X]{4}(-[0-9X]{2}){0,2}[?~%]?$"),
        "unspecified digits (X) are not supported",
    ),
    (re.compile(r"^[0-9]{5}"), "expected a 4-digit year then '-' (no basic format, no long years)"),
    (re.compile(r"^[0-9]{1,3}(?![0-9])"), "years must have exactly 4 digits"),
    (re.compile(r"^[+-]"), "signed years are not supported (years run 0001-9999)"),
    (re.compile(r"^[Yy]"), "Y-prefixed years are not supported (years run 0001-9999)"),
    (re.compile(r"^\.\.$"), "an open end '..' is only allowed in an interval"),
    (re.compile(r"^$"), "an empty string is not a date"),
)


def _syntax_error(part: str, text: str) -> ValidationError:
    for pattern, reason in _NEAR_MISSES:
        if pattern.search(part):
            return ValidationError.at("$", f"{reason} in {text!r}", ErrorCode.INVALID_DATE)
    return ValidationError.at("$", f"{_SUBSET}, got {text!r}", ErrorCode.INVALID_DATE)


def _parse_date_part(part: str, text: str) -> PartialDate:
    match = _DATE.fullmatch(part)
    if match is None:
        raise _syntax_error(part, text)
    year_text, month_text, day_text, qualifier = match.groups()
    year = int(year_text)
    if year == 0:
        raise ValidationError.at(
            "$",
            f"year 0000 is not supported (years run 0001-9999) in {text!r}",
            ErrorCode.INVALID_DATE,
        )
    month = day = None
    if month_text is not None:
        month = int(month_text)
        if 21 <= month <= 41:
            raise ValidationError.at(
                "$", f"seasons (months 21-41) are not supported in {text!r}", ErrorCode.INVALID_DATE
            )
        if not 1 <= month <= 12:
            raise ValidationError.at(
                "$", f"month is out of range in {text!r}", ErrorCode.INVALID_DATE
            )
        if day_text is not None:
            day = int(day_text)
            if not 1 <= day <= _days_in_month(year, month):
                raise ValidationError.at(
                    "$", f"day is out of range for month in {text!r}", ErrorCode.INVALID_DATE
                )
    uncertain, approximate = _QUALIFIERS[qualifier]
    return _checked_partial_date(year, month, day, uncertain, approximate)


def _checked_partial_date(
    year: int, month: int | None, day: int | None, uncertain: bool, approximate: bool
) -> PartialDate:
    """Build a PartialDate whose parts the parser has already checked, without checking again."""
    date = object.__new__(PartialDate)
    _SET_YEAR(date, year)
    _SET_MONTH(date, month)
    _SET_DAY(date, day)
    _SET_UNCERTAIN(date, uncertain)
    _SET_APPROXIMATE(date, approximate)
    return date


def _checked_single_date(start: PartialDate, text: str) -> EventDate:
    """Build a single EventDate from a checked PartialDate (nothing left to check)."""
    date = object.__new__(EventDate)
    _SET_START(date, start)
    _SET_END(date, None)
    _SET_TEXT(date, text)  # the parser only accepts canonical text
    return date


def _slot_setter(cls: type, name: str) -> Callable[[object, object], None]:
    """Return the slot's own setter: what object.__setattr__ ends in, without the lookups."""
    setter: Callable[[object, object], None] = cls.__dict__[name].__set__
    return setter


_SET_YEAR = _slot_setter(PartialDate, "year")
_SET_MONTH = _slot_setter(PartialDate, "month")
_SET_DAY = _slot_setter(PartialDate, "day")
_SET_UNCERTAIN = _slot_setter(PartialDate, "uncertain")
_SET_APPROXIMATE = _slot_setter(PartialDate, "approximate")
_SET_START = _slot_setter(EventDate, "start")
_SET_END = _slot_setter(EventDate, "end")
_SET_TEXT = _slot_setter(EventDate, "_text")


def _parse_end(part: str, text: str) -> PartialDate | Bound:
    if part == "":
        return Bound.UNKNOWN
    if part == "..":
        return Bound.OPEN
    return _parse_date_part(part, text)


def _parse(text: str) -> EventDate:
    start_text, slash, end_text = text.partition("/")
    if not slash:
        return _checked_single_date(_parse_date_part(text, text), text)
    if "/" in end_text:
        raise ValidationError.at(
            "$", f"an interval has exactly one '/' in {text!r}", ErrorCode.INVALID_DATE
        )
    problems: list[ErrorDetail] = []
    ends: list[PartialDate | Bound] = []
    for part in (start_text, end_text):
        try:
            ends.append(_parse_end(part, text))
        except ValidationError as error:
            problems.extend(error.errors)
    if problems:
        # Both ends may be wrong in the same way; say it once.
        raise ValidationError(dict.fromkeys(problems))
    return EventDate(ends[0], ends[1])


# Failures raise, and lru_cache never stores a raised exception, so only successes are kept.
_parse_cached = functools.lru_cache(maxsize=4096)(_parse)


def parse_edtf(text: str) -> EventDate:
    """Read a date in diplomev's EDTF subset; raise `ValidationError` (path ``$``) otherwise.

    >>> d = parse_edtf("2016?/..")
    >>> d == EventDate(PartialDate(2016, uncertain=True), Bound.OPEN)
    True
    >>> try:
    ...     parse_edtf("2026-02-30")
    ... except ValidationError as e:
    ...     print(*e.errors)
    $: day is out of range for month in '2026-02-30'
    """
    if type(text) is str:
        return _parse_cached(text)
    if isinstance(text, str):
        # A str subclass may redefine hashing or equality; don't let it into the shared cache.
        return _parse(str.__str__(text))
    raise ValidationError.at(
        "$", f"expected a string, got {_type_name(text)}", ErrorCode.WRONG_TYPE
    )
