"""The streaming path of `dedup`: blocks read back from sorted run files, compared as they pass.

`find_duplicates` holds every record's `Profile` and the index of every block; at a
million records that is gigabytes. The streaming path holds neither:

1. **Runs.** Each record read becomes a profile and, for each country it involves and
   each year its home buckets fall in (one, or two across New Year), an entry
   ``(stratum, country, year, index, level, profile)``
   (the stratum is the kind, and whether a plan: `stratum`). Entries gather in a buffer of
   `RUN_ENTRIES`; a full buffer is sorted, cut into `PARTS` by (stratum, country), and
   written to a temporary run file, part after part, pickled in chunks, and dropped.
2. **Merge.** `heapq.merge` reads each part's runs back in order (an external sort), so
   the entries arrive grouped by stratum, country and year. Two processes share the parts
   out (a forked worker compares the parts the parent does not, and gives back what it
   kept): no pair is in two parts, and `join` sorts the pairs, so the clusters are the
   same whichever process compared them. Every block of blocking's first four
   levels (day, third of a month, month, year) lies inside one year, so each group holds
   its blocks whole: they are built and compared as the group passes, by the same
   `BlockPairs` that `Blocking` uses, then dropped. Records of a decade or more (their
   home level is the decade or all time; rare) meet their visitors in wide blocks kept
   while the stream is inside their kind and country.
3. **Clusters.** Only the pairs at or above the threshold are kept, with the profiles of
   their records, and joined as `find_duplicates` joins them (`assemble`), through
   union-find over an ``array('i')`` of four bytes a record.

The pairs offered are those `Blocking` offers, so the clusters are `find_duplicates'`
(the tests check it on the fixture and on generated records). What memory holds is a
run buffer, one group, and the profiles of the records that have a duplicate.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import multiprocessing
import os
import pickle
import tempfile
import threading
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

import attrs

from diplomev.dedup._blocking import BlockPairs, _Block, _bucket, home_level, stratum
from diplomev.dedup._clusters import Cluster, Scorer
from diplomev.dedup._found import Found, Kept, Runs
from diplomev.dedup._profile import Profile
from diplomev.dedup._similarity import Weights, forbidden

__all__ = [
    "PARALLEL_RUNS",
    "PARTS",
    "RUN_ENTRIES",
    "Runs",
    "StreamCounts",
    "cluster_runs",
    "stream_clusters",
]

#: Entries sorted in memory before they are written to run files.
RUN_ENTRIES = 50_000
#: Parts the entries are cut into by (stratum, country): each is merged on its own, so
#: that two processes can share them out (the largest first) and compare at once.
PARTS = 16
#: Run buffers an input must fill before a worker process shares the comparing: below,
#: forking costs more than it saves.
PARALLEL_RUNS = 1
_RESULT_CHUNK = 10_000  # pairs, profiles or clusters a pickle, from a worker
# Pairs kept before they and their profiles go to the file of what was found: memory
# holds no more of them, whatever the input's size.
_FLUSH_PAIRS = 20_000
_CHUNK = 256  # entries a pickle: a part of 1M records merges ~46 runs, each holding one
_YEAR = 3  # blocking's year level: the levels below it nest inside a year
_WIDE = (4, 5)  # the decade and all time

_T = TypeVar("_T")
_Entry = tuple[str, str, int, int, int, Profile]  # stratum, country, year, index, level, profile


@attrs.define
class StreamCounts:
    """What the streaming path counted: records, pairs offered, blocks, windowed blocks."""

    records: int = 0
    compared: int = 0
    blocks: int = 0
    windowed: int = 0


def _year_of(bucket: int, level: int) -> int:
    # The year a bucket of a level below the year lies in (see _blocking._bucket).
    if level == 0:
        return _bucket(bucket, _YEAR)
    if level == 1:
        return bucket // 36
    if level == 2:
        return bucket // 12
    return bucket


class _Runs:
    """Sorted run files of entries, cut by part, and the merge of each part's runs.

    Each full buffer is sorted and written to one run file, part after part (`PARTS` of
    them, a (stratum, country) always in one), and where each part's chunks lie is kept:
    a part's runs are merged on their own, by this process or by the worker, read by
    ``pread`` (the two share the files' offsets), one chunk of each run at a time.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.buffer: list[_Entry] = []
        self.files: list[IO[bytes]] = []
        #: Of each part, its runs: each the file and the (offset, length) of its chunks.
        self.runs: list[list[tuple[IO[bytes], list[tuple[int, int]]]]] = [[] for _ in range(PARTS)]
        #: How many entries each part holds.
        self.sizes = [0] * PARTS
        self._parts: dict[tuple[str, str], int] = {}

    def add(self, entry: _Entry) -> None:
        self.buffer.append(entry)
        if len(self.buffer) >= self.size:
            self._flush()

    def part(self, kind: str, country: str) -> int:
        found = self._parts.get((kind, country))
        if found is None:
            # crc32, not hash(): the same part in every process, whatever PYTHONHASHSEED.
            found = zlib.crc32(f"{kind}\0{country}".encode()) % PARTS
            self._parts[kind, country] = found
        return found

    @property
    def spilled(self) -> bool:
        return bool(self.files)

    def _flush(self) -> None:
        buffer, self.buffer = self.buffer, []
        # (kind, country, year, index) is unique: the profile is never compared.
        buffer.sort()
        cut: list[list[_Entry]] = [[] for _ in range(PARTS)]
        for place, group in itertools.groupby(buffer, key=lambda entry: entry[:2]):
            cut[self.part(*place)].extend(group)
        del buffer
        spill = tempfile.TemporaryFile(prefix="diplomev-dedup-run-")  # noqa: SIM115
        self.files.append(spill)
        at = 0
        for number, entries in enumerate(cut):
            if not entries:
                continue
            chunks = []
            for start in range(0, len(entries), _CHUNK):
                data = pickle.dumps(entries[start : start + _CHUNK], pickle.HIGHEST_PROTOCOL)
                spill.write(data)
                chunks.append((at, len(data)))
                at += len(data)
            self.runs[number].append((spill, chunks))
            self.sizes[number] += len(entries)
        spill.flush()
        cut.clear()

    def finish(self) -> None:
        """Write what the buffer holds, if anything was written before."""
        if self.spilled and self.buffer:
            self._flush()

    def merged(self, part: int | None = None) -> Iterator[_Entry]:
        """Yield the entries of ``part`` (None: all, if no run was written), sorted."""
        if part is None:
            self.buffer.sort()
            buffer, self.buffer = self.buffer, []
            yield from buffer
            return
        yield from heapq.merge(*(_read(spill, chunks) for spill, chunks in self.runs[part]))

    def close(self) -> None:
        for spill in self.files:
            spill.close()
        self.files = []
        self.runs = [[] for _ in range(PARTS)]


def _read(spill: IO[bytes], chunks: list[tuple[int, int]]) -> Iterator[_Entry]:
    fd = spill.fileno()
    for at, length in chunks:
        data = os.pread(fd, length, at)
        if len(data) != length:  # pragma: no cover - a run file is written whole first
            raise EOFError("a run file was cut short")
        # Records are diplomev's own profiles, pickled and read back by this process only.
        chunk: list[_Entry] = pickle.loads(data)
        yield from chunk


def _spread(profile: Profile, level: int, at: int) -> set[int]:
    return {_bucket(profile.lo, at), _bucket(profile.hi, at)} if at >= level else set()


class _Streamer:
    def __init__(
        self, scorer: Scorer, pairer: BlockPairs, counts: StreamCounts, found: Found
    ) -> None:
        self.scorer, self.pairer, self.counts = scorer, pairer, counts
        #: The profiles of the records in a pair at or above the threshold, by index, until
        #: they and the pairs are written to ``found``.
        self.kept = Kept()
        self.found = found
        #: (kind, country, level, bucket) of every wide block that has a home.
        self.wide_keys: set[tuple[str, str, int, int]] = set()

    def entries(self, profiles: Iterable[Profile], runs: _Runs) -> None:
        for index, profile in enumerate(profiles):
            level = home_level(profile)
            kind = stratum(profile)
            if level < _WIDE[0]:
                years = _spread(profile, level, _YEAR)
            else:
                years = {_bucket(profile.lo, _YEAR)}
                for country in profile.keys:
                    for bucket in _spread(profile, level, level):
                        self.wide_keys.add((kind, country, level, bucket))
            for country in profile.keys:
                for year in years:
                    runs.add((kind, country, year, index, level, profile))
            self.counts.records = index + 1

    def run(self, entries: Iterator[_Entry]) -> None:
        by_place = itertools.groupby(entries, key=lambda entry: entry[:2])
        wide_places = {key[:2] for key in self.wide_keys}
        for (kind, country), group in by_place:
            wide: dict[tuple[int, int], _Block] = {}
            wide_members: dict[int, tuple[Profile, int]] = {}
            wide_here = (kind, country) in wide_places
            for year, members in itertools.groupby(group, key=lambda entry: entry[2]):
                listed = [(entry[3], entry[4], entry[5]) for entry in members]
                self._year(kind, country, year, listed)
                if wide_here:
                    self._file_wide(kind, country, year, listed, wide, wide_members)
            if wide:
                self._compare(
                    kind, country, wide, {i: m[0] for i, m in wide_members.items()},
                    {i: m[1] for i, m in wide_members.items()},
                )  # fmt: skip
            if len(self.scorer.sure) + len(self.scorer.uncertain) >= _FLUSH_PAIRS:
                self.found.write(self.scorer, self.kept)
        self.found.write(self.scorer, self.kept)

    def _year(
        self, kind: str, country: str, year: int, members: list[tuple[int, int, Profile]]
    ) -> None:
        blocks: dict[tuple[int, int], _Block] = {}
        for index, level, profile in members:
            if level <= _YEAR:
                for bucket in _spread(profile, level, level):
                    if _year_of(bucket, level) == year:
                        blocks.setdefault((level, bucket), _Block()).homes.append(index)
        if not blocks:
            return
        for index, level, profile in members:
            for at in range(level + 1, _YEAR + 1):
                for bucket in _spread(profile, level, at):
                    block = blocks.get((at, bucket))
                    if block is not None:
                        block.visitors.append(index)
        profiles = {index: profile for index, _, profile in members}
        levels = {index: level for index, level, _ in members}
        self._compare(kind, country, blocks, profiles, levels)

    def _file_wide(
        self,
        kind: str,
        country: str,
        year: int,
        members: list[tuple[int, int, Profile]],
        wide: dict[tuple[int, int], _Block],
        wide_members: dict[int, tuple[Profile, int]],
    ) -> None:
        for index, level, profile in members:
            if _bucket(profile.lo, _YEAR) != year:
                continue  # filed from the group of its first year only
            for at in _WIDE:
                for bucket in _spread(profile, level, at):
                    if (kind, country, at, bucket) not in self.wide_keys:
                        continue
                    block = wide.setdefault((at, bucket), _Block())
                    (block.homes if at == level else block.visitors).append(index)
                    wide_members[index] = (profile, level)

    def _compare(
        self,
        kind: str,
        country: str,
        blocks: dict[tuple[int, int], _Block],
        profiles: dict[int, Profile],
        levels: dict[int, int],
    ) -> None:
        pairer, score, kept = self.pairer, self.scorer.score, self.kept.add
        pairer.profiles, pairer.levels = profiles, levels
        self.counts.blocks += len(blocks)
        for (level, bucket), block in sorted(blocks.items()):
            for a, b in pairer.pairs((kind, country, level, bucket), block.homes, block.visitors):
                pa, pb = profiles[a], profiles[b]
                # The hard rules first, here: they turn down most candidates.
                if forbidden(pa, pb) is None and score(a, pa, b, pb):
                    kept(a, pa)
                    kept(b, pb)


def _plan(sizes: list[int], workers: int) -> list[list[int]]:
    # The largest parts first, each to the process with the fewest entries so far.
    loads = [0] * workers
    plan: list[list[int]] = [[] for _ in range(workers)]
    for part in sorted(range(len(sizes)), key=lambda part: (-sizes[part], part)):
        if sizes[part]:
            least = loads.index(min(loads))
            plan[least].append(part)
            loads[least] += sizes[part]
    return [parts for parts in plan if parts]


def can_fork() -> bool:
    """Tell whether a worker can be forked here, and a second core run it."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def may_fork() -> bool:
    """Tell whether to fork unasked: `can_fork`, and this process runs no other thread.

    A fork copies only the thread that calls it: a lock another thread held (logging's, an
    import's, an allocator's) stays taken in the worker for ever.
    """
    return can_fork() and threading.active_count() == 1


def _work(streamer: _Streamer, runs: _Runs, parts: list[int], out: IO[bytes]) -> None:
    # In the forked worker: compare its parts into its own file, and say where they lie.
    streamer.found.mine = 1
    for part in parts:
        streamer.run(runs.merged(part))
    streamer.found.files[1].flush()
    counts = (streamer.counts.blocks, streamer.pairer.compared, streamer.pairer.windowed)
    pickle.dump((counts, streamer.found.chunks), out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def _compare_parts(streamer: _Streamer, runs: _Runs, workers: int) -> None:
    plan = _plan(runs.sizes, workers if workers > 1 and can_fork() else 1)
    if len(plan) < 2:
        for parts in plan:
            for part in parts:
                streamer.run(runs.merged(part))
        return
    mine, theirs = plan[0], [part for parts in plan[1:] for part in parts]
    # Forked before this process compares anything: the worker starts from the same
    # (empty) pairs and counts, reads only its own parts' chunks, writes what it found
    # to its own file and says where it lies. The clusters do not depend on which
    # process compared a pair: `join` sorts them all.
    with tempfile.TemporaryFile(prefix="diplomev-dedup-worker-") as out:
        worker = multiprocessing.get_context("fork").Process(
            target=_work, args=(streamer, runs, theirs, out), daemon=True
        )
        worker.start()
        try:
            for part in mine:
                streamer.run(runs.merged(part))
        except BaseException:
            worker.terminate()
            raise
        finally:
            worker.join()
        if worker.exitcode != 0:
            # The worker failed (out of memory, killed): its parts are compared here.
            for part in theirs:
                streamer.run(runs.merged(part))
            return
        out.seek(0)
        (blocks, compared, windowed), chunks = pickle.load(out)
    streamer.found.chunks.extend(chunks)
    streamer.counts.blocks += blocks
    streamer.pairer.compared += compared
    streamer.pairer.windowed += windowed


def cluster_runs(
    profiles: Iterable[Profile],
    out: IO[bytes],
    *,
    threshold: float,
    weights: Weights | None = None,
    run_entries: int | None = None,
    workers: int | None = None,
) -> tuple[Runs, StreamCounts]:
    """Write the clusters of ``profiles`` (read once) to ``out``; say where, and the counts.

    `stream_clusters` says what is found; here nothing of it is held in memory: the
    pairs and profiles go to a temporary file as they are found, are joined a stratum at
    a time, and each stratum's clusters go to ``out`` (`Runs.read` gives them back).

    >>> import diplomev, tempfile
    >>> from diplomev.dedup._profile import profile
    >>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
    >>> reports = [diplomev.Visit(id=f"v{i}", date=date, visitor=lee, host="CHN")
    ...            for i, date in enumerate(["2026-01-05", "2026-01", "2025-03-01"])]
    >>> with tempfile.TemporaryFile() as out:
    ...     runs, counts = cluster_runs(map(profile, reports), out, threshold=0.75)
    ...     [cluster.ids for cluster, _ in runs.read(out)], runs.records
    ([('v0', 'v1')], 3)
    """
    counts = StreamCounts()
    scorer = Scorer(threshold, weights)
    pairer = BlockPairs({}, {})
    run_entries = RUN_ENTRIES if run_entries is None else run_entries
    runs = _Runs(run_entries)
    with contextlib.ExitStack() as stack:
        files: list[IO[bytes]] = [
            stack.enter_context(tempfile.TemporaryFile(prefix="diplomev-dedup-pairs-"))
            for _ in range(2)
        ]
        return _clustered(profiles, out, runs, _Streamer(scorer, pairer, counts, Found(files)),
                          workers, threshold, weights)  # fmt: skip


def _clustered(
    profiles: Iterable[Profile],
    out: IO[bytes],
    runs: _Runs,
    streamer: _Streamer,
    workers: int | None,
    threshold: float,
    weights: Weights | None,
) -> tuple[Runs, StreamCounts]:
    counts, pairer = streamer.counts, streamer.pairer
    try:
        streamer.entries(profiles, runs)
        runs.finish()
        if not runs.spilled:  # everything fit in one buffer: no file, no worker
            streamer.run(runs.merged())
        else:
            if workers is None:
                many = sum(runs.sizes) >= PARALLEL_RUNS * runs.size
                workers = 2 if many and may_fork() else 1
            _compare_parts(streamer, runs, workers)
        runs.close()
        counts.compared, counts.windowed = pairer.compared, pairer.windowed
        return streamer.found.join(counts.records, threshold, weights, out), counts
    finally:
        runs.close()


def stream_clusters(
    profiles: Iterable[Profile],
    *,
    threshold: float,
    weights: Weights | None = None,
    run_entries: int | None = None,
    workers: int | None = None,
) -> tuple[list[tuple[Cluster, tuple[int, ...]]], StreamCounts]:
    """Return the clusters of ``profiles`` (read once) with their indexes, and the counts.

    The same clusters as `diplomev.dedup.find_duplicates` of the same records gives.
    Once run files are written, their parts are compared by ``workers`` processes (None:
    two where the machine has two cores and can fork, and the input fills `PARALLEL_RUNS`
    run buffers of ``run_entries`` (None: `RUN_ENTRIES`); 1: this process alone).
    `cluster_runs` gives them without holding them in memory.

    >>> import diplomev
    >>> from diplomev.dedup._profile import profile
    >>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
    >>> reports = [diplomev.Visit(id=f"v{i}", date=date, visitor=lee, host="CHN")
    ...            for i, date in enumerate(["2026-01-05", "2026-01", "2025-03-01"])]
    >>> found, counts = stream_clusters(map(profile, reports), threshold=0.75, run_entries=2)
    >>> [(cluster.ids, indexes) for cluster, indexes in found], counts.compared
    ([(('v0', 'v1'), (0, 1))], 1)
    """
    with tempfile.TemporaryFile(prefix="diplomev-dedup-found-") as out:
        runs, counts = cluster_runs(
            profiles,
            out,
            threshold=threshold,
            weights=weights,
            run_entries=run_entries,
            workers=workers,
        )
        return list(runs.read(out)), counts
