r"""The one reader of lines of text files: numbering, byte-order mark, cap, UTF-8, damage.

Every reader of a line-based format (JSON Lines and CSV in `diplomev.io`, the ICEWS and
GDELT tables in `diplomev.interop`) reads its binary stream through `byte_lines` or
`text_lines`, which yield ``(line number, line)`` pairs, numbered from 1, where the line is
either the line, with its ending (``\n`` or ``\r\n``; the last line may have none), or a
`LineProblem` saying why it could not be read:

- a byte-order mark at the start of line 1 is removed;
- a line longer than ``max_bytes`` (the byte-order mark counts) is never loaded whole: it is
  skipped in chunks and reported (``"too long"``), and reading goes on with the next line;
- damaged compressed data (`diplomev._files` raises `ValidationError` for it) is reported
  (``"damaged"``) for the line where it was met, and nothing more is read;
- `text_lines` decodes each line alone, so invalid UTF-8 spoils that line only
  (``"invalid UTF-8"``); `byte_lines` leaves decoding to the caller, which the JSON
  parser does best.

Line endings are ``\n`` or ``\r\n``; a file whose lines end with a lone ``\r`` (classic Mac
OS) reads as one line, unless ``any_ending=True``, with which a lone ``\r`` ends a line too
(the readers of `diplomev.io` use it: JSON text cannot hold a raw ``\r``, and the CSV
reader joins the lines of a quoted cell back as they were).

`CsvLines` adapts `text_lines` to `csv.reader`, which needs plain strings, and `csv_rows`
reads the rows with the number of the line each starts on, or the problems that spoil it.

>>> import io
>>> data = b"\xef\xbb\xbffirst\r\nsecond \xff\n" + b"x" * 20 + b"\nlast"
>>> for number, line in text_lines(io.BytesIO(data), max_bytes=10):
...     print(number, repr(line))
1 'first\r\n'
2 LineProblem(kind='invalid UTF-8', number=2, message='invalid UTF-8 at byte 7')
3 LineProblem(kind='too long', number=3, message='line longer than 10 bytes; not read')
4 'last'
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Literal, Protocol, TypeAlias

import attrs

from diplomev.errors import ErrorCode, ErrorDetail, ValidationError

__all__ = [
    "BOM",
    "CsvLines",
    "LineProblem",
    "byte_lines",
    "csv_rows",
    "decode_document",
    "text_lines",
]

#: The UTF-8 byte-order mark, which some tools write at the start of a file.
BOM = b"\xef\xbb\xbf"

# How much of an over-long line is read at a time while it is skipped.
_CHUNK = 1 << 16

ProblemKind: TypeAlias = Literal["too long", "invalid UTF-8", "damaged"]


@attrs.frozen(slots=True)
class LineProblem:
    r"""Why a line could not be read.

    ``message`` says what is wrong, for a report that gives the line number already;
    ``message_with_line`` names the line too, for a report of a row that may span lines.
    ``text`` stands for the line where a reader must go on: the line decoded with
    replacement characters for invalid UTF-8, an empty line for one not read.

    >>> problem = _not_utf8(3, b"caf\xe9\n", 3)
    >>> problem.message, problem.message_with_line, problem.text
    ('invalid UTF-8 at byte 3', 'invalid UTF-8 at byte 3 of line 3', 'caf\ufffd\n')
    """

    kind: ProblemKind
    number: int
    message: str
    message_with_line: str = attrs.field(repr=False)
    text: str = attrs.field(repr=False)

    @property
    def code(self) -> str:
        """The `ErrorCode` of the problem: a line too long, or bytes that cannot be read."""
        return ErrorCode.TOO_LARGE if self.kind == "too long" else ErrorCode.BAD_FILE


def _too_long(number: int, max_bytes: int) -> LineProblem:
    return LineProblem(
        "too long",
        number,
        f"line longer than {max_bytes} bytes; not read",
        f"line {number} is longer than {max_bytes} bytes; not read",
        "\n",
    )


def _not_utf8(number: int, line: bytes, start: int) -> LineProblem:
    message = f"invalid UTF-8 at byte {start}"
    text = line.decode("utf-8", errors="replace")
    return LineProblem("invalid UTF-8", number, message, f"{message} of line {number}", text)


def _damaged(number: int, error: ValidationError) -> LineProblem:
    message = error.errors[0].message
    return LineProblem("damaged", number, message, message, "")


def _skip_rest_of_line(stream: _LineSource, endings: tuple[bytes, ...]) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(endings):
            return


class _LineSource(Protocol):
    """Anything with ``readline(limit)``: a binary stream, or `_AnyEndings` over one."""

    def readline(self, limit: int = -1, /) -> bytes: ...


def _line_end(buffer: bytes, start: int) -> int:
    r"""Return where the first ``\n`` or ``\r`` at or after ``start`` is, or -1.

    Two ``find`` calls (memchr): a pattern ``\r\n?|\n`` took ten times as long on a line
    of JSON, about 9 µs for 800 bytes.

    >>> _line_end(b"ab\r\ncd\n", 0), _line_end(b"ab\ncd\r", 3), _line_end(b"abc", 0)
    (2, 5, -1)
    """
    newline = buffer.find(b"\n", start)
    if newline < 0:
        return buffer.find(b"\r", start)
    carriage = buffer.find(b"\r", start, newline)
    return newline if carriage < 0 else carriage


class _AnyEndings:
    r"""``readline`` over a binary stream where ``\n``, ``\r\n`` and a lone ``\r`` end lines.

    Reads in chunks with ``read1`` where the stream has it, so a pipe hands on each line as
    it comes; keeps one chunk and the line being read, never the file.

    >>> import io
    >>> lines = _AnyEndings(io.BytesIO(b"a\rb\r\nc\nd"))
    >>> [lines.readline() for _ in range(5)]
    [b'a\r', b'b\r\n', b'c\n', b'd', b'']
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._read = getattr(stream, "read1", stream.read)
        self._buffer = b""
        self._position = 0
        self._eof = False

    def readline(self, limit: int = -1, /) -> bytes:
        searched = self._position
        while True:
            buffer, start = self._buffer, self._position
            found = _line_end(buffer, searched)
            if found >= 0:
                stop = found + 2 if buffer[found : found + 2] == b"\r\n" else found + 1
                # A \r last in the buffer may be the first half of \r\n: look further.
                at_end = stop == len(buffer) and buffer[stop - 1] == 13  # b"\r"
                if at_end and not self._eof and (limit < 0 or stop - start < limit):
                    searched = found - self._fill()
                    continue
            elif self._eof:
                stop = len(buffer)
            elif limit >= 0 and len(buffer) - start >= limit:
                stop = start + limit
            else:
                searched = len(buffer) - self._fill()
                continue
            if limit >= 0 and stop - start > limit:
                stop = start + limit
            self._position = stop
            return buffer[start:stop]

    def _fill(self) -> int:
        """Read a chunk after what is left of the buffer; return how far that moved left."""
        shift = self._position
        chunk = self._read(_CHUNK)
        self._buffer, self._position = self._buffer[shift:] + chunk, 0
        if not chunk:
            self._eof = True
        return shift


def byte_lines(
    stream: IO[bytes], max_bytes: int | None = None, *, any_ending: bool = False
) -> Iterator[tuple[int, bytes | LineProblem]]:
    r"""Yield ``(number, line)`` for each line of a binary stream, as bytes or a problem.

    See the module docstring; ``max_bytes`` None reads lines of any length; with
    ``any_ending`` a lone ``\r`` ends a line too.

    >>> import io
    >>> list(byte_lines(io.BytesIO(b"\xef\xbb\xbfone\r\ntwo")))
    [(1, b'one\r\n'), (2, b'two')]
    >>> list(byte_lines(io.BytesIO(b"one\rtwo\r"), any_ending=True))
    [(1, b'one\r'), (2, b'two\r')]
    """
    if max_bytes is not None and max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes}")
    source: _LineSource = _AnyEndings(stream) if any_ending else stream
    endings = (b"\n", b"\r") if any_ending else (b"\n",)
    limit = -1 if max_bytes is None else max_bytes + 1
    number = 0
    while True:
        try:
            line = source.readline(limit)
        except ValidationError as e:  # damaged compressed data: nothing more to read
            yield number + 1, _damaged(number + 1, e)
            return
        if not line:
            return
        number += 1
        if max_bytes is not None and len(line) > max_bytes and not line.endswith(endings):
            try:
                _skip_rest_of_line(source, endings)
            except ValidationError as e:
                yield number, _damaged(number, e)
                return
            yield number, _too_long(number, max_bytes)
            continue
        if number == 1 and line.startswith(BOM):
            line = line[len(BOM) :]
        yield number, line


def text_lines(
    stream: IO[bytes], max_bytes: int | None = None, *, any_ending: bool = False
) -> Iterator[tuple[int, str | LineProblem]]:
    r"""Yield ``(number, line)`` for each line of a binary stream, as text or a problem.

    Like `byte_lines`, and each line is decoded as UTF-8 on its own.

    >>> import io
    >>> [(n, line if isinstance(line, str) else line.kind)
    ...  for n, line in text_lines(io.BytesIO(b"caf\xc3\xa9\ncaf\xe9\n"))]
    [(1, 'café\n'), (2, 'invalid UTF-8')]
    """
    for number, line in byte_lines(stream, max_bytes, any_ending=any_ending):
        if isinstance(line, LineProblem):
            yield number, line
            continue
        try:
            yield number, line.decode("utf-8")
        except UnicodeDecodeError as e:
            yield number, _not_utf8(number, line, e.start)


class CsvLines(Iterator[str]):
    r"""The lines of a binary stream as text for `csv.reader`, noting those that cannot be read.

    A line that cannot be read is noted in ``problems`` (its `LineProblem.message_with_line`)
    and its `LineProblem.text` is handed on, so that one bad line spoils one row, and the
    caller reports the row. Damaged compressed data raises `ValidationError`. ``number``
    is the number of the last line handed on: a row starts on ``number + 1``.

    >>> import csv, io
    >>> lines = CsvLines(io.BytesIO(b"a,b\r\nc,\xff\r\n"))
    >>> rows = list(csv.reader(lines))
    >>> rows, lines.problems, lines.number
    ([['a', 'b'], ['c', '\ufffd']], ['invalid UTF-8 at byte 2 of line 2'], 2)
    """

    def __init__(self, stream: IO[bytes], max_bytes: int | None = None) -> None:
        self._lines = text_lines(stream, max_bytes)
        self.number = 0
        self.problems: list[str] = []

    def __iter__(self) -> CsvLines:
        return self

    def __next__(self) -> str:
        number, line = next(self._lines)
        if isinstance(line, LineProblem):
            if line.kind == "damaged":
                raise ValidationError.at("$", line.message, line.code)
            self.number = number
            self.problems.append(line.message_with_line)
            return line.text
        self.number = number
        return line


def csv_rows(
    lines: CsvLines, reader: Iterator[list[str]], invalid: str
) -> Iterator[tuple[int, list[str] | tuple[ErrorDetail, ...]]]:
    r"""Yield each row of ``reader``, a `csv.reader` over ``lines``, with its first line's number.

    A row that cannot be read comes with its problems in place of its cells: the lines of
    it that could not be read, or what `csv` finds wrong, after ``invalid``. Damaged
    compressed data is the last row, since nothing after it can be read.

    >>> import csv, io
    >>> lines = CsvLines(io.BytesIO(b'a,b\r\n"c\r\nd",\xff\r\ne'))
    >>> for number, row in csv_rows(lines, csv.reader(lines), "invalid CSV"):
    ...     print(number, row if isinstance(row, list) else row[0].message)
    1 ['a', 'b']
    2 invalid UTF-8 at byte 3 of line 3
    4 ['e']
    """
    while True:
        start = lines.number + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except ValidationError as e:
            yield start, e.errors
            return
        except csv.Error as e:
            lines.problems.clear()
            yield start, (ErrorDetail("$", f"{invalid}: {e}", ErrorCode.BAD_FILE),)
            continue
        if lines.problems:
            details = tuple(ErrorDetail("$", m, ErrorCode.BAD_FILE) for m in lines.problems)
            lines.problems.clear()
            yield start, details
            continue
        yield start, cells


def decode_document(data: bytes) -> str:
    r"""Return a whole document as text, without its byte-order mark; raise if not UTF-8.

    Raises `ValidationError` (path ``$``) saying where the first invalid byte is, counted
    after the byte-order mark.

    >>> decode_document(BOM + b'{"a": 1}')
    '{"a": 1}'
    >>> decode_document(b"caf\xe9")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: invalid UTF-8 at byte 3
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValidationError.at(
            "$", f"invalid UTF-8 at byte {e.start}", ErrorCode.BAD_FILE
        ) from None
