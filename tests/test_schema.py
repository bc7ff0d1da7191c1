"""The JSON Schema: what to_dict writes validates; what from_dict refuses, the schema refuses."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given

import diplomev
from diplomev import (
    Agreement,
    DiplomaticAction,
    Dispute,
    Statement,
    Summit,
    TradeIssue,
    ValidationError,
    Visit,
    Vote,
)
from diplomev.schema import json_schema
from diplomev.strategies import events

from .conftest import GOLDEN

BUILT_IN = [
    Summit, Visit, Dispute, TradeIssue, Agreement, Statement, DiplomaticAction, Vote,
]  # fmt: skip
SCHEMA_FILE = Path(__file__).parent.parent / "docs" / "schema.json"
GOLDEN_DICTS = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
VALIDATOR = jsonschema.Draft202012Validator(
    json_schema(BUILT_IN), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def schema_errors(data: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(data)]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_the_committed_schema_is_current() -> None:
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(BUILT_IN)


def test_the_schema_command_prints_the_committed_schema() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "diplomev", "schema"], capture_output=True, check=True, timeout=60
    )
    assert json.loads(run.stdout) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("data", GOLDEN_DICTS, ids=[d["id"] for d in GOLDEN_DICTS])
def test_golden_records_validate(data: dict[str, Any]) -> None:
    assert schema_errors(data) == []


@given(events())
def test_generated_records_validate(event: diplomev.Event) -> None:
    assert schema_errors(diplomev.to_dict(event)) == []


def with_changes(index: int, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOLDEN_DICTS[index])
    for key, value in changes.items():
        if value is ...:
            del data[key]
        else:
            data[key] = value
    return data


# Records that both the schema and from_dict must refuse.
INVALID = {
    "unknown type": {"type": "coup", "id": "x", "date": "2020"},
    "no type": with_changes(1, type=...),
    "missing id": with_changes(1, id=...),
    "id a number": with_changes(1, id=12345),
    "blank summary": with_changes(1, summary="  "),
    "date with a time": with_changes(1, date="2026-01-05T10:00"),
    "date basic format": with_changes(1, date="20260105"),
    "date ISO week": with_changes(1, date="2026-W02-1"),
    "date both ends open": with_changes(1, date="../.."),
    "date year zero": with_changes(1, date="0000"),
    "status unknown": with_changes(1, status="finished"),
    "one participant": with_changes(1, participants=[{"type": "country", "code": "KOR"}]),
    "unknown country": with_changes(1, host="XXX"),
    "lower-case country": with_changes(1, host="chn"),
    "unknown key": with_changes(1, venue="Beijing"),
    "bare x_": with_changes(1, x_=1),
    "actor without type": with_changes(0, visitor={"code": "KOR"}),
    "person without name or office": with_changes(0, visitor={"type": "person", "country": "KOR"}),
    "location lat without lon": with_changes(1, location={"name": "Beijing", "lat": 39.9}),
    "location lat out of range": with_changes(1, location={"name": "B", "lat": 91, "lon": 0}),
    "location nothing": with_changes(1, location={"kind": "city"}),
    "source without url or title": with_changes(1, sources=[{"publisher": "Yonhap"}]),
    "published not a day": with_changes(1, sources=[{"title": "t", "published": "2026-01"}]),
    "quote start without end": with_changes(
        1, sources=[{"title": "t", "quotes": [{"text": "a", "start": 0}]}]
    ),
    "quote negative start": with_changes(
        1, sources=[{"title": "t", "quotes": [{"text": "a", "start": -1, "end": 0}]}]
    ),
    "official a string": with_changes(6, official="false"),
    "rate negative": with_changes(6, rate_percent=-5),
    "rate a string": with_changes(6, rate_percent="80.5"),
    "measure unknown": with_changes(6, measure="tariffs"),
    "no imposers": with_changes(6, imposers=[]),
    "dispute party with unknown key": with_changes(
        4, parties=[{"actor": {"type": "country", "code": "CHN"}, "claim": "x"}]
    ),
    "meeting without counterparts": with_changes(
        0, meetings=[{"counterparts": [], "kind": "talks"}]
    ),
    "unsupported version": with_changes(1, diplomev="2"),
    "topics not an array": with_changes(1, topics="security"),
    "affiliation without its tag": with_changes(
        0, visitor={"type": "person", "name": "Park", "affiliation": {"name": "Yongin University"}}
    ),
}


@pytest.mark.parametrize("data", INVALID.values(), ids=INVALID.keys())
def test_invalid_records_are_refused_by_both(data: dict[str, Any]) -> None:
    assert schema_errors(data), "the schema accepted it"
    with pytest.raises(ValidationError):
        diplomev.from_dict(data)


# What JSON Schema cannot express: diplomev alone refuses these (docs/format.md says so).
ONLY_DIPLOMEV = {
    "impossible day": with_changes(1, date="2026-02-30"),
    "interval ending before it starts": with_changes(1, date="2026-01-07/2026-01-04"),
    "quote span not matching its text": with_changes(
        1, sources=[{"title": "t", "quotes": [{"text": "abc", "start": 0, "end": 2}]}]
    ),
}


@pytest.mark.parametrize("data", ONLY_DIPLOMEV.values(), ids=ONLY_DIPLOMEV.keys())
def test_calendar_and_arithmetic_checks_are_diplomevs_own(data: dict[str, Any]) -> None:
    assert schema_errors(data) == []
    with pytest.raises(ValidationError):
        diplomev.from_dict(data)


def test_custom_x_keys_are_allowed_and_nulls_read_as_absent() -> None:
    assert schema_errors(with_changes(1, x_coder="hand", x_n={"a": [1]})) == []
    assert schema_errors(with_changes(1, summary=None)) == []


def test_registered_custom_kinds_are_in_the_schema() -> None:
    @diplomev.register_event_type("schema_test_treaty")
    @attrs.frozen(kw_only=True)
    class Treaty(diplomev.Event):
        parties: tuple[diplomev.Actor, ...] = attrs.field(metadata=diplomev.limits(min_items=2))
        rate_percent: float | None = attrs.field(
            default=None, metadata=diplomev.limits(ge=0.0, le=100.0)
        )

    schema = json_schema()
    assert {"$ref": "#/$defs/schema_test_treaty"} in schema["oneOf"]
    treaty = schema["$defs"]["schema_test_treaty"]
    assert treaty["properties"]["parties"]["minItems"] == 2
    assert treaty["properties"]["rate_percent"]["anyOf"][0] == {
        "type": "number",
        "minimum": 0.0,
        "maximum": 100.0,
    }
    record = Treaty(
        id="t",
        date=diplomev.parse_date("2020"),
        parties=(diplomev.Country(code="KOR"), diplomev.Country(code="JPN")),
    )
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(diplomev.to_dict(record))) == []


@pytest.mark.parametrize(
    "bad", ["lee\x00visit", "lee\x1b[2Jvisit", "lee\u202evisit", "a\u2069", "a\nb", "a\x85"]
)
@pytest.mark.parametrize("where", ["id", "link", "url"])
def test_ids_with_control_or_bidi_characters_are_refused_by_both(bad: str, where: str) -> None:
    changes: dict[str, Any] = {
        "id": {"id": bad},
        "link": {"links": [{"rel": "part_of", "target": bad}]},
        "url": {"sources": [{"url": bad}]},
    }[where]
    data = with_changes(1, **changes)
    assert schema_errors(data) != []
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict(data)
    assert excinfo.value.codes == ("bad_text",)


@pytest.mark.parametrize("good", ["lee-xi-2026", "이재명-시진핑", "a\u200db", "urn:x:1"])
def test_ids_of_printable_text_are_accepted_by_both(good: str) -> None:
    data = with_changes(1, id=good)
    assert schema_errors(data) == []
    assert diplomev.from_dict(data).id == good
