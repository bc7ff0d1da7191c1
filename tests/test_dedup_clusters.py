"""Blocking and clusters: no allowed pair is missed, each is compared once, order is irrelevant."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev import Country, EventDate, Person, Summit, Visit
from diplomev import strategies as ds
from diplomev.dedup import Cluster, find_duplicates
from diplomev.dedup._blocking import Blocking
from diplomev.dedup._clusters import link
from diplomev.dedup._profile import profile
from diplomev.dedup._similarity import forbidden

LEE = Person(name="Lee Jae Myung", office="President", country="KOR")
XI = Person(name="Xi Jinping", office="President", country="CHN")


@st.composite
def dates_near(draw: st.DrawFn) -> EventDate:
    """Dates of every precision around January 2026, so that many pairs overlap."""
    day = draw(st.integers(1, 28))
    month = draw(st.sampled_from([12, 1, 1, 2]))
    year = 2025 if month == 12 else 2026
    qualifiers = {"approximate": draw(st.booleans()), "uncertain": False}
    single = draw(
        st.sampled_from(
            [
                EventDate.day(year, month, day, **qualifiers),
                EventDate.day(year, month, day),
                EventDate.month(year, month, **qualifiers),
                EventDate.year(year),
            ]
        )
    )
    if draw(st.integers(0, 5)) == 0:
        return EventDate.interval(
            single, draw(st.sampled_from([EventDate.year(2026), diplomev.Bound.OPEN]))
        )
    return single


def numbered(events: list[diplomev.Event]) -> list[diplomev.Event]:
    return [attrs.evolve(event, id=f"e{i:03d}") for i, event in enumerate(events)]


REPORTS = st.lists(
    ds.events([Summit, Visit, diplomev.Statement], dates=dates_near(), countries=["KOR", "CHN"]),
    min_size=2,
    max_size=25,
).map(numbered)


@settings(max_examples=150, deadline=None)
@given(REPORTS)
def test_blocking_offers_every_pair_the_hard_rules_allow_and_each_once(
    events: list[diplomev.Event],
) -> None:
    profiles = [profile(event) for event in events]
    blocking = Blocking(profiles)
    offered = list(blocking.pairs())
    assert len(offered) == len(set(offered)) == blocking.compared
    allowed = {
        (a, b)
        for a, b in itertools.combinations(range(len(profiles)), 2)
        if forbidden(profiles[a], profiles[b]) is None
    }
    assert allowed <= set(offered)
    assert blocking.windowed == 0


@settings(max_examples=60, deadline=None)
@given(REPORTS, st.randoms(use_true_random=False), st.sampled_from([0.5, 0.75, 0.9]))
def test_clusters_do_not_depend_on_the_order_of_the_input(
    events: list[diplomev.Event], rng: object, threshold: float
) -> None:
    shuffled = list(events)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert find_duplicates(shuffled, threshold=threshold) == find_duplicates(
        events, threshold=threshold
    )


@settings(max_examples=60, deadline=None)
@given(REPORTS)
def test_clusters_are_the_connected_pairs_above_the_threshold(events: list[diplomev.Event]) -> None:
    clusters = find_duplicates(events, threshold=0.6)
    by_id = {event.id: profile(event) for event in events}
    seen: set[str] = set()
    for cluster in clusters:
        assert len(cluster.ids) >= 2
        assert list(cluster.ids) == sorted(cluster.ids)
        assert not seen & set(cluster.ids)  # each record in one cluster at most
        seen.update(cluster.ids)
        assert {id_ for a, b, _ in cluster.scores for id_ in (a, b)} == set(cluster.ids)
        assert all(a < b and score >= 0.6 for a, b, score in cluster.scores)
        assert list(cluster.scores) == sorted(cluster.scores)
        # No two reports of a cluster are kept apart by a hard rule.
        for x, y in itertools.combinations(cluster.ids, 2):
            assert forbidden(by_id[x], by_id[y]) is None
    assert [c.ids for c in clusters] == sorted(c.ids for c in clusters)


def test_a_year_report_meets_the_day_reports_inside_it_and_not_two_days_each_other() -> None:
    reports = [
        Visit(id="day1", date="2026-01-05", visitor=LEE, host="CHN"),
        Visit(id="day2", date="2026-03-09", visitor=LEE, host="CHN"),
        Visit(id="month", date="2026-01", visitor=LEE, host="CHN"),
        Visit(id="year", date="2026", visitor=LEE, host="CHN"),
        Visit(id="decade", date="2025/2026", visitor=LEE, host="CHN"),
        Visit(id="other-year", date="2024", visitor=LEE, host="CHN"),
    ]
    blocking = Blocking([profile(report) for report in reports])
    pairs = {tuple(sorted((reports[a].id, reports[b].id))) for a, b in blocking.pairs()}
    assert pairs == {
        ("day1", "month"), ("day1", "year"), ("day2", "year"), ("month", "year"),
        ("day1", "decade"), ("day2", "decade"), ("decade", "month"), ("decade", "year"),
    }  # fmt: skip


def test_an_oversize_block_is_compared_through_a_window_and_still_finds_its_copies() -> None:
    # 60 reports known only to the year, of 30 different visits: too many for one block.
    visitors = [
        Person(name=f"Minister {chr(65 + i // 26)}{chr(65 + i % 26)}", country="KOR")
        for i in range(30)
    ]
    reports = [
        Visit(id=f"r{i:02d}-{copy}", date="2026", visitor=visitor, host="CHN")
        for i, visitor in enumerate(visitors)
        for copy in "ab"
    ]
    profiles = [profile(report) for report in reports]
    blocking = Blocking(profiles, max_block_pairs=100, window=3)
    offered = list(blocking.pairs())
    assert blocking.windowed == 2  # the block of KOR and the block of CHN
    assert len(offered) < len(reports) * (len(reports) - 1) // 2
    narrow = Blocking(profiles, max_block_pairs=100, window=3)
    clusters = link(profiles, threshold=0.9, blocking=narrow)
    assert [c.ids for c in clusters] == [(f"r{i:02d}-a", f"r{i:02d}-b") for i in range(30)]


def test_generated_records_are_compared_far_fewer_times_than_all_pairs() -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from generate import events

    profiles = [profile(event) for event in events(3_000, seed=7)]
    blocking = Blocking(profiles)
    offered = sum(1 for _ in blocking.pairs())
    assert offered < 3_000 * 2_999 // 2 // 20


def test_a_cluster_names_the_pairs_that_joined_it() -> None:
    a = Summit(id="a", date="2026-01-05", participants=[LEE, XI], host="CHN")
    b = attrs.evolve(a, id="b", date="2026-01")
    c = attrs.evolve(a, id="c", participants=[XI, diplomev.Country(code="KOR")])
    (cluster,) = find_duplicates([c, b, a], threshold=0.7)
    assert cluster.ids == ("a", "b", "c")
    assert [pair[:2] for pair in cluster.scores] == [("a", "b"), ("a", "c"), ("b", "c")]
    assert isinstance(cluster, Cluster)


@pytest.mark.parametrize("threshold", [-0.1, 1.5])
def test_a_threshold_outside_0_1_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates([], threshold=threshold)


def test_kim_pompeo_in_new_york_and_kim_trump_in_washington_stay_apart() -> None:
    kim = Person(name="Kim Yong-chol", country="PRK")
    pompeo = Person(name="Mike Pompeo", office="Secretary of State", country="USA")
    trump = Person(name="Donald Trump", office="President", country="USA")
    reports = [
        Summit(id="ny-1", date="2018-06-01", participants=[kim, pompeo], host="USA"),
        Summit(
            id="ny-2", date="2018-06-01", participants=[Country(code="PRK"), pompeo], host="USA"
        ),
        Summit(id="dc-1", date="2018-06-01", participants=[kim, trump], host="USA"),
        Summit(id="dc-2", date="2018-06", participants=[kim, Country(code="USA")], host="USA"),
    ]
    clusters = [cluster.ids for cluster in find_duplicates(reports, threshold=0.7)]
    assert ("ny-1", "ny-2") in clusters
    assert not any({"ny-1", "dc-1"} <= set(ids) for ids in clusters)


def test_a_month_report_does_not_chain_two_days_into_one_event() -> None:
    first = Summit(id="a-first", date="2026-01-05", participants=[LEE, XI], host="CHN",
                   summary="Lee and Xi hold talks in Beijing")  # fmt: skip
    second = attrs.evolve(first, id="b-second", date="2026-01-12")
    january = attrs.evolve(first, id="c-january", date="2026-01",
                           summary="Lee and Xi hold talks in Beijing, Xinhua says")  # fmt: skip
    clusters = find_duplicates([first, second, january], threshold=0.7)
    assert len(clusters) == 1
    (cluster,) = clusters
    assert "c-january" in cluster.ids
    assert len(cluster.ids) == 2  # with one of the days, never both


def test_a_report_of_a_body_joins_the_meeting_more_of_its_pairs_support() -> None:
    # The cabinet, with Kim in New York, is alike to the Pompeo talks and the Trump meeting
    # both (a body meets for its state); it joins the talks, where more pairs are alike, and
    # the two meetings stay apart (two persons of one country).
    kim = Person(name="Kim Yong-chol", country="PRK")
    pompeo = Person(name="Mike Pompeo", country="USA")
    trump = Person(name="Donald Trump", country="USA")
    new_york = diplomev.Location(name="New York City", country="USA", lat=40.71, lon=-74.01)
    washington = diplomev.Location(name="Washington", country="USA", lat=38.90, lon=-77.04)
    talks = [
        Summit(id=f"ny-{i}", date="2018-06-01", participants=[kim, pompeo], host="USA",
               location=new_york)
        for i in range(3)
    ]  # fmt: skip
    meeting = [
        Summit(id=f"dc-{i}", date="2018-06-01", participants=[kim, trump], host="USA",
               location=washington if i else new_york)
        for i in range(3)
    ]  # fmt: skip
    cabinet = Summit(
        id="ny-cabinet", date="2018-06-01", host="USA", location=new_york,
        participants=[kim, diplomev.Organization(name="Cabinet", country="USA")],
    )  # fmt: skip
    by_id = {r.id: profile(r) for r in [*talks, *meeting, cabinet]}
    from diplomev.dedup._similarity import compare, resolve_weights

    weights = resolve_weights(None, "summit")
    # Alike to a report of each meeting, as alike to the best of each.
    assert compare(by_id["ny-cabinet"], by_id["dc-0"], weights).total == pytest.approx(
        compare(by_id["ny-cabinet"], by_id["ny-0"], weights).total
    )
    for order in (talks + meeting + [cabinet], [cabinet, *reversed(meeting), *talks]):
        clusters = sorted(c.ids for c in find_duplicates(order))
        assert clusters == [("dc-0", "dc-1", "dc-2"), ("ny-0", "ny-1", "ny-2", "ny-cabinet")]
