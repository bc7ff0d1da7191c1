"""Files at their edges: what a writer's target is, hostile cells, odd endings, many problems."""

from __future__ import annotations

import csv
import errno
import gzip
import io
import json
import os
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import diplomev
from diplomev import strategies as ds
from diplomev.io import (
    MAX_PROBLEMS,
    BadRecord,
    RecordError,
    read_csv,
    read_json,
    read_jsonl,
    write_csv,
    write_json,
    write_jsonl,
)

from .conftest import GOLDEN

EVENTS = list(read_jsonl(GOLDEN))
GOLDEN_LINES = GOLDEN.read_bytes().splitlines()
WRITERS: dict[str, Callable[..., int]] = {
    "jsonl": write_jsonl,
    "json": write_json,
    "csv": write_csv,
}
READERS = {"jsonl": read_jsonl, "json": read_json, "csv": read_csv}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def csv_bytes(events: list[diplomev.Event]) -> bytes:
    out = io.BytesIO()
    write_csv(events, out)
    return out.getvalue()


# --- item 3: read_csv leaves the process's csv module as it found it ----------------------------


def test_reading_csv_leaves_the_process_wide_field_size_limit_alone() -> None:
    saved = csv.field_size_limit()
    try:
        csv.field_size_limit(131072)
        assert list(read_csv(io.BytesIO(b""))) == []
        assert list(read_csv(io.BytesIO(csv_bytes(EVENTS)))) == EVENTS
        long = attrs.evolve(EVENTS[0], summary="long " * 60_000)  # a 300 KB cell
        assert list(read_csv(io.BytesIO(csv_bytes([long])))) == [long]
        assert csv.field_size_limit() == 131072
    finally:
        csv.field_size_limit(saved)


# --- item 13: a writer given something that is not an event ------------------------------------


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("bad", [1, {"a": 1}, "visit"])
def test_a_writer_given_a_non_event_names_its_position_and_type_and_leaves_the_file(
    tmp_path: Path, fmt: str, bad: object
) -> None:
    path = tmp_path / f"events.{fmt}"
    path.write_bytes(b"old content")
    with pytest.raises(TypeError, match=rf"position 2, got {type(bad).__name__}"):
        WRITERS[fmt]([EVENTS[0], EVENTS[1], bad], path)
    assert path.read_bytes() == b"old content"
    with pytest.raises(TypeError, match="position 0"):
        WRITERS[fmt]([bad], tmp_path / f"new.{fmt}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# --- item 12: line endings and limits ------------------------------------------------------------


def test_jsonl_with_cr_only_line_endings() -> None:
    data = b"\r".join(GOLDEN_LINES) + b"\r"
    assert list(read_jsonl(io.BytesIO(data))) == EVENTS
    mixed = GOLDEN_LINES[0] + b"\r" + GOLDEN_LINES[1] + b"\r\n" + GOLDEN_LINES[2] + b"\n"
    with read_jsonl(io.BytesIO(mixed), errors="collect") as reader:
        assert list(reader) == EVENTS[:3]
    assert reader.problems == []


def test_jsonl_cr_only_lines_are_numbered() -> None:
    data = GOLDEN_LINES[0] + b"\rnot json\r" + GOLDEN_LINES[1]
    with read_jsonl(io.BytesIO(data), errors="collect") as reader:
        assert list(reader) == EVENTS[:2]
    assert [bad.line for bad in reader.problems] == [2]


def test_csv_with_cr_only_line_endings() -> None:
    data = csv_bytes(EVENTS).replace(b"\r\n", b"\r")
    assert list(read_csv(io.BytesIO(data))) == EVENTS


def test_csv_cells_keep_their_own_line_breaks_whatever_the_row_endings() -> None:
    event = attrs.evolve(EVENTS[0], summary="one\rtwo\r\nthree\nfour")
    data = csv_bytes([event, EVENTS[1]])
    assert list(read_csv(io.BytesIO(data))) == [event, EVENTS[1]]
    assert list(read_csv(io.BytesIO(data.replace(b"\r\n", b"\n")))) != []


def test_a_quote_left_open_in_a_csv_row_does_not_swallow_the_next_rows() -> None:
    lines = csv_bytes(EVENTS[:4]).split(b"\r\n")
    lines[2] = lines[2] + b',"'  # the last cell of line 3 opens a quote and never closes it
    data = b"\r\n".join(lines)
    with read_csv(io.BytesIO(data), errors="collect") as reader:
        good = list(reader)
    assert good == [EVENTS[0], EVENTS[2], EVENTS[3]]
    (bad,) = reader.problems
    assert bad.line == 3
    assert "quote" in bad.errors[0].message
    assert "line 3" in bad.errors[0].message


def test_a_quote_left_open_and_closed_rows_later_names_the_line_it_opened() -> None:
    lines = csv_bytes(EVENTS[:5]).split(b"\r\n")
    lines[2] = lines[2].replace(b",occurred,", b',"occurred,', 1)
    data = b"\r\n".join(lines)
    with read_csv(io.BytesIO(data), errors="collect") as reader:
        good = list(reader)
    assert good == [EVENTS[0], *EVENTS[2:5]]
    assert [bad.line for bad in reader.problems] == [3]
    assert "line 3" in reader.problems[0].errors[0].message


@pytest.mark.parametrize("reader", [read_jsonl, read_csv])
@pytest.mark.parametrize("limit", [0, -1])
def test_a_line_limit_that_is_not_positive_is_a_programming_error(
    reader: Callable[..., object], limit: int
) -> None:
    with pytest.raises(ValueError, match="max_line_bytes"):
        reader(io.BytesIO(GOLDEN.read_bytes()), max_line_bytes=limit)


# --- item 10: CSV that is safe to open in a spreadsheet ------------------------------------------


def cells_of(data: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    return [cell for row in rows for cell in row]


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped_and_read_back() -> None:
    hostile = '=HYPERLINK("http://x","click")'
    visit = EVENTS[0]
    assert visit.location is not None
    event = attrs.evolve(
        visit,
        summary=hostile,
        location=attrs.evolve(visit.location, name="@SUM(A1)"),
        visitor=attrs.evolve(visit.visitor, name="+cmd|' /C calc'!A0"),  # type: ignore[attr-defined]
    )
    data = csv_bytes([event])
    cells = cells_of(data)
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert "'" + hostile in cells
    assert list(read_csv(io.BytesIO(data))) == [event]


def test_csv_cells_that_start_with_a_quote_mark_read_back_as_written() -> None:
    for summary in ["'=x", "''-x", "'plain", "''", "it's"]:
        event = attrs.evolve(EVENTS[0], summary=summary)
        assert list(read_csv(io.BytesIO(csv_bytes([event])))) == [event], summary


def test_a_hand_written_csv_cell_starting_with_a_quote_mark_is_kept() -> None:
    data = b'id,type,date,host,visitor,summary\nv,visit,2019,CHN,"{""type"":""country"",""code"":""KOR""}",\'tis\n'
    (event,) = read_csv(io.BytesIO(data))
    assert event.summary == "'tis"


@given(ds.events())
def test_any_event_survives_csv_and_no_cell_starts_like_a_formula(event: diplomev.Event) -> None:
    data = csv_bytes([event])
    assert list(read_csv(io.BytesIO(data))) == [event]
    assert not [cell for cell in cells_of(data) if cell.startswith(FORMULA_STARTS)]
    hostile = attrs.evolve(event, summary="-" + (event.summary or "") + "=")
    assert list(read_csv(io.BytesIO(csv_bytes([hostile])))) == [hostile]


# --- item 9: writers respect what the target is --------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_writing_to_a_symlink_writes_its_target(tmp_path: Path, fmt: str) -> None:
    real = tmp_path / f"real.{fmt}"
    real.write_bytes(b"old")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(real.name)
    WRITERS[fmt](EVENTS, link)
    assert link.is_symlink()
    assert list(READERS[fmt](real)) == EVENTS


def test_writing_to_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.jsonl"
    link.symlink_to("sub-real.jsonl")
    write_jsonl(EVENTS, link)
    assert link.is_symlink()
    assert list(read_jsonl(tmp_path / "sub-real.jsonl")) == EVENTS


def test_writing_to_a_fifo_writes_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "events.jsonl"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    try:
        write_jsonl(EVENTS, fifo)
    finally:
        reader.join()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received == [b"\n".join(GOLDEN_LINES_COMPACT) + b"\n"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl"]


GOLDEN_LINES_COMPACT = [diplomev.dumps(event).encode() for event in EVENTS]


def test_writing_to_a_character_device_leaves_it_a_device() -> None:
    write_jsonl(EVENTS, "/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_file_in_a_read_only_folder_is_written_in_place(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "events.jsonl"
    path.write_bytes(b"old")
    folder.chmod(0o555)
    try:
        write_jsonl(EVENTS, path)
        assert list(read_jsonl(path)) == EVENTS
        assert sorted(p.name for p in folder.iterdir()) == ["events.jsonl"]
    finally:
        folder.chmod(0o755)


def test_when_no_temporary_can_be_made_beside_the_file_it_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root, a read-only folder does not stop writes: simulate the refusal instead.
    path = tmp_path / "events.csv"
    path.write_bytes(b"old")

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    write_csv(EVENTS, path)
    assert list(read_csv(path)) == EVENTS


def test_a_new_file_in_a_folder_that_refuses_temporaries_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(PermissionError):
        write_jsonl(EVENTS, tmp_path / "new.jsonl")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_the_owner_of_the_old_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"old")
    os.chown(path, 1234, 4321)
    write_jsonl(EVENTS, path)
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 4321)


def test_a_failed_chown_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"old")
    write_jsonl(EVENTS, path)
    assert list(read_jsonl(path)) == EVENTS


@pytest.mark.parametrize("length", [242, 250, 255])
@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_names_up_to_the_file_system_limit_can_be_written(
    tmp_path: Path, fmt: str, length: int
) -> None:
    path = tmp_path / ("e" * (length - len(fmt) - 1) + "." + fmt)
    assert len(path.name.encode()) == length
    WRITERS[fmt](EVENTS, path)
    assert list(READERS[fmt](path)) == EVENTS


# --- item 7: bounded problems, streaming documents -----------------------------------------------


def test_collect_mode_keeps_the_first_problems_and_counts_them_all() -> None:
    lines = b"1\n" * (MAX_PROBLEMS + 500) + GOLDEN_LINES[0] + b"\n"
    met: list[BadRecord] = []
    with read_jsonl(io.BytesIO(lines), errors="collect") as reader:
        reader.on_problem = met.append
        assert list(reader) == EVENTS[:1]
    assert len(reader.problems) == MAX_PROBLEMS
    assert reader.bad == MAX_PROBLEMS + 500
    assert reader.count + reader.bad == MAX_PROBLEMS + 501
    assert len(met) == MAX_PROBLEMS + 500
    assert [bad.line for bad in reader.problems] == list(range(1, MAX_PROBLEMS + 1))


class ChunkedOnly(io.RawIOBase):
    """A stream that refuses to be read whole, and says how far it has been read."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), 1 << 16, len(self.data) - self.position)
        buffer[:size] = self.data[self.position : self.position + size]
        self.position += size
        return size

    def readall(self) -> bytes:
        raise AssertionError("the document was read whole")


def big_document(count: int) -> bytes:
    out = io.BytesIO()
    write_json(EVENTS * (count // len(EVENTS)), out)
    return out.getvalue()


def test_read_json_streams_the_events_array() -> None:
    data = big_document(5000)
    stream = ChunkedOnly(data)
    reader = read_json(stream)
    first = next(reader)
    assert first == EVENTS[0]
    assert stream.position < len(data) // 10
    assert sum(1 for _ in reader) + 1 == len(EVENTS) * (5000 // len(EVENTS))


def test_read_json_reads_keys_in_any_order_and_indented_documents() -> None:
    body = ",".join(line.decode() for line in GOLDEN_LINES)
    data = f'\ufeff {{ "events" : [ {body} ] ,\n "diplomev" : "1" }}\n'.encode()
    assert list(read_json(io.BytesIO(data))) == EVENTS
    out = io.BytesIO()
    write_json(EVENTS, out, indent=2)
    assert list(read_json(io.BytesIO(out.getvalue()))) == EVENTS


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (b'{"diplomev": "1", "events": [1, 2', "$"),
        (b'{"diplomev": "1", "events": [] } x', "$"),
        (b'{"diplomev": "1", "events": [], "events": []}', "$.events"),
        (b'{"diplomev": "1", "events": [1,]}', "$.events[1]"),
        (b'{"diplomev": "1" "events": []}', "$.diplomev"),
        (b"", "$"),
        (b"   ", "$"),
        (b'"events"', "$"),
    ],
)
def test_a_damaged_document_raises_with_where(data: bytes, path: str) -> None:
    with pytest.raises(RecordError) as excinfo:
        list(read_json(io.BytesIO(data), errors="collect"))
    assert excinfo.value.paths[0] == path, excinfo.value


def test_an_event_nested_too_deeply_is_one_bad_record() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    data = b'{"diplomev": "1", "events": [' + deep + b"," + GOLDEN_LINES[0] + b"]}"
    with read_json(io.BytesIO(data), errors="collect") as reader:
        assert list(reader) == EVENTS[:1]
    (bad,) = reader.problems
    assert bad.errors[0].path == "$.events[0]"
    assert bad.errors[0].code == diplomev.ErrorCode.TOO_DEEP


def test_an_unterminated_string_in_a_document_is_reported_not_loaded() -> None:
    data = b'{"diplomev": "1", "events": [' + GOLDEN_LINES[0] + b', "' + b"x" * 100_000
    reader = read_json(io.BytesIO(data), errors="collect", max_line_bytes=1000)
    with pytest.raises(RecordError) as excinfo:
        list(reader)
    assert excinfo.value.paths == ("$",)
    assert "$.events[1], which starts at byte" in str(excinfo.value)
    assert [bad.errors[0].code for bad in reader.problems] == [diplomev.ErrorCode.TOO_LARGE]


def test_an_event_larger_than_the_limit_is_skipped_and_the_next_read() -> None:
    big = json.dumps({"type": "summit", "summary": "x" * 200_000}).encode()
    data = b'{"diplomev": "1", "events": [' + big + b"," + GOLDEN_LINES[0] + b"]}"
    with read_json(io.BytesIO(data), errors="collect", max_line_bytes=100_000) as reader:
        assert list(reader) == EVENTS[:1]
    assert [(d.path, d.code) for bad in reader.problems for d in bad.errors] == [
        ("$.events[0]", diplomev.ErrorCode.TOO_LARGE)
    ]


def test_read_json_of_gzip_decompresses_as_it_goes(tmp_path: Path) -> None:
    path = tmp_path / "events.json.gz"
    path.write_bytes(gzip.compress(big_document(2000)))
    reader = read_json(path)
    assert next(reader) == EVENTS[0]
    reader.close()
    assert sum(1 for _ in read_json(path)) == len(EVENTS) * (2000 // len(EVENTS))


def test_a_memory_error_while_reading_an_event_is_a_bad_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import diplomev.io as dio

    real = dio.parse_json

    def fragile(text: bytes) -> object:
        if b'"id": "lee-xi-summit-2025-11"' in text:
            raise MemoryError
        return real(text)

    real_loads = dio.loads

    def fragile_loads(text: bytes) -> object:
        if b'"id": "lee-xi-summit-2025-11"' in text:
            raise MemoryError
        return real_loads(text)

    monkeypatch.setattr(dio, "parse_json", fragile)  # read_json's values
    monkeypatch.setattr(dio, "loads", fragile_loads)  # read_jsonl's lines
    body = b",".join(GOLDEN_LINES[:4])
    data = b'{"diplomev": "1", "events": [' + body + b"]}"
    with read_json(io.BytesIO(data), errors="collect") as reader:
        assert list(reader) == [EVENTS[0], EVENTS[1], EVENTS[3]]
    assert reader.problems[0].errors[0].code == diplomev.ErrorCode.TOO_LARGE
    with read_jsonl(io.BytesIO(b"\n".join(GOLDEN_LINES[:4])), errors="collect") as reader:
        assert list(reader) == [EVENTS[0], EVENTS[1], EVENTS[3]]
    assert reader.problems[0].line == 3


def test_the_json_document_format_is_unchanged() -> None:
    out = io.BytesIO()
    write_json(EVENTS[:1], out)
    assert json.loads(out.getvalue())["events"][0]["id"] == EVENTS[0].id


def test_writing_to_dev_stdout_when_it_is_a_pipe_writes_the_pipe() -> None:
    import subprocess
    import sys

    script = (
        "from diplomev.io import read_jsonl, write_jsonl; "
        f"write_jsonl(read_jsonl({str(GOLDEN)!r}), '/dev/stdout')"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert done.stdout.splitlines() == GOLDEN_LINES_COMPACT
