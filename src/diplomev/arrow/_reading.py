"""Arrow tables back to records, a record batch at a time, through the validated path.

Each row becomes the wire dict `diplomev.to_dict` would have written (a generated function
per class turns the struct's dict back into wire keys, leaving out what the wire leaves
out), and `diplomev.from_dict` builds and validates the record from it. So a table read
back gives records equal to the ones written, and a table made elsewhere (by DuckDB, by
hand) is checked like any file: bad rows are reported with their row number, in the same
`diplomev.io.Reader` as the file readers use.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeAlias

import pyarrow as pa

from diplomev._jsontext import parse_json
from diplomev.arrow._rows import ValueExpression, collector_paused
from diplomev.arrow._schema import (
    DERIVED_COLUMNS,
    actor_fields,
    arrow_schema,
    common_fields,
    kind_fields,
)
from diplomev.codec import from_dict
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError
from diplomev.io import BadRecord, ErrorMode, Reader, RecordError
from diplomev.model import plan_for, registry
from diplomev.model import shapes as sh
from diplomev.model.codegen import Source
from diplomev.model.plans import FieldPlan
from diplomev.model.shapes import is_extension_key

__all__ = ["Tabular", "from_table", "table_items"]

#: What `from_table` reads: a table, a record batch, or an iterable of record batches
#: (a `pyarrow.RecordBatchReader`, a dataset's batches).
Tabular: TypeAlias = "pa.Table | pa.RecordBatch | Iterable[pa.RecordBatch]"

_TAG = registry.TAG_KEY
_DAY_ZERO = datetime.date(1970, 1, 1)  # what date32 counts from


class _WireValue(ValueExpression):
    """For each shape, the expression that turns pyarrow's Python value into the wire's."""

    country = currency = integer = number = boolean = choice = date = ValueExpression.text  # type: ignore[assignment]

    def day(self, shape: sh.Day) -> str:
        return f"{self.value}.isoformat()"

    def record(self, shape: sh.Record) -> str:
        return f"{self.src.bind(_wire_of(shape.cls))}({self.value})"

    def one_of(self, shape: sh.OneOf) -> str:
        return f"{self.src.bind(_actor_wire(shape.classes))}({self.value})"


def _put_fields(src: Source, fields: Iterable[FieldPlan], source: str, indent: int) -> None:
    """Write the statements copying ``fields`` from the dict ``source`` into ``d``.

    A null (or an empty list) is left out, as the wire leaves it out: the field's default
    applies, and a required field is reported missing by `from_dict`. Only a field whose
    default is not None but which may hold None keeps its null.
    """
    wire = _WireValue(src)
    for field in fields:
        name = field.name
        src.add(indent, f"v = {source}.get({name!r})")
        keep_none = field.nullable and not field.required and field.default is not None
        if isinstance(field.shape, sh.Items) and field.default == ():
            src.add(indent, "if v:")
        elif keep_none:
            src.add(indent, "if True:")  # None is a value here, not the default
        else:
            src.add(indent, "if v is not None:")
        shape = field.shape.inner if isinstance(field.shape, sh.Optional) else field.shape
        value = wire.of(shape, "v")
        if keep_none and value != "v":
            value = f"(None if v is None else {value})"
        src.add(indent + 1, f"d[{name!r}] = {value}")


_WIRES: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _wire_of(cls: type) -> Callable[[Any], dict[str, Any]]:
    try:
        return _WIRES[cls]
    except KeyError:
        pass
    src = Source()
    plan = plan_for(cls)
    src.add(0, "def wire(r):")
    # A nested record of a tagged class (a person's affiliation) has its tag on the wire;
    # in the table its column says what class it is.
    src.add(1, "d = {}" if plan.tag is None else f"d = {{{_TAG!r}: {plan.tag!r}}}")
    _put_fields(src, plan.wire_fields, "r", 1)
    src.add(1, "return d")
    wire: Callable[[Any], dict[str, Any]] = src.compile("wire", f"arrow wire of {cls.__qualname__}")
    _WIRES[cls] = wire
    return wire


def _actor_wire(classes: tuple[type, ...]) -> Callable[[Any], dict[str, Any]]:
    """Return the function reading the actors' shared struct as the wire dict of its class."""
    actor_fields(classes)  # refuses actor classes whose fields clash, as the schema does
    table = {}
    for cls in classes:
        src = Source()
        src.add(0, "def wire(r):")
        src.add(1, f"d = {{{_TAG!r}: {registry.tag_of(cls)!r}}}")
        _put_fields(src, plan_for(cls).wire_fields, "r", 1)
        src.add(1, "return d")
        table[registry.tag_of(cls)] = src.compile("wire", f"arrow actor wire of {cls.__name__}")

    def wire(r: dict[str, Any]) -> dict[str, Any]:
        convert = table.get(r.get(_TAG))
        # An unknown tag goes on as it is: from_dict names it in its report.
        return {_TAG: r.get(_TAG)} if convert is None else convert(r)

    return wire


def _event_wire(cls: type) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Generate the function that turns a row of the wide table into an event's wire dict."""
    tag = registry.tag_of(cls)
    src = Source()
    src.add(0, "def wire(r):")
    src.add(1, f"d = {{{_TAG!r}: {tag!r}}}")
    _put_fields(src, common_fields(), "r", 1)
    src.add(1, f"k = r.get({tag!r})")
    src.add(1, "if k is not None:")
    _put_fields(src, kind_fields(cls), "k", 2)
    src.add(1, "x = r.get('extensions')")
    src.add(1, "if x is not None:")
    src.add(2, f"x = {src.bind(parse_json)}(x)")
    # Only an object of x_ keys is taken as extensions (an "id" in it must not replace the
    # event's); anything else goes to from_dict as it is, which reports it in its place.
    src.add(2, f"if type(x) is dict and all(map({src.bind(is_extension_key)}, x)):")
    src.add(3, "d.update(x)")
    src.add(2, "else:")
    src.add(3, "d['extensions'] = x")
    src.add(1, "return d")
    return src.compile("wire", f"arrow event wire of {cls.__qualname__}")  # type: ignore[no-any-return]


_EVENT_WIRES: dict[type, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def row_to_wire(row: dict[str, Any]) -> Any:
    """Return the wire dict of one row of the wide table (what `from_dict` reads)."""
    tag = row.get(_TAG)
    cls = registry.tagged("event").get(tag) if type(tag) is str else None
    if cls is None:
        return {_TAG: tag}  # from_dict names the unknown type
    wire = _EVENT_WIRES.get(cls)
    if wire is None:
        wire = _EVENT_WIRES[cls] = _event_wire(cls)
    return wire(row)


def _batches(data: Tabular) -> Iterator[pa.RecordBatch]:
    if isinstance(data, pa.Table):
        yield from data.to_batches()
    elif isinstance(data, pa.RecordBatch):
        yield data
    else:
        yield from data


def _check_columns(name: str, schema: pa.Schema) -> None:
    known = set(arrow_schema().names)
    unknown = [column for column in schema.names if column not in known]
    if unknown:
        shown = ", ".join(repr(column) for column in unknown[:5])
        detail = ErrorDetail("$", f"unknown column {shown}", ErrorCode.BAD_FILE)
        raise RecordError(BadRecord(name, None, (detail,)))
    if _TAG not in schema.names:
        detail = ErrorDetail("$", f"missing column {_TAG!r}", ErrorCode.BAD_FILE)
        raise RecordError(BadRecord(name, None, (detail,)))


def table_items(data: Tabular, name: str) -> Iterator[Any]:
    """Yield the record or the `BadRecord` of each row, rows numbered from 1."""
    number = 0
    checked: pa.Schema | None = None
    for batch in _batches(data):
        if batch.schema is not checked:
            _check_columns(name, batch.schema)
            checked = batch.schema
        rows = batch.drop_columns([c for c in DERIVED_COLUMNS if c in batch.schema.names])
        # The collector is paused while a batch becomes records (see collector_paused), and
        # runs again before they are handed out.
        with collector_paused():
            items = [
                _record(row, name, number + index) for index, row in enumerate(python_rows(rows), 1)
            ]
        number += len(items)
        yield from items


def python_rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    """Return the rows of a batch as dicts, as ``batch.to_pylist()`` does, twice as fast.

    pyarrow makes a scalar object of every nested value on its way to Python; here each
    column is converted whole, children first, and a column of nulls (another kind's, in
    a file of one kind) costs nothing.
    """
    names = batch.schema.names
    return [
        dict(zip(names, values, strict=True))
        for values in zip(*map(_pylist, batch.columns), strict=True)
    ]


def _pylist(array: pa.Array) -> list[Any]:
    size, nulls = len(array), array.null_count
    if nulls == size:
        return [None] * size
    tp = array.type
    values: list[Any]
    if pa.types.is_struct(tp):
        names = [tp.field(i).name for i in range(tp.num_fields)]
        # flatten() gives the children as sliced as their parent; field(i) would not.
        children = [_pylist(child) for child in array.flatten()]
        values = [dict(zip(names, row, strict=True)) for row in zip(*children, strict=True)]
        if not names:
            values = [{} for _ in range(size)]
    elif pa.types.is_list(tp) or pa.types.is_large_list(tp):
        items = _pylist(array.flatten())
        offsets = array.offsets.to_pylist()
        base = offsets[0]
        values = [items[a - base : b - base] for a, b in itertools.pairwise(offsets)]
    elif pa.types.is_dictionary(tp):
        words = _pylist(array.dictionary)
        return [None if i is None else words[i] for i in array.indices.to_pylist()]
    elif pa.types.is_date32(tp):
        # pyarrow makes each datetime.date through a scalar object: ten times slower.
        ordinal = _DAY_ZERO.toordinal()
        days = array.cast(pa.int32()).to_pylist()
        return [None if d is None else datetime.date.fromordinal(ordinal + d) for d in days]
    else:
        return array.to_pylist()  # type: ignore[no-any-return]
    if nulls:
        values = [
            v if ok else None for v, ok in zip(values, array.is_valid().to_pylist(), strict=True)
        ]
    return values


def _record(row: dict[str, Any], name: str, number: int) -> Any:
    try:
        return from_dict(row_to_wire(row))
    except ValidationError as e:
        return BadRecord(name, number, e.errors)


def from_table(data: Tabular, *, errors: ErrorMode = "raise", name: str = "<table>") -> Reader:
    """Read events back from a table of `arrow_schema`, one record batch at a time.

    Returns a `diplomev.io.Reader`: each row is built and validated as `diplomev.from_dict`
    builds a record, and a bad row raises a `diplomev.io.RecordError` or, with
    ``errors="collect"``, lands in ``reader.problems`` with its row number (from 1) as
    its line. A column the schema does not have raises a `RecordError` at once. ``name``
    names the table in reports.

    >>> from diplomev import loads
    >>> event = loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...               ' "visitor": {"type": "country", "code": "KOR"}}')
    >>> from diplomev.arrow import to_table
    >>> list(from_table(to_table([event]))) == [event]
    True
    """
    return Reader(table_items(data, name), errors)
