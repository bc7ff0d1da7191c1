"""Shapes: what one field of a record accepts, each kind of value written once.

A shape knows three things about its values, and nothing else:

- ``check(value, problems)``: normalize a friendly input (a list for a tuple, ``"talks"``
  for ``MeetingKind.TALKS``, EDTF text or a `datetime.date` for an `EventDate`) and report
  every problem with its path and `ErrorCode`;
- ``convert(value)``: the same normalization, silent; what a record's attrs converter runs;
- ``fast(var, ns)``: a Python expression that is true when ``var`` already holds a value
  that needs neither normalizing nor a report, compiled into each class's fast check.

Everything else that depends on the kind of value (the codec's generated functions, the
JSON Schema, the CSV columns, the hypothesis strategies) is a `ShapeVisitor`: one method
per kind of shape, so a consumer cannot forget one, and no module needs a ladder of
``isinstance`` tests.
"""

from __future__ import annotations

import abc
import datetime
import math
import re
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar

import attrs

from diplomev._json import EMPTY_OBJECT, JSONObject, freeze_json, is_unicode, json_type_name
from diplomev.countries import country_codes, is_country_code
from diplomev.currencies import currency_codes, is_currency_code
from diplomev.dates import EventDate, parse_edtf
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError
from diplomev.model.visitor import ShapeVisitor

__all__ = [
    "INT_MAX",
    "INT_MIN",
    "Alpha3",
    "Bool",
    "Choice",
    "Currency",
    "Date",
    "Day",
    "ExtensionMap",
    "Float",
    "Int",
    "Items",
    "OneOf",
    "Optional",
    "Problems",
    "Record",
    "Shape",
    "ShapeVisitor",
    "Str",
    "is_extension_key",
    "quick_day",
]

T = TypeVar("T")

# Integer fields hold what every JSON reader can hold: 64-bit signed integers.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


class Problems(list[ErrorDetail]):
    """Problems found while checking one value, with paths relative to that value.

    >>> problems = Problems()
    >>> problems.add("$", "must not be blank", ErrorCode.BLANK)
    >>> problems.extend_within(".name", [ErrorDetail("$", "bad")])
    >>> [str(p) for p in problems]
    ['$: must not be blank', '$.name: bad']
    """

    def add(self, path: str, message: str, code: str = ErrorCode.INVALID) -> None:
        """Add one problem at ``path`` (relative to the value being checked)."""
        self.append(ErrorDetail(path, message, code))

    def extend_within(self, segment: str, details: Iterable[ErrorDetail]) -> None:
        """Add problems found inside a part of the value, ``segment`` being ``.key`` or ``[i]``."""
        self.extend((d.within(segment) for d in details) if segment else details)


def _wrong_type(problems: Problems, expected: str, value: object) -> None:
    problems.add("$", f"expected {expected}, got {json_type_name(value)}", ErrorCode.WRONG_TYPE)


def _name(ns: dict[str, Any], obj: object) -> str:
    """Bind ``obj`` in the generated code's namespace and return the name."""
    name = f"_n{len(ns)}"
    ns[name] = obj
    return name


class Shape(abc.ABC):
    """How one field's values are checked; each subclass knows one kind of value."""

    @abc.abstractmethod
    def fast(self, var: str, ns: dict[str, Any]) -> str:
        """Return an expression that is true when ``var`` needs no normalizing or report."""

    @abc.abstractmethod
    def check(self, value: Any, problems: Problems) -> Any:
        """Return ``value`` normalized, adding what is wrong with it to ``problems``."""

    @abc.abstractmethod
    def accept(self, visitor: ShapeVisitor[T]) -> T:
        """Call the visitor's method for this kind of shape."""

    def convert(self, value: Any) -> Any:
        """Return ``value`` normalized where it can be, else unchanged; never raises."""
        problems = Problems()
        normalized = self.check(value, problems)
        return value if problems else normalized


@attrs.frozen
class Str(Shape):
    """A non-blank string of Unicode text."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        unicode = _name(ns, is_unicode)
        return (
            f"(type({var}) is str and {var} != '' and not {var}.isspace()"
            f" and ({var}.isascii() or {unicode}({var})))"
        )

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is not str:
            _wrong_type(problems, "a string", value)
        elif not value.strip():
            problems.add("$", "must not be blank", ErrorCode.BLANK)
        elif not is_unicode(value):
            problems.add(
                "$", "contains a lone surrogate, which is not Unicode text", ErrorCode.BAD_TEXT
            )
        return value

    def convert(self, value: Any) -> Any:
        return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.text(self)


# Longer text is no country name; it is not handed to the reader that could suggest one.
_MAX_HINT_TEXT = 100


def _check_code(
    value: Any, problems: Problems, noun: str, known: Callable[[object], bool], hint: str
) -> Any:
    """Check a code of a table (a country's, a currency's), naming the code meant if it can."""
    if type(value) is not str:
        _wrong_type(problems, f"a {noun} code", value)
    elif not known(value):
        shown = value if len(value) <= 40 else value[:37] + "..."
        if not hint and known(value.upper()):
            hint = f" (codes are upper case: {value.upper()!r})"
        problems.add("$", f"unknown {noun} code {shown!r}{hint}", ErrorCode.UNKNOWN_CODE)
    return value


def _country_hint(value: str) -> str:
    """Say which code ``value`` stands for, if the country reader knows it ("China": CHN)."""
    if is_country_code(value) or is_country_code(value.upper()):
        return ""  # a valid code, or only its case is wrong: said by _check_code
    if len(value) > _MAX_HINT_TEXT:
        return ""
    # Imported here: the readers sit beside the value types, and are loaded on demand.
    from diplomev.reading.countries import resolve_country

    try:
        code = resolve_country(value)
    except ValidationError:
        return ""
    return f" (resolve_country({value!r}) reads it as {code!r})"


@attrs.frozen
class Alpha3(Shape):
    """An ISO 3166-1 alpha-3 code known to diplomev's country table (or XKX, Kosovo)."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is str and {var} in {_name(ns, country_codes())})"

    def check(self, value: Any, problems: Problems) -> Any:
        hint = _country_hint(value) if type(value) is str else ""
        return _check_code(value, problems, "country", is_country_code, hint)

    def convert(self, value: Any) -> Any:
        return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.country(self)


@attrs.frozen
class Currency(Shape):
    """An ISO 4217 currency code known to diplomev's currency table."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is str and {var} in {_name(ns, currency_codes())})"

    def check(self, value: Any, problems: Problems) -> Any:
        return _check_code(value, problems, "currency", is_currency_code, "")

    def convert(self, value: Any) -> Any:
        return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.currency(self)


@attrs.frozen
class Int(Shape):
    """A 64-bit integer (booleans are not integers here), optionally bounded below."""

    ge: int | None = None

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        low = INT_MIN if self.ge is None else self.ge
        return f"(type({var}) is int and {low!r} <= {var} <= {INT_MAX!r})"

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is not int:
            _wrong_type(problems, "an integer", value)
        elif self.ge is not None and value < self.ge:
            problems.add("$", f"must be at least {self.ge}, got {value}", ErrorCode.OUT_OF_RANGE)
        elif not INT_MIN <= value <= INT_MAX:
            problems.add("$", "must fit in 64 bits", ErrorCode.OUT_OF_RANGE)
        return value

    def convert(self, value: Any) -> Any:
        return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.integer(self)


@attrs.frozen
class Float(Shape):
    """A finite number within optional bounds; integers are accepted and held as floats."""

    ge: float | None = None
    le: float | None = None

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        ns["_inf"] = math.inf
        return f"(type({var}) is float and {self.bounds(var)})"

    def bounds(self, var: str) -> str:
        """Return the expression testing the range of a float ``var`` (``-inf < var < inf``)."""
        low = "-_inf <" if self.ge is None else f"{float(self.ge)!r} <="
        high = "< _inf" if self.le is None else f"<= {float(self.le)!r}"
        return f"{low} {var} {high}"

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is int:
            try:
                value = float(value)
            except OverflowError:
                problems.add("$", "must be a finite number", ErrorCode.OUT_OF_RANGE)
                return value
        if type(value) is not float:
            _wrong_type(problems, "a number", value)
        elif not math.isfinite(value):
            problems.add("$", "must be a finite number", ErrorCode.OUT_OF_RANGE)
        elif self.ge is not None and value < self.ge:
            message = f"must be at least {self.ge:g}, got {value:g}"
            problems.add("$", message, ErrorCode.OUT_OF_RANGE)
        elif self.le is not None and value > self.le:
            message = f"must be at most {self.le:g}, got {value:g}"
            problems.add("$", message, ErrorCode.OUT_OF_RANGE)
        return value

    def convert(self, value: Any) -> Any:
        if type(value) is int:
            try:
                return float(value)
            except OverflowError:
                return value
        return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.number(self)


@attrs.frozen
class Bool(Shape):
    """``True`` or ``False``, nothing that merely looks like one."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is bool)"

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is not bool:
            _wrong_type(problems, "true or false", value)
        return value

    def convert(self, value: Any) -> Any:
        return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.boolean(self)


@attrs.frozen
class Choice(Shape):
    """A member of a closed vocabulary; its lowercase value is accepted too."""

    enum: type[Enum]
    #: Members by wire value: the one lookup every path uses.
    members: Mapping[Any, Enum] = attrs.field(init=False, eq=False, repr=False)

    @members.default
    def _members(self) -> Mapping[Any, Enum]:
        return {member.value: member for member in self.enum}

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is {_name(ns, self.enum)})"

    def check(self, value: Any, problems: Problems) -> Any:
        member = self.convert(value)
        if type(member) is not self.enum:
            message = f"expected one of {self.values_text()}, got {value!r}"
            problems.add("$", message, ErrorCode.UNKNOWN_VALUE)
        return member

    def convert(self, value: Any) -> Any:
        if type(value) is str:
            return self.members.get(value, value)
        return value

    def values_text(self) -> str:
        """Return the values, quoted and separated by commas, for messages."""
        return ", ".join(repr(value) for value in self.members)

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.choice(self)


# Text that is not trying to be EDTF: letters, white space, or a day/month/year with slashes.
_NEWS_DATE = re.compile(r"[^\W\d_]|\s|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$")


def _date_problems(text: str, error: ValidationError) -> list[ErrorDetail]:
    if _NEWS_DATE.search(text[:200]):
        # Not a near miss of EDTF but another way of writing dates: say where to read it.
        shown = text if len(text) <= 40 else text[:37] + "..."
        message = (
            f"expected an EDTF date (2026-01-05, 2026-01, 2026, 2026-01-04/2026-01-06), "
            f"got {shown!r}; to read news phrasing or other formats use "
            "diplomev.parse_date(text, reference=...)"
        )
        return [ErrorDetail("$", message, ErrorCode.INVALID_DATE)]
    return [ErrorDetail(d.path, d.message, ErrorCode.INVALID_DATE) for d in error.errors]


def _date_of_day(value: datetime.date) -> EventDate:
    return EventDate.day(value.year, value.month, value.day)


@attrs.frozen
class Date(Shape):
    """An `EventDate`; its EDTF text, or a `datetime.date` for a day, is accepted too."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is {_name(ns, EventDate)})"

    def check(self, value: Any, problems: Problems) -> Any:
        if isinstance(value, EventDate):
            return value
        if type(value) is str:
            try:
                return parse_edtf(value)
            except ValidationError as e:
                problems.extend(_date_problems(value, e))
                return value
        if type(value) is datetime.date:
            return _date_of_day(value)
        if isinstance(value, datetime.datetime):
            message = "expected a date, got a datetime (pass its .date())"
            problems.add("$", message, ErrorCode.WRONG_TYPE)
            return value
        _wrong_type(problems, "an EDTF date string", value)
        return value

    def convert(self, value: Any) -> Any:
        if type(value) is str:
            try:
                return parse_edtf(value)
            except ValidationError:
                return value
        if type(value) is datetime.date:
            return _date_of_day(value)
        return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.date(self)


def quick_day(text: object) -> datetime.date | None:
    """Read ``YYYY-MM-DD`` if that is exactly what ``text`` is and the day exists, else None.

    >>> quick_day("2026-01-05"), quick_day("2026-02-30"), quick_day("2026-1-5")
    (datetime.date(2026, 1, 5), None, None)
    """
    # With ten characters and dashes at 4 and 7, fromisoformat accepts nothing but
    # YYYY-MM-DD in ASCII digits (its week and ordinal forms are placed differently).
    if type(text) is str and len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            return None
    return None


@attrs.frozen
class Day(Shape):
    """A calendar day, `datetime.date`; ``YYYY-MM-DD`` text is accepted too."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is {_name(ns, datetime.date)})"

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is datetime.date:
            return value
        if type(value) is str:
            day = quick_day(value)
            if day is not None:
                return day
            try:
                parsed = parse_edtf(value)
            except ValidationError as e:
                problems.extend(_date_problems(value, e))
                return value
            if not (parsed.is_interval or str(parsed) != value or len(value) != 10):
                return parsed.lower()
        message = f"expected a date as YYYY-MM-DD, got {json_type_name(value)}"
        if type(value) is str:
            message = f"expected a date as YYYY-MM-DD, got {value[:40]!r}"
        problems.add("$", message, ErrorCode.INVALID_DATE if type(value) is str else "wrong_type")
        return value

    def convert(self, value: Any) -> Any:
        return quick_day(value) or value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.day(self)


@attrs.frozen
class Record(Shape):
    """A nested record of one class (instances validate themselves on construction)."""

    cls: type

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"isinstance({var}, {_name(ns, self.cls)})"

    def check(self, value: Any, problems: Problems) -> Any:
        if not isinstance(value, self.cls):
            message = f"expected {self.cls.__name__}, got {type(value).__name__}"
            problems.add("$", message, ErrorCode.WRONG_TYPE)
        return value

    def convert(self, value: Any) -> Any:
        return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.record(self)


@attrs.frozen
class OneOf(Shape):
    """One of several record classes, told apart on the wire by their tag (the actors)."""

    classes: tuple[type, ...]

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"isinstance({var}, {_name(ns, self.classes)})"

    def check(self, value: Any, problems: Problems) -> Any:
        if not isinstance(value, self.classes):
            names = ", ".join(cls.__name__ for cls in self.classes)
            message = f"expected one of {names}, got {type(value).__name__}"
            problems.add("$", message, ErrorCode.WRONG_TYPE)
        return value

    def convert(self, value: Any) -> Any:
        return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.one_of(self)


@attrs.frozen
class Optional(Shape):
    """``None`` or a value of the inner shape."""

    inner: Shape

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"({var} is None or {self.inner.fast(var, ns)})"

    def check(self, value: Any, problems: Problems) -> Any:
        return None if value is None else self.inner.check(value, problems)

    def convert(self, value: Any) -> Any:
        return None if value is None else self.inner.convert(value)

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.optional(self)


def _is_collection(value: object) -> bool:
    """Tell whether ``value`` is an iterable a tuple field takes: not text, not a mapping."""
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


@attrs.frozen
class Items(Shape):
    """A tuple of values of one shape; any other iterable (a list, a generator) becomes one."""

    inner: Shape
    min_items: int = 0

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        size = f" and len({var}) >= {self.min_items}" if self.min_items else ""
        each = self.inner.fast("_i", ns)
        return f"(type({var}) is tuple{size} and all({each} for _i in {var}))"

    def check(self, value: Any, problems: Problems) -> Any:
        if not _is_collection(value):
            _wrong_type(problems, "an array", value)
            return value
        items = []
        for index, item in enumerate(value):
            inner = Problems()
            items.append(self.inner.check(item, inner))
            problems.extend_within(f"[{index}]", inner)
        if len(items) < self.min_items:
            noun = "item" if self.min_items == 1 else "items"
            message = f"needs at least {self.min_items} {noun}, got {len(items)}"
            problems.add("$", message, ErrorCode.TOO_FEW)
        return tuple(items)

    def convert(self, value: Any) -> Any:
        if type(value) is tuple or not _is_collection(value):
            return value
        return tuple(value)

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.items(self)


def is_extension_key(key: object) -> bool:
    """Tell whether ``key`` names a custom field (``x_`` and at least one more character).

    >>> is_extension_key("x_coder"), is_extension_key("x_"), is_extension_key("coder")
    (True, False, False)
    """
    return type(key) is str and key.startswith("x_") and len(key) > 2


def _extension_keys(mapping: Mapping[str, Any]) -> bool:
    return all(is_extension_key(key) for key in mapping)


@attrs.frozen
class ExtensionMap(Shape):
    """Custom ``x_`` fields: names starting with ``x_``, JSON values."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        # A JSONObject holds frozen JSON by construction; only its keys need a look.
        empty, cls, keys_ok = (_name(ns, x) for x in (EMPTY_OBJECT, JSONObject, _extension_keys))
        return f"({var} is {empty} or (type({var}) is {cls} and {keys_ok}({var})))"

    def check(self, value: Any, problems: Problems) -> Any:
        if not isinstance(value, Mapping):
            _wrong_type(problems, "an object", value)
            return value
        for key in value:
            if not is_extension_key(key):
                message = f"extension names start with 'x_', got {key!r}"
                problems.add("$", message, ErrorCode.BAD_EXTENSION)
        try:
            return freeze_json(value)
        except ValidationError as e:
            problems.extend(
                ErrorDetail(d.path, d.message, ErrorCode.BAD_EXTENSION) for d in e.errors
            )
            return value

    def accept(self, visitor: ShapeVisitor[T]) -> T:
        return visitor.extensions(self)
