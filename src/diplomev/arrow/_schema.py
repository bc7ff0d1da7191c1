"""The Arrow schema of events, derived from the class plans: one wide table for every kind.

Parquet cannot store an Arrow union, and Polars, pandas and Spark cannot read one, so the
kinds share one schema: a ``type`` column, the columns every event has, and one nullable
struct column per kind (named by its tag) holding the fields that kind adds. Everything
inside follows the fields' shapes:

- text, country and currency codes: strings (codes dictionary-encoded), integers
  ``int64``, numbers ``float64``, days ``date32``;
- vocabularies: dictionary-encoded strings of their wire values;
- an `EventDate`: its EDTF text; the event's own date adds ``date_lower`` and
  ``date_upper`` (``date32``: the earliest and latest day it could be, open ends at
  0001-01-01 and 9999-12-31) and ``year`` (``int32``, for partitioning);
- a nested record: a struct of its fields; a tuple: a list;
- an actor (any of the tagged actor classes): one struct with its ``type`` tag and the
  union of the actor classes' fields, those of the other classes null;
- ``x_`` extensions: one column of JSON text.

No unions and no unsigned integers anywhere (Spark refuses both).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from diplomev.model import plan_for, registry
from diplomev.model import shapes as sh
from diplomev.records import Event, event_types

__all__ = [
    "ARROW_VERSION",
    "ARROW_VERSION_KEY",
    "DERIVED_COLUMNS",
    "FORMAT_VERSION_KEY",
    "arrow_schema",
    "common_fields",
    "kind_fields",
]

#: The version of the table layout this release writes (schema metadata ``diplomev.arrow``).
ARROW_VERSION = "1"
#: The schema metadata key of the serialized form's version (``"1"``).
FORMAT_VERSION_KEY = b"diplomev"
#: The schema metadata key of the table layout's version.
ARROW_VERSION_KEY = b"diplomev.arrow"

#: The columns computed from the event's date, for range queries and partitioning.
DERIVED_COLUMNS = ("date_lower", "date_upper", "year")

_DICTIONARY = pa.dictionary(pa.int32(), pa.string())
_TEXT = pa.string()


def common_fields() -> tuple[Any, ...]:
    """Return the plans of the fields every event has (`Event`'s own), but ``extensions``.

    >>> [field.name for field in common_fields()][:3]
    ['id', 'date', 'status']
    """
    return plan_for(Event).wire_fields


def kind_fields(cls: type) -> tuple[Any, ...]:
    """Return the plans of the fields a kind adds to those of every event.

    >>> from diplomev import Visit
    >>> [field.name for field in kind_fields(Visit)]
    ['visitor', 'host', 'kind', 'meetings', 'delegation']
    """
    common = {field.name for field in plan_for(Event).fields}
    return tuple(field for field in plan_for(cls).wire_fields if field.name not in common)


def actor_fields(classes: Iterable[type]) -> list[tuple[str, sh.Shape]]:
    """Return the union of the actor classes' fields, in order of first appearance."""
    found: dict[str, sh.Shape] = {}
    for cls in classes:
        for field in plan_for(cls).wire_fields:
            shape = field.shape.inner if isinstance(field.shape, sh.Optional) else field.shape
            seen = found.setdefault(field.name, shape)
            if _TYPES.of(seen) != _TYPES.of(shape):
                raise TypeError(
                    f"actor field {field.name!r} has two types ({seen} and {shape}): "
                    "the actors' struct needs one"
                )
    return list(found.items())


class _ArrowType(sh.ShapeVisitor[pa.DataType]):
    """The Arrow type of each kind of shape."""

    def of(self, shape: sh.Shape) -> pa.DataType:
        return shape.accept(self)

    def text(self, shape: sh.Str) -> pa.DataType:
        return _TEXT

    def country(self, shape: sh.Alpha3) -> pa.DataType:
        return _DICTIONARY

    def currency(self, shape: sh.Currency) -> pa.DataType:
        return _DICTIONARY

    def integer(self, shape: sh.Int) -> pa.DataType:
        return pa.int64()

    def number(self, shape: sh.Float) -> pa.DataType:
        return pa.float64()

    def boolean(self, shape: sh.Bool) -> pa.DataType:
        return pa.bool_()

    def choice(self, shape: sh.Choice) -> pa.DataType:
        return _DICTIONARY

    def date(self, shape: sh.Date) -> pa.DataType:
        return _TEXT

    def day(self, shape: sh.Day) -> pa.DataType:
        return pa.date32()

    def record(self, shape: sh.Record) -> pa.DataType:
        return pa.struct(record_fields(shape.cls))

    def one_of(self, shape: sh.OneOf) -> pa.DataType:
        members = [pa.field(registry.TAG_KEY, _DICTIONARY, nullable=False)]
        members += [pa.field(name, self.of(s)) for name, s in actor_fields(shape.classes)]
        return pa.struct(members)

    def optional(self, shape: sh.Optional) -> pa.DataType:
        return self.of(shape.inner)

    def items(self, shape: sh.Items) -> pa.DataType:
        return pa.list_(self.of(shape.inner))

    def extensions(self, shape: sh.ExtensionMap) -> pa.DataType:  # pragma: no cover
        raise TypeError("x_ fields are one JSON text column of the event")


_TYPES = _ArrowType()


def _field(plan_field: Any) -> pa.Field:
    # Only what the record may hold as None is nullable; a list is never null (empty instead).
    nullable = not plan_field.required and plan_field.nullable
    return pa.field(plan_field.name, _TYPES.of(plan_field.shape), nullable=nullable)


def record_fields(cls: type) -> list[pa.Field]:
    """Return the Arrow fields of a record class's struct."""
    return [_field(field) for field in plan_for(cls).wire_fields]


_CACHE: dict[tuple[type, ...], pa.Schema] = {}


def registered_kinds() -> tuple[type[Event], ...]:
    """Return the kinds registered now, in registration order."""
    return tuple(event_types().values())


def arrow_schema() -> pa.Schema:
    """Return the Arrow schema of events of every registered kind, custom ones included.

    The schema's metadata names the serialized form's version (``diplomev``) and the table
    layout's (``diplomev.arrow``); `write_parquet` stores it in every file.

    >>> schema = arrow_schema()
    >>> schema.names[:9]
    ['type', 'id', 'date', 'date_lower', 'date_upper', 'year', 'status', 'location', 'summary']
    >>> schema.field("visit").type.field("host").type
    DictionaryType(dictionary<values=string, indices=int32, ordered=0>)
    >>> schema.metadata[b"diplomev.arrow"]
    b'1'
    """
    kinds = registered_kinds()
    cached = _CACHE.get(kinds)
    if cached is not None:
        return cached
    fields = [pa.field(registry.TAG_KEY, _DICTIONARY, nullable=False)]
    for field in common_fields():
        fields.append(_field(field))
        if field.name == "date":
            fields += [
                pa.field("date_lower", pa.date32(), nullable=False),
                pa.field("date_upper", pa.date32(), nullable=False),
                pa.field("year", pa.int32(), nullable=False),
            ]
    fields.append(pa.field("extensions", _TEXT))
    taken = {field.name for field in fields}
    for cls in kinds:
        tag = registry.tag_of(cls)
        assert tag is not None  # registered kinds have tags
        if tag in taken:
            raise TypeError(f"the kind {tag!r} has the name of a column every event has")
        fields.append(pa.field(tag, pa.struct([_field(f) for f in kind_fields(cls)])))
    metadata = {FORMAT_VERSION_KEY: registry.FORMAT_VERSION, ARROW_VERSION_KEY: ARROW_VERSION}
    schema = _CACHE[kinds] = pa.schema(fields, metadata=metadata)
    return schema


def arrow_type(shape: sh.Shape) -> pa.DataType:
    """Return the Arrow type of values of ``shape``.

    >>> from diplomev.model.shapes import Alpha3, Items
    >>> arrow_type(Items(Alpha3()))
    ListType(list<item: dictionary<values=string, indices=int32, ordered=0>>)
    """
    return _TYPES.of(shape)
