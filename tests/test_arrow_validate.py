"""validate_table: the verdicts of the record path, reached by columns."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplomev
from diplomev.arrow import arrow_schema, from_table, to_table, validate_table
from diplomev.arrow._schema import DERIVED_COLUMNS, common_fields, kind_fields
from diplomev.io import RecordError
from diplomev.model import plan_for, registry
from diplomev.model import shapes as sh
from diplomev.model.shapes import is_extension_key, quick_day
from diplomev.records import event_types
from diplomev.strategies import events, invalid_records

from .test_arrow import Ceasefire  # noqa: F401 - a custom kind, registered for every kind's test


class Unrepresentable(Exception):
    """A wire dict the wide table cannot hold (an unknown key, a number where text goes)."""


_SCALARS: dict[type, tuple[type, ...]] = {
    sh.Str: (str,),
    sh.Alpha3: (str,),
    sh.Currency: (str,),
    sh.Choice: (str,),
    sh.Date: (str,),
    sh.Int: (int,),
    sh.Float: (int, float),
    sh.Bool: (bool,),
}


def _value(shape: sh.Shape, value: Any) -> Any:
    """The table's value of a wire value, refusing what a typed column cannot hold as it is."""
    if isinstance(shape, sh.Optional):
        return None if value is None else _value(shape.inner, value)
    if value is None:
        return None
    if isinstance(shape, sh.Items):
        if type(value) is not list:
            raise Unrepresentable
        return [_value(shape.inner, item) for item in value]
    if isinstance(shape, sh.Record):
        return _struct(shape.cls, value)
    if isinstance(shape, sh.OneOf):
        tags = {registry.tag_of(cls): cls for cls in shape.classes}
        if type(value) is not dict or value.get("type") not in tags:
            raise Unrepresentable
        return _struct(tags[value["type"]], value)
    if isinstance(shape, sh.Day):
        day = quick_day(value)
        if day is None:
            raise Unrepresentable
        return day
    scalar = next(kinds for base, kinds in _SCALARS.items() if isinstance(shape, base))
    if type(value) not in scalar:
        raise Unrepresentable
    return value


def _struct(cls: type, value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise Unrepresentable
    plan = plan_for(cls)
    fields = {field.name: field for field in plan.wire_fields}
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key == "type" and plan.tag is not None:
            if item != plan.tag:
                raise Unrepresentable
            out[key] = item
        elif key in fields:
            out[key] = _value(fields[key].shape, item)
        else:
            raise Unrepresentable
    return out


def wire_row(data: dict[str, Any]) -> dict[str, Any]:
    """The row of the wide table that holds an event's wire dict (without derived columns)."""
    cls = event_types().get(data.get("type"))  # type: ignore[arg-type]
    if cls is None:
        raise Unrepresentable
    tag = registry.tag_of(cls)
    common = {field.name: field for field in common_fields()}
    own_fields = {field.name: field for field in kind_fields(cls)}
    row: dict[str, Any] = {"type": tag}
    own: dict[str, Any] = {}
    x: dict[str, Any] = {}
    for key, value in data.items():
        if key == "type":
            continue
        if is_extension_key(key):
            x[key] = value
        elif key in common:
            row[key] = _value(common[key].shape, value)
        elif key in own_fields:
            own[key] = _value(own_fields[key].shape, value)
        else:
            raise Unrepresentable
    row[tag] = own
    if x:
        try:
            row["extensions"] = json.dumps(x, allow_nan=False)
        except ValueError as e:
            raise Unrepresentable from e
    return row


def _table_of(wires: list[dict[str, Any]]) -> tuple[pa.Table, list[dict[str, Any]]]:
    """A table without the derived columns (as pyarrow's JSON reader makes one), and its wires."""
    schema = arrow_schema()
    schema = pa.schema([f for f in schema if f.name not in DERIVED_COLUMNS])
    rows, kept = [], []
    for data in wires:
        try:
            row = wire_row(data)
            pa.Table.from_pylist([row], schema=schema)
        except (Unrepresentable, pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
            continue
        rows.append(row)
        kept.append(data)
    return pa.Table.from_pylist(rows, schema=schema), kept


def _has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(map(_has_null, value.values()))
    if isinstance(value, list):
        return any(map(_has_null, value))
    return False


wires = st.one_of(events().map(diplomev.to_dict), invalid_records().map(lambda r: r.data))


@given(st.lists(wires, min_size=1, max_size=6))
def test_bad_rows_are_those_from_dict_refuses_with_its_errors(data: list[dict[str, Any]]) -> None:
    table, kept = _table_of(data)
    reader = from_table(table, errors="collect")
    expected_records = list(reader)
    result = validate_table(table)

    assert result.rows == table.num_rows == result.good.num_rows + len(result.bad)
    assert [(bad.line, bad.errors) for bad in result.bad] == [
        (bad.line, bad.errors) for bad in reader.problems
    ]
    assert list(from_table(result.good)) == expected_records
    # Where the wire has no null (which a table cannot tell from absent), the table's
    # verdict is from_dict's on the wire dict itself.
    refused = {bad.line: bad.errors for bad in result.bad}
    for number, wire in enumerate(kept, 1):
        if _has_null(wire):
            continue
        assert refused.get(number) == _errors_of(wire)


def _errors_of(wire: dict[str, Any]) -> tuple[Any, ...] | None:
    """``from_dict``'s errors for ``wire``, or None when it is a valid record."""
    try:
        diplomev.from_dict(wire)
    except diplomev.ValidationError as e:
        return e.errors
    return None


@given(st.lists(events(), min_size=1, max_size=8))
def test_valid_records_pass_the_kernels_alone_and_read_back_equal(
    records: list[diplomev.Event],
) -> None:
    result = validate_table(to_table(records))
    assert result.bad == ()
    assert list(from_table(result.good)) == records
    assert result.good.schema == arrow_schema()


def _visit(host: str, date: str = "2019") -> diplomev.Event:
    return diplomev.from_dict(
        {
            "type": "visit",
            "id": "v",
            "date": date,
            "host": host,
            "visitor": {"type": "country", "code": "KOR"},
        }
    )


def test_a_row_no_kernel_doubts_never_reaches_the_record_path() -> None:
    result = validate_table(to_table([_visit("CHN"), _visit("JPN", "2019-01/2019-03")]))
    assert (result.good.num_rows, result.rechecked) == (2, 0)


def test_rows_keep_their_order_and_numbers_among_bad_ones() -> None:
    table = to_table([_visit("CHN"), _visit("JPN"), _visit("FRA")])
    date = table.schema.get_field_index("date")
    table = table.set_column(date, "date", pa.array(["2019", "2019-02-30", "2019~"]))
    result = validate_table(table)
    assert [bad.line for bad in result.bad] == [2]
    assert [str(e) for e in result.bad[0].errors] == [
        "$.date: day is out of range for month in '2019-02-30'"
    ]
    assert result.good.column("date").to_pylist() == ["2019", "2019~"]


def test_derived_columns_that_disagree_with_the_date_are_rebuilt() -> None:
    table = to_table([_visit("CHN", "2019-05")])
    year = table.schema.get_field_index("year")
    table = table.set_column(year, "year", pa.array([1999], pa.int32()))
    result = validate_table(table)
    assert (result.rechecked, result.bad) == (1, ())
    assert result.good.column("year").to_pylist() == [2019]


def test_a_column_of_another_type_is_reported_as_from_dict_reports_it() -> None:
    table = to_table([_visit("CHN")])
    table = table.set_column(table.schema.get_field_index("id"), "id", pa.array([12345]))
    (bad,) = validate_table(table).bad
    assert [(e.path, e.code) for e in bad.errors] == [("$.id", "wrong_type")]


def test_an_unknown_column_is_refused_as_from_table_refuses_it() -> None:
    table = to_table([_visit("CHN")]).append_column("colour", pa.array(["red"]))
    with pytest.raises(RecordError, match="unknown column 'colour'"):
        validate_table(table)


# Characters on both sides of each byte-level shortcut of the text checks: blank ones
# (ASCII, Latin-1, ogham, ideographic and line separators, controls), bidi marks an
# identifier refuses, and visible ones that start with the same lead bytes.
_TRICKY = "a- \t\n\x1b\x7f\x85\u00a0\u00e9\u061c\u1680\u1780\u200b\u200e\u2028\u202f\u2014\u3000\u3041\u4e2d"
tricky_text = st.text(alphabet=st.sampled_from(_TRICKY), max_size=4)


@given(
    st.lists(st.tuples(tricky_text, tricky_text, st.lists(tricky_text, max_size=2)), min_size=1),
    st.integers(0, 2),
)
def test_text_checked_by_bytes_gets_the_record_paths_verdict(
    texts: list[tuple[str, str, list[str]]], start: int
) -> None:
    n = len(texts) + start
    table = to_table([_visit("CHN")] * n)
    for name, values in (
        ("id", ["v"] * start + [ident for ident, _, _ in texts]),
        ("summary", [None] * start + [summary or None for _, summary, _ in texts]),
        ("topics", [[]] * start + [topics for _, _, topics in texts]),
    ):
        index = table.schema.get_field_index(name)
        table = table.set_column(index, name, pa.array(values, table.schema.field(name).type))
    # A slice and two batches: the byte checks read buffers at an offset, batch by batch.
    table = table.slice(start)
    table = pa.concat_tables([table.slice(0, 1), table.slice(1)])
    reader = from_table(table, errors="collect")
    expected = list(reader)
    result = validate_table(table)
    assert [(bad.line, bad.errors) for bad in result.bad] == [
        (bad.line, bad.errors) for bad in reader.problems
    ]
    assert list(from_table(result.good)) == expected
