r"""The events of a JSON document ``{"diplomev": "1", "events": [...]}``, one value at a time.

`document_values` reads the document from a binary stream in chunks and hands on the raw
bytes of each value of its ``events`` array, for `diplomev._jsontext.parse_json` to parse,
so memory holds one chunk and one event, whatever the size of the file. It finds where a
value ends by following strings and brackets only (a hand-written splitter: the standard
library has no incremental JSON parser, and the core takes no dependency for one); what is
inside a value is the parser's to judge.

- An event larger than ``max_bytes`` is skipped, not kept, and handed on as a
  ``TOO_LARGE`` problem; one nested deeper than the codec reads is handed on as
  ``TOO_DEEP``; reading goes on with the next event.
- Anything wrong with the document around the events (not an object, an unknown or
  repeated key, another format version, invalid JSON between the values, data after the
  end, a document cut short) raises `ValidationError` where it is met: the events before
  it have been handed on already.

>>> import io
>>> doc = b'{"diplomev": "1", "events": [{"a": "]"}, 2, [3]]}'
>>> list(document_values(io.BytesIO(doc), 100))
[(0, b'{"a": "]"}'), (1, b'2'), (2, b'[3]')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from diplomev._json import MAX_DEPTH
from diplomev._jsontext import parse_json
from diplomev._lines import BOM
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError, key_segment

__all__ = ["document_values"]

FORMAT_VERSION = "1"
_CHUNK = 1 << 16
_SPACE = b" \t\r\n"
_STRING = rb'"[^"\\]*(?:\\[\s\S][^"\\]*)*"'
# Runs of a value without brackets, whole strings included: at the top, commas end it too.
_RUN_INNER = re.compile(rb'(?:[^"\[\]{}]+|' + _STRING + rb")*")
_RUN_TOP = re.compile(rb'(?:[^"\[\]{},]+|' + _STRING + rb")*")
# The rest of a string begun in an earlier chunk; group 1 is its closing quote, if here.
_STRING_REST = re.compile(rb'[^"\\]*(?:\\[\s\S][^"\\]*)*(")?')
_IN_STRING = re.compile(rb'["\\]')
# The codec refuses values nested deeper than MAX_DEPTH, naming the innermost level it
# reads; the splitter leaves those to it, and stops only what the parser should not recurse
# into at all.
_MAX_LEVELS = 10 * MAX_DEPTH
_MAX_KEY_BYTES = 4096


class _Stream:
    """A binary stream read a chunk at a time, with the offset of the chunk in the stream."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._read = getattr(stream, "read1", stream.read)
        self.buf = b""
        self.pos = 0
        self.offset = 0
        self.eof = False

    def more(self) -> bool:
        """Drop the chunk (all of it read or kept by the caller) and read the next one."""
        if self.eof:
            return False
        chunk = self._read(_CHUNK)
        if self.offset == 0 and self.pos == 0 and len(self.buf) < len(BOM):
            self.buf += chunk  # the start, still too short to tell a byte-order mark
        else:
            self.offset += len(self.buf)
            self.buf, self.pos = chunk, 0
        if not chunk:
            self.eof = True
        return bool(chunk)

    def start(self) -> None:
        """Read the first chunk, and skip a byte-order mark, even one read in pieces."""
        while self.more() and len(self.buf) < len(BOM) and BOM.startswith(self.buf):
            pass
        self.pos = len(BOM) if self.buf.startswith(BOM) else 0

    def at(self) -> int:
        return self.offset + self.pos

    def peek(self) -> int | None:
        """Skip white space; return the next byte without reading it, or None at the end."""
        while True:
            buf, pos = self.buf, self.pos
            while pos < len(buf) and buf[pos] in _SPACE:
                pos += 1
            self.pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self.more():
                return None

    def take(self, expected: bytes, where: str, what: str) -> int:
        """Read the next byte, which must be one of ``expected``; raise saying ``what`` else."""
        byte = self.peek()
        if byte is None:
            raise _invalid(where, f"the document ends where {what} belongs")
        if byte not in expected:
            raise _invalid(where, f"expected {what} at byte {self.at()}, got {chr(byte)!r}")
        self.pos += 1
        return byte


def _invalid(path: str, message: str, code: str = ErrorCode.INVALID_JSON) -> ValidationError:
    return ValidationError.at(path, f"invalid JSON document: {message}", code)


def _value(stream: _Stream, path: str, max_bytes: int) -> bytes | ErrorDetail:
    """Read one value up to (not including) a ``,``, ``]`` or ``}`` outside it."""
    parts: list[bytes] = []
    kept = 0
    problem: ErrorDetail | None = None
    depth = 0
    in_string = False
    stream.peek()
    start_at = stream.at()
    buf, pos = stream.buf, stream.pos
    start = pos
    while True:
        end = None
        while True:
            if in_string:  # the rest of a string that a chunk boundary cut
                found = _STRING_REST.match(buf, pos)
                assert found is not None  # it matches the empty string
                pos = found.end()
                if found.group(1) is None:
                    break  # the string goes on in the next chunk
                in_string = False
            # Everything up to the next bracket (or comma, outside any) in one match.
            pos = (_RUN_INNER if depth else _RUN_TOP).match(buf, pos).end()  # type: ignore[union-attr]
            if pos == len(buf):
                break
            byte = buf[pos]
            pos += 1
            if byte == 0x22:  # a string that does not end in this chunk
                in_string = True
            elif byte in b"[{":
                depth += 1
                if depth > _MAX_LEVELS and problem is None:
                    message = f"nested deeper than {_MAX_LEVELS} levels; not read"
                    problem = ErrorDetail(path, message, ErrorCode.TOO_DEEP)
            elif depth and byte in b"]}":
                depth -= 1
            else:  # a comma or a closing bracket after the value: its end
                end = pos - 1
                break
        if end is not None:
            stream.pos = end
            if problem is None and kept + end - start > max_bytes:
                message = f"an event longer than {max_bytes} bytes (from byte {start_at}); not read"
                problem = ErrorDetail(path, message, ErrorCode.TOO_LARGE)
            if problem is not None:
                return problem
            return b"".join([*parts, buf[start:end]])
        if problem is None:
            kept += pos - start
            parts.append(buf[start:pos])
            if kept > max_bytes:
                message = f"an event longer than {max_bytes} bytes (from byte {start_at}); not read"
                problem = ErrorDetail(path, message, ErrorCode.TOO_LARGE)
                parts.clear()
        carry = buf[pos:]  # a backslash that ends the chunk, with what it escapes unread
        stream.pos = len(buf)
        if not stream.more():
            what = "inside a string in" if in_string else "inside"
            message = f"the document ends {what} {path}, which starts at byte {start_at}"
            raise _invalid("$", message)
        stream.buf, stream.offset = carry + stream.buf, stream.offset - len(carry)
        buf, pos, start = stream.buf, 0, 0


def _parse(data: bytes | ErrorDetail, path: str) -> object:
    if isinstance(data, ErrorDetail):
        raise ValidationError([data])
    if not data.strip(_SPACE):
        raise _invalid(path, "a value is missing")
    try:
        return parse_json(data)
    except ValidationError as e:
        raise e.within(path[1:]) from None


def document_values(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | ErrorDetail]]:
    """Yield ``(index, raw bytes or problem)`` for each event of a document; see the module."""
    source = _Stream(stream)
    source.start()
    first = source.peek()
    if first is None:
        raise _invalid("$", "the document is empty")
    if first != ord("{"):
        raise ValidationError.at("$", "expected a diplomev document object", ErrorCode.WRONG_TYPE)
    source.pos += 1
    seen: set[str] = set()
    # Problems of the envelope are gathered, as a whole document's would be, and raised
    # together at its end; once there is one, no event is handed on.
    problems: list[ErrorDetail] = []
    if source.peek() == ord("}"):
        source.pos += 1
    else:
        while True:
            key = _key(source)
            where = "$" + key_segment(key)
            if key in seen:
                raise _invalid(where, "the key appears twice")
            seen.add(key)
            source.take(b":", where, "':'")
            if key == "events" and source.peek() == ord("[") and not problems:
                yield from _events(source, max_bytes)
            elif key == "events":
                raw = _value(source, where, max_bytes)
                value = raw if isinstance(raw, ErrorDetail) else _parse(raw, where)
                if isinstance(value, ErrorDetail):
                    problems.append(value)
                elif not isinstance(value, list):
                    message = "expected an array of events"
                    problems.append(ErrorDetail(where, message, ErrorCode.WRONG_TYPE))
            elif key == "diplomev":
                version = _parse(_value(source, where, _MAX_KEY_BYTES), where)
                if version != FORMAT_VERSION:
                    message = f"unsupported format version {version!r}"
                    problems.append(ErrorDetail(where, message, ErrorCode.UNSUPPORTED_VERSION))
            else:
                _value(source, where, max_bytes)  # skipped, and kept no further than max
                problems.append(ErrorDetail(where, "unknown field", ErrorCode.UNKNOWN_FIELD))
            if source.take(b",}", "$", "',' or '}'") == ord("}"):
                break
    if source.peek() is not None:
        raise _invalid("$", f"data after the end of the document, at byte {source.at()}")
    if "events" not in seen:
        message = "expected an array of events"
        problems.append(ErrorDetail("$.events", message, ErrorCode.WRONG_TYPE))
    if problems:
        raise ValidationError(problems)


def _key(source: _Stream) -> str:
    """Read an object key: one JSON string, at most ``_MAX_KEY_BYTES`` long."""
    byte = source.peek()
    if byte != ord('"'):
        got = "the end" if byte is None else repr(chr(byte))
        raise _invalid("$", f"expected a key at byte {source.at()}, got {got}")
    start_at = source.at()
    parts: list[bytes] = []
    size = 0
    buf, begin = source.buf, source.pos
    pos = begin + 1
    while True:
        while pos < len(buf):
            found = _IN_STRING.search(buf, pos)
            if found is None:
                pos = len(buf)
            elif buf[found.start()] == 0x5C:  # a backslash: the next byte is escaped
                pos = found.end() + 1
            else:
                source.pos = found.end()
                name = _parse(b"".join([*parts, buf[begin : found.end()]]), "$")
                assert isinstance(name, str)  # the bytes are one string
                return name
        skip = pos - len(buf)
        parts.append(buf[begin:])
        size += len(buf) - begin
        if size > _MAX_KEY_BYTES:
            raise _invalid("$", f"a key longer than {_MAX_KEY_BYTES} bytes at byte {start_at}")
        source.pos = len(buf)
        if not source.more():
            raise _invalid("$", f"the document ends inside the key at byte {start_at}")
        buf, pos, begin = source.buf, skip, 0


def _events(source: _Stream, max_bytes: int) -> Iterator[tuple[int, bytes | ErrorDetail]]:
    if source.peek() != ord("["):
        _parse(_value(source, "$.events", max_bytes), "$.events")
        raise ValidationError.at("$.events", "expected an array of events", ErrorCode.WRONG_TYPE)
    source.pos += 1
    if source.peek() == ord("]"):
        source.pos += 1
        return
    index = 0
    while True:
        path = f"$.events[{index}]"
        data = _value(source, path, max_bytes)
        if not isinstance(data, ErrorDetail) and not data.strip(_SPACE):
            raise _invalid(path, f"a value is missing at byte {source.at()}")
        yield index, data
        index += 1
        if source.take(b",]", "$", "',' or ']'") == ord("]"):
            return
