"""Generated fast paths for the codec: one straight-line function per record class.

Why: reading a record through the general, data-driven hooks costs a loop iteration, a
hook call and a dictionary insertion per field, then ``__init__`` and the record's own
validation. For valid input, which is nearly all input, that is work done twice.

What: for each record class the codec generates, once, the source of two functions
from the class's field shapes (the same shapes that validate records, see `_fields`):

- ``structure(data)`` reads each field with one ``dict.get``, checks it with the shape's
  fast expression (the very expression the record's own validation uses), converts what
  needs converting (nested records through their own fast function, vocabularies through
  a dict, dates through the cached EDTF parser), counts the keys it used to detect
  unknown ones, runs the class's cross-field check, and builds the instance directly
  through its slots. It never reports anything: at the first irregularity, or on any
  exception, it hands the original data to the detailed hook, which finds and reports
  every problem with its path (and normalizes what can be normalized, such as an integer
  where a number is expected). So the fast path can only ever accept input that the
  detailed path accepts too, with the same result.
- ``unstructure(record)`` builds the wire dict with one attribute read per field,
  omitting what the codec's rules omit.

Classes whose construction does more than diplomev's own validation (an ``attrs``
validator, converter or ``__attrs_pre_init__`` on a user's kind) are built by calling the
class, so nothing of theirs is skipped.
"""

from __future__ import annotations

import linecache
import types
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from diplomev import _fields
from diplomev._fields import (
    Alpha3,
    Bool,
    Choice,
    ClassPlan,
    Date,
    Day,
    ExtensionMap,
    FieldPlan,
    Float,
    Int,
    Items,
    OneOf,
    Optional,
    Record,
    Shape,
    Str,
    Validated,
)
from diplomev._json import EMPTY_OBJECT, JSONObject, freeze_json, thaw_json
from diplomev.dates import parse_edtf
from diplomev.records import Event

__all__ = ["make_fast_structure", "make_fast_unstructure"]

_MISSING = object()
_SCALARS = (Str, Alpha3, Int, Float, Bool)


class _Source:
    """Accumulates generated lines and the objects they refer to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ns: dict[str, Any] = {"_MISSING": _MISSING}
        self._counter = 0

    def bind(self, obj: object) -> str:
        name = f"_b{len(self.ns)}"
        self.ns[name] = obj
        return name

    def temp(self) -> str:
        self._counter += 1
        return f"_t{self._counter}"

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def compile(self, name: str, filename: str) -> Any:
        source = "\n".join(self.lines) + "\n"
        # Registered with linecache, so tracebacks and inspect.getsource show the code.
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), self.ns)
        return self.ns[name]


def trusted_construction(cls: type) -> bool:
    """Tell whether building ``cls`` runs nothing but diplomev's own validation."""
    own_post_init = cls.__attrs_post_init__ in (  # type: ignore[attr-defined]
        Validated.__attrs_post_init__,
        Event.__attrs_post_init__,
    )
    plain_fields = all(a.validator is None and a.converter is None for a in attrs.fields(cls))
    return own_post_init and plain_fields and not hasattr(cls, "__attrs_pre_init__")


def make_fast_structure(
    plan: ClassPlan,
    *,
    tag: str | None,
    version: str | None,
    detailed: Callable[..., Any],
    record_hook: Callable[[type], Callable[..., Any]],
    actor_hooks: Callable[[], Mapping[str, Callable[..., Any]]],
) -> Callable[..., Any]:
    """Generate the fast structure function of one class (see the module docstring)."""
    cls = plan.cls
    src = _Source()
    slow = src.bind(detailed)
    src.add(0, "def structure(data, _=None):")
    src.add(1, "if type(data) is not dict:")
    src.add(2, f"return {slow}(data)")
    src.add(1, "try:")
    if tag is not None:
        src.add(2, f"if data.get('type') != {tag!r}:")
        src.add(3, f"return {slow}(data)")
    if version is not None:
        src.add(2, f"if data.get('diplomev', {version!r}) != {version!r}:")
        src.add(3, f"return {slow}(data)")
    fields = [f for f in plan.fields if not isinstance(f.shape, ExtensionMap)]
    extensions = [f.name for f in plan.fields if isinstance(f.shape, ExtensionMap)]
    extra = ({"type"} if tag is not None else set()) | ({"diplomev"} if version else set())
    known = src.bind(frozenset(f.name for f in fields) | extra)
    # Unknown keys: one subset test of the keys, in C; x_ keys are the only ones allowed.
    src.add(2, f"if data.keys() <= {known}:")
    src.add(3, "ext = None")
    src.add(2, "else:")
    if extensions:
        src.add(3, f"ext = {src.bind(_extensions)}(data, {known})")
        src.add(3, "if ext is None:")
        src.add(4, f"return {slow}(data)")
    else:
        src.add(3, f"return {slow}(data)")
    values: list[tuple[str, str]] = []
    for index, field in enumerate(fields):
        var = f"v{index}"
        values.append((field.name, var))
        _emit_read(src, field, var, slow, record_hook, actor_hooks)
    for name in extensions:
        src.add(2, "if ext is None:")
        src.add(3, f"ext = {src.bind(EMPTY_OBJECT)}")
        values.append((name, "ext"))
    if trusted_construction(cls):
        src.add(2, f"obj = {src.bind(object.__new__)}({src.bind(cls)})")
        setattr_ = src.bind(object.__setattr__)
        for name, var in values:
            slot = getattr(cls, name, None)
            if isinstance(slot, types.MemberDescriptorType):
                # Setting a slot through its descriptor: what object.__setattr__ ends in.
                src.add(2, f"{src.bind(slot.__set__)}(obj, {var})")
            else:
                src.add(2, f"{setattr_}(obj, {name!r}, {var})")
        if plan.cross_check is not None:
            src.add(2, f"if {src.bind(plan.cross_check)}(obj):")
            src.add(3, f"return {slow}(data)")
    else:
        arguments = ", ".join(f"{name}={var}" for name, var in values)
        src.add(2, f"obj = {src.bind(cls)}({arguments})")
    src.add(2, "return obj")
    # Whatever went wrong, the detailed hook says what, with every path.
    src.add(1, "except Exception:")
    src.add(2, f"return {slow}(data)")
    return src.compile("structure", f"<diplomev fast structure of {cls.__qualname__}>")  # type: ignore[no-any-return]


def _emit_read(
    src: _Source,
    field: FieldPlan,
    var: str,
    slow: str,
    record_hook: Callable[[type], Callable[..., Any]],
    actor_hooks: Callable[[], Mapping[str, Callable[..., Any]]],
) -> None:
    """Emit the reading of one field into ``var``, its default when it is absent."""
    name, shape, default = field.name, field.shape, field.default
    if field.required:
        src.add(2, f"x = data[{name!r}]")  # a KeyError goes to the detailed hook
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
        _emit(src, shape, "x", var, 3, slow, record_hook, actor_hooks)
        return
    _emit(src, shape, "x", var, 2, slow, record_hook, actor_hooks)


# Stands for an absent array; only ever read.
_NO_ITEMS: list[Any] = []


def _emit(
    src: _Source,
    shape: Shape,
    value: str,
    out: str,
    indent: int,
    slow: str,
    record_hook: Callable[[type], Callable[..., Any]],
    actor_hooks: Callable[[], Mapping[str, Callable[..., Any]]],
) -> None:
    """Emit statements that check ``value`` and leave it, converted, in ``out``."""
    bail = f"return {slow}(data)"
    if isinstance(shape, Optional):
        src.add(indent, f"if {value} is None:")
        src.add(indent + 1, f"{out} = None")
        src.add(indent, "else:")
        _emit(src, shape.inner, value, out, indent + 1, slow, record_hook, actor_hooks)
    elif isinstance(shape, _SCALARS):
        src.add(indent, f"if not {shape.fast(value, src.ns)}:")
        src.add(indent + 1, bail)
        src.add(indent, f"{out} = {value}")
    elif isinstance(shape, Choice):
        members = src.bind({member.value: member for member in shape.enum})
        src.add(indent, f"{out} = {members}.get({value}) if type({value}) is str else None")
        src.add(indent, f"if {out} is None:")
        src.add(indent + 1, bail)
    elif isinstance(shape, Date):
        src.add(indent, f"if type({value}) is not str:")
        src.add(indent + 1, bail)
        src.add(indent, f"{out} = {src.bind(parse_edtf)}({value})")
    elif isinstance(shape, Items):
        _emit_items(src, shape, value, out, indent, bail, record_hook, actor_hooks)
    else:
        src.add(
            indent,
            f"{out} = {_item_expression(src, shape, value, record_hook, actor_hooks)}",
        )


def _emit_items(
    src: _Source,
    shape: Items,
    value: str,
    out: str,
    indent: int,
    bail: str,
    record_hook: Callable[[type], Callable[..., Any]],
    actor_hooks: Callable[[], Mapping[str, Callable[..., Any]]],
) -> None:
    size = f" or len({value}) < {shape.min_items}" if shape.min_items else ""
    src.add(indent, f"if type({value}) is not list{size}:")
    src.add(indent + 1, bail)
    inner = shape.inner
    if isinstance(inner, _SCALARS):
        src.add(indent, f"for _i in {value}:")
        src.add(indent + 1, f"if not {inner.fast('_i', src.ns)}:")
        src.add(indent + 2, bail)
        src.add(indent, f"{out} = tuple({value})")
    else:
        item = _item_expression(src, inner, "_i", record_hook, actor_hooks)
        src.add(indent, f"{out} = tuple([{item} for _i in {value}])")


def _item_expression(
    src: _Source,
    shape: Shape,
    value: str,
    record_hook: Callable[[type], Callable[..., Any]],
    actor_hooks: Callable[[], Mapping[str, Callable[..., Any]]],
) -> str:
    """Return an expression converting one value; it raises on anything irregular."""
    if isinstance(shape, Record):
        return f"{src.bind(record_hook(shape.cls))}({value})"
    if isinstance(shape, OneOf):
        # A dict of the actor classes' own fast functions, by tag: a missing or unknown
        # tag, or a value that is not an object, raises and goes to the detailed hook.
        return f"{src.bind(dict(actor_hooks()))}[{value}['type']]({value})"
    if isinstance(shape, Choice):
        return f"{src.bind({m.value: m for m in shape.enum})}[{value}]"
    if isinstance(shape, Day):
        return f"{src.bind(_strict_day)}({value})"
    # Anything else (an array in an array, an optional scalar in an array, a date): the
    # shape's own check, which is what the record's validation runs.
    return f"{src.bind(_checked(shape))}({value})"


def _checked(shape: Shape) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        problems = _fields.Problems()
        checked = shape.check(value, problems)
        if problems:
            raise ValueError(value)
        return checked

    return check


def _strict_day(text: Any) -> Any:
    day = _fields.quick_day(text)
    if day is None:
        raise ValueError(text)
    return day


def _extensions(data: dict[str, Any], known: frozenset[str]) -> JSONObject | None:
    """Return the ``x_`` fields of an event, frozen; None if any other key is unknown or bad."""
    custom = {}
    for key, value in data.items():
        if key in known:
            continue
        if type(key) is not str or not _fields.is_extension_key(key):
            return None
        custom[key] = value
    try:
        frozen: JSONObject = freeze_json(custom)
    except Exception:
        return None
    return frozen


# --- unstructuring ---------------------------------------------------------------------------


def make_fast_unstructure(
    plan: ClassPlan,
    *,
    tag: str | None,
    record_hook: Callable[[type], Callable[..., Any]],
    omit_default: Callable[[Any], bool],
) -> Callable[[Any], dict[str, Any]]:
    """Generate the fast unstructure function of one class (see the module docstring)."""
    src = _Source()
    src.add(0, "def unstructure(o):")
    # Fields always written, up to the first that may be left out, go in the dict literal.
    literal: list[str] | None = [] if tag is None else [f"'type': {tag!r}"]
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
        elif omit_default(default):
            condition = f"v is not {src.bind(default)}"
        else:
            condition = None
        maybe_none = isinstance(field.shape, Optional) and condition != "v is not None"

        def expression(value: str, shape: Shape = shape, maybe_none: bool = maybe_none) -> str:
            written = _unstructure_expression(src, shape, value, record_hook)
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
    return src.compile("unstructure", f"<diplomev fast unstructure of {plan.cls.__qualname__}>")  # type: ignore[no-any-return]


def _unstructure_expression(
    src: _Source, shape: Shape, value: str, record_hook: Callable[[type], Callable[..., Any]]
) -> str:
    if isinstance(shape, _SCALARS):
        return value
    if isinstance(shape, Choice):
        return f"{value}._value_"
    if isinstance(shape, Date):
        return f"str({value})"
    if isinstance(shape, Day):
        return f"{value}.isoformat()"
    if isinstance(shape, Record):
        return f"{src.bind(record_hook(shape.cls))}({value})"
    if isinstance(shape, OneOf):
        hooks = src.bind({cls: record_hook(cls) for cls in shape.classes})
        return f"{hooks}[type({value})]({value})"
    if isinstance(shape, Items):
        inner = _unstructure_expression(src, shape.inner, "_i", record_hook)
        return f"list({value})" if inner == "_i" else f"[{inner} for _i in {value}]"
    if isinstance(shape, Optional):
        return _unstructure_expression(src, shape.inner, value, record_hook)
    raise TypeError(f"no fast path for {shape!r}")  # pragma: no cover
