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

from collections.abc import Iterable

import attrs

__all__ = ["DiplomevError", "ErrorDetail", "ValidationError"]


class DiplomevError(Exception):
    """Base class of every exception diplomev raises on purpose.

    >>> issubclass(ValidationError, DiplomevError)
    True
    """


@attrs.frozen(slots=True)
class ErrorDetail:
    """One problem in the input: where it is and what is wrong.

    ``path`` is a JSON path in wire keys, rooted at ``$``.

    >>> ErrorDetail("$.participants[1].country", "unknown country code 'XXX'")
    ErrorDetail(path='$.participants[1].country', message="unknown country code 'XXX'")
    >>> str(ErrorDetail("$", "expected an object, got a list"))
    '$: expected an object, got a list'
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def within(self, segment: str) -> ErrorDetail:
        """Return this detail as seen from a parent, ``segment`` being ``.key`` or ``[i]``.

        >>> ErrorDetail("$.country", "unknown").within("[1]").within(".participants")
        ErrorDetail(path='$.participants[1].country', message='unknown')
        """
        return ErrorDetail("$" + segment + self.path[1:], self.message)


class ValidationError(DiplomevError, ValueError):
    """Input or arguments that do not make a valid record; ``errors`` lists every problem.

    >>> e = ValidationError([ErrorDetail("$.id", "required field missing")])
    >>> e.errors
    (ErrorDetail(path='$.id', message='required field missing'),)
    >>> print(e)
    1 problem: $.id: required field missing
    """

    errors: tuple[ErrorDetail, ...]

    def __init__(self, errors: Iterable[ErrorDetail]) -> None:
        self.errors = tuple(errors)
        super().__init__(self.errors)

    @classmethod
    def at(cls, path: str, message: str) -> ValidationError:
        """Build an error with a single problem.

        >>> ValidationError.at("$.date", "expected a string").errors[0].path
        '$.date'
        """
        return cls((ErrorDetail(path, message),))

    def within(self, segment: str) -> ValidationError:
        """Return the same problems as seen from a parent (see `ErrorDetail.within`).

        >>> ValidationError.at("$.lat", "out of range").within(".location").errors[0].path
        '$.location.lat'
        """
        return ValidationError(detail.within(segment) for detail in self.errors)

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
