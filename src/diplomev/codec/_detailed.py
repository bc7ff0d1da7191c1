"""The detailed structure function of a class: every problem of the input, with its path.

A record read in full adds its problems to one list shared by the whole input, each with
its path from the top (``at`` is the path of the record being read): nothing is raised
and re-wrapped at each level, and only the outermost call raises, once.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from diplomev.codec._wire import (
    FORMAT,
    INVALID,
    MISSING,
    TAG,
    VERSION,
    fields_on_wire,
    known_keys,
    short,
    wrong_type,
)
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError, key_segment
from diplomev.model import registry
from diplomev.model import shapes as sh
from diplomev.model.codegen import Source
from diplomev.model.plans import ClassPlan, rule_problems
from diplomev.model.shapes import is_extension_key


def kind_of(data: Any, classes: Mapping[str, type], what: str) -> type:
    """Return the class of ``classes`` that the ``"type"`` tag of ``data`` names, or raise."""
    if not isinstance(data, Mapping):
        raise wrong_type("an object", data)
    tag = data.get(TAG)
    if tag is None:
        # Report the missing tag alone: without it nothing else can be checked.
        raise ValidationError.at("$.type", "required field missing", ErrorCode.MISSING)
    cls = classes.get(tag) if isinstance(tag, str) else None
    if cls is None:
        names = ", ".join(repr(name) for name in classes)
        message = f"unknown {what} type {short(tag)}; expected {names}"
        raise ValidationError.at("$.type", message, ErrorCode.UNKNOWN_TYPE)
    return cls


def structure_tagged(
    data: Any,
    classes: Mapping[str, type],
    what: str,
    structure_of: Callable[[type], Callable[[Any], Any]],
) -> Any:
    """Build the class of ``classes`` that the ``"type"`` tag of ``data`` names."""
    return structure_of(kind_of(data, classes, what))(data)


#: Reads one value in full: returns it converted, or INVALID after adding its problems
#: (paths under the prefix given) to the list.
_Reader = Callable[[Any, sh.Problems, str], Any]

#: How a nested record is read in full: ``(data, problems, at)``, as a `_Reader`.
StructureOf = Callable[[type], _Reader]


def _checked(shape: sh.Shape) -> _Reader:
    def read(value: Any, problems: sh.Problems, prefix: str) -> Any:
        inner = sh.Problems()
        result = shape.check(value, inner)
        if inner:
            problems.extend_within(prefix, inner)
            return INVALID
        return result

    return read


def _tagged(classes: Mapping[str, type], what: str, structure_of: StructureOf) -> _Reader:
    structures = {cls: structure_of(cls) for cls in classes.values()}

    def read(value: Any, problems: sh.Problems, prefix: str) -> Any:
        try:
            cls = kind_of(value, classes, what)
        except ValidationError as e:
            problems.extend_within(prefix, e.errors)
            return INVALID
        return structures[cls](value, problems, prefix)

    return read


class DetailedReaders(sh.ShapeVisitor[_Reader]):
    """For each shape, the function that reads a wire value of it in full.

    ``structure_of(cls)`` gives the function nested records are read with, as a reader:
    their fast function, then their detailed one if needed; or (for the tests' reference)
    their detailed function alone.
    """

    def __init__(self, structure_of: StructureOf) -> None:
        self.structure_of = structure_of

    def text(self, shape: sh.Str) -> _Reader:
        return _checked(shape)

    def country(self, shape: sh.Alpha3) -> _Reader:
        return _checked(shape)

    def currency(self, shape: sh.Currency) -> _Reader:
        return _checked(shape)

    def integer(self, shape: sh.Int) -> _Reader:
        return _checked(shape)

    def number(self, shape: sh.Float) -> _Reader:
        return _checked(shape)

    def boolean(self, shape: sh.Bool) -> _Reader:
        return _checked(shape)

    def choice(self, shape: sh.Choice) -> _Reader:
        return _checked(shape)

    def date(self, shape: sh.Date) -> _Reader:
        return _checked(shape)

    def day(self, shape: sh.Day) -> _Reader:
        return _checked(shape)

    def record(self, shape: sh.Record) -> _Reader:
        return self.structure_of(shape.cls)

    def one_of(self, shape: sh.OneOf) -> _Reader:
        classes = {registry.tag_of(cls) or "": cls for cls in shape.classes}
        noun = "actor" if set(classes) <= set(registry.tagged("actor")) else "record"
        return _tagged(classes, noun, self.structure_of)

    def optional(self, shape: sh.Optional) -> _Reader:
        inner = shape.inner.accept(self)

        def read(value: Any, problems: sh.Problems, prefix: str) -> Any:
            return None if value is None else inner(value, problems, prefix)

        return read

    def items(self, shape: sh.Items) -> _Reader:
        inner = shape.inner.accept(self)
        min_items = shape.min_items
        noun = "item" if min_items == 1 else "items"

        def read(value: Any, problems: sh.Problems, prefix: str) -> Any:
            # On the wire an array is a list (a Python caller's tuple is taken too).
            if type(value) is not list and not isinstance(value, list | tuple):
                problems.extend_within(prefix, wrong_type("an array", value).errors)
                return INVALID
            converted = []
            ok = True
            for index, item in enumerate(value):
                result = inner(item, problems, f"{prefix}[{index}]")
                if result is INVALID:
                    ok = False
                converted.append(result)
            if len(value) < min_items:
                message = f"needs at least {min_items} {noun}, got {len(value)}"
                problems.append(ErrorDetail(f"${prefix}", message, ErrorCode.TOO_FEW))
                return INVALID
            return tuple(converted) if ok else INVALID

        return read

    def extensions(self, shape: sh.ExtensionMap) -> _Reader:  # pragma: no cover - by the class
        raise TypeError("x_ fields are read with the record's other keys")


def emit_detailed(plan: ClassPlan, readers: DetailedReaders) -> Callable[..., Any]:
    """Generate the detailed function of a class; ``readers`` read its fields' values.

    ``detailed(data)`` returns the record or raises one `ValidationError`; nested in a
    record being read in full, ``detailed(data, problems, at)`` adds its problems (paths
    from the top, ``at`` being its own) to ``problems`` and returns `INVALID`.
    """
    cls = plan.cls
    src = Source()
    src.ns.update(
        _INVALID=INVALID,
        MISSING=MISSING,
        _Problems=sh.Problems,
        _Mapping=Mapping,
        _missing=_missing,
        _refuse=_refuse,
        _other_keys=_other_keys,
        _finish=_finish,
    )
    fields = fields_on_wire(plan)
    known = src.bind(known_keys(plan))
    this = src.bind(plan)
    src.add(0, "def detailed(data, problems=None, at=''):")
    src.add(1, "top = problems is None")
    src.add(1, "if top:")
    src.add(2, "problems = _Problems()")
    # A dict first: an ABC's isinstance costs more than the rest of this line.
    src.add(1, "if type(data) is not dict and not isinstance(data, _Mapping):")
    src.add(2, f"return _refuse({src.bind(wrong_type)}('an object', data), problems, at, top)")
    src.add(1, "start = len(problems)")
    src.add(1, "kwargs = {}")
    src.add(1, "present = 0")
    if plan.tag is not None:
        # Events and actors carry their tag wherever they are, as to_dict writes them.
        src.add(1, f"tag = data.get({TAG!r}, MISSING)")
        src.add(1, "if tag is MISSING:")
        src.add(2, f"problems.append(_missing(at, {TAG!r}))")
        src.add(1, f"elif tag != {plan.tag!r}:")
        # Another kind's fields would all look wrong: report the one real problem.
        src.add(2, f"return _refuse({src.bind(_wrong_tag)}({plan.tag!r}, tag), problems, at, top)")
        src.add(1, "else:")
        src.add(2, "present = 1")
    for field in fields:
        name = field.name
        src.add(1, f"x = data.get({name!r}, MISSING)")
        src.add(1, "if x is MISSING:")
        src.add(2, f"problems.append(_missing(at, {name!r}))" if field.required else "pass")
        src.add(1, "else:")
        src.add(2, "present += 1")
        reader = src.bind(field.shape.accept(readers))
        at = key_segment(name)
        quick = _as_is(field.shape, src)
        if quick is None:
            src.add(2, f"x = {reader}(x, problems, at + {at!r})")
        else:
            # Most values of a record with a problem are fine: the shape's own fast test
            # takes them as they are, and only the others are read in full.
            src.add(2, f"if not {quick}:")
            src.add(3, f"x = {reader}(x, problems, at + {at!r})")
        src.add(2, "if x is not _INVALID:")
        src.add(3, f"kwargs[{name!r}] = x")
    src.add(1, "if len(data) > present:")
    src.add(2, f"_other_keys({this}, data, {known}, problems, kwargs, at)")
    src.add(1, f"return _finish({this}, kwargs, problems, start, at, top)")
    return src.compile("detailed", f"detailed structure of {cls.__qualname__}")  # type: ignore[no-any-return]


def _as_is(shape: sh.Shape, src: Source) -> str | None:
    """Return the fast test of a wire value ``x`` kept as it is; None for other shapes."""
    inner = shape.inner if isinstance(shape, sh.Optional) else shape
    if not isinstance(inner, sh.Str | sh.Alpha3 | sh.Currency | sh.Int | sh.Bool):
        return None
    test = inner.fast("x", src.ns)
    return f"(x is None or {test})" if inner is not shape else test


def _missing(at: str, name: str) -> ErrorDetail:
    return ErrorDetail(f"${at}{key_segment(name)}", "required field missing", ErrorCode.MISSING)


def _refuse(error: ValidationError, problems: sh.Problems, at: str, top: bool) -> Any:
    """Report the problems of a record that cannot be read at all."""
    problems.extend_within(at, error.errors)
    if top:
        raise ValidationError(problems)
    return INVALID


def _wrong_tag(expected: str, found: object) -> ValidationError:
    message = f"expected {expected!r}, got {short(found)}"
    return ValidationError.at("$.type", message, ErrorCode.UNKNOWN_TYPE)


def _other_keys(
    plan: ClassPlan,
    data: Mapping[Any, Any],
    known: frozenset[str],
    problems: sh.Problems,
    kwargs: dict[str, Any],
    at: str,
) -> None:
    """Check keys that are not fields: the format version, ``x_`` fields, unknown keys."""
    custom: dict[str, Any] = {}
    for key in data:
        if key in known:
            if key == VERSION and data[key] != FORMAT:
                message = f"unsupported format version {short(data[key])}"
                problems.add(f"${at}.diplomev", message, ErrorCode.UNSUPPORTED_VERSION)
        elif plan.extensions_field is not None and is_extension_key(key):
            custom[key] = data[key]
        else:
            problems.add(f"${at}{key_segment(key)}", "unknown field", ErrorCode.UNKNOWN_FIELD)
    if custom:
        inner = sh.Problems()
        frozen = sh.ExtensionMap().check(custom, inner)
        # x_ keys sit at the record's own level, so their paths do too.
        problems.extend_within(at, inner)
        if not inner and plan.extensions_field is not None:
            kwargs[plan.extensions_field] = frozen


_ORDERS: dict[type, dict[str, int]] = {}


def _field_order(plan: ClassPlan) -> dict[str, int]:
    order = _ORDERS.get(plan.cls)
    if order is None:
        fields = {field.name: index for index, field in enumerate(plan.fields)}
        order = _ORDERS[plan.cls] = {"": -1, **fields}
    return order


_FIELD = re.compile(r"\.([^.\[]*)")


def _field_at(path: str, cut: int) -> str:
    """Return the field a path names from ``cut`` on.

    ``$.sources[0].url`` from 1 gives ``sources``; a quoted key, never a field's, gives
    the whole path.
    """
    found = _FIELD.match(path, cut)
    return path if found is None else found[1]


_DEFAULTS: dict[type, dict[str, Any]] = {}


def _values(plan: ClassPlan, kwargs: dict[str, Any]) -> types.SimpleNamespace:
    """Return a record's field values as read so far, for its rules; defaults for the others."""
    defaults = _DEFAULTS.get(plan.cls)
    if defaults is None:
        defaults = _DEFAULTS[plan.cls] = {field.name: field.default for field in plan.fields}
    return types.SimpleNamespace(**{**defaults, **kwargs})


def _finish(
    plan: ClassPlan,
    kwargs: dict[str, Any],
    problems: sh.Problems,
    start: int,
    at: str,
    top: bool,
) -> Any:
    """Build the record, or report every problem found from ``start`` on, in field order."""
    if len(problems) == start:
        try:
            return construct(plan, kwargs)
        except ValidationError as e:
            problems.extend_within(at, e.errors)
    else:
        own = problems[start:]
        cut = len(at) + 1  # "$" and the record's own path: what is left starts at a field
        if plan.rules:
            # The rules whose fields all read well are checked too, as the constructor
            # checks them: every problem, not only the fields'.
            bad = {_field_at(detail.path, cut) for detail in own}
            found = rule_problems(plan, _values(plan, kwargs), bad)
            own.extend(detail.within(at) for detail in found)
        if len(own) > 1:
            order = _field_order(plan)
            own.sort(key=lambda d: order.get(_field_at(d.path, cut), len(order)))
        problems[start:] = own
    if top:
        raise ValidationError(problems)
    return INVALID


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
