r"""Records to and from JSON-ready dicts and JSON text, through one cattrs converter.

The wire form: an event is an object tagged ``"type"`` (``summit``, ``visit``, ...); actors
carry their own tag (``country``, ``person``, ``organization``); dates are EDTF strings and
enums their lowercase values; absent fields, empty arrays and enum fields at their default
are omitted (``status`` is always written); ``x_`` keys hold custom fields; any other unknown
key is an error. Nothing is coerced: ``12345`` is not a string and ``1`` is not ``true``.

>>> import diplomev
>>> event = diplomev.loads('{"type": "visit", "id": "v1", "date": "2019", '
...                        '"visitor": {"type": "person", "office": "President", "country": "KOR"}, '
...                        '"host": "CHN", "x_coder": "hand"}')
>>> event.visitor.office, event.extensions["x_coder"]
('President', 'hand')
>>> diplomev.dumps(event)
'{"type":"visit","id":"v1","date":"2019","status":"occurred","visitor":{"type":"person","office":"President","country":"KOR"},"host":"CHN","x_coder":"hand"}'

Every problem is reported at once, with its path in wire keys:

>>> try:
...     diplomev.from_dict({"type": "summit", "id": 12345, "date": "2026-01-05",
...                         "participants": [{"type": "country", "code": "KOR"},
...                                          {"type": "country", "code": "XXX"}],
...                         "venue": "Beijing"})
... except diplomev.ValidationError as e:
...     print("\n".join(str(d) for d in e.errors))
$.id: expected a string, got number
$.participants[1].code: unknown country code 'XXX'
$.venue: unknown field
"""

import enum
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, overload

import attrs
import cattrs
from cattrs.dispatch import StructureHook

from diplomev._fastpath import make_fast_structure, make_fast_unstructure
from diplomev._fields import (
    Alpha3,
    Bool,
    Choice,
    Date,
    Day,
    ExtensionMap,
    Float,
    Int,
    Items,
    OneOf,
    Optional,
    Problems,
    Record,
    Shape,
    Str,
    Validated,
    check_fields,
    is_extension_key,
    plan_for,
)
from diplomev._json import json_type_name
from diplomev._jsontext import dump_json, parse_json
from diplomev.actors import Actor, Country, Organization, OrganizationKind, Person
from diplomev.dates import EventDate, parse_edtf
from diplomev.errors import ValidationError
from diplomev.places import LocationKind
from diplomev.records import (
    DisputeKind,
    DisputeStage,
    Event,
    LinkRel,
    MeetingKind,
    Status,
    TradeMeasure,
    TradeStage,
    VisitKind,
    event_type_name,
    event_types,
    registered_type,
)

__all__ = [
    "FORMAT_VERSION",
    "configure_converter",
    "dumps",
    "from_dict",
    "loads",
    "make_converter",
    "to_dict",
]

#: The version of the serialized form this release writes (the ``"diplomev"`` key).
FORMAT_VERSION = "1"

_ACTOR_TAGS: dict[type, str] = {Country: "country", Person: "person", Organization: "organization"}
_ACTORS_BY_TAG: dict[str, type] = {tag: cls for cls, tag in _ACTOR_TAGS.items()}
_TAG = "type"
_VERSION = "diplomev"

R = TypeVar("R", bound=Validated)

# A structure hook of ours takes the wire value (cattrs passes the type too, unused) and
# returns the built value or raises ValidationError with paths relative to that value.
_Hook = Callable[..., Any]


def _fail(message: str) -> ValidationError:
    return ValidationError.at("$", message)


# --- structuring --------------------------------------------------------------------------


class _Structurer:
    """Builds and caches the structure hook of each diplomev type for one converter."""

    def __init__(self, *, fast: bool = True) -> None:
        self._hooks: dict[type, _Hook] = {}
        # Without fast paths every record goes through the detailed hooks: the reference
        # the tests hold the fast paths to.
        self._fast = fast

    def for_shape(self, shape: Shape) -> _Hook | None:
        """Return the hook a field of this shape needs, or None to pass the value through.

        Scalars pass through: the record checks them when it is built, so each value is
        type-checked once.
        """
        if isinstance(shape, Str | Alpha3 | Int | Float | Bool):
            return None
        if isinstance(shape, Choice):
            return _structure_enum(shape.enum)
        if isinstance(shape, Date):
            return _structure_date
        if isinstance(shape, Day):
            return _structure_day
        if isinstance(shape, Record):
            return self.record(shape.cls)
        if isinstance(shape, OneOf):
            return self.actor
        if isinstance(shape, Optional):
            return _optional(self.for_shape(shape.inner))
        if isinstance(shape, Items):
            return _items(self.for_shape(shape.inner))
        raise TypeError(f"no structure hook for {shape!r}")  # pragma: no cover

    def record(self, cls: type[R]) -> Callable[[Any, Any], R]:
        """Return the hook that builds ``cls`` from a mapping, reporting every problem.

        Hooks are kept here rather than looked up through the converter, so that a
        caller's hook for ``str`` (which a `StrEnum` would match) never reaches our fields.
        """
        try:
            return self._hooks[cls]
        except KeyError:
            pass
        detailed = self._build_record(cls)
        if not self._fast:
            self._hooks[cls] = detailed
            return detailed
        hook = self._hooks[cls] = make_fast_structure(
            plan_for(cls),
            tag=_tag_of(cls),
            version=FORMAT_VERSION if issubclass(cls, Event) else None,
            detailed=detailed,
            record_hook=self.record,
            actor_hooks=lambda: {tag: self.record(actor) for actor, tag in _ACTOR_TAGS.items()},
        )
        return hook

    def _build_record(self, cls: type[R]) -> Callable[[Any, Any], R]:
        """Build the detailed hook: it checks every field and reports every problem."""
        plan = plan_for(cls)
        is_event = issubclass(cls, Event)
        tag = _tag_of(cls)
        fields = tuple(
            (field.name, self.for_shape(field.shape), field.required)
            for field in plan.fields
            if not isinstance(field.shape, ExtensionMap)
        )
        known = frozenset(name for name, _, _ in fields)
        # Problems are reported in field order, whichever check found them.
        order = {"": -1, **{field.name: index for index, field in enumerate(plan.fields)}}

        def structure(data: Any, _: Any = None) -> R:
            if type(data) is not dict and not isinstance(data, Mapping):
                raise _fail(f"expected an object, got {json_type_name(data)}")
            present = 0
            problems = Problems()
            if tag is not None:
                # Events and actors carry their tag wherever they are, as to_dict writes them.
                if _TAG not in data:
                    problems.add("$.type", "required field missing")
                elif data[_TAG] != tag:
                    # Another kind's fields would all look wrong: report the one real problem.
                    raise ValidationError.at("$.type", f"expected {tag!r}, got {data[_TAG]!r}")
                else:
                    present = 1
            kwargs: dict[str, Any] = {}
            for name, hook, required in fields:
                if name in data:
                    present += 1
                    value = data[name]
                    if hook is not None:
                        try:
                            value = hook(value)
                        except ValidationError as e:
                            problems.extend_within(f".{name}", e.errors)
                            continue
                    kwargs[name] = value
                elif required:
                    problems.add(f"$.{name}", "required field missing")
            if len(data) > present:
                extensions = _other_keys(data, known, tag, is_event, problems)
                if extensions:
                    kwargs["extensions"] = extensions
            if problems:
                # Scalars were passed through for the record to check; as it cannot be
                # built, check them here so that every problem is reported in one go.
                problems.extend(check_fields(cls, kwargs))
                problems.sort(key=lambda detail: order.get(_top_key(detail.path), len(order)))
                raise ValidationError(problems)
            return _construct(cls, kwargs)

        return structure

    def actor(self, data: Any, _: Any = None) -> Any:
        """Build whichever actor the ``"type"`` tag names."""
        return self._tagged(data, _ACTORS_BY_TAG, "actor")

    def event(self, data: Any, _: Any = None) -> Event:
        """Build whichever registered kind the ``"type"`` tag names."""
        if type(data) is dict and _VERSION not in data:
            # The common case, without the checks and migration below: a known tag.
            cls = registered_type(data.get(_TAG))
            if cls is not None:
                result: Event = self.record(cls)(data, cls)
                return result
        if isinstance(data, Mapping) and _VERSION in data:
            data = _migrate(data)
        return self._tagged(data, event_types(), "event")  # type: ignore[no-any-return]

    def _tagged(self, data: Any, classes: Mapping[str, type], what: str) -> Any:
        if not isinstance(data, Mapping):
            raise _fail(f"expected an object, got {json_type_name(data)}")
        tag = data.get(_TAG)
        if tag is None:
            # Report the missing tag alone: without it nothing else can be checked.
            raise ValidationError.at("$.type", "required field missing")
        cls = classes.get(tag) if isinstance(tag, str) else None
        if cls is None:
            names = ", ".join(repr(name) for name in classes)
            raise ValidationError.at("$.type", f"unknown {what} type {tag!r}; expected {names}")
        return self.record(cls)(data, cls)


def _construct(cls: type[R], kwargs: dict[str, Any]) -> R:
    """Build a record; what a user's own attrs validator raises becomes a ValidationError."""
    try:
        return cls(**kwargs)
    except ValidationError:
        raise
    except (TypeError, ValueError) as e:
        message = str(e.args[0] if e.args else e)
        # attrs' validators name the field: as the second argument, or quoted first thing.
        attribute = e.args[1] if len(e.args) > 1 else None
        if isinstance(attribute, attrs.Attribute):
            name = attribute.name
        else:
            quoted = re.match(r"'(\w+)'", message)
            name = quoted.group(1) if quoted else ""
        path = f"$.{name}" if any(f.name == name for f in plan_for(cls).fields) else "$"
        raise ValidationError.at(path, message) from e


def _top_key(path: str) -> str:
    """Return the top-level key a path starts with: ``$.sources[0].url`` gives ``sources``."""
    end = len(path)
    for stop in (".", "["):
        found = path.find(stop, 2)
        if found != -1:
            end = min(end, found)
    return path[2:end]


def _other_keys(
    data: Mapping[Any, Any],
    known: frozenset[str],
    tag: str | None,
    is_event: bool,
    problems: Problems,
) -> Any:
    """Check keys that are not fields: the tag, the version, ``x_`` fields, unknown ones."""
    custom: dict[str, Any] = {}
    for key in data:
        if key in known:
            continue
        if key == _TAG and tag is not None:
            pass  # checked before anything else
        elif key == _VERSION and is_event:
            if data[key] != FORMAT_VERSION:
                problems.add("$.diplomev", f"unsupported format version {data[key]!r}")
        elif is_event and isinstance(key, str) and is_extension_key(key):
            custom[key] = data[key]
        else:
            problems.add(f"$.{key}", "unknown field")
    if not custom:
        return None
    inner = Problems()
    frozen = ExtensionMap().check(custom, inner)
    if inner:
        problems.extend(inner)  # x_ keys sit at the top level, so their paths do too
        return None
    return frozen


# Migrations from older format versions, keyed by the version they read; each returns a
# dict of the next version. Version 1 is the first, so there are none yet.
_MIGRATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _migrate(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Bring a record of an older format version to the current one (pystac's model)."""
    version = data[_VERSION]
    while isinstance(version, str) and version in _MIGRATIONS:
        data = _MIGRATIONS[version](dict(data))
        version = data[_VERSION]
    return data


def _optional(inner: _Hook | None) -> _Hook | None:
    if inner is None:
        return None

    def structure(value: Any, _: Any = None) -> Any:
        return None if value is None else inner(value)

    return structure


def _items(inner: _Hook | None) -> _Hook:
    def structure(value: Any, _: Any = None) -> tuple[Any, ...]:
        if type(value) is not list and not isinstance(value, list | tuple):
            raise _fail(f"expected an array, got {json_type_name(value)}")
        if inner is None:
            return tuple(value)
        items = []
        problems = Problems()
        for index, item in enumerate(value):
            try:
                items.append(inner(item))
            except ValidationError as e:
                problems.extend_within(f"[{index}]", e.errors)
        if problems:
            raise ValidationError(problems)
        return tuple(items)

    return structure


@functools.cache
def _structure_enum(cls: type[enum.Enum]) -> _Hook:
    members = {member.value: member for member in cls}
    expected = ", ".join(repr(value) for value in members)

    def structure(value: Any, _: Any = None) -> Any:
        if isinstance(value, str):
            member = members.get(value)
            if member is not None:
                return member
        raise _fail(f"expected one of {expected}, got {value!r}")

    return structure


def _structure_date(value: Any, _: Any = None) -> EventDate:
    if type(value) is str:
        return parse_edtf(value)
    raise _fail(f"expected an EDTF date string, got {json_type_name(value)}")


def _structure_day(value: Any, _: Any = None) -> Any:
    problems = Problems()
    day = Day().check(value, problems)
    if problems:
        raise ValidationError(problems)
    return day


# --- unstructuring ------------------------------------------------------------------------


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _omit_default(default: Any) -> bool:
    """Enum fields at their default say nothing, except status: readers filter on it."""
    return isinstance(default, enum.Enum) and default is not Status.OCCURRED


class _Unstructurer:
    """Builds and caches the unstructure function of each record class."""

    def __init__(self) -> None:
        self._hooks: dict[type, Callable[[Any], dict[str, Any]]] = {}

    def record(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        try:
            return self._hooks[cls]
        except KeyError:
            hook = self._hooks[cls] = make_fast_unstructure(
                plan_for(cls), tag=_tag_of(cls), record_hook=self.record, omit_default=_omit_default
            )
            return hook


def _tag_of(cls: type) -> str | None:
    """Return the ``"type"`` tag a class is written with: events and actors have one."""
    return event_type_name(cls) if issubclass(cls, Event) else _ACTOR_TAGS.get(cls)


# --- the converter ------------------------------------------------------------------------


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Validated) and tp is not Event


_VOCABULARIES: tuple[type[enum.Enum], ...] = (
    Status,
    LinkRel,
    VisitKind,
    MeetingKind,
    DisputeKind,
    DisputeStage,
    TradeMeasure,
    TradeStage,
    OrganizationKind,
    LocationKind,
)


def configure_converter(
    converter: cattrs.Converter, *, strict_scalars: bool = False
) -> cattrs.Converter:
    """Add diplomev's hooks to a cattrs converter of the caller's, and return it.

    Records of ours that a tool embeds in its own attrs classes are then read and written
    in diplomev's form, with diplomev's validation. The caller's policy for plain strings,
    numbers and booleans is left alone unless ``strict_scalars`` makes them strict too.

    >>> import attrs, cattrs
    >>> from diplomev import Summit
    >>> @attrs.define
    ... class Batch:
    ...     label: str
    ...     events: list[Summit]
    >>> converter = configure_converter(cattrs.Converter())
    >>> batch = converter.structure({"label": "seed", "events": [{
    ...     "type": "summit", "id": "s", "date": "2025-11", "participants": [
    ...         {"type": "country", "code": "KOR"}, {"type": "country", "code": "CHN"}]}]},
    ...     Batch)
    >>> batch.events[0].participants[1].name
    'China'
    """
    return _configure(converter, _Structurer(), _Unstructurer(), strict_scalars=strict_scalars)


def _configure(
    converter: cattrs.Converter,
    structurer: _Structurer,
    unstructurer: _Unstructurer,
    *,
    strict_scalars: bool,
) -> cattrs.Converter:
    converter.register_structure_hook_factory(_is_record, structurer.record)
    for vocabulary in _VOCABULARIES:
        # By class, not by predicate: a hook the caller registered for str would win.
        converter.register_structure_hook(vocabulary, _structure_enum(vocabulary))
        converter.register_unstructure_hook(vocabulary, _enum_value)
    converter.register_structure_hook(EventDate, _structure_date)
    converter.register_structure_hook_func(lambda tp: tp == Actor, structurer.actor)
    converter.register_structure_hook_func(lambda tp: tp is Event, structurer.event)
    converter.register_unstructure_hook_factory(_is_record, unstructurer.record)
    converter.register_unstructure_hook(EventDate, str)

    def unstructure_event(event: Event) -> dict[str, Any]:
        result: dict[str, Any] = converter.get_unstructure_hook(type(event))(event)
        return result

    converter.register_unstructure_hook_func(lambda tp: tp is Event, unstructure_event)
    if strict_scalars:
        _make_scalars_strict(converter)
    return converter


def _make_scalars_strict(converter: cattrs.Converter) -> None:
    def strict(expected: type, allowed: tuple[type, ...], noun: str) -> StructureHook:
        def structure(value: Any, _: Any = None) -> Any:
            if type(value) in allowed:
                return expected(value)
            raise _fail(f"expected {noun}, got {json_type_name(value)}")

        return structure

    converter.register_structure_hook(str, strict(str, (str,), "a string"))
    converter.register_structure_hook(int, strict(int, (int,), "an integer"))
    converter.register_structure_hook(float, strict(float, (float, int), "a number"))
    converter.register_structure_hook(bool, strict(bool, (bool,), "true or false"))


def make_converter() -> cattrs.Converter:
    """Return a new cattrs converter with diplomev's hooks and strict scalars.

    >>> converter = make_converter()
    >>> converter.structure("2026-01-04?/2026-01-06?", EventDate)
    EventDate(start=PartialDate(year=2026, month=1, day=4, uncertain=True, approximate=False), end=PartialDate(year=2026, month=1, day=6, uncertain=True, approximate=False))
    >>> converter.structure(12345, str)
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: expected a string, got number
    """
    return configure_converter(cattrs.Converter(), strict_scalars=True)


# The converter behind the module's functions; they call its hooks directly, without
# going through cattrs' dispatch on every record.
_STRUCTURER = _Structurer()
_UNSTRUCTURER = _Unstructurer()
_CONVERTER = _configure(cattrs.Converter(), _STRUCTURER, _UNSTRUCTURER, strict_scalars=True)


# --- the public functions -----------------------------------------------------------------


@overload
def from_dict(data: object) -> Event: ...
@overload
def from_dict(data: object, cls: type[R]) -> R: ...
def from_dict(data: object, cls: type[Any] = Event) -> Any:
    """Build a record from JSON-ready data; by default any event kind, chosen by ``"type"``.

    Raises `ValidationError` listing every problem, whatever ``data`` is.

    >>> from diplomev import Person
    >>> from_dict({"type": "person", "name": "Xi Jinping", "country": "CHN"}, Person).name
    'Xi Jinping'
    >>> from_dict([])
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: expected an object, got array
    """
    if cls is not Event and not _is_record(cls):
        raise TypeError(f"from_dict builds diplomev records, not {cls!r}")
    hook = _STRUCTURER.event if cls is Event else _STRUCTURER.record(cls)
    try:
        return hook(data, cls)
    except RecursionError:
        raise _fail("nested too deeply") from None


def to_dict(record: Validated) -> dict[str, Any]:
    """Return the JSON-ready dict of a record (an event or a building block).

    >>> from diplomev import Country
    >>> to_dict(Country(code="KOR"))
    {'type': 'country', 'code': 'KOR'}
    """
    return _UNSTRUCTURER.record(type(record))(record)


def loads(text: str | bytes | bytearray, cls: type[Any] = Event) -> Any:
    """Build a record from JSON text (bytes must be UTF-8).

    >>> from diplomev import Country
    >>> loads(b'{"type": "country", "code": "JPN"}', Country)
    Country(code='JPN')
    >>> loads('{"type": "summit", ')
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: invalid JSON at column 20: Expecting property name enclosed in double quotes
    """
    return from_dict(parse_json(text), cls)


def dumps(record: Validated) -> str:
    """Return the compact JSON text of a record; the same record always gives the same text.

    >>> from diplomev import Country
    >>> dumps(Country(code="KOR"))
    '{"type":"country","code":"KOR"}'
    """
    return dump_json(to_dict(record))
