r"""The rows of a CSV file (RFC 4180), found and checked line by line by this module.

The `csv` module keeps its cell-size limit for the whole process (`csv.field_size_limit`),
so a reader that needs longer cells would have to change it for everyone; and a quote
opened by mistake in a row's last cell makes it swallow the rows after it. `CsvRows` finds
the rows itself (a row known good is then split by `csv`, when it is within the limit,
which is read, never set):

- lines end with ``\n``, ``\r\n`` or a lone ``\r`` (`diplomev._lines.text_lines` with
  ``any_ending``), and each line is capped at ``max_bytes``, as is a row over several
  lines (a quoted cell may hold line breaks, kept exactly as they were);
- cells are separated by ``,``; a cell is quoted with ``"`` (a ``"`` inside doubled), and a
  ``"`` in an unquoted cell, or anything but ``,`` after a closing quote, is an error;
- a quote that is never closed (by the end of the file or within ``max_bytes``), and a row
  over several lines that cannot be read or has not ``width`` cells, is reported on the
  line where it starts, saying where its quote opened, and the lines after that one are
  read again as rows, so a runaway quote costs its own row only.

>>> import io
>>> rows = CsvRows(io.BytesIO(b'a,b\ra,"x\r\ny"\rc,"oops\rd,e\r'), 1024)
>>> rows.width = 2
>>> for number, row in rows:
...     print(number, row if isinstance(row, list) else row[0].message[:34])
1 ['a', 'b']
2 ['a', 'x\r\ny']
4 a quote opened on line 4 is not cl
5 ['d', 'e']
"""

from __future__ import annotations

import collections
import csv
import re
from collections.abc import Iterator
from typing import IO, TypeAlias

from diplomev._lines import LineProblem, text_lines
from diplomev.errors import ErrorCode, ErrorDetail

__all__ = ["CsvRows"]

Row: TypeAlias = "list[str] | tuple[ErrorDetail, ...]"
_Line: TypeAlias = "tuple[int, str | LineProblem]"

# One cell: quoted (with "" for a quote), or plain text without quote, comma or line break.
_CELL = re.compile(r'"([^"]*(?:""[^"]*)*)"|([^,"\r\n]*)')


def _strip_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith(("\n", "\r")):
        return line[:-1]
    return line


def _bad(message: str) -> tuple[ErrorDetail, ...]:
    return (ErrorDetail("$", message, ErrorCode.BAD_FILE),)


_QUOTED = r'"[^"]*(?:""[^"]*)*"'
_PLAIN = r'[^,"\r\n]*'
_ROW = re.compile(rf"(?:{_QUOTED}|{_PLAIN})(?:,(?:{_QUOTED}|{_PLAIN}))*")
_CELLS = re.compile(rf'(?:^|,)(?:"([^"]*(?:""[^"]*)*)"|({_PLAIN}))')


def parse_row(text: str) -> list[str] | str:
    r"""Split the text of one row (without its ending) into cells, or say what is wrong.

    >>> parse_row('a,"b ""c"" d",')
    ['a', 'b "c" d', '']
    >>> parse_row('a,b"c')
    'a quote inside an unquoted cell, at character 4'
    """
    if _ROW.fullmatch(text):
        if 0 < len(text) < csv.field_size_limit():  # read, never set: it is the process's
            # A row known good is split fastest by the csv module, in C.
            return next(csv.reader((text,), strict=True))
        return [
            quoted.replace('""', '"') if '"' in quoted else quoted or plain
            for quoted, plain in _CELLS.findall(text)
        ]
    return _what_is_wrong(text)


def _what_is_wrong(text: str) -> list[str] | str:
    cells: list[str] = []
    position, end = 0, len(text)
    while True:
        found = _CELL.match(text, position)
        assert found is not None  # the plain alternative matches the empty string
        quoted, plain = found.groups()
        cells.append(quoted.replace('""', '"') if quoted is not None else plain)
        position = found.end()
        if position == end:
            return cells
        if text[position] != ",":
            what = text[position]
            if quoted is not None:
                return f"{what!r} after a closing quote, at character {position + 1}"
            if what == '"':
                return f"a quote inside an unquoted cell, at character {position + 1}"
            return f"a line break outside quotes, at character {position + 1}"
        position += 1


class CsvRows(Iterator[tuple[int, Row]]):
    """``(number of the row's first line, cells or problems)`` for each row of a CSV stream.

    Set ``width`` (the header's number of cells) once the header is read: a row over
    several lines with another number of cells is taken for a runaway quote.
    """

    def __init__(self, stream: IO[bytes], max_bytes: int) -> None:
        self._lines = text_lines(stream, max_bytes, any_ending=True)
        self._again: collections.deque[_Line] = collections.deque()
        self._max_bytes = max_bytes
        self._done = False
        self.width: int | None = None

    def __iter__(self) -> CsvRows:
        return self

    def _next_line(self) -> _Line | None:
        if self._again:
            return self._again.popleft()
        return next(self._lines, None)

    def __next__(self) -> tuple[int, Row]:
        if self._done:
            raise StopIteration
        item = self._next_line()
        if item is None:
            raise StopIteration
        number, line = item
        if isinstance(line, LineProblem):
            self._done = line.kind == "damaged"
            return number, (ErrorDetail("$", line.message_with_line, line.code),)
        if '"' not in line:  # the common row: no quoted cell
            return number, _strip_ending(line).split(",")
        return self._quoted(number, line)

    def _quoted(self, number: int, line: str) -> tuple[int, Row]:
        taken: list[_Line] = [(number, line)]
        texts = [line]
        problems: list[str] = []
        quotes, size = line.count('"'), len(line.encode("utf-8", "surrogatepass"))
        while quotes % 2 and size <= self._max_bytes:
            item = self._next_line()
            if item is None:
                break
            taken.append(item)
            part = item[1]
            if isinstance(part, LineProblem):
                if part.kind == "damaged":
                    self._done = True
                    return number, (ErrorDetail("$", part.message, part.code),)
                problems.append(part.message_with_line)
                part = part.text
            texts.append(part)
            quotes += part.count('"')
            size += len(part.encode("utf-8", "surrogatepass"))
        if quotes % 2:
            why = (
                "by the end of the file"
                if size <= self._max_bytes
                else (f"within {self._max_bytes} bytes")
            )
            return self._runaway(
                number, taken, f"a quote opened on line {number} is not closed {why}"
            )
        cells = parse_row(_strip_ending("".join(texts)))
        last = taken[-1][0]
        if len(taken) > 1 and (
            isinstance(cells, str) or (self.width is not None and len(cells) != self.width)
        ):
            what = (
                cells
                if isinstance(cells, str)
                else (f"expected {self.width} cells, got {len(cells)}")
            )
            return self._runaway(
                number, taken, f"{what}: a quote opened on line {number} runs to line {last}"
            )
        if isinstance(cells, str):
            return number, _bad(cells)
        if problems:
            return number, tuple(ErrorDetail("$", m, ErrorCode.BAD_FILE) for m in problems)
        return number, cells

    def _runaway(self, number: int, taken: list[_Line], message: str) -> tuple[int, Row]:
        # The row is its first line only; the lines it swallowed are read again as rows.
        self._again.extendleft(reversed(taken[1:]))
        return number, _bad(f"{message}; the lines after line {number} are read as rows")
