"""Candidate pairs without comparing every pair: blocks of kind, country and date bucket.

Two reports can only be one event if they are of one kind, share a country (or the name
of an actor without one) and have a day in common: the hard rules of `similarity` say
so. Blocking turns that into keys, so that only records sharing a key are compared.

**Dates of every precision.** The days a date can mean are bucketed at six nested
levels: the day, the third of a month (1-10, 11-20, 21-end), the month, the year, the
decade and all time. A record's *home* level is the finest at which its days touch at
most two buckets: a day's is the day, a month's the month, a year's the year, an open
interval's all time. It is filed as a *home* in those buckets and as a *visitor* in the
buckets of every coarser level that hold homes (at most two each, as the levels nest).
Homes are compared with homes and with visitors, never visitors with visitors: a report
known to the year meets every report of the days inside it, and two reports of days
meet only in their day's bucket. Two records with a day in common always share a bucket
at the coarser record's home level, so no pair the hard rules allow is missed, and a
pair is compared once: in the block of its smallest shared country and first shared
bucket.

**Oversize blocks.** A block that would take more than `MAX_BLOCK_PAIRS` comparisons,
and more than `PAIRS_PER_RECORD` per record in it (a year of one country's visits, when
many reports give only the year), is not compared all against all, so the work grows
with the number of records, not with its square: its records are sorted by their actors and place and each is compared
with the `WINDOW` records after it (the sorted-neighbourhood method), so reports of the
same actors still meet. Pairs that only such a block holds, and that sort apart, are the
ones blocking can miss; `Blocking.windowed` counts the blocks it treated so.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

import attrs

from diplomev.dedup._profile import Profile

__all__ = [
    "MAX_BLOCK_PAIRS",
    "PAIRS_PER_RECORD",
    "WINDOW",
    "BlockPairs",
    "Blocking",
    "home_level",
    "stratum",
]

#: How many sorted neighbours each record of an oversize block is compared with.
WINDOW = 12
#: Comparisons a block always makes all against all; past them, see `PAIRS_PER_RECORD`.
#: 1,000, not 5,000: the larger floor let pairs a record grow with the input (20.7 at 50k
#: generated records, against 12.5), while the fixture's densest blocks (18 stories of
#: one meeting on one day) need no more than 1,000 to keep its precision and recall.
MAX_BLOCK_PAIRS = 1_000
#: A larger block is compared all against all only while that costs at most this many
#: comparisons per record in it; past it, through a window (see the module docstring).
PAIRS_PER_RECORD = WINDOW

_LEVELS = 6  # day, third of a month, month, year, decade, all time


@functools.lru_cache(maxsize=1 << 16)
def _bucket(ordinal: int, level: int) -> int:
    # Cached: a corpus holds a few thousand distinct days, asked for millions of times.
    if level == 0:
        return ordinal
    if level == _LEVELS - 1:
        return 0
    day = datetime.date.fromordinal(ordinal)
    if level == 1:
        return (day.year * 12 + day.month - 1) * 3 + min(2, (day.day - 1) // 10)
    if level == 2:
        return day.year * 12 + day.month - 1
    return day.year if level == 3 else day.year // 10


def _buckets(profile: Profile, level: int) -> tuple[int, int]:
    return _bucket(profile.lo, level), _bucket(profile.hi, level)


def home_level(profile: Profile) -> int:
    """Return the finest level at which ``profile``'s days touch at most two buckets.

    0 is the day, 1 a third of a month, 2 the month, 3 the year, 4 the decade, 5 all time.

    >>> import diplomev
    >>> from diplomev.dedup._profile import profile
    >>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
    >>> [home_level(profile(diplomev.Visit(id="v", date=date, visitor=lee, host="CHN")))
    ...  for date in ["2026-01-05", "2026-01", "2026", "2019/2026", "2026/.."]]
    [0, 2, 3, 4, 5]
    """
    return _home_level(profile)


def _home_level(profile: Profile) -> int:
    for level in range(_LEVELS):
        first, last = _buckets(profile, level)
        if last - first <= 1:
            return level
    return _LEVELS - 1  # pragma: no cover - all time is one bucket


_Key = tuple[str, str, int, int]  # stratum, country, level, bucket


def stratum(profile: Profile) -> str:
    """Return the kind of ``profile``, and whether it is a plan: the first part of its keys.

    A plan and an occurrence are never one event (`similarity`'s rule ``status``), so
    they are never blocked together: a third of the pairs of generated records went.

    >>> import diplomev
    >>> from diplomev.dedup._profile import profile
    >>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
    >>> visit = diplomev.Visit(id="v", date="2026-01", visitor=lee, host="CHN")
    >>> stratum(profile(visit)), stratum(profile(attrs.evolve(visit, status="planned")))
    ('visit', 'visit planned')
    """
    return profile.kind + " planned" if profile.plan else profile.kind


@attrs.define
class _Block:
    homes: list[int] = attrs.Factory(list)
    visitors: list[int] = attrs.Factory(list)


@attrs.define
class Blocking:
    """The candidate pairs of a set of profiles, and counts of how they were found.

    >>> import diplomev
    >>> from diplomev.dedup._profile import profile
    >>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
    >>> reports = [diplomev.Visit(id=f"v{i}", date=date, visitor=lee, host="CHN")
    ...            for i, date in enumerate(["2026-01-05", "2026-01", "2026", "2025-03-01"])]
    >>> blocking = Blocking([profile(report) for report in reports])
    >>> sorted(blocking.pairs())
    [(0, 1), (0, 2), (1, 2)]
    >>> blocking.compared, blocking.blocks
    (3, 12)
    """

    profiles: Sequence[Profile]
    max_block_pairs: int = MAX_BLOCK_PAIRS
    pairs_per_record: int = PAIRS_PER_RECORD
    window: int = WINDOW
    #: How many pairs were offered for comparison.
    compared: int = 0
    #: How many blocks (kind, country, level, bucket) there were.
    blocks: int = 0
    #: How many oversize blocks were compared through a window only.
    windowed: int = 0
    _levels: list[int] = attrs.field(factory=list, init=False, repr=False)

    def _index(self) -> dict[_Key, _Block]:
        blocks: dict[_Key, _Block] = defaultdict(_Block)
        levels = self._levels = [_home_level(profile) for profile in self.profiles]
        for index, (profile, level) in enumerate(zip(self.profiles, levels, strict=True)):
            first, last = _buckets(profile, level)
            for country in profile.keys:
                for bucket in {first, last}:
                    blocks[stratum(profile), country, level, bucket].homes.append(index)
        for index, (profile, home) in enumerate(zip(self.profiles, levels, strict=True)):
            for level in range(home + 1, _LEVELS):
                first, last = _buckets(profile, level)
                for country in profile.keys:
                    for bucket in {first, last}:
                        block = blocks.get((stratum(profile), country, level, bucket))
                        if block is not None:
                            block.visitors.append(index)
        self.blocks = len(blocks)
        return blocks

    def pairs(self) -> Iterator[tuple[int, int]]:
        """Yield each candidate pair once, as indexes into ``profiles``, smaller first."""
        blocks = self._index()
        pairer = BlockPairs(
            self.profiles, self._levels, self.max_block_pairs, self.pairs_per_record, self.window
        )
        try:
            for key in sorted(blocks):
                block = blocks.pop(key)
                yield from pairer.pairs(key, block.homes, block.visitors)
        finally:
            self.compared, self.windowed = pairer.compared, pairer.windowed


class BlockPairs:
    """The pairs of one block at a time: all against all, or through a window if oversize.

    ``profiles`` and ``levels`` are indexed by the records' indexes (a list, or a mapping
    of the records at hand): `Blocking` and the streaming path share this, so that both
    offer the same pairs.
    """

    def __init__(
        self,
        profiles: Sequence[Profile] | Mapping[int, Profile],
        levels: Sequence[int] | Mapping[int, int],
        max_block_pairs: int = MAX_BLOCK_PAIRS,
        pairs_per_record: int = PAIRS_PER_RECORD,
        window: int = WINDOW,
    ) -> None:
        self.profiles, self.levels = profiles, levels
        self.max_block_pairs, self.pairs_per_record = max_block_pairs, pairs_per_record
        self.window = window
        #: How many pairs were offered, and how many blocks went through a window.
        self.compared = self.windowed = 0

    def pairs(self, key: _Key, homes: list[int], visitors: list[int]) -> Iterator[tuple[int, int]]:
        """Yield the pairs of the block ``key`` that are compared in it, smaller first.

        A pair is compared in one block only: that of the smallest country the two
        share, at the coarser one's home level, in the later of their first buckets.
        """
        size = len(homes) * (len(homes) - 1) // 2 + len(homes) * len(visitors)
        members = len(homes) + len(visitors)
        if size > max(self.max_block_pairs, self.pairs_per_record * members):
            self.windowed += 1
            found = self._windowed(homes, visitors)
        else:
            found = self._all(homes, visitors)
        profiles, levels = self.profiles, self.levels
        _, country, level, bucket = key
        # Inlined (a million records offer tens of millions of pairs): the same test as
        # `here`, its cheapest parts first.
        first = {i: _bucket(profiles[i].lo, level) for i in (*homes, *visitors)}
        compared = 0
        for a, b in found:
            pa, pb = profiles[a], profiles[b]
            if (
                max(first[a], first[b]) == bucket
                and max(levels[a], levels[b]) == level
                and min(pa.keys & pb.keys) == country
                # Dates with no day in common are never one event (the rule ``date``):
                # a block's buckets hold many such pairs, not worth offering.
                and pa.lo <= pb.hi
                and pb.lo <= pa.hi
            ):
                compared += 1
                yield (a, b) if a < b else (b, a)
        self.compared += compared

    def _all(self, homes: list[int], visitors: list[int]) -> Iterator[tuple[int, int]]:
        for i, a in enumerate(homes):
            for b in homes[i + 1 :]:
                yield a, b
            for b in visitors:
                yield a, b

    def _windowed(self, homes: list[int], visitors: list[int]) -> Iterator[tuple[int, int]]:
        profiles = self.profiles
        home = set(homes)
        members = sorted([*homes, *visitors], key=lambda i: _neighbourhood(profiles[i]))
        for i, a in enumerate(members):
            for b in members[i + 1 : i + 1 + self.window]:
                if a in home or b in home:
                    yield a, b


def _neighbourhood(profile: Profile) -> tuple[str, str, str, int, int, str]:
    # Reports of one event name the same actors and place: sorted by them, they are near.
    # The id comes last, so that the order, and the pairs, do not depend on the input's.
    actors, place = repr(profile.actors), repr(profile.place)
    return (actors, profile.host or "", place, profile.lo, profile.hi, profile.id)
