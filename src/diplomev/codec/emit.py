"""The one emitter: from a class plan, the codec's three functions for that class.

Why generated: reading a record through general, data-driven hooks costs a loop
iteration, a hook call and a dictionary insertion per field, then ``__init__`` and the
record's validation, for input that is nearly always valid. One walk over the plan's
fields writes straight-line code instead, as cattrs does, in three variants:

- **fast** ``(data) -> record | INVALID``: one ``dict.get`` per field, the shape's fast
  test, conversions inline (vocabularies through one dict, dates through the cached EDTF
  parser, integers for numbers), nested records through their own fast functions, the
  instance built through its slots, the declared rules asked whether they hold. At the
  first irregularity it returns the `INVALID` sentinel; it never reports and never falls
  back by itself.
- **detailed** ``(data) -> record``: the same fields, each checked to the end, raising one
  `ValidationError` with every problem and its path. Nested values go through their
  ``structure`` (fast, then detailed only if needed), so the detailed code of a record
  runs at most once per input.
- **unstructure** ``(record) -> dict``: one attribute read per field, omitting what the
  wire omits.

`Hooks.structure` runs fast, and detailed only when fast said `INVALID`. The functions are
built once per class for the process (they depend on the plan, not on any converter) and
their source is registered in `linecache` under a name of its own (see `model.codegen`).

Classes whose construction does more than diplomev's own validation (an attrs validator or
converter of a user's, an ``__attrs_pre_init__``) are built by calling the class, so
nothing of theirs is skipped.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from diplomev._json import EMPTY_OBJECT, JSONObject, freeze_json, json_type_name, thaw_json
from diplomev.dates import EventDate, parse_edtf
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError, key_segment
from diplomev.model import registry
from diplomev.model.codegen import Source
from diplomev.model.convert import is_ours
from diplomev.model.plans import ClassPlan, FieldPlan, Validated, plan_for
from diplomev.model.shapes import (
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
    ShapeVisitor,
    Str,
    is_extension_key,
    quick_day,
)
from diplomev.records import Status

__all__ = ["INVALID", "Hooks", "detailed_only", "hooks_for", "structure_tagged"]


class _Invalid:
    """The fast path's answer for input it does not take as it stands."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()
_MISSING: Any = object()
_TAG, _VERSION, _FORMAT = registry.TAG_KEY, registry.VERSION_KEY, registry.FORMAT_VERSION


@attrs.frozen
class Hooks:
    """The generated functions of one record class."""

    fast: Callable[[Any], Any]
    detailed: Callable[[Any], Any]
    unstructure: Callable[[Any], dict[str, Any]]

    def structure(self, data: Any) -> Any:
        """Build the record from wire data, or raise `ValidationError` with every problem."""
        result = self.fast(data)
        return self.detailed(data) if result is INVALID else result


_HOOKS: dict[type, Hooks] = {}


def hooks_for(cls: type) -> Hooks:
    """Return the (cached) generated functions of a record class.

    >>> from diplomev import Country
    >>> hooks_for(Country).structure({"type": "country", "code": "KOR"})
    Country(code='KOR')
    >>> hooks_for(Country).fast({"type": "country", "code": "kor"})
    INVALID
    """
    try:
        return _HOOKS[cls]
    except KeyError:
        pass
    plan = plan_for(cls)
    # Children first: the generated code binds their functions directly.
    fast = _emit_fast(plan)
    detailed = _emit_detailed(plan, _STRUCTURE)
    hooks = _HOOKS[cls] = Hooks(fast, detailed, _emit_unstructure(plan))
    return hooks


def structure_actor(data: Any) -> Any:
    """Build whichever actor the ``"type"`` tag names, reporting every problem."""
    return structure_tagged(data, registry.tagged("actor"), "actor")


def structure_tagged(
    data: Any,
    classes: Mapping[str, type],
    what: str,
    structure_of: Callable[[type], Callable[[Any], Any]] | None = None,
) -> Any:
    """Build the class of ``classes`` that the ``"type"`` tag of ``data`` names."""
    if not isinstance(data, Mapping):
        raise _wrong_type("an object", data)
    tag = data.get(_TAG)
    if tag is None:
        # Report the missing tag alone: without it nothing else can be checked.
        raise ValidationError.at("$.type", "required field missing", ErrorCode.MISSING)
    cls = classes.get(tag) if isinstance(tag, str) else None
    if cls is None:
        names = ", ".join(repr(name) for name in classes)
        message = f"unknown {what} type {_short(tag)}; expected {names}"
        raise ValidationError.at("$.type", message, ErrorCode.UNKNOWN_TYPE)
    if structure_of is None:
        return hooks_for(cls).structure(data)
    return structure_of(cls)(data)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _wrong_type(expected: str, value: object) -> ValidationError:
    message = f"expected {expected}, got {json_type_name(value)}"
    return ValidationError.at("$", message, ErrorCode.WRONG_TYPE)


def trusted_construction(cls: type) -> bool:
    """Tell whether building ``cls`` runs nothing but diplomev's own normalizing and checks."""
    own_post_init = cls.__attrs_post_init__ is Validated.__attrs_post_init__  # type: ignore[attr-defined]
    plain_fields = all(
        a.validator is None and (a.converter is None or is_ours(a.converter))
        for a in attrs.fields(cls)
    )
    return own_post_init and plain_fields and not hasattr(cls, "__attrs_pre_init__")


# --- fast ---------------------------------------------------------------------------------


def _quiet_edtf(text: str) -> EventDate | None:
    try:
        return parse_edtf(text)
    except ValidationError:
        return None


def _extensions(data: dict[str, Any], known: frozenset[str]) -> JSONObject | None:
    """Return the ``x_`` fields of an event, frozen; None if any other key is unknown or bad."""
    custom = {}
    for key, value in data.items():
        if key in known:
            continue
        if not is_extension_key(key):
            return None
        custom[key] = value
    try:
        frozen: JSONObject = freeze_json(custom)
    except ValidationError:
        return None
    return frozen


def _fields_on_wire(plan: ClassPlan) -> list[FieldPlan]:
    return [field for field in plan.fields if not isinstance(field.shape, ExtensionMap)]


def _known_keys(plan: ClassPlan) -> frozenset[str]:
    extra = {_TAG} if plan.tag is not None else set()
    if plan.is_event:
        extra.add(_VERSION)
    return frozenset(field.name for field in _fields_on_wire(plan)) | extra


class _FastEmitter(ShapeVisitor[None]):
    """Writes the statements that check one value and leave it, converted, in ``out``.

    Each call reads ``self.value`` and writes to ``self.out`` at ``self.indent``; any
    irregularity returns `INVALID` from the generated function.
    """

    def __init__(self, src: Source) -> None:
        self.src = src
        self.value = self.out = ""
        self.indent = 0
        self._temps = 0

    def emit(self, shape: Shape, value: str, out: str, indent: int) -> None:
        saved = (self.value, self.out, self.indent)
        self.value, self.out, self.indent = value, out, indent
        shape.accept(self)
        self.value, self.out, self.indent = saved

    def _line(self, line: str, extra: int = 0) -> None:
        self.src.add(self.indent + extra, line)

    def _temp(self) -> str:
        self._temps += 1
        return f"_t{self._temps}"

    def _test(self, shape: Shape) -> None:
        self._line(f"if not {shape.fast(self.value, self.src.ns)}:")
        self._line("return _INVALID", 1)
        self._line(f"{self.out} = {self.value}")

    def text(self, shape: Str) -> None:
        self._test(shape)

    def country(self, shape: Alpha3) -> None:
        self._test(shape)

    def integer(self, shape: Int) -> None:
        self._test(shape)

    def boolean(self, shape: Bool) -> None:
        self._test(shape)

    def number(self, shape: Float) -> None:
        # JSON has one number type: 40 is as good a latitude as 40.0.
        v = self.value
        self._line(f"if type({v}) is int:")
        self._line(f"{v} = float({v})", 1)  # an OverflowError is caught: INVALID
        self._line(f"if type({v}) is not float or not ({shape.bounds(v)}):")
        self._line("return _INVALID", 1)
        self.src.ns["_inf"] = float("inf")
        self._line(f"{self.out} = {v}")

    def choice(self, shape: Choice) -> None:
        members = self.src.bind(shape.members)
        v = self.value
        self._line(f"{self.out} = {members}.get({v}) if type({v}) is str else None")
        self._line(f"if {self.out} is None:")
        self._line("return _INVALID", 1)

    def date(self, shape: Date) -> None:
        v = self.value
        self._line(f"{self.out} = {self.src.bind(_quiet_edtf)}({v}) if type({v}) is str else None")
        self._line(f"if {self.out} is None:")
        self._line("return _INVALID", 1)

    def day(self, shape: Day) -> None:
        self._line(f"{self.out} = {self.src.bind(quick_day)}({self.value})")
        self._line(f"if {self.out} is None:")
        self._line("return _INVALID", 1)

    def record(self, shape: Record) -> None:
        self._line(f"{self.out} = {self.src.bind(hooks_for(shape.cls).fast)}({self.value})")
        self._line(f"if {self.out} is _INVALID:")
        self._line("return _INVALID", 1)

    def one_of(self, shape: OneOf) -> None:
        # The classes' own fast functions, by tag: a value that is not an object, or a
        # missing or unknown tag, finds none.
        table = {registry.tag_of(cls): hooks_for(cls).fast for cls in shape.classes}
        v = self.value
        hook = self._temp()
        table_name = self.src.bind(table)
        self._line(f"{hook} = {table_name}.get({v}.get({_TAG!r})) if type({v}) is dict else None")
        self._line(f"if {hook} is None:")
        self._line("return _INVALID", 1)
        self._line(f"{self.out} = {hook}({v})")
        self._line(f"if {self.out} is _INVALID:")
        self._line("return _INVALID", 1)

    def optional(self, shape: Optional) -> None:
        self._line(f"if {self.value} is None:")
        self._line(f"{self.out} = None", 1)
        self._line("else:")
        self.emit(shape.inner, self.value, self.out, self.indent + 1)

    def items(self, shape: Items) -> None:
        v = self.value
        size = f" or len({v}) < {shape.min_items}" if shape.min_items else ""
        self._line(f"if (type({v}) is not list and type({v}) is not tuple){size}:")
        self._line("return _INVALID", 1)
        item, converted, collected = self._temp(), self._temp(), self._temp()
        if isinstance(shape.inner, Str | Alpha3 | Int | Bool):
            # Values kept as they are: test each, then take the array whole.
            self._line(f"for {item} in {v}:")
            self._line(f"if not {shape.inner.fast(item, self.src.ns)}:", 1)
            self._line("return _INVALID", 2)
            self._line(f"{self.out} = tuple({v})")
            return
        self._line(f"{collected} = []")
        self._line(f"for {item} in {v}:")
        self.emit(shape.inner, item, converted, self.indent + 1)
        self._line(f"{collected}.append({converted})", 1)
        self._line(f"{self.out} = tuple({collected})")

    def extensions(self, shape: ExtensionMap) -> None:  # pragma: no cover - read by the class
        raise TypeError("x_ fields are read with the record's other keys")


def _emit_fast(plan: ClassPlan) -> Callable[[Any], Any]:
    cls = plan.cls
    src = Source()
    src.ns.update(_INVALID=INVALID, _MISSING=_MISSING)
    emitter = _FastEmitter(src)
    src.add(0, "def fast(data):")
    src.add(1, "if type(data) is not dict:")
    src.add(2, "return _INVALID")
    src.add(1, "try:")
    if plan.tag is not None:
        src.add(2, f"if data.get({_TAG!r}) != {plan.tag!r}:")
        src.add(3, "return _INVALID")
    if plan.is_event:
        src.add(2, f"if data.get({_VERSION!r}, {_FORMAT!r}) != {_FORMAT!r}:")
        src.add(3, "return _INVALID")
    fields = _fields_on_wire(plan)
    extensions = [f.name for f in plan.fields if isinstance(f.shape, ExtensionMap)]
    known = src.bind(_known_keys(plan))
    # Unknown keys: one subset test of the keys, in C; x_ keys are the only ones allowed.
    src.add(2, f"if data.keys() <= {known}:")
    src.add(3, "ext = None")
    src.add(2, "else:")
    if extensions:
        src.add(3, f"ext = {src.bind(_extensions)}(data, {known})")
        src.add(3, "if ext is None:")
        src.add(4, "return _INVALID")
    else:
        src.add(3, "return _INVALID")
    values: list[tuple[str, str]] = []
    for index, field in enumerate(fields):
        var = f"v{index}"
        values.append((field.name, var))
        _emit_fast_read(src, emitter, field, var)
    for name in extensions:
        src.add(2, "if ext is None:")
        src.add(3, f"ext = {src.bind(EMPTY_OBJECT)}")
        values.append((name, "ext"))
    if trusted_construction(cls):
        src.add(2, f"obj = {src.bind(object.__new__)}({src.bind(cls)})")
        for name, var in values:
            slot = getattr(cls, name, None)
            if isinstance(slot, types.MemberDescriptorType):
                # Setting a slot through its descriptor: what object.__setattr__ ends in.
                src.add(2, f"{src.bind(slot.__set__)}(obj, {var})")
            else:
                src.add(2, f"{src.bind(object.__setattr__)}(obj, {name!r}, {var})")
        if plan.rules_hold is not None:
            src.add(2, f"if not {src.bind(plan.rules_hold)}(obj):")
            src.add(3, "return _INVALID")
    else:
        arguments = ", ".join(f"{name}={var}" for name, var in values)
        src.add(2, f"obj = {src.bind(cls)}({arguments})")
    src.add(2, "return obj")
    # Whatever else goes wrong (a number too large for a float, a user's validator), the
    # detailed function will say what, with its path.
    src.add(1, "except Exception:")
    src.add(2, "return _INVALID")
    return src.compile("fast", f"fast structure of {cls.__qualname__}")  # type: ignore[no-any-return]


# Stands for an absent array; only ever read.
_NO_ITEMS: list[Any] = []


def _emit_fast_read(src: Source, emitter: _FastEmitter, field: FieldPlan, var: str) -> None:
    """Emit the reading of one field into ``var``, its default when it is absent."""
    name, shape, default = field.name, field.shape, field.default
    if field.required:
        src.add(2, f"x = data.get({name!r}, _MISSING)")
        src.add(2, "if x is _MISSING:")
        src.add(3, "return _INVALID")
    elif isinstance(shape, Optional) and default is None:
        src.add(2, f"x = data.get({name!r})")  # absent and null both mean None
    elif isinstance(shape, Items) and default == ():
        src.add(2, f"x = data.get({name!r}, {src.bind(_NO_ITEMS)})")
    elif isinstance(shape, Choice) and isinstance(default, shape.enum):
        src.add(2, f"x = data.get({name!r}, {default.value!r})")
    else:
        src.add(2, f"x = data.get({name!r}, _MISSING)")
        src.add(2, "if x is _MISSING:")
        src.add(3, f"{var} = {src.bind(default)}")
        src.add(2, "else:")
        emitter.emit(shape, "x", var, 3)
        return
    emitter.emit(shape, "x", var, 2)


# --- detailed -----------------------------------------------------------------------------

#: Reads one value in full: returns it converted, or INVALID after adding its problems
#: (paths under the prefix given) to the list.
_Reader = Callable[[Any, Problems, str], Any]


def _checked(shape: Shape) -> _Reader:
    def read(value: Any, problems: Problems, prefix: str) -> Any:
        inner = Problems()
        result = shape.check(value, inner)
        if inner:
            problems.extend_within(prefix, inner)
            return INVALID
        return result

    return read


def _nested(structure: Callable[[Any], Any]) -> _Reader:
    def read(value: Any, problems: Problems, prefix: str) -> Any:
        try:
            return structure(value)
        except ValidationError as e:
            problems.extend_within(prefix, e.errors)
            return INVALID

    return read


class _DetailedReaders(ShapeVisitor[_Reader]):
    """For each shape, the function that reads a wire value of it in full.

    ``structure_of(cls)`` gives the function nested records are read with: their
    `Hooks.structure`, or (for the tests' reference) their detailed function alone.
    """

    def __init__(self, structure_of: Callable[[type], Callable[[Any], Any]]) -> None:
        self.structure_of = structure_of

    def text(self, shape: Str) -> _Reader:
        return _checked(shape)

    def country(self, shape: Alpha3) -> _Reader:
        return _checked(shape)

    def integer(self, shape: Int) -> _Reader:
        return _checked(shape)

    def number(self, shape: Float) -> _Reader:
        return _checked(shape)

    def boolean(self, shape: Bool) -> _Reader:
        return _checked(shape)

    def choice(self, shape: Choice) -> _Reader:
        return _checked(shape)

    def date(self, shape: Date) -> _Reader:
        return _checked(shape)

    def day(self, shape: Day) -> _Reader:
        return _checked(shape)

    def record(self, shape: Record) -> _Reader:
        return _nested(self.structure_of(shape.cls))

    def one_of(self, shape: OneOf) -> _Reader:
        classes = {registry.tag_of(cls) or "": cls for cls in shape.classes}
        noun = "actor" if set(classes) <= set(registry.tagged("actor")) else "record"
        structure_of = self.structure_of
        return _nested(lambda value: structure_tagged(value, classes, noun, structure_of))

    def optional(self, shape: Optional) -> _Reader:
        inner = shape.inner.accept(self)

        def read(value: Any, problems: Problems, prefix: str) -> Any:
            return None if value is None else inner(value, problems, prefix)

        return read

    def items(self, shape: Items) -> _Reader:
        inner = shape.inner.accept(self)
        min_items = shape.min_items
        noun = "item" if min_items == 1 else "items"

        def read(value: Any, problems: Problems, prefix: str) -> Any:
            # On the wire an array is a list (a Python caller's tuple is taken too).
            if type(value) is not list and not isinstance(value, list | tuple):
                problems.extend_within(prefix, _wrong_type("an array", value).errors)
                return INVALID
            converted = []
            ok = True
            for index, item in enumerate(value):
                result = inner(item, problems, f"{prefix}[{index}]")
                ok = ok and result is not INVALID
                converted.append(result)
            if len(value) < min_items:
                message = f"needs at least {min_items} {noun}, got {len(value)}"
                problems.append(ErrorDetail(f"${prefix}", message, ErrorCode.TOO_FEW))
                return INVALID
            return tuple(converted) if ok else INVALID

        return read

    def extensions(self, shape: ExtensionMap) -> _Reader:  # pragma: no cover - by the class
        raise TypeError("x_ fields are read with the record's other keys")


def _structure_of(cls: type) -> Callable[[Any], Any]:
    return hooks_for(cls).structure


_STRUCTURE = _DetailedReaders(_structure_of)
_DETAILED_ONLY: dict[type, Callable[[Any], Any]] = {}


def detailed_only(cls: type) -> Callable[[Any], Any]:
    """Return a structure function of ``cls`` that never takes the fast path, at any depth.

    The reference the tests hold the fast functions to: whatever it accepts and builds,
    `Hooks.structure` must build the same; whatever it refuses, refuse the same way.
    """
    try:
        return _DETAILED_ONLY[cls]
    except KeyError:
        function = _DETAILED_ONLY[cls] = _emit_detailed(plan_for(cls), _REFERENCE)
        return function


_REFERENCE = _DetailedReaders(detailed_only)


def _emit_detailed(plan: ClassPlan, readers: _DetailedReaders) -> Callable[[Any], Any]:
    cls = plan.cls
    src = Source()
    src.ns.update(
        _INVALID=INVALID,
        _MISSING=_MISSING,
        _Problems=Problems,
        _Mapping=Mapping,
        _missing=_missing,
        _wrong_type=_wrong_type,
        _other_keys=_other_keys,
        _finish=_finish,
    )
    fields = _fields_on_wire(plan)
    known = src.bind(_known_keys(plan))
    this = src.bind(plan)
    src.add(0, "def detailed(data):")
    src.add(1, "if not isinstance(data, _Mapping):")
    src.add(2, "raise _wrong_type('an object', data)")
    src.add(1, "problems = _Problems()")
    src.add(1, "kwargs = {}")
    src.add(1, "present = 0")
    if plan.tag is not None:
        # Events and actors carry their tag wherever they are, as to_dict writes them.
        src.add(1, f"tag = data.get({_TAG!r}, _MISSING)")
        src.add(1, "if tag is _MISSING:")
        src.add(2, f"problems.append(_missing({_TAG!r}))")
        src.add(1, f"elif tag != {plan.tag!r}:")
        # Another kind's fields would all look wrong: report the one real problem.
        src.add(2, f"raise {src.bind(_wrong_tag)}({plan.tag!r}, tag)")
        src.add(1, "else:")
        src.add(2, "present = 1")
    for field in fields:
        name = field.name
        src.add(1, f"x = data.get({name!r}, _MISSING)")
        src.add(1, "if x is _MISSING:")
        src.add(2, f"problems.append(_missing({name!r}))" if field.required else "pass")
        src.add(1, "else:")
        src.add(2, "present += 1")
        reader = src.bind(field.shape.accept(readers))
        src.add(2, f"x = {reader}(x, problems, {key_segment(name)!r})")
        src.add(2, "if x is not _INVALID:")
        src.add(3, f"kwargs[{name!r}] = x")
    src.add(1, "if len(data) > present:")
    src.add(2, f"_other_keys({this}, data, {known}, problems, kwargs)")
    src.add(1, f"return _finish({this}, kwargs, problems)")
    return src.compile("detailed", f"detailed structure of {cls.__qualname__}")  # type: ignore[no-any-return]


def _missing(name: str) -> ErrorDetail:
    return ErrorDetail("$" + key_segment(name), "required field missing", ErrorCode.MISSING)


def _wrong_tag(expected: str, found: object) -> ValidationError:
    message = f"expected {expected!r}, got {_short(found)}"
    return ValidationError.at("$.type", message, ErrorCode.UNKNOWN_TYPE)


def _other_keys(
    plan: ClassPlan,
    data: Mapping[Any, Any],
    known: frozenset[str],
    problems: Problems,
    kwargs: dict[str, Any],
) -> None:
    """Check keys that are not fields: the format version, ``x_`` fields, unknown keys."""
    custom: dict[str, Any] = {}
    for key in data:
        if key in known:
            if key == _VERSION and data[key] != _FORMAT:
                message = f"unsupported format version {_short(data[key])}"
                problems.add("$.diplomev", message, ErrorCode.UNSUPPORTED_VERSION)
        elif plan.is_event and is_extension_key(key):
            custom[key] = data[key]
        else:
            problems.add("$" + key_segment(key), "unknown field", ErrorCode.UNKNOWN_FIELD)
    if custom:
        inner = Problems()
        frozen = ExtensionMap().check(custom, inner)
        # x_ keys sit at the top level, so their paths do too.
        problems.extend(inner)
        if not inner:
            kwargs["extensions"] = frozen


def _field_order(plan: ClassPlan) -> dict[str, int]:
    return {"": -1, **{field.name: index for index, field in enumerate(plan.fields)}}


def _top_key(path: str) -> str:
    """Return the top-level key a path starts with: ``$.sources[0].url`` gives ``sources``."""
    if path.startswith('$["'):
        return path  # a quoted key is never a field's
    end = len(path)
    for stop in (".", "["):
        found = path.find(stop, 2)
        if found != -1:
            end = min(end, found)
    return path[2:end]


def _finish(plan: ClassPlan, kwargs: dict[str, Any], problems: Problems) -> Any:
    """Build the record, or raise every problem found, in field order."""
    if problems:
        order = _field_order(plan)
        problems.sort(key=lambda detail: order.get(_top_key(detail.path), len(order)))
        raise ValidationError(problems)
    return construct(plan, kwargs)


def construct(plan: ClassPlan, kwargs: dict[str, Any]) -> Any:
    """Build a record; what a user's own attrs validator raises becomes a ValidationError."""
    try:
        return plan.cls(**kwargs)
    except ValidationError:
        raise
    except (TypeError, ValueError) as e:
        raise _user_error(plan, e) from e


def _user_error(plan: ClassPlan, error: Exception) -> ValidationError:
    message = str(error.args[0] if error.args else error)
    # attrs' validators name the field: as the second argument, or quoted first thing.
    attribute = error.args[1] if len(error.args) > 1 else None
    if isinstance(attribute, attrs.Attribute):
        name = attribute.name
    else:
        name = message[1:].partition("'")[0] if message.startswith("'") else ""
    known = any(field.name == name for field in plan.fields)
    return ValidationError.at("$" + key_segment(name) if known else "$", message, ErrorCode.INVALID)


# --- unstructure --------------------------------------------------------------------------


def _omit_default(default: Any) -> bool:
    """Enum fields at their default say nothing, except status: readers filter on it."""
    return isinstance(default, enum.Enum) and default is not Status.OCCURRED


class _WireExpression(ShapeVisitor[str]):
    """For each shape, the expression that writes ``self.value`` in its wire form."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.value = ""

    def of(self, shape: Shape, value: str) -> str:
        saved, self.value = self.value, value
        try:
            return shape.accept(self)
        finally:
            self.value = saved

    def text(self, shape: Str) -> str:
        return self.value

    country = integer = number = boolean = text  # type: ignore[assignment]

    def choice(self, shape: Choice) -> str:
        return f"{self.value}._value_"

    def date(self, shape: Date) -> str:
        return f"str({self.value})"

    def day(self, shape: Day) -> str:
        return f"{self.value}.isoformat()"

    def record(self, shape: Record) -> str:
        return f"{self.src.bind(_unstructure_of(shape.cls))}({self.value})"

    def one_of(self, shape: OneOf) -> str:
        table = {cls: _unstructure_of(cls) for cls in shape.classes}
        return f"{self.src.bind(table)}[type({self.value})]({self.value})"

    def optional(self, shape: Optional) -> str:
        return self.of(shape.inner, self.value)

    def items(self, shape: Items) -> str:
        inner = self.of(shape.inner, "_i")
        return f"list({self.value})" if inner == "_i" else f"[{inner} for _i in {self.value}]"

    def extensions(self, shape: ExtensionMap) -> str:  # pragma: no cover - by the class
        raise TypeError("x_ fields are written with the record's other keys")


def _unstructure_of(cls: type) -> Callable[[Any], dict[str, Any]]:
    return hooks_for(cls).unstructure


def _emit_unstructure(plan: ClassPlan) -> Callable[[Any], dict[str, Any]]:
    src = Source()
    wire = _WireExpression(src)
    src.add(0, "def unstructure(o):")
    # Fields always written, up to the first that may be left out, go in the dict literal.
    literal: list[str] | None = [] if plan.tag is None else [f"{_TAG!r}: {plan.tag!r}"]
    extensions = None
    for field in plan.fields:
        if isinstance(field.shape, ExtensionMap):
            extensions = field.name
            continue
        shape = field.shape.inner if isinstance(field.shape, Optional) else field.shape
        # A field is left out only when it holds its default and the default says nothing:
        # None, an empty array, or a vocabulary's default (except status). Anything else is
        # written, None as null, so that from_dict gives back the same record.
        default = field.default
        if field.required:
            condition = None
        elif default is None:
            condition = "v is not None"
        elif default == () and isinstance(shape, Items):
            condition = "v"
        elif _omit_default(default):
            condition = f"v is not {src.bind(default)}"
        else:
            condition = None
        maybe_none = isinstance(field.shape, Optional) and condition != "v is not None"

        def expression(value: str, shape: Shape = shape, maybe_none: bool = maybe_none) -> str:
            written = wire.of(shape, value)
            return f"None if {value} is None else {written}" if maybe_none else written

        if condition is None and literal is not None:
            literal.append(f"{field.name!r}: {expression(f'o.{field.name}')}")
            continue
        if literal is not None:
            src.add(1, "d = {" + ", ".join(literal) + "}")
            literal = None
        src.add(1, f"v = o.{field.name}")
        indent = 1
        if condition is not None:
            src.add(1, f"if {condition}:")
            indent = 2
        src.add(indent, f"d[{field.name!r}] = {expression('v')}")
    if literal is not None:
        src.add(1, "d = {" + ", ".join(literal) + "}")
    if extensions is not None:
        src.add(1, f"v = o.{extensions}")
        src.add(1, "if v:")
        src.add(2, f"d.update({src.bind(thaw_json)}(v))")
    src.add(1, "return d")
    return src.compile("unstructure", f"unstructure of {plan.cls.__qualname__}")  # type: ignore[no-any-return]
