"""JSON text in and out: strict parsing and canonical compact output, orjson-accelerated.

When orjson is installed (``pip install diplomev[fast]``) it does the work, but the results
are those of the standard library's ``json`` in every case: wherever orjson would disagree
it is not trusted. On reading, anything orjson refuses (``NaN``, lone surrogates, nesting
deeper than it allows, a byte-order mark) is read again by ``json``, which decides and
words the error; and text with a run of 19 digits or more goes straight to ``json``,
because orjson reads an integer beyond 64 bits as a float. On writing, integers beyond 64 bits and lone
surrogates go to ``json``, and so does any output in which orjson may have written a float
differently from Python's ``repr`` (an exponent, or four zeros after the point): checked on
700,000 random doubles, the two differ only in those outputs. Setting the environment
variable ``DIPLOMEV_NO_ORJSON`` (to anything) turns orjson off.

Three rules hold on both paths, beyond the JSON grammar:

- A key given twice in one object is refused (``duplicate_key``, with the path of the
  second one): neither library says so, and "last wins" silently turned
  ``{"type": "summit", "type": "visit"}`` into a visit. The check is exact. With orjson it costs one
  compact re-serialization of the parsed value and three byte counts (see
  `_no_duplicates`); only when these cannot prove the text free of duplicates is it parsed
  again by ``json``, whose ``object_pairs_hook`` finds them, as it does in its single pass
  whenever ``json`` does the work.
- A number whose literal is not zero but reads as ``0.0`` (``1e-400``), or that is too
  large for a double (``1e400``), is refused (``out_of_range``): the value written is not
  the value read.
- ``-0.0`` is written as ``0.0``. The two are equal (and hash alike) in every record and
  `diplomev._json.JSONObject`, so equal values are written as the same text.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from diplomev.errors import ErrorCode, ErrorDetail, ValidationError, key_segment

__all__ = [
    "SUSPECT_ABOVE",
    "SUSPECT_BELOW",
    "UNVOUCHED",
    "dump_json",
    "parse_json",
    "parse_json_quickly",
    "using_orjson",
]


def _load_orjson() -> ModuleType | None:
    if os.environ.get("DIPLOMEV_NO_ORJSON"):
        return None
    try:
        import orjson
    except ImportError:
        return None
    return orjson


_orjson = _load_orjson()
# Digits become 0 and E becomes e, so that one search finds each shape of number below.
_NUMBER_SHAPES = bytes.maketrans(b"123456789E", b"000000000e")
_LONG_NUMBER = b"0" * 19
# A literal of at most 18 digits a run (longer ones go to json) can leave the range of a
# double only with an exponent of three digits or more (in the digits-as-0 form).
_BIG_EXPONENT = re.compile(rb"0e[-+]?000")
# An upper bound on the escaped colons (\u003a, \u003A) in a text.
_ESCAPED_COLON = b"\\u003"


def using_orjson() -> bool:
    """Tell whether orjson is doing the work (the results are the same either way).

    >>> isinstance(using_orjson(), bool)
    True
    """
    return _orjson is not None


def _fail(message: str) -> ValidationError:
    return ValidationError.at("$", message, ErrorCode.INVALID_JSON)


def parse_json(text: str | bytes | bytearray) -> Any:
    """Parse JSON text strictly (no NaN or Infinity), raising only `ValidationError`.

    A key given twice in one object is refused, and so is a number a double cannot hold.

    >>> parse_json(b'{"lat": 37.5}')
    {'lat': 37.5}
    >>> parse_json('{"lat": NaN}')
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: invalid JSON: NaN is not a JSON number
    >>> parse_json('{"type": "summit", "type": "visit"}')
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $.type: duplicate key 'type': a key is given once in an object
    >>> parse_json('[1e-400]')
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: number 1e-400 is too small for a double: it would read as 0.0
    """
    if _orjson is not None and isinstance(text, bytes | bytearray | str):
        raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        shapes = raw.translate(_NUMBER_SHAPES)
        # orjson reads an integer beyond 64 bits as a float; such literals have 19 digits.
        # orjson reads 1e-400 as 0.0 without a word; json's parse_float sees the literal.
        # (Searches for a fixed string first: far cheaper than a pattern, and nearly always
        # enough.)
        if _LONG_NUMBER not in shapes and (
            b"0e" not in shapes or _BIG_EXPONENT.search(shapes) is None
        ):
            value = _vouched(raw)
            if value is not UNVOUCHED:
                return value
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as e:
            raise _fail(f"invalid UTF-8 at byte {e.start}") from None
    elif not isinstance(text, str):
        raise _fail(f"expected JSON text as str or bytes, got {type(text).__name__}")
    # One pass: a hook on each object is cheaper here than writing the value again.
    found: list[_Keys] = []
    value = _standard_parse(text, found)
    if found:
        raise ValidationError(_duplicate_problems(value))
    return value


UNVOUCHED: Any = object()
"""What `parse_json_quickly` gives for a text it does not vouch for: use `parse_json`."""


def parse_json_quickly(text: str | bytes | bytearray) -> Any:
    """Parse JSON text with orjson alone, numbers unchecked; `UNVOUCHED` when it can't say.

    The value is what `parse_json` would give, with one exception left to the caller:
    orjson reads a number a double cannot hold (``1e-400``, an integer beyond 64 bits) as
    a float, without a word. The only floats it so misreads are ``0.0`` and those beyond
    `SUSPECT_ABOVE` or below `SUSPECT_BELOW`, so a caller that meets none of them in the
    value has what `parse_json` gives; one that meets one parses again with `parse_json`.
    (`diplomev.loads` does so: its fast pass refuses those floats, and only then does the
    text get the number checks, which cost more than the rest of parsing.) A key given twice
    is refused here as in `parse_json`; a text orjson refuses, or with no orjson, is
    `UNVOUCHED`.

    >>> parse_json_quickly(b'{"lat": 37.5}') in ({'lat': 37.5}, UNVOUCHED)
    True
    >>> parse_json_quickly(b'{"a": 1, "a": 2}') is UNVOUCHED
    True
    """
    if _orjson is None or not isinstance(text, bytes | bytearray | str):
        return UNVOUCHED
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return _vouched(raw)


# orjson turns integers beyond the 64-bit range (below -2**63, above 2**64 - 1) into floats.
SUSPECT_BELOW = -9.2e18
SUSPECT_ABOVE = 1.8e19


def _vouched(raw: bytes | bytearray) -> Any:
    """Return orjson's value of ``raw``; `UNVOUCHED` if orjson refuses it or a key may repeat."""
    try:
        value = _orjson.loads(raw)  # type: ignore[union-attr]
    except _orjson.JSONDecodeError:  # type: ignore[union-attr]
        return UNVOUCHED  # the standard library decides, and words the error
    try:
        out = _orjson.dumps(value)  # type: ignore[union-attr]
    except _orjson.JSONEncodeError:  # type: ignore[union-attr]  # deeper than orjson writes
        return UNVOUCHED
    if out == raw:
        # Compact text as orjson writes it (diplomev's own files): a value written again as
        # the very text it was read from gives each key once, since a dict holds a key once.
        # One comparison of bytes instead of three searches.
        return value
    # No backslash, no escaped colon: one search instead of a count.
    escapes = raw.count(_ESCAPED_COLON) if b"\\" in raw else 0
    if _no_duplicates(raw.count(b":"), escapes, out.count(b":")):
        return value
    return UNVOUCHED


def _standard_parse(text: str, found: list[_Keys]) -> Any:
    """Parse with json, collecting into ``found`` the objects that give a key twice."""
    hook = functools.partial(_object, found)
    try:
        return json.loads(
            text, parse_constant=_reject_constant, parse_float=_float, object_pairs_hook=hook
        )
    except _NotJSON as e:
        raise _fail(f"invalid JSON: {e.args[0]} is not a JSON number") from None
    except _OutOfRange as e:
        raise ValidationError.at("$", e.args[0], ErrorCode.OUT_OF_RANGE) from None
    except json.JSONDecodeError as e:
        where = f"column {e.colno}" if e.lineno == 1 else f"line {e.lineno}, column {e.colno}"
        raise _fail(f"invalid JSON at {where}: {e.msg}") from None
    except RecursionError:
        raise _fail("invalid JSON: nested too deeply") from None
    except ValueError as e:  # e.g. an integer literal longer than Python will convert
        raise _fail(f"invalid JSON: {e}") from None


def _no_duplicates(colons: int, escapes: int, written_colons: int) -> bool:
    r"""Tell whether a text's counts prove that it gives no key twice (False: it may).

    ``colons`` counts the colons of the text, ``escapes`` its ``\u003`` sequences, and
    ``written_colons`` the colons of its parsed value written compactly again; when this
    cannot prove the text free of duplicates, `_standard_parse` looks for them.

    In valid JSON a colon is either the separator after a key or a character of a string,
    where it is itself or the escape ``\u003a``. So the colons of the text number
    K + S - E (K its keys, S the colons in the strings' values, E the escaped colons), and
    those written P + S (P the keys kept, since neither writer escapes a colon). A key
    given twice is lost from the parsed value, so there is none exactly when K = P, that is
    when ``colons + E == written_colons``; ``escapes`` is an upper bound on E, which keeps
    the test exact in that direction. (E must be counted even when ``colons`` is at most
    ``written_colons``: in ``{"a": 1, "a": "\u003a"}`` both are 2.)
    """
    return colons + escapes <= written_colons


class _Keys(dict[str, Any]):
    """An object of the text with keys given twice, and those keys in order."""

    __slots__ = ("duplicates",)
    duplicates: list[str]


def _object(found: list[_Keys], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    keys = _Keys(result)
    seen: set[str] = set()
    keys.duplicates = []
    for key, _ in pairs:
        if key in seen:
            keys.duplicates.append(key)
        seen.add(key)
    found.append(keys)
    return keys


def _duplicate_problems(value: Any) -> list[ErrorDetail]:
    """Name every key given twice, in the order of the text, by the path of its object."""
    problems: list[ErrorDetail] = []
    stack: list[tuple[str, Any]] = [("$", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item, _Keys):
                problems.extend(
                    ErrorDetail(
                        path + key_segment(key),
                        f"duplicate key {key!r}: a key is given once in an object",
                        ErrorCode.DUPLICATE_KEY,
                    )
                    for key in item.duplicates
                )
            children = [(path + key_segment(k), v) for k, v in item.items()]
        elif isinstance(item, list):
            children = [(f"{path}[{i}]", v) for i, v in enumerate(item)]
        else:
            continue
        stack.extend(reversed(children))
    return problems


class _OutOfRange(Exception):
    pass


def _float(literal: str) -> float:
    value = float(literal)
    if value == 0.0:
        mantissa = literal.lower().partition("e")[0]
        if mantissa.strip("-+0.") != "":
            raise _OutOfRange(f"number {literal} is too small for a double: it would read as 0.0")
    elif value in (math.inf, -math.inf):
        raise _OutOfRange(f"number {literal} is too large for a double")
    return value


class _NotJSON(Exception):
    pass


def _reject_constant(name: str) -> Any:
    raise _NotJSON(name)


def _float_format_may_differ(out: bytes) -> bool:
    """Tell whether orjson may have written a float unlike ``repr``: tiny, or with an exponent.

    orjson writes exponents with a sign, as ``repr`` does; a digit before ``e-`` or ``e+``
    inside a string only sends that record to the standard library, which is still right.
    """
    if b"0.0000" in out:
        return True
    for marker in (b"e-", b"e+"):
        at = out.find(marker)
        while at > 0:
            if 48 <= out[at - 1] <= 57:  # an ASCII digit
                return True
            at = out.find(marker, at + 1)
    return False


def dump_json(data: Any, *, indent: int | None = None) -> str:
    """Return compact JSON text (UTF-8 characters as they are, no NaN), the same every time.

    ``-0.0`` is written ``0.0``: the two compare and hash alike, so equal values are written
    alike. With ``indent``, the text is indented so (by ``json``; separators stay compact).

    >>> dump_json({"a": [1, 2.5, "é"], "b": None})
    '{"a":[1,2.5,"é"],"b":null}'
    >>> dump_json({"x_lat": -0.0})
    '{"x_lat":0.0}'
    >>> print(dump_json({"lat": -0.0}, indent=1))
    {
     "lat":0.0
    }
    """
    if _orjson is not None and indent is None:
        try:
            out: bytes = _orjson.dumps(data)
        except TypeError:
            pass  # an integer beyond 64 bits or a lone surrogate: the standard library's turn
        else:
            if not _float_format_may_differ(out):
                if _NEGATIVE_ZERO in out:  # or the text "-0.0" in a string
                    return _dump_standard(_positive_zeros(data), indent)
                return out.decode("utf-8")
    text = _dump_standard(data, indent)
    if "-0.0" in text:
        return _dump_standard(_positive_zeros(data), indent)
    return text


_NEGATIVE_ZERO = b"-0.0"


def _dump_standard(data: Any, indent: int | None) -> str:
    return json.dumps(
        data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, indent=indent
    )


def _positive_zeros(data: Any) -> Any:
    """Return ``data`` with every ``-0.0`` made ``0.0`` (objects as dicts, arrays as lists)."""
    if type(data) is float:
        return 0.0 if data == 0.0 else data
    if isinstance(data, Mapping):
        return {key: _positive_zeros(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_positive_zeros(item) for item in data]
    return data
