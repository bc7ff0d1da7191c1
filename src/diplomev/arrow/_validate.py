"""Validation of a whole table by columns, with the record path only for the rows in doubt.

`diplomev.from_dict` checks one record at a time in Python. Here one walk over each kind's
plan (the shapes and rules that validation itself reads) turns every check into Arrow
compute kernels over whole columns: a vocabulary is an ``is_in`` over a dictionary's few
values, a country code an ``is_in`` against the country table, a required field a null
test, a list's length a subtraction of offsets, a declared rule a comparison of columns.
Each kernel answers one question per row: may this row break the check? A row no kernel
doubts is a valid record as it stands and is kept without reaching Python. A row any
kernel doubts goes to the record path (the row's dict, as `from_table` builds it, read by
`from_dict`), which gives the exact `ErrorDetail`s; so the kernels only need to be
cautious, never exact: doubting a good row costs time, not correctness.

What the kernels cannot say goes to the record path whole: ``x_`` extensions (JSON text),
a `Check` rule written as a Python function (unless a column counterpart is registered
here), a column whose type is not the schema's (``12345`` where text belongs).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from diplomev._json import freeze_json
from diplomev._jsontext import parse_json
from diplomev.arrow import _kernels as kn
from diplomev.arrow._reading import (
    Tabular,
    _batches,
    _check_columns,
    _record,
    python_rows,
)
from diplomev.arrow._rows import collector_paused, to_table
from diplomev.arrow._schema import DERIVED_COLUMNS, arrow_schema, common_fields, kind_fields
from diplomev.countries import country_codes
from diplomev.currencies import currency_codes
from diplomev.errors import ValidationError
from diplomev.io import BadRecord
from diplomev.model import plan_for, registry
from diplomev.model import rules as rl
from diplomev.model import shapes as sh
from diplomev.model.identifiers import REFUSED_RANGES, Id
from diplomev.model.plans import FieldPlan
from diplomev.model.shapes import is_extension_key
from diplomev.records import Event, event_types
from diplomev.records.kinds import _ballots_within_tally

__all__ = ["TableValidation", "validate_table"]

Mask = kn.Mask
_false, _np, _valid = kn.false, kn.as_mask, kn.valid
_TAG = registry.TAG_KEY
_DAY_ZERO = datetime.date(1970, 1, 1).toordinal()
# Text with one character that is neither a control nor a separator is not blank: every
# character str.isspace() accepts is in Cc, Zs, Zl or Zp.
_NOT_BLANK = r"[^\p{Cc}\p{Z}]"
# Bytes that start such a character in UTF-8, whatever follows: visible ASCII, and the
# lead bytes of ranges with no control or separator in them (C2 leads U+0080-U+00BF, the
# C1 controls and U+00A0; E1 and E3 lead U+1680 and U+3000; E2 the general punctuation's
# spaces). A string that starts with one is not blank; only the others need the regex.
_NOT_BLANK_START = ((0x21, 0x7E), (0xC3, 0xE0), (0xE4, 0xF4))
# The characters an identifier refuses (`diplomev.model.identifiers`), in RE2's syntax.
_REFUSED_IN_ID = (
    "[" + "".join(f"\\x{{{low:04x}}}-\\x{{{high:04x}}}" for low, high in REFUSED_RANGES) + "]"
)
# Every refused character is a control or beyond ASCII: a string of other bytes has none.
assert all(high < 0x20 or low >= 0x7F for low, high in REFUSED_RANGES)
_MAYBE_REFUSED = ((0x00, 0x1F), (0x7F, 0xFF))


def _blank(array: pa.Array) -> Mask:
    return ~_np(pc.fill_null(pc.match_substring_regex(array, _NOT_BLANK), True))


def _refused(array: pa.Array) -> Mask:
    return _np(pc.fill_null(pc.match_substring_regex(array, _REFUSED_IN_ID), False))


@attrs.frozen
class TableValidation:
    """What `validate_table` found: the good rows as a table, the bad ones with their problems.

    ``good`` holds the valid rows in their order, in `arrow_schema`'s layout; ``bad`` one
    `diplomev.io.BadRecord` per refused row, its ``line`` the row's number (from 1, as
    `from_table` numbers them) and its ``errors`` those `diplomev.from_dict` gives for the
    row's record. ``rows == good.num_rows + len(bad)``. ``rechecked`` counts the rows the
    kernels doubted and the record path read.

    >>> from diplomev import loads
    >>> from diplomev.arrow import to_table
    >>> event = loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...               ' "visitor": {"type": "country", "code": "KOR"}}')
    >>> result = validate_table(to_table([event]))
    >>> result.good.num_rows, result.bad, result.rows
    (1, (), 1)
    """

    good: pa.Table
    bad: tuple[BadRecord, ...]
    rows: int
    rechecked: int


def _same_type(have: pa.DataType, want: pa.DataType) -> bool:
    """Tell whether ``have`` holds the values of ``want``, only stored another way."""
    if pa.types.is_dictionary(have):
        have = have.value_type
    if pa.types.is_dictionary(want):
        want = want.value_type
    if pa.types.is_large_string(have) or pa.types.is_string_view(have):
        have = pa.string()
    if pa.types.is_large_list(have) or pa.types.is_list_view(have):
        have = pa.list_(have.value_type)
    if pa.types.is_struct(want):
        return (
            pa.types.is_struct(have)
            and [f.name for f in have] == [f.name for f in want]
            and all(_same_type(a.type, b.type) for a, b in zip(have, want, strict=True))
        )
    if pa.types.is_list(want):
        return pa.types.is_list(have) and _same_type(have.value_type, want.value_type)
    return bool(have == want)


def _conform(batch: pa.RecordBatch, schema: pa.Schema) -> tuple[list[pa.Array], Mask]:
    """Return the batch's columns in the schema's types, and the rows to re-check for them.

    A missing column is nulls; a column stored another way (plain strings for a dictionary,
    large lists) is cast; a column of another type altogether is nulls, its non-null rows
    doubted (the record path reports them as the wrong type).
    """
    n = batch.num_rows
    doubt = _false(n)
    names = batch.schema.names
    columns = []
    for field in schema:
        if field.name not in names:
            columns.append(pa.nulls(n, field.type))
            continue
        column = batch.column(field.name)
        if column.type != field.type:
            if _same_type(column.type, field.type):
                try:
                    column = column.cast(field.type)
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    doubt |= _valid(column)
                    column = pa.nulls(n, field.type)
            else:
                doubt |= _valid(column)
                column = pa.nulls(n, field.type)
        columns.append(column)
    return columns, doubt


# --- the event's date: each distinct text parsed once --------------------------------------


def _date_parts(array: pa.Array) -> tuple[Mask, np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Return, per row, whether its EDTF text may be wrong, and its lower and upper days.

    A column of dates holds few distinct texts (days repeat across events), so each is read
    once by the parser the records use, and the answers are spread back over the rows.
    """
    encoded = pc.dictionary_encode(array) if not pa.types.is_dictionary(array.type) else array
    words = encoded.dictionary.to_pylist()
    bad = np.zeros(len(words), dtype=bool)
    lower = np.zeros(len(words), dtype=np.int32)
    upper = np.zeros(len(words), dtype=np.int32)
    known = _DATES
    if len(known) > _DATES_KEPT:
        known.clear()
    for i, word in enumerate(words):
        found = known.get(word)
        if found is None:
            found = known[word] = _date_bounds(word)
        bad[i], lower[i], upper[i] = found
    wrong = kn.words_wrong(encoded, bad) | ~kn.valid(encoded)
    return wrong, kn.spread(encoded, lower, 0), kn.spread(encoded, upper, 0)


# The answers for date texts seen before, across batches and tables: texts repeat.
_DATES: dict[str, tuple[bool, int, int]] = {}
_DATES_KEPT = 100_000


def _date_bounds(word: str) -> tuple[bool, int, int]:
    """Return whether an EDTF text is wrong, and its lower and upper days from 1970."""
    from diplomev._edtf import parse_edtf

    try:
        date = parse_edtf(word)
    except ValidationError:
        return True, 0, 0
    return False, date.lower().toordinal() - _DAY_ZERO, date.upper().toordinal() - _DAY_ZERO


def _year_of(lower: np.ndarray[Any, Any], upper: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Return the year an event is filed under (its start's, its end's if the start is open)."""
    open_start = lower == datetime.date.min.toordinal() - _DAY_ZERO
    days = np.where(open_start, upper, lower).astype("datetime64[D]")
    return (days.astype("datetime64[Y]").astype(np.int64) + 1970).astype(np.int32)


def _extension_doubts(array: pa.Array) -> Mask:
    """Return the rows whose ``x_`` fields' JSON text may not be an object of ``x_`` keys.

    JSON text is no column a kernel can read: each distinct text is parsed and checked
    once, as the record path checks it, and the answers spread over the rows (records of
    one source tend to carry the same few extensions).
    """
    encoded = array if pa.types.is_dictionary(array.type) else pc.dictionary_encode(array)
    texts = encoded.dictionary.to_pylist()
    bad = np.zeros(len(texts), dtype=bool)
    for index, text in enumerate(texts):
        try:
            value = parse_json(text)
            if type(value) is not dict or not all(map(is_extension_key, value)):
                bad[index] = True
            else:
                freeze_json(value)
        except ValidationError:
            bad[index] = True
    return kn.words_wrong(encoded, bad)


# --- the shapes as kernels ----------------------------------------------------------------


_VALUE_SETS: dict[Any, pa.Array] = {}


def _value_set(key: Any, values: Callable[[], Iterable[str]]) -> pa.Array:
    """Return the known values of a vocabulary or code table as an Arrow array, made once."""
    found = _VALUE_SETS.get(key)
    if found is None:
        found = _VALUE_SETS[key] = pa.array(sorted(values()), pa.string())
    return found


class _Doubts(sh.ShapeVisitor[Mask]):
    """For a shape and a column of its values, the rows whose value may be wrong.

    ``self.array`` holds the values, ``self.present`` the rows where a value is expected
    (its parent is there); null values are the field walk's business, not the shapes'.
    """

    def __init__(self) -> None:
        self.array: pa.Array = pa.nulls(0)
        self.present: Mask = _false(0)

    def of(self, shape: sh.Shape, array: pa.Array, present: Mask) -> Mask:
        saved = self.array, self.present
        self.array, self.present = array, present
        try:
            return shape.accept(self) & present
        finally:
            self.array, self.present = saved

    def _not(self, array: Any) -> Mask:
        return ~_np(pc.fill_null(array, True))

    def text(self, shape: sh.Str) -> Mask:
        doubt = kn.string_doubts(self.array, _blank, good_start=_NOT_BLANK_START)
        if isinstance(shape, Id):  # an identifier refuses control and bidi characters too
            doubt |= kn.string_doubts(self.array, _refused, bad_bytes=_MAYBE_REFUSED)
        return doubt

    def _outside(self, known: pa.Array) -> Mask:
        # A null is the field walk's business (as for every shape), not a wrong value.
        return kn.outside(self.array, known)

    def country(self, shape: sh.Alpha3) -> Mask:
        return self._outside(_value_set("country", country_codes))

    def currency(self, shape: sh.Currency) -> Mask:
        return self._outside(_value_set("currency", currency_codes))

    def integer(self, shape: sh.Int) -> Mask:
        if shape.ge is None:
            return _false(len(self.array))
        return _np(pc.less(self.array, shape.ge))

    def number(self, shape: sh.Float) -> Mask:
        doubt = self._not(pc.is_finite(self.array))
        if shape.ge is not None:
            doubt |= _np(pc.less(self.array, shape.ge))
        if shape.le is not None:
            doubt |= _np(pc.greater(self.array, shape.le))
        return doubt

    def boolean(self, shape: sh.Bool) -> Mask:
        return _false(len(self.array))

    def choice(self, shape: sh.Choice) -> Mask:
        return self._outside(_value_set(shape.enum, lambda: shape.members))

    def date(self, shape: sh.Date) -> Mask:
        bad, _, _ = _date_parts(self.array)
        return bad

    def day(self, shape: sh.Day) -> Mask:
        # date32 reaches past what datetime.date holds (years 1 to 9999).
        days = self.array.cast(pa.int32())
        low = datetime.date.min.toordinal() - _DAY_ZERO
        high = datetime.date.max.toordinal() - _DAY_ZERO
        return _np(pc.or_(pc.less(days, low), pc.greater(days, high)))

    def record(self, shape: sh.Record) -> Mask:
        present = self.present & _valid(self.array)
        return record_doubts(shape.cls, _children(self.array), present)

    def one_of(self, shape: sh.OneOf) -> Mask:
        children = _children(self.array)
        present = self.present & _valid(self.array)
        codes = kn.dictionary_codes(children[_TAG], [registry.tag_of(c) for c in shape.classes])
        doubt = codes < 0  # no actor class's tag, or none at all
        for number, cls in enumerate(shape.classes):
            mine = present & (codes == number)
            if not mine.any():
                continue
            own = {field.name for field in plan_for(cls).wire_fields}
            for name, column in children.items():
                if name != _TAG and name not in own:
                    doubt |= mine & _valid(column)  # another class's field: not this actor's
            doubt |= record_doubts(cls, children, mine)
        return doubt

    def optional(self, shape: sh.Optional) -> Mask:
        return shape.inner.accept(self)

    def items(self, shape: sh.Items) -> Mask:
        array = self.array
        n = len(array)
        values = array.flatten()
        parents = pc.list_parent_indices(array).to_numpy(zero_copy_only=False)
        inside = self.present[parents] if len(parents) else _false(0)
        doubt = ~_valid(values) & inside
        if not isinstance(shape.inner, sh.Optional):
            doubt |= self.of(shape.inner, values, inside)
        else:
            doubt |= self.of(shape.inner.inner, values, inside & _valid(values))
        rows = _false(n)
        rows[parents[doubt]] = True
        return rows

    def extensions(self, shape: sh.ExtensionMap) -> Mask:  # pragma: no cover - by the event
        raise TypeError("x_ fields are the event's JSON text column")


def _children(array: pa.Array) -> dict[str, pa.Array]:
    """Return a struct's children by name, each null where the struct is (flatten() merges them)."""
    return dict(zip((f.name for f in array.type), array.flatten(), strict=True))


def _field_doubts(field: FieldPlan, column: pa.Array | None, present: Mask) -> Mask:
    n = len(present)
    if column is None:
        # Not a column at all: only a field that may be left out may be missing.
        return present.copy() if field.required else _false(n)
    valid = _valid(column)
    shape = field.shape
    # A visitor a field: it holds the column it walks, and tables may be validated in threads.
    doubts = _Doubts()
    if isinstance(shape, sh.Items):
        length = pc.fill_null(pc.list_value_length(column), 0)
        doubt = present & ~valid  # a null list reads as the default, but is no list
        if shape.min_items:
            doubt |= present & _np(pc.less(length, shape.min_items))
        return doubt | doubts.of(shape, column, present & valid)
    if isinstance(shape, sh.Optional):
        return doubts.of(shape.inner, column, present & valid)
    # Null where a value is needed: missing if required, else the default applies on the
    # record path but the row is not in the schema's form either way.
    return (present & ~valid) | doubts.of(shape, column, present & valid)


def _given(field: FieldPlan, column: pa.Array | None, n: int) -> Mask:
    if isinstance(field.shape, sh.Items):
        return np.ones(n, dtype=bool)  # a tuple is never None
    return _false(n) if column is None else _valid(column)


def _rule_doubts(cls: type, rule: rl.Rule, columns: dict[str, pa.Array], present: Mask) -> Mask:
    n = len(present)
    plan = plan_for(cls)

    def given(name: str) -> Mask:
        return _given(plan.field(name), columns.get(name), n)

    if isinstance(rule, rl.AnyOf):
        some = _false(n)
        for name in rule.names:
            some |= given(name)
        return present & ~some
    if isinstance(rule, rl.Together):
        each = [given(name) for name in rule.names]
        some_given: Mask = np.logical_or.reduce(each)
        all_given: Mask = np.logical_and.reduce(each)
        return present & some_given & ~all_given
    if isinstance(rule, rl.Span):
        start, end, text = (columns.get(name) for name in rule.fields)
        if start is None or end is None or text is None:
            return present.copy()
        width = pc.subtract(end, start)
        wrong = pc.or_(pc.not_equal(width, pc.utf8_length(text)), pc.less(start, 0))
        return present & _np(wrong)
    counterpart = _COLUMN_RULES.get(getattr(rule, "function", None))
    if counterpart is not None:
        return present & counterpart(columns, n)
    return present.copy()  # a rule the kernels cannot read: every row goes to the record path


def _tally_and_ballots(columns: dict[str, pa.Array], n: int) -> Mask:
    # A vote's ballots can outnumber its tally only where it has both.
    tally, ballots = columns.get("tally"), columns.get("ballots")
    if tally is None or ballots is None:
        return np.ones(n, dtype=bool)
    length = _np(pc.greater(pc.fill_null(pc.list_value_length(ballots), 0), 0))
    return _valid(tally) & length


#: Column counterparts of `Check` rules, by the rule's function: each returns the rows that
#: may break the rule. A Check without one sends every row of its class to the record path.
_COLUMN_RULES: dict[Any, Callable[[dict[str, pa.Array], int], Mask]] = {
    _ballots_within_tally: _tally_and_ballots,
}


def record_doubts(cls: type, columns: dict[str, pa.Array], present: Mask) -> Mask:
    """Return the rows whose record of ``cls`` (its fields in ``columns``) may be invalid."""
    plan = plan_for(cls)
    doubt = _false(len(present))
    if not present.any():
        return doubt
    for field in plan.wire_fields:
        doubt |= _field_doubts(field, columns.get(field.name), present)
    for rule in plan.rules:
        doubt |= _rule_doubts(cls, rule, columns, present)
    return doubt


# --- the table ----------------------------------------------------------------------------


def _kind_columns(schema: pa.Schema) -> list[tuple[str, type[Event]]]:
    kinds = []
    for tag, cls in event_types().items():
        kinds.append((tag, cls))
    return [(tag, cls) for tag, cls in kinds if tag in schema.names]


def _batch_doubts(columns: dict[str, pa.Array], n: int) -> tuple[Mask, list[pa.Array]]:
    """Return the rows to re-check, and the derived date columns of the rows kept."""
    everyone = np.ones(n, dtype=bool)
    kinds = _kind_columns(arrow_schema())
    codes = kn.dictionary_codes(columns[_TAG], [tag for tag, _ in kinds])
    doubt = codes < 0
    common = {field.name: field for field in common_fields()}
    for field in common.values():
        if field.name != "date":
            doubt |= _field_doubts(field, columns.get(field.name), everyone)
    date = columns["date"]
    bad_date, lower, upper = _date_parts(date)
    doubt |= bad_date
    derived = [
        pa.array(lower, pa.int32()).cast(pa.date32()),
        pa.array(upper, pa.int32()).cast(pa.date32()),
        pa.array(_year_of(lower, upper), pa.int32()),
    ]
    for name, computed in zip(DERIVED_COLUMNS, derived, strict=True):
        given = columns[name]
        if given.null_count == n:
            continue  # not given: the computed one is used
        doubt |= ~_np(pc.fill_null(pc.equal(given, computed), False))
    extensions = columns.get("extensions")
    if extensions is not None and extensions.null_count < n:
        doubt |= _extension_doubts(extensions)
    for number, (tag, cls) in enumerate(kinds):
        mine = codes == number
        column = columns[tag]
        valid = _valid(column)
        doubt |= valid & ~mine  # another kind's columns filled in
        doubt |= mine & ~valid
        own = _children(column)
        for field in kind_fields(cls):
            doubt |= _field_doubts(field, own.get(field.name), mine & valid)
        for rule in plan_for(cls).rules:
            names = set(rule.fields)
            source = {**{k: v for k, v in columns.items() if k in names}, **own}
            doubt |= _rule_doubts(cls, rule, source, mine)
    return doubt, derived


def validate_table(data: Tabular, *, name: str = "<table>") -> TableValidation:
    """Validate a table of events by columns; return the good rows and the bad ones' problems.

    ``data`` is a table, a record batch or an iterable of record batches, from `to_table`,
    a Parquet file written elsewhere, DuckDB or Polars: any table whose
    columns are those of `arrow_schema` (some may be missing; strings may be plain or
    dictionary-encoded, lists large or not). Each bad row gets the `ErrorDetail`s that
    `diplomev.from_dict` gives for its record, as `from_table` would report it; a column
    the schema does not have raises `diplomev.io.RecordError`, as in `from_table`.

    >>> from diplomev import loads
    >>> from diplomev.arrow import to_table
    >>> good = loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...              ' "visitor": {"type": "country", "code": "KOR"}}')
    >>> table = to_table([good, good])
    >>> hosts = table.column("visit").combine_chunks()
    >>> import pyarrow as pa, pyarrow.compute as pc
    >>> broken = pa.array(["CHN", "China"]).dictionary_encode()
    >>> children = hosts.flatten()
    >>> children[hosts.type.get_field_index("host")] = broken
    >>> visit = pa.StructArray.from_arrays(children, fields=list(hosts.type))
    >>> table = table.set_column(table.schema.get_field_index("visit"), "visit", visit)
    >>> result = validate_table(table)
    >>> result.good.num_rows, [str(bad) for bad in result.bad]
    (1, ["<table>:2: $.host: unknown country code 'China' (resolve_country('China') reads it as 'CHN')"])
    """
    schema = arrow_schema()
    goods: list[pa.Table] = []
    bad: list[BadRecord] = []
    rows = rechecked = 0
    checked: pa.Schema | None = None
    for batch in _batches(data):
        if batch.schema is not checked:
            _check_columns(name, batch.schema)
            checked = batch.schema
        n = batch.num_rows
        arrays, doubt = _conform(batch, schema)
        columns = dict(zip(schema.names, arrays, strict=True))
        more, derived = _batch_doubts(columns, n)
        doubt |= more
        for column_name, column in zip(DERIVED_COLUMNS, derived, strict=True):
            arrays[schema.get_field_index(column_name)] = column
        kept = pa.RecordBatch.from_arrays(arrays, schema=schema)
        if doubt.any():  # a filter gathers every nested column again: only when it must
            kept = kept.filter(pa.array(~doubt))
        again, positions, records = _recheck(batch, doubt, name, rows)
        bad.extend(again)
        if records:
            goods.append(_in_order(kept, ~doubt, to_table(records), positions))
        else:
            goods.append(pa.Table.from_batches([kept], schema))
        rows += n
        rechecked += int(doubt.sum())
    good = pa.concat_tables(goods) if goods else schema.empty_table()
    return TableValidation(good, tuple(bad), rows, rechecked)


def _recheck(
    batch: pa.RecordBatch, doubt: Mask, name: str, offset: int
) -> tuple[list[BadRecord], list[int], list[Any]]:
    """Read the doubted rows on the record path: the bad ones' reports, the good ones' records."""
    where = np.flatnonzero(doubt)
    bad: list[BadRecord] = []
    positions: list[int] = []
    records: list[Any] = []
    if not len(where):
        return bad, positions, records
    rows = batch.take(pa.array(where))
    rows = rows.drop_columns([c for c in DERIVED_COLUMNS if c in rows.schema.names])
    with collector_paused():
        for index, row in zip(where.tolist(), python_rows(rows), strict=True):
            item = _record(row, name, offset + index + 1)
            if isinstance(item, BadRecord):
                bad.append(item)
            else:
                positions.append(index)
                records.append(item)
    return bad, positions, records


def _in_order(
    kept: pa.RecordBatch, keep: Mask, rebuilt: pa.Table, positions: list[int]
) -> pa.Table:
    """Put the rows the record path accepted back among the kept ones, in the rows' order."""
    fast = np.flatnonzero(keep)
    order = np.argsort(np.concatenate([fast, np.asarray(positions, dtype=np.int64)]), kind="stable")
    table = pa.concat_tables([pa.Table.from_batches([kept], kept.schema), rebuilt])
    return table.take(pa.array(order))
