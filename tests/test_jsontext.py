"""JSON text: orjson, when installed, changes the speed and nothing else."""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import diplomev
from diplomev import ValidationError, _jsontext
from diplomev.errors import key_segment
from diplomev.strategies import events
from tests.conftest import GOLDEN

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


def _positive_zeros(value: Any) -> Any:
    if isinstance(value, float) and value == 0.0:
        return 0.0
    if isinstance(value, dict):
        return {key: _positive_zeros(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_positive_zeros(item) for item in value]
    return value


@given(JSON)
def test_dump_json_writes_exactly_what_the_standard_library_writes(value: Any) -> None:
    # ... of the value with -0.0 made 0.0, which it equals (see below).
    expected = json.dumps(
        _positive_zeros(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
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
    assert with_orjson == without  # [1e400] is refused both ways


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


# --- keys given twice ---------------------------------------------------------------------
#
# The text is generated from a tree in which an object is a list of (key, value) pairs, so
# that a key may come twice; keys and strings are drawn from characters that make a cheap
# count of keys wrong (colons, quotes, backslashes, the escape of a colon), are written
# with random escapes, and the separators get random white space.

_TRICKY = st.text(alphabet=':"\\ ,{}[]a\u003a\u00e9', max_size=6)
_SPACE = st.sampled_from(["", " ", "\n", "\t ", "  \r\n"])


@st.composite
def _string(draw: st.DrawFn, text: str) -> str:
    out = ['"']
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif draw(st.booleans()):
            out.append(f"\\u{ord(char):04{draw(st.sampled_from('xX'))}}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


_TREE = st.recursive(
    st.none() | st.integers(-5, 5) | st.just(-0.0) | _TRICKY.map(lambda text: ("s", text)),
    lambda children: (
        st.lists(children, max_size=3).map(lambda items: ("a", items))
        | st.lists(
            st.tuples(st.sampled_from(["a", "b", ':"', "x:", "\\"]) | _TRICKY, children), max_size=4
        ).map(lambda pairs: ("o", pairs))
    ),
    max_leaves=10,
)


@st.composite
def _text(draw: st.DrawFn, tree: Any) -> str:
    if isinstance(tree, tuple) and tree[0] == "s":
        return draw(_string(tree[1]))
    if isinstance(tree, tuple) and tree[0] == "a":
        items = [draw(_text(item)) for item in tree[1]]
        return "[" + ",".join(draw(_SPACE) + item + draw(_SPACE) for item in items) + "]"
    if isinstance(tree, tuple):
        members = [
            draw(_SPACE)
            + draw(_string(key))
            + draw(_SPACE)
            + ":"
            + draw(_SPACE)
            + draw(_text(value))
            + draw(_SPACE)
            for key, value in tree[1]
        ]
        return "{" + ",".join(members) + "}"
    return json.dumps(tree)


def _reference_duplicates(tree: Any, path: str = "$") -> list[str]:
    """The paths of the keys given twice, found on the tree itself (last value wins)."""
    if isinstance(tree, tuple) and tree[0] == "a":
        return [
            p for i, item in enumerate(tree[1]) for p in _reference_duplicates(item, f"{path}[{i}]")
        ]
    if isinstance(tree, tuple) and tree[0] == "o":
        found, kept = [], {}
        for key, value in tree[1]:
            if key in kept:
                found.append(path + key_segment(key))
            kept[key] = value
        for key, value in kept.items():
            found.extend(_reference_duplicates(value, path + key_segment(key)))
        return found
    return []


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    tree = draw(_TREE)
    return draw(_text(tree)), _reference_duplicates(tree)


@settings(max_examples=400)
@given(_documents())
def test_keys_given_twice_are_refused_exactly_where_they_are(
    document: tuple[str, list[str]],
) -> None:
    text, duplicates = document
    for outcome in both(_jsontext.parse_json, text.encode("utf-8")):
        if duplicates:
            assert outcome[0] == "error"
            assert sorted(detail.path for detail in outcome[1]) == sorted(duplicates)
            assert {detail.code for detail in outcome[1]} == {"duplicate_key"}
        else:
            assert outcome == ("ok", json.loads(text))


def test_a_second_type_does_not_make_a_summit_a_visit() -> None:
    text = (
        '{"type": "summit", "type": "visit", "id": "v", "date": "2018", '
        '"visitor": {"type": "country", "code": "KOR"}, "host": "CHN"}'
    )
    with_orjson, without = both(diplomev.loads, text)
    assert with_orjson == without
    assert with_orjson[0] == "error"
    assert [(d.path, d.code) for d in with_orjson[1]] == [("$.type", "duplicate_key")]


def test_keys_given_twice_deep_inside_are_named_by_their_path() -> None:
    text = '{"a": [1, {"x_b": {"c": 1, "c" : 2}}], "d": {"e.f": 1, "e.f": 1}}'
    with_orjson, without = both(_jsontext.parse_json, text)
    assert with_orjson == without
    assert [d.path for d in with_orjson[1]] == ["$.a[1].x_b.c", '$.d["e.f"]']


# --- numbers a double cannot hold ---------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "word"),
    [
        ("1e-400", "small"),
        ("-2.5E-330", "small"),
        ("0.0000001e-320", "small"),
        ("0." + "0" * 400 + "1", "small"),
        ("1e400", "large"),
        ("-1E+309", "large"),
        ("1" * 400 + ".0", "large"),
    ],
)
def test_numbers_a_double_cannot_hold_are_refused(literal: str, word: str) -> None:
    with_orjson, without = both(_jsontext.parse_json, f'{{"x_n": [{literal}]}}'.encode())
    assert with_orjson == without
    assert with_orjson[0] == "error"
    (detail,) = with_orjson[1]
    assert detail.code == "out_of_range"
    assert f"too {word}" in detail.message


@pytest.mark.parametrize(
    "literal", ["0e-400", "-0.0", "0.000e999", "5e-324", "1.7976931348623157e308", "1e-307"]
)
def test_numbers_at_the_edges_of_a_double_are_read(literal: str) -> None:
    with_orjson, without = both(_jsontext.parse_json, f"[{literal}]".encode())
    assert with_orjson == without == ("ok", [float(literal)])


# --- -0.0 ---------------------------------------------------------------------------------


def _has_negative_zero(value: Any) -> bool:
    if isinstance(value, float):
        return value == 0.0 and math.copysign(1.0, value) < 0
    if isinstance(value, dict):
        return any(_has_negative_zero(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_negative_zero(item) for item in value)
    return False


@given(JSON)
def test_minus_zero_is_written_as_the_zero_it_equals(value: Any) -> None:
    for outcome in both(_jsontext.dump_json, value):
        assert outcome == ("ok", _jsontext.dump_json(_positive_zeros(value)))
        assert not _has_negative_zero(json.loads(outcome[1]))


@given(events(), st.sampled_from(["x_zero", "lat"]))
def test_records_equal_with_minus_zero_dump_alike(event: diplomev.Event, where: str) -> None:
    def with_zero(zero: float) -> diplomev.Event:
        data = diplomev.to_dict(event)
        if where == "lat":
            data["location"] = {"name": "Sea", "lat": zero, "lon": zero}
        else:
            data["x_zero"] = [zero, {"z": zero}]
        return diplomev.from_dict(data)

    positive, negative = with_zero(0.0), with_zero(-0.0)
    assert positive == negative
    assert hash(positive) == hash(negative)
    assert diplomev.dumps(positive) == diplomev.dumps(negative)
    with standard_library_only():
        assert diplomev.dumps(negative) == diplomev.dumps(positive)
    assert diplomev.loads(diplomev.dumps(negative)) == negative


@given(events())
def test_text_without_duplicates_is_parsed_once(event: diplomev.Event) -> None:
    # Colons in strings (URLs, times) are accounted for: only orjson reads such text.
    text = diplomev.dumps(event).replace('"id":"', '"id":"urn:x:', 1).encode()
    assume(not re.search(rb"[0-9][eE][-+]?[0-9]{3}", text))  # such numbers go to json
    calls = []
    saved = _jsontext._standard_parse
    _jsontext._standard_parse = lambda *args: calls.append(args) or saved(*args)  # type: ignore[assignment]
    try:
        assert _jsontext.parse_json(text) == json.loads(text)
    finally:
        _jsontext._standard_parse = saved  # type: ignore[assignment]
    assert calls == []


def _compact(value: Any) -> bytes:
    """JSON text as orjson writes it, for values orjson can write (ASCII text aside)."""
    return json.dumps(value, separators=(",", ":")).encode()


@given(
    st.dictionaries(st.text(max_size=5), JSON, min_size=1, max_size=4),
    st.integers(min_value=0),
    st.booleans(),
)
def test_compact_text_with_a_key_given_twice_is_refused(
    members: dict[str, Any], which: int, same_value: bool
) -> None:
    # Text as orjson writes it but for one member given twice: the value written again is
    # never this text, so the shortcut for compact text cannot vouch for it.
    key = sorted(members)[which % len(members)]
    pair = _compact({key: members[key] if same_value else None})[1:-1]
    written = _compact(members)
    text = written[:1] + pair + b"," + written[1:]
    assert _jsontext.parse_json_quickly(text) is _jsontext.UNVOUCHED
    for outcome in both(_jsontext.parse_json, text):
        assert outcome[0] == "error"
        assert {detail.code for detail in outcome[1]} == {"duplicate_key"}


@given(events())
def test_compact_text_is_vouched_for_by_one_comparison(event: diplomev.Event) -> None:
    text = diplomev.dumps(event).encode()
    assume(orjson.dumps(orjson.loads(text)) == text)
    counted = []
    saved = _jsontext._no_duplicates

    def counting(*args: int) -> bool:
        counted.append(args)
        return saved(*args)

    _jsontext._no_duplicates = counting  # type: ignore[assignment]
    try:
        assert _jsontext.parse_json_quickly(text) == json.loads(text)
        assert counted == []
        # The same text with a space after its first colon is counted, and vouched for too.
        spaced = text.replace(b":", b": ", 1)
        assert _jsontext.parse_json_quickly(spaced) == json.loads(text)
        assert len(counted) == 1
    finally:
        _jsontext._no_duplicates = saved  # type: ignore[assignment]


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": "\\u003a"}',  # as many colons as the value written has
        '{"a": "\\u003A", "a": 1}',
        '{"a\\u003a": 1, "a:": 2}',
        '{"k": "\\\\u003a", "k": 1}',  # an escaped backslash, then text that looks like one
    ],
)
def test_escaped_colons_do_not_hide_a_key_given_twice(text: str) -> None:
    for outcome in both(_jsontext.parse_json, text):
        assert outcome[0] == "error"
        assert [detail.code for detail in outcome[1]] == ["duplicate_key"]


@given(JSON, st.sampled_from([None, 0, 2]))
def test_indented_text_is_json_s_of_the_zero_made_positive(value: Any, indent: Any) -> None:
    expected = json.dumps(
        _positive_zeros(value), ensure_ascii=False, indent=indent, separators=(",", ":")
    )
    assert _jsontext.dump_json(value, indent=indent) == expected


# --- numbers checked lazily: diplomev.loads -----------------------------------------------

# Numbers orjson reads as a float without a word, although the literal says otherwise.
MISREAD = ["1e-400", "-1e-400", "12345678901234567890123", "-9223372036854775809"]


def _with_number(literal: str, where: str) -> bytes:
    """A valid visit of the golden file with ``literal`` in one float or extension field."""
    record = json.loads(GOLDEN.read_text(encoding="utf-8").splitlines()[0])
    if where == "x_":
        record["x_n"] = {"deep": [1, "{N}"]}
    else:
        record["location"] = {"name": "Beijing", "country": "CHN", where: "{N}", "lon": 116.4}
    return json.dumps(record).replace('"{N}"', literal).encode()


@pytest.mark.parametrize("where", ["lat", "x_"])
@pytest.mark.parametrize("literal", [*MISREAD, "0.0", "-0.0", "0", "2e19", "-1e19", "12.5"])
def test_loads_gives_what_the_strict_parse_gives(literal: str, where: str) -> None:
    text = _with_number(literal, where)

    def strict(text: bytes) -> diplomev.Event:
        return diplomev.from_dict(_jsontext.parse_json(text))

    assert both(diplomev.loads, text) == both(strict, text)
    outcome, result = both(diplomev.loads, text)[0]
    if literal in MISREAD[:2]:
        assert outcome == "error"
        assert [d.code for d in result] == ["out_of_range"]
    elif where == "x_" and literal in MISREAD:
        assert result.extensions["x_n"]["deep"][1] == int(literal)  # exact, not a float
    elif where == "lat" and outcome == "ok":
        assert result.location.lat == float(literal)


@pytest.mark.parametrize("literal", ["0.0", "12345678901234567890123"])
def test_only_suspected_numbers_are_parsed_strictly(literal: str) -> None:
    calls = []
    saved = _jsontext.parse_json
    diplomev.codec.parse_json = lambda text: calls.append(text) or saved(text)  # type: ignore[attr-defined]
    try:
        diplomev.loads(_with_number("37.5", "lat"))
        assert calls == []
        diplomev.loads(_with_number(literal, "x_"))
        assert len(calls) == 1
    finally:
        diplomev.codec.parse_json = saved  # type: ignore[attr-defined]
