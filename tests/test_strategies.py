"""The strategies diplomev ships for its users: `st.from_type` through the entry point, and
`invalid_records`, whose every corruption must be reported at its labelled path."""

from __future__ import annotations

import copy
import importlib.metadata
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import diplomev
import diplomev.strategies.kit as kit_module
from diplomev import _hypothesis_plugin
from diplomev import strategies as ds
from diplomev.model import AnyOf, Check, Span, Together, Validated, registry
from diplomev.strategies import invalid, vocabulary

from .conftest import GOLDEN

HOOK = "diplomev._hypothesis_plugin:_hypothesis_setup_hook"

# --- st.from_type through hypothesis's entry point -------------------------------------------

# A user's test module: it imports hypothesis and diplomev, never diplomev.strategies.
USER_PROJECT = textwrap.dedent(
    """
    import sys

    import attrs
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    import diplomev

    assert "diplomev.strategies" not in sys.modules, "diplomev.strategies imported early"

    RECORDS = [
        diplomev.Summit, diplomev.Visit, diplomev.Dispute, diplomev.TradeIssue,
        diplomev.Country, diplomev.Person, diplomev.Organization, diplomev.Location,
        diplomev.Source, diplomev.Quote, diplomev.Link, diplomev.Meeting,
        diplomev.DisputeParty, diplomev.Agreement, diplomev.Statement,
        diplomev.DiplomaticAction, diplomev.Vote, diplomev.Amount, diplomev.Tally,
        diplomev.Ballot,
    ]
    strategies = {tp: st.from_type(tp) for tp in RECORDS}
    events = st.from_type(diplomev.Event)
    dates = st.from_type(diplomev.EventDate)
    partial_dates = st.from_type(diplomev.PartialDate)


    @attrs.define
    class Batch:
        label: str
        visits: list[diplomev.Visit]


    # Each example draws a record of every type (a dozen records and a batch of visits):
    # more data per input than hypothesis's too_slow check expects of one strategy, and
    # more time than its deadline allows on a loaded machine (timing is not under test).
    @settings(max_examples=30, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def test_every_type(data):
        for tp, strategy in strategies.items():
            record = data.draw(strategy, label=tp.__name__)
            assert type(record) is tp
            assert diplomev.from_dict(diplomev.to_dict(record), tp) == record
        event = data.draw(events, label="Event")
        assert type(event) in (diplomev.Summit, diplomev.Visit, diplomev.Dispute,
                               diplomev.TradeIssue, diplomev.Agreement, diplomev.Statement,
                               diplomev.DiplomaticAction, diplomev.Vote)
        assert diplomev.loads(diplomev.dumps(event)) == event
        date = data.draw(dates, label="EventDate")
        assert diplomev.parse_date(str(date)) == date
        partial = data.draw(partial_dates, label="PartialDate")
        assert isinstance(partial, diplomev.PartialDate)
        batch = data.draw(st.builds(Batch), label="Batch")
        assert all(type(visit) is diplomev.Visit for visit in batch.visits)


    @settings(max_examples=20, derandomize=True, database=None)
    @given(st.from_type(diplomev.Visit))
    def test_the_issue_example(visit):
        assert diplomev.loads(diplomev.dumps(visit)) == visit


    test_every_type()
    test_the_issue_example()
    print("drawn; diplomev.strategies loaded on use:", "diplomev.strategies" in sys.modules)
    """
)


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "HYPOTHESIS_NO_PLUGINS"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_entry_point_is_installed() -> None:
    ours = [
        entry
        for entry in importlib.metadata.entry_points(group="hypothesis")
        if entry.value.startswith("diplomev.")
    ]
    if not ours:
        pytest.fail(
            "diplomev's 'hypothesis' entry point is not installed, so st.from_type does not "
            "know diplomev's types unless diplomev.strategies is imported. It is declared in "
            "pyproject.toml ([project.entry-points.hypothesis]); reinstall the package so "
            "that its metadata has it: .venv/bin/pip install -e '.[test]'"
        )
    assert [entry.value for entry in ours] == [HOOK]
    assert ours[0].load() is _hypothesis_plugin._hypothesis_setup_hook


def test_from_type_works_in_a_project_that_never_imports_the_strategies(tmp_path: Path) -> None:
    test_the_entry_point_is_installed()  # fails, with how to fix it, when it is missing
    result = run_python(USER_PROJECT, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "drawn; diplomev.strategies loaded on use: True"


def test_the_hook_module_imports_neither_hypothesis_nor_the_strategies(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import sys
        import diplomev._hypothesis_plugin
        print(sorted(m for m in sys.modules if m.startswith(("hypothesis", "diplomev.strat"))))
        """
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_type_the_plugin_names_exists() -> None:
    for type_name, strategy_name in _hypothesis_plugin._STRATEGIES.items():
        assert type_name in diplomev.__all__
        assert strategy_name in ds.__all__


def test_from_type_gives_the_shipped_strategies_once_the_hook_ran() -> None:
    # It ran when this process imported hypothesis; again, in case plugins were turned off
    # (HYPOTHESIS_NO_PLUGINS). Registering twice changes nothing.
    _hypothesis_plugin._hypothesis_setup_hook()
    assert st.from_type(diplomev.Summit) is _hypothesis_plugin._strategy("summits")
    # A country code is a plain str to hypothesis, as to a type checker: from_type gives text.
    assert st.from_type(diplomev.EventDate) is _hypothesis_plugin._strategy("event_dates")


# --- invalid_records ------------------------------------------------------------------------


def reported_paths(data: Any) -> set[str]:
    with pytest.raises(diplomev.ValidationError) as excinfo:
        diplomev.from_dict(data)
    return set(excinfo.value.paths)


@given(ds.invalid_records())
def test_every_invalid_record_is_refused_at_exactly_its_labels(record: ds.InvalidRecord) -> None:
    # The promise is "at least its labels"; exactly is what the corruptions achieve today.
    assert reported_paths(record.data) == record.paths
    assert 1 <= len(record.corruptions) <= 3
    assert len(record.paths) == len(record.corruptions)
    assert all(c.path.startswith("$") and c.kind and c.detail for c in record.corruptions)


@given(ds.invalid_records([diplomev.Visit, diplomev.Dispute]))
def test_invalid_records_keep_to_their_kinds(record: ds.InvalidRecord) -> None:
    if "$.type" not in record.paths:
        assert record.data["type"] in ("visit", "dispute")


def golden_corruptions() -> list[tuple[str, dict[str, Any], Any]]:
    """Every corruption invalid_records can make of each golden record, one at a time."""
    cases = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        for group in invalid.corruption_groups(data, type(diplomev.from_dict(data)), True):
            for variant in group:
                cases.append((data["id"], data, variant))
    return cases


GOLDEN_CORRUPTIONS = golden_corruptions()


def misreported(name: str, data: dict[str, Any], variant: Any) -> list[str]:
    """Say how a corruption of ``data`` is not reported at its label alone (nothing if it is)."""
    corrupted = copy.deepcopy(data)
    invalid.apply(corrupted, variant)
    label = variant.path
    try:
        diplomev.from_dict(corrupted)
    except diplomev.ValidationError as e:
        if set(e.paths) != {label}:
            return [f"{name}: {variant.kind} {variant.detail} at {label}: {e.paths}"]
        return []
    return [f"{name}: {variant.kind} {variant.detail} at {label}: accepted"]


def test_each_corruption_of_the_golden_records_is_reported_at_its_label_alone() -> None:
    # Exhaustive (about 3,300 cases), so every kind of corruption is covered in every run.
    wrong = [
        problem
        for name, data, variant in GOLDEN_CORRUPTIONS
        for problem in misreported(name, data, variant)
    ]
    assert wrong == []
    kinds = {variant.kind for _, _, variant in GOLDEN_CORRUPTIONS}
    assert kinds == {
        "wrong type", "blank string", "bad characters", "unknown key", "missing field",
        "too few items", "out of range", "not finite", "impossible date", "malformed date",
        "unknown country code", "unknown vocabulary value", "bad tag", "unsupported version",
        "incomplete record", "broken quote span", "nested too deeply",
    }  # fmt: skip


@pytest.mark.parametrize("bad", [0, -1, True, "3", 2.0])
def test_invalid_records_checks_max_corruptions(bad: Any) -> None:
    with pytest.raises(InvalidArgument):
        ds.invalid_records(max_corruptions=bad)


def test_invalid_records_checks_kinds() -> None:
    with pytest.raises(InvalidArgument):
        ds.invalid_records([dict])  # type: ignore[list-item]


# --- one generator for every class, a user's too --------------------------------------------


def test_the_public_names_are_the_single_modules_and_the_new_kinds() -> None:
    assert ds.__all__ == [
        "Corruption", "InvalidRecord", "actors", "agreements", "amounts", "ballots",
        "countries", "country_codes", "diplomatic_actions", "dispute_parties", "disputes",
        "event_dates", "events", "extensions", "invalid_records", "links", "locations",
        "meetings", "organizations", "partial_dates", "persons", "quotes", "sources",
        "statements", "summits", "tallies", "trade_issues", "visits", "votes",
    ]  # fmt: skip
    assert all(callable(getattr(ds, name)) for name in ds.__all__)


@attrs.frozen(kw_only=True)
class Excerpt(Validated):
    """A span of a hearing's transcript (a user's own record, with declared rules)."""

    text: str
    start: int | None = attrs.field(default=None, metadata=diplomev.limits(ge=0))
    end: int | None = attrs.field(default=None, metadata=diplomev.limits(ge=0))

    constraints = (Together("start", "end"), Span("start", "end", "text"))


def _at_most_two_excerpts(record: Any) -> list[diplomev.ErrorDetail]:
    if len(record.excerpts) > 2:
        return [diplomev.ErrorDetail("$.excerpts", "at most two excerpts", "inconsistent")]
    return []


def _three_excerpts(data: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    return {**data, "excerpts": [{"text": "yes"}] * 3}, "$.excerpts", "inconsistent"


@attrs.frozen(kw_only=True)
class Hearing(diplomev.Event):
    """A hearing before a court (a user's own kind)."""

    subject: str
    judge: diplomev.Actor | None = None
    clerk: diplomev.Actor | None = None
    excerpts: tuple[Excerpt, ...] = ()

    constraints = (
        AnyOf("judge", "clerk"),
        Check(("excerpts",), _at_most_two_excerpts, _three_excerpts),
    )


@pytest.fixture
def hearing_registered() -> Any:
    with mock.patch.dict(registry._BY_TAG["event"]), mock.patch.dict(registry._TAGS):
        diplomev.register_event_type("test_hearing")(Hearing)
        yield Hearing


def test_a_users_kind_is_drawn_by_the_one_walk_its_rules_repaired_not_filtered(
    hearing_registered: Any,
) -> None:
    def no_rejections() -> None:
        raise AssertionError("a draw was discarded: the rules should have been repaired")

    drawn: list[Hearing] = []

    @settings(max_examples=60, derandomize=True, database=None)
    @given(ds.events([Hearing]))
    def draw(event: Hearing) -> None:
        drawn.append(event)
        assert event.judge is not None or event.clerk is not None
        assert event.subject in vocabulary.SUBJECTS  # named as diplomev's, so read like one
        for excerpt in event.excerpts:
            assert (excerpt.start is None) == (excerpt.end is None)
            if excerpt.start is not None:
                assert excerpt.end - excerpt.start == len(excerpt.text)
        assert diplomev.from_dict(diplomev.to_dict(event)) == event

    with mock.patch.object(kit_module, "reject", no_rejections):
        draw()
    assert any(excerpt.start is not None for event in drawn for excerpt in event.excerpts)
    assert {event.judge is None for event in drawn} == {True, False}


def test_a_users_kind_has_its_rules_broken_each_reported_at_its_label_alone(
    hearing_registered: Any,
) -> None:
    hearing = Hearing(
        id="h",
        date="2026-01-05",
        subject="the maritime boundary",
        clerk=diplomev.Person(office="Registrar"),
        excerpts=[Excerpt(text="so ordered", start=10, end=20), Excerpt(text="adjourned")],
    )
    data = diplomev.to_dict(hearing)
    variants = [v for group in invalid.corruption_groups(data, Hearing, True) for v in group]
    assert [p for v in variants for p in misreported("hearing", data, v)] == []
    rules = {
        (v.kind, v.path)
        for v in variants
        if v.kind in ("incomplete record", "broken quote span", "broken rule")
    }
    assert rules == {
        ("incomplete record", "$"),  # AnyOf("judge", "clerk")
        ("broken rule", "$.excerpts"),  # the Check's own breaker
        ("incomplete record", "$.excerpts[0]"),  # Together("start", "end")
        ("broken quote span", "$.excerpts[0].end"),  # Span
        ("incomplete record", "$.clerk"),  # a person's AnyOf("name", "office")
    }


@given(ds.events())
def test_generated_ids_links_and_urls_hold_no_control_or_bidi_character(
    event: diplomev.Event,
) -> None:
    from diplomev.model.identifiers import first_bad_character

    names = [event.id, *(link.target for link in event.links)]
    names += [source.url for source in event.sources if source.url is not None]
    assert [first_bad_character(name) for name in names] == [None] * len(names)


def test_invalid_records_put_control_and_bidi_characters_in_ids() -> None:
    found = {
        variant.path for _, _, variant in GOLDEN_CORRUPTIONS if variant.kind == "bad characters"
    }
    assert "$.id" in found
    assert any(path.endswith(".url") for path in found)


def test_a_drawn_strategy_is_shown_in_a_line_not_tens_of_kilobytes() -> None:
    # Hypothesis writes a strategy's repr into its notes (a unique list's retries): every
    # nested field's strategy written out was 40 kB, and hypothesis warned, an error here.
    events = ds.events()

    @settings(max_examples=30, database=None)
    @given(st.lists(events, max_size=6, unique_by=lambda event: event.id))
    def draw(drawn: list[diplomev.Event]) -> None:
        assert len({event.id for event in drawn}) == len(drawn)

    draw()
    shown = repr(events)
    assert len(shown) < 2_000
    assert "<the fields of Summit>" in shown
