"""The one line reader (``diplomev._lines``) and the readers of files that use it."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomev._files import open_for_reading
from diplomev._lines import (
    BOM,
    CsvLines,
    LineProblem,
    byte_lines,
    decode_document,
    text_lines,
)
from diplomev.errors import ValidationError
from diplomev.interop import read_gdelt, read_icews
from diplomev.io import RecordError, read_csv, read_jsonl
from tests.conftest import GOLDEN
from tests.test_interop_gdelt import GDELT
from tests.test_interop_icews import TABLE, row

GOLDEN_LINES = GOLDEN.read_bytes().splitlines()


def kinds(lines: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
    return [(n, line.kind if isinstance(line, LineProblem) else line) for n, line in lines]


# --- byte_lines and text_lines -------------------------------------------------------------


def test_lines_are_numbered_and_keep_their_endings() -> None:
    data = b"one\r\n\ntwo\n  \nthree"
    assert list(byte_lines(io.BytesIO(data))) == [
        (1, b"one\r\n"),
        (2, b"\n"),
        (3, b"two\n"),
        (4, b"  \n"),
        (5, b"three"),
    ]
    assert next(text_lines(io.BytesIO(data))) == (1, "one\r\n")


def test_the_byte_order_mark_is_removed_from_line_one_only() -> None:
    data = BOM + b"one\n" + BOM + b"two\n"
    assert list(byte_lines(io.BytesIO(data))) == [(1, b"one\n"), (2, BOM + b"two\n")]
    assert list(byte_lines(io.BytesIO(BOM))) == [(1, b"")]


def test_an_empty_stream_has_no_lines() -> None:
    assert list(byte_lines(io.BytesIO(b""))) == []
    assert list(text_lines(io.BytesIO(b""), max_bytes=4)) == []


class Recording(io.BytesIO):
    """A stream that remembers the longest piece any read handed out."""

    longest = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.longest = max(self.longest, len(line))
        return line

    def read(self, size: int | None = -1) -> bytes:
        raise AssertionError("lines are read with readline only")


def test_an_over_long_line_is_skipped_without_being_loaded_whole() -> None:
    data = b"short\n" + b"x" * 1_000_000 + b"\nafter\n"
    stream = Recording(data)
    lines = list(byte_lines(stream, max_bytes=100))
    assert kinds(lines) == [(1, b"short\n"), (2, "too long"), (3, b"after\n")]
    assert stream.longest <= 1 << 16  # skipped in chunks, never a million bytes at once
    problem = lines[1][1]
    assert isinstance(problem, LineProblem)
    assert problem.message == "line longer than 100 bytes; not read"
    assert problem.message_with_line == "line 2 is longer than 100 bytes; not read"
    assert problem.text == "\n"


def test_a_line_of_exactly_the_cap_is_read() -> None:
    for data in (b"x" * 10, b"x" * 9 + b"\n", b"x" * 10 + b"\n"):
        [(_, line)] = list(byte_lines(io.BytesIO(data), max_bytes=10))
        assert line == data


def test_the_byte_order_mark_counts_toward_the_cap() -> None:
    # Before the line reader was shared, the mark was removed first and the line, cut at
    # the cap, was taken for a whole (and incomplete) line; its rest became line 2.
    data = BOM + b"x" * 20 + b"\nnext\n"
    assert kinds(list(byte_lines(io.BytesIO(data), max_bytes=10))) == [
        (1, "too long"),
        (2, b"next\n"),
    ]


def test_invalid_utf8_spoils_its_line_only() -> None:
    data = b"caf\xc3\xa9\ncaf\xe9\nok"
    lines = list(text_lines(io.BytesIO(data)))
    assert kinds(lines) == [(1, "café\n"), (2, "invalid UTF-8"), (3, "ok")]
    problem = lines[1][1]
    assert isinstance(problem, LineProblem)
    assert problem.message == "invalid UTF-8 at byte 3"
    assert problem.message_with_line == "invalid UTF-8 at byte 3 of line 2"
    assert problem.text == "caf\ufffd\n"


def half_a_gzip(tmp_path: Path, data: bytes) -> Path:
    zipped = gzip.compress(data)
    path = tmp_path / "damaged.jsonl.gz"
    path.write_bytes(zipped[: len(zipped) // 2])
    return path


def test_damaged_gzip_data_is_the_last_line(tmp_path: Path) -> None:
    data = b"".join(b"line %d of some text\n" % n for n in range(5000))
    with open_for_reading(half_a_gzip(tmp_path, data)) as stream:
        lines = list(byte_lines(stream, max_bytes=1000))
    *good, (number, last) = lines
    assert all(isinstance(line, bytes) for _, line in good)
    assert isinstance(last, LineProblem)
    assert last.kind == "damaged"
    assert number == len(good) + 1
    assert last.message.startswith("the gzip data is damaged")


def test_csv_lines_note_problems_and_hand_on_the_text() -> None:
    lines = CsvLines(io.BytesIO(b"a,b\n" + b"y" * 50 + b"\nc,\xff\n"), max_bytes=20)
    assert list(lines) == ["a,b\n", "\n", "c,\ufffd\n"]
    assert lines.problems == [
        "line 2 is longer than 20 bytes; not read",
        "invalid UTF-8 at byte 2 of line 3",
    ]
    assert lines.number == 3


def test_csv_lines_raise_on_damaged_data(tmp_path: Path) -> None:
    data = b"".join(b"line %d of some text\n" % n for n in range(5000))
    with open_for_reading(half_a_gzip(tmp_path, data)) as stream:
        lines = CsvLines(stream)
        with pytest.raises(ValidationError, match="gzip data is damaged"):
            list(lines)


def test_decode_document() -> None:
    assert decode_document(BOM + "café".encode()) == "café"
    assert decode_document(b"") == ""
    with pytest.raises(ValidationError, match="invalid UTF-8 at byte 3"):
        decode_document(BOM + b"caf\xe9")


# --- the readers that use it ---------------------------------------------------------------


def test_jsonl_with_a_byte_order_mark_and_an_over_long_first_line() -> None:
    cap = max(len(line) for line in GOLDEN_LINES) + 1
    long_line = b'{"type": "summit", "id": "' + b"x" * cap + b'"}\n'
    data = BOM + long_line + b"\n".join(GOLDEN_LINES)
    with read_jsonl(io.BytesIO(data), errors="collect", max_line_bytes=cap) as reader:
        events = list(reader)
    assert len(events) == len(GOLDEN_LINES)
    assert [(bad.line, bad.errors[0].message) for bad in reader.problems] == [
        (1, f"line longer than {cap} bytes; not read")
    ]


def test_a_csv_header_that_cannot_be_read_says_why() -> None:
    # Before: "missing column 'id'", and the reason lost.
    with pytest.raises(RecordError) as excinfo:
        list(read_csv(io.BytesIO(b"id,type," + b"x" * 100 + b"\n"), max_line_bytes=50))
    assert [d.message for d in excinfo.value.errors] == ["line 1 is longer than 50 bytes; not read"]
    with pytest.raises(RecordError, match="invalid UTF-8 at byte 3 of line 1"):
        list(read_csv(io.BytesIO(b"id,\xfftype,date\n")))


def test_icews_rows_that_are_not_utf8_are_reported_with_their_line() -> None:
    data = (TABLE + row() + row() + row()).encode()
    second_row_start = data.index(b"\n", data.index(b"\n") + 1) + 1
    data = data[: second_row_start + 2] + b"\xff" + data[second_row_start + 3 :]
    with read_icews(io.BytesIO(data), errors="collect") as reader:
        events = list(reader)
    assert events
    assert [(bad.line, bad.errors[0].message) for bad in reader.problems] == [
        (3, "invalid UTF-8 at byte 2 of line 3")
    ]
    assert reader.report.rows == 3


def test_an_icews_header_that_is_not_utf8_says_so() -> None:
    data = (TABLE + row()).encode().replace(b"Event ID", b"Event \xffID", 1)
    with pytest.raises(RecordError, match="invalid UTF-8 at byte 6 of line 1"):
        list(read_icews(io.BytesIO(data)))


def test_gdelt_rows_that_are_not_utf8_are_reported_with_their_line() -> None:
    lines = GDELT.read_bytes().splitlines(keepends=True)[:3]
    lines[1] = b"\xff" + lines[1][1:]
    with read_gdelt(io.BytesIO(BOM + b"".join(lines)), errors="collect") as reader:
        list(reader)
    assert [(bad.line, bad.errors[0].message) for bad in reader.problems] == [
        (2, "invalid UTF-8 at byte 0 of line 2")
    ]


# --- any line ending (issue 13, item 12) -----------------------------------------------------


class Trickle(io.RawIOBase):
    """A stream that hands on its bytes a few at a time, as a pipe may."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self.data, self.sizes, self.position = data, sizes or [1], 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = self.sizes[self.position % len(self.sizes)]
        chunk = self.data[self.position : self.position + min(size, len(buffer))]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


PIECES = st.sampled_from([b"a", b"bc", b"\r", b"\n", b"\r\n", b"xyz" * 7, b"\xff"])


@given(st.lists(PIECES, max_size=60), st.lists(st.integers(1, 9), max_size=5))
def test_any_ending_splits_at_cr_lf_and_crlf_wherever_the_reads_fall(
    pieces: list[bytes], sizes: list[int]
) -> None:
    data = b"".join(pieces)
    expected = re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", data)
    lines = [line for _, line in byte_lines(Trickle(data, sizes), any_ending=True)]
    assert lines == expected


@given(st.lists(PIECES, max_size=60), st.integers(1, 30))
def test_any_ending_caps_lines_as_newline_endings_do(pieces: list[bytes], cap: int) -> None:
    # Lone CRs against LFs at the same places: the same lines, the same lengths.
    data = b"".join(pieces).replace(b"\n", b"\r")
    crlf = data.replace(b"\r", b"\n")
    got = [
        line if isinstance(line, LineProblem) else line.rstrip(b"\r\n")
        for _, line in byte_lines(io.BytesIO(data), cap, any_ending=True)
    ]
    want = [
        line if isinstance(line, LineProblem) else line.rstrip(b"\n")
        for _, line in byte_lines(io.BytesIO(crlf), cap)
    ]
    assert [g.kind if isinstance(g, LineProblem) else g for g in got] == [
        w.kind if isinstance(w, LineProblem) else w for w in want
    ]


def test_the_line_cap_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        list(byte_lines(io.BytesIO(b"a\n"), 0))


class _Trickle(io.BytesIO):
    """A stream that hands on at most ``size`` bytes a read, as a slow pipe does."""

    def __init__(self, data: bytes, size: int) -> None:
        super().__init__(data)
        self.size = size

    def read1(self, n: int = -1, /) -> bytes:
        return super().read1(self.size)


@given(
    st.lists(st.sampled_from([b"a", b"{}", b"\n", b"\r", b"\r\n", b"\xc3\xa9"]), max_size=40),
    st.integers(1, 5),
)
def test_any_endings_split_as_the_pattern_of_the_three_endings_does(
    parts: list[bytes], size: int
) -> None:
    data = b"".join(parts)
    expected = [m.group() for m in re.finditer(rb"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$", data)]
    got = [line for _, line in byte_lines(_Trickle(data, size), any_ending=True)]
    assert got == expected
