"""What the streaming path keeps: the pairs alike enough, written out, and joined in batches.

Comparing keeps only the pairs at or above the threshold and the trimmed profiles of
their records (`Kept`), and writes them out every few thousand pairs (`Found`), each
chunk under its stratum: a record's pairs all lie in its stratum (blocking's keys
begin with it), so no cluster crosses two. To join, the pairs of one stratum are read
(without their profiles) into a union-find of plain indexes: its components hold the
clusters, which `assemble` may only split (a union refused), never join across. The
components are cut into batches of about `BATCH_RECORDS` records, the pairs and profiles
routed to their batch, and each batch joined on its own: the clusters of joining all at
once (`join` sorts within a batch, and nothing of another batch changes a union), with
no more in memory than a batch, or the largest cluster's candidates, whatever the input.
Each batch's clusters go out sorted, a run, and `Runs.read` merges the runs.
"""

from __future__ import annotations

import heapq
import os
import pickle
import tempfile
from array import array
from collections.abc import Iterator
from typing import IO, TypeVar, cast

import attrs

from diplomev.dedup._blocking import stratum
from diplomev.dedup._clusters import Cluster, Scorer, _Pair, assemble
from diplomev.dedup._profile import Profile
from diplomev.dedup._similarity import Weights

__all__ = ["BATCH_RECORDS", "Found", "Kept", "Runs"]

#: Records (with a pair alike enough) joined at once: a batch is whole components.
BATCH_RECORDS = 20_000
_ROUTED = 20_000  # pairs and profiles routed to their batches before they are written
_RUN_CHUNK = 1_000  # clusters a pickle: the merge of the runs holds one chunk of each

_T = TypeVar("_T")
_Chunk = tuple[str, int, int, int, int, int]  # stratum, file, pairs at, length, profiles at, length


class Kept:
    """The trimmed profiles of the records that have a duplicate, their values shared.

    Joining clusters reads only the hard rules' values and the id: sources, vocabulary
    and (but for a summit's name) words go. What is left repeats across records (the same
    countries, the same actors, the same host), but each profile read back from a run is
    its own copy: equal values are kept once, so a kept profile costs little beyond its id.
    """

    def __init__(self) -> None:
        self.profiles: dict[int, Profile] = {}
        self._shared: dict[object, object] = {}

    def clear(self) -> None:
        """Forget the profiles and the values shared (once they are written out)."""
        self.profiles.clear()
        self._shared.clear()

    def _share(self, value: _T) -> _T:
        return cast(_T, self._shared.setdefault(value, value))

    def add(self, index: int, profile: Profile) -> None:
        """Keep the trimmed ``profile`` of record ``index``, unless it is kept."""
        if index in self.profiles:
            return
        share = self._share
        self.profiles[index] = profile._replace(
            kind=share(profile.kind),
            actors=share(profile.actors),
            targets=share(profile.targets),
            keys=share(profile.keys),
            parties=share(profile.parties),
            host=share(profile.host),
            sides=share(profile.sides),
            place=share(profile.place),
            words=share(profile.words) if profile.kind == "summit" else (),
            sources=(),
            choices=(),
        )


def _dumped(value: object, spill: IO[bytes]) -> tuple[int, int]:
    at = spill.tell()
    pickle.dump(value, spill, protocol=pickle.HIGHEST_PROTOCOL)
    return at, spill.tell() - at


def _pread(spill: IO[bytes], at: int, length: int) -> object:
    data = os.pread(spill.fileno(), length, at)
    if len(data) != length:  # pragma: no cover - a chunk is written whole first
        raise EOFError("a temporary file was cut short")
    return pickle.loads(data)  # written by this process or its worker


class Found:
    """The pairs alike enough and their records' trimmed profiles, written by stratum.

    Each process writes to its own file (``files[mine]``, opened before any fork) and
    notes where each chunk lies; `join` reads them back (see the module docstring).
    """

    def __init__(self, files: list[IO[bytes]]) -> None:
        self.files, self.mine = files, 0
        #: Each chunk's stratum, file, and where its pairs and its profiles lie.
        self.chunks: list[_Chunk] = []

    def write(self, scorer: Scorer, kept: Kept) -> None:
        """Write out what ``scorer`` and ``kept`` hold, by stratum, and empty them."""
        profiles = kept.profiles
        by: dict[str, tuple[list[_Pair], list[_Pair], dict[int, Profile]]] = {}
        for sure, pairs in ((True, scorer.sure), (False, scorer.uncertain)):
            for pair in pairs:
                found = by.get(place := stratum(profiles[pair[3]]))
                if found is None:
                    found = by[place] = ([], [], {})
                (found[0] if sure else found[1]).append(pair)
        for index, profile in profiles.items():
            by[stratum(profile)][2][index] = profile
        spill = self.files[self.mine]
        for place, (sure_pairs, uncertain, kept_here) in by.items():
            pairs_at = _dumped((sure_pairs, uncertain), spill)
            profiles_at = _dumped(kept_here, spill)
            self.chunks.append((place, self.mine, *pairs_at, *profiles_at))
        scorer.sure.clear()
        scorer.uncertain.clear()
        kept.clear()

    def _pairs(self, chunk: _Chunk) -> tuple[list[_Pair], list[_Pair]]:
        return cast(tuple[list[_Pair], list[_Pair]], _pread(self.files[chunk[1]], *chunk[2:4]))

    def _profiles(self, chunk: _Chunk) -> dict[int, Profile]:
        return cast(dict[int, Profile], _pread(self.files[chunk[1]], *chunk[4:6]))

    def join(self, count: int, threshold: float, weights: Weights | None, out: IO[bytes]) -> Runs:
        """Write the clusters of each batch to ``out``, each a sorted run; say where."""
        for spill in self.files:
            spill.flush()
        runs: list[tuple[tuple[int, int], ...]] = []
        with tempfile.TemporaryFile(prefix="diplomev-dedup-batches-") as routed:
            for place in sorted({chunk[0] for chunk in self.chunks}):
                chunks = [chunk for chunk in self.chunks if chunk[0] == place]
                batches = self._route(chunks, count, routed)
                for pairs, profiles in batches:
                    runs.append(_joined(routed, pairs, profiles, count, threshold, weights, out))
                routed.seek(0)
                routed.truncate()
        out.flush()
        return Runs(tuple(run for run in runs if run), count)

    def _route(
        self, chunks: list[_Chunk], count: int, routed: IO[bytes]
    ) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
        # Components by plain union-find over the pairs' indexes, cut into batches.
        parent = array("i", range(count))

        def find(item: int) -> int:
            while parent[item] != item:
                parent[item] = parent[parent[item]]
                item = parent[item]
            return item

        for chunk in chunks:
            for pairs in self._pairs(chunk):
                for pair in pairs:
                    a, b = find(pair[3]), find(pair[4])
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        # Arrays of four bytes a record, not dicts: flat, whatever the share of duplicates.
        batch_of = array("i", [-1]) * count
        size = array("i", [0]) * count  # of each component, by its root; then its batch
        for chunk in chunks:
            for pairs in self._pairs(chunk):
                for pair in pairs:
                    for index in pair[3:]:
                        if batch_of[index] < 0:
                            batch_of[index] = root = find(index)
                            size[root] += 1
        # Components in the order of their first record, a batch filled to BATCH_RECORDS.
        number, filled = -1, BATCH_RECORDS
        for root, members in enumerate(size):
            if members:
                if filled >= BATCH_RECORDS:
                    number, filled = number + 1, 0
                size[root], filled = number, filled + members
        for index, root in enumerate(batch_of):
            if root >= 0:
                batch_of[index] = size[root]
        batches: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]] = [
            ([], []) for _ in range(number + 1)
        ]
        _Router(batch_of, batches, routed).route(self, chunks)
        return batches


class _Router:
    """Pairs and profiles sent to their batch's chunks in the file of routed ones."""

    def __init__(
        self,
        batch_of: array[int],
        batches: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]],
        routed: IO[bytes],
    ) -> None:
        self.batch_of, self.batches, self.routed = batch_of, batches, routed
        self.pairs: dict[int, tuple[list[_Pair], list[_Pair]]] = {}
        self.profiles: dict[int, dict[int, Profile]] = {}
        self.held = 0

    def route(self, found: Found, chunks: list[_Chunk]) -> None:
        batch_of = self.batch_of
        for chunk in chunks:
            for sure, pairs in zip((True, False), found._pairs(chunk), strict=True):
                for pair in pairs:
                    mine = self.pairs.get(batch := batch_of[pair[3]])
                    if mine is None:
                        mine = self.pairs[batch] = ([], [])
                    (mine[0] if sure else mine[1]).append(pair)
                self.held += len(pairs)
            self._write_if_full()
            for index, profile in found._profiles(chunk).items():
                self.profiles.setdefault(batch_of[index], {})[index] = profile
                self.held += 1
            self._write_if_full()
        self._write()

    def _write_if_full(self) -> None:
        if self.held >= _ROUTED:
            self._write()

    def _write(self) -> None:
        for batch, pairs in self.pairs.items():
            self.batches[batch][0].append(_dumped(pairs, self.routed))
        for batch, profiles in self.profiles.items():
            self.batches[batch][1].append(_dumped(profiles, self.routed))
        self.pairs, self.profiles, self.held = {}, {}, 0


def _joined(
    routed: IO[bytes],
    pairs: list[tuple[int, int]],
    profiles_at: list[tuple[int, int]],
    count: int,
    threshold: float,
    weights: Weights | None,
    out: IO[bytes],
) -> tuple[tuple[int, int], ...]:
    routed.flush()
    scorer = Scorer(threshold, weights)
    for at, length in pairs:
        sure, uncertain = cast(tuple[list[_Pair], list[_Pair]], _pread(routed, at, length))
        scorer.sure.extend(sure)
        scorer.uncertain.extend(uncertain)
    profiles: dict[int, Profile] = {}
    for at, length in profiles_at:
        profiles.update(cast(dict[int, Profile], _pread(routed, at, length)))
    found = assemble(profiles, count, scorer, threshold)
    del profiles
    return tuple(
        _dumped(found[start : start + _RUN_CHUNK], out)
        for start in range(0, len(found), _RUN_CHUNK)
    )


@attrs.frozen
class Runs:
    """Where the clusters lie in a file: sorted runs of chunks, and how many records were read.

    >>> Runs(runs=(), records=3).records
    3
    """

    runs: tuple[tuple[tuple[int, int], ...], ...]
    records: int

    def read(self, spill: IO[bytes]) -> Iterator[tuple[Cluster, tuple[int, ...]]]:
        """Yield the clusters of ``spill`` (written by this process or its worker), sorted."""

        def run(chunks: tuple[tuple[int, int], ...]) -> Iterator[tuple[Cluster, tuple[int, ...]]]:
            for at, length in chunks:
                yield from cast(list[tuple[Cluster, tuple[int, ...]]], _pread(spill, at, length))

        return heapq.merge(
            *(run(chunks) for chunks in self.runs), key=lambda item: (item[0].ids, item[0].scores)
        )
