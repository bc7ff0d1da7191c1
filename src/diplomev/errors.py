"""Exceptions raised by diplomev.

Every problem found in untrusted input is reported as one `ValidationError`, whose
``errors`` list each problem with the JSON path of the value at fault, in wire keys.

>>> import diplomev
>>> try:
...     diplomev.from_dict({"type": "summit", "id": "s1", "date": "2026-02-30"})
... except diplomev.ValidationError as e:
...     for detail in e.errors:
...         print(detail)
$.date: day is out of range for month in '2026-02-30'
$.participants: required field missing
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable

import attrs

__all__ = ["DiplomevError", "ErrorCode", "ErrorDetail", "ValidationError", "key_segment"]


class ErrorCode(enum.StrEnum):
    """The kind of a problem, stable across releases, for tools that react to kinds of error.

    Messages may be reworded; codes are not. `docs/errors.md` has the table.

    >>> ErrorCode.MISSING == "missing"
    True
    """

    #: A required field is absent.
    MISSING = "missing"
    #: A key that is not a field of the record (and not an ``x_`` field of an event).
    UNKNOWN_FIELD = "unknown_field"
    #: A value of the wrong JSON type: a number for a string, a string for an array.
    WRONG_TYPE = "wrong_type"
    #: Text that is empty or only white space.
    BLANK = "blank"
    #: Text that is not Unicode (a lone surrogate) or holds characters a field refuses.
    BAD_TEXT = "bad_text"
    #: A number outside its bounds, or an integer beyond 64 bits.
    OUT_OF_RANGE = "out_of_range"
    #: An array with fewer items than the field needs.
    TOO_FEW = "too_few"
    #: A code not in its table: a country (ISO 3166-1 alpha-3) or a currency (ISO 4217).
    UNKNOWN_CODE = "unknown_code"
    #: A value outside a closed vocabulary.
    UNKNOWN_VALUE = "unknown_value"
    #: A date that is not in diplomev's EDTF subset, or not on the calendar.
    INVALID_DATE = "invalid_date"
    #: A ``"type"`` tag that names no registered kind or actor, or the wrong one.
    UNKNOWN_TYPE = "unknown_type"
    #: A ``"diplomev"`` format version this release cannot read.
    UNSUPPORTED_VERSION = "unsupported_version"
    #: None of the fields of which at least one is needed (a person's name or office).
    ANY_OF = "any_of"
    #: Fields that come together or not at all, given apart (lat without lon).
    TOGETHER = "together"
    #: A quote whose offsets do not span its text.
    SPAN = "span"
    #: Values that contradict each other across fields (ballots beyond the tally).
    INCONSISTENT = "inconsistent"
    #: An ``x_`` field whose name or value is not allowed (not JSON, not finite).
    BAD_EXTENSION = "bad_extension"
    #: Text that is not JSON.
    INVALID_JSON = "invalid_json"
    #: JSON text giving one key twice in an object (JSON leaves its meaning open).
    DUPLICATE_KEY = "duplicate_key"
    #: A file that cannot be read as what it should be: damaged gzip data, bytes that are
    #: not UTF-8, a CSV row or header that does not parse or lacks columns.
    BAD_FILE = "bad_file"
    #: Input nested deeper than diplomev reads.
    TOO_DEEP = "too_deep"
    #: A line, cell or file larger than a reader accepts.
    TOO_LARGE = "too_large"
    #: A link to an id that is not among the events checked (`diplomev.dedup.check_links`).
    DANGLING_LINK = "dangling_link"
    #: Events that are, through ``part_of`` links, part of themselves.
    LINK_CYCLE = "link_cycle"
    #: Anything else, such as what a user's own attrs validator raised.
    INVALID = "invalid"


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def key_segment(key: object) -> str:
    """Return the path segment of an object key: ``.key``, or ``["key"]`` when it needs quoting.

    A key that is not a plain identifier is quoted as a JSON string, so that a path always
    says where it points.

    >>> key_segment("participants"), key_segment("a.b"), key_segment(3)
    ('.participants', '["a.b"]', '[3]')
    """
    if isinstance(key, str):
        return f".{key}" if _IDENTIFIER.match(key) else f"[{json.dumps(key)}]"
    return f"[{key!r}]"


class DiplomevError(Exception):
    """Base class of every exception diplomev raises on purpose.

    >>> issubclass(ValidationError, DiplomevError)
    True
    """


@attrs.frozen(slots=True)
class ErrorDetail:
    """One problem in the input: where it is and what is wrong.

    ``path`` is a JSON path in wire keys, rooted at ``$``; ``code`` is the stable kind of
    problem (an `ErrorCode`), for tools that react to it rather than parse the message.

    >>> ErrorDetail("$.participants[1].country", "unknown country code 'XXX'", "unknown_code")
    ErrorDetail(path='$.participants[1].country', message="unknown country code 'XXX'", code='unknown_code')
    >>> str(ErrorDetail("$", "expected an object, got a list"))
    '$: expected an object, got a list'
    """

    path: str
    message: str
    # Held as a plain str, so that reprs and JSON reports show the code itself.
    code: str = attrs.field(default="invalid", converter=str)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def within(self, segment: str) -> ErrorDetail:
        """Return this detail as seen from a parent, ``segment`` being ``.key`` or ``[i]``.

        >>> ErrorDetail("$.country", "unknown").within("[1]").within(".participants").path
        '$.participants[1].country'
        """
        return ErrorDetail("$" + segment + self.path[1:], self.message, self.code)


class ValidationError(DiplomevError, ValueError):
    """Input or arguments that do not make a valid record; ``errors`` lists every problem.

    >>> e = ValidationError([ErrorDetail("$.id", "required field missing", "missing")])
    >>> e.errors
    (ErrorDetail(path='$.id', message='required field missing', code='missing'),)
    >>> print(e)
    1 problem: $.id: required field missing
    """

    errors: tuple[ErrorDetail, ...]

    def __init__(self, errors: Iterable[ErrorDetail]) -> None:
        self.errors = tuple(errors)
        super().__init__(self.errors)

    @classmethod
    def at(cls, path: str, message: str, code: str = ErrorCode.INVALID) -> ValidationError:
        """Build an error with a single problem.

        >>> ValidationError.at("$.date", "expected a string", "wrong_type").errors[0].code
        'wrong_type'
        """
        return cls((ErrorDetail(path, message, code),))

    def within(self, segment: str) -> ValidationError:
        """Return the same problems as seen from a parent (see `ErrorDetail.within`).

        >>> ValidationError.at("$.lat", "out of range").within(".location").errors[0].path
        '$.location.lat'
        """
        return ValidationError(detail.within(segment) for detail in self.errors)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of every problem, in order.

        >>> ValidationError.at("$.id", "required field missing", "missing").codes
        ('missing',)
        """
        return tuple(detail.code for detail in self.errors)

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of every problem, in order.

        >>> ValidationError.at("$.id", "required field missing").paths
        ('$.id',)
        """
        return tuple(detail.path for detail in self.errors)

    def __str__(self) -> str:
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        return f"{count} {noun}: " + "; ".join(str(detail) for detail in self.errors)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[ErrorDetail, ...]]]:
        # Exceptions pickle through their args; keep the structured details instead.
        return (type(self), (self.errors,))
