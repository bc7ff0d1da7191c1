"""dedup: find, merge and rewrite in one call, streaming, the same from a list or a stream."""

from __future__ import annotations

import os
import random
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev import Link, Person, Source, Summit, Visit
from diplomev import strategies as ds
from diplomev._json import JSONObject
from diplomev.dedup import _merging, _pipeline, _run, _stream, dedup, find_duplicates
from diplomev.dedup._stream import can_fork

LEE = Person(name="Lee Jae Myung", office="President", country="KOR")
XI = Person(name="Xi Jinping", office="President", country="CHN")


def reports() -> list[diplomev.Event]:
    visit = Visit(id="visit-yonhap", date="2026-01-04/2026-01-07", visitor=LEE, host="CHN",
                  sources=[Source(url="https://yna.example/1")])  # fmt: skip
    return [
        visit,
        Summit(id="talks-yonhap", date="2026-01-05", participants=[LEE, XI], host="CHN",
               links=[Link(rel="part_of", target="visit-yonhap")],
               sources=[Source(url="https://yna.example/2")]),
        attrs.evolve(visit, id="visit-xinhua", date="2026-01",
                     sources=[Source(url="https://xinhua.example/9")]),
        Summit(id="talks-xinhua", date="2026-01-05", participants=[XI, LEE], host="CHN",
               links=[Link(rel="part_of", target="visit-xinhua")],
               sources=[Source(url="https://xinhua.example/10")]),
        Summit(id="later", date="2026-01-12", participants=[XI, LEE], host="CHN"),
    ]  # fmt: skip


def test_dedup_merges_each_cluster_and_sends_links_to_the_survivor() -> None:
    with dedup(iter(reports())) as result:
        events = list(result)
    assert [c.ids for c in result.clusters] == [
        ("talks-xinhua", "talks-yonhap"), ("visit-xinhua", "visit-yonhap")
    ]  # fmt: skip
    assert dict(result.merged_ids) == {
        "talks-yonhap": "talks-xinhua",
        "visit-yonhap": "visit-xinhua",
    }
    assert [event.id for event in events] == ["visit-xinhua", "talks-xinhua", "later"]
    visit, talks, _ = events
    assert str(visit.date) == "2026-01-04/2026-01-07"
    assert len(visit.sources) == 2
    assert len(talks.sources) == 2
    assert talks.links == (Link(rel="part_of", target="visit-xinhua"),)
    assert result.records == 5
    assert result.compared >= 2


def test_conflicts_are_known_by_survivor_once_read() -> None:
    events = reports()
    events[3] = attrs.evolve(events[3], summary="Xi hosts Lee")
    events[1] = attrs.evolve(events[1], summary="Lee meets Xi")
    result = dedup(events)
    assert result.conflicts == {}
    list(result)
    (conflict,) = result.conflicts["talks-xinhua"]
    assert conflict.field == "summary"
    with pytest.raises(RuntimeError, match="once"):
        list(result)


@settings(max_examples=40, deadline=None)
@given(st.lists(ds.events([Summit, Visit], countries=["KOR", "CHN"]), max_size=12))
def test_a_stream_and_a_list_give_the_same_records(events: list[diplomev.Event]) -> None:
    events = [attrs.evolve(event, id=f"e{i}") for i, event in enumerate(events)]
    from_list = dedup(events, threshold=0.6)
    from_stream = dedup(iter(events), threshold=0.6)
    assert list(from_stream) == list(from_list)
    assert from_list.clusters == find_duplicates(events, threshold=0.6)
    merged = sum(len(cluster.ids) - 1 for cluster in from_list.clusters)
    assert from_list.records - merged == len(list(dedup(events, threshold=0.6)))


def _generated(count: int, seed: int) -> list[diplomev.Event]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bench_dedup import reported

    return list(reported(count, seed=seed))


def _open_files() -> int:
    # Linux lists a process's open files here; elsewhere the count is not checked.
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0


@pytest.mark.skipif(not can_fork(), reason="the worker is forked: needs fork and two cores")
def test_a_worker_profiling_as_the_records_are_read_finds_the_same_in_any_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = _generated(2_000, seed=5)
    expected = find_duplicates(events)
    with dedup(events) as from_list:
        records = list(from_list)
    # Forked after 300 records, and the worker's stream cut into runs of 400 entries,
    # that it shares out with a worker of its own.
    monkeypatch.setattr(_pipeline, "PIPELINE_RECORDS", 300)
    monkeypatch.setattr(_stream, "RUN_ENTRIES", 400)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    forks = []
    pipelined = _pipeline._pipelined
    monkeypatch.setattr(_pipeline, "_pipelined", lambda *args: forks.append(1) or pipelined(*args))
    before = _open_files()
    for order in (events, random.Random(8).sample(events, len(events))):
        with dedup(iter(order), processes=2) as result:
            assert result.clusters == expected
            assert result.records == len(events)
            out = list(result)
        if order is events:
            assert out == records
        else:
            assert sorted(e.id for e in out) == sorted(e.id for e in records)
    assert len(forks) == 2  # each time, the records were profiled by the worker
    assert _open_files() == before  # the temporary files are closed, the pipes too
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not can_fork(), reason="the worker is forked: needs fork and two cores")
def test_a_failed_worker_is_made_good_by_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    events = _generated(600, seed=6)
    expected = find_duplicates(events)

    def fail(*args: object) -> None:
        raise MemoryError("the worker ran out")

    monkeypatch.setattr(_pipeline, "PIPELINE_RECORDS", 100)
    monkeypatch.setattr(_pipeline, "_first_pass", fail)
    with dedup(iter(events), processes=2) as result:
        assert result.clusters == expected
        assert len(list(result)) == len(events) - len(result.merged_ids)


@pytest.mark.skipif(not can_fork(), reason="the worker is forked: needs fork and two cores")
def test_the_worker_compares_with_the_callers_threshold_and_weights(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = _generated(800, seed=9)
    weights = {"text": 0.0, "visit": {"location": 3.0}}
    expected = find_duplicates(events, threshold=0.6, weights=weights)
    assert expected != find_duplicates(events)  # the options matter on these records
    monkeypatch.setattr(_pipeline, "PIPELINE_RECORDS", 100)
    monkeypatch.setattr(_stream, "RUN_ENTRIES", 300)
    with dedup(iter(events), threshold=0.6, weights=weights, processes=2) as result:
        assert result.clusters == expected


def test_no_worker_is_forked_with_one_process_asked_or_while_another_thread_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = _generated(600, seed=6)
    expected = find_duplicates(events)

    def no_fork(*args: object) -> None:
        raise AssertionError("a worker was forked")

    monkeypatch.setattr(_pipeline, "PIPELINE_RECORDS", 100)
    monkeypatch.setattr(_stream, "RUN_ENTRIES", 300)
    monkeypatch.setattr(_pipeline, "_pipelined", no_fork)
    monkeypatch.setattr(_stream, "_compare_parts", _stream_compare_here)
    with dedup(iter(events), processes=1) as result:
        assert result.clusters == expected
    # A fork would copy only this thread: unasked, dedup stays in this process.
    running, stop = threading.Event(), threading.Event()
    other = threading.Thread(target=lambda: (running.set(), stop.wait()))
    other.start()
    try:
        running.wait()
        with dedup(iter(events)) as result:
            assert result.clusters == expected
    finally:
        stop.set()
        other.join()
    with pytest.raises(ValueError, match="processes is 1, 2 or None"):
        dedup(events, processes=3)


def _stream_compare_here(streamer: Any, runs: Any, workers: int) -> None:
    assert workers == 1, "the comparing was shared with a forked worker"
    _COMPARE(streamer, runs, workers)


_COMPARE = _stream._compare_parts


@settings(max_examples=80, deadline=None)
@given(st.lists(ds.events(), min_size=1, max_size=8))
def test_records_spilled_with_their_fields_as_tuples_come_back_equal(
    events: list[diplomev.Event],
) -> None:
    with tempfile.TemporaryFile() as spill:
        sizes = [_pipeline._spilled(events, spill), _pipeline._spilled(events[::-1], spill)]
        back = list(_pipeline.unpickled(spill))
        assert spill.tell() == sum(sizes)
    assert back == events + events[::-1]
    assert [type(event) for event in back] == [type(event) for event in events + events[::-1]]
    assert _pipeline._AS_TUPLE[type(events[0])]  # the records themselves went as tuples


def test_a_class_whose_tuple_state_does_not_come_back_is_pickled_as_usual() -> None:
    @attrs.frozen
    class Odd:
        a: int
        b: str

        def __setstate__(self, state: Any) -> None:  # not attrs' own: a dict only
            for name in ("a", "b"):
                object.__setattr__(self, name, state[name])

    assert not _pipeline._tuple_comes_back(Odd(1, "x"))
    assert _pipeline._tuple_comes_back(LEE)
    assert not _pipeline._tuple_comes_back(JSONObject({"x": 1}))  # its own __reduce__
    assert not _pipeline._tuple_comes_back(1)


@pytest.mark.skipif(not can_fork(), reason="the worker is forked: needs fork and two cores")
def test_a_worker_merging_in_the_second_pass_gives_the_same_records_and_conflicts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = _generated(1_500, seed=4)
    with dedup(events) as from_list:  # a list: no temporary file, merged here
        expected = list(from_list)
    assert from_list.conflicts  # some of the merges disagree on a field
    monkeypatch.setattr(_run, "MERGE_WORKER_CLUSTERS", 1)
    merged_here: list[int] = []  # what a forked worker counts stays in the worker
    merge = _merging.merge

    def counted(*args: Any, **options: Any) -> Any:
        merged_here.append(1)
        return merge(*args, **options)

    monkeypatch.setattr(_merging, "merge", counted)
    monkeypatch.setattr(_run, "merge", counted)
    merge_all = _merging._merge_all
    before = _open_files()
    with dedup(iter(events), processes=2) as result:
        assert list(result) == expected
    assert merged_here == []  # every cluster was merged by the worker
    clusters = len(result.clusters)
    assert dict(result.conflicts) == dict(from_list.conflicts)
    assert result.report() == from_list.report()
    assert _open_files() == before  # the pipe is closed, the worker joined

    class Few:
        # Three merged records sent, then the worker runs out of memory.
        def __init__(self, send: Any) -> None:
            self.send_, self.sent = send, 0

        def send(self, item: object) -> None:
            if self.sent == 3:
                raise MemoryError("the worker ran out")
            self.sent += 1
            self.send_.send(item)

        def close(self) -> None:
            self.send_.close()

    def dies(fd: int, members: Any, last: Any, policy: Any, send: Any) -> None:
        merge_all(fd, members, last, policy, Few(send))

    for worker, sent in ((dies, 3), (lambda *args: None, 0)):  # gone after three, or at once
        monkeypatch.setattr(_merging, "_merge_all", worker)
        merged_here.clear()
        with dedup(iter(events), processes=2) as result:
            assert list(result) == expected
        assert len(merged_here) == clusters - sent  # the rest merged here
        assert dict(result.conflicts) == dict(from_list.conflicts)
    # Stopped early: the worker, waiting to send, is ended.
    with dedup(iter(events), processes=2) as result:
        assert next(iter(result)) == expected[0]
    assert _open_files() == before
