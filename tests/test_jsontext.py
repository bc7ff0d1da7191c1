"""JSON text: orjson, when installed, changes the speed and nothing else."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplomev
from diplomev import ValidationError, _jsontext
from diplomev.strategies import events

orjson = pytest.importorskip(
    "orjson"
)  # the test extra installs it; without it there is one way only


@contextlib.contextmanager
def standard_library_only() -> Iterator[None]:
    saved = _jsontext._orjson
    _jsontext._orjson = None
    try:
        yield
    finally:
        _jsontext._orjson = saved


def both(function: Any, *args: Any) -> tuple[Any, Any]:
    """The outcome (value, or error details) with orjson and with the standard library."""

    def outcome() -> Any:
        try:
            return ("ok", function(*args))
        except ValidationError as e:
            return ("error", e.errors)

    assert _jsontext.using_orjson()
    with_orjson = outcome()
    with standard_library_only():
        without = outcome()
    return with_orjson, without


FLOATS = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [1e-05, 2.5e-07, 1e16, 1e22, 5e-324, 1.7976931348623157e308, -0.0, 0.1]
)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63, max_value=2**80)
    | FLOATS
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)


@given(JSON)
def test_dump_json_writes_exactly_what_the_standard_library_writes(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert _jsontext.dump_json(value) == expected
    with standard_library_only():
        assert _jsontext.dump_json(value) == expected


@given(JSON)
def test_parse_json_reads_what_the_standard_library_reads(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    with_orjson, without = both(_jsontext.parse_json, text.encode("utf-8", "surrogatepass"))
    assert with_orjson == without


@pytest.mark.parametrize(
    "text",
    [
        b'{"a": NaN}',
        b"[Infinity]",
        b"\xef\xbb\xbf{}",
        b'"\\ud800"',
        b"1" * 5000,
        b"[" * 2000 + b"]" * 2000,
        b'{"a": 1, "a": 2}',
        b"\xff",
        b"",
        b"  {} \n",
        b"[1e400]",
        b'{"x": 18446744073709551616}',
        b"[-9223372036854775809]",
        b"[0.1234567890123456789012]",
    ],
)
def test_edge_cases_read_the_same_both_ways(text: bytes) -> None:
    with_orjson, without = both(_jsontext.parse_json, text)
    assert with_orjson == without  # [1e400] is [inf] both ways, and inf == inf


@given(events())
def test_records_round_trip_identically_both_ways(event: diplomev.Event) -> None:
    text = diplomev.dumps(event)
    with standard_library_only():
        assert diplomev.dumps(event) == text
        assert diplomev.loads(text) == event
    assert diplomev.loads(text) == event


def test_the_switch_is_reported() -> None:
    assert _jsontext.using_orjson() is True
    with standard_library_only():
        assert _jsontext.using_orjson() is False
