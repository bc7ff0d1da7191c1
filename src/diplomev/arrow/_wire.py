"""The wire's layout as Arrow: what pyarrow's JSON reader reads, and how it becomes the table.

On the wire a kind's fields are keys of the event itself (``"host"`` beside ``"id"``), and
one key may mean different things in different kinds (a dispute's ``parties`` are actors
with positions, an agreement's plain actors). So the JSON reader gets a schema of its own,
`wire_schema`: every key any kind has, each name with one type that holds what every kind
puts under it (structs merged field by field), vocabularies and days as plain text. Then
`wide_columns` moves each kind's keys into its struct column of `arrow_schema`, gives
vocabularies their dictionaries, reads days, fills in the defaults the wire leaves out, and
says which rows it cannot vouch for: a key of another kind, a field of another actor class
or record, a day that is not ``YYYY-MM-DD``. Those rows go to the record path.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from diplomev.arrow._kernels import as_mask
from diplomev.arrow._schema import (
    _ArrowType,
    actor_fields,
    arrow_schema,
    arrow_type,
    common_fields,
    kind_fields,
)
from diplomev.model import plan_for, registry
from diplomev.model import shapes as sh
from diplomev.model.plans import FieldPlan
from diplomev.model.shapes import quick_day
from diplomev.records import Event, event_types

__all__ = ["wide_columns", "wire_schema"]

Mask = np.ndarray[Any, np.dtype[np.bool_]]
_TAG = registry.TAG_KEY
_TEXT = pa.string()
_DAY_ZERO = datetime.date(1970, 1, 1).toordinal()  # what date32 counts from


class _WireType(_ArrowType):
    """The Arrow type of each shape's values as the JSON reader reads them.

    The table's types, but for what the JSON reader cannot make: vocabularies, codes and
    days are plain text, and a tagged record keeps its tag as text.
    """

    def text(self, shape: sh.Str) -> pa.DataType:
        return _TEXT

    country = currency = choice = date = day = text  # type: ignore[assignment]

    def record(self, shape: sh.Record) -> pa.DataType:
        plan = plan_for(shape.cls)
        # A nested record of a tagged class (a person's affiliation) has its tag on the wire.
        members = [] if plan.tag is None else [pa.field(_TAG, _TEXT)]
        members += [pa.field(f.name, self.of(f.shape)) for f in plan.wire_fields]
        return pa.struct(members)

    def one_of(self, shape: sh.OneOf) -> pa.DataType:
        members = [pa.field(_TAG, _TEXT)]
        members += [pa.field(name, self.of(s)) for name, s in actor_fields(shape.classes)]
        return pa.struct(members)

    def extensions(self, shape: sh.ExtensionMap) -> pa.DataType:  # pragma: no cover
        raise TypeError("x_ fields are keys of the event, read on the record path")


_WIRE = _WireType()


class WireConflict(TypeError):
    """Two kinds put values of types no one Arrow type holds under one key."""


def merged(a: pa.DataType, b: pa.DataType) -> pa.DataType:
    """Return the one type that holds values of ``a`` and of ``b``: structs merge by field."""
    if a == b:
        return a
    if pa.types.is_struct(a) and pa.types.is_struct(b):
        fields = {field.name: field.type for field in a}
        for field in b:
            seen = fields.get(field.name)
            fields[field.name] = field.type if seen is None else merged(seen, field.type)
        return pa.struct(list(fields.items()))
    if pa.types.is_list(a) and pa.types.is_list(b):
        return pa.list_(merged(a.value_type, b.value_type))
    raise WireConflict(f"no one Arrow type holds both {a} and {b}")


_CACHE: dict[tuple[type, ...], tuple[pa.Schema, frozenset[str]]] = {}


def _kinds() -> tuple[type[Event], ...]:
    return tuple(event_types().values())


def wire_schema() -> pa.Schema:
    """Return the schema pyarrow's JSON reader reads events with: every kind's keys, merged.

    A key two kinds give types no one Arrow type holds is left out (its lines fail to
    parse, and go to the record path); see `unreadable_keys`.

    >>> schema = wire_schema()
    >>> schema.field("host").type, schema.field("parties").type.value_type.get_field_index("position") >= 0
    (DataType(string), True)
    """
    return _wire()[0]


def unreadable_keys() -> frozenset[str]:
    """Return the keys whose kinds disagree past merging (lines with them are read one by one).

    The built-in kinds agree on every key they share (a user's kinds may not):

    >>> "host" in unreadable_keys(), "date" in unreadable_keys()
    (False, False)
    """
    return _wire()[1]


def _wire() -> tuple[pa.Schema, frozenset[str]]:
    kinds = _kinds()
    found = _CACHE.get(kinds)
    if found is not None:
        return found
    types: dict[str, pa.DataType] = {_TAG: _TEXT, registry.VERSION_KEY: _TEXT}
    for field in common_fields():
        types[field.name] = _WIRE.of(field.shape)
    conflicts: set[str] = set()
    for cls in kinds:
        for field in kind_fields(cls):
            tp = _WIRE.of(field.shape)
            seen = types.get(field.name)
            try:
                types[field.name] = tp if seen is None else merged(seen, tp)
            except WireConflict:
                conflicts.add(field.name)
    for name in conflicts:
        types.pop(name, None)
    found = _CACHE[kinds] = (pa.schema(list(types.items())), frozenset(conflicts))
    return found


# --- wire columns to the table's ------------------------------------------------------


def _valid(array: pa.Array) -> Mask:
    return as_mask(array.is_valid())


def _wire_default(field: FieldPlan) -> tuple[bool, Any]:
    """Return whether the wire may leave ``field`` out for a default, and that default's value.

    Only scalar defaults are filled in: anything else (none here) is left null, and the
    kernels send the row to the record path.
    """
    if field.required or field.nullable or isinstance(field.shape, sh.Items):
        return False, None
    default = field.default
    if isinstance(default, enum.Enum):
        return True, default.value
    if type(default) in (str, int, float, bool):
        return True, default
    return False, None


def _days(array: pa.Array) -> tuple[pa.Array, Mask]:
    encoded = pc.dictionary_encode(array)
    words = encoded.dictionary.to_pylist()
    days = [quick_day(word) for word in words]
    ordinal = np.array(
        [0 if day is None else day.toordinal() - _DAY_ZERO for day in days] + [0], dtype=np.int32
    )
    bad = np.array([day is None for day in days] + [False], dtype=bool)
    indices = pc.fill_null(encoded.indices, len(words)).to_numpy(zero_copy_only=False)
    valid = _valid(array)
    values = pa.array(ordinal[indices], pa.int32(), mask=~valid | bad[indices]).cast(pa.date32())
    return values, bad[indices] & valid


def _dictionary(array: pa.Array) -> pa.Array:
    return pc.dictionary_encode(array) if not pa.types.is_dictionary(array.type) else array


def _children(array: pa.Array) -> dict[str, pa.Array]:
    """Return a struct's children by name, null where the struct is."""
    return dict(zip((f.name for f in array.type), array.flatten(), strict=True))


def _filled(child: pa.Array, missing: Mask, value: Any) -> pa.Array:
    """Put ``value`` (a default the wire left out) in the rows ``missing``."""
    if not missing.any():
        return child
    dictionary = pa.types.is_dictionary(child.type)
    plain = child.dictionary_decode() if dictionary else child
    plain = pc.if_else(pa.array(missing), pa.scalar(value, plain.type), plain)
    return _dictionary(plain) if dictionary else plain


def _others(children: dict[str, pa.Array], own: set[str], n: int) -> Mask:
    """Return the rows where a key the record does not have holds a value."""
    doubt = np.zeros(n, dtype=bool)
    for name, child in children.items():
        if name not in own and child.null_count < len(child):
            doubt |= _valid(child)
    return doubt


def _is(tags: pa.Array, tag: str | None) -> Mask:
    return as_mask(pc.equal(tags, tag))


Column = tuple[pa.Array, Mask]


class _WireColumn(sh.ShapeVisitor[Column]):
    """For a shape and a wire column of its values, the table's column and the rows to doubt.

    ``self.array`` holds the values being turned (as `_validate`'s visitor holds them).
    """

    def __init__(self) -> None:
        self.array: pa.Array = pa.nulls(0)

    def of(self, shape: sh.Shape, array: pa.Array) -> Column:
        saved, self.array = self.array, array
        try:
            return shape.accept(self)
        finally:
            self.array = saved

    def text(self, shape: sh.Str) -> Column:
        return self.array, np.zeros(len(self.array), dtype=bool)

    integer = boolean = date = text  # type: ignore[assignment]

    def country(self, shape: sh.Alpha3) -> Column:
        return _dictionary(self.array), np.zeros(len(self.array), dtype=bool)

    currency = choice = country  # type: ignore[assignment]

    def day(self, shape: sh.Day) -> Column:
        return _days(self.array)

    def number(self, shape: sh.Float) -> Column:
        # pyarrow reads NaN, and 1e-400 as 0.0, where the record path refuses both.
        array = self.array
        return array, as_mask(pc.or_(pc.equal(array, 0.0), pc.invert(pc.is_finite(array))))

    def optional(self, shape: sh.Optional) -> Column:
        return self.of(shape.inner, self.array)

    def items(self, shape: sh.Items) -> Column:
        array = self.array
        values, doubt = self.of(shape.inner, array.flatten())
        offsets = array.offsets
        if len(offsets) and offsets[0].as_py():
            offsets = pc.subtract(offsets, offsets[0])
        rows = np.zeros(len(array), dtype=bool)
        if doubt.any():
            parents = pc.list_parent_indices(array).to_numpy(zero_copy_only=False)
            rows[parents[doubt]] = True
        # A list the line leaves out is null here and empty in the record (its default); a
        # null on the line would be refused, but lines with nulls never come here.
        return pa.ListArray.from_arrays(offsets, values, type=pa.list_(values.type)), rows

    def record(self, shape: sh.Record) -> Column:
        array = self.array
        plan = plan_for(shape.cls)
        children = _children(array)
        present = _valid(array)
        doubt = _others(children, {f.name for f in plan.wire_fields} | {_TAG}, len(array))
        if plan.tag is not None:
            doubt |= present & ~_is(children[_TAG], plan.tag)
        arrays = []
        for field in plan.wire_fields:
            child, more = self.of(field.shape, children[field.name])
            doubt |= more
            fill, value = _wire_default(field)
            if fill and child.null_count:
                child = _filled(child, present & ~_valid(child), value)
            arrays.append(child)
        return _struct(shape, arrays, present), doubt

    def one_of(self, shape: sh.OneOf) -> Column:
        array = self.array
        n = len(array)
        children = _children(array)
        present = _valid(array)
        union = actor_fields(shape.classes)
        doubt = _others(children, {name for name, _ in union} | {_TAG}, n)
        tags = children[_TAG]
        arrays = [_dictionary(tags)]
        # A field of another actor class would be dropped on the way back to a record (the
        # struct holds every class's fields), where the line's record refuses it.
        for cls in shape.classes:
            mine = present & _is(tags, registry.tag_of(cls))
            if mine.any():
                own = {f.name for f in plan_for(cls).wire_fields} | {_TAG}
                doubt |= mine & _others(children, own, n)
        for name, inner in union:
            child, more = self.of(inner, children[name])
            doubt |= more
            # A default is filled in for the rows of the classes whose field it is.
            for cls in shape.classes:
                plans = {f.name: f for f in plan_for(cls).wire_fields}
                fill, value = _wire_default(plans[name]) if name in plans else (False, None)
                if fill and child.null_count:
                    mine = present & _is(tags, registry.tag_of(cls))
                    child = _filled(child, mine & ~_valid(child), value)
            arrays.append(child)
        return _struct(shape, arrays, present), doubt

    def extensions(self, shape: sh.ExtensionMap) -> Column:  # pragma: no cover
        raise TypeError("x_ fields are keys of the event, read on the record path")


def column(shape: sh.Shape, array: pa.Array) -> Column:
    """Turn a wire column of ``shape`` into the table's column; return it and the rows to doubt."""
    # A visitor a call: it holds the column it walks, and a worker may convert in threads.
    return _WireColumn().of(shape, array)


def _struct(shape: sh.Shape, arrays: list[pa.Array], present: Mask) -> pa.Array:
    return _struct_of(list(arrow_type(shape)), arrays, present)


def _struct_of(fields: list[pa.Field], arrays: list[pa.Array], present: Mask) -> pa.Array:
    """Return the struct of ``arrays``, null where not ``present``.

    Parquet refuses a null in a child that may not be null even under a null parent (as
    pyarrow builds structs, such children hold zeros there), so those get a filler.
    """
    absent = ~present
    if absent.any():
        arrays = [
            array if field.nullable else _filler(array, absent)
            for field, array in zip(fields, arrays, strict=True)
        ]
    mask = pa.array(absent) if absent.any() else None
    return pa.StructArray.from_arrays(arrays, fields=fields, mask=mask)


def _filler(array: pa.Array, where: Mask) -> pa.Array:
    """Return ``array`` with a placeholder value (never read) instead of null in rows ``where``."""
    nulls = ~_valid(array) & where
    if not nulls.any():
        return array
    tp = array.type
    still_null = pa.array(~_valid(array) & ~where)
    if pa.types.is_struct(tp):
        children = [
            array.field(i) if tp.field(i).nullable else _filler(array.field(i), where)
            for i in range(tp.num_fields)
        ]
        return pa.StructArray.from_arrays(children, fields=list(tp), mask=still_null)
    if pa.types.is_list(tp):  # an empty list (a null one's offsets span nothing)
        return pa.ListArray.from_arrays(array.offsets, array.values, type=tp, mask=still_null)
    if pa.types.is_dictionary(tp):
        return _dictionary(_filler(array.dictionary_decode(), where))
    filler = {pa.types.is_string: "", pa.types.is_boolean: False, pa.types.is_date32: 0}
    value = next((v for test, v in filler.items() if test(tp)), 0)
    if pa.types.is_date32(tp):
        plain = pc.if_else(pa.array(nulls), pa.scalar(0, pa.int32()), array.cast(pa.int32()))
        return plain.cast(pa.date32())
    return pc.if_else(pa.array(nulls), pa.scalar(value, tp), array)


def wide_columns(wire: pa.Table) -> tuple[pa.Table, Mask]:
    """Turn a table of `wire_schema` into `arrow_schema`'s columns; return it and the rows to doubt.

    The derived date columns are left out (`validate_table` computes them), and so are the
    extensions (lines with ``x_`` keys never come here).
    """
    wire = wire.combine_chunks()
    n = wire.num_rows
    columns = {
        name: chunked.chunk(0) if chunked.num_chunks else pa.nulls(0, chunked.type)
        for name, chunked in zip(wire.schema.names, wire.columns, strict=True)
    }
    schema = arrow_schema()
    tags = columns[_TAG]
    # A version key on the line is read on the record path, which knows what it accepts.
    doubt = _valid(columns[registry.VERSION_KEY])
    out: dict[str, pa.Array] = {_TAG: _dictionary(tags)}
    for field in common_fields():
        array, more = column(field.shape, columns[field.name])
        fill, value = _wire_default(field)
        if fill and array.null_count:
            array = _filled(array, ~_valid(array), value)
        out[field.name] = array
        doubt |= more
    owners: dict[str, Mask] = {}
    for cls in _kinds():
        tag = registry.tag_of(cls)
        assert tag is not None  # registered kinds have tags
        mine = _is(tags, tag)
        arrays = []
        for field in kind_fields(cls):
            owners[field.name] = owners.get(field.name, np.zeros(n, dtype=bool)) | mine
            given = columns.get(field.name)
            if given is None:  # a key no one type holds: its lines never parse
                given = pa.nulls(n, _WIRE.of(field.shape))
            elif not mine.all() and given.null_count < n:
                # Another kind's values under the same key: not this column's. (if_else
                # leaves the null slots empty, as the kernels expect a null list to be.)
                given = pc.if_else(pa.array(mine), given, pa.nulls(n, given.type))
            array, more = column(field.shape, given)
            doubt |= more & mine
            fill, value = _wire_default(field)
            if fill and array.null_count:
                array = _filled(array, mine & ~_valid(array), value)
            arrays.append(array)
        out[tag] = _struct_of(list(schema.field(tag).type), arrays, mine)
    for name, mine in owners.items():
        given = columns.get(name)
        if given is not None and given.null_count < n:
            doubt |= _valid(given) & ~mine  # a key of another kind than the line's
    names = [name for name in schema.names if name in out]
    return pa.table([out[name] for name in names], names=names), doubt
