"""Typed attrs converters: what a record's constructor accepts, said so a type checker sees it.

A record keeps tuples, enum members and `EventDate` values, but its constructor takes
what people write: any iterable for a tuple, a vocabulary's string for its member, EDTF
text or a `datetime.date` for an `EventDate`. These converters say so to mypy's attrs
plugin (it reads a converter's first parameter as the ``__init__`` type) and do the
normalizing at run time, by the field shape's own rule (see `shapes`).

They never raise: what they cannot normalize they pass through unchanged, and the record's
validation then reports it with its path, together with every other problem.

>>> import attrs, enum
>>> class Mood(enum.StrEnum):
...     CALM = "calm"
...     TENSE = "tense"
>>> @attrs.frozen(kw_only=True)
... class Reading:
...     moods: tuple[Mood, ...] = attrs.field(converter=to_tuple[Mood])
...     mood: Mood = attrs.field(default=Mood.CALM, converter=to_enum[Mood])
>>> Reading(moods=[Mood.CALM], mood="tense")
Reading(moods=(<Mood.CALM: 'calm'>,), mood=<Mood.TENSE: 'tense'>)
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from diplomev.dates import EventDate
from diplomev.model.shapes import Choice, Date, Day, Items, Str

__all__ = [
    "is_ours",
    "to_date",
    "to_day",
    "to_enum",
    "to_optional_date",
    "to_optional_day",
    "to_optional_enum",
    "to_tuple",
]

_MARK = "__diplomev_converter__"


def _ours(function: Callable[..., Any]) -> None:
    # Marked, so that the codec knows this converter is only a normalization it already
    # made, and may build records without calling it. (Not a decorator: mypy's attrs
    # plugin reads converters that are plain functions only.)
    setattr(function, _MARK, True)


def is_ours(converter: object) -> bool:
    """Tell whether ``converter`` is one of diplomev's own (the codec may then skip it).

    >>> is_ours(to_date), is_ours(str.upper)
    (True, False)
    """
    return getattr(converter, _MARK, False) is True


T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

_ITEMS = Items(Str())  # only its container rule is used: items are checked by validation


class to_tuple(Generic[T]):
    """Converter to a tuple from any iterable (a list, a generator); ``to_tuple[Actor]``.

    >>> to_tuple[int]([1, 2]), to_tuple[int]("not an iterable of items")
    ((1, 2), 'not an iterable of items')
    """

    def __new__(cls, value: Iterable[T]) -> tuple[T, ...]:  # type: ignore[misc]
        # Only reached through a call of the bare class; subscripted, it is _items below.
        return _items(value)  # type: ignore[no-any-return]

    def __class_getitem__(cls, item: Any) -> Any:
        # The item type is for the type checker; the elements are checked by validation.
        return _items


def _items(value: Any) -> Any:
    return _ITEMS.convert(value)


_ours(_items)


class to_enum(Generic[E]):
    """Converter to a vocabulary's member from the member or its value; ``to_enum[Status]``.

    >>> from diplomev import Status
    >>> to_enum[Status]("planned"), to_enum[Status]("someday")
    (<Status.PLANNED: 'planned'>, 'someday')
    """

    def __new__(cls, value: E | str) -> E:  # type: ignore[misc]
        raise TypeError("subscript to_enum with the vocabulary: to_enum[Status]")

    def __class_getitem__(cls, item: Any) -> Any:
        return _enum_converter(item)


class to_optional_enum(Generic[E]):
    """As `to_enum`, for a field that may be None: ``to_optional_enum[DisputeStage]``.

    >>> from diplomev import Status
    >>> to_optional_enum[Status](None), to_optional_enum[Status]("ongoing")
    (None, <Status.ONGOING: 'ongoing'>)
    """

    def __new__(cls, value: E | str | None) -> E | None:  # type: ignore[misc]
        raise TypeError("subscript to_optional_enum with the vocabulary")

    def __class_getitem__(cls, item: Any) -> Any:
        return _enum_converter(item)  # its shape's conversion passes None through


@functools.cache
def _enum_converter(vocabulary: type[enum.Enum]) -> Callable[[Any], Any]:
    members = Choice(vocabulary).members

    def convert(value: Any) -> Any:
        return members.get(value, value) if type(value) is str else value

    _ours(convert)
    return convert


_DATE = Date()
_DAY = Day()


def to_date(value: EventDate | str | datetime.date) -> EventDate:
    """Convert to an `EventDate` from itself, its EDTF text or a `datetime.date` (a day).

    >>> str(to_date("2026-01-04/2026-01-06")), str(to_date(datetime.date(2026, 1, 5)))
    ('2026-01-04/2026-01-06', '2026-01-05')
    """
    return _DATE.convert(value)  # type: ignore[no-any-return]


def to_day(value: datetime.date | str) -> datetime.date:
    """Convert to a `datetime.date` from itself or ``YYYY-MM-DD`` text.

    >>> to_day("2026-01-05")
    datetime.date(2026, 1, 5)
    """
    return _DAY.convert(value)  # type: ignore[no-any-return]


def to_optional_date(value: EventDate | str | datetime.date | None) -> EventDate | None:
    """As `to_date`, for a field that may be None.

    >>> to_optional_date(None) is None
    True
    """
    return None if value is None else _DATE.convert(value)


def to_optional_day(value: datetime.date | str | None) -> datetime.date | None:
    """As `to_day`, for a field that may be None.

    >>> to_optional_day(None) is None
    True
    """
    return None if value is None else _DAY.convert(value)


for _converter in (to_date, to_day, to_optional_date, to_optional_day):
    _ours(_converter)
