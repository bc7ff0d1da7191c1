"""read_jsonl_table: JSON Lines straight to a validated table, the verdicts of read_jsonl."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev.arrow import arrow_schema, from_table, read_jsonl_table, to_table
from diplomev.arrow._wire import merged, unreadable_keys, wire_schema
from diplomev.io import read_jsonl, write_jsonl
from diplomev.strategies import events, invalid_records

from .conftest import GOLDEN
from .test_arrow import Ceasefire  # noqa: F401 - a custom kind, registered for every kind's test


def _expected(
    data: bytes,
) -> tuple[list[diplomev.Event], list[tuple[int | None, tuple[object, ...]]]]:
    with read_jsonl(io.BytesIO(data), errors="collect") as reader:
        records = list(reader)
    return records, [(bad.line, bad.errors) for bad in reader.problems]


def _same_as_read_jsonl(data: bytes, *, batch_rows: int = 65_536) -> None:
    records, problems = _expected(data)
    result = read_jsonl_table(io.BytesIO(data), batch_rows=batch_rows)
    assert [(bad.line, bad.errors) for bad in result.bad] == problems
    assert result.good.schema == arrow_schema()
    assert result.good.to_pylist() == to_table(records).to_pylist()
    assert result.rows == len(records) + len(problems)
    assert list(from_table(result.good)) == records
    _is_valid_arrow_that_parquet_takes(result.good)


def _is_valid_arrow_that_parquet_takes(table: pa.Table) -> None:
    table.validate(full=True)
    pq.write_table(table, io.BytesIO())  # refuses nulls in children that may not be null


def _jsonl(records: list[diplomev.Event]) -> bytes:
    out = io.BytesIO()
    write_jsonl(records, out)
    return out.getvalue()


@settings(max_examples=20)
@given(st.lists(events(), min_size=1, max_size=8), st.integers(1, 4))
def test_written_records_come_back_as_to_table_gives_them(
    records: list[diplomev.Event], batch_rows: int
) -> None:
    data = _jsonl(records)
    result = read_jsonl_table(io.BytesIO(data), batch_rows=batch_rows)
    assert result.bad == ()
    assert result.good.to_pylist() == to_table(records).to_pylist()
    assert list(from_table(result.good)) == records
    _is_valid_arrow_that_parquet_takes(result.good)


# Lines no record writer makes: what pyarrow's JSON reader and the record path read apart.
HOSTILE = [
    b"{",
    b"[1, 2]",
    b"12",
    b'"visit"',
    b"{} {}",
    b'{"type": "visit", "type": "summit"}',
    b'{"type": "visit", "id": "caf\xe9"}',
    b'{"type": "visit", "id": "\\ud800"}',
    b'{"type": "trade_issue", "rate_percent": 1e-400}',
    b'{"type": "trade_issue", "rate_percent": 1e400}',
    b'{"type": "trade_issue", "rate_percent": NaN}',
    b'{"type": "visit", "topics": []}',
    b'{"type": "summit", "participants": []}',
    b'{"type": "visit", "location": {}}',
    b'{"type": "visit", "diplomev": "2"}',
    b'{"type": "visit", "parties": [{"actor": {"type": "country", "code": "CHN"}}]}',
    b'{"type": "dispute", "parties": [{"type": "country", "code": "CHN"}]}',
    b'{"type": "vote", "tally": {"yes": 1.0}}',
    b'{"type": "visit", "id": "v", "date": "2019", "host": "CHN", "visitor": {"type": "country", "code": "KOR", "office": "x"}}',
    b'{"type": "visit", "id": "v", "date": "2019", "host": "CHN", "visitor": {"type": "country", "code": "KOR"}, "sources": [{"url": "https://a.example", "published": "2026-02-30"}]}',
    b'{"type": "visit", "id": "v", "date": "2019", "host": "CHN", "visitor": {"type": "country", "code": "KOR"}, "sources": [{"url": "https://a.example", "published": "2026-02"}]}',
    b'{"type": "visit", "id": "v", "date": "2019", "host": "CHN", "visitor": {"type": "person", "name": "A", "affiliation": {"name": "B"}}}',
]


def _line(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    return json.dumps(value, allow_nan=False).encode()


lines = st.one_of(
    events().map(diplomev.to_dict),
    invalid_records(allow_nan=False).map(lambda r: r.data),
    st.sampled_from(HOSTILE),
    st.just(b""),
)


@settings(max_examples=40)
@given(st.lists(lines, min_size=1, max_size=10), st.integers(1, 12), st.booleans())
def test_corrupted_lines_get_the_problems_read_jsonl_gives(
    values: list[object], batch_rows: int, crlf: bool
) -> None:
    ending = b"\r\n" if crlf else b"\n"
    data = ending.join(map(_line, values)) + ending
    _same_as_read_jsonl(data, batch_rows=batch_rows)


@pytest.mark.parametrize("line", HOSTILE)
def test_each_hostile_line_among_good_ones(line: bytes) -> None:
    good = _jsonl(list(read_jsonl(GOLDEN)))
    # Batches of 4 lines: the batch holding the line fails to parse, or doubts it, alone.
    _same_as_read_jsonl(good + line + b"\n" + good, batch_rows=4)


def test_every_hostile_line_in_one_batch_among_good_ones() -> None:
    good = _jsonl(list(read_jsonl(GOLDEN)))
    # One batch: pyarrow refuses it whole, and the halving finds each bad line.
    _same_as_read_jsonl(good + b"".join(line + b"\n" + good for line in HOSTILE))


def test_the_golden_file_reads_as_its_records() -> None:
    records = list(read_jsonl(GOLDEN))
    result = read_jsonl_table(GOLDEN)
    assert result.good.to_pylist() == to_table(records).to_pylist()
    assert (result.rows, result.bad) == (len(records), ())


def test_a_gzipped_file_a_last_line_without_ending_and_a_byte_order_mark(tmp_path: Path) -> None:
    good = _jsonl(list(read_jsonl(GOLDEN)))
    path = tmp_path / "events.jsonl.gz"
    path.write_bytes(gzip.compress(b"\xef\xbb\xbf" + good.rstrip(b"\n")))
    _same_as_read_jsonl(b"\xef\xbb\xbf" + good.rstrip(b"\n"))
    result = read_jsonl_table(path)
    assert result.good.num_rows == len(list(read_jsonl(GOLDEN)))
    truncated = good + b'{"type": "visit", "id": "v'
    _same_as_read_jsonl(truncated)
    assert str(read_jsonl_table(io.BytesIO(truncated)).bad[0]).startswith("<stream>:10:")


def test_lines_too_long_are_reported_with_their_number() -> None:
    good = _jsonl(list(read_jsonl(GOLDEN))[:2])
    data = good + b'{"id": "' + b"x" * 200 + b'"}\n' + good
    with read_jsonl(io.BytesIO(data), errors="collect", max_line_bytes=150) as reader:
        records = list(reader)
    result = read_jsonl_table(io.BytesIO(data), max_line_bytes=150)
    assert [str(bad) for bad in result.bad] == [str(bad) for bad in reader.problems]
    assert result.good.to_pylist() == to_table(records).to_pylist()


def test_most_lines_never_take_the_record_path() -> None:
    records = [event for event in read_jsonl(GOLDEN) if not event.extensions]
    result = read_jsonl_table(io.BytesIO(_jsonl(records * 50)))
    assert result.good.num_rows == len(records) * 50
    # Only rows with a number that is exactly 0 (which pyarrow would read for 1e-400) may.
    assert result.rechecked < result.rows // 10


def test_the_wire_schema_holds_every_kind_and_merges_shared_keys() -> None:
    schema = wire_schema()
    parties = schema.field("parties").type.value_type
    # A dispute's parties are actors with positions, an agreement's are actors.
    assert {"actor", "position", "type", "code"} <= set(parties.names)
    assert "sides" in schema.names  # the custom kind's
    assert unreadable_keys() == frozenset()
    with pytest.raises(TypeError, match="no one Arrow type"):
        merged(pa.string(), pa.struct([("a", pa.string())]))


def test_a_bad_batch_size_is_refused() -> None:
    with pytest.raises(ValueError, match="batch_rows"):
        read_jsonl_table(io.BytesIO(b""), batch_rows=0)
    empty = read_jsonl_table(io.BytesIO(b"\n\n"))
    assert (empty.rows, empty.good.num_rows, empty.good.schema) == (0, 0, arrow_schema())
