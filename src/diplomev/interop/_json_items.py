r"""The JSON values of a file, one by one, resynchronising after a bad one: `json_items`.

The foreign JSON files diplomev imports (PLOVER drafts, ICEWS-to-JSON output) come in
many shapes: JSON Lines, a JSON array of records, pretty-printed records one after
another, or one object keyed by id; drafts written by hand have trailing commas. Each
record of any of these is one *item*. `json_items` reads a binary stream line by line
(never the whole file) and yields every item with the line it starts on, or the problem
that spoils it, and reading goes on after it:

- a line that holds a whole item (JSON Lines, or one record per line of an array) is
  parsed at once; other items are found by their brackets, outside strings (a JSON
  string never spans lines, so an unclosed quote spoils its line only);
- a record that is not closed is ended where the next one visibly starts (a ``{`` that
  valid JSON could not have there); one that is never closed is reported, and the
  reader's report says the input is incomplete from its line;
- trailing commas are accepted; an item nested deeper than `MAX_DEPTH` levels, or larger
  than `MAX_ITEM_CHARS`, is refused without being parsed.

Time is linear in the size of the input; memory is bounded by the largest item.

>>> import io
>>> data = b'[\n{"id": "a", "n": 1,},\n{"id": "b" "n": 2},\n{"id": "c"}\n]\n'
>>> for item in json_items(io.BytesIO(data)):
...     print(item.line, item.value if item.problems is None else item.problems[0].message)
2 {'id': 'a', 'n': 1}
3 invalid JSON at line 3, column 12: Expecting ',' delimiter
4 {'id': 'c'}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import IO, Any

import attrs

from diplomev._json import MAX_DEPTH
from diplomev._jsontext import parse_json
from diplomev._lines import LineProblem, byte_lines
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError

__all__ = ["MAX_DEPTH", "MAX_ITEM_CHARS", "JsonItem", "json_items"]

#: An item larger than this (in characters) is refused unread: 16 Mi characters.
MAX_ITEM_CHARS = 16 * 1024 * 1024

# Strings whole (an unclosed one is a lone quote), brackets and separators, scalar runs.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|"')
_POSITION = re.compile(r"invalid JSON at (?:line (\d+), )?column (\d+): (.*)", re.S)


@attrs.frozen(slots=True)
class JsonItem:
    """One item of a JSON file: its first line, its value or its problems, its key.

    ``key`` is the member name of an item of an object keyed by id, else None;
    ``problems`` is None for an item that was read. ``unread`` is true for an item whose
    end was never found (the file stops inside it): nothing after its line was read.

    >>> JsonItem(3, {"id": "a"}).problems is None
    True
    """

    line: int
    value: Any = None
    problems: tuple[ErrorDetail, ...] | None = None
    key: str | None = None
    unread: bool = False


def _detail(message: str, code: str = ErrorCode.INVALID_JSON) -> tuple[ErrorDetail, ...]:
    return (ErrorDetail("$", message, code),)


def _container_key(value: Any, is_field: Callable[[str], bool]) -> bool:
    """Tell whether a parsed object is a container keyed by id rather than one record."""
    if not isinstance(value, dict) or not value:
        return False
    key, first = next(iter(value.items()))
    return isinstance(first, dict) and not is_field(key)


class _Item:
    """An item being read: where it started, its text so far, its nesting."""

    __slots__ = ("column", "comma", "depth", "first_key", "key", "last", "line", "parts",
                 "problem", "rich", "size", "stack")  # fmt: skip

    def __init__(self, line: int, key: str | None, bracket: str, column: int) -> None:
        self.line = line
        self.column = column
        self.rich = False  # its first line holds more than its opening bracket
        self.key = key
        self.parts: list[str] = []
        self.size = 0
        self.stack = [bracket]  # the open brackets, up to MAX_DEPTH + 1 of them
        self.depth = 1
        self.last = bracket  # the last token: a bracket, ":" or ",", or "v" for a value
        self.problem: tuple[ErrorDetail, ...] | None = None
        # The last comma: (line, offset in that line's text) then (part, offset in it).
        self.comma: tuple[bool, int, int] | None = None
        self.first_key: str | None = None  # a top-level object's first member name

    def add(self, text: str, number: int, offset: int) -> None:
        """Keep the text of one line (from ``offset`` in it) as the item's next part."""
        if self.comma is not None and self.comma[0] and self.comma[1] == number:
            self.comma = (False, len(self.parts), self.comma[2] - offset)
        if self.problem is not None and self.problem[0].code == ErrorCode.TOO_LARGE:
            return
        self.size += len(text)
        if self.size > MAX_ITEM_CHARS:
            self.parts.clear()
            message = f"a value larger than {MAX_ITEM_CHARS} characters; not read"
            self.problem = _detail(message, ErrorCode.TOO_LARGE)
            return
        self.parts.append(text)

    def blank_comma(self, number: int, text: str) -> str:
        """Drop the trailing comma before a closing bracket; return the line's text."""
        assert self.comma is not None
        on_line, where, offset = self.comma
        self.comma = None
        if on_line:
            return text[:offset] + " " + text[offset + 1 :]
        if where < len(self.parts):
            part = self.parts[where]
            self.parts[where] = part[:offset] + " " + part[offset + 1 :]
        return text

    def spoil(self, problem: tuple[ErrorDetail, ...]) -> None:
        if self.problem is None:
            self.problem = problem


class _Scanner:
    """The state of `json_items` between lines: the container, the item being read."""

    def __init__(self, is_field: Callable[[str], bool]) -> None:
        self.is_field = is_field
        self.container: str | None = None  # "[" or "{" (keyed by id) at the top
        self.container_line = 0
        self.key: str | None = None  # a keyed container's member name, before its value
        self.expect_value = False  # a keyed container's ":" was met
        self.item: _Item | None = None
        # True while every item so far stood on its own line (JSON Lines): an item that
        # is still open when a line starts with "{" was then never closed.
        self.lines_mode = False

    # --- whole lines ------------------------------------------------------------------

    def fast(self, number: int, text: str) -> list[JsonItem] | None:
        """Items of a line that holds whole items only, or None to scan it token by token."""
        if self.key is not None or self.container == "{":
            return None
        stripped = text.strip().rstrip(",").rstrip()
        if len(stripped) < 2 or stripped[0] not in "{[":
            return None
        if self.item is not None and not (self.lines_mode and stripped[0] == "{"):
            return None
        if stripped[-1] != ("}" if stripped[0] == "{" else "]"):
            return None
        if stripped.count("{") + stripped.count("[") > MAX_DEPTH:
            return None  # the scanner counts the depth exactly
        try:
            value = parse_json(stripped)
        except ValidationError:
            return None
        items = [] if self.item is None else [self.finish(self.item, closed=False)]
        self.lines_mode = True
        if self.container is None and isinstance(value, list):
            return [*items, *(JsonItem(number, entry) for entry in value)]
        if self.container is None and _container_key(value, self.is_field):
            return [*items, *(JsonItem(number, v, key=k) for k, v in value.items())]
        return [*items, JsonItem(number, value)]

    # --- tokens -----------------------------------------------------------------------

    def line(
        self, number: int, text: str, problem: tuple[ErrorDetail, ...] | None
    ) -> Iterator[JsonItem]:
        """Yield the items that end on this line; keep the one left open."""
        if problem is not None:
            if self.item is None:
                yield JsonItem(number, problems=problem)
                return
            self.item.spoil(problem)
        if self.item is not None and self.lines_mode and text.lstrip()[:1] == "{":
            yield self.finish(self.item, closed=False)
        start = 0  # where the open item's text on this line starts
        for match in _TOKEN.finditer(text):
            token = match.group()
            item = self.item
            if item is None:
                yield from self.between(number, match)
                start = match.start()
                continue
            if token == '"':
                item.spoil(_detail(f"invalid JSON: an unclosed string on line {number}"))
                break  # the rest of the line is in that string
            if token == "{" and (
                not self._may_open(item) or self._starts_anew(item, text, match.start())
            ):
                # Valid JSON has no "{" here: the item was never closed; a new one starts.
                item.add(text[start : match.start()], number, start)
                yield self.finish(item, closed=False)
                yield from self.between(number, match)
                start = match.start()
                continue
            if token in ("{", "["):
                if (
                    token == "{" and item.depth == 1 and item.first_key is not None
                    and self.container is None and item.key is None
                ):  # fmt: skip
                    # The first member of a top-level object holds an object, and its
                    # name is no field of a record: records keyed by id.
                    self.container, self.container_line = "{", item.line
                    self.item = _Item(number, item.first_key, "{", match.start())
                    start = match.start()
                    continue
                item.depth += 1
                if len(item.stack) <= MAX_DEPTH:
                    item.stack.append(token)
                if item.depth > MAX_DEPTH:
                    message = f"nested deeper than {MAX_DEPTH} levels"
                    item.spoil(_detail(message, ErrorCode.TOO_DEEP))
            elif token in ("}", "]"):
                if item.last == "," and item.comma is not None:
                    text = item.blank_comma(number, text)
                item.depth -= 1
                if item.depth < len(item.stack):
                    opened = item.stack.pop()
                    if opened != ("[" if token == "]" else "{"):
                        item.spoil(_detail(f"invalid JSON: {token!r} closes {opened!r}"))
                if item.depth == 0:
                    item.add(text[start : match.end()], number, start)
                    yield self.finish(item, closed=True)
                    continue
            elif token == ",":
                item.comma = (True, number, match.start())
            elif token[0] == '"' and item.last == "{" and item.depth == 1:
                name = None
                if self.container is None and item.key is None:
                    try:
                        name = parse_json(token)
                    except ValidationError:
                        name = None
                item.last = "v"
                if isinstance(name, str) and not self.is_field(name):
                    item.first_key = name
                    continue
            if not (token == ":" and item.last == "v"):
                item.first_key = None
            item.last = token if token in ("{", "}", "[", "]", ":", ",") else "v"
        if self.item is not None and start < len(text):
            self.item.add(text[start:], number, start)
            if self.item.line == number:
                self.item.rich = text[start:].strip() not in ("{", "[")

    @staticmethod
    def _starts_anew(item: _Item, text: str, at: int) -> bool:
        """Tell whether a "{" that JSON allows here is rather a new record's start.

        It is when it starts its line at the column the item started at, and the item's
        first line held more than its bracket (a record on one line, broken off); a
        pretty-printer does not put a value's "{" there.
        """
        return (
            item.rich
            and at == item.column
            and item.last in (":", "[", ",")
            and not text[:at].strip()
        )

    @staticmethod
    def _may_open(item: _Item) -> bool:
        inside = item.stack[-1] if item.depth <= len(item.stack) else None
        if inside == "{":
            return item.last == ":"
        if inside == "[":
            return item.last in ("[", ",")
        return True  # deeper than tracked: no judgement

    def between(self, number: int, match: re.Match[str]) -> Iterator[JsonItem]:
        """Read a token outside any item: a separator, a container's bracket, a new item."""
        token = match.group()
        if token == ",":
            return
        if self.container == "{" and not self.expect_value:
            if token == "}":
                self.container, self.key = None, None
                return
            if token[0] == '"' and len(token) > 1:
                try:
                    self.key = str(parse_json(token))
                except ValidationError as e:
                    yield JsonItem(number, problems=e.errors)
                return
            if token == ":" and self.key is not None:
                self.expect_value = True
                return
        if self.container == "[" and token == "]":
            self.container = None
            return
        if self.container is None and token == "[":
            self.container, self.container_line = "[", number
            return
        key, self.key, self.expect_value = self.key, None, False
        if token in ("{", "["):
            self.item = _Item(number, key, token, match.start())
            return
        if token in ("}", "]", ":") or token == '"':
            where = f" in the value opened on line {self.container_line}" if self.container else ""
            message = f"invalid JSON: unexpected {token!r} on line {number}{where}"
            yield JsonItem(number, problems=_detail(message), key=key)
            return
        try:
            value = parse_json(token)
        except ValidationError as e:
            yield JsonItem(number, problems=_shifted(e.errors, number), key=key)
            return
        yield JsonItem(number, value, key=key)

    # --- the end of an item -----------------------------------------------------------

    def finish(self, item: _Item, *, closed: bool) -> JsonItem:
        """Return the item read, or its problems."""
        self.item = None
        if not closed:
            message = f"invalid JSON: the {item.stack[0]!r} opened on line {item.line} "
            item.spoil(_detail(message + "is not closed"))
        if item.problem is not None:
            return JsonItem(item.line, problems=item.problem, key=item.key)
        try:
            value = parse_json("".join(item.parts))
        except ValidationError as e:
            return JsonItem(item.line, problems=_shifted(e.errors, item.line), key=item.key)
        if item.line != self._last_line(item):
            self.lines_mode = False
        return JsonItem(item.line, value, key=item.key)

    @staticmethod
    def _last_line(item: _Item) -> int:
        return item.line + sum(part.count("\n") for part in item.parts)

    def end(self, number: int) -> Iterator[JsonItem]:
        """Yield what is left open when the file ends."""
        if self.item is not None:
            item = self.item
            self.item = None
            message = f"the file ends inside the {item.stack[0]!r} opened on line {item.line}"
            yield JsonItem(item.line, problems=_detail(f"invalid JSON: {message}"),
                           key=item.key, unread=True)  # fmt: skip
        elif self.container is not None or self.key is not None:
            opened = self.container or "{"
            message = f"the file ends inside the {opened!r} opened on line "
            yield JsonItem(number, problems=_detail(f"invalid JSON: {message}"
                                                    f"{self.container_line}"),
                           unread=True)  # fmt: skip


def _shifted(details: tuple[ErrorDetail, ...], first: int) -> tuple[ErrorDetail, ...]:
    """Say where in the file a problem found in an item's text is."""
    shifted = []
    for detail in details:
        found = _POSITION.fullmatch(detail.message)
        if found is None:
            shifted.append(detail)
            continue
        line = first + int(found[1] or 1) - 1
        message = f"invalid JSON at line {line}, column {found[2]}: {found[3]}"
        shifted.append(ErrorDetail(detail.path, message, detail.code))
    return tuple(shifted)


def json_items(
    stream: IO[bytes],
    *,
    is_field: Callable[[str], bool] = lambda key: False,
    max_line_bytes: int | None = MAX_ITEM_CHARS,
) -> Iterator[JsonItem]:
    r"""Yield every item of a JSON file (see the module docstring), reading it line by line.

    ``is_field(key)`` tells whether a top-level object whose first member holds an object
    is one record (its first key is a field of a record) rather than records keyed by id.
    Lines longer than ``max_line_bytes`` are reported, not loaded.

    >>> import io
    >>> items = json_items(io.BytesIO(b'{"a": {"id": 1},\n "b": {"id": 2}}'))
    >>> [(item.key, item.value) for item in items]
    [('a', {'id': 1}), ('b', {'id': 2})]
    """
    scanner = _Scanner(is_field)
    number = 0
    for number, line in byte_lines(stream, max_line_bytes):
        if isinstance(line, LineProblem):
            if line.kind == "damaged":
                yield JsonItem(number, problems=_detail(line.message, line.code), unread=True)
                return
            yield from scanner.line(number, "", _detail(line.message_with_line, line.code))
            continue
        problem = None
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            text = line.decode("utf-8", errors="replace")
            message = f"invalid UTF-8 at byte {e.start} of line {number}"
            problem = _detail(message, ErrorCode.BAD_FILE)
        if problem is None:
            whole = scanner.fast(number, text)
            if whole is not None:
                yield from whole
                continue
        yield from scanner.line(number, text, problem)
    yield from scanner.end(number + 1)
