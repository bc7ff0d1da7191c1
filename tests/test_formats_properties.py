"""Properties of every format, for every kind: dict, JSON text, JSON Lines, CSV, JSON documents.

- ``parse(serialize(events)) == events`` for lists of generated events, and serializing
  twice, or serializing what was read back, gives the same bytes;
- every record of `invalid_records` is refused, in every format that can carry it, with a
  `ValidationError` (or a reader's `BadRecord`) that names each of its labelled paths, while
  the valid records around it are still read;
- arbitrary JSON values give a record or a `ValidationError`, nothing else;
- arbitrary and mutated bytes through each reader in ``errors="collect"`` mode give records
  and `BadRecord`s; a document that cannot be read at all (a JSON document that is not
  one, a CSV header with unknown columns) raises `RecordError`, a `ValidationError` that
  carries its `BadRecord`. Nothing else escapes.

Files are written to and read from memory (`io.BytesIO`).
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplomev
from diplomev import strategies as ds
from diplomev.io import (
    DEFAULT_MAX_LINE_BYTES,
    BadRecord,
    Reader,
    RecordError,
    read_csv,
    read_json,
    read_jsonl,
    write_csv,
    write_json,
    write_jsonl,
)

KINDS: dict[str, st.SearchStrategy[diplomev.Event]] = {
    "summit": ds.summits(),
    "visit": ds.visits(),
    "dispute": ds.disputes(),
    "trade_issue": ds.trade_issues(),
    "mixed": ds.events(),
}


# --- formats: serialize a list of events, and parse it back ---------------------------------


def _write_with(writer: Callable[..., int]) -> Callable[[list[diplomev.Event]], bytes]:
    def write(events: list[diplomev.Event]) -> bytes:
        out = io.BytesIO()
        assert writer(events, out) == len(events)
        return out.getvalue()

    return write


def _read_with(reader: Callable[..., Reader]) -> Callable[[bytes], list[diplomev.Event]]:
    def read(data: bytes) -> list[diplomev.Event]:
        with reader(io.BytesIO(data)) as events:
            return list(events)

    return read


def _write_dicts(events: list[diplomev.Event]) -> Any:
    return [diplomev.to_dict(event) for event in events]


def _read_dicts(dicts: Any) -> list[diplomev.Event]:
    return [diplomev.from_dict(data) for data in dicts]


def _write_texts(events: list[diplomev.Event]) -> Any:
    return [diplomev.dumps(event) for event in events]


def _read_texts(texts: Any) -> list[diplomev.Event]:
    return [diplomev.loads(text) for text in texts]


FORMATS: dict[str, tuple[Callable[[list[diplomev.Event]], Any], Callable[[Any], Any]]] = {
    "dict": (_write_dicts, _read_dicts),
    "json-text": (_write_texts, _read_texts),
    "jsonl": (_write_with(write_jsonl), _read_with(read_jsonl)),
    "csv": (_write_with(write_csv), _read_with(read_csv)),
    "json-document": (_write_with(write_json), _read_with(read_json)),
    "json-document-indented": (
        _write_with(functools.partial(write_json, indent=2)),
        _read_with(read_json),
    ),
}


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_parse_of_serialize_gives_the_events_back_and_the_same_bytes_in_every_format(
    kind: str, data: st.DataObject
) -> None:
    # One draw goes through every format: drawing events costs far more than writing them.
    events = data.draw(st.lists(KINDS[kind], max_size=3), label="events")
    for fmt, (write, read) in FORMATS.items():
        written = write(events)
        assert write(events) == written, f"{fmt}: the same events gave other bytes"
        back = read(written)
        assert back == events, f"{fmt}: the events did not come back"
        assert [type(e) for e in back] == [type(e) for e in events], f"{fmt}: other kinds"
        assert write(back) == written, f"{fmt}: the events read back gave other bytes"


# --- invalid records, alone and among valid ones --------------------------------------------


@attrs.frozen
class Good:
    event: diplomev.Event


Item = Good | ds.InvalidRecord
# Without NaN or infinity, so that every invalid record can be written as JSON text.
ITEMS = st.lists(
    ds.events().map(Good) | ds.invalid_records(allow_nan=False), min_size=1, max_size=4
)


def wire(item: Item) -> Any:
    return diplomev.to_dict(item.event) if isinstance(item, Good) else item.data


def json_line(item: Item) -> bytes:
    return json.dumps(wire(item), ensure_ascii=False, allow_nan=False).encode("utf-8")


def goods(items: list[Item]) -> list[diplomev.Event]:
    return [item.event for item in items if isinstance(item, Good)]


def paths_of(bad: BadRecord) -> set[str]:
    return {detail.path for detail in bad.errors}


@given(ds.invalid_records(allow_nan=False, max_corruptions=5))
def test_loads_refuses_every_invalid_record_at_its_labels(record: ds.InvalidRecord) -> None:
    # from_dict of the same dicts: see test_strategies.py.
    text = json.dumps(record.data, ensure_ascii=False, allow_nan=False)
    with pytest.raises(diplomev.ValidationError) as excinfo:
        diplomev.loads(text.encode("utf-8"))
    assert record.paths <= set(excinfo.value.paths)


@given(ITEMS)
def test_read_jsonl_reads_the_valid_lines_and_reports_each_invalid_one(items: list[Item]) -> None:
    lines = b"".join(json_line(item) + b"\n" for item in items)
    with read_jsonl(io.BytesIO(lines), errors="collect") as reader:
        assert list(reader) == goods(items)
    expected: list[tuple[int | None, set[str]]] = [
        (number, set(item.paths))
        for number, item in enumerate(items, 1)
        if isinstance(item, ds.InvalidRecord)
    ]
    assert [(bad.line, paths_of(bad)) for bad in reader.problems] == expected
    if expected:  # and errors="raise" stops at the first
        with pytest.raises(RecordError) as excinfo:
            list(read_jsonl(io.BytesIO(lines)))
        assert excinfo.value.bad.line == expected[0][0]


@given(ITEMS)
def test_read_json_reads_the_valid_events_and_reports_each_invalid_one(items: list[Item]) -> None:
    document = {"diplomev": "1", "events": [wire(item) for item in items]}
    data = json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")
    with read_json(io.BytesIO(data), errors="collect") as reader:
        assert list(reader) == goods(items)
    expected = [
        {path.replace("$", f"$.events[{index}]", 1) for path in item.paths}
        for index, item in enumerate(items)
        if isinstance(item, ds.InvalidRecord)
    ]
    assert len(reader.problems) == len(expected)
    for bad, paths in zip(reader.problems, expected, strict=True):
        assert paths <= paths_of(bad)


# --- arbitrary JSON values ------------------------------------------------------------------

# Keys and strings the codec knows, so that arbitrary values often get deep into it.
KEYS = st.sampled_from(
    [
        "type", "id", "date", "status", "location", "summary", "topics", "links", "sources",
        "participants", "host", "forum", "visitor", "meetings", "parties", "actor", "imposers",
        "targets", "measure", "rate_percent", "code", "name", "office", "country", "lat",
        "lon", "quotes", "text", "start", "end", "rel", "target", "url", "title", "published",
        "diplomev", "x_custom", "x_",
    ]
) | st.text(max_size=6)  # fmt: skip
WORDS = st.sampled_from(
    [
        "summit", "visit", "dispute", "trade_issue", "country", "person", "organization",
        "KOR", "CHN", "XXX", "2026-01-05", "2026-02-30", "2016?/..", "/2006", "occurred",
        "tariff", "part_of", "1", "",
    ]
) | st.text(max_size=8)  # fmt: skip
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | WORDS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=20,
)


def record_or_validation_error(parse: Callable[[], diplomev.Event]) -> None:
    try:
        event = parse()
    except diplomev.ValidationError as e:
        refused = e
    else:
        assert diplomev.loads(diplomev.dumps(event)) == event
        return
    assert refused.errors
    assert all(detail.path.startswith("$") and detail.message for detail in refused.errors)


@given(JSON_VALUES)
def test_arbitrary_json_values_give_a_record_or_a_validation_error(value: Any) -> None:
    record_or_validation_error(lambda: diplomev.from_dict(value))
    record_or_validation_error(lambda: diplomev.loads(json.dumps(value)))


@given(st.dictionaries(KEYS, JSON_VALUES, max_size=8).map(lambda d: {"type": "summit", **d}))
def test_arbitrary_objects_tagged_as_events_give_a_record_or_a_validation_error(
    value: dict[str, Any],
) -> None:
    record_or_validation_error(lambda: diplomev.from_dict(value))


# --- arbitrary and mutated bytes through the readers ----------------------------------------

READERS: dict[str, Callable[..., Reader]] = {
    "jsonl": read_jsonl,
    "csv": read_csv,
    "json-document": read_json,
}
WRITERS = {
    "jsonl": _write_with(write_jsonl),
    "csv": _write_with(write_csv),
    "json-document": _write_with(write_json),
}
# Bytes that matter to one format or another.
SNIPPETS = st.sampled_from(
    [b"\n", b"\r\n", b"\r", b'"', b",", b"{", b"}", b"[", b"]", b":", b"\\", b"\xef\xbb\xbf",
     b"\xff", b"\xc3", b"\x00", b"NaN", b"1e999", b'""', b"null", b"\n\n"]
) | st.binary(min_size=1, max_size=8)  # fmt: skip
POSITIONS = st.integers(0, 2**20)
EDITS = st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate line", "drop line"])


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A file one of the writers made, with a few byte-level edits."""
    fmt = draw(st.sampled_from(sorted(WRITERS)), label="written as")
    data = bytearray(WRITERS[fmt](draw(st.lists(ds.events(), max_size=3), label="events")))
    for _ in range(draw(st.integers(0, 4))):
        edit = draw(EDITS)
        at = draw(POSITIONS) % (len(data) + 1)
        if edit == "flip" and data:
            data[at % len(data)] ^= draw(st.integers(1, 255))
        elif edit == "insert":
            data[at:at] = draw(SNIPPETS)
        elif edit == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif edit == "truncate":
            del data[at:]
        else:
            lines = bytes(data).splitlines(keepends=True)
            if lines:
                line = draw(POSITIONS) % len(lines)
                if edit == "duplicate line":
                    lines.insert(line, lines[line])
                else:
                    del lines[line]
            data = bytearray(b"".join(lines))
    return bytes(data)


def read_collecting(reader: Callable[..., Reader], data: bytes, **options: Any) -> None:
    """Read everything in collect mode: only records, BadRecords or a whole-file RecordError."""
    whole_file: RecordError | None = None
    try:
        with reader(io.BytesIO(data), errors="collect", **options) as records:
            events = list(records)
    except RecordError as e:
        whole_file = e
    if whole_file is not None:
        # The file as a whole cannot be read: a JSON document that is not one, or a CSV
        # header that is not ours. JSON Lines has no such thing.
        assert reader is not read_jsonl
        assert isinstance(whole_file.bad, BadRecord)
        assert whole_file.bad.errors
        return
    assert all(isinstance(event, diplomev.Event) for event in events)
    assert records.count == len(events)
    for bad in records.problems:
        assert isinstance(bad, BadRecord)
        assert bad.errors
        assert all(detail.path.startswith("$") and detail.message for detail in bad.errors)
    for event in events:
        assert diplomev.loads(diplomev.dumps(event)) == event


MAX_LINE_BYTES = st.sampled_from([DEFAULT_MAX_LINE_BYTES, 16, 200])


@pytest.mark.parametrize("name", READERS)
@given(data=st.binary(max_size=300) | mutated_files(), max_line_bytes=MAX_LINE_BYTES)
def test_bytes_through_each_reader_give_records_or_bad_records(
    name: str, data: bytes, max_line_bytes: int
) -> None:
    options = {} if name == "json-document" else {"max_line_bytes": max_line_bytes}
    read_collecting(READERS[name], data, **options)


@pytest.mark.parametrize("name", READERS)
@given(data=JSON_VALUES.map(lambda value: json.dumps(value).encode("utf-8")))
def test_json_text_of_any_value_through_each_reader(name: str, data: bytes) -> None:
    read_collecting(READERS[name], data)
