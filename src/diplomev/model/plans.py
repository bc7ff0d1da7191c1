"""Class plans: each record class's fields and rules, derived once from its annotations.

A plan lists every field with its shape (see `shapes`), whether it is required and its
default, the class's declared cross-field rules (see `rules`), its wire tag (see
`registry`), and one generated boolean function that tells whether an instance is valid
as it stands. Validation, the codec, the JSON Schema, the CSV columns and the strategies
all read plans; none of them looks at annotations again.

Validation of a record has two paths. The fast one is that generated function: true when
every field already holds a value of the right type and range and every rule holds; it
is what runs for records built by the codec or with already normal values. Only when it
is false does the slow path run: it normalizes friendly inputs (a list for a tuple,
``"occurred"`` for ``Status.OCCURRED``) for classes whose fields have no converter of
their own, and collects every problem with its path.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, ClassVar

import attrs

from diplomev.dates import EventDate
from diplomev.errors import ErrorDetail, ValidationError
from diplomev.model import registry
from diplomev.model import shapes as sh
from diplomev.model.codegen import Source
from diplomev.model.rules import Check, Rule

__all__ = [
    "ClassPlan",
    "CountryCode",
    "CurrencyCode",
    "Extensions",
    "FieldPlan",
    "Limits",
    "Validated",
    "check_fields",
    "limits",
    "plan_for",
    "shape_of",
    "validate",
]

#: An ISO 3166-1 alpha-3 code (or ``XKX`` for Kosovo), held as a plain ``str``.
#: Annotating a field with it gives the field the country check; to a type checker it is
#: simply ``str``, so ``country="KOR"`` needs no wrapper.
CountryCode = Annotated[str, sh.Alpha3()]

#: An ISO 4217 currency code, held as a plain ``str`` (``"USD"``).
CurrencyCode = Annotated[str, sh.Currency()]

#: Custom fields of an event: ``x_`` keys to JSON values.
Extensions = Mapping[str, Any]

_METADATA_KEY = "diplomev"


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


def _tagged_union(members: tuple[Any, ...]) -> bool:
    return all(isinstance(m, type) and registry.tag_of(m) is not None for m in members)


def shape_of(tp: Any, field_limits: Limits = Limits()) -> sh.Shape:
    """Derive the shape of a field from its resolved annotation and declared limits.

    >>> shape_of(tuple[str, ...], Limits(min_items=1))
    Items(inner=Str(), min_items=1)
    >>> shape_of(CountryCode | None)
    Optional(inner=Alpha3())
    """
    if typing.get_origin(tp) is Annotated:
        # A shape in the metadata says what the plain type cannot (a country code's table).
        found = [meta for meta in tp.__metadata__ if isinstance(meta, sh.Shape)]
        return found[0] if found else shape_of(tp.__origin__, field_limits)
    simple = _SIMPLE.get(tp) if isinstance(tp, type) else None
    if simple is not None:
        return simple(field_limits)
    if tp == Extensions:
        return sh.ExtensionMap()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return sh.Choice(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return sh.Record(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        members = tuple(arg for arg in args if arg is not type(None))
        if len(members) < len(args):
            inner = members[0] if len(members) == 1 else typing.Union[members]  # noqa: UP007
            return sh.Optional(shape_of(inner, field_limits))
        if _tagged_union(members):
            return sh.OneOf(members)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return sh.Items(shape_of(args[0]), min_items=field_limits.min_items)
    raise TypeError(f"diplomev records cannot hold fields of type {tp!r}")


_SIMPLE: dict[type, Callable[[Limits], sh.Shape]] = {
    str: lambda _: sh.Str(),
    bool: lambda _: sh.Bool(),
    int: lambda lim: sh.Int(ge=None if lim.ge is None else int(lim.ge)),
    float: lambda lim: sh.Float(ge=lim.ge, le=lim.le),
    EventDate: lambda _: sh.Date(),
    datetime.date: lambda _: sh.Day(),
}


@attrs.frozen
class FieldPlan:
    """One field of a record class: its attribute name (also its wire key) and shape."""

    name: str
    shape: sh.Shape
    required: bool
    default: Any
    #: Whether the field's own attrs converter normalizes friendly input already.
    converted: bool = False

    @property
    def is_extensions(self) -> bool:
        """Whether this is the event's ``x_`` fields, written as keys of the event itself."""
        return isinstance(self.shape, sh.ExtensionMap)

    @property
    def nullable(self) -> bool:
        """Whether ``None`` is a value of the field."""
        return isinstance(self.shape, sh.Optional)


@attrs.frozen
class ClassPlan:
    """Everything derived once from a record class, for validation and for the codec."""

    cls: type
    fields: tuple[FieldPlan, ...]
    rules: tuple[Rule, ...]
    tag: str | None
    #: True when an instance needs neither normalizing nor a report.
    valid_as_is: Callable[[Any], bool]

    def rules_fast(self, var: str, ns: dict[str, Any]) -> str | None:
        """Return an expression true when every rule holds for ``var``; None without rules."""
        if not self.rules:
            return None
        return "(" + " and ".join(rule.fast(var, ns) for rule in self.rules) + ")"

    @property
    def is_event(self) -> bool:
        """Whether this is a kind of event (it carries the format version and ``x_`` keys)."""
        return registry.tagged("event").get(self.tag or "") is self.cls

    @property
    def wire_fields(self) -> tuple[FieldPlan, ...]:
        """The fields that are keys of their own on the wire (all but the ``x_`` fields)."""
        return tuple(field for field in self.fields if not field.is_extensions)

    @property
    def extensions_field(self) -> str | None:
        """The name of the field holding the ``x_`` fields, if the class has one."""
        return next((field.name for field in self.fields if field.is_extensions), None)

    def field(self, name: str) -> FieldPlan:
        """Return the plan of the field ``name``."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)


_PLANS: dict[type, ClassPlan] = {}


def plan_for(cls: type) -> ClassPlan:
    """Return the (cached) plan of a record class.

    >>> from diplomev import Person
    >>> [field.name for field in plan_for(Person).fields]
    ['name', 'office', 'country', 'affiliation']
    >>> plan_for(Person).rules
    (AnyOf(names=('name', 'office'), message='a person needs a name or an office'),)
    """
    try:
        return _PLANS[cls]
    except KeyError:
        plan = _PLANS[cls] = _build_plan(cls)
        return plan


def rules_of(cls: type) -> tuple[Rule, ...]:
    """Return the rules a class declares in ``constraints``, its bases' first."""
    found: list[Rule] = []
    for klass in reversed(cls.__mro__):
        found.extend(klass.__dict__.get("constraints", ()))
        legacy = klass.__dict__.get("_cross_check")
        if legacy is not None:
            # The first release's way for a user's kind to declare a rule: still honoured.
            found.append(Check((), legacy))
    return tuple(found)


def _build_plan(cls: type) -> ClassPlan:
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = []
    for attribute in attrs.fields(cls):
        field_limits = attribute.metadata.get(_METADATA_KEY, Limits())
        shape = shape_of(hints[attribute.name], field_limits)
        default = attribute.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        required = attribute.default is attrs.NOTHING
        converted = attribute.converter is not None
        fields.append(FieldPlan(attribute.name, shape, required, default, converted))
    plan = ClassPlan(cls, tuple(fields), rules_of(cls), registry.tag_of(cls), _always)
    src = Source()
    tests = [field.shape.fast(f"s.{field.name}", src.ns) for field in fields] or ["True"]
    rules = plan.rules_fast("s", src.ns)
    if rules is not None:
        tests.append(rules)
    src.add(0, "def valid_as_is(s):")
    src.add(1, "return (" + "\n        and ".join(tests) + ")")
    valid_as_is = src.compile("valid_as_is", f"validity check of {cls.__qualname__}")
    return attrs.evolve(plan, valid_as_is=valid_as_is)


def _always(record: Any) -> bool:
    return True  # pragma: no cover - replaced as soon as the plan's check is compiled


class Validated:
    """Base of every record class: validates each new instance (also after `attrs.evolve`).

    Records are frozen: `attrs.evolve` makes a changed copy, validated like the original.

    >>> import attrs
    >>> from diplomev import Country
    >>> attrs.evolve(Country(code="KOR"), code="CHN")
    Country(code='CHN')
    """

    __slots__ = ()

    #: The cross-field rules of the class (see `diplomev.model.rules`); bases' rules apply too.
    constraints: ClassVar[tuple[Rule, ...]] = ()

    def __attrs_post_init__(self) -> None:
        validate(self)


def validate(record: Any) -> None:
    """Validate a freshly built record, normalizing friendly inputs in place.

    Raises `ValidationError` listing every problem, paths relative to the record.
    """
    plan = plan_for(type(record))
    if plan.valid_as_is(record):
        return
    problems = sh.Problems()
    bad: set[str] = set()
    for field in plan.fields:
        value = getattr(record, field.name)
        inner = sh.Problems()
        normalized = field.shape.check(value, inner)
        if normalized is not value:
            object.__setattr__(record, field.name, normalized)
        if inner:
            bad.add(field.name)
            problems.extend_within(f".{field.name}", inner)
    problems.extend(rule_problems(plan, record, bad))
    if problems:
        raise ValidationError(problems)


def rule_problems(plan: ClassPlan, record: Any, bad: set[str]) -> list[ErrorDetail]:
    """Return the problems of the rules whose fields are all well typed (none in ``bad``)."""
    found: list[ErrorDetail] = []
    for rule in plan.rules:
        if not bad.intersection(rule.fields) and not (bad and not rule.fields):
            found.extend(rule.check(record))
    return found


def check_fields(cls: type, values: Mapping[str, Any]) -> list[ErrorDetail]:
    """Check some field values of ``cls`` without building it (for reporting every problem)."""
    problems = sh.Problems()
    for field in plan_for(cls).fields:
        if field.name in values:
            inner = sh.Problems()
            field.shape.check(values[field.name], inner)
            problems.extend_within(f".{field.name}", inner)
    return problems
