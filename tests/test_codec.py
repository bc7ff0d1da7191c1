"""The codec: the golden file, the serialized form, strictness, and every problem with its path."""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplomev
from diplomev import Dispute, Event, Summit, TradeIssue, ValidationError, Visit
from diplomev.codec.emit import detailed_only, structure_tagged
from diplomev.model import tagged
from diplomev.strategies import events

from .conftest import GOLDEN

GOLDEN_LINES = GOLDEN.read_text(encoding="utf-8").splitlines()
GOLDEN_DICTS = [json.loads(line) for line in GOLDEN_LINES]
EXPECTED_KINDS = [Visit, Summit, Summit, Visit, Dispute, Dispute, TradeIssue, Dispute, Visit]


def problems(data: Any) -> list[tuple[str, str]]:
    """The (path, message) of every problem ``from_dict`` finds in ``data``."""
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict(data)
    return [(detail.path, detail.message) for detail in excinfo.value.errors]


def problem_paths(data: Any) -> list[str]:
    return [path for path, _ in problems(data)]


def summit_dict(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOLDEN_DICTS[1])
    data.update(changes)
    return data


class TestGoldenFile:
    def test_every_line_loads_as_the_right_kind(self) -> None:
        events = [diplomev.loads(line) for line in GOLDEN_LINES]
        assert [type(event) for event in events] == EXPECTED_KINDS
        assert [event.id for event in events] == [d["id"] for d in GOLDEN_DICTS]

    @pytest.mark.parametrize("data", GOLDEN_DICTS, ids=[d["id"] for d in GOLDEN_DICTS])
    def test_dict_round_trip_gives_the_golden_dict_back(self, data: dict[str, Any]) -> None:
        event = diplomev.from_dict(data)
        assert diplomev.to_dict(event) == data
        assert diplomev.from_dict(diplomev.to_dict(event)) == event

    @pytest.mark.parametrize("line", GOLDEN_LINES, ids=[d["id"] for d in GOLDEN_DICTS])
    def test_json_round_trip(self, line: str) -> None:
        event = diplomev.loads(line)
        text = diplomev.dumps(event)
        assert diplomev.loads(text) == event
        assert json.loads(text) == json.loads(line)
        assert diplomev.loads(line.encode("utf-8")) == event

    def test_from_dict_does_not_change_its_input(self) -> None:
        data = copy.deepcopy(GOLDEN_DICTS)
        for item in data:
            diplomev.from_dict(item)
        assert data == GOLDEN_DICTS

    def test_nested_parts_are_typed(self) -> None:
        visit = diplomev.from_dict(GOLDEN_DICTS[0])
        assert isinstance(visit, Visit)
        assert visit.date.lower().isoformat() == "2026-01-04"
        assert visit.meetings[0].kind is diplomev.MeetingKind.BANQUET
        speaker = visit.sources[0].quotes[2].speaker
        assert isinstance(speaker, diplomev.Person)
        assert speaker.name == "Lee Jae Myung"

    def test_quotes_match_the_article(self) -> None:
        article = GOLDEN.with_name("lee-beijing-visit.txt").read_text(encoding="utf-8")
        for line in GOLDEN_LINES:
            for source in diplomev.loads(line).sources:
                for quote in source.quotes:
                    assert article[quote.start : quote.end] == quote.text


class TestSerializedForm:
    def test_empty_and_absent_fields_are_omitted_status_is_kept(self) -> None:
        visit = Visit(
            id="v",
            date=diplomev.parse_date("2019"),
            visitor=diplomev.Person(office="King"),
            host="GBR",
        )
        assert diplomev.to_dict(visit) == {
            "type": "visit",
            "id": "v",
            "date": "2019",
            "status": "occurred",
            "visitor": {"type": "person", "office": "King"},
            "host": "GBR",
        }

    def test_enum_fields_at_a_non_default_value_are_written(self) -> None:
        data = summit_dict()
        data["type"] = "visit"
        visit = diplomev.from_dict(GOLDEN_DICTS[0])
        written = diplomev.to_dict(attrs.evolve(visit, kind="state"))
        assert written["kind"] == "state"

    def test_extensions_round_trip_at_the_top_level(self) -> None:
        data = summit_dict(x_coder="hand", x_confidence=0.9, x_tags=["a", {"b": None}])
        event = diplomev.from_dict(data)
        assert event.extensions == {
            "x_coder": "hand",
            "x_confidence": 0.9,
            "x_tags": ("a", {"b": None}),
        }
        assert diplomev.to_dict(event) == data

    def test_format_version_key_is_accepted(self) -> None:
        assert diplomev.from_dict(summit_dict(diplomev="1")) == diplomev.from_dict(summit_dict())

    def test_unknown_format_version_is_refused(self) -> None:
        assert problems(summit_dict(diplomev="2")) == [
            ("$.diplomev", "unsupported format version '2'")
        ]

    def test_dumps_is_compact_and_keeps_unicode(self) -> None:
        text = diplomev.dumps(diplomev.from_dict(GOLDEN_DICTS[0]))
        assert "’" in text
        assert ", " not in text.split('"summary"')[0]

    def test_from_dict_can_ask_for_a_kind(self) -> None:
        assert isinstance(diplomev.from_dict(summit_dict(), Summit), Summit)
        assert problems_for(summit_dict(), Visit)[0] == ("$.type", "expected 'visit', got 'summit'")

    def test_building_blocks_have_their_own_form(self) -> None:
        person = diplomev.from_dict({"type": "person", "name": "Li Qiang"}, diplomev.Person)
        assert diplomev.to_dict(person) == {"type": "person", "name": "Li Qiang"}
        location = diplomev.from_dict({"name": "Beijing"}, diplomev.Location)
        assert diplomev.to_dict(location) == {"name": "Beijing"}

    def test_from_dict_only_builds_records(self) -> None:
        with pytest.raises(TypeError):
            diplomev.from_dict({}, dict)


def problems_for(data: Any, cls: type[Any]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict(data, cls)
    return [(detail.path, detail.message) for detail in excinfo.value.errors]


# Each bad input with exactly the paths its problems must be reported at.
BAD_INPUTS: list[tuple[str, Any, list[str]]] = [
    ("not an object", [], ["$"]),
    ("null", None, ["$"]),
    ("no type", {"id": "x"}, ["$.type"]),
    ("unknown type", {"type": "coup", "id": "x"}, ["$.type"]),
    ("type not a string", {"type": 3}, ["$.type"]),
    ("missing required fields", {"type": "summit"}, ["$.id", "$.date", "$.participants"]),
    ("id a number", summit_dict(id=12345), ["$.id"]),
    ("id blank", summit_dict(id=" "), ["$.id"]),
    ("date impossible", summit_dict(date="2026-02-30"), ["$.date"]),
    ("date basic ISO", summit_dict(date="20260105"), ["$.date"]),
    ("date ISO week", summit_dict(date="2026-W02-1"), ["$.date"]),
    ("date backwards", summit_dict(date="2026-01-07/2026-01-04"), ["$.date"]),
    ("date a number", summit_dict(date=2026), ["$.date"]),
    ("status unknown", summit_dict(status="finished"), ["$.status"]),
    ("status upper case", summit_dict(status="OCCURRED"), ["$.status"]),
    (
        "one participant",
        summit_dict(participants=[{"type": "country", "code": "KOR"}]),
        ["$.participants"],
    ),
    (
        "participant country unknown",
        summit_dict(
            participants=[
                {"type": "country", "code": "KOR"},
                {"type": "person", "name": "Xi", "country": "XXX"},
            ]
        ),
        ["$.participants[1].country"],
    ),
    (
        "participant without tag",
        summit_dict(participants=[{"type": "country", "code": "KOR"}, {"code": "CHN"}]),
        ["$.participants[1].type"],
    ),
    (
        "participants not an array",
        summit_dict(participants={"type": "country", "code": "KOR"}),
        ["$.participants"],
    ),
    ("topics with a number", summit_dict(topics=["a", 1, None]), ["$.topics[1]", "$.topics[2]"]),
    ("unknown key", summit_dict(venue="Beijing"), ["$.venue"]),
    ("x_ key with NaN", summit_dict(x_score=float("nan")), ["$.x_score"]),
    ("host lower case", summit_dict(host="chn"), ["$.host"]),
    (
        "location lat a string",
        summit_dict(location={"name": "Beijing", "lat": "39.9", "lon": 116.4}),
        ["$.location.lat"],
    ),
    (
        "location lat out of range",
        summit_dict(location={"name": "Beijing", "lat": 91, "lon": 116.4}),
        ["$.location.lat"],
    ),
    (
        "location unknown key",
        summit_dict(location={"name": "Beijing", "type": "city"}),
        ["$.location.type"],
    ),
    (
        "link rel unknown",
        summit_dict(links=[{"rel": "sibling", "target": "x"}]),
        ["$.links[0].rel"],
    ),
    (
        "quote offsets wrong",
        summit_dict(sources=[{"title": "t", "quotes": [{"text": "abc", "start": 0, "end": 2}]}]),
        ["$.sources[0].quotes[0].end"],
    ),
    (
        "quote end a string",
        summit_dict(
            sources=[
                {
                    "title": "t",
                    "quotes": [{"text": "a", "start": 0}, {"text": "b", "start": 0, "end": "1"}],
                }
            ]
        ),
        ["$.sources[0].quotes[0]", "$.sources[0].quotes[1].end"],
    ),
    (
        "source published impossible",
        summit_dict(sources=[{"title": "t", "published": "2026-13-01"}]),
        ["$.sources[0].published"],
    ),
    (
        "source published partial",
        summit_dict(sources=[{"title": "t", "published": "2026-01"}]),
        ["$.sources[0].published"],
    ),
    (
        "source without url or title",
        summit_dict(sources=[{"publisher": "Yonhap"}]),
        ["$.sources[0]"],
    ),
    ("official a string", {**GOLDEN_DICTS[6], "official": "false"}, ["$.official"]),
    ("official an integer", {**GOLDEN_DICTS[6], "official": 0}, ["$.official"]),
    ("rate a string", {**GOLDEN_DICTS[6], "rate_percent": "80.5"}, ["$.rate_percent"]),
    ("rate negative", {**GOLDEN_DICTS[6], "rate_percent": -1}, ["$.rate_percent"]),
    (
        "measure missing",
        {k: v for k, v in GOLDEN_DICTS[6].items() if k != "measure"},
        ["$.measure"],
    ),
    (
        "dispute party without actor",
        {**GOLDEN_DICTS[4], "parties": [{"position": "x"}]},
        ["$.parties[0].actor"],
    ),
    (
        "meeting kind unknown",
        {
            **GOLDEN_DICTS[0],
            "meetings": [{"counterparts": [{"type": "country", "code": "CHN"}], "kind": "lunch"}],
        },
        ["$.meetings[0].kind"],
    ),
    ("visit host missing", {k: v for k, v in GOLDEN_DICTS[0].items() if k != "host"}, ["$.host"]),
    (
        "person with neither name nor office",
        {**GOLDEN_DICTS[0], "visitor": {"type": "person", "country": "KOR"}},
        ["$.visitor"],
    ),
    ("actor type unknown", {**GOLDEN_DICTS[0], "visitor": {"type": "robot"}}, ["$.visitor.type"]),
    ("extensions key on the wire", summit_dict(extensions={"x_a": 1}), ["$.extensions"]),
]


@pytest.mark.parametrize(
    ("data", "expected"), [(d, e) for _, d, e in BAD_INPUTS], ids=[n for n, _, _ in BAD_INPUTS]
)
def test_bad_input_is_reported_at_exactly_these_paths(data: Any, expected: list[str]) -> None:
    assert sorted(problem_paths(data)) == sorted(expected)


def test_one_call_reports_problems_from_every_part_of_a_record() -> None:
    data = summit_dict(
        id=7,
        date="2026-02-30",
        venue="Beijing",
        participants=[{"type": "country", "code": "KOR"}, {"type": "person", "country": "XXX"}],
        location={"name": "Beijing", "lat": 123, "lon": 116.4},
        sources=[{"title": "t", "quotes": [{"text": "abc", "start": 0, "end": "3"}]}],
    )
    assert sorted(problem_paths(data)) == sorted(
        [
            "$.id",
            "$.date",
            "$.venue",
            "$.participants[1]",  # neither name nor office: a rule on well-typed fields
            "$.participants[1].country",
            "$.location.lat",
            "$.sources[0].quotes[0].end",
        ]
    )


def test_messages_say_what_is_wrong() -> None:
    found = dict(problems(summit_dict(id=12345, status="done", host="XXX")))
    assert found["$.id"] == "expected a string, got number"
    assert (
        found["$.status"]
        == "expected one of 'occurred', 'ongoing', 'planned', 'cancelled', got 'done'"
    )
    assert found["$.host"] == "unknown country code 'XXX'"


class TestStrictTypes:
    """Nothing is coerced: a wrong JSON type is an error with its path."""

    @pytest.mark.parametrize(
        ("key", "value"),
        [("summary", 12345), ("summary", True), ("summary", ["a"]), ("id", None), ("host", 410)],
    )
    def test_strings(self, key: str, value: Any) -> None:
        assert problem_paths(summit_dict(**{key: value})) == [f"$.{key}"]

    @pytest.mark.parametrize("value", ["true", 1, 0, None])
    def test_booleans(self, value: Any) -> None:
        data = {**GOLDEN_DICTS[6], "official": value}
        if value is None:  # null means absent for an optional field
            assert diplomev.from_dict(data).official is None  # type: ignore[attr-defined]
        else:
            assert problem_paths(data) == ["$.official"]

    @pytest.mark.parametrize("value", ["80.5", True, [1], float("inf"), 1e400, 10**400, -(10**400)])
    def test_numbers(self, value: Any) -> None:
        assert problem_paths({**GOLDEN_DICTS[6], "rate_percent": value}) == ["$.rate_percent"]

    def test_integers_are_numbers(self) -> None:
        issue = diplomev.from_dict({**GOLDEN_DICTS[6], "rate_percent": 25})
        assert issue.rate_percent == 25.0  # type: ignore[attr-defined]


class TestJSONText:
    @pytest.mark.parametrize(
        "text",
        [
            "",
            "{",
            "[1, 2",
            '{"type": "summit",}',
            '{"lat": NaN}',
            '{"lat": -Infinity}',
            "1" * 5000,
            "[" * 100_000,
            b"\xff\xfe{}",
            b'{"type": "summit", "id": "\xc3"}',
        ],
    )
    def test_invalid_json_raises_only_validation_error(self, text: str | bytes) -> None:
        with pytest.raises(ValidationError) as excinfo:
            diplomev.loads(text)
        assert [d.path for d in excinfo.value.errors] == ["$"]

    @pytest.mark.parametrize("value", [None, 12, 1.5, ["{}"], {"type": "summit"}, object()])
    def test_loads_of_something_that_is_not_text(self, value: Any) -> None:
        with pytest.raises(ValidationError, match="expected JSON text"):
            diplomev.loads(value)

    def test_huge_numbers_in_json_text(self) -> None:
        line = GOLDEN_LINES[6].replace(
            '"official": false', '"official": false, "rate_percent": 1' + "0" * 400
        )
        with pytest.raises(ValidationError) as excinfo:
            diplomev.loads(line)
        assert excinfo.value.paths == ("$.rate_percent",)

    def test_invalid_utf8_names_the_byte(self) -> None:
        with pytest.raises(ValidationError, match="invalid UTF-8 at byte 0"):
            diplomev.loads(b"\xff{}")

    def test_deeply_nested_dicts_raise_validation_error(self) -> None:
        data: Any = "x"
        for _ in range(100_000):
            data = {"type": "summit", "x_deep": data}
        with pytest.raises(ValidationError):
            diplomev.from_dict(data)


class TestConverter:
    def test_make_converter_is_independent_and_strict(self) -> None:
        converter = diplomev.make_converter()
        assert converter is not diplomev.make_converter()
        assert converter.structure("80", str) == "80"
        with pytest.raises(ValidationError):
            converter.structure(80, str)
        with pytest.raises(ValidationError):
            converter.structure("1", bool)

    def test_configure_converter_adds_hooks_to_a_callers_converter(self) -> None:
        @attrs.define
        class Dataset:
            name: str
            events: list[Event]
            count: int

        converter = diplomev.configure_converter(cattrs.Converter())
        data = {"name": "seed", "events": GOLDEN_DICTS, "count": "9"}
        dataset = converter.structure(data, Dataset)
        assert [type(e) for e in dataset.events] == EXPECTED_KINDS
        # The caller's own scalars keep the caller's (lax) policy.
        assert dataset.count == 9
        assert converter.unstructure(dataset)["events"] == GOLDEN_DICTS

    def test_configure_converter_leaves_the_global_converter_alone(self) -> None:
        diplomev.make_converter()
        assert cattrs.structure(12345, str) == "12345"

    def test_errors_inside_a_callers_class_keep_our_paths(self) -> None:
        @attrs.define
        class Holder:
            summit: Summit

        converter = diplomev.configure_converter(cattrs.Converter())
        with pytest.raises(ValidationError) as excinfo:
            converter.structure({"summit": summit_dict(host="XXX")}, Holder)
        assert excinfo.value.paths == ("$.summit.host",)

    def test_a_callers_class_of_many_records_reports_every_problem_at_its_full_path(
        self,
    ) -> None:
        good = {"coder": "hand", "coded_on": "2026-01-06", "events": GOLDEN_DICTS[:2]}
        bad_event = {**GOLDEN_DICTS[1], "date": "2026-13"}
        bad = {"coder": "model", "coded_on": "2026-02-30", "events": [GOLDEN_DICTS[0], bad_event]}
        # configure_converter leaves the caller's own date policy alone: here, the caller's.
        own = cattrs.Converter()
        own.register_structure_hook(datetime.date, lambda v, _: datetime.date.fromisoformat(v))
        for converter in (diplomev.make_converter(), diplomev.configure_converter(own)):
            with pytest.raises(ValidationError) as excinfo:
                converter.structure({"label": "x", "items": [good, bad, {"coder": "a"}]}, Batch)
            paths = excinfo.value.paths
            assert "$.items[1].events[1].date" in paths
            assert "$.items[2].coded_on" in paths
            assert "$.items[2].events" in paths
            assert excinfo.value.codes[paths.index("$.items[2].events")] == "missing"
        # make_converter reads the caller's days as ISO text (and says what is wrong).
        converter = diplomev.make_converter()
        with pytest.raises(ValidationError) as excinfo:
            converter.structure({"label": "x", "items": [bad]}, Batch)
        assert set(excinfo.value.paths) == {"$.items[0].coded_on", "$.items[0].events[1].date"}
        batch = converter.structure({"label": "x", "items": [good]}, Batch)
        assert batch.items[0].coded_on == datetime.date(2026, 1, 6)
        assert converter.unstructure(batch)["items"][0]["coded_on"] == "2026-01-06"


@attrs.frozen
class Coded:
    """A tool's own record of who coded which events, when."""

    coder: str
    coded_on: datetime.date
    events: tuple[Event, ...]


@attrs.frozen
class Batch:
    label: str
    items: list[Coded]


# --- fuzzing: mutate valid records, accept nothing but ValidationError ---------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


# Python values no JSON parser makes, for callers who pass their own dicts to from_dict.
ODD_VALUES = (
    st.binary(max_size=4)
    | st.complex_numbers()
    | st.sets(st.integers(), max_size=2)
    | st.tuples(st.integers())
    | st.dates()
    | st.builds(object)
    | st.dictionaries(st.integers(), st.integers(), max_size=2)
    | st.sampled_from([float("nan"), float("inf"), 10**400, 2**63])
)
ANY_VALUES = JSON_VALUES | ODD_VALUES


def _locations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _locations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _locations(item, (*path, index))
    return found


@st.composite
def mutated_records(draw: st.DrawFn) -> Any:
    record = copy.deepcopy(draw(st.sampled_from(GOLDEN_DICTS)))
    for _ in range(draw(st.integers(1, 3))):
        locations = _locations(record)
        path = draw(st.sampled_from(locations))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            if action == "replace":
                record = draw(ANY_VALUES)
            continue
        parent = record
        for step in path[:-1]:
            parent = parent[step]
        if action == "replace":
            parent[path[-1]] = draw(ANY_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["x_new", "new", "type", "code", "start"]))] = draw(
                JSON_VALUES
            )
        else:
            parent.append(draw(JSON_VALUES))
    return record


@given(mutated_records())
def test_mutated_records_give_a_record_or_a_validation_error(data: Any) -> None:
    try:
        event = diplomev.from_dict(data)
    except ValidationError as e:
        details = e.errors
    else:
        assert diplomev.from_dict(diplomev.to_dict(event)) == event
        return
    assert details
    assert all(d.path.startswith("$") and d.message for d in details)


def detailed_event(data: Any) -> Any:
    """Build an event through the detailed functions alone, at every depth."""
    return structure_tagged(data, tagged("event"), "event", detailed_only)


def detailed_outcome(data: Any) -> Any:
    """What the detailed functions alone make of ``data``: a record, or the problems."""
    try:
        return detailed_event(data)
    except ValidationError as e:
        return e.errors


def codec_outcome(data: Any) -> Any:
    try:
        return diplomev.from_dict(data)
    except ValidationError as e:
        return e.errors


@given(mutated_records())
def test_the_fast_path_agrees_with_the_detailed_hooks_on_mutated_records(data: Any) -> None:
    assert codec_outcome(data) == detailed_outcome(data)


@given(events())
def test_the_fast_path_agrees_with_the_detailed_hooks_on_generated_records(event: Event) -> None:
    data = diplomev.to_dict(event)
    assert detailed_event(data) == event
    assert diplomev.from_dict(data) == event


@given(JSON_VALUES)
def test_arbitrary_json_gives_only_validation_errors(data: Any) -> None:
    with pytest.raises(ValidationError):
        diplomev.from_dict(data)


@given(st.binary(max_size=64) | st.text(max_size=64))
def test_arbitrary_text_gives_only_validation_errors(text: bytes | str) -> None:
    with pytest.raises(ValidationError):
        diplomev.loads(text)


def test_unknown_keys_are_found_beside_fields_with_many_problems() -> None:
    data = summit_dict(topics=[1, 2, 3], venue="Beijing")
    assert sorted(problem_paths(data)) == ["$.topics[0]", "$.topics[1]", "$.topics[2]", "$.venue"]


def test_lone_surrogates_are_not_text() -> None:
    line = (
        GOLDEN_LINES[1]
        .replace('"Lee Jae Myung and Xi', '"Lee Jae Myung\\ud800 and Xi')
        .replace('"host": "CHN"', '"host": "CHN", "x_note": "\\udc00"')
    )
    with pytest.raises(ValidationError) as excinfo:
        diplomev.loads(line)
    assert excinfo.value.paths == ("$.summary", "$.x_note")
    # A surrogate pair written as escapes is one character, and fine.
    assert diplomev.loads(
        GOLDEN_LINES[1].replace("Xi Jinping hold", "Xi \\ud83d\\ude00 hold")
    ).summary


def test_equal_records_write_the_same_text() -> None:
    a = diplomev.from_dict(summit_dict(x_b=1, x_a={"z": 1, "y": [True]}))
    b = diplomev.from_dict(summit_dict(x_a={"y": [True], "z": 1}, x_b=1))
    assert a == b
    assert diplomev.dumps(a) == diplomev.dumps(b)
    assert diplomev.from_dict(summit_dict(x_flag=True)) != diplomev.from_dict(summit_dict(x_flag=1))
    assert len({diplomev.from_dict(summit_dict(x_flag=v)) for v in (True, 1, 1.0)}) == 3


def test_custom_kinds_built_any_way_read_the_same_through_the_fast_path() -> None:
    """Unslotted classes, and classes with their own attrs validators, are read correctly."""

    @diplomev.register_event_type("test_memo")
    @attrs.frozen(kw_only=True, slots=False)
    class Memo(Event):
        author: diplomev.Actor
        pages: int | None = attrs.field(default=None, metadata=diplomev.limits(ge=1))

    def at_most_three_words(_: Any, __: Any, value: str | None) -> None:
        if value is not None and len(value.split()) > 3:
            raise ValueError("too long")

    @diplomev.register_event_type("test_note")
    @attrs.frozen(kw_only=True)
    class Note(Event):
        title: str | None = attrs.field(default=None, validator=at_most_three_words)

    memo = {
        "type": "test_memo",
        "id": "m",
        "date": "2020",
        "author": {"type": "country", "code": "KOR"},
        "pages": 3,
    }
    assert diplomev.to_dict(diplomev.from_dict(memo)) == {**memo, "status": "occurred"}
    assert detailed_outcome(memo) == diplomev.from_dict(memo)
    assert problem_paths({**memo, "pages": 0}) == ["$.pages"]
    note = {"type": "test_note", "id": "n", "date": "2020", "title": "short title"}
    assert diplomev.from_dict(note).title == "short title"  # type: ignore[attr-defined]
    # The class's own validator still runs, and what it raises is reported like the rest.
    assert problems({**note, "title": "a title of many words"}) == [("$", "too long")]

    @diplomev.register_event_type("test_ranked")
    @attrs.frozen(kw_only=True)
    class Ranked(Event):
        rank: int = attrs.field(validator=attrs.validators.gt(0))

    ranked = {"type": "test_ranked", "id": "r", "date": "2020", "rank": 0}
    assert problem_paths(ranked) == ["$.rank"]


def test_subclasses_of_json_types_in_custom_fields_are_held_as_plain_values() -> None:
    import enum

    class Level(enum.IntEnum):
        HIGH = 3

    event = diplomev.from_dict(summit_dict(x_level=Level.HIGH, x_levels=[Level.HIGH]))
    assert type(event.extensions["x_level"]) is int
    assert event == diplomev.loads(diplomev.dumps(event))
    assert event == diplomev.from_dict(summit_dict(x_level=3, x_levels=[3]))


def test_custom_kinds_with_nested_and_optional_arrays_agree_with_the_detailed_hooks() -> None:
    @diplomev.register_event_type("test_pairs")
    @attrs.frozen(kw_only=True)
    class Pairs(Event):
        pairs: tuple[tuple[str, ...], ...] = ()
        notes: tuple[str | None, ...] = ()

    good = {
        "type": "test_pairs",
        "id": "p",
        "date": "2026",
        "pairs": [["a", "b"]],
        "notes": ["x", None],
    }
    record = diplomev.from_dict(good)
    assert record.pairs == (("a", "b"),)  # type: ignore[attr-defined]
    assert record.notes == ("x", None)  # type: ignore[attr-defined]
    assert detailed_outcome(good) == record
    bad = {**good, "pairs": [[123, ""]]}
    assert problem_paths(bad) == ["$.pairs[0][0]", "$.pairs[0][1]"]
    assert codec_outcome(bad) == detailed_outcome(bad)


def test_to_dict_keeps_what_differs_from_a_default_of_a_custom_kind() -> None:
    @diplomev.register_event_type("test_defaults")
    @attrs.frozen(kw_only=True)
    class Defaults(Event):
        signatories: tuple[diplomev.Actor, ...]
        level: diplomev.VisitKind | None = diplomev.VisitKind.STATE
        tags: tuple[str, ...] = ("bilateral",)

    date = diplomev.parse_date("2020")
    for record in (
        Defaults(id="d", date=date, signatories=()),
        Defaults(id="d", date=date, signatories=(), level=None),
        Defaults(id="d", date=date, signatories=(), tags=()),
    ):
        assert diplomev.from_dict(diplomev.to_dict(record)) == record
        assert diplomev.loads(diplomev.dumps(record)) == record


def test_integers_must_be_writable() -> None:
    sources = [{"title": "t", "quotes": [{"text": "a", "start": 2**63, "end": 2**63 + 1}]}]
    assert problem_paths(summit_dict(sources=sources)) == [
        "$.sources[0].quotes[0].start",
        "$.sources[0].quotes[0].end",
    ]
    assert problem_paths(summit_dict(x_big=10**5000)) == ["$.x_big"]
    assert diplomev.from_dict(summit_dict(x_id=2**70)).extensions["x_id"] == 2**70


_DATE_TEXTS = st.sampled_from(
    [
        *("2026-01-05", "2026-02-30", "2026-02-29", "2024-02-29", "2026-01", "2026?"),
        *("2026-1-5", "2026-01-04/2026-01-06", "2026-01-06/2026-01-04", "January 5, 2026"),
        *(" 2026", ""),
    ]
) | st.text(alphabet="0123456789-/?~.X", max_size=12)


@given(_DATE_TEXTS, st.sampled_from(["date", "published"]))
def test_a_date_text_reads_the_same_every_time(text: str, field: str) -> None:
    # The fast path remembers the texts it read as dates and days; a text it refused is
    # not remembered, and a remembered one gives the value the detailed functions give.
    from diplomev.codec import _fast

    data: dict[str, Any] = {"type": "visit", "id": "v", "date": "2026-01-05", "host": "CHN"}
    data["visitor"] = {"type": "country", "code": "KOR"}
    if field == "date":
        data["date"] = text
    else:
        data["sources"] = [{"title": "Report", "published": text}]
    outcomes = [codec_outcome(copy.deepcopy(data)) for _ in range(2)]
    assert outcomes[0] == outcomes[1] == detailed_outcome(data)
    known = _fast._KNOWN_DATES if field == "date" else _fast._KNOWN_DAYS
    assert (text in known) == isinstance(outcomes[0], Visit)


def test_the_remembered_date_texts_are_bounded() -> None:
    from diplomev.codec import _fast

    start = datetime.date(1000, 1, 1)
    for offset in range(_fast._MOST_KNOWN + 10):
        day = (start + datetime.timedelta(days=offset)).isoformat()
        data = {"type": "visit", "id": "v", "date": day, "host": "CHN"}
        data["visitor"] = {"type": "country", "code": "KOR"}  # type: ignore[assignment]
        data["sources"] = [{"title": "Report", "published": day}]  # type: ignore[assignment]
        assert diplomev.from_dict(data).date.lower() == datetime.date.fromisoformat(day)
    assert 0 < len(_fast._KNOWN_DATES) <= _fast._MOST_KNOWN
    assert 0 < len(_fast._KNOWN_DAYS) <= _fast._MOST_KNOWN
