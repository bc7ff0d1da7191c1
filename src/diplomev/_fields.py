"""What each record field accepts, derived once per class from its annotations.

A field's *shape* (a string, a country code, a tuple of actors, ...) is the single source of
truth that record validation uses here, and that the codec (and later the JSON Schema and
the hypothesis strategies) read to build their own per-class machinery.

Validation of a record has two paths. The fast one is one generated boolean expression per
class that is true when every field already holds a value of the right type and range; it is
what runs for records built by the codec. Only when it is false does the slow path run: it
normalizes friendly inputs (a list for a tuple, ``"occurred"`` for ``Status.OCCURRED``, an
EDTF string for an `EventDate`) and collects every problem with its path.
"""

from __future__ import annotations

import abc
import datetime
import enum
import math
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NewType

import attrs

from diplomev._json import EMPTY_OBJECT, JSONObject, freeze_json, is_unicode, json_type_name
from diplomev.countries import country_codes, is_country_code
from diplomev.dates import EventDate, parse_edtf
from diplomev.errors import ErrorDetail, ValidationError

#: An ISO 3166-1 alpha-3 code (or ``XKX`` for Kosovo), held as a plain string.
CountryCode = NewType("CountryCode", str)

#: Custom fields of an event: ``x_`` keys to JSON values.
Extensions = Mapping[str, Any]

_METADATA_KEY = "diplomev"
_NO_DEFAULT: Any = attrs.NOTHING


@attrs.frozen
class Limits:
    """Value limits a field declares in its metadata."""

    min_items: int = 0
    ge: float | None = None
    le: float | None = None


def limits(
    *, min_items: int = 0, ge: float | None = None, le: float | None = None
) -> dict[str, Any]:
    """Return attrs field metadata declaring value limits for a field of a record.

    ``min_items`` bounds the length of a tuple; ``ge`` and ``le`` bound a number. The
    records, the codec and the JSON Schema all read them.

    >>> import attrs
    >>> attrs.field(metadata=limits(min_items=2)).metadata["diplomev"]
    Limits(min_items=2, ge=None, le=None)
    """
    return {_METADATA_KEY: Limits(min_items=min_items, ge=ge, le=le)}


class Problems(list[ErrorDetail]):
    """Problems found while checking one value, with paths relative to that value."""

    def add(self, path: str, message: str) -> None:
        self.append(ErrorDetail(path, message))

    def extend_within(self, segment: str, details: Iterable[ErrorDetail]) -> None:
        self.extend(detail.within(segment) for detail in details)


# --- shapes -----------------------------------------------------------------------------


class Shape(abc.ABC):
    """How one field's values are checked; subclasses know one kind of value."""

    @abc.abstractmethod
    def fast(self, var: str, ns: dict[str, Any]) -> str:
        """Return a Python expression that is true when ``var`` needs no normalizing or report."""

    @abc.abstractmethod
    def check(self, value: Any, problems: Problems) -> Any:
        """Return ``value`` normalized, adding what is wrong with it to ``problems``."""


def _name(ns: dict[str, Any], obj: object) -> str:
    """Bind ``obj`` in the generated code's namespace and return the name."""
    name = f"_n{len(ns)}"
    ns[name] = obj
    return name


@attrs.frozen
class Str(Shape):
    """A non-blank string."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        unicode = _name(ns, is_unicode)
        return (
            f"(type({var}) is str and {var} != '' and not {var}.isspace()"
            f" and ({var}.isascii() or {unicode}({var})))"
        )

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is not str:
            problems.add("$", f"expected a string, got {json_type_name(value)}")
        elif not value.strip():
            problems.add("$", "must not be blank")
        elif not is_unicode(value):
            problems.add("$", "contains a lone surrogate, which is not Unicode text")
        return value


@attrs.frozen
class Alpha3(Shape):
    """An ISO 3166-1 alpha-3 code known to diplomev's country table."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is str and {var} in {_name(ns, country_codes())})"

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is not str:
            problems.add("$", f"expected a country code, got {json_type_name(value)}")
        elif not is_country_code(value):
            hint = " (codes are upper case)" if is_country_code(value.upper()) else ""
            problems.add("$", f"unknown country code {value!r}{hint}")
        return value


@attrs.frozen
class Int(Shape):
    """A 64-bit integer (booleans are not integers here), optionally bounded below."""

    ge: int | None = None

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        low = INT_MIN if self.ge is None else self.ge
        return f"(type({var}) is int and {low!r} <= {var} <= {INT_MAX!r})"

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is not int:
            problems.add("$", f"expected an integer, got {json_type_name(value)}")
        elif self.ge is not None and value < self.ge:
            problems.add("$", f"must be at least {self.ge}, got {value}")
        elif not INT_MIN <= value <= INT_MAX:
            problems.add("$", "must fit in 64 bits")
        return value


# Integer fields hold what every JSON reader can hold: 64-bit signed integers.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


@attrs.frozen
class Float(Shape):
    """A finite number within optional bounds; integers are accepted and held as floats."""

    ge: float | None = None
    le: float | None = None

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        low = "-_inf <" if self.ge is None else f"{float(self.ge)!r} <="
        high = "< _inf" if self.le is None else f"<= {float(self.le)!r}"
        ns["_inf"] = math.inf
        return f"(type({var}) is float and {low} {var} {high})"

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is int:
            try:
                value = float(value)
            except OverflowError:
                problems.add("$", "must be a finite number")
                return value
        if type(value) is not float:
            problems.add("$", f"expected a number, got {json_type_name(value)}")
        elif not math.isfinite(value):
            problems.add("$", "must be a finite number")
        elif self.ge is not None and value < self.ge:
            problems.add("$", f"must be at least {self.ge:g}, got {value:g}")
        elif self.le is not None and value > self.le:
            problems.add("$", f"must be at most {self.le:g}, got {value:g}")
        return value


@attrs.frozen
class Bool(Shape):
    """``True`` or ``False``, nothing that merely looks like one."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is bool)"

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is not bool:
            problems.add("$", f"expected true or false, got {json_type_name(value)}")
        return value


@attrs.frozen
class Choice(Shape):
    """A member of a closed vocabulary; its lowercase value is accepted too."""

    enum: type[enum.Enum]

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is {_name(ns, self.enum)})"

    def check(self, value: Any, problems: Problems) -> Any:
        if isinstance(value, self.enum):
            return value
        if type(value) is str:
            try:
                return self.enum(value)
            except ValueError:
                pass
        problems.add("$", f"expected one of {self.values_text()}, got {value!r}")
        return value

    def values_text(self) -> str:
        return ", ".join(repr(member.value) for member in self.enum)


@attrs.frozen
class Date(Shape):
    """An `EventDate`; its EDTF text is accepted too."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is {_name(ns, EventDate)})"

    def check(self, value: Any, problems: Problems) -> Any:
        if isinstance(value, EventDate):
            return value
        if type(value) is str:
            try:
                return parse_edtf(value)
            except ValidationError as e:
                problems.extend(e.errors)
                return value
        problems.add("$", f"expected an EDTF date string, got {json_type_name(value)}")
        return value


@attrs.frozen
class Day(Shape):
    """A calendar day, `datetime.date`; ``YYYY-MM-DD`` text is accepted too."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"(type({var}) is {_name(ns, datetime.date)})"

    def check(self, value: Any, problems: Problems) -> Any:
        if type(value) is datetime.date:
            return value
        if type(value) is str:
            return parse_day(value, problems)
        problems.add("$", f"expected a date as YYYY-MM-DD, got {json_type_name(value)}")
        return value


def quick_day(text: object) -> datetime.date | None:
    """Read ``YYYY-MM-DD`` if that is exactly what ``text`` is and the day exists, else None."""
    # With ten characters and dashes at 4 and 7, fromisoformat accepts nothing but
    # YYYY-MM-DD in ASCII digits (its week and ordinal forms are placed differently).
    if type(text) is str and len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            return None
    return None


def parse_day(text: str, problems: Problems) -> Any:
    """Read ``YYYY-MM-DD`` exactly (no qualifier, no interval); report into ``problems``."""
    day = quick_day(text)
    if day is not None:
        return day
    try:
        parsed = parse_edtf(text)
    except ValidationError as e:
        problems.extend(e.errors)
        return text
    if parsed.is_interval or str(parsed) != text or len(text) != 10:
        problems.add("$", f"expected a date as YYYY-MM-DD, got {text!r}")
        return text
    return parsed.lower()


@attrs.frozen
class Record(Shape):
    """A nested record of one class (instances validate themselves on construction)."""

    cls: type

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"isinstance({var}, {_name(ns, self.cls)})"

    def check(self, value: Any, problems: Problems) -> Any:
        if not isinstance(value, self.cls):
            problems.add("$", f"expected {self.cls.__name__}, got {type(value).__name__}")
        return value


@attrs.frozen
class OneOf(Shape):
    """One of several record classes (the actor union)."""

    classes: tuple[type, ...]

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"isinstance({var}, {_name(ns, self.classes)})"

    def check(self, value: Any, problems: Problems) -> Any:
        if not isinstance(value, self.classes):
            names = ", ".join(cls.__name__ for cls in self.classes)
            problems.add("$", f"expected one of {names}, got {type(value).__name__}")
        return value


@attrs.frozen
class Optional(Shape):
    """``None`` or a value of the inner shape."""

    inner: Shape

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return f"({var} is None or {self.inner.fast(var, ns)})"

    def check(self, value: Any, problems: Problems) -> Any:
        return None if value is None else self.inner.check(value, problems)


@attrs.frozen
class Items(Shape):
    """A tuple of values of one shape (a list is accepted and becomes a tuple)."""

    inner: Shape
    min_items: int = 0

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        size = f" and len({var}) >= {self.min_items}" if self.min_items else ""
        each = self.inner.fast("_i", ns)
        return f"(type({var}) is tuple{size} and all({each} for _i in {var}))"

    def check(self, value: Any, problems: Problems) -> Any:
        if not isinstance(value, list | tuple):
            problems.add("$", f"expected an array, got {json_type_name(value)}")
            return value
        items = []
        for index, item in enumerate(value):
            inner = Problems()
            items.append(self.inner.check(item, inner))
            problems.extend_within(f"[{index}]", inner)
        if len(items) < self.min_items:
            noun = "item" if self.min_items == 1 else "items"
            problems.add("$", f"needs at least {self.min_items} {noun}, got {len(items)}")
        return tuple(items)


@attrs.frozen
class ExtensionMap(Shape):
    """Custom ``x_`` fields: names starting with ``x_``, JSON values."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        # A JSONObject holds frozen JSON by construction; only its keys need a look.
        empty, cls, keys_ok = (_name(ns, x) for x in (EMPTY_OBJECT, JSONObject, _extension_keys))
        return f"({var} is {empty} or (type({var}) is {cls} and {keys_ok}({var})))"

    def check(self, value: Any, problems: Problems) -> Any:
        if not isinstance(value, Mapping):
            problems.add("$", f"expected an object, got {json_type_name(value)}")
            return value
        for key in value:
            if not (isinstance(key, str) and is_extension_key(key)):
                problems.add("$", f"extension names start with 'x_', got {key!r}")
        try:
            return freeze_json(value)
        except ValidationError as e:
            problems.extend(e.errors)
            return value


def _extension_keys(mapping: Mapping[str, Any]) -> bool:
    return all(key.startswith("x_") and len(key) > 2 for key in mapping)


def is_extension_key(key: str) -> bool:
    """Tell whether ``key`` names a custom field (``x_`` and at least one more character)."""
    return key.startswith("x_") and len(key) > 2


# --- deriving shapes from annotations ----------------------------------------------------


def shape_of(tp: Any, field_limits: Limits, actor_classes: tuple[type, ...]) -> Shape:
    """Derive the shape of a field from its resolved annotation and declared limits."""
    if tp is str:
        return Str()
    if tp is CountryCode:
        return Alpha3()
    if tp is bool:
        return Bool()
    if tp is int:
        return Int(ge=None if field_limits.ge is None else int(field_limits.ge))
    if tp is float:
        return Float(ge=field_limits.ge, le=field_limits.le)
    if tp is EventDate:
        return Date()
    if tp is datetime.date:
        return Day()
    if tp == Extensions:
        return ExtensionMap()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return Choice(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return Record(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        members = tuple(arg for arg in args if arg is not type(None))
        if len(members) < len(args):
            inner = members[0] if len(members) == 1 else typing.Union[members]  # noqa: UP007
            return Optional(shape_of(inner, field_limits, actor_classes))
        if set(members) == set(actor_classes):
            return OneOf(actor_classes)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner_shape = shape_of(args[0], Limits(), actor_classes)
        return Items(inner_shape, min_items=field_limits.min_items)
    raise TypeError(f"diplomev records cannot hold fields of type {tp!r}")


@attrs.frozen
class FieldPlan:
    """One field of a record class: its attribute name (also its wire key) and shape."""

    name: str
    shape: Shape
    required: bool
    default: Any


@attrs.frozen
class ClassPlan:
    """Everything derived once from a record class, for validation and for the codec."""

    cls: type
    fields: tuple[FieldPlan, ...]
    fast_ok: Callable[[Any], bool]
    cross_check: Callable[[Any], Iterable[ErrorDetail]] | None


_PLANS: dict[type, ClassPlan] = {}
_ACTOR_CLASSES: list[tuple[type, ...]] = []


def set_actor_classes(classes: tuple[type, ...]) -> None:
    """Tell the planner which classes make up the actor union (called once by `actors`)."""
    _ACTOR_CLASSES[:] = [classes]


def plan_for(cls: type) -> ClassPlan:
    """Return the (cached) plan of a record class."""
    try:
        return _PLANS[cls]
    except KeyError:
        plan = _PLANS[cls] = _build_plan(cls)
        return plan


def _build_plan(cls: type) -> ClassPlan:
    hints = typing.get_type_hints(cls)
    actor_classes = _ACTOR_CLASSES[0]
    fields = []
    for attribute in attrs.fields(cls):
        field_limits = attribute.metadata.get(_METADATA_KEY, Limits())
        shape = shape_of(hints[attribute.name], field_limits, actor_classes)
        required = attribute.default is _NO_DEFAULT
        default = attribute.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        fields.append(FieldPlan(attribute.name, shape, required, default))
    ns: dict[str, Any] = {}
    tests = [shape_fast(f, ns) for f in fields] or ["True"]
    source = "def fast_ok(s):\n    return (" + "\n        and ".join(tests) + ")\n"
    exec(compile(source, f"<diplomev fast check of {cls.__qualname__}>", "exec"), ns)
    return ClassPlan(cls, tuple(fields), ns["fast_ok"], getattr(cls, "_cross_check", None))


def shape_fast(field: FieldPlan, ns: dict[str, Any]) -> str:
    """Return the fast check of one field of the record bound to ``s``."""
    return field.shape.fast(f"s.{field.name}", ns)


class Validated:
    """Base of every record class: validates each new instance (also after `attrs.evolve`)."""

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        validate(self)


# --- validation ---------------------------------------------------------------------------


def validate(record: Any) -> None:
    """Validate a freshly built record, normalizing friendly inputs in place.

    Raises `ValidationError` listing every problem, paths relative to the record.
    """
    plan = plan_for(type(record))
    if plan.fast_ok(record):
        if plan.cross_check is None:
            return
        problems = Problems(plan.cross_check(record))
    else:
        problems = Problems()
        clean = True
        for field in plan.fields:
            value = getattr(record, field.name)
            inner = Problems()
            normalized = field.shape.check(value, inner)
            if normalized is not value:
                object.__setattr__(record, field.name, normalized)
            if inner:
                clean = False
                problems.extend_within(f".{field.name}", inner)
        if clean and plan.cross_check is not None:
            problems.extend(plan.cross_check(record))
    if problems:
        raise ValidationError(problems)


def check_fields(cls: type, values: Mapping[str, Any]) -> list[ErrorDetail]:
    """Check some field values of ``cls`` without building it (for reporting every problem)."""
    problems = Problems()
    for field in plan_for(cls).fields:
        if field.name in values:
            inner = Problems()
            field.shape.check(values[field.name], inner)
            problems.extend_within(f".{field.name}", inner)
    return problems
