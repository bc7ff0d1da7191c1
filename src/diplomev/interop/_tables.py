"""Small shared helpers of the interop readers: missing values, country names, JSON values.

Lines of text files are read by `diplomev._lines`, as `diplomev.io` reads them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from diplomev._lines import decode_document
from diplomev._tables import load_table
from diplomev._text import fold, is_too_long
from diplomev.actors import CountryCode
from diplomev.countries import country_name, is_country_code
from diplomev.errors import ValidationError
from diplomev.io import BadRecord, RecordError
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
    """Yield ``(line, value)`` for each JSON value of a text.

    The text is a JSON array (its items are the values), JSON Lines, or pretty-printed
    values one after another. Invalid JSON yields ``(line, ValidationError)`` and ends the text.
    """
    decoder = json.JSONDecoder()
    index, length = 0, len(text)
    depth = 0  # 1 inside a top-level array, whose items are yielded one by one
    while True:
        while index < length and text[index] in " \t\r\n\ufeff,":
            index += 1
        if index >= length:
            if depth:
                yield _line(text, index), ValidationError.at("$", "invalid JSON: unclosed array")
            return
        if depth == 0 and text[index] == "[":
            depth, index = 1, index + 1
            continue
        if depth == 1 and text[index] == "]":
            depth, index = 0, index + 1
            continue
        try:
            value, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as e:
            where = _line(text, e.pos)
            yield where, ValidationError.at("$", f"invalid JSON: {e.msg} (line {where})")
            return
        yield _line(text, index), value
        index = end


def json_records(data: bytes, name: str) -> Iterator[tuple[int, Any] | BadRecord]:
    """Yield ``(line, value)`` for each JSON value of a file's bytes (see `json_values`).

    Invalid JSON is a `BadRecord` of ``name`` that ends the values; a file that is not
    UTF-8 raises `RecordError` at once, since no line of it can be trusted.
    """
    try:
        text = decode_document(data)
    except ValidationError as e:
        raise RecordError(BadRecord(name, None, e.errors)) from None
    for line, value in json_values(text):
        if isinstance(value, ValidationError):
            yield BadRecord(name, line, value.errors)
            return
        yield line, value


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1
