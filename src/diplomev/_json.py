"""Immutable JSON values, so records that carry free-form data stay frozen and hashable."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, TypeAlias

from diplomev.errors import ErrorCode, ErrorDetail, ValidationError

__all__ = ["JSONObject", "JSONValue", "freeze_json", "is_unicode", "json_type_name", "thaw_json"]

#: A JSON value as diplomev holds it: objects are `JSONObject`, arrays are tuples.
JSONValue: TypeAlias = "bool | int | float | str | tuple[JSONValue, ...] | JSONObject | None"

# Deeper values are refused rather than risking RecursionError on hostile input.
MAX_DEPTH = 64
# Python writes integers of at most 4,300 digits as text (sys.get_int_max_str_digits).
MAX_INT_BITS = 14_000


def json_type_name(value: object) -> str:
    """Name a Python value by the JSON type it would have, for error messages.

    >>> json_type_name(12345), json_type_name([1]), json_type_name(None)
    ('number', 'array', 'null')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


class JSONObject(Mapping[str, Any]):
    """A read-only, hashable JSON object; nested arrays are tuples, nested objects JSONObjects.

    Build one with `freeze_json`, which checks that the value is JSON.

    >>> obj = freeze_json({"x_tags": ["a", "b"], "x_meta": {"n": 1}})
    >>> obj["x_tags"], obj["x_meta"]["n"]
    (('a', 'b'), 1)
    >>> obj == {"x_tags": ["a", "b"], "x_meta": {"n": 1}}
    True
    >>> hash(obj) == hash(freeze_json({"x_meta": {"n": 1}, "x_tags": ["a", "b"]}))
    True

    Equality is JSON's, stricter than Python's: ``true``, ``1`` and ``1.0`` differ, so
    equal objects always serialize to the same text (keys are kept sorted).

    >>> freeze_json({"x_flag": True}) == freeze_json({"x_flag": 1})
    False
    >>> list(freeze_json({"x_b": 1, "x_a": 2}))
    ['x_a', 'x_b']
    """

    __slots__ = ("_canonical", "_data", "_hash")

    _data: dict[str, Any]
    _hash: int | None
    _canonical: tuple[Any, ...] | None

    def __init__(self, frozen_items: dict[str, Any]) -> None:
        # Private: callers go through freeze_json, which validates and freezes the values.
        self._data = frozen_items
        self._hash = None
        self._canonical = None

    def canonical(self) -> tuple[Any, ...]:
        """Return a form of this object in which values of different JSON types differ."""
        if self._canonical is None:
            self._canonical = tuple((key, _canonical(value)) for key, value in self._data.items())
        return self._canonical

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if isinstance(other, JSONObject):
            return self.canonical() == other.canonical()
        if isinstance(other, Mapping):
            # Equal as JSON: a plain dict holding lists equals its frozen form.
            try:
                return bool(self.canonical() == freeze_json(other).canonical())
            except ValidationError:
                return False
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self.canonical())
        return self._hash

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[type[JSONObject], tuple[dict[str, Any]]]:
        # Slots without __getstate__ pickle on protocol 2 and later only; the frozen items
        # are all a JSONObject is (the hash and canonical form are caches).
        return (JSONObject, (self._data,))


def _canonical(value: Any) -> Any:
    # Tag numbers and booleans with their type: Python holds True == 1 == 1.0.
    if isinstance(value, bool | int | float):
        return (type(value).__name__, value)
    if isinstance(value, tuple):
        return ("array", tuple(_canonical(item) for item in value))
    if isinstance(value, JSONObject):
        return ("object", value.canonical())
    return value


EMPTY_OBJECT = JSONObject({})


def freeze_json(value: Any, _depth: int = 0) -> Any:
    """Check that ``value`` is JSON and return it frozen (tuples and `JSONObject`).

    Raises `ValidationError` listing every non-JSON part with its path.

    >>> freeze_json([1, {"a": None}])
    (1, {'a': None})
    >>> try:
    ...     freeze_json({"a": float("nan"), "b": {1, 2}})
    ... except ValidationError as e:
    ...     print([str(d) for d in e.errors])
    ['$.a: numbers must be finite', '$.b: expected a JSON value, got set']
    """
    problems: list[ErrorDetail] = []
    frozen = _freeze(value, "$", problems, _depth)
    if problems:
        raise ValidationError(problems)
    return frozen


def is_unicode(text: str) -> bool:
    r"""Tell whether ``text`` is Unicode text: no lone surrogate, so it can be written as UTF-8.

    ``json`` reads ``"\ud800"`` into such a string; no file could hold it.

    >>> is_unicode("Lee Jae-myung"), is_unicode("Lee\u00e9"), is_unicode("Lee\ud800")
    (True, True, False)
    """
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _freeze(value: Any, path: str, problems: list[ErrorDetail], depth: int) -> Any:
    if isinstance(value, str):
        if not is_unicode(value):
            problems.append(
                ErrorDetail(
                    path, "contains a lone surrogate, which is not Unicode text", ErrorCode.BAD_TEXT
                )
            )
        return value if type(value) is str else str.__str__(value)
    # Subclasses (an IntEnum, a StrEnum) are held as the plain values JSON gives back.
    if value is None or type(value) is bool:
        return value
    if isinstance(value, int):
        if value.bit_length() > MAX_INT_BITS:
            problems.append(
                ErrorDetail(
                    path, "the integer is too large to write as JSON text", ErrorCode.OUT_OF_RANGE
                )
            )
        return value if type(value) is int else int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            problems.append(ErrorDetail(path, "numbers must be finite", ErrorCode.OUT_OF_RANGE))
        return value if type(value) is float else float(value)
    if depth >= MAX_DEPTH:
        problems.append(
            ErrorDetail(path, f"nested deeper than {MAX_DEPTH} levels", ErrorCode.TOO_DEEP)
        )
        return None
    if isinstance(value, list | tuple):
        return tuple(
            _freeze(item, f"{path}[{i}]", problems, depth + 1) for i, item in enumerate(value)
        )
    if isinstance(value, Mapping):
        items: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(
                    ErrorDetail(
                        path, f"object keys must be strings, got {key!r}", ErrorCode.WRONG_TYPE
                    )
                )
                continue
            if not is_unicode(key):
                problems.append(
                    ErrorDetail(path, "a key contains a lone surrogate", ErrorCode.BAD_TEXT)
                )
                continue
            items[key] = _freeze(item, f"{path}.{key}", problems, depth + 1)
        # Sorted keys: equal objects then write the same text.
        return JSONObject(dict(sorted(items.items())))
    problems.append(
        ErrorDetail(
            path, f"expected a JSON value, got {type(value).__name__}", ErrorCode.WRONG_TYPE
        )
    )
    return None


def thaw_json(value: Any) -> Any:
    """Turn a frozen JSON value back into plain lists and dicts for serializers.

    >>> thaw_json(freeze_json({"a": [1, {"b": 2}]}))
    {'a': [1, {'b': 2}]}
    """
    if isinstance(value, tuple):
        return [thaw_json(item) for item in value]
    if isinstance(value, JSONObject):
        # Its own dict, not the Mapping's items(): writing a table of records calls this
        # once per record with extensions, and the mixin's view costs most of the time.
        return {key: thaw_json(item) for key, item in value._data.items()}
    return value
