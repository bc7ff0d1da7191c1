"""Handling ValidationError (Errors and validation): every problem, with its path."""

from typing import Any, reveal_type

import attrs

import diplomev
from diplomev import ErrorDetail, Person, Summit, Visit

lee = Person(name="Lee Jae Myung", office="President", country="KOR")

try:
    Summit(id="", date="2026-01-05", participants=[lee], host="China")
except diplomev.ValidationError as e:
    reveal_type(e.errors)  # assert typ == "tuple[diplomev.errors.ErrorDetail, ...]"
    reveal_type(e.errors[0].path)  # assert typ == "str"
    reveal_type(e.errors[0].message)  # assert typ == "str"
    reveal_type(e.paths)  # assert typ == "tuple[str, ...]"
    first_path, paths = e.errors[0].path, e.paths
assert first_path == "$.id"
assert paths == ("$.id", "$.participants", "$.host")

summit = Summit(id="s", date="2026-01-05", participants=[lee, Person(name="Xi Jinping")])
try:
    attrs.evolve(summit, host="Beijing")
except diplomev.ValidationError as e:
    message = str(e)
assert message == (
    "1 problem: $.host: unknown country code 'Beijing' (resolve_country('Beijing') reads it as 'CHN')"
)


# A tool's own typed functions around from_dict.
def review(data: object) -> tuple[diplomev.Event | None, tuple[str, ...]]:
    """Accept a record, or return the paths a coder must fix."""
    try:
        return diplomev.from_dict(data), ()
    except diplomev.ValidationError as e:
        return None, e.paths


def problems(data: object, *cls: type[diplomev.Event]) -> list[str]:
    """The problems of a record, as the Errors page prints them (from_dict(data, *cls))."""
    try:
        diplomev.from_dict(data, *cls)
    except diplomev.ValidationError as e:
        return [str(detail) for detail in e.errors]
    return []


def as_rows(error: diplomev.ValidationError) -> list[dict[str, str]]:
    return [{"path": d.path, "message": d.message} for d in error.errors]


bad: dict[str, Any] = {"type": "summit", "id": "s", "date": "2025-11-31", "participants": []}
event, paths = review(bad)
reveal_type(event)  # assert typ == "diplomev.records.event.Event | None"
assert event is None
assert paths == ("$.date", "$.participants")
assert problems({"type": "summit", "id": "s"}, Visit) == ["$.type: expected 'visit', got 'summit'"]
assert problems({"type": "coup"})[0].startswith("$.type: unknown event type 'coup'")
detail: ErrorDetail = diplomev.ValidationError.at("$.id", "required field missing").errors[0]
rows = as_rows(diplomev.ValidationError([detail]))
assert rows == [{"path": "$.id", "message": "required field missing"}]
