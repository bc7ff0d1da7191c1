"""Small shared helpers of the interop readers: missing values, country names, JSON values.

Lines of text files are read by `diplomev._lines`, as `diplomev.io` reads them.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import IO, Any

from diplomev._lines import BOM
from diplomev._tables import load_table
from diplomev._text import MAX_NAME_LENGTH, fold, is_too_long
from diplomev.actors import CountryCode
from diplomev.countries import country_name, is_country_code
from diplomev.errors import ValidationError
from diplomev.reading.countries import resolve_country

#: Cell values that mean "no value" in the foreign formats (R's NA, ICEWS-to-JSON's NULL).
MISSING = frozenset({"", "NA", "NULL", "null", "None", "N/A"})


def present(value: Any) -> str | None:
    """Return a cell as stripped text, or None when it is missing."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text in MISSING else text


@functools.cache
def _icews_names() -> tuple[Mapping[str, str], Mapping[str, str]]:
    names: Mapping[str, str] = load_table("icews_countries.json")["names"]
    by_name = {fold(name): code for name, code in names.items()}
    by_code: dict[str, str] = {}
    for name, code in names.items():
        by_code.setdefault(code, name)
    return MappingProxyType(by_name), MappingProxyType(by_code)


@functools.lru_cache(maxsize=4096)
def country_code(text: str | None) -> CountryCode | None:
    """Return the alpha-3 code of a country as ICEWS or a person writes it, or None.

    The ICEWS country table comes first ("Congo" is the Republic of the Congo there), then
    diplomev's resolver; alpha-3 codes and CAMEO's Kosovo ``KSV`` are accepted as such.
    Names are folded as every reader of names folds them (`diplomev._text.fold`); text too
    long to be a name names no country.
    """
    if text is None:
        return None
    text = text.strip()
    if is_country_code(text):
        return CountryCode(text)
    if text in ("KSV", "KOS"):
        return CountryCode("XKX")
    if is_too_long(text):
        return None
    by_name, _ = _icews_names()
    key = fold(text)
    if key in by_name:
        return CountryCode(by_name[key])
    try:
        return CountryCode(resolve_country(text))
    except ValidationError:
        return None


def icews_country_name(code: str) -> str:
    """Return the name ICEWS writes for an alpha-3 code (CLDR's name if ICEWS has none)."""
    _, by_code = _icews_names()
    return by_code.get(code) or country_name(code)


def json_values(text: str) -> Iterator[tuple[int, Any] | tuple[int, ValidationError]]:
    r"""Yield ``(line, value)`` for each JSON value of a text, or ``(line, ValidationError)``.

    The values are the items `diplomev.interop._json_items.json_items` finds: a bad value
    is reported for its line and the values after it are read.

    >>> [(line, value) for line, value in json_values('{"a": 1}\n[1, 2]')]
    [(1, {'a': 1}), (2, 1), (2, 2)]
    """
    from diplomev.interop._json_items import json_items

    for item in json_items(io.BytesIO(text.encode("utf-8", "surrogatepass"))):
        if item.problems is None:
            yield item.line, item.value
        else:
            yield item.line, ValidationError(item.problems)


# --- cells ----------------------------------------------------------------------------------

#: The longest cell (name, code, place, number) the table importers read: longer ones
#: are reported, never truncated nor normalized (`diplomev._text.MAX_NAME_LENGTH`).
CELL_MAX = MAX_NAME_LENGTH

#: The longest URL cell (GDELT's ``SOURCEURL``) read.
URL_MAX = 8192

_ASCII_INT = re.compile(r"-?[0-9]{1,18}", re.ASCII)
_ASCII_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?", re.ASCII)
_CODE = re.compile(r"[0-9A-Za-z]{1,12}", re.ASCII)


def too_long_message(length: int, limit: int = CELL_MAX) -> str:
    """Say that a cell is too long to read.

    >>> too_long_message(5000)
    'a cell of 5000 characters, longer than 1000; not read'
    """
    return f"a cell of {length} characters, longer than {limit}; not read"


def ascii_int(text: str | None, what: str) -> int | None:
    """Return the integer a cell holds (ASCII digits, at most 18), None if missing.

    Raises ValueError for anything else: ``²``, ``٣``, ``--5`` or 5,000 digits are not
    the integers ICEWS and GDELT write, though Python's `int` reads some of them.

    >>> ascii_int("42", "a count"), ascii_int(None, "a count")
    (42, None)
    >>> ascii_int("٣", "a count")
    Traceback (most recent call last):
    ...
    ValueError: expected a count as ASCII digits, got '٣'
    """
    if text is None:
        return None
    if _ASCII_INT.fullmatch(text) is None:
        shown = text if len(text) <= 40 else f"{text[:20]}... ({len(text)} characters)"
        raise ValueError(f"expected {what} as ASCII digits, got {shown!r}")
    return int(text)


def ascii_number(text: str | None) -> float | None:
    """Return the decimal number a cell holds, or None if it holds none (only ASCII).

    >>> ascii_number("-74.006"), ascii_number("٣"), ascii_number("nan"), ascii_number("1_0")
    (-74.006, None, None, None)
    """
    if text is None or _ASCII_NUMBER.fullmatch(text) is None:
        return None
    return float(text)


def is_code(code: str) -> bool:
    """Tell whether a code cell is ASCII letters and digits, as every CAMEO code is.

    ``(none)`` stands for a missing code.

    >>> is_code("042"), is_code("٠٤٢"), is_code("(none)")
    (True, False, True)
    """
    return code == "(none)" or _CODE.fullmatch(code) is not None


# --- streams ----------------------------------------------------------------------------------


class _Prefixed:
    """A binary stream with bytes already read from it put back in front."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readline(self, size: int | None = -1) -> bytes:
        limit = -1 if size is None else size
        if not self._head:
            return self._stream.readline(limit)
        end = self._head.find(b"\n") + 1 or len(self._head)
        if limit >= 0:
            end = min(end, limit)
        line, self._head = self._head[:end], self._head[end:]
        if line.endswith(b"\n") or self._head or (limit >= 0 and len(line) >= limit):
            return line
        rest = self._stream.readline(-1 if limit < 0 else limit - len(line))
        return line + rest

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            data, self._head = self._head + self._stream.read(), b""
            return data
        if self._head:
            data, self._head = self._head[:size], self._head[size:]
            return data
        return self._stream.read(size)


def sniff(stream: IO[bytes]) -> tuple[IO[bytes], bytes]:
    r"""Return the stream (nothing lost) and its first byte that is not white space or a BOM.

    >>> import io
    >>> stream, first = sniff(io.BytesIO(b"\xef\xbb\xbf  [1]"))
    >>> first, stream.read()
    (b'[', b'\xef\xbb\xbf  [1]')
    """
    head = b""
    while len(head) < (1 << 20):
        try:
            chunk = stream.read(4096)
        except ValidationError:  # damaged gzip data: the line reader reports it
            break
        if not chunk:
            break
        head += chunk
        found = head.removeprefix(BOM).lstrip(b" \t\r\n")
        if found:
            return _Prefixed(head, stream), found[:1]  # type: ignore[return-value]
    return _Prefixed(head, stream), b""  # type: ignore[return-value]
