"""The record core: one emitter, declared rules, tags, error codes, and what constructors take."""

from __future__ import annotations

import copy
import datetime
import enum
import inspect
import linecache
import traceback
from typing import Any
from unittest import mock

import attrs
import cattrs
import pytest

import diplomev
from diplomev import (
    Country,
    ErrorCode,
    Event,
    Location,
    Meeting,
    Person,
    Quote,
    Source,
    Status,
    Summit,
    ValidationError,
    Visit,
)
from diplomev.codec import _detailed, _fast, emit
from diplomev.model import AnyOf, Check, Span, Together, plan_for, registry, tag_of

from .conftest import GOLDEN

GOLDEN_LINES = GOLDEN.read_text(encoding="utf-8").splitlines()


def golden_dict(index: int) -> dict[str, Any]:
    return diplomev.to_dict(diplomev.loads(GOLDEN_LINES[index]))


# --- the detailed path runs once per record ------------------------------------------------


@pytest.mark.parametrize(
    ("where", "path", "read_in_full"),
    [
        (("id",), "$.id", ["Summit"]),
        (("sources", 0, "title"), "$.sources[0].title", ["Summit", "Source"]),
        (
            ("sources", 0, "quotes", 1, "start"),
            "$.sources[0].quotes[1].start",
            ["Summit", "Source", "Quote"],
        ),
        (
            ("sources", 0, "quotes", 1, "speaker", "country"),
            "$.sources[0].quotes[1].speaker.country",
            ["Summit", "Source", "Quote", "Person"],
        ),
    ],
)
def test_the_detailed_path_runs_once_for_the_record_at_fault_and_each_parent(
    where: tuple[Any, ...], path: str, read_in_full: list[str]
) -> None:
    data = golden_dict(1)
    speaker = {"type": "person", "name": "A", "country": "KOR"}
    quote = {"text": "ab", "start": 0, "end": 2, "speaker": speaker}
    data["sources"] = [{"title": "t", "quotes": [copy.deepcopy(quote) for _ in range(3)]}]
    parent: Any = data
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = "zero" if where[-1] == "start" else 12345
    runs: list[str] = []
    real = _detailed.emit_detailed

    def counted(plan: Any, readers: Any) -> Any:
        function = real(plan, readers)

        def run(*args: Any) -> Any:
            runs.append(plan.cls.__name__)
            return function(*args)

        return run

    # Generate every function afresh, with each detailed one counting its runs.
    saved = dict(emit._HOOKS)
    emit._HOOKS.clear()
    try:
        with (
            mock.patch.object(_detailed, "emit_detailed", counted),
            pytest.raises(ValidationError) as excinfo,
        ):
            diplomev.from_dict(data)
    finally:
        emit._HOOKS.clear()
        emit._HOOKS.update(saved)
    assert excinfo.value.paths == (path,)
    # The valid siblings (two other quotes, their speakers) are never read in full.
    assert runs == read_in_full


def _summit_with_quotes(count: int) -> dict[str, Any]:
    data = golden_dict(1)
    speaker = {"type": "person", "name": "A", "country": "KOR"}
    quote = {"text": "ab", "start": 0, "end": 2, "speaker": speaker}
    data["sources"] = [{"title": "t", "quotes": [copy.deepcopy(quote) for _ in range(count)]}]
    return data


def _counting_fast(runs: list[str]) -> Any:
    real = _fast.emit_fast

    def counted(plan: Any, fast_of: Any) -> Any:
        function = real(plan, fast_of)

        def run(value: Any) -> Any:
            runs.append(plan.cls.__name__)
            return function(value)

        return run

    return counted


@pytest.mark.parametrize("bad", [1, 3])
def test_records_built_before_a_refusal_are_not_built_again(bad: int) -> None:
    data = _summit_with_quotes(4)
    data["sources"][0]["quotes"][bad]["speaker"]["country"] = "China"
    runs: list[str] = []
    saved = dict(emit._HOOKS)
    emit._HOOKS.clear()
    try:
        with (
            mock.patch.object(_fast, "emit_fast", _counting_fast(runs)),
            pytest.raises(ValidationError) as excinfo,
        ):
            diplomev.from_dict(data)
    finally:
        emit._HOOKS.clear()
        emit._HOOKS.update(saved)
    assert excinfo.value.paths == (f"$.sources[0].quotes[{bad}].speaker.country",)
    # Each quote is read once by a fast function: those before the bad one in the fast
    # pass (and kept), the bad one there (refused), those after it in the reading in full.
    assert runs.count("Quote") == 4
    assert emit.TRAIL.built == {}  # nothing is kept past the input it was built for


def test_a_kept_record_is_only_taken_where_its_class_belongs() -> None:
    # One Python dict in two places: a participant (any actor), kept as a Person when the
    # next participant is refused, and the affiliation of a third, which only takes an
    # organization. The kept Person must not pass for one.
    person = {"type": "person", "name": "A", "country": "KOR"}
    data = golden_dict(1)
    data["participants"] = [person, "bad", {"type": "person", "name": "B", "affiliation": person}]
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict(data)
    assert set(excinfo.value.paths) == {"$.participants[1]", "$.participants[2].affiliation.type"}


def test_integers_for_numbers_stay_on_the_fast_path() -> None:
    data = {"name": "Beijing", "country": "CHN", "lat": 40, "lon": 116}
    location = emit.hooks_for(Location).fast(data)
    assert location is not emit.INVALID
    assert (location.lat, location.lon) == (40.0, 116.0)
    assert type(location.lat) is float
    assert emit.hooks_for(Location).fast({**data, "lat": 10**400}) is emit.INVALID


def test_the_fast_path_returns_the_sentinel_and_never_reports() -> None:
    fast = emit.hooks_for(Summit).fast
    for bad in (
        [],
        {"type": "visit"},
        {**golden_dict(1), "host": "XXX"},
        {**golden_dict(1), "x": 1},
    ):
        assert fast(bad) is emit.INVALID


def test_generated_code_is_shown_in_tracebacks_under_a_name_of_its_own() -> None:
    names = set()
    for cls in (Summit, Visit, Person, Location):
        hooks = emit.hooks_for(cls)
        for function in (hooks.fast, hooks.detailed, hooks.unstructure):
            filename = function.__code__.co_filename
            assert filename.startswith("<diplomev ")
            assert cls.__qualname__ in filename
            assert linecache.getlines(filename), filename
            assert "def " in inspect.getsource(function)
            names.add(filename)
    assert len(names) == 12
    try:
        emit.hooks_for(Summit).detailed({**golden_dict(1), "host": 5})
    except ValidationError:
        text = traceback.format_exc()
    assert "detailed structure of Summit" in text


def test_hooks_are_built_once_per_class_not_per_converter() -> None:
    before = emit.hooks_for(Summit)
    converters = [diplomev.make_converter() for _ in range(3)]
    converters.append(diplomev.configure_converter(cattrs.Converter()))
    assert emit.hooks_for(Summit) is before
    hooks = {id(c.get_structure_hook(Summit)) for c in converters}
    assert len(hooks) <= len(converters)
    for converter in converters:
        assert converter.structure(golden_dict(1), Summit) == diplomev.from_dict(golden_dict(1))


# --- tags, vocabularies and rules are declared once ----------------------------------------


def test_each_class_carries_its_tag() -> None:
    assert [tag_of(cls) for cls in (Summit, Visit, Country, Person)] == [
        "summit",
        "visit",
        "country",
        "person",
    ]
    assert tag_of(Location) is None
    assert registry.tagged("event")["visit"] is Visit


def test_rules_are_declared_on_the_classes() -> None:
    assert plan_for(Person).rules == (
        AnyOf("name", "office", message="a person needs a name or an office"),
    )
    assert Together("lat", "lon") in plan_for(Location).rules
    assert Span("start", "end", "text") in plan_for(Quote).rules


class Mood(enum.StrEnum):
    """How a meeting was described."""

    CORDIAL = "cordial"
    TENSE = "tense"


def _at_most_three_observers(record: Any) -> list[diplomev.ErrorDetail]:
    if len(record.observers) > 3:
        return [diplomev.ErrorDetail("$.observers", "at most three observers", "inconsistent")]
    return []


def _too_many_observers(data: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    observer = {"type": "country", "code": "CHE"}
    return {**data, "observers": [observer] * 4}, "$.observers", "inconsistent"


@attrs.frozen(kw_only=True)
class Talks(Event):
    """Talks between two sides through a mediator or a guarantor (a test's own kind)."""

    sides: tuple[diplomev.Actor, ...] = attrs.field(metadata=diplomev.limits(min_items=2))
    mediator: diplomev.Actor | None = None
    guarantor: diplomev.Actor | None = None
    mood: Mood = Mood.CORDIAL
    observers: tuple[diplomev.Actor, ...] = ()

    constraints = (
        AnyOf("mediator", "guarantor", message="talks need a mediator or a guarantor"),
        Check(("observers",), _at_most_three_observers, _too_many_observers),
    )


@pytest.fixture
def talks_registered() -> Any:
    with mock.patch.dict(registry._BY_TAG["event"]), mock.patch.dict(registry._TAGS):
        diplomev.register_event_type("test_talks")(Talks)
        yield Talks


KOR, PRK, CHN = (Country(code=code) for code in ("KOR", "PRK", "CHN"))


def test_a_users_kind_gets_its_rule_and_vocabulary_everywhere(talks_registered: Any) -> None:
    from hypothesis import given, settings

    from diplomev import strategies as ds
    from diplomev._csv import columns, to_row
    from diplomev.schema import json_schema

    good = Talks(id="t", date="2026-01-05", sides=[KOR, PRK], mediator=CHN, mood="tense")
    assert good.mood is Mood.TENSE
    with pytest.raises(ValidationError) as excinfo:
        Talks(id="t", date="2026", sides=[KOR, PRK])
    assert (excinfo.value.paths, excinfo.value.codes) == (("$",), ("any_of",))
    # The schema says the rule, and knows the vocabulary.
    definition = json_schema()["$defs"]["test_talks"]
    assert [branch["required"] for branch in definition["anyOf"]] == [["mediator"], ["guarantor"]]
    assert definition["properties"]["mood"] == {"enum": ["cordial", "tense"]}
    # CSV: a column per field, the vocabulary as text.
    assert {"sides", "mediator", "guarantor", "mood", "observers"} <= set(columns())
    assert to_row(good)["mood"] == "tense"

    # Strategies draw valid records of the kind, and corruptions that break its rule.
    @settings(max_examples=25, derandomize=True, database=None)
    @given(ds.events([Talks]))
    def drawn_are_valid(event: Any) -> None:
        assert isinstance(event, Talks)
        assert event.mediator is not None or event.guarantor is not None
        assert diplomev.from_dict(diplomev.to_dict(event)) == event

    drawn_are_valid()
    seen: set[str] = set()

    @settings(max_examples=60, derandomize=True, database=None)
    @given(ds.invalid_records(kinds=[Talks]))
    def corruptions_are_refused(bad: Any) -> None:
        seen.update(corruption.kind for corruption in bad.corruptions)
        with pytest.raises(ValidationError) as excinfo:
            diplomev.from_dict(bad.data)
        assert set(bad.paths) <= set(excinfo.value.paths)

    corruptions_are_refused()
    # The kind's own rules are broken too, and its vocabulary gets unknown values: among
    # the corruptions of any record of the kind (drawn ones pick a few of them at random).
    from diplomev.strategies.invalid import corruption_groups

    talks = Talks(id="t", date="2026", sides=[KOR, PRK], mediator=CHN, mood="tense")
    variants = [
        v for group in corruption_groups(diplomev.to_dict(talks), Talks, True) for v in group
    ]
    assert {"incomplete record", "broken rule"} <= {variant.kind for variant in variants}
    assert any(v.kind == "unknown vocabulary value" and v.path == "$.mood" for v in variants)


# --- what constructors accept ---------------------------------------------------------------


def test_constructors_take_what_people_write_and_keep_normal_values() -> None:
    lee = Person(name="Lee Jae Myung", office="President", country="KOR")
    visit = Visit(
        id="v",
        date=datetime.date(2026, 1, 4),
        visitor=lee,
        host="CHN",
        kind="state",
        meetings=(m for m in [Meeting(counterparts=[CHN], kind="talks", date="2026-01-05")]),
    )
    assert str(visit.date) == "2026-01-04"
    assert visit.kind is diplomev.VisitKind.STATE
    assert type(visit.meetings) is tuple
    assert visit.meetings[0].kind is diplomev.MeetingKind.TALKS
    assert Source(title="t", published=datetime.date(2026, 1, 5)).published == datetime.date(
        2026, 1, 5
    )
    assert Location(name="x", lat=40, lon=116).lat == 40.0


def test_a_datetime_is_not_a_day() -> None:
    with pytest.raises(ValidationError, match=r"got a datetime \(pass its .date\(\)\)"):
        Summit(id="s", date=datetime.datetime(2026, 1, 5, 12), participants=[KOR, CHN])  # type: ignore[arg-type]


# --- errors that say the fix, with codes --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("China", "resolve_country('China') reads it as 'CHN'"),
        ("US", "reads it as 'USA'"),
        ("UK", "reads it as 'GBR'"),
        ("CN", "reads it as 'CHN'"),
        ("kor", "codes are upper case: 'KOR'"),
    ],
)
def test_an_unknown_country_code_names_the_code_meant(code: str, hint: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        Person(name="X", country=code)
    (detail,) = excinfo.value.errors
    assert (detail.path, detail.code) == ("$.country", "unknown_code")
    assert hint in detail.message


@pytest.mark.parametrize("text", ["January 5, 2026", "5/1/2026", "last Monday"])
def test_free_text_in_a_date_points_to_parse_date(text: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        Summit(id="s", date=text, participants=[KOR, CHN])
    (detail,) = excinfo.value.errors
    assert (detail.path, detail.code) == ("$.date", "invalid_date")
    assert "diplomev.parse_date(text, reference=...)" in detail.message


def test_every_detail_has_a_documented_code() -> None:
    from pathlib import Path

    table = Path(__file__).parents[1].joinpath("docs", "errors.md").read_text(encoding="utf-8")
    for code in ErrorCode:
        assert f"`{code.value}`" in table, code
    data = {**golden_dict(1), "host": "China", "id": 5, "venue": 1, "x_bad": float("nan")}
    data["participants"] = [{"type": "country"}, {"type": "army"}]
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict(data)
    assert set(excinfo.value.codes) <= {code.value for code in ErrorCode}
    assert dict(zip(excinfo.value.paths, excinfo.value.codes, strict=True)) == {
        "$.id": "wrong_type",
        "$.participants[0].code": "missing",
        "$.participants[1].type": "unknown_type",
        "$.host": "unknown_code",
        "$.venue": "unknown_field",
        "$.x_bad": "bad_extension",
    }


def test_keys_that_are_not_identifiers_are_quoted_in_paths() -> None:
    data = {**golden_dict(1), "a.b": 1, "x y": 2, 'q"': 3}
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict(data)
    assert excinfo.value.paths == ('$["a.b"]', '$["x y"]', '$["q\\""]')


def test_records_stay_frozen_and_a_kind_declared_the_old_attrs_way_inherits_it() -> None:
    # attrs tells a frozen base class by its own __setattr__: diplomev leaves it in place
    # (a friendlier message there made kinds declared with attr.s mutable, and unbuildable).
    import attr

    summit = diplomev.loads(GOLDEN_LINES[1])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        summit.host = "KOR"  # type: ignore[misc]
    with mock.patch.dict(registry._BY_TAG["event"]), mock.patch.dict(registry._TAGS):

        @diplomev.register_event_type("test_truce")
        @attr.s(auto_attribs=True, kw_only=True)
        class Truce(Event):
            terms: tuple[str, ...] = ()

        truce = Truce(id="t", date="2020", terms=("no shelling",))  # type: ignore[call-arg]
        assert diplomev.from_dict(diplomev.to_dict(truce)) == truce
        assert (
            diplomev.from_dict({**diplomev.to_dict(truce), "status": Status.PLANNED}).status
            is Status.PLANNED
        )
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            truce.terms = ()  # type: ignore[misc]
        assert hash(truce) == hash(attrs.evolve(truce))


def test_to_dict_of_many_records_points_to_the_writers() -> None:
    events = [diplomev.loads(line) for line in GOLDEN_LINES]
    with pytest.raises(TypeError, match="write_jsonl"):
        diplomev.to_dict(events)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="write_jsonl"):
        diplomev.dumps(tuple(events))  # type: ignore[arg-type]


def test_every_problem_of_a_corrupted_record_has_a_specific_code() -> None:
    from hypothesis import given, settings

    from diplomev import strategies as ds

    known = {code.value for code in ErrorCode} - {"invalid"}

    @settings(max_examples=150, derandomize=True, database=None)
    @given(ds.invalid_records())
    def specific(bad: Any) -> None:
        with pytest.raises(ValidationError) as excinfo:
            diplomev.from_dict(bad.data)
        assert set(excinfo.value.codes) <= known, excinfo.value.errors

    specific()


def test_files_report_codes_too(tmp_path: Any) -> None:
    from diplomev.io import read_json, read_jsonl

    path = tmp_path / "events.jsonl"
    path.write_bytes(
        GOLDEN_LINES[0].encode() + b'\n{"type": \n' + b"\xff\xfe\n" + b"x" * 20_000 + b"\n"
    )
    with read_jsonl(path, errors="collect", max_line_bytes=10_000) as reader:
        assert len(list(reader)) == 1
    assert [bad.errors[0].code for bad in reader.problems] == [
        "invalid_json",
        "invalid_json",
        "too_large",
    ]
    document = tmp_path / "doc.json"
    document.write_text('{"diplomev": "9", "events": {}, "extra": 1}', encoding="utf-8")
    with pytest.raises(ValidationError) as excinfo, read_json(document) as reader:
        list(reader)
    assert excinfo.value.codes == ("unsupported_version", "wrong_type", "unknown_field")


@attrs.frozen(kw_only=True)
class Note(diplomev.model.Validated):
    """A building block of a user's with custom fields of its own."""

    text: str
    extensions: diplomev.model.Extensions = diplomev._json.EMPTY_OBJECT


def test_x_fields_of_a_class_that_holds_them_read_the_same_on_every_path() -> None:
    note = diplomev.from_dict({"text": "a", "x_a": 1}, Note)
    assert note.extensions == {"x_a": 1}
    assert emit.detailed_only(Note)({"text": "a", "x_a": 1}) == note
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict({"text": 5, "x_a": 1}, Note)
    assert excinfo.value.paths == ("$.text",)


def test_the_wire_reports_the_rules_beside_the_fields_as_the_constructor_does() -> None:
    with pytest.raises(ValidationError) as wire:
        diplomev.from_dict({"name": 5, "lat": 1.0}, Location)
    with pytest.raises(ValidationError) as built:
        Location(name=5, lat=1.0)  # type: ignore[arg-type]
    assert sorted(wire.value.codes) == sorted(built.value.codes) == ["together", "wrong_type"]


def test_a_callers_mapping_of_records_gets_diplomev_paths() -> None:
    @attrs.define
    class Index:
        by_key: dict[str, Summit]

    converter = diplomev.make_converter()
    bad = {**golden_dict(1), "date": "2026-13"}
    with pytest.raises(ValidationError) as excinfo:
        converter.structure({"by_key": {"k.x": bad, "plain": bad}}, Index)
    assert set(excinfo.value.paths) == {'$.by_key["k.x"].date', "$.by_key.plain.date"}
