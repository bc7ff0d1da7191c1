"""The unstructure function of a class: one attribute read per field, what the wire omits left out."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from diplomev._json import thaw_json
from diplomev.codec._wire import TAG
from diplomev.model.codegen import Source
from diplomev.model.plans import ClassPlan, FieldPlan
from diplomev.model.shapes import (
    Choice,
    Date,
    Day,
    ExtensionMap,
    Items,
    OneOf,
    Optional,
    Record,
    Shape,
    Str,
)
from diplomev.model.visitor import ExpressionVisitor


def omits_default(plan: ClassPlan, field: FieldPlan) -> bool:
    """Tell whether `diplomev.dumps` leaves ``field`` out when it holds its default.

    A default says nothing when it is None, an empty array, or a vocabulary's default,
    except an event's status: readers filter on it. Anything else is written, None as
    null, so that `from_dict` gives back the same record.
    """
    default = field.default
    if field.required or default is None:
        return not field.required
    if default == ():
        return isinstance(_unwrapped(field.shape), Items)
    return isinstance(default, enum.Enum) and not (plan.is_event and field.name == "status")


def _unwrapped(shape: Shape) -> Shape:
    return shape.inner if isinstance(shape, Optional) else shape


class _WireExpression(ExpressionVisitor):
    """For each shape, the expression that writes ``self.value`` in its wire form."""

    def __init__(self, src: Source, unstructure_of: Callable[[type], Callable[[Any], Any]]) -> None:
        super().__init__(src)
        self.unstructure_of = unstructure_of

    def text(self, shape: Str) -> str:
        return self.value

    country = currency = integer = number = boolean = text  # type: ignore[assignment]

    def choice(self, shape: Choice) -> str:
        return f"{self.value}._value_"

    def date(self, shape: Date) -> str:
        return f"str({self.value})"

    def day(self, shape: Day) -> str:
        return f"{self.value}.isoformat()"

    def record(self, shape: Record) -> str:
        return f"{self.src.bind(self.unstructure_of(shape.cls))}({self.value})"

    def one_of(self, shape: OneOf) -> str:
        table = {cls: self.unstructure_of(cls) for cls in shape.classes}
        return f"{self.src.bind(table)}[type({self.value})]({self.value})"

    def optional(self, shape: Optional) -> str:
        return self.of(shape.inner, self.value)

    def items(self, shape: Items) -> str:
        inner = self.of(shape.inner, "_i")
        return f"list({self.value})" if inner == "_i" else f"[{inner} for _i in {self.value}]"

    def extensions(self, shape: ExtensionMap) -> str:  # pragma: no cover - by the class
        raise TypeError("x_ fields are written with the record's other keys")


def emit_unstructure(
    plan: ClassPlan, unstructure_of: Callable[[type], Callable[[Any], Any]]
) -> Callable[[Any], dict[str, Any]]:
    """Generate the unstructure function of a class; ``unstructure_of`` gives a nested one's."""
    src = Source()
    wire = _WireExpression(src, unstructure_of)
    src.add(0, "def unstructure(o):")
    # Fields always written, up to the first that may be left out, go in the dict literal.
    literal: list[str] | None = [] if plan.tag is None else [f"{TAG!r}: {plan.tag!r}"]
    extensions = None
    for field in plan.fields:
        if field.is_extensions:
            extensions = field.name
            continue
        shape = _unwrapped(field.shape)
        default = field.default
        if not omits_default(plan, field):
            condition = None
        elif default is None:
            condition = "v is not None"
        elif default == ():
            condition = "v"
        else:
            condition = f"v is not {src.bind(default)}"
        maybe_none = field.nullable and condition != "v is not None"

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
