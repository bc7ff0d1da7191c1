"""check_links and rewrite_links: links that point nowhere, part_of cycles, survivors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev import Country, Link, Summit
from diplomev.dedup import check_links, rewrite_links


def summit(id_: str, *links: Link) -> Summit:
    return Summit(id=id_, date="2026-01-05", participants=[Country(code="KOR"), Country(code="CHN")],
                  links=links)  # fmt: skip


def part_of(target: str) -> Link:
    return Link(rel="part_of", target=target)


def test_links_among_the_events_are_fine() -> None:
    events = [summit("trip"), summit("talks", part_of("trip")), summit("dinner", part_of("trip"),
              Link(rel="follows", target="talks"))]  # fmt: skip
    assert check_links(events) == []


def test_a_link_to_an_id_not_among_the_events_is_reported_where_it_is() -> None:
    (problem,) = check_links([summit("a"), summit("b", Link(rel="context", target="gone"))])
    assert (problem.path, problem.code) == ("$[1].links[0].target", "dangling_link")
    assert problem.code == diplomev.ErrorCode.DANGLING_LINK
    assert "'gone'" in problem.message


def test_each_part_of_cycle_is_reported_once_from_its_smallest_id() -> None:
    events = [summit("c", part_of("a")), summit("b", part_of("c")), summit("a", part_of("b")),
              summit("self", part_of("self")), summit("x", part_of("a"))]  # fmt: skip
    problems = check_links(events)
    assert [(p.code, p.path, p.message) for p in problems] == [
        ("link_cycle", "$[2].links[0].target", "part_of links go round: a -> b -> c -> a"),
        ("link_cycle", "$[3].links[0].target", "part_of links go round: self -> self"),
    ]


def test_follows_links_may_go_round() -> None:
    # Two events answering each other is odd, but only part_of makes a thing part of itself.
    events = [
        summit("a", Link(rel="response_to", target="b")),
        summit("b", Link(rel="response_to", target="a")),
    ]
    assert check_links(events) == []


def test_a_chain_longer_than_the_stack_is_checked() -> None:
    events = [summit(f"e{i}", part_of(f"e{i + 1}")) for i in range(5_000)]
    events.append(summit("e5000", part_of("e0")))
    (problem,) = check_links(events)
    assert problem.code == "link_cycle"
    assert problem.message.count("->") == 5_001


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=12))
def test_a_cycle_is_reported_exactly_when_part_of_links_go_round(
    edges: list[tuple[int, int]],
) -> None:
    targets: dict[int, list[int]] = {}
    for a, b in edges:
        targets.setdefault(a, []).append(b)
    events = [summit(f"e{i}", *(part_of(f"e{t}") for t in targets.get(i, []))) for i in range(7)]

    def reaches_itself(start: int) -> bool:
        seen, todo = set(), list(targets.get(start, []))
        while todo:
            node = todo.pop()
            if node == start:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(targets.get(node, []))
        return False

    cyclic = any(reaches_itself(i) for i in range(7))
    assert bool(check_links(events)) == cyclic


def test_links_to_merged_ids_go_to_the_survivor() -> None:
    events = [summit("talks", part_of("visit-b"), part_of("visit-a")), summit("visit-a", part_of("visit-b")),
              summit("other", Link(rel="follows", target="elsewhere"))]  # fmt: skip
    rewritten = list(rewrite_links(events, {"visit-b": "visit-a"}))
    assert rewritten[0].links == (part_of("visit-a"),)
    assert rewritten[1].links == ()  # now a link to itself: dropped
    assert rewritten[2] is events[2]
