"""The fast structure function of a class: straight-line code that returns INVALID at the first irregularity."""

from __future__ import annotations

import datetime
import types
from collections.abc import Callable
from typing import Any

from diplomev._json import EMPTY_OBJECT, JSONObject, freeze_json
from diplomev._jsontext import SUSPECT_ABOVE, SUSPECT_BELOW
from diplomev.codec._wire import (
    FORMAT,
    INVALID,
    MISSING,
    TAG,
    VERSION,
    failed,
    failed_keeping,
    fields_on_wire,
    known_keys,
    trusted_construction,
)
from diplomev.dates import EventDate, parse_edtf
from diplomev.errors import ValidationError
from diplomev.model import registry
from diplomev.model import shapes as sh
from diplomev.model.codegen import Source
from diplomev.model.plans import ClassPlan, FieldPlan
from diplomev.model.shapes import is_extension_key, quick_day

# Texts already read, and their values: the generated code looks a text up here, one dict
# lookup, before calling anything (dates and days repeat across records: a file's events
# fall on few days). Only successes are kept; cleared when full, so the memory is bounded.
_KNOWN_DATES: dict[str, EventDate] = {}
_KNOWN_DAYS: dict[str, datetime.date] = {}
_MOST_KNOWN = 4096


def _quiet_edtf(text: str) -> EventDate | None:
    try:
        date = parse_edtf(text)
    except ValidationError:
        return None
    if len(_KNOWN_DATES) >= _MOST_KNOWN:
        _KNOWN_DATES.clear()
    _KNOWN_DATES[text] = date
    return date


def _quiet_day(text: object) -> datetime.date | None:
    day = quick_day(text)
    if day is not None:
        if len(_KNOWN_DAYS) >= _MOST_KNOWN:
            _KNOWN_DAYS.clear()
        _KNOWN_DAYS[text] = day  # type: ignore[index]  # quick_day reads str only
    return day


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
    return frozen if _unsuspected(frozen) else None


def _unsuspected(value: Any) -> bool:
    """Tell whether a frozen JSON value holds no float that orjson may have misread."""
    if type(value) is float:
        return SUSPECT_BELOW < value < SUSPECT_ABOVE and value != 0.0
    if type(value) is tuple:
        return all(map(_unsuspected, value))
    if isinstance(value, JSONObject):
        return all(map(_unsuspected, value.values()))
    return True


class _FastEmitter(sh.ShapeVisitor[None]):
    """Writes the statements that check one value and leave it, converted, in ``out``.

    Each call reads ``self.value`` and writes to ``self.out`` at ``self.indent``; any
    irregularity returns `INVALID` from the generated function.
    """

    def __init__(self, src: Source, fast_of: Callable[[type], Callable[[Any], Any]]) -> None:
        self.src = src
        self.fast_of = fast_of
        self.value = self.out = ""
        self.indent = 0
        self._temps = 0
        #: The array of records being filled by the last array emitted, if any.
        self.filling: str | None = None
        #: What the generated code runs to refuse its input (see `failed_keeping`).
        self.fail = "return _fail(data)"

    def emit(self, shape: sh.Shape, value: str, out: str, indent: int) -> None:
        saved = (self.value, self.out, self.indent)
        self.value, self.out, self.indent = value, out, indent
        shape.accept(self)
        self.value, self.out, self.indent = saved

    def _line(self, line: str, extra: int = 0) -> None:
        self.src.add(self.indent + extra, line)

    def _temp(self) -> str:
        self._temps += 1
        return f"_t{self._temps}"

    def _test(self, shape: sh.Shape) -> None:
        self._line(f"if not {shape.fast(self.value, self.src.ns)}:")
        self._line(self.fail, 1)
        self._line(f"{self.out} = {self.value}")

    def text(self, shape: sh.Str) -> None:
        self._test(shape)

    def country(self, shape: sh.Alpha3) -> None:
        self._test(shape)

    def currency(self, shape: sh.Currency) -> None:
        self._test(shape)

    def integer(self, shape: sh.Int) -> None:
        self._test(shape)

    def boolean(self, shape: sh.Bool) -> None:
        self._test(shape)

    def number(self, shape: sh.Float) -> None:
        # JSON has one number type: 40 is as good a latitude as 40.0.
        v = self.value
        self._line(f"if type({v}) is int:")
        self._line(f"{v} = float({v})", 1)  # an OverflowError is caught: INVALID
        # A float orjson may have misread (see parse_json_quickly) is left to the strict
        # parse and the detailed pass: 0.0, and beyond the 64-bit integers.
        low, high = repr(SUSPECT_BELOW), repr(SUSPECT_ABOVE)
        self._line(f"elif type({v}) is not float or not {low} < {v} < {high} or {v} == 0.0:")
        self._line(self.fail, 1)
        self._line(f"if not ({shape.bounds(v)}):")
        self._line(self.fail, 1)
        self.src.ns["_inf"] = float("inf")
        self._line(f"{self.out} = {v}")

    def choice(self, shape: sh.Choice) -> None:
        members = self.src.bind(shape.members)
        v = self.value
        self._line(f"{self.out} = {members}.get({v}) if type({v}) is str else None")
        self._line(f"if {self.out} is None:")
        self._line(self.fail, 1)

    def date(self, shape: sh.Date) -> None:
        self._known(_KNOWN_DATES, _quiet_edtf)

    def day(self, shape: sh.Day) -> None:
        self._known(_KNOWN_DAYS, _quiet_day)

    def _known(self, known: dict[str, Any], read: Callable[[str], Any]) -> None:
        """Take a text's value from ``known``, else from ``read`` (None: refused)."""
        v, out = self.value, self.out
        self._line(f"if type({v}) is not str:")
        self._line(self.fail, 1)
        self._line(f"{out} = {self.src.bind(known)}.get({v})")
        self._line(f"if {out} is None:")
        self._line(f"{out} = {self.src.bind(read)}({v})", 1)
        self._line(f"if {out} is None:", 1)
        self._line(self.fail, 2)

    def record(self, shape: sh.Record) -> None:
        self._line(f"{self.out} = {self.src.bind(self.fast_of(shape.cls))}({self.value})")
        self._line(f"if {self.out} is _INVALID:")
        self._line(self.fail, 1)

    def one_of(self, shape: sh.OneOf) -> None:
        # The classes' own fast functions, by tag: a value that is not an object, or a
        # missing or unknown tag, finds none.
        table = {registry.tag_of(cls): self.fast_of(cls) for cls in shape.classes}
        v = self.value
        hook = self._temp()
        table_name = self.src.bind(table)
        self._line(f"{hook} = {table_name}.get({v}.get({TAG!r})) if type({v}) is dict else None")
        self._line(f"if {hook} is None:")
        self._line(self.fail, 1)
        self._line(f"{self.out} = {hook}({v})")
        self._line(f"if {self.out} is _INVALID:")
        self._line(self.fail, 1)

    def optional(self, shape: sh.Optional) -> None:
        self._line(f"if {self.value} is None:")
        self._line(f"{self.out} = None", 1)
        self._line("else:")
        self.emit(shape.inner, self.value, self.out, self.indent + 1)

    def items(self, shape: sh.Items) -> None:
        v = self.value
        size = f" or len({v}) < {shape.min_items}" if shape.min_items else ""
        self._line(f"if (type({v}) is not list and type({v}) is not tuple){size}:")
        self._line(self.fail, 1)
        item, converted, collected = self._temp(), self._temp(), self._temp()
        if isinstance(shape.inner, sh.Str | sh.Alpha3 | sh.Currency | sh.Int | sh.Bool):
            # Values kept as they are: test each, then take the array whole.
            self._line(f"for {item} in {v}:")
            self._line(f"if not {shape.inner.fast(item, self.src.ns)}:", 1)
            self._line(self.fail, 2)
            self._line(f"{self.out} = tuple({v})")
            return
        self._line(f"{collected} = []")
        self.filling = collected
        self._line(f"for {item} in {v}:")
        self.emit(shape.inner, item, converted, self.indent + 1)
        self._line(f"{collected}.append({converted})", 1)
        self._line(f"{self.out} = tuple({collected})")

    def extensions(self, shape: sh.ExtensionMap) -> None:  # pragma: no cover - read by the class
        raise TypeError("x_ fields are read with the record's other keys")


def emit_fast(
    plan: ClassPlan, fast_of: Callable[[type], Callable[[Any], Any]]
) -> Callable[[Any], Any]:
    """Generate the fast function of a class; ``fast_of`` gives a nested class's own."""
    cls = plan.cls
    src = Source()
    src.ns.update(_INVALID=INVALID, MISSING=MISSING, _refused=failed)
    emitter = _FastEmitter(src, fast_of)
    fields = fields_on_wire(plan)
    keeps = any(_holds_records(field.shape) or _holds_arrays(field.shape) for field in fields)
    if keeps:
        # A refusal keeps what was built so far: the reading in full that follows reuses it.
        # The variables that hold it are named once all fields are written (_KEPT), and set
        # before the first field, so that a refusal anywhere can pass them as they are:
        # a tuple of a few names, where locals() would copy every variable to a dict.
        emitter.fail = f"return _fail(data, {_KEPT})"
    fail = emitter.fail
    nested: list[tuple[str, str, str | None]] = []
    src.add(0, "def fast(data):")
    src.add(1, "if type(data) is not dict:")
    src.add(2, "return _refused(data)")
    src.add(1, "get = data.get  # bound once: every field is read with it")
    src.add(1, "try:")
    if keeps:
        src.add(2, _KEPT)  # the variables of nested records, set before the first field
    if plan.tag is not None:
        src.add(2, f"if data[{TAG!r}] != {plan.tag!r}:")
        src.add(3, fail)
    if plan.is_event:
        src.add(2, f"if get({VERSION!r}, {FORMAT!r}) != {FORMAT!r}:")
        src.add(3, fail)
    extensions = [plan.extensions_field] if plan.extensions_field else []
    known = src.bind(known_keys(plan))
    # Unknown keys: one subset test of the keys, in C; x_ keys are the only ones allowed.
    if extensions:
        src.add(2, f"if data.keys() <= {known}:")
        src.add(3, "ext = None")
        src.add(2, "else:")
        src.add(3, f"ext = {src.bind(_extensions)}(data, {known})")
        src.add(3, "if ext is None:")
        src.add(4, fail)
    else:
        src.add(2, f"if not data.keys() <= {known}:")
        src.add(3, fail)
    values: list[tuple[str, str]] = []
    for index, field in enumerate(fields):
        var = f"v{index}"
        values.append((field.name, var))
        emitter.filling = None
        _emit_fast_read(src, emitter, field, var)
        if _holds_records(field.shape):
            nested.append((field.name, var, None))
        elif _holds_arrays(field.shape):
            nested.append((field.name, var, emitter.filling))
    src.ns["_fail"] = failed_keeping(tuple(nested)) if keeps else failed
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
        rules = plan.rules_fast("obj", src.ns)
        if rules is not None:
            src.add(2, f"if not {rules}:")
            src.add(3, fail)
    else:
        arguments = ", ".join(f"{name}={var}" for name, var in values)
        src.add(2, f"obj = {src.bind(cls)}({arguments})")
    src.add(2, "return obj")
    # Whatever else goes wrong (a number too large for a float, a user's validator), the
    # detailed function will say what, with its path.
    src.add(1, "except Exception:")
    src.add(2, fail)
    if keeps:
        _name_kept(src, nested)
    return src.compile("fast", f"fast structure of {cls.__qualname__}")  # type: ignore[no-any-return]


# Stands, in the lines written, for the variables of nested records (see `_name_kept`).
_KEPT = "__kept__"


def _name_kept(src: Source, nested: list[tuple[str, str, str | None]]) -> None:
    """Write the variables of ``nested`` where the lines say `_KEPT`, in `failed_keeping`'s order.

    A record's variable starts as INVALID (not built), an array's and the list that fills
    it as None (not begun).
    """
    names = [name for _, var, filling in nested for name in (var, filling) if name is not None]
    starts = [
        f"{name} = {'_INVALID' if filling is None and name == var else 'None'}"
        for _, var, filling in nested
        for name in (var, filling)
        if name is not None
    ]
    kept = "(" + ", ".join(names) + ",)"
    for number, line in enumerate(src.lines):
        if line.strip() == _KEPT:
            src.lines[number] = line.replace(_KEPT, "; ".join(starts))
        elif _KEPT in line:
            src.lines[number] = line.replace(_KEPT, kept)


def _holds_records(shape: sh.Shape) -> bool:
    """Tell whether a field's value is a record (or null)."""
    inner = shape.inner if isinstance(shape, sh.Optional) else shape
    return isinstance(inner, sh.Record | sh.OneOf)


def _holds_arrays(shape: sh.Shape) -> bool:
    """Tell whether a field's value is an array of records (or null)."""
    inner = shape.inner if isinstance(shape, sh.Optional) else shape
    return isinstance(inner, sh.Items) and _holds_records(inner.inner)


def _emit_fast_read(src: Source, emitter: _FastEmitter, field: FieldPlan, var: str) -> None:
    """Emit the reading of one field into ``var``, its default when it is absent."""
    name, shape, default = field.name, field.shape, field.default
    if field.required:
        # Absent: the KeyError is caught, and the input refused, as any other irregularity.
        src.add(2, f"x = data[{name!r}]")
    elif isinstance(shape, sh.Optional) and default is None:
        src.add(2, f"x = get({name!r})")  # absent and null both mean None
    elif isinstance(shape, sh.Choice) and isinstance(default, shape.enum):
        src.add(2, f"x = get({name!r}, {default.value!r})")
    else:
        src.add(2, f"x = get({name!r}, MISSING)")
        src.add(2, "if x is MISSING:")
        src.add(3, f"{var} = {src.bind(default)}")
        src.add(2, "else:")
        emitter.emit(shape, "x", var, 3)
        return
    emitter.emit(shape, "x", var, 2)
