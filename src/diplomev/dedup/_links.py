"""Links between events: those that point nowhere, ``part_of`` cycles, and rewriting them.

`check_links` reads a set of events once and keeps only their ids and links. Each
problem is an `ErrorDetail` whose path is the link's place in the input, ``$[i]`` being
the i-th event (from 0): ``$[3].links[0].target``.

- ``dangling_link``: a link whose target is not the id of any of the events.
- ``link_cycle``: events that are, through ``part_of`` links, part of themselves; each
  cycle is reported once, at the link leaving its smallest id.

`rewrite_links` sends links to merged reports to the record that survived them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from diplomev.errors import ErrorCode, ErrorDetail
from diplomev.records import Event, Link, LinkRel

__all__ = ["check_links", "rewrite_links"]


def check_links(events: Iterable[Event]) -> list[ErrorDetail]:
    """Return a problem for every link to an id not among ``events`` and every ``part_of`` cycle.

    >>> import diplomev
    >>> from diplomev import Link
    >>> def summit(id_, *links):
    ...     return diplomev.Summit(id=id_, date="2026-01-05", links=links, participants=[
    ...         diplomev.Country(code="KOR"), diplomev.Country(code="CHN")])
    >>> for problem in check_links([
    ...     summit("talks", Link(rel="part_of", target="visit"), Link(rel="follows", target="gone")),
    ...     summit("visit", Link(rel="part_of", target="talks")),
    ... ]):
    ...     print(problem.code, problem)
    dangling_link $[0].links[1].target: 'talks' links to 'gone', which is not among the events
    link_cycle $[0].links[0].target: part_of links go round: talks -> visit -> talks
    """
    ids: dict[str, int] = {}
    links: list[tuple[int, str, int, Link]] = []
    for position, event in enumerate(events):
        ids.setdefault(event.id, position)
        links.extend((position, event.id, index, link) for index, link in enumerate(event.links))
    problems = []
    parents: dict[str, list[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for position, id_, index, link in links:
        path = f"$[{position}].links[{index}].target"
        if link.target not in ids:
            message = f"{id_!r} links to {link.target!r}, which is not among the events"
            problems.append(ErrorDetail(path, message, ErrorCode.DANGLING_LINK))
        elif link.rel is LinkRel.PART_OF:
            parents.setdefault(id_, []).append(link.target)
            where.setdefault((id_, link.target), path)
    for cycle in _cycles(parents):
        route = " -> ".join([*cycle, cycle[0]])
        message = f"part_of links go round: {route}"
        problems.append(
            ErrorDetail(where[cycle[0], cycle[1 % len(cycle)]], message, ErrorCode.LINK_CYCLE)
        )
    return problems


def _cycles(edges: Mapping[str, list[str]]) -> list[list[str]]:
    """Return one cycle of each strongly connected part of ``edges`` that has one.

    Tarjan's algorithm, without recursion (a chain of a million ``part_of`` links would
    pass Python's stack); each cycle starts at its smallest id.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    parts: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(set(edges.get(root, ())))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(set(edges.get(child, ()))))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1 or node in edges.get(node, ()):
                    parts.append(_one_cycle(edges, set(part)))
    return sorted(parts)


def _one_cycle(edges: Mapping[str, list[str]], part: set[str]) -> list[str]:
    """Walk from the smallest id of a strongly connected ``part`` back to it."""
    start = min(part)
    # Breadth first, so the cycle shown is a shortest one through ``start``.
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(set(edges.get(node, ()))):
                if child not in part:
                    continue
                if child == start:
                    route = [node]
                    while route[-1] != start:
                        route.append(previous[route[-1]])
                    return route[::-1]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError("a strongly connected part has a cycle")  # pragma: no cover


def rewrite_links(events: Iterable[Event], merged_ids: Mapping[str, str]) -> Iterator[Event]:
    """Yield ``events`` with links to merged ids sent to their survivor (``old -> new``).

    A link that now points at its own event is dropped, and a link repeated by the
    rewriting is kept once; events whose links do not change are yielded as they are.

    >>> import diplomev
    >>> from diplomev import Link
    >>> talks = diplomev.Summit(id="talks", date="2026-01-05", participants=[
    ...     diplomev.Country(code="KOR"), diplomev.Country(code="CHN")],
    ...     links=[Link(rel="part_of", target="visit-b"), Link(rel="part_of", target="visit-a")])
    >>> [link.target for event in rewrite_links([talks], {"visit-b": "visit-a"})
    ...  for link in event.links]
    ['visit-a']
    """
    for event in events:
        if not any(link.target in merged_ids for link in event.links):
            yield event
            continue
        kept: dict[Link, None] = {}
        for link in event.links:
            target = merged_ids.get(link.target, link.target)
            if target != event.id:
                kept.setdefault(
                    attrs.evolve(link, target=target) if target != link.target else link
                )
        yield attrs.evolve(event, links=tuple(kept))
