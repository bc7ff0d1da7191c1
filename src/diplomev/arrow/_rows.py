"""Records to Arrow record batches, through one generated function per class.

Why generated: the plain way, `diplomev.to_dict` per record and then
``pa.RecordBatch.from_pylist``, builds a dict of every record and every nested part, and
pyarrow then looks each key up again. Here one walk over each class's plan (the one the
codec's unstructure function comes from) writes a function that reads the record's
attributes once and returns a tuple in the order of the Arrow struct, which pyarrow
converts without a key lookup. Each value is written as the wire writes it (a vocabulary
as its value, a date as its EDTF text, ``x_`` fields as JSON text), so reading the table
back through `diplomev.from_dict` gives the same record.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import pyarrow as pa

from diplomev._json import thaw_json
from diplomev._jsontext import dump_json
from diplomev.arrow._schema import actor_fields, arrow_schema, common_fields, kind_fields
from diplomev.dates import Bound, EventDate
from diplomev.model import plan_for, registry
from diplomev.model import shapes as sh
from diplomev.model.codegen import Source
from diplomev.records import Event, event_type_name

__all__ = ["DEFAULT_BATCH_ROWS", "grouped_batches", "record_batches", "to_table"]

#: How many records go into one record batch: enough to amortize pyarrow's per-call cost,
#: few enough that a batch's Python tuples stay a few tens of megabytes.
DEFAULT_BATCH_ROWS = 65_536


class ValueExpression(sh.ShapeVisitor[str]):
    """The scaffold of a code generator: for a shape, an expression of ``self.value``.

    Text comes through as it is, and optional values and lists element by element, both
    ways alike; subclasses say what each other shape becomes, for one direction of the
    trip between records and Arrow.
    """

    def __init__(self, src: Source) -> None:
        self.src = src
        self.value = ""

    def of(self, shape: sh.Shape, value: str) -> str:
        saved, self.value = self.value, value
        try:
            return shape.accept(self)
        finally:
            self.value = saved

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


class _ArrowValue(ValueExpression):
    """For each shape, the expression that turns ``self.value`` into what pyarrow takes."""

    country = currency = integer = number = boolean = day = ValueExpression.text  # type: ignore[assignment]

    def choice(self, shape: sh.Choice) -> str:
        return f"{self.value}._value_"

    def date(self, shape: sh.Date) -> str:
        return f"str({self.value})"

    def record(self, shape: sh.Record) -> str:
        return f"{self.src.bind(_row_of(shape.cls))}({self.value})"

    def one_of(self, shape: sh.OneOf) -> str:
        table = _actor_rows(shape.classes)
        return f"{self.src.bind(table)}[type({self.value})]({self.value})"


_ROWS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _row_of(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """Return the function that turns a nested record into its struct's tuple."""
    try:
        return _ROWS[cls]
    except KeyError:
        pass
    src = Source()
    arrow = _ArrowValue(src)
    values = [arrow.of(field.shape, f"o.{field.name}") for field in plan_for(cls).wire_fields]
    src.add(0, "def row(o):")
    src.add(1, "return (" + "".join(f"{value}, " for value in values) + ")")
    row: Callable[[Any], tuple[Any, ...]] = src.compile("row", f"arrow row of {cls.__qualname__}")
    _ROWS[cls] = row
    return row


def _actor_rows(classes: tuple[type, ...]) -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    """Return, per actor class, the function writing it in the actors' shared struct."""
    union = actor_fields(classes)
    table = {}
    for cls in classes:
        src = Source()
        arrow = _ArrowValue(src)
        own = {field.name: field.shape for field in plan_for(cls).wire_fields}
        values = [repr(registry.tag_of(cls))]
        values += [arrow.of(own[name], f"o.{name}") if name in own else "None" for name, _ in union]
        src.add(0, "def row(o):")
        src.add(1, "return (" + ", ".join(values) + ",)")
        table[cls] = src.compile("row", f"arrow actor row of {cls.__qualname__}")
    return table


def _year(date: EventDate) -> int:
    """Return the year an event is filed under: its start's, or its end's if the start is open."""
    return (date.upper() if isinstance(date.start, Bound) else date.lower()).year


def _event_row(cls: type, kinds: tuple[type, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """Generate the function that turns an event of ``cls`` into a row of the wide table."""
    src = Source()
    arrow = _ArrowValue(src)
    plan = plan_for(cls)
    values = [repr(plan.tag)]
    for field in common_fields():
        values.append(arrow.of(field.shape, f"o.{field.name}"))
        if field.name == "date":
            values += ["d.lower()", "d.upper()", f"{src.bind(_year)}(d)"]
    extensions = plan.extensions_field
    if extensions is None:
        values.append("None")
    else:
        dump, thaw = src.bind(dump_json), src.bind(thaw_json)
        values.append(f"({dump}({thaw}(o.{extensions})) if o.{extensions} else None)")
    for kind in kinds:
        if kind is not cls:
            values.append("None")
            continue
        own = [arrow.of(field.shape, f"o.{field.name}") for field in kind_fields(cls)]
        values.append("(" + "".join(f"{value}, " for value in own) + ")")
    src.add(0, "def row(o):")
    src.add(1, "d = o.date")
    src.add(1, "return (" + ", ".join(values) + ")")
    return src.compile("row", f"arrow event row of {cls.__qualname__}")  # type: ignore[no-any-return]


_EVENT_ROWS: dict[tuple[type, ...], dict[type, Callable[[Any], tuple[Any, ...]]]] = {}


def event_rows() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    """Return the row function of each registered kind (regenerated when kinds are added)."""
    kinds = tuple(registry.tagged("event").values())
    rows = _EVENT_ROWS.get(kinds)
    if rows is None:
        rows = _EVENT_ROWS[kinds] = {cls: _event_row(cls, kinds) for cls in kinds}
    return rows


def _row_function(rows: dict[type, Callable[[Any], Any]], event: object) -> Callable[[Any], Any]:
    """Find the row function of an event of a subclass, or say what is not an event."""
    if not isinstance(event, Event):
        raise TypeError(f"expected an Event, got {type(event).__name__}")
    tag = event_type_name(type(event))
    return rows[registry.tagged("event")[tag]]


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

    Sorting the Python tuples before pyarrow sees them makes each partition of a batch a
    contiguous slice, which costs nothing to cut (pyarrow's own partitioning would gather
    the rows of every nested column again).
    """
    if batch_rows < 1:
        raise ValueError(f"batch_rows must be at least 1, not {batch_rows!r}")
    schema = arrow_schema()
    rows = event_rows()
    types = schema.types
    items = iter(events)
    key = operator.itemgetter(*key_columns) if key_columns else None
    while True:
        with collector_paused():
            chunk = list(itertools.islice(items, batch_rows))
            if not chunk:
                return
            try:
                tuples = [rows[type(event)](event) for event in chunk]
            except KeyError:  # a subclass of a kind, or not an event at all
                tuples = [_row_function(rows, event)(event) for event in chunk]
            del chunk
            runs: list[Run] = [((), 0, len(tuples))]
            if key is not None:
                tuples.sort(key=key)
                runs = _runs(tuples, key, len(key_columns))
            columns = zip(*tuples, strict=True)
            arrays = [
                _valid_dictionaries(pa.array(column, type=tp))
                for column, tp in zip(columns, types, strict=True)
            ]
            del tuples
        yield pa.RecordBatch.from_arrays(arrays, schema=schema), runs


def _has_dictionary(tp: pa.DataType) -> bool:
    if pa.types.is_dictionary(tp):
        return True
    if pa.types.is_struct(tp):
        return any(_has_dictionary(field.type) for field in tp)
    return pa.types.is_list(tp) and _has_dictionary(tp.value_type)


def _valid_dictionaries(array: pa.Array) -> pa.Array:
    """Give every empty dictionary one value, so that the array is valid Arrow.

    pyarrow fills the children of a null struct with zeros, and a zero is no index into a
    dictionary with no values (a kind's column where no row is of that kind): such an array
    fails Arrow's full validation, and pandas stumbles on it. With one value, an empty
    string that no row shows (every index to it is under a null struct), the zeros point
    somewhere. Making the children null instead would break their declared non-nullness.
    """
    tp = array.type
    if not _has_dictionary(tp) or not len(array):
        return array
    if pa.types.is_dictionary(tp):
        if len(array.dictionary):
            return array
        filler = pa.array([""], type=tp.value_type)
        return pa.DictionaryArray.from_arrays(array.indices, filler)
    if pa.types.is_struct(tp):
        # field(i), not flatten(): the children as built, zeros under null structs included.
        children = [_valid_dictionaries(array.field(i)) for i in range(tp.num_fields)]
        mask = array.is_null() if array.null_count else None
        return pa.StructArray.from_arrays(children, fields=list(tp), mask=mask)
    values = _valid_dictionaries(array.values)
    mask = array.is_null() if array.null_count else None
    return pa.ListArray.from_arrays(array.offsets, values, type=tp, mask=mask)


def _runs(tuples: list[tuple[Any, ...]], key: Callable[[Any], Any], width: int) -> list[Run]:
    runs: list[Run] = []
    start = 0
    for value, group in itertools.groupby(tuples, key=key):
        length = sum(1 for _ in group)
        runs.append(((value,) if width == 1 else tuple(value), start, length))
        start += length
    return runs


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
