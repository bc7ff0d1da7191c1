"""The msgspec accelerator of `diplomev.loads` against the pure path: the same records, no more.

The accelerator may refuse what the pure path accepts (it then hands the text over), but
whatever it builds must be the record the pure path builds of the same text, and it must
build nothing of a text the pure path refuses.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev import ValidationError, codec
from diplomev import strategies as ds
from diplomev.codec import _wire
from diplomev.io import read_jsonl
from diplomev.model import registry

from .conftest import GOLDEN

# msgspec is in the test extra, so CI always runs these; without it (a bare install) there
# is no accelerator to hold to the pure path, and the pure path has tests of its own.
_accel = pytest.importorskip("diplomev.codec._accel")
INVALID, REFUSED = _wire.INVALID, _wire.REFUSED


def compact(value: Any) -> bytes:
    """JSON text as diplomev and orjson write it (no spaces; non-ASCII as it is)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def _enabled(on: bool) -> Iterator[None]:
    saved, _accel.ENABLED = _accel.ENABLED, on
    try:
        yield
    finally:
        _accel.ENABLED = saved


@pytest.fixture(autouse=True)
def _on() -> Iterator[None]:
    """Turn the accelerator on, even in a run with ``DIPLOMEV_NO_MSGSPEC`` set."""
    yield from _enabled(True)


@pytest.fixture
def pure() -> Iterator[None]:
    """Turn the accelerator off: `diplomev.loads` reads by the pure path alone."""
    yield from _enabled(False)


def pure_loads(text: bytes) -> Any:
    """The record the pure path builds of ``text``, or the `ValidationError` it raises."""
    saved, _accel.ENABLED = _accel.ENABLED, False
    try:
        return diplomev.loads(text)
    except ValidationError as e:
        return e
    finally:
        _accel.ENABLED = saved


def accelerated(text: bytes) -> Any:
    accel = _accel.accelerator()
    assert accel is not None
    return accel.loads(text)


def built(result: Any) -> bool:
    """Whether the accelerator built a record (not INVALID, not REFUSED)."""
    return isinstance(result, diplomev.Event)


def outcome(text: bytes) -> Any:
    """What `diplomev.loads` gives, the accelerator on: a record, or the problems it names."""
    try:
        return diplomev.loads(text)
    except ValidationError as e:
        return [str(detail) for detail in e.errors]


def agree(text: bytes) -> Any:
    """Assert that the accelerator builds nothing or the pure path's record; return it.

    A text it says REFUSED the pure path refuses too, and `loads` says the same either way.
    """
    fast, expected = accelerated(text), pure_loads(text)
    assert fast is INVALID or fast is REFUSED or built(fast)
    if fast is REFUSED:
        assert isinstance(expected, ValidationError), (text, expected)
    elif built(fast):
        assert not isinstance(expected, ValidationError), (text, expected)
        assert fast == expected
        assert diplomev.dumps(fast) == diplomev.dumps(expected)
    if isinstance(expected, ValidationError):
        assert outcome(text) == [str(detail) for detail in expected.errors]
    else:
        assert outcome(text) == expected
    return fast


GOLDEN_TEXTS = [diplomev.dumps(e).encode() for e in read_jsonl(GOLDEN)]


def test_the_golden_records_are_built_by_the_accelerator_and_equal_the_pure_ones() -> None:
    records = [agree(text) for text in GOLDEN_TEXTS]
    assert all(map(built, records))  # compact text of valid records: none left to the pure path


def test_loads_uses_the_accelerator_unless_it_is_turned_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[bytes] = []
    original = _accel.Accelerator.loads

    def counting(self: Any, text: Any) -> Any:
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(_accel.Accelerator, "loads", counting)
    first = diplomev.loads(GOLDEN_TEXTS[0])
    assert calls == [GOLDEN_TEXTS[0]]
    monkeypatch.setattr(_accel, "ENABLED", False)
    assert diplomev.loads(GOLDEN_TEXTS[0]) == first
    assert calls == [GOLDEN_TEXTS[0]]
    assert _accel.accelerator() is None


@settings(max_examples=150)
@given(ds.events())
def test_generated_events_are_built_as_the_pure_path_builds_them(event: Any) -> None:
    record = agree(diplomev.dumps(event).encode())
    if built(record):
        assert record == event


@settings(max_examples=150)
@given(ds.invalid_records())
def test_corrupted_records_are_never_built(record: Any) -> None:
    text = compact(record.data) if _json_ready(record.data) else None
    if text is not None:
        assert not built(agree(text))
        assert isinstance(pure_loads(text), ValidationError)


def _json_ready(value: Any) -> bool:
    try:
        compact(value)
    except (TypeError, ValueError):
        return False
    return True


@st.composite
def mutated_texts(draw: st.DrawFn) -> bytes:
    """Compact text of a valid event with bytes replaced, inserted or deleted."""
    text = bytearray(diplomev.dumps(draw(ds.events())).encode())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = draw(st.sampled_from(b' ,:"{}[]0-e.\\x_a\xc3\xed'))
        if action == "replace":
            text[at] = byte
        elif action == "insert":
            text.insert(at, byte)
        else:
            del text[at]
    return bytes(text)


@settings(max_examples=300)
@given(mutated_texts())
def test_mutated_texts_give_nothing_or_the_pure_record(text: bytes) -> None:
    agree(text)


SUMMIT: dict[str, Any] = json.loads(GOLDEN_TEXTS[1])


def summit(**changes: Any) -> dict[str, Any]:
    data = json.loads(GOLDEN_TEXTS[1])
    data.update(changes)
    return data


def _with_tail(data: dict[str, Any], tail: str) -> bytes:
    return compact(data)[:-1] + tail.encode() + b"}"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("duplicate key, same value", _with_tail(SUMMIT, ',"id":' + json.dumps(SUMMIT["id"]))),
        ("duplicate key, other value", compact(summit())[:-1] + b',"host":"JPN"}'),
        ("duplicate x_ key", _with_tail(SUMMIT, ',"x_a":1,"x_a":2')),
        ("duplicate key in an x_ value", _with_tail(SUMMIT, ',"x_a":{"k":1,"k":2}')),
        ("x_ value with a lone surrogate", _with_tail(SUMMIT, ',"x_a":"\\udc00"')),
        ("unknown key after the fields", _with_tail(SUMMIT, ',"venue":"Beijing"')),
        ("bare x_ key", _with_tail(SUMMIT, ',"x_":1')),
        ("x_ value too small", _with_tail(SUMMIT, ',"x_a":1e-400')),
        ("x_ value too large", _with_tail(SUMMIT, ',"x_a":1e400')),
        ("format version", _with_tail(SUMMIT, ',"diplomev":"2"')),
        ("blank id", compact(summit(id=" \u3000"))),
        ("blank outcome", compact(summit(outcomes=["ok", "\t"]))),
        ("impossible date", compact(summit(date="2026-02-30"))),
        ("interval backwards", compact(summit(date="2026-02-03/2026-01-01"))),
        ("lone surrogate", compact(summit())[:-1] + b',"summary":"\\ud800"}'),
        ("one participant", compact(summit(participants=SUMMIT["participants"][:1]))),
        ("unknown country", compact(summit(host="XXX"))),
        ("lower-case country", compact(summit(host="chn"))),
    ],
)
def test_edge_cases_refused_by_the_pure_path_are_refused(name: str, text: bytes) -> None:
    assert not built(agree(text))
    assert isinstance(pure_loads(text), ValidationError)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("x_ keys", _with_tail(SUMMIT, ',"x_a":[1,{"k":" "}],"x_b":12345678901234567890123')),
        (
            "latitude as an integer",
            compact(summit(location={"name": "Beijing", "lat": 40, "lon": 116})),
        ),
        ("spaces", json.dumps(SUMMIT).encode()),
        ("str input", compact(SUMMIT)),
        ("null for an absent value", compact(summit(forum=None))),
        ("latitude 0.0", compact(summit(location={"name": "Null Island", "lat": 0.0, "lon": 0.0}))),
    ],
)
def test_texts_the_pure_path_accepts_are_read_alike(name: str, text: bytes) -> None:
    agree(text)
    agree(text.decode())  # type: ignore[arg-type]
    assert isinstance(pure_loads(text), diplomev.Summit)


def test_x_keys_are_kept_as_the_pure_path_keeps_them() -> None:
    text = _with_tail(SUMMIT, ',"x_coder":"hand","x_score":[0.5,{"a":null}]')
    record = agree(text)
    assert built(record)
    assert dict(record.extensions) == {"x_coder": "hand", "x_score": (0.5, {"a": None})}


def test_a_kind_with_a_validator_of_its_own_is_left_to_the_pure_path() -> None:
    @diplomev.register_event_type("accel_probe")
    @attrs.frozen(kw_only=True)
    class Probe(diplomev.Event):
        level: int = attrs.field(validator=attrs.validators.le(3))

    try:
        text = b'{"type":"accel_probe","id":"p","date":"2020","status":"occurred","level":%d}'
        assert accelerated(text % 2) is INVALID  # not mirrored: its validator is Python's
        assert diplomev.loads(text % 2).level == 2  # type: ignore[attr-defined]
        with pytest.raises(ValidationError):
            diplomev.loads(text % 4)
        assert built(accelerated(GOLDEN_TEXTS[1]))  # the built-in kinds still are
        assert accelerated(compact(summit(host="XXX"))) is REFUSED
    finally:
        # Taken out again (a test's liberty: tags are taken for good): the kinds of the
        # other tests are theirs to register.
        del registry._BY_TAG["event"]["accel_probe"]
        del registry._TAGS[Probe]


def test_values_refused_are_said_refused_and_read_in_full_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = {
        "msgspec's check": compact(summit(host="XXX")),
        "a builder's check": compact(summit(date="2026-02-30")),
        "a rule": compact(summit(location={"lat": 40.0})),
    }
    expected = {name: [str(d) for d in pure_loads(text).errors] for name, text in bad.items()}
    quick: list[Any] = []
    monkeypatch.setattr(codec, "parse_json_quickly", lambda text: quick.append(text))
    for name, text in bad.items():
        assert accelerated(text) is REFUSED, name
        assert outcome(text) == expected[name], name
    assert quick == []  # none of them was parsed quickly and read by the fast pass first
    assert accelerated(json.dumps(summit(host="XXX")).encode()) is REFUSED  # spaces too


def test_kinds_that_cannot_be_mirrored_leave_every_text_to_the_pure_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(plan: Any) -> Any:
        raise RuntimeError("cannot mirror")

    monkeypatch.setattr(_accel, "_emit_builder", broken)
    accel = _accel.Accelerator()
    assert accel.loads(GOLDEN_TEXTS[1]) is INVALID
    assert accel.loads(compact(summit(host="XXX"))) is INVALID  # no kind mirrored
    monkeypatch.setattr(_accel, "_ACCELERATOR", accel)
    assert diplomev.loads(GOLDEN_TEXTS[1]) == pure_loads(GOLDEN_TEXTS[1])


def test_the_pure_path_reads_the_golden_file_alone(pure: None) -> None:
    assert _accel.accelerator() is None
    assert [diplomev.loads(text) for text in GOLDEN_TEXTS] == list(read_jsonl(GOLDEN))


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"])
def test_a_line_with_its_ending_is_read_by_the_accelerator(ending: bytes) -> None:
    assert agree(GOLDEN_TEXTS[1] + ending) == diplomev.loads(GOLDEN_TEXTS[1])
    assert built(accelerated(GOLDEN_TEXTS[1][:-1] + b',"x_a":1}' + ending))
    assert accelerated(GOLDEN_TEXTS[1] + b" " + ending) is INVALID  # for the pure path


def test_read_jsonl_reads_its_lines_through_the_accelerator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = list(read_jsonl(GOLDEN))
    built: list[Any] = []
    original = _accel.Accelerator.loads

    def recording(self: Any, text: Any) -> Any:
        built.append(original(self, text))
        return built[-1]

    monkeypatch.setattr(_accel.Accelerator, "loads", recording)
    events = list(read_jsonl(io.BytesIO(b"\n".join(GOLDEN_TEXTS) + b"\n")))
    assert events == expected
    assert len(built) == len(GOLDEN_TEXTS)
    assert all(isinstance(record, diplomev.Event) for record in built)
