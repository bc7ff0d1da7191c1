"""merge: one valid record, every source kept, every disagreement listed with its ids."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev import Ballot, Country, Link, Organization, Person, Source, Summit, Tally, Visit, Vote
from diplomev import strategies as ds
from diplomev.dedup import Conflict, merge

LEE = Person(name="Lee Jae Myung", office="President", country="KOR")
XI = Person(name="Xi Jinping", office="President", country="CHN")
YONHAP = Source(url="https://en.yna.co.kr/view/1", publisher="Yonhap")
XINHUA = Source(url="https://english.news.cn/2", publisher="Xinhua")


@settings(max_examples=200, deadline=None)
@given(ds.events())
def test_a_cluster_of_one_is_returned_unchanged(event: diplomev.Event) -> None:
    merged = merge([event])
    assert merged.event == event
    assert merged.conflicts == ()


@settings(max_examples=100, deadline=None)
@given(ds.events(), st.integers(2, 4))
def test_copies_of_one_report_merge_into_it_with_no_conflict(
    event: diplomev.Event, copies: int
) -> None:
    merged = merge([event] * copies)
    assert merged.event == event
    assert merged.conflicts == ()


def test_links_inside_the_cluster_go_but_a_report_s_link_to_its_own_id_stays() -> None:
    # Hypothesis found it: copies of a record that says it is part of itself lost that link.
    talks = Summit(id="talks", date="2020", participants=[LEE, XI])
    own = attrs.evolve(talks, links=[Link(rel="part_of", target="talks")])
    other = attrs.evolve(talks, id="talks-2", links=[Link(rel="part_of", target="talks")])
    assert merge([own, own]).event == own
    assert merge([talks, other]).event.links == ()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(ds.events([Summit], countries=["KOR", "CHN"]), min_size=2, max_size=4), st.randoms()
)
def test_any_cluster_merges_into_a_valid_record_of_every_source_whatever_the_order(
    reports: list[diplomev.Event], rng: object
) -> None:
    merged = merge(reports)
    assert diplomev.from_dict(diplomev.to_dict(merged.event)) == merged.event
    assert merged.event.id == min(report.id for report in reports)
    every_source = {source for report in reports for source in report.sources}
    assert set(merged.event.sources) == every_source
    assert len(merged.event.sources) == len(every_source)  # identical sources kept once
    shuffled = list(reports)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert merge(shuffled) == merged
    for conflict in merged.conflicts:
        assert len(conflict.values) >= 2
        assert conflict.chosen in [value for value, _ in conflict.values]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(ds.events([Summit], countries=["KOR", "CHN"]), st.sampled_from("aab")),
        min_size=2,
        max_size=4,
    ),
    st.randoms(),
)
def test_reports_of_one_id_merge_alike_whatever_the_order(
    drawn: list[tuple[diplomev.Event, str]], rng: object
) -> None:
    # Ids tie often here: the order of the reports then rests on their canonical text.
    reports = [attrs.evolve(report, id=id_) for report, id_ in drawn]
    merged = merge(reports)
    for _ in range(3):
        shuffled = list(reports)
        rng.shuffle(shuffled)  # type: ignore[attr-defined]
        assert merge(shuffled) == merged


def test_an_x_field_that_is_a_list_in_one_report_and_not_in_another_is_a_conflict() -> None:
    # Hypothesis found it: the union of [] and false was asked for, and merge raised.
    a = summit("a", extensions={"x_coder": []})
    b = summit("b", extensions={"x_coder": False})
    c = summit("c", extensions={"x_coder": False})
    merged = merge([a, b, c])
    assert merged.event.extensions["x_coder"] is False
    [conflict] = merged.conflicts
    assert (conflict.field, conflict.policy) == ("x_coder", "most_reported")


def summit(id_: str, **changes: object) -> Summit:
    return attrs.evolve(
        Summit(id=id_, date="2026-01-05", participants=[LEE, XI], host="CHN"), **changes
    )


def test_the_date_is_the_most_precise_every_report_agrees_with() -> None:
    merged = merge(
        [summit("c", date="2026"), summit("a", date="2026-01"), summit("b", date="2026-01-05~")]
    )
    assert str(merged.event.date) == "2026-01-05~"
    assert [c.field for c in merged.conflicts] == []


def test_dates_that_disagree_are_a_conflict_with_the_ids_of_each() -> None:
    merged = merge([summit("a", date="2026-01-05"), summit("b", date="2026-01-06"),
                    summit("c", date="2026-01-06")])  # fmt: skip
    assert str(merged.event.date) == "2026-01-06"
    assert merged.conflicts == (
        Conflict(
            "date",
            (("2026-01-06", ("b", "c")), ("2026-01-05", ("a",))),
            "2026-01-06",
            "most_reported",
        ),
    )


def test_sources_are_the_union_and_the_survivor_keeps_the_smallest_id() -> None:
    merged = merge([summit("b", sources=[YONHAP, XINHUA]), summit("a", sources=[YONHAP])])
    assert merged.event.id == "a"
    assert merged.event.sources == (YONHAP, XINHUA)


def test_actors_take_the_most_precise_list_and_record_the_other() -> None:
    vague = summit(
        "a", participants=[Country(code="KOR"), Person(office="President", country="CHN")]
    )
    merged = merge([vague, summit("b")])
    assert merged.event.participants == (LEE, XI)
    (conflict,) = merged.conflicts
    assert conflict.field == "participants"
    assert [ids for _, ids in conflict.values] == [("a",), ("b",)]


def test_a_policy_per_field_is_the_callers() -> None:
    reports = [summit("a", summary="Talks in Beijing"), summit("b", summary="Lee and Xi hold a summit"),
               summit("c", summary="Lee and Xi hold a summit")]  # fmt: skip
    assert merge(reports).event.summary == "Lee and Xi hold a summit"
    assert merge(reports, policy={"summary": "first"}).event.summary == "Talks in Beijing"
    with pytest.raises(ValueError, match="unknown merge policy"):
        merge(reports, policy={"summary": "loudest"})
    with pytest.raises(ValueError, match="no field"):
        merge(reports, policy={"sumary": "first"})


def test_links_between_the_reports_are_dropped_and_others_kept() -> None:
    trip = Link(rel="part_of", target="lee-china-trip")
    merged = merge(
        [summit("a", links=[Link(rel="follows", target="b"), trip]), summit("b", links=[trip])]
    )
    assert merged.event.links == (trip,)


def test_chosen_values_that_break_a_rule_together_fall_back_to_the_survivors() -> None:
    council = Organization(name="UN Security Council", kind="igo")
    ballots = [Ballot(actor=Country(code=code), vote="abstain") for code in ("CHN", "RUS", "DEU")]
    a = Vote(id="a", date="2011-03-17", body=council, motion="Resolution 1973", result="adopted",
             tally=Tally(yes=10, abstain=2), ballots=ballots[:2])  # fmt: skip
    b = attrs.evolve(a, id="b", tally=None, ballots=ballots[1:])
    merged = merge([a, b]).event
    assert isinstance(merged, Vote)
    assert merged.tally == Tally(yes=10, abstain=2)
    assert len([ballot for ballot in merged.ballots if ballot.vote.value == "abstain"]) <= 2


def test_reports_of_different_kinds_or_none_are_refused() -> None:
    with pytest.raises(ValueError, match="one kind"):
        merge([summit("a"), Visit(id="v", date="2026-01-05", visitor=LEE, host="CHN")])
    with pytest.raises(ValueError, match="at least one"):
        merge([])
