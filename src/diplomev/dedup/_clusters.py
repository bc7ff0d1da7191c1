"""Clusters: the pairs that score at least the threshold, joined by union-find.

Every candidate pair of the blocking is scored; a pair at or above the threshold joins
its two records, and a chain of such pairs is one cluster (single linkage: A like B and
B like C put A, B and C together), most alike pairs first. A chain must still be one
event: a pair is left out when its clusters would hold two reports a hard rule of
`similarity` keeps apart (a report known to the month, alike to the reports of two days
in it, joins the one it is more alike to). A cluster lists its ids sorted and the scores of the
pairs that joined it; clusters are sorted by their first id. Nothing depends on the order
of the input: the same records in any order give the same clusters.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Mapping, Sequence

import attrs

from diplomev.dedup._blocking import Blocking
from diplomev.dedup._profile import Profile, profile
from diplomev.dedup._similarity import (
    AT_HOME_KINDS,
    Weights,
    compare,
    forbidden,
    resolve_weights,
)
from diplomev.records import Event

__all__ = [
    "DEFAULT_THRESHOLD",
    "Cluster",
    "Scorer",
    "assemble",
    "find_duplicates",
    "groups",
    "link",
]

#: The total `similarity` at which two reports are taken for one event, unless told.
DEFAULT_THRESHOLD = 0.75

# Past this many pairs across two clusters, joining them checks only their shared days
# and host: a cluster that large is one event told very often, not a chance chain.
_MAX_CHECKS = 10_000


@attrs.frozen
class Cluster:
    """Reports of one event: their ``ids``, sorted, and the ``scores`` of the pairs joining them.

    Each score is ``(id, other_id, total)``, the smaller id first, sorted.

    >>> Cluster(ids=("a", "b"), scores=(("a", "b", 0.9),)).ids
    ('a', 'b')
    """

    ids: tuple[str, ...]
    scores: tuple[tuple[str, str, float], ...]


def _check_threshold(threshold: float) -> float:
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise TypeError(f"threshold must be a number in 0..1, got {threshold!r}")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in 0..1, got {threshold!r}")
    return float(threshold)


class _Sets:
    """Union-find over the profiles, with path halving, that refuses impossible clusters.

    Each set keeps the days all its members can share and its host, if any: a report
    known to the month must not join the reports of two different days into one event.
    """

    def __init__(self, profiles: Sequence[Profile] | Mapping[int, Profile], count: int) -> None:
        # Four bytes a record: the streaming path keeps only this per record read.
        self.parent = array("i", range(count))
        self.profiles = profiles  # at least those of the records in an alike pair
        self.common: dict[int, tuple[int, int, str | None]] = {}
        self.members: dict[int, list[int]] = {}

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def size(self, root: int) -> int:
        """Return how many profiles the set of ``root`` holds."""
        return len(self.members.get(root, (root,)))

    def _common(self, root: int) -> tuple[int, int, str | None]:
        found = self.common.get(root)
        if found is None:
            profile = self.profiles[root]
            found = (profile.lo, profile.hi, profile.host)
        return found

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b``; False if their members cannot be one event."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        (lo_a, hi_a, host_a), (lo_b, hi_b, host_b) = self._common(root_a), self._common(root_b)
        lo, hi = max(lo_a, lo_b), min(hi_a, hi_b)
        profiles = self.profiles
        if lo > hi:
            return False
        if (
            host_a is not None
            and host_b is not None
            and host_a != host_b
            and profiles[root_a].kind not in AT_HOME_KINDS
        ):
            return False
        members_a = self.members.get(root_a, [root_a])
        members_b = self.members.get(root_b, [root_b])
        # Every two reports of a cluster must be allowed to be one event (BLR-RUS and
        # KAZ-RUS both alike to a report of RUS alone do not make one summit).
        if len(members_a) * len(members_b) <= _MAX_CHECKS and any(
            forbidden(profiles[x], profiles[y]) for x in members_a for y in members_b
        ):
            return False
        root, other = min(root_a, root_b), max(root_a, root_b)
        self.parent[other] = root
        self.common.pop(other, None)
        self.common[root] = (lo, hi, host_a if host_a is not None else host_b)
        self.members.pop(other, None)
        self.members[root] = [*members_a, *members_b]
        return True


_Pair = tuple[float, str, str, int, int]  # minus the total, the two ids, the two indexes


def join(
    sets: _Sets, sure: list[_Pair], uncertain: list[_Pair], threshold: float
) -> list[tuple[int, int, float]]:
    """Join the pairs into ``sets``; return those that joined, as (index, index, total).

    Pairs naming exactly the same actors join first, most alike first: they are the
    reports that agree on who met. The others are uncertain (a country for its minister,
    a body for its head): each joins, through the clusters the sure pairs made, the
    cluster it has the most support in (the sum of its pairs' totals), so a report of
    "the United States" alike to both the Pompeo talks and the Trump meeting goes where
    more of its pairs point. A pair whose sets cannot be one event is left out.
    """
    sure.sort()
    joined = [(a, b, -minus) for minus, _, _, a, b in sure if sets.union(a, b)]
    support: dict[tuple[int, int], list[_Pair]] = {}
    for pair in uncertain:
        roots = sorted((sets.find(pair[3]), sets.find(pair[4])))
        support.setdefault((roots[0], roots[1]), []).append(pair)

    def rank(item: tuple[tuple[int, int], list[_Pair]]) -> tuple[float, int, _Pair]:
        pairs = item[1]
        # Support: how far each pair between the two clusters clears the threshold, summed.
        # More reports alike weigh more, but pairs barely alike (a report placed in
        # another city than the meeting) weigh little.
        return math.fsum(pair[0] + threshold for pair in pairs), -len(pairs), min(pairs)

    ranked = [pairs for _, pairs in sorted(support.items(), key=rank)]
    for pairs in ranked:
        pairs.sort()
        _, _, _, a, b = pairs[0]
        if sets.union(a, b):
            joined.extend((a, b, -minus) for minus, _, _, a, b in pairs)
    return joined


def link(
    profiles: Sequence[Profile],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Weights | None = None,
    blocking: Blocking | None = None,
) -> list[Cluster]:
    """Return the clusters of two or more among ``profiles`` (see the module docstring)."""
    return [
        cluster
        for cluster, _ in groups(profiles, threshold=threshold, weights=weights, blocking=blocking)
    ]


def groups(
    profiles: Sequence[Profile],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Weights | None = None,
    blocking: Blocking | None = None,
) -> list[tuple[Cluster, tuple[int, ...]]]:
    """Return each cluster with the indexes of its members in ``profiles``, sorted."""
    threshold = _check_threshold(threshold)
    blocking = blocking if blocking is not None else Blocking(profiles)
    scorer = Scorer(threshold, weights)
    for a, b in blocking.pairs():
        pa, pb = profiles[a], profiles[b]
        # The hard rules first, here: they turn down most candidates, with nothing to build.
        if forbidden(pa, pb) is None:
            scorer.score(a, pa, b, pb)
    return assemble(profiles, len(profiles), scorer, threshold)


class Scorer:
    """Compares candidate pairs and keeps those at or above the threshold, in two lists.

    ``sure`` holds the pairs whose actors match exactly, ``uncertain`` the others (`join`
    says why); each entry is (minus the total, the smaller id, the other id, the two
    indexes), so that sorting them is deterministic whatever the input order.
    """

    def __init__(self, threshold: float, weights: Weights | None) -> None:
        self.threshold, self.weights = threshold, weights
        self.tables: dict[str, Mapping[str, float]] = {}
        self.sure: list[_Pair] = []
        self.uncertain: list[_Pair] = []

    def score(self, a: int, pa: Profile, b: int, pb: Profile) -> bool:
        """Compare one pair; keep it and return True if it is at or above the threshold."""
        table = self.tables.get(pa.kind)
        if table is None:
            table = self.tables[pa.kind] = resolve_weights(self.weights, pa.kind)
        found = compare(pa, pb, table)
        if found.forbidden is not None or found.total < self.threshold:
            return False
        x, y = sorted((pa.id, pb.id))
        exact = found.parts.get("actors", 0.0) == 1.0
        (self.sure if exact else self.uncertain).append((-found.total, x, y, a, b))
        return True


def assemble(
    profiles: Sequence[Profile] | Mapping[int, Profile],
    count: int,
    scorer: Scorer,
    threshold: float,
) -> list[tuple[Cluster, tuple[int, ...]]]:
    """Join the pairs ``scorer`` kept into clusters of ``count`` records, sorted.

    ``profiles`` needs to hold only the records of the kept pairs; ``scorer``'s pairs are
    spent (emptied).
    """
    sets = _Sets(profiles, count)
    joined = join(sets, scorer.sure, scorer.uncertain, threshold)
    # Joined, the pairs are spent: at a million records they are as large as the clusters
    # about to be built from them.
    scorer.sure.clear()
    scorer.uncertain.clear()
    # So are the sets' members and shared days: only `find` is asked from here on.
    sets.members.clear()
    sets.common.clear()
    members: dict[int, list[int]] = {}
    for a, b, _ in joined:
        for item in (a, b):
            members.setdefault(sets.find(item), []).append(item)
    scores: dict[int, list[tuple[str, str, float]]] = {}
    for a, b, total in joined:
        x, y = sorted((profiles[a].id, profiles[b].id))
        scores.setdefault(sets.find(a), []).append((x, y, total))
    result = [
        (
            Cluster(
                ids=tuple(sorted(profiles[i].id for i in set(items))),
                scores=tuple(sorted(scores[root])),
            ),
            tuple(sorted(set(items))),
        )
        for root, items in members.items()
    ]
    return sorted(result, key=lambda item: (item[0].ids, item[0].scores))


def find_duplicates(
    events: Iterable[Event],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Weights | None = None,
) -> list[Cluster]:
    """Return the clusters of reports of one event among ``events`` (two or more each).

    Candidates come from blocking (`diplomev.dedup` says how), so not every pair is
    compared; a pair whose `similarity` is at least ``threshold`` joins a cluster.

    >>> import diplomev
    >>> lee, xi = (diplomev.Person(name="Lee Jae Myung", country="KOR"),
    ...            diplomev.Person(name="Xi Jinping", country="CHN"))
    >>> reports = [
    ...     diplomev.Summit(id="yonhap", date="2026-01-05", participants=[lee, xi], host="CHN"),
    ...     diplomev.Summit(id="xinhua", date="2026-01-05", participants=[xi, lee], host="CHN"),
    ...     diplomev.Summit(id="later", date="2026-01-12", participants=[xi, lee], host="CHN"),
    ... ]
    >>> [cluster.ids for cluster in find_duplicates(reports)]
    [('xinhua', 'yonhap')]
    """
    return link([profile(event) for event in events], threshold=threshold, weights=weights)
