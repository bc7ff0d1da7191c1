"""Arrow tables of events: the schema comes from the model, and tables give back the records."""

from __future__ import annotations

import datetime
import json

import attrs
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev.arrow import arrow_schema, from_table, to_table
from diplomev.io import RecordError, read_jsonl
from diplomev.strategies import event_dates, events, extensions

from .conftest import GOLDEN


@diplomev.register_event_type("arrow_test_ceasefire")
@attrs.frozen(kw_only=True)
class Ceasefire(diplomev.Event):
    """A custom kind of the tests: its fields must get a column of their own."""

    sides: tuple[diplomev.Actor, ...] = attrs.field(metadata=diplomev.limits(min_items=2))
    monitors: int | None = None
    broken: bool = False
    signed_on: datetime.date | None = None


def _types(tp: pa.DataType) -> list[pa.DataType]:
    """Every type nested in ``tp``, ``tp`` included."""
    found = [tp]
    if pa.types.is_struct(tp):
        for index in range(tp.num_fields):
            found += _types(tp.field(index).type)
    elif pa.types.is_list(tp) or pa.types.is_dictionary(tp):
        found += _types(tp.value_type)
    return found


def test_every_registered_kind_has_its_struct_column_custom_ones_included() -> None:
    schema = arrow_schema()
    for tag in diplomev.event_types():
        assert pa.types.is_struct(schema.field(tag).type)
        assert schema.field(tag).nullable
    ceasefire = schema.field("arrow_test_ceasefire").type
    assert [ceasefire.field(i).name for i in range(ceasefire.num_fields)] == [
        "sides",
        "monitors",
        "broken",
        "signed_on",
    ]
    assert ceasefire.field("monitors").type == pa.int64()
    assert ceasefire.field("signed_on").type == pa.date32()


def test_the_schema_has_no_unions_and_no_unsigned_integers() -> None:
    every = [tp for field in arrow_schema() for tp in _types(field.type)]
    assert not [tp for tp in every if pa.types.is_union(tp)]
    assert not [tp for tp in every if pa.types.is_unsigned_integer(tp)]
    assert not [tp for tp in every if pa.types.is_timestamp(tp)]  # tz-aware cost 6x


def test_enums_are_dictionary_strings_and_actors_one_tagged_struct() -> None:
    schema = arrow_schema()
    assert schema.field("type").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.field("status").type == pa.dictionary(pa.int32(), pa.string())
    visitor = schema.field("visit").type.field("visitor").type
    names = [visitor.field(i).name for i in range(visitor.num_fields)]
    assert names[0] == "type"
    assert {"code", "name", "office", "country", "affiliation", "kind"} <= set(names)
    sources = schema.field("sources").type
    assert pa.types.is_list(sources)
    assert pa.types.is_struct(sources.value_type)
    assert schema.field("extensions").type == pa.string()


def test_the_schema_names_its_versions() -> None:
    metadata = arrow_schema().metadata
    assert metadata[b"diplomev"] == diplomev.FORMAT_VERSION.encode()
    assert metadata[b"diplomev.arrow"] == b"1"


def test_the_golden_records_survive_a_table() -> None:
    golden = list(read_jsonl(GOLDEN))
    table = to_table(golden)
    assert table.schema == arrow_schema()
    assert table.num_rows == len(golden)
    assert list(from_table(table)) == golden


@given(st.lists(events([*diplomev.event_types().values()]), max_size=8))
def test_generated_records_of_every_kind_survive_a_table(records: list[diplomev.Event]) -> None:
    table = to_table(records, batch_rows=3)
    table.validate(full=True)  # the children of null structs are null too
    back = from_table(table)
    assert list(back) == records
    assert (back.count, back.bad) == (len(records), 0)


@given(events(), extensions())
def test_extensions_survive_a_table(event: diplomev.Event, custom: dict[str, object]) -> None:
    event = attrs.evolve(event, extensions=custom)
    (row,) = to_table([event]).to_pylist()
    wire = {key: value for key, value in diplomev.to_dict(event).items() if key.startswith("x_")}
    assert (json.loads(row["extensions"]) if wire else row["extensions"]) == (wire or None)
    assert list(from_table(to_table([event]))) == [event]


@given(event_dates())
def test_date_bounds_are_the_dates_own(date: diplomev.EventDate) -> None:
    event = diplomev.Visit(id="v", date=date, visitor=diplomev.Country(code="KOR"), host="CHN")
    (row,) = to_table([event]).to_pylist()
    assert row["date"] == str(date)
    assert row["date_lower"] == date.lower()
    assert row["date_upper"] == date.upper()
    assert row["date_lower"] <= row["date_upper"]


@pytest.mark.parametrize(
    ("text", "lower", "upper", "year"),
    [
        ("2026-01-04/2026-01-07", "2026-01-04", "2026-01-07", 2026),
        ("2026-01~", "2026-01-01", "2026-01-31", 2026),
        ("2024-02?", "2024-02-01", "2024-02-29", 2024),
        ("../2006", "0001-01-01", "2006-12-31", 2006),
        ("2016/..", "2016-01-01", "9999-12-31", 2016),
        ("/2019-05", "0001-01-01", "2019-05-31", 2019),
    ],
)
def test_intervals_and_uncertain_dates_have_their_bounds_and_year(
    text: str, lower: str, upper: str, year: int
) -> None:
    event = diplomev.Visit(id="v", date=text, visitor=diplomev.Country(code="KOR"), host="CHN")
    (row,) = to_table([event]).select(["date_lower", "date_upper", "year"]).to_pylist()
    assert row == {
        "date_lower": datetime.date.fromisoformat(lower),
        "date_upper": datetime.date.fromisoformat(upper),
        "year": year,
    }


def test_a_custom_kind_survives_a_table() -> None:
    event = Ceasefire(
        id="c",
        date="2026-03",
        sides=[diplomev.Country(code="ARM"), diplomev.Country(code="AZE")],
        monitors=40,
        signed_on=datetime.date(2026, 3, 2),
    )
    table = to_table([event])
    assert table.column("arrow_test_ceasefire").to_pylist()[0]["monitors"] == 40
    assert table.column("visit").to_pylist() == [None]
    assert list(from_table(table)) == [event]


def test_bad_rows_are_reported_with_their_row_number() -> None:
    good = list(read_jsonl(GOLDEN))[:2]
    rows = to_table(good).to_pylist()
    rows[1]["id"] = " "
    table = pa.Table.from_pylist(rows, schema=arrow_schema())
    with from_table(table, errors="collect") as reader:
        assert list(reader) == good[:1]
    assert (reader.count, reader.bad) == (1, 1)
    assert reader.problems[0].line == 2
    assert reader.problems[0].errors[0].path == "$.id"
    with pytest.raises(RecordError, match=r"<table>:2: \$\.id"):
        list(from_table(table))


def test_a_column_the_schema_does_not_have_is_refused() -> None:
    table = to_table(list(read_jsonl(GOLDEN))[:1]).append_column("venue", pa.array(["Beijing"]))
    with pytest.raises(RecordError, match="unknown column 'venue'"):
        list(from_table(table))


def test_a_table_of_another_tool_with_fewer_columns_is_read() -> None:
    table = pa.table(
        {
            "type": ["visit"],
            "id": ["v"],
            "date": ["2019"],
            "visit": [{"visitor": {"type": "country", "code": "KOR"}, "host": "CHN"}],
        }
    )
    (event,) = from_table(table)
    assert event == diplomev.Visit(
        id="v", date="2019", visitor=diplomev.Country(code="KOR"), host="CHN"
    )


@settings(max_examples=10)
@given(st.lists(events(), min_size=1, max_size=5))
def test_a_table_is_read_a_batch_at_a_time(records: list[diplomev.Event]) -> None:
    batches = to_table(records, batch_rows=2).to_batches()
    assert list(from_table(iter(batches))) == records


# --- the schema's table in docs/at-scale.md ------------------------------------------------

AT_SCALE = GOLDEN.parent.parent.parent / "docs" / "at-scale.md"
_BEGIN, _END = (
    "<!-- schema table: generated, see tests/test_arrow.py -->",
    "<!-- end of schema table -->",
)


def _short(tp: pa.DataType) -> str:
    if pa.types.is_dictionary(tp):
        return "string (dictionary)"
    if pa.types.is_struct(tp):
        return "struct<" + ", ".join(tp.field(i).name for i in range(tp.num_fields)) + ">"
    if pa.types.is_list(tp):
        return f"list<{_short(tp.value_type)}>"
    return str(tp)


def schema_table() -> str:
    """The Markdown table of the built-in kinds' columns, as docs/at-scale.md shows it."""
    lines = ["| column | Arrow type | nullable |", "|---|---|---|"]
    built_in = {
        "summit",
        "visit",
        "dispute",
        "trade_issue",
        "agreement",
        "statement",
        "diplomatic_action",
        "vote",
    }
    for field in arrow_schema():
        if pa.types.is_struct(field.type) and field.name in built_in:
            lines.append(f"| `{field.name}` | struct, one field per row below | yes |")
            for index in range(field.type.num_fields):
                inner = field.type.field(index)
                lines.append(
                    f"| `{field.name}.{inner.name}` | {_short(inner.type)} | "
                    f"{'yes' if inner.nullable else 'no'} |"
                )
        elif field.name not in diplomev.event_types():  # a custom kind of some test: not shown
            lines.append(
                f"| `{field.name}` | {_short(field.type)} | {'yes' if field.nullable else 'no'} |"
            )
    return "\n".join(lines)


def test_the_at_scale_page_shows_the_schema_as_it_is() -> None:
    page = AT_SCALE.read_text(encoding="utf-8")
    shown = page.split(_BEGIN)[1].split(_END)[0].strip()
    assert shown == schema_table(), (
        "regenerate: python -c 'from tests.test_arrow import *; print(schema_table())'"
    )


@given(st.lists(events([*diplomev.event_types().values()]), max_size=8), st.data())
def test_rows_reach_python_as_pyarrow_gives_them(
    records: list[diplomev.Event], data: st.DataObject
) -> None:
    from diplomev.arrow._reading import python_rows

    batch = to_table(records).combine_chunks().to_batches()
    whole = batch[0] if batch else pa.RecordBatch.from_pylist([], schema=arrow_schema())
    start = data.draw(st.integers(0, whole.num_rows))
    part = whole.slice(start, data.draw(st.integers(0, whole.num_rows - start)))
    assert python_rows(part) == part.to_pylist()


@pytest.mark.parametrize("text", ['{"id": "another"}', '["x_a"]', '{"x_ok": 1, "date": "2020"}'])
def test_an_extensions_column_that_is_not_x_fields_is_reported_not_merged(text: str) -> None:
    (event,) = list(read_jsonl(GOLDEN))[:1]
    rows = to_table([event]).to_pylist()
    rows[0]["extensions"] = text
    table = pa.Table.from_pylist(rows, schema=arrow_schema())
    with from_table(table, errors="collect") as reader:
        assert list(reader) == []
    assert [d.path for d in reader.problems[0].errors] == ["$.extensions"]


def test_without_pyarrow_the_import_error_names_the_extra() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "try:\n    import diplomev.arrow\n"
        "except ImportError as e:\n    print(e)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'diplomev[arrow]'" in run.stdout


def test_the_table_is_valid_arrow_that_pandas_converts_with_its_default_types() -> None:
    table = to_table(list(read_jsonl(GOLDEN)))
    table.validate(full=True)
    frame = table.to_pandas()  # stumbled on the dictionaries of the kinds no row has
    assert list(frame["id"]) == [event.id for event in read_jsonl(GOLDEN)]


@settings(max_examples=60)
@given(st.lists(st.booleans(), min_size=1, max_size=12), st.booleans())
def test_a_kinds_column_spread_over_its_rows_holds_them_and_nulls(
    chosen: list[bool], one_run: bool
) -> None:
    import numpy as np

    from diplomev.arrow._nulls import null_column, scatter

    if one_run:  # the rows of one kind together, as in a batch sorted by kind
        chosen = sorted(chosen, reverse=True)
    tp = arrow_schema().field("visit").type
    rows = np.flatnonzero(chosen)
    visits = [
        diplomev.Visit(id=f"v{k}", date="2019", host="CHN", visitor=diplomev.Country(code="KOR"))
        for k in range(len(rows))
    ]
    dense = to_table(visits).column("visit").combine_chunks()
    spread = scatter(dense, rows, len(chosen))
    spread.validate(full=True)
    expected = [None] * len(chosen)
    for k, row in enumerate(rows.tolist()):
        expected[row] = dense[k].as_py()
    assert spread.to_pylist() == expected
    assert spread.type == tp
    assert null_column(tp, len(chosen)).to_pylist() == [None] * len(chosen)
