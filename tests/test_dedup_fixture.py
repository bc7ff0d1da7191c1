"""The labelled duplicate fixture (tests/data/dedup) and the measures bench_dedup.py reports.

The fixture holds one record per report of real events (ICEWS stories, GDELT articles, the
Office of the Historian's entries, the golden records) and a few constructed from them;
``labels.csv`` says, record by record, which event each one reports. What is checked here:
the records are valid and are exactly the labelled ones, ``scripts/build_dedup_fixture.py``
rebuilds them from ``raw/``, the Pompeo-Kim Yong-chol cluster keeps its 18 stories apart
from the Kim-Trump meeting, the hard negatives a real corpus has are there, and the
measures (pairwise and B-cubed) give what a hand computation gives.
"""

from __future__ import annotations

import collections
import csv
import datetime
import importlib.util
import json
import re
import sys
import types
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplomev
from diplomev import Event, Status, Summit, Visit
from diplomev import strategies as ds
from diplomev.interop.icews import story_id
from diplomev.io import read_jsonl

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "data" / "dedup"
EVENTS = FIXTURE / "events.jsonl"
LABELS = FIXTURE / "labels.csv"
DOC = REPO / "docs" / "dedup-evaluation.md"
ORIGINS = {"icews", "gdelt", "hs", "golden", "constructed"}

#: The events the 40 Kim Yong-chol <-> Pompeo / United States rows of the ICEWS sample report.
POMPEO_KIM = {
    "kyc-pompeo-ny-talks",
    "kyc-visit-us",
    "kyc-white-house-planned",
    "pompeo-statement-to-kyc",
}
KIM_TRUMP = "kyc-trump-white-house"


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


bench = _module("bench_dedup", REPO / "benchmarks" / "bench_dedup.py")
builder = _module("build_dedup_fixture", REPO / "scripts" / "build_dedup_fixture.py")


def records() -> list[Event]:
    with read_jsonl(EVENTS) as reader:
        return list(reader)


def labels() -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def clusters() -> dict[str, str]:
    return {row["id"]: row["cluster"] for row in labels()}


def rows_of(event: Event) -> list[Any]:
    return list(event.extensions.get("x_icews", ()))


# --- the records and their labels ---------------------------------------------------------------


def test_every_record_reads_back_valid_and_survives_a_round_trip() -> None:
    events = records()
    assert len(events) == len(EVENTS.read_text(encoding="utf-8").splitlines())
    for event in events:
        assert diplomev.from_dict(diplomev.to_dict(event)) == event


def test_the_labels_name_exactly_the_records_in_the_same_order() -> None:
    ids = [row["id"] for row in labels()]
    assert len(set(ids)) == len(ids)
    assert ids == [event.id for event in records()]


def test_each_label_says_its_records_kind_and_origin_and_why() -> None:
    kinds = {event.id: diplomev.to_dict(event)["type"] for event in records()}
    for row in labels():
        assert row["kind"] == kinds[row["id"]], row["id"]
        assert row["origin"] == row["id"].split("-")[0], row["id"]
        assert row["origin"] in ORIGINS
        assert row["cluster"]
        assert row["note"].strip(), f"{row['id']} has no note"
    cluster_kinds = collections.defaultdict(set)
    for row in labels():
        cluster_kinds[row["cluster"]].add(row["kind"])
    assert not [c for c, k in cluster_kinds.items() if len(k) > 1], "a cluster mixes kinds"


def test_the_fixture_is_a_few_hundred_records_with_many_events_of_several_reports() -> None:
    rows = labels()
    size = collections.Counter(row["cluster"] for row in rows)
    multi = {c for c, n in size.items() if n > 1}
    assert len(rows) >= 300
    assert len(multi) >= 40
    kinds_with_duplicates = {row["kind"] for row in rows if row["cluster"] in multi}
    assert {"summit", "visit", "statement", "dispute", "agreement"} <= kinds_with_duplicates
    assert {row["origin"] for row in rows if row["cluster"] in multi} >= {"icews", "gdelt", "hs"}


def test_constructed_records_say_what_was_changed_from_which_real_record() -> None:
    by_id = {event.id: event for event in records()}
    constructed = [row for row in labels() if row["origin"] == "constructed"]
    assert constructed
    bases = {f"constructed-{c.name}": c for c in builder.CONSTRUCTED}
    for row in constructed:
        made = bases[row["id"]]
        assert made.base in by_id, "the base of a constructed record is in the fixture"
        [source] = by_id[row["id"]].sources
        assert source.title is not None
        assert made.base in source.title
        assert made.change in source.title


# --- rebuilding ---------------------------------------------------------------------------------


def test_events_jsonl_is_what_the_script_builds_from_the_raw_copies() -> None:
    built = builder.build(builder.RAW_FILES)
    assert builder.text_of(built) == EVENTS.read_text(encoding="utf-8")


def test_a_labelled_id_that_no_report_makes_stops_the_build(tmp_path: Path) -> None:
    bogus = tmp_path / "labels.csv"
    text = LABELS.read_text(encoding="utf-8")
    bogus.write_text(text + "icews-1-summit-1999-01-01-xxx,x,summit,icews,typo\n", "utf-8")
    with pytest.raises(SystemExit, match="icews-1-summit-1999-01-01-xxx"):
        builder.build(builder.RAW_FILES, bogus)


# --- the Pompeo-Kim Yong-chol cluster -----------------------------------------------------------


def pompeo_kim_rows() -> list[dict[str, str]]:
    """The raw rows of Kim Yong-chol with Pompeo or the United States, either way."""
    with builder.RAW_FILES["icews"].open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    other = {"Mike Pompeo", "United States"}
    return [
        r for r in rows
        if (r["Source Name"] == "Kim Yong-chol" and r["Target Name"] in other)
        or (r["Target Name"] == "Kim Yong-chol" and r["Source Name"] in other)
    ]  # fmt: skip


def test_the_pompeo_kim_rows_are_in_records_of_its_four_events_citing_18_stories() -> None:
    rows = pompeo_kim_rows()
    assert len(rows) == 40
    assert len({r["Story ID"] for r in rows}) == 18
    wanted = {r["Event ID"] for r in rows}
    label = clusters()
    holding = [e for e in records() if any(r["event_id"] in wanted for r in rows_of(e))]
    placed = {r["event_id"] for e in holding for r in rows_of(e)} & wanted
    assert placed == wanted, "every one of the 40 rows is in a fixture record"
    assert {label[e.id] for e in holding} == POMPEO_KIM
    cited = {story_id(s) for e in holding for s in e.sources}
    assert cited == {r["Story ID"] for r in rows}


def test_the_kim_trump_meeting_is_its_own_event() -> None:
    label = clusters()
    meeting = [e for e in records() if label[e.id] == KIM_TRUMP]
    assert len(meeting) >= 10
    names = {
        getattr(actor, "name", None)
        for e in meeting
        if isinstance(e, Summit)
        for actor in e.participants
    }
    assert {"Kim Yong-chol", "Donald Trump"} <= names
    assert "Mike Pompeo" not in names
    assert KIM_TRUMP not in POMPEO_KIM


# --- hard negatives -----------------------------------------------------------------------------


def _visits() -> list[tuple[Visit, str, str]]:
    label = clusters()
    origin = {row["id"]: row["origin"] for row in labels()}
    return [(e, label[e.id], origin[e.id]) for e in records() if isinstance(e, Visit)]


def _who(visit: Visit) -> str | None:
    return getattr(visit.visitor, "name", None) or getattr(visit.visitor, "code", None)


def test_the_same_visitor_and_host_a_week_apart_are_two_real_events() -> None:
    visits = _visits()
    found = [
        (a.id, b.id)
        for a, ca, oa in visits
        for b, cb, ob in visits
        if ca != cb and "constructed" not in (oa, ob) and _who(a) == _who(b)
        and a.host == b.host and 5 <= (b.date.lower() - a.date.upper()).days <= 9
    ]  # fmt: skip
    assert found


def test_the_same_visitor_on_the_same_day_with_another_host_is_another_real_event() -> None:
    visits = _visits()
    found = [
        (a.id, b.id)
        for a, ca, oa in visits
        for b, cb, ob in visits
        if ca != cb and "constructed" not in (oa, ob) and _who(a) == _who(b)
        and a.host != b.host and a.date.lower() <= b.date.upper()
        and b.date.lower() <= a.date.upper()
    ]  # fmt: skip
    assert found


def test_a_planned_and_an_occurred_meeting_of_the_same_people_are_two_real_events() -> None:
    label = clusters()

    def people(summit: Summit) -> frozenset[str]:
        return frozenset(getattr(a, "name", None) or "?" for a in summit.participants)

    summits = [e for e in records() if isinstance(e, Summit) and not e.id.startswith("constr")]
    found = [
        (a.id, b.id)
        for a in summits
        for b in summits
        if a.status is Status.PLANNED and b.status is Status.OCCURRED
        and people(a) == people(b) and label[a.id] != label[b.id]
    ]  # fmt: skip
    assert found


def test_the_exact_key_joins_records_the_labels_keep_apart_and_misses_others() -> None:
    events = records()
    truth = clusters()
    key = bench.phoenix(events)
    wrongly_joined = {
        (a.id, b.id) for a in events for b in events
        if a.id < b.id and key[a.id] == key[b.id] and truth[a.id] != truth[b.id]
    }  # fmt: skip
    missed = {
        (a.id, b.id) for a in events for b in events
        if a.id < b.id and key[a.id] != key[b.id] and truth[a.id] == truth[b.id]
    }  # fmt: skip
    assert wrongly_joined
    assert missed
    scores = bench.pairwise(truth, key)
    assert scores.precision < 1
    assert scores.recall < 1


# --- the measures, by hand ----------------------------------------------------------------------

TRUTH = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
SPLIT = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_pairwise_counts_the_pairs_put_together() -> None:
    # True pairs ab ac bc de; predicted ab cd ce de; both ab de.
    scores = bench.pairwise(TRUTH, SPLIT)
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.5, 0.5)


def test_bcubed_averages_each_records_share_of_its_cluster() -> None:
    # a, b: 2 of 2 right, 2 of 3 found; c: 1 of 3, 1 of 3; d, e: 2 of 3, 2 of 2.
    scores = bench.bcubed(TRUTH, SPLIT)
    assert scores.precision == pytest.approx(11 / 15)
    assert scores.recall == pytest.approx(11 / 15)


def test_nothing_merged_and_everything_merged_score_as_computed_by_hand() -> None:
    alone = {i: i for i in TRUTH}
    one = dict.fromkeys(TRUTH, "all")
    assert bench.pairwise(TRUTH, alone) == bench.Scores(1.0, 0.0)
    assert bench.bcubed(TRUTH, alone) == bench.Scores(1.0, pytest.approx(2 / 5))
    assert bench.pairwise(TRUTH, one) == bench.Scores(pytest.approx(4 / 10), 1.0)
    assert bench.bcubed(TRUTH, one) == bench.Scores(pytest.approx(13 / 25), 1.0)
    assert bench.Scores(0.0, 0.0).f1 == 0.0


def test_measures_refuse_clusterings_of_other_records() -> None:
    with pytest.raises(ValueError, match="missing"):
        bench.pairwise(TRUTH, {"a": "x"})
    with pytest.raises(ValueError, match="extra"):
        bench.bcubed(TRUTH, {**SPLIT, "z": "x"})


def test_clusters_become_an_assignment_where_the_unclustered_stand_alone() -> None:
    assert bench.clusters_to_assignment("abcde", [("b", "a"), ("e", "d")]) == {
        "a": "a", "b": "a", "c": "c", "d": "d", "e": "d"
    }  # fmt: skip


assignments = st.lists(st.sampled_from("pqrs"), min_size=1, max_size=12).map(
    lambda names: {f"r{i}": name for i, name in enumerate(names)}
)


@given(assignments, st.data())
def test_measures_lie_in_0_1_and_swap_precision_and_recall_with_their_arguments(
    truth: dict[str, str], data: st.DataObject
) -> None:
    predicted = {i: data.draw(st.sampled_from("wxyz")) for i in truth}
    for measure in (bench.pairwise, bench.bcubed):
        forward, backward = measure(truth, predicted), measure(predicted, truth)
        assert 0 <= forward.precision <= 1
        assert 0 <= forward.recall <= 1
        assert forward.precision == pytest.approx(backward.recall)
        assert forward.recall == pytest.approx(backward.precision)
        assert measure(truth, truth) == bench.Scores(1.0, 1.0)


@given(assignments)
def test_measures_do_not_depend_on_the_names_of_clusters(truth: dict[str, str]) -> None:
    renamed = {i: f"cluster {name}" for i, name in truth.items()}
    predicted = {i: "x" if int(i[1:]) % 2 else "y" for i in truth}
    for measure in (bench.pairwise, bench.bcubed):
        assert measure(truth, predicted) == measure(renamed, predicted)


# --- the Phoenix anchor -------------------------------------------------------------------------


@given(ds.events())
def test_the_exact_key_ignores_who_reported_an_event(event: Event) -> None:
    report = attrs.evolve(
        event, id=event.id + "-again", sources=(diplomev.Source(url="https://other.example/1"),)
    )
    assert bench.phoenix_key(report) == bench.phoenix_key(event)


@given(st.lists(ds.events(), max_size=6, unique_by=lambda e: e.id), st.randoms())
def test_the_exact_key_clusters_do_not_depend_on_input_order(events: list[Event], rng: Any) -> None:
    shuffled = list(events)
    rng.shuffle(shuffled)
    assert bench.phoenix(shuffled) == bench.phoenix(events)


def test_the_phoenix_row_of_the_documented_table_is_what_the_bench_measures() -> None:
    events, truth, kinds = bench.load_fixture()
    row = bench.evaluate("phoenix", bench.phoenix(events), truth, kinds)[0]
    figures = [row.pairwise.precision, row.pairwise.recall, row.pairwise.f1,
               row.bcubed.precision, row.bcubed.recall, row.bcubed.f1]  # fmt: skip
    expected = (
        "| phoenix | all | "
        + f"{row.records} | {row.events} | "
        + " | ".join(f"{v:.3f}" for v in figures)
    )
    assert expected in DOC.read_text(encoding="utf-8")


# --- the bench's front-door glue, through a stand-in dedup module ------------------------------


@pytest.fixture
def oracle_dedup(monkeypatch: pytest.MonkeyPatch) -> list[float | None]:
    """A stand-in ``diplomev.dedup`` whose find_duplicates returns the labelled clusters."""
    thresholds: list[float | None] = []

    def find_duplicates(events: list[Event], *, threshold: float | None = None) -> list[Any]:
        thresholds.append(threshold)
        members = collections.defaultdict(list)
        for event in events:
            members[clusters()[event.id]].append(event.id)
        return [types.SimpleNamespace(ids=tuple(ids)) for ids in members.values() if len(ids) > 1]

    def dedup(events: Any, **options: Any) -> Any:
        return iter(events)

    stand_in = types.ModuleType("diplomev.dedup")
    stand_in.find_duplicates = find_duplicates  # type: ignore[attr-defined]
    stand_in.dedup = dedup  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "diplomev.dedup", stand_in)
    monkeypatch.setattr(diplomev, "dedup", stand_in, raising=False)
    return thresholds


def test_the_bench_scores_find_duplicates_at_the_threshold_asked(
    oracle_dedup: list[float | None],
) -> None:
    events, truth, _ = bench.load_fixture()
    assert bench.pairwise(truth, bench.diplomev_method(0.8)(events)) == bench.Scores(1.0, 1.0)
    bench.diplomev_method(None)(events)
    assert oracle_dedup == [0.8, None]


def test_the_bench_reports_diplomev_rows_and_a_sweep_when_dedup_is_there(
    oracle_dedup: list[float | None], capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--sweep", "0.6,0.9", "--markdown"]) == 0
    out = capsys.readouterr().out
    size = f"{len(labels())} | {len(set(clusters().values()))}"
    assert f"| diplomev@default | all | {size} | 1.000 | 1.000 | 1.000 |" in out
    assert "| diplomev@0.9 | all |" in out
    assert oracle_dedup == [None, 0.6, 0.9]


def test_a_scale_child_reports_what_dedup_gave_its_time_and_memory(
    oracle_dedup: list[float | None], capsys: pytest.CaptureFixture[str]
) -> None:
    bench._child("dedup", 200, None)
    result = json.loads(capsys.readouterr().out)
    assert result["out"] == 200
    assert result["seconds"] >= 0
    assert result["peak_kib"] > 0


def test_generated_re_reports_are_a_share_of_the_records_under_their_own_ids() -> None:
    first = list(bench.reported(1000, seed=7))
    assert [e.id for e in first] == [e.id for e in bench.reported(1000, seed=7)]
    assert len({e.id for e in first}) == 1000
    again = [e for e in first if e.id.startswith("report-")]
    assert 200 <= len(again) <= 400
    assert all(e.sources[0].publisher == "Other" for e in again)


# --- diplomev.dedup on the fixture --------------------------------------------------------------


def _dedup() -> Any:
    import diplomev.dedup

    return diplomev.dedup


def test_find_duplicates_keeps_the_kim_trump_meeting_apart_from_the_pompeo_talks() -> None:
    dedup = _dedup()
    label = clusters()
    for cluster in dedup.find_duplicates(records()):
        names = {label[i] for i in cluster.ids}
        assert not (KIM_TRUMP in names and names & POMPEO_KIM), cluster.ids


def test_merging_what_find_duplicates_joins_keeps_all_18_pompeo_kim_stories() -> None:
    dedup = _dedup()
    events = records()
    by_id = {e.id: e for e in events}
    label = clusters()
    stories = {r["Story ID"] for r in pompeo_kim_rows()}
    joined = {i for c in dedup.find_duplicates(events) for i in c.ids}
    merged = [
        dedup.merge([by_id[i] for i in c.ids]).event
        for c in dedup.find_duplicates(events)
        if {label[i] for i in c.ids} & POMPEO_KIM
    ]
    alone = [e for e in events if label[e.id] in POMPEO_KIM and e.id not in joined]
    cited = {story_id(s) for e in merged + alone for s in e.sources}
    assert stories <= cited


def test_find_duplicates_holds_its_measured_precision_and_recall_on_the_fixture() -> None:
    # Issue 16 asks for 0.9 and 0.9. Measured: precision 0.961, recall 0.971 (B-cubed F1
    # 0.964). These floors hold what was reached, a hair under, so that a change that
    # loses it fails.
    dedup = _dedup()
    events = records()
    predicted = bench.clusters_to_assignment(
        (e.id for e in events), (c.ids for c in dedup.find_duplicates(events))
    )
    scores = bench.pairwise(clusters(), predicted)
    assert scores.precision >= 0.955
    assert scores.recall >= 0.965
    assert bench.bcubed(clusters(), predicted).f1 >= 0.96


def test_the_constructed_dates_are_real_dates() -> None:
    # A shifted interval stays an interval of real days (the builder's own arithmetic).
    assert builder._shift_text("2026-01-04?/2026-01-06?", 7) == "2026-01-11?/2026-01-13?"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", builder._shift_text("2024-02-28", 1))
    assert builder._shift_text("2024-02-28", 1) == str(datetime.date(2024, 2, 29))
