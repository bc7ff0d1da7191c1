"""The streaming path (run files, merged): the same pairs and clusters as in memory."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev import Bound, EventDate, Person, Summit, Visit
from diplomev import strategies as ds
from diplomev.dedup import _found as found_module
from diplomev.dedup import _stream as stream_module
from diplomev.dedup import dedup, find_duplicates
from diplomev.dedup._blocking import Blocking
from diplomev.dedup._clusters import link
from diplomev.dedup._profile import profile
from diplomev.dedup._stream import _plan, stream_clusters
from diplomev.io import read_jsonl

REPO = Path(__file__).resolve().parent.parent
LEE = Person(name="Lee Jae Myung", office="President", country="KOR")


@st.composite
def dates(draw: st.DrawFn) -> EventDate:
    """Days, months and years across a New Year, and spans of a decade or open-ended."""
    year = draw(st.sampled_from([2025, 2026]))
    month = 12 if year == 2025 else draw(st.sampled_from([1, 1, 2]))
    day = draw(st.integers(1, 31 if month != 2 else 28))
    single = draw(
        st.sampled_from(
            [
                EventDate.day(year, month, day),
                EventDate.day(year, month, day, approximate=True),
                EventDate.month(year, month),
                EventDate.year(year),
            ]
        )
    )
    wide = draw(st.integers(0, 6))
    if wide == 0:
        return EventDate.interval(single, Bound.OPEN)
    if wide == 1:
        return EventDate.interval(EventDate.year(2019), single)  # a decade: a wide block
    if wide == 2 and month == 12:
        return EventDate.interval(single, EventDate.day(2026, 1, 2))  # across New Year
    return single


REPORTS = st.lists(
    ds.events([Summit, Visit, diplomev.Statement], dates=dates(), countries=["KOR", "CHN"]),
    min_size=2,
    max_size=30,
).map(lambda events: [attrs.evolve(e, id=f"e{i:03d}") for i, e in enumerate(events)])


@settings(max_examples=120, deadline=None)
@given(
    REPORTS, st.sampled_from([1, 3, 1_000]), st.sampled_from([0.5, 0.75]), st.sampled_from([1, 2])
)
def test_the_stream_offers_the_pairs_and_finds_the_clusters_of_memory(
    events: list[diplomev.Event], run_entries: int, threshold: float, workers: int
) -> None:
    profiles = [profile(event) for event in events]
    blocking = Blocking(profiles)
    in_memory = link(profiles, threshold=threshold, blocking=blocking)
    found, counts = stream_clusters(
        profiles, threshold=threshold, run_entries=run_entries, workers=workers
    )
    assert [cluster for cluster, _ in found] == in_memory
    assert (counts.records, counts.compared, counts.blocks, counts.windowed) == (
        len(profiles), blocking.compared, blocking.blocks, blocking.windowed
    )  # fmt: skip
    for cluster, indexes in found:
        assert tuple(sorted(profiles[i].id for i in indexes)) == cluster.ids


def test_the_fixture_streams_to_the_clusters_of_find_duplicates() -> None:
    with read_jsonl(REPO / "tests" / "data" / "dedup" / "events.jsonl") as reader:
        events = list(reader)
    expected = find_duplicates(events)
    with dedup(iter(events)) as result:
        assert result.clusters == expected
        assert result.compared > 0
    found, _ = stream_clusters(map(profile, events), threshold=0.75, run_entries=97)
    assert [cluster for cluster, _ in found] == expected


def test_generated_records_stream_through_many_runs_to_the_same_clusters() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_dedup import reported

    events = list(reported(3_000, seed=11))
    found, counts = stream_clusters(map(profile, events), threshold=0.75, run_entries=500)
    assert [cluster for cluster, _ in found] == find_duplicates(events)
    assert len(found) > 300  # about 30% re-report another record
    assert counts.records == 3_000
    # Two processes sharing the parts find the same, in any order of the input.
    shuffled = random.Random(3).sample(events, len(events))
    both, both_counts = stream_clusters(
        map(profile, shuffled), threshold=0.75, run_entries=500, workers=2
    )
    assert [cluster for cluster, _ in both] == [cluster for cluster, _ in found]
    assert (both_counts.compared, both_counts.blocks, both_counts.windowed) == (
        counts.compared, counts.blocks, counts.windowed
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(REPORTS, st.sampled_from([1, 2, 5]), st.sampled_from([1, 3]), st.sampled_from([1, 2]))
def test_pairs_written_out_often_and_joined_in_small_batches_give_the_same_clusters(
    events: list[diplomev.Event], batch: int, flush: int, workers: int
) -> None:
    # Pairs written out after every few, components cut into batches of a few records,
    # routed in chunks of a few: each batch joined alone gives what joining all gives.
    expected = find_duplicates(events, threshold=0.5)
    with (
        mock.patch.object(found_module, "BATCH_RECORDS", batch),
        mock.patch.object(found_module, "_ROUTED", flush),
        mock.patch.object(found_module, "_RUN_CHUNK", 2),
        mock.patch.object(stream_module, "_FLUSH_PAIRS", flush),
    ):
        found, _ = stream_clusters(
            map(profile, events), threshold=0.5, run_entries=4, workers=workers
        )
    assert [cluster for cluster, _ in found] == expected


def test_generated_records_joined_in_batches_give_the_clusters_of_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_dedup import reported

    events = list(reported(3_000, seed=12))
    monkeypatch.setattr(found_module, "BATCH_RECORDS", 50)
    monkeypatch.setattr(found_module, "_ROUTED", 300)
    monkeypatch.setattr(stream_module, "_FLUSH_PAIRS", 100)
    runs: list[int] = []
    join = found_module.Found.join

    def counted(self: found_module.Found, *args: Any) -> found_module.Runs:
        done = join(self, *args)
        runs.append(len(done.runs))
        return done

    monkeypatch.setattr(found_module.Found, "join", counted)
    found, _ = stream_clusters(map(profile, events), threshold=0.75, run_entries=500)
    assert [cluster for cluster, _ in found] == find_duplicates(events)
    assert runs[0] > 8  # many batches in each of the strata, merged back in order


def test_the_parts_are_shared_out_largest_first_and_a_failed_worker_is_made_good(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _plan([5, 0, 9, 1, 4], 2) == [[2, 3], [0, 4]]
    assert _plan([0, 3], 2) == [[1]]  # one part with entries: no worker
    events = [
        Visit(id=f"v{i}", date=f"2026-01-0{1 + i % 3}", visitor=LEE, host=host)
        for i, host in enumerate(["CHN", "JPN", "USA", "RUS", "FRA", "DEU"] * 4)
    ]
    expected, _ = stream_clusters(map(profile, events), threshold=0.75, run_entries=5, workers=1)
    assert expected  # the reports of one visit, a few days apart, cluster

    def fail(*args: object) -> None:
        raise MemoryError("the worker ran out")

    monkeypatch.setattr(stream_module, "_work", fail)
    found, _ = stream_clusters(map(profile, events), threshold=0.75, run_entries=5, workers=2)
    assert [c for c, _ in found] == [c for c, _ in expected]


def test_a_report_of_a_decade_or_open_ended_meets_the_days_inside_it() -> None:
    day = Visit(id="day", date="2026-01-05", visitor=LEE, host="CHN")
    decade = attrs.evolve(day, id="decade", date="2019/2026")
    since = attrs.evolve(day, id="since", date="2025-06/..")
    before = attrs.evolve(day, id="before", date="2010/2014")
    found, counts = stream_clusters(
        map(profile, [day, decade, since, before]), threshold=0.5, run_entries=1
    )
    assert [cluster.ids for cluster, _ in found] == [("day", "decade", "since")]
    blocking = Blocking([profile(e) for e in (day, decade, since, before)])
    assert counts.compared == sum(1 for _ in blocking.pairs()) == blocking.compared
