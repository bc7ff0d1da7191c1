"""dedup: find, merge and rewrite in one call, streaming, the same from a list or a stream."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev import Link, Person, Source, Summit, Visit
from diplomev import strategies as ds
from diplomev.dedup import dedup, find_duplicates

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
