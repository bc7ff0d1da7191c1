"""Records to Arrow record batches, column by column, through builders made from the plans.

Why by columns: the plain way, `diplomev.to_dict` per record and then
``pa.RecordBatch.from_pylist``, builds a dict of every record and every nested part, and
pyarrow then looks each key up again and converts value after value through its generic
converter. Here one walk over each class's plan (the one the codec's unstructure function
comes from) makes a builder per field: it gathers the field's values of a whole batch
with ``map(attrgetter(...))`` (C speed, no Python frame per value), and hands pyarrow flat
lists of strings or numbers, which it converts fastest; a nested record becomes a struct
of its fields' columns, a tuple a list array of its items' column and their offsets.
Each value is written as the wire writes it (a vocabulary as its value, a date as its
EDTF text, ``x_`` fields as JSON text), so reading the table back through
`diplomev.from_dict` gives the same record.

Each kind's struct column is built from that kind's records alone, then spread over the
batch's rows by one ``take``; where a struct is null its children hold zeros and empty
lists, never nulls (Parquet refuses a null in a non-nullable child, even under a null
parent).
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from diplomev._json import thaw_json
from diplomev._jsontext import dump_json
from diplomev.arrow._nulls import POOL, null_column, scatter
from diplomev.arrow._schema import (
    DERIVED_COLUMNS,
    actor_fields,
    arrow_schema,
    arrow_type,
    common_fields,
    kind_fields,
    record_fields,
)
from diplomev.dates import Bound, EventDate
from diplomev.model import plan_for, registry
from diplomev.model import shapes as sh
from diplomev.model.visitor import ExpressionVisitor
from diplomev.records import Event, event_type_name

__all__ = ["DEFAULT_BATCH_ROWS", "grouped_batches", "record_batches", "to_table"]

#: How many records go into one record batch: enough to amortize pyarrow's per-call cost,
#: few enough that a batch's Python lists stay a few tens of megabytes.
DEFAULT_BATCH_ROWS = 65_536


class ValueExpression(ExpressionVisitor):
    """The scaffold of a code generator: for a shape, an expression of ``self.value``.

    Text comes through as it is, and optional values and lists element by element, both
    ways alike; subclasses say what each other shape becomes, for one direction of the
    trip between records and Arrow.
    """

    def text(self, shape: sh.Str) -> str:
        return self.value

    def optional(self, shape: sh.Optional) -> str:
        inner = self.of(shape.inner, self.value)
        return inner if inner == self.value else f"(None if {self.value} is None else {inner})"

    def items(self, shape: sh.Items) -> str:
        inner = self.of(shape.inner, "_i")
        return self.value if inner == "_i" else f"[{inner} for _i in {self.value}]"

    def extensions(self, shape: sh.ExtensionMap) -> str:  # pragma: no cover - by the event
        raise TypeError("x_ fields are the event's JSON text column")


#: Builds the Arrow array of one column from the Python values of a batch's records.
Builder = Callable[[list[Any]], pa.Array]


def _nones(values: list[Any]) -> np.ndarray[Any, np.dtype[np.bool_]]:
    return np.fromiter(map(operator.is_, values, itertools.repeat(None)), bool, len(values))


class _Columns(sh.ShapeVisitor[Builder]):
    """For each shape, the builder of its column from a list of values (never None)."""

    def of(self, shape: sh.Shape) -> Builder:
        return shape.accept(self)

    def _plain(self, shape: sh.Shape) -> Builder:
        tp = arrow_type(shape)
        return lambda values: pa.array(values, tp, memory_pool=POOL)

    text = country = currency = integer = number = boolean = day = _plain

    def choice(self, shape: sh.Choice) -> Builder:
        tp = arrow_type(shape)
        wire = {member: member._value_ for member in shape.enum}.get  # None stays None
        return lambda values: pa.array(list(map(wire, values)), tp, memory_pool=POOL)

    def date(self, shape: sh.Date) -> Builder:
        return lambda values: pa.array(
            [None if v is None else str(v) for v in values], pa.string(), memory_pool=POOL
        )

    def record(self, shape: sh.Record) -> Builder:
        return _struct(record_fields(shape.cls), plan_for(shape.cls).wire_fields)

    def one_of(self, shape: sh.OneOf) -> Builder:
        return _actors(shape.classes)

    def optional(self, shape: sh.Optional) -> Builder:
        inner = self.of(shape.inner)
        tp = arrow_type(shape.inner)
        if not isinstance(shape.inner, (sh.Record, sh.OneOf)):
            return inner  # pyarrow takes None as null, and so do the scalar builders
        if isinstance(shape.inner, sh.Items):  # pragma: no cover - lists are never None
            raise TypeError("an optional list has no column: lists are empty, not null")

        def build(values: list[Any]) -> pa.Array:
            nones = _nones(values)
            if not nones.any():
                return inner(values)
            present = np.flatnonzero(~nones)
            if not len(present):
                return null_column(tp, len(values))
            dense = inner(list(map(values.__getitem__, present.tolist())))
            return scatter(dense, present, len(values))

        return build

    def items(self, shape: sh.Items) -> Builder:
        tp = arrow_type(shape)
        inner = self.of(shape.inner)

        def build(values: list[Any]) -> pa.Array:
            offsets = np.zeros(len(values) + 1, dtype=np.int32)
            np.cumsum(np.fromiter(map(len, values), np.int32, len(values)), out=offsets[1:])
            flat = inner(list(itertools.chain.from_iterable(values)))
            return pa.ListArray.from_arrays(pa.array(offsets), flat, type=tp)

        return build

    def extensions(self, shape: sh.ExtensionMap) -> Builder:  # pragma: no cover - by the event
        raise TypeError("x_ fields are the event's JSON text column")


_COLUMNS = _Columns()


def _struct(fields: list[pa.Field], plans: Iterable[Any]) -> Builder:
    """Return the builder of a struct whose children are the fields ``plans`` of the values."""
    children = [(operator.attrgetter(plan.name), _COLUMNS.of(plan.shape)) for plan in plans]

    def build(values: list[Any]) -> pa.Array:
        arrays = [column(list(map(get, values))) for get, column in children]
        return pa.StructArray.from_arrays(arrays, fields=fields) if fields else _empty(values)

    return build


def _empty(values: list[Any]) -> pa.Array:  # pragma: no cover - a record with no fields
    return pa.array([{}] * len(values), pa.struct([]))


_ACTORS: dict[tuple[type, ...], Builder] = {}


def _actors(classes: tuple[type, ...]) -> Builder:
    """Return the builder of the actors' shared struct: the tag, then the union of fields."""
    found = _ACTORS.get(classes)
    if found is not None:
        return found
    tp = arrow_type(sh.OneOf(classes))
    numbers = {cls: number for number, cls in enumerate(classes)}
    tags = pa.array([registry.tag_of(cls) for cls in classes], pa.string())
    columns = []
    for name, shape in actor_fields(classes):
        owners = [name in {f.name for f in plan_for(cls).wire_fields} for cls in classes]
        # A class without the field gives None (getattr's default), unless it has an
        # attribute of that name that is no field (a country's name): then the field is
        # read from the values of the classes that have it, the others left None.
        plain = all(own or not hasattr(cls, name) for cls, own in zip(classes, owners, strict=True))
        columns.append((name, plain, np.array(owners), _COLUMNS.of(sh.Optional(shape))))

    def build(values: list[Any]) -> pa.Array:
        n = len(values)
        codes = np.fromiter(map(numbers.__getitem__, map(type, values)), np.int32, n)
        arrays = [pa.DictionaryArray.from_arrays(pa.array(codes), tags)]
        for name, plain, owners, column in columns:
            if plain:
                got = list(map(getattr, values, itertools.repeat(name), itertools.repeat(None)))
            else:
                rows = np.flatnonzero(owners[codes])
                spread = np.full(n, None, dtype=object)
                spread[rows] = list(
                    map(getattr, map(values.__getitem__, rows.tolist()), itertools.repeat(name))
                )
                got = spread.tolist()
            arrays.append(column(got))
        return pa.StructArray.from_arrays(arrays, fields=list(tp))

    _ACTORS[classes] = build
    return build


def _year(date: EventDate) -> int:
    """Return the year an event is filed under: its start's, or its end's if the start is open."""
    return (date.upper() if isinstance(date.start, Bound) else date.lower()).year


class _EventColumns:
    """The builders of the wide table's columns, for the kinds registered when made."""

    def __init__(self, kinds: tuple[type, ...]) -> None:
        self.kinds = kinds
        self.schema = arrow_schema()
        self.codes = {cls: number for number, cls in enumerate(kinds)}
        self.tags = pa.array([registry.tag_of(cls) for cls in kinds], pa.string())
        self.common = [
            (field.name, operator.attrgetter(field.name), _COLUMNS.of(field.shape))
            for field in common_fields()
        ]
        self.extensions = {cls: plan_for(cls).extensions_field for cls in kinds}
        self.own = [
            _struct(list(self.schema.field(registry.tag_of(cls)).type), kind_fields(cls))
            for cls in kinds
        ]

    def kind_codes(self, events: list[Any]) -> np.ndarray[Any, Any]:
        """Return each event's kind as its number in ``self.kinds``."""
        try:
            codes = list(map(self.codes.__getitem__, map(type, events)))
        except KeyError:  # a subclass of a kind, or not an event at all
            codes = [self.codes[_kind_of(event)] for event in events]
        return np.asarray(codes, dtype=np.int32)

    def keys(
        self, events: list[Any], codes: np.ndarray[Any, Any], names: list[str]
    ) -> dict[str, pa.Array]:
        """Return the columns ``names`` (any but the kinds' structs) to sort by, and more.

        The columns worked out with them come too: a date's text and bounds are one walk.
        """
        common = {name: (get, column) for name, get, column in self.common}
        found: dict[str, pa.Array] = {}
        for name in names:
            if name in found:
                continue
            if name == registry.TAG_KEY:
                found[name] = pa.DictionaryArray.from_arrays(pa.array(codes), self.tags)
            elif name in _DATE_COLUMNS:
                dates = _dates(list(map(operator.attrgetter("date"), events)))
                found.update(zip(_DATE_COLUMNS, dates, strict=True))
            elif name == "extensions":
                found[name] = self._extensions(events, codes)
            else:
                get, column = common[name]
                found[name] = column(list(map(get, events)))
        return found

    def batch(
        self,
        events: list[Any],
        codes: np.ndarray[Any, Any],
        known: dict[str, pa.Array] | None = None,
    ) -> pa.RecordBatch:
        """Return the record batch of ``events``, of the kinds numbered ``codes``.

        ``known`` holds columns already built (the sort keys, in the events' order).
        """
        known = known or {}
        n = len(events)
        arrays: list[pa.Array] = [pa.DictionaryArray.from_arrays(pa.array(codes), self.tags)]
        for name, get, column in self.common:
            if name == "date":
                if name in known:
                    arrays += [known[date_column] for date_column in _DATE_COLUMNS]
                else:
                    arrays += _dates(list(map(get, events)))
            elif name in known:
                arrays.append(known[name])
            else:
                arrays.append(column(list(map(get, events))))
        found = known.get("extensions")
        arrays.append(self._extensions(events, codes) if found is None else found)
        for number, own in enumerate(self.own):
            rows = np.flatnonzero(codes == number)
            mine = list(map(events.__getitem__, rows.tolist())) if len(rows) < n else events
            arrays.append(scatter(own(mine), rows, n))
        return pa.RecordBatch.from_arrays(arrays, schema=self.schema)

    def _extensions(self, events: list[Any], codes: np.ndarray[Any, Any]) -> pa.Array:
        names = {name for name in self.extensions.values() if name is not None}
        if len(names) == 1 and all(self.extensions.values()):
            (name,) = names
            found = list(map(operator.attrgetter(name), events))
        else:  # pragma: no cover - every kind keeps its x_ fields in Event's field
            found = [
                getattr(event, self.extensions[self.kinds[code]] or "", None)
                for event, code in zip(events, codes.tolist(), strict=True)
            ]
        # Most events have none: a frozen object's own dict tells, without a call per event
        # (its Mapping's ``__len__`` is one, and not every empty one is the shared one).
        contents = map(getattr, found, itertools.repeat("_data"), found)
        texts: list[str | None] = [None] * len(found)
        for row in itertools.compress(itertools.count(), contents):
            texts[row] = dump_json(thaw_json(found[row]))
        return pa.array(texts, pa.string(), memory_pool=POOL)


def _dates(dates: list[EventDate]) -> list[pa.Array]:
    """Return the date's text, ``date_lower``, ``date_upper`` and ``year`` columns.

    Dates repeat across events: the bounds are worked out once per distinct text.
    """
    text = pa.array(list(map(str, dates)), pa.string(), memory_pool=POOL)
    encoded = pc.dictionary_encode(text, memory_pool=POOL)
    indices = encoded.indices.to_numpy()
    first = np.empty(len(encoded.dictionary), dtype=np.int64)
    # A row of each distinct text, whichever: equal texts have equal bounds.
    first[indices] = np.arange(len(indices))
    lower = np.empty(len(first), dtype=np.int32)
    upper = np.empty(len(first), dtype=np.int32)
    year = np.empty(len(first), dtype=np.int32)
    zero = _DAY_ZERO
    for k, row in enumerate(first.tolist()):
        date = dates[row]
        lower[k] = date.lower().toordinal() - zero
        upper[k] = date.upper().toordinal() - zero
        year[k] = _year(date)
    return [
        text,
        pa.array(lower[indices]).view(pa.date32()),
        pa.array(upper[indices]).view(pa.date32()),
        pa.array(year[indices]),
    ]


_DAY_ZERO = datetime.date(1970, 1, 1).toordinal()
#: The columns `_dates` returns, in its order.
_DATE_COLUMNS = ("date", *DERIVED_COLUMNS)


def _kind_of(event: object) -> type:
    """Find the registered kind of an event of a subclass, or say what is not an event."""
    if not isinstance(event, Event):
        raise TypeError(f"expected an Event, got {type(event).__name__}")
    return registry.tagged("event")[event_type_name(type(event))]


_EVENT_COLUMNS: dict[tuple[type, ...], _EventColumns] = {}


def event_columns() -> _EventColumns:
    """Return the column builders of the registered kinds (made again when kinds are added)."""
    kinds = tuple(registry.tagged("event").values())
    columns = _EVENT_COLUMNS.get(kinds)
    if columns is None:
        columns = _EVENT_COLUMNS[kinds] = _EventColumns(kinds)
    return columns


def record_batches(
    events: Iterable[Event], *, batch_rows: int = DEFAULT_BATCH_ROWS
) -> Iterator[pa.RecordBatch]:
    """Yield the events as record batches of `arrow_schema`, ``batch_rows`` at a time.

    >>> from diplomev import loads
    >>> event = loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...               ' "visitor": {"type": "country", "code": "KOR"}}')
    >>> [batch.num_rows for batch in record_batches([event] * 5, batch_rows=2)]
    [2, 2, 1]
    """
    for batch, _ in grouped_batches(events, batch_rows=batch_rows, key_columns=()):
        yield batch


#: A run of rows of one batch with the same values in the key columns: (key, start, length).
Run = tuple[tuple[Any, ...], int, int]


def grouped_batches(
    events: Iterable[Event], *, batch_rows: int, key_columns: Sequence[int]
) -> Iterator[tuple[pa.RecordBatch, list[Run]]]:
    """Yield record batches whose rows are sorted by the values of ``key_columns``, with the runs.

    Sorting the events before their columns are built makes each partition of a batch a
    contiguous slice, which costs nothing to cut (pyarrow's own partitioning would gather
    the rows of every nested column again).
    """
    if batch_rows < 1:
        raise ValueError(f"batch_rows must be at least 1, not {batch_rows!r}")
    columns = event_columns()
    names = [arrow_schema().names[i] for i in key_columns]
    items = iter(events)
    while True:
        with collector_paused():
            chunk = list(itertools.islice(items, batch_rows))
            if not chunk:
                return
            kinds = columns.kind_codes(chunk)
            runs: list[Run] = [((), 0, len(chunk))]
            known: dict[str, pa.Array] = {}
            if names:
                # The events are sorted, not the batch: gathering Python references is
                # cheaper than pyarrow's take of every nested column.
                found = columns.keys(chunk, kinds, names)
                keys = [found[name] for name in names]
                codes = [_codes(key) for key in keys]
                # Stable: a partition's rows keep their order. Partitions come in any
                # order, which is all grouping needs: by kind first, so that each kind's
                # rows are one run (its column is then copied whole, not taken row by row).
                first = sorted(range(len(names)), key=lambda k: names[k] != registry.TAG_KEY)
                order = np.lexsort([codes[k] for k in reversed(first)])
                chunk = list(map(chunk.__getitem__, order.tolist()))
                kinds = kinds[order]
                runs = _runs(keys, [code[order] for code in codes], order)
                taken = pa.array(order)
                known = {
                    name: column.take(taken)
                    for name, column in found.items()
                    if name != registry.TAG_KEY
                }
            batch = columns.batch(chunk, kinds, known)
            del chunk
        yield batch, runs


def _codes(key: pa.Array) -> np.ndarray[Any, Any]:
    """Return numbers equal where the key's values are equal (a dictionary's indices)."""
    if pa.types.is_string(key.type) or pa.types.is_large_string(key.type):
        key = pc.dictionary_encode(key)
    # A dictionary built from Python values holds each value once: equal indices, equal values.
    values = key.indices if pa.types.is_dictionary(key.type) else key
    return np.asarray(values.to_numpy(zero_copy_only=False))


def _runs(keys: list[pa.Array], codes: list[np.ndarray[Any, Any]], order: Any) -> list[Run]:
    """Return the runs of equal keys, given the keys' codes in sorted order."""
    n = len(order)
    change = np.zeros(n, dtype=bool)
    change[0] = True
    for code in codes:
        change[1:] |= code[1:] != code[:-1]
    starts = np.flatnonzero(change)
    values = [key.take(pa.array(order[starts])).to_pylist() for key in keys]
    ends = [*starts[1:].tolist(), n]
    return [
        (tuple(value[k] for value in values), start, end - start)
        for k, (start, end) in enumerate(zip(starts.tolist(), ends, strict=True))
    ]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch's tuples are built.

    The tuples of a batch (hundreds of thousands of small containers, none in a cycle, all
    freed by reference counting) otherwise set off collection after collection, each
    walking every tuple made so far: that tripled the cost of a batch.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def to_table(events: Iterable[Event], *, batch_rows: int = DEFAULT_BATCH_ROWS) -> pa.Table:
    """Return the events as one Arrow table of `arrow_schema` (built ``batch_rows`` at a time).

    >>> from diplomev import loads
    >>> event = loads('{"type": "visit", "id": "v", "date": "2019~", "host": "CHN",'
    ...               ' "visitor": {"type": "country", "code": "KOR"}, "x_coder": "hand"}')
    >>> table = to_table([event])
    >>> row = table.to_pylist()[0]
    >>> row["type"], row["date"], row["date_lower"], row["year"], row["extensions"]
    ('visit', '2019~', datetime.date(2019, 1, 1), 2019, '{"x_coder":"hand"}')
    >>> row["visit"]["visitor"]["type"], row["visit"]["visitor"]["code"], row["summit"]
    ('country', 'KOR', None)
    """
    return pa.Table.from_batches(
        list(record_batches(events, batch_rows=batch_rows)), arrow_schema()
    )
