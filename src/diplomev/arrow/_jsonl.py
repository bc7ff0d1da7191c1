"""JSON Lines straight to a validated table: pyarrow's JSON reader, the record path for the rest.

`diplomev.io.read_jsonl` builds a record of every line in Python. Here the lines are read
a batch at a time by pyarrow's JSON reader with the wire's own schema (`wire_schema`), its
columns moved into `arrow_schema`'s layout and checked by `validate_table`: most lines
never become Python objects. A line goes to the record path instead, read as
`read_jsonl` reads it, whenever the columns could not tell its verdict exactly:

- lines the JSON reader refuses (a key no kind has, a number where text goes, bad UTF-8,
  bad JSON): a batch that fails is halved until the lines at fault are found;
- lines of invalid UTF-8, which pyarrow's reader lets through;
- lines with a ``null`` (the columns cannot tell it from a key left out), found by a
  search of the batch's text (a line with ``x_`` keys is parsed, its custom fields put in
  the extensions column as `to_table` writes them, the rest given to pyarrow);
- numbers the record path may refuse where pyarrow reads them (``NaN``, ``1e-400`` read
  as 0.0): a row with a number that is 0 or not finite;
- rows the move to the wide layout cannot vouch for (a key of another kind), and rows
  `validate_table` refuses: their problems are read from their own line, so each bad line
  is reported with the problems and line number `read_jsonl(errors="collect")` gives.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.json as pj

from diplomev._files import Target, name_of, open_for_reading
from diplomev._json import freeze_json, thaw_json
from diplomev._jsontext import dump_json, parse_json
from diplomev._lines import LineProblem, byte_lines
from diplomev.arrow._rows import DEFAULT_BATCH_ROWS, to_table
from diplomev.arrow._schema import arrow_schema
from diplomev.arrow._validate import TableValidation, validate_table
from diplomev.arrow._wire import wide_columns, wire_schema
from diplomev.errors import ErrorDetail, ValidationError
from diplomev.io import DEFAULT_MAX_LINE_BYTES, BadRecord, jsonl_item
from diplomev.model.shapes import is_extension_key

__all__ = ["read_jsonl_table"]

# What the columns would read otherwise than the record path: a null (the columns cannot
# tell it from a key left out), and x_ keys (parsed, and taken out of the text pyarrow
# reads). Found in the text of the batch by bytes.find, ten times faster than a regular
# expression; one inside a string costs its line the record path, nothing more. (Numbers that pyarrow reads otherwise, NaN or 1e-400 as 0.0,
# are found in the columns: see `diplomev.arrow._wire`.)
_SUSPECT = (b"null", b'"x_')
# Batches that fail to parse are halved down to this many lines, read then one by one.
_SMALLEST = 8


def read_jsonl_table(
    source: Target,
    *,
    batch_rows: int = DEFAULT_BATCH_ROWS,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
) -> TableValidation:
    r"""Read a JSON Lines file of events into one validated table of `arrow_schema`.

    Returns a `TableValidation`: ``good`` the table of the valid events in the file's
    order (what `to_table` gives for the events `diplomev.io.read_jsonl` reads), ``bad``
    a `diplomev.io.BadRecord` per bad line with its line number and the problems
    ``read_jsonl(errors="collect")`` reports, ``rows`` the non-blank lines, and
    ``rechecked`` the lines that took the record path. Most lines are read and checked
    by pyarrow's JSON reader and `validate_table`, ``batch_rows`` at a time; see
    ``docs/at-scale.md`` for the lines that are not.

    >>> import io
    >>> lines = io.BytesIO(b'{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...                    b' "visitor": {"type": "country", "code": "KOR"}}\n'
    ...                    b'\n{"type": "visit", "id": "w", "date": "2019", "host": "China",'
    ...                    b' "visitor": {"type": "country", "code": "KOR"}}\n')
    >>> result = read_jsonl_table(lines)
    >>> result.good.column("id").to_pylist(), result.rows
    (['v'], 2)
    >>> print(result.bad[0])
    <stream>:3: $.host: unknown country code 'China' (resolve_country('China') reads it as 'CHN')
    """
    if isinstance(batch_rows, bool) or not isinstance(batch_rows, int) or batch_rows < 1:
        raise ValueError(f"batch_rows must be at least 1, not {batch_rows!r}")
    name = name_of(source)
    goods: list[tuple[pa.Table, np.ndarray[Any, Any]]] = []
    bad: list[BadRecord] = []
    rows = rechecked = 0
    with open_for_reading(source) as stream:
        for batch in _line_batches(stream, max_line_bytes, batch_rows, name, bad):
            rows += len(batch) + batch.problems
            part = _Batch(name, batch.lines, batch.numbers)
            part.run()
            goods.extend(part.goods)
            bad.extend(part.bad)
            rechecked += part.rechecked
    bad.sort(key=lambda item: item.line or 0)
    return TableValidation(_in_line_order(goods), tuple(bad), rows, rechecked)


class _Lines:
    """A batch of numbered non-blank lines, and how many lines before it could not be read."""

    def __init__(self) -> None:
        self.lines: list[bytes] = []
        self.numbers: list[int] = []
        self.problems = 0

    def __len__(self) -> int:
        return len(self.lines)


def _line_batches(
    stream: Any, max_line_bytes: int, batch_rows: int, name: str, bad: list[BadRecord]
) -> Iterator[_Lines]:
    batch = _Lines()
    for number, line in byte_lines(stream, max_line_bytes, any_ending=True):
        if isinstance(line, LineProblem):  # too long, or damaged gzip data
            bad.append(BadRecord(name, number, (ErrorDetail("$", line.message, line.code),)))
            batch.problems += 1
            continue
        if not line.strip():
            continue
        batch.lines.append(line)
        batch.numbers.append(number)
        if len(batch) >= batch_rows:
            yield batch
            batch = _Lines()
    if len(batch) or batch.problems:
        yield batch


class _Batch:
    """One batch of lines on its way to a validated table."""

    def __init__(self, name: str, lines: list[bytes], numbers: list[int]) -> None:
        self.name = name
        self.lines = lines
        self.numbers = numbers
        self.goods: list[tuple[pa.Table, np.ndarray[Any, Any]]] = []
        self.bad: list[BadRecord] = []
        self.rechecked = 0
        self.slow: list[int] = []  # indices into lines, for the record path
        # What pyarrow reads of each line: without its ending, and without its x_ keys,
        # which go to the extensions column (by index) instead.
        self.texts = [line.rstrip(b"\r\n") for line in lines]
        self.extensions: dict[int, str] = {}

    def run(self) -> None:
        fast = self._screen()
        for indices, wire in self._parsed(fast):
            self._columns(indices, wire)
        self._record_path()

    def _screen(self) -> list[int]:
        """Send the lines with a suspect token to the record path; return the others."""
        # Lines end where pyarrow's reader wants them to; a last line without an ending gets
        # one (a line that is incomplete JSON fails to parse and goes to the record path).
        text = b"\n".join(self.texts)
        starts = []
        position = 0
        for line in self.texts:
            starts.append(position)
            position += len(line) + 1
        suspect = set()
        try:
            text.decode("utf-8")
        except UnicodeDecodeError:
            # pyarrow's reader lets invalid UTF-8 through: its lines take the record path,
            # which reports where the bytes go wrong.
            for index, line in enumerate(self.lines):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError:
                    suspect.add(index)
        found_in = {token: _lines_with(text, token, starts) for token in _SUSPECT}
        suspect |= found_in[b"null"]
        for index in sorted(found_in[b'"x_'] - suspect):
            if not self._split_extensions(index):
                suspect.add(index)
        self.slow.extend(sorted(suspect))
        return [index for index in range(len(self.lines)) if index not in suspect]

    def _split_extensions(self, index: int) -> bool:
        """Take a line's ``x_`` keys out of the text pyarrow reads; False if it cannot."""
        try:
            value = parse_json(self.texts[index])
            if type(value) is not dict:
                return False
            custom = {key: item for key, item in value.items() if is_extension_key(key)}
            if custom:
                # As to_table writes them: the record's frozen x_ fields, thawed and dumped.
                self.extensions[index] = dump_json(thaw_json(freeze_json(custom)))
                rest = {key: item for key, item in value.items() if key not in custom}
                self.texts[index] = dump_json(rest).encode()
        except ValidationError:
            return False
        return True

    def _parsed(self, indices: list[int]) -> Iterator[tuple[list[int], pa.Table]]:
        """Parse the lines with pyarrow, halving a failed batch down to the lines at fault."""
        if not indices:
            return
        stack = [indices]
        while stack:
            part = stack.pop()
            text = b"\n".join(self.texts[i] for i in part)
            try:
                wire = _read_json(text, max(len(self.texts[i]) for i in part))
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
                if len(part) <= _SMALLEST:
                    self.slow.extend(part)
                else:
                    middle = len(part) // 2
                    stack += [part[middle:], part[:middle]]
                continue
            if wire.num_rows != len(part):  # not one row per line: read them one by one
                self.slow.extend(part)
                continue
            yield part, wire

    def _columns(self, indices: list[int], wire: pa.Table) -> None:
        table, doubt = wide_columns(wire)
        if self.extensions:
            custom = pa.array([self.extensions.get(i) for i in indices], pa.string())
            table = table.append_column("extensions", custom)
        where = np.asarray(indices)
        self.slow.extend(where[doubt].tolist())
        keep = np.flatnonzero(~doubt)
        if not len(keep):
            return
        if len(keep) < len(indices):
            table = table.take(pa.array(keep))
        result = validate_table(table, name=self.name)
        refused = np.zeros(len(keep), dtype=bool)
        for item in result.bad:
            assert item.line is not None
            refused[item.line - 1] = True
        self.rechecked += result.rechecked - len(result.bad)
        # A refused row's problems are read from its own line: the columns cannot tell a
        # line's [] or {} from a key left out, and the problems must be the line's.
        self.slow.extend(where[keep[refused]].tolist())
        numbers = np.asarray(self.numbers)[where[keep[~refused]]]
        self.goods.append((result.good, numbers))

    def _record_path(self) -> None:
        if not self.slow:
            return
        self.slow.sort()
        self.rechecked += len(self.slow)
        records, numbers = [], []
        for index in self.slow:
            number = self.numbers[index]
            item = jsonl_item(self.name, number, self.lines[index])
            if isinstance(item, BadRecord):
                self.bad.append(item)
            else:
                records.append(item)
                numbers.append(number)
        if records:
            self.goods.append((to_table(records), np.asarray(numbers)))


def _lines_with(text: bytes, token: bytes, starts: list[int]) -> set[int]:
    """Return the indices of the lines (starting at ``starts`` in ``text``) holding ``token``."""
    lines = set()
    found = text.find(token)
    while found >= 0:
        at = bisect.bisect_right(starts, found) - 1
        lines.add(at)
        following = starts[at + 1] if at + 1 < len(starts) else len(text)
        found = text.find(token, following)
    return lines


def _read_json(text: bytes, longest: int) -> pa.Table:
    options = pj.ParseOptions(explicit_schema=wire_schema(), unexpected_field_behavior="error")
    # Blocks of 1 MiB are parsed on pyarrow's threads; a line must fit in one block.
    read = pj.ReadOptions(block_size=max(longest + 1, 1 << 20))
    return pj.read_json(pa.BufferReader(text), read_options=read, parse_options=options)


def _in_line_order(goods: list[tuple[pa.Table, np.ndarray[Any, Any]]]) -> pa.Table:
    schema = arrow_schema()
    goods = [(table, numbers) for table, numbers in goods if table.num_rows]
    if not goods:
        return schema.empty_table()
    table = pa.concat_tables([table for table, _ in goods])
    numbers = np.concatenate([numbers for _, numbers in goods])
    order = np.argsort(numbers, kind="stable")
    if (order == np.arange(len(order))).all():
        return table
    return table.take(pa.array(order))
