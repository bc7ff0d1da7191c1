r"""Reading and writing event files: JSON documents, JSON Lines and CSV.

Each reader takes a path, ``"-"`` (standard input) or a file object; a ``.gz`` path is
gunzipped. Each returns a `Reader`, an iterator of events that reads lazily, so a JSON
Lines or CSV file larger than memory streams through in constant memory.

With ``errors="raise"`` (the default) the first bad record raises a `RecordError` (a
`ValidationError` that knows its file and line). With ``errors="collect"`` every good record
is still returned and every bad one lands in ``reader.problems`` as a `BadRecord`:

>>> import io
>>> lines = io.BytesIO(b'{"type": "summit", "id": "s"}\n\n'
...                    b'{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
...                    b' "visitor": {"type": "country", "code": "KOR"}}\n')
>>> with read_jsonl(lines, errors="collect") as reader:
...     events = list(reader)
>>> [event.id for event in events]
['v']
>>> for bad in reader.problems:
...     print(bad)
<stream>:1: $.date: required field missing
<stream>:1: $.participants: required field missing

Writers take an iterable of events and a path, ``"-"`` (standard output) or a file object.
A path is written atomically: to a temporary file beside it, flushed, fsynced and moved
over the target, so a failure midway leaves the old file whole.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import reprlib
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Literal, TypeAlias

import attrs

from diplomev import _csv
from diplomev._csvrows import CsvRows
from diplomev._files import Target, name_of, open_for_reading, open_for_writing
from diplomev._jsonstream import document_values
from diplomev._jsontext import dump_json, parse_json
from diplomev._lines import LineProblem, byte_lines
from diplomev.codec import FORMAT_VERSION, dumps, from_dict, loads, to_dict
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError
from diplomev.records import Event

__all__ = [
    "DEFAULT_MAX_LINE_BYTES",
    "MAX_PROBLEMS",
    "BadRecord",
    "Reader",
    "RecordError",
    "read_csv",
    "read_json",
    "read_jsonl",
    "write_csv",
    "write_json",
    "write_jsonl",
]

ErrorMode: TypeAlias = Literal["raise", "collect"]

#: Lines (or CSV rows, or events of a JSON document) longer than this are reported, not
#: loaded: 16 MiB.
DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024

#: How many bad records a `Reader` keeps in ``problems``; ``bad`` counts them all.
MAX_PROBLEMS = 1000


@attrs.frozen
class BadRecord:
    """A record that could not be read: its file, its line if it has one, every problem.

    >>> bad = BadRecord("events.jsonl", 7, (ErrorDetail("$.id", "required field missing"),))
    >>> print(bad)
    events.jsonl:7: $.id: required field missing
    """

    source: str
    line: int | None
    errors: tuple[ErrorDetail, ...]

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return "\n".join(f"{where}: {detail}" for detail in self.errors)


class RecordError(ValidationError):
    """A bad record met by a reader in ``errors="raise"`` mode; ``.bad`` says where it was.

    >>> import io
    >>> try:
    ...     list(read_jsonl(io.BytesIO(b'{"type": "summit"'), errors="raise"))
    ... except RecordError as e:
    ...     print(e.bad.line, e.paths)
    1 ('$',)
    """

    bad: BadRecord

    def __init__(self, bad: BadRecord) -> None:
        super().__init__(bad.errors)
        self.bad = bad

    def __str__(self) -> str:
        return str(self.bad)

    def __reduce__(self) -> tuple[type[RecordError], tuple[BadRecord]]:  # type: ignore[override]
        return (type(self), (self.bad,))


_Item: TypeAlias = "Event | BadRecord"


class Reader(Iterator[Event]):
    r"""The events of a file, read lazily; ``problems`` lists the first bad records met.

    Use it as a context manager (or exhaust it) so the file is closed. In ``collect`` mode
    ``problems`` keeps the first `MAX_PROBLEMS` bad records and ``bad`` counts them all,
    so ``count + bad`` is the number of records read (non-blank lines or rows, or values
    of a document's ``events``); set ``on_problem`` to a function to be handed each bad
    record as it is met, kept or not (``diplomev validate`` prints them so).

    >>> import io
    >>> reader = read_jsonl(io.BytesIO(b"1\n2\n"), errors="collect")
    >>> reader.on_problem = lambda bad: print("met", bad.line)
    >>> list(reader), len(reader.problems), reader.count, reader.bad
    met 1
    met 2
    ([], 2, 0, 2)
    """

    def __init__(self, items: Iterator[_Item], errors: ErrorMode) -> None:
        if errors not in ("raise", "collect"):
            raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
        self._items = items
        self._errors = errors
        #: The first `MAX_PROBLEMS` bad records met so far (in ``collect`` mode).
        self.problems: list[BadRecord] = []
        #: How many good records have been returned so far.
        self.count = 0
        #: How many bad records have been met so far, kept in ``problems`` or not.
        self.bad = 0
        #: Called with each bad record as it is met (in ``collect`` mode), if set.
        self.on_problem: Callable[[BadRecord], object] | None = None

    def __iter__(self) -> Reader:
        return self

    def __next__(self) -> Event:
        for item in self._items:
            if isinstance(item, BadRecord):
                if self._errors == "raise":
                    self.close()
                    raise RecordError(item)
                self.bad += 1
                if len(self.problems) < MAX_PROBLEMS:
                    self.problems.append(item)
                if self.on_problem is not None:
                    self.on_problem(item)
                continue
            self.count += 1
            return item
        raise StopIteration

    def close(self) -> None:
        """Stop reading and close the file."""
        close = getattr(self._items, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


# --- JSON Lines -----------------------------------------------------------------------------


def read_jsonl(
    source: Target,
    *,
    errors: ErrorMode = "raise",
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
) -> Reader:
    r"""Read events from JSON Lines, one event per line; blank lines are skipped.

    A byte-order mark, CRLF endings and a last line without a newline are accepted;
    invalid UTF-8, invalid JSON, a truncated last line or a line longer than
    ``max_line_bytes`` (which is never loaded whole) are reported for their line.

    >>> import io
    >>> data = io.BytesIO(b'\xef\xbb\xbf{"type": "visit", "id": "v", "date": "2019",'
    ...                   b' "visitor": {"type": "country", "code": "KOR"}, "host": "CHN"}\r\n')
    >>> [event.id for event in read_jsonl(data)]
    ['v']
    """
    _check_limit("max_line_bytes", max_line_bytes)
    return Reader(_jsonl_items(source, max_line_bytes), errors)


def _check_limit(name: str, value: int) -> None:
    # A limit of nothing is a mistake in the calling program, not a property of the file.
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{name} must be a positive number of bytes, not {value!r}")


def _too_big(error: MemoryError) -> ErrorDetail:
    del error
    return ErrorDetail("$", "too large to read in the memory available", ErrorCode.TOO_LARGE)


def _jsonl_items(source: Target, max_line_bytes: int) -> Iterator[_Item]:
    name = name_of(source)
    with open_for_reading(source) as stream:
        # Lines stay bytes: the JSON parser decodes them, and says where UTF-8 is invalid.
        for number, line in byte_lines(stream, max_line_bytes, any_ending=True):
            if isinstance(line, LineProblem):  # too long, or damaged gzip data (the end)
                yield BadRecord(name, number, (ErrorDetail("$", line.message, line.code),))
                continue
            if not line.strip():
                continue
            yield jsonl_item(name, number, line)


def jsonl_item(name: str, number: int, line: bytes) -> _Item:
    """Return the event of one non-blank JSON Lines line, or its `BadRecord`.

    (`diplomev.arrow.read_jsonl_table` reads the lines pyarrow cannot with it.)
    """
    try:
        return loads(line)
    except MemoryError as e:
        return BadRecord(name, number, (_too_big(e),))
    except ValidationError as e:
        details = e.errors
        if not line.endswith((b"\n", b"\r")) and _is_json_syntax_error(e):
            details = tuple(
                ErrorDetail(d.path, f"the last line is incomplete: {d.message}", d.code)
                for d in details
            )
        return BadRecord(name, number, details)


def _is_json_syntax_error(error: ValidationError) -> bool:
    return any(d.path == "$" and d.message.startswith("invalid JSON") for d in error.errors)


def write_jsonl(events: Iterable[Event], target: Target) -> int:
    """Write events as JSON Lines (UTF-8, newline endings), atomically; return the count.

    >>> import io
    >>> from diplomev import loads
    >>> out = io.BytesIO()
    >>> event = loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...               ' "visitor": {"type": "country", "code": "KOR"}}')
    >>> write_jsonl([event], out)
    1
    >>> out.getvalue()[:30]
    b'{"type":"visit","id":"v","date'
    """
    count = 0
    checked = _checked(events)
    with open_for_writing(target) as stream:
        for event in checked:
            stream.write(dumps(event).encode("utf-8") + b"\n")
            count += 1
    return count


def _checked(events: Iterable[Event]) -> Iterator[Event]:
    """Check each item is an `Event`; the first before the caller opens the target.

    So that ``write_jsonl([1], path)`` says what is wrong (not the codec, deep inside) and,
    when the very first item is wrong, leaves even a target written in place untouched.
    """
    items = iter(events)
    first = list(itertools.islice(items, 1))
    if first and not isinstance(first[0], Event):
        raise _not_an_event(0, first[0])
    return _each_checked(itertools.chain(first, items))


def _each_checked(events: Iterator[Event]) -> Iterator[Event]:
    for position, event in enumerate(events):
        if not isinstance(event, Event):
            raise _not_an_event(position, event)
        yield event


def _not_an_event(position: int, value: object) -> TypeError:
    return TypeError(
        f"expected an Event at position {position}, got {type(value).__name__}: "
        f"{reprlib.repr(value)}"
    )


# --- JSON documents -------------------------------------------------------------------------


def read_json(
    source: Target,
    *,
    errors: ErrorMode = "raise",
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
) -> Reader:
    """Read a JSON document ``{"diplomev": "1", "events": [...]}``, one event at a time.

    The document streams: memory holds one chunk of the file and one event, however large
    the file (``docs/files.md``). Bad events follow ``errors``, with paths rooted at the
    document (``$.events[3].id``); an event longer than ``max_line_bytes`` (named as the
    other readers' limit, so that the readers are interchangeable) is skipped and reported,
    not loaded. What spoils the document around its events (not an object, no
    ``events`` array, another format version, an unknown key, invalid JSON between the
    events, a document cut short) raises a `RecordError` when it is met, in either mode:
    the events before it have been returned already.

    >>> import io
    >>> doc = io.BytesIO(b'{"diplomev": "1", "events": [{"type": "visit"}]}')
    >>> reader = read_json(doc, errors="collect")
    >>> list(reader), [d.path for d in reader.problems[0].errors]
    ([], ['$.events[0].id', '$.events[0].date', '$.events[0].visitor', '$.events[0].host'])
    """
    _check_limit("max_line_bytes", max_line_bytes)
    return Reader(_json_items(source, max_line_bytes), errors)


def _json_items(source: Target, max_event_bytes: int) -> Iterator[_Item]:
    name = name_of(source)
    with open_for_reading(source) as stream:
        try:
            for index, value in document_values(stream, max_event_bytes):
                if isinstance(value, ErrorDetail):  # too large or too deep: not parsed
                    yield BadRecord(name, None, (value,))
                    continue
                try:
                    event = from_dict(parse_json(value))
                except ValidationError as e:
                    yield BadRecord(name, None, e.within(f".events[{index}]").errors)
                    continue
                except MemoryError as e:
                    yield BadRecord(name, None, (_too_big(e).within(f".events[{index}]"),))
                    continue
                yield event
        except ValidationError as e:  # the document around the events, or damaged gzip data
            raise RecordError(BadRecord(name, None, e.errors)) from None


def write_json(events: Iterable[Event], target: Target, *, indent: int | None = None) -> int:
    r"""Write a JSON document ``{"diplomev": "1", "events": [...]}`` atomically; return the count.

    Events are written one at a time, so memory stays flat however many there are.

    >>> import io
    >>> out = io.BytesIO()
    >>> write_json([], out)
    0
    >>> out.getvalue()
    b'{"diplomev":"1","events":[]}\n'
    """
    count = 0
    separator = b"," if indent is None else b",\n"
    checked = _checked(events)
    with open_for_writing(target) as stream:
        stream.write(b'{"diplomev":"' + FORMAT_VERSION.encode() + b'","events":[')
        for event in checked:
            if count:
                stream.write(separator)
            elif indent is not None:
                stream.write(b"\n")
            data = to_dict(event)
            if indent is None:
                text = dump_json(data)
            else:
                text = json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ":"))
            stream.write(text.encode("utf-8"))
            count += 1
        stream.write(b"\n]}\n" if indent is not None and count else b"]}\n")
    return count


# --- CSV --------------------------------------------------------------------------------------


def read_csv(
    source: Target,
    *,
    errors: ErrorMode = "raise",
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
) -> Reader:
    """Read events from CSV written by `write_csv` (columns: see ``docs/format.md``).

    Rows are numbered by the line they start on. A header with unknown columns raises a
    `RecordError` at once; bad rows follow ``errors``.

    >>> import io
    >>> out = io.BytesIO()
    >>> from diplomev import loads
    >>> event = loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...               ' "visitor": {"type": "country", "code": "KOR"}}')
    >>> _ = write_csv([event], out)
    >>> list(read_csv(io.BytesIO(out.getvalue()))) == [event]
    True
    """
    _check_limit("max_line_bytes", max_line_bytes)
    return Reader(_csv_items(source, max_line_bytes), errors)


def _csv_items(source: Target, max_line_bytes: int) -> Iterator[_Item]:
    name = name_of(source)
    # The rows are read by CsvRows, not the csv module, whose cell limit is the whole
    # process's (csv.field_size_limit): here the limit is max_line_bytes, for this file.
    with open_for_reading(source) as stream:
        rows = CsvRows(stream, max_line_bytes)
        first = next(rows, None)
        if first is None:
            return
        if isinstance(first[1], tuple):  # a header too long, not UTF-8, or not CSV
            raise RecordError(BadRecord(name, first[0], first[1]))
        header = first[1]
        _check_header(name, header)
        rows.width = len(header)
        for start, cells in rows:
            if isinstance(cells, tuple):
                yield BadRecord(name, start, cells)
                continue
            if not any(cells):
                continue
            if len(cells) != len(header):
                message = f"expected {len(header)} cells, got {len(cells)}"
                yield BadRecord(name, start, (ErrorDetail("$", message, ErrorCode.BAD_FILE),))
                continue
            try:
                event = from_dict(_csv.from_row(dict(zip(header, cells, strict=True))))
            except ValidationError as e:
                yield BadRecord(name, start, e.errors)
                continue
            except MemoryError as e:
                yield BadRecord(name, start, (_too_big(e),))
                continue
            yield event


def _check_header(name: str, header: list[str]) -> None:
    known = set(_csv.columns())
    unknown = [column for column in header if column not in known]
    missing = [column for column in ("id", "type", "date") if column not in header]
    problems = []
    if unknown:
        shown = ", ".join(repr(column[:40]) for column in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        noun = "column" if len(unknown) == 1 else "columns"
        problems.append(ErrorDetail("$", f"unknown {noun} {shown}{more}", ErrorCode.BAD_FILE))
    problems += [
        ErrorDetail("$", f"missing column {column!r}", ErrorCode.BAD_FILE) for column in missing
    ]
    if len(set(header)) != len(header):
        problems.append(ErrorDetail("$", "a column name appears twice", ErrorCode.BAD_FILE))
    if problems:
        raise RecordError(BadRecord(name, 1, tuple(problems)))


def write_csv(events: Iterable[Event], target: Target) -> int:
    """Write events as CSV, one row per event, atomically; return the count.

    >>> import io
    >>> out = io.BytesIO()
    >>> write_csv([], out)
    0
    >>> out.getvalue().decode().split(",")[:5]
    ['id', 'type', 'date', 'status', 'summary']
    """
    header = _csv.columns()
    count = 0
    checked = _checked(events)
    with open_for_writing(target) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        try:
            writer = csv.DictWriter(text, fieldnames=header, lineterminator="\r\n")
            writer.writeheader()
            for event in checked:
                writer.writerow(_csv.to_row(event))
                count += 1
            text.flush()
        finally:
            text.detach()
    return count
