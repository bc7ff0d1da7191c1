"""`dedup`: find, merge and rewrite in one pass over the records, and one to give them back.

The first pass moves each record to a temporary file (pickled in batches; a list or
tuple given is read twice instead) and hands its `Profile` to the streaming path
(`diplomev.dedup._stream`: sorted run files, blocks compared as they pass; past a few
thousand records, a forked worker profiles them as they are written, while this process
reads on: `diplomev.dedup._pipeline`), which keeps
only the pairs alike enough and their records' trimmed profiles, so records far larger
than memory stream through. The second pass reads the records back in their order and
gives each one unchanged, with its links rewritten to the survivors, except the members
of a cluster: they are held until the cluster's last member is read, and their merged
record is given in its place.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import IO, Any, cast, overload

from diplomev.dedup._clusters import DEFAULT_THRESHOLD, Cluster, _check_threshold
from diplomev.dedup._links import rewrite_links
from diplomev.dedup._merge import Conflict, Policy, merge
from diplomev.dedup._merging import MERGE_WORKER_CLUSTERS, Merger
from diplomev.dedup._pipeline import found_in, spill_and_cluster, unpickled
from diplomev.dedup._profile import profile
from diplomev.dedup._similarity import Weights
from diplomev.dedup._stream import StreamCounts, can_fork, may_fork
from diplomev.records import Event

__all__ = ["DedupResult", "dedup"]

_ROWS = 10_000  # clusters written to the database at once


class _Store:
    """What `dedup` found, in a private temporary SQLite database, not in memory.

    SQLite keeps such a database in its page cache (2 MB) and writes the rest to a file
    it removes once closed: at a million records, some 250,000 clusters, 320,000 merged
    ids and their conflicts would be as many Python objects, a quarter of a gigabyte.
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.executescript(
            "CREATE TABLE clusters (number INTEGER PRIMARY KEY, cluster BLOB);"
            "CREATE TABLE merged (id TEXT PRIMARY KEY, survivor TEXT);"
            "CREATE TABLE conflicts (id TEXT PRIMARY KEY, conflicts BLOB);"
        )

    def load(
        self, clusters: Iterable[tuple[Cluster, tuple[int, ...]]]
    ) -> Iterator[tuple[int, ...]]:
        """Write ``clusters`` and their merged ids; yield each one's indexes as it goes."""
        rows: list[tuple[int, bytes]] = []
        merged: list[tuple[str, str]] = []
        self.db.execute("BEGIN")
        for number, (cluster, items) in enumerate(clusters):
            rows.append((number, _pickled(cluster)))
            survivor = cluster.ids[0]
            merged.extend((id_, survivor) for id_ in cluster.ids[1:])
            if len(rows) >= _ROWS:
                self._write(rows, merged)
            yield items
        self._write(rows, merged)
        self.db.execute("COMMIT")

    def _write(self, rows: list[tuple[int, bytes]], merged: list[tuple[str, str]]) -> None:
        self.db.executemany("INSERT INTO clusters VALUES (?, ?)", rows)
        self.db.executemany("INSERT INTO merged VALUES (?, ?)", merged)
        rows.clear()
        merged.clear()

    def count(self, table: str) -> int:
        (found,) = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()
        return cast(int, found)


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class _Clusters(Sequence[Cluster]):
    """The clusters `dedup` found, read from its database as they are asked for."""

    def __init__(self, store: _Store, count: int) -> None:
        self._db, self._count = store.db, count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Cluster: ...
    @overload
    def __getitem__(self, index: slice) -> list[Cluster]: ...
    def __getitem__(self, index: int | slice) -> Cluster | list[Cluster]:
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(self._count))]
        number = index + self._count if index < 0 else index
        if not 0 <= number < self._count:
            raise IndexError("cluster index out of range")
        (data,) = self._db.execute(
            "SELECT cluster FROM clusters WHERE number = ?", (number,)
        ).fetchone()
        return cast(Cluster, pickle.loads(data))  # written by this process

    def __iter__(self) -> Iterator[Cluster]:
        for (data,) in self._db.execute("SELECT cluster FROM clusters ORDER BY number"):
            yield pickle.loads(data)  # written by this process

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{self._count} clusters>"


class _MergedIds(Mapping[str, str]):
    """Each merged report's id and its survivor's, asked of `dedup`'s database."""

    def __init__(self, store: _Store, count: int) -> None:
        self._db, self._count = store.db, count

    def __getitem__(self, id_: str) -> str:
        found = self._db.execute("SELECT survivor FROM merged WHERE id = ?", (id_,)).fetchone()
        if found is None:
            raise KeyError(id_)
        return cast(str, found[0])

    def __contains__(self, id_: object) -> bool:
        if not self._count or not isinstance(id_, str):
            return False
        return self._db.execute("SELECT 1 FROM merged WHERE id = ?", (id_,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        for (id_,) in self._db.execute("SELECT id FROM merged ORDER BY rowid"):
            yield id_

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return f"<{self._count} merged ids>"


class _Conflicts(Mapping[str, tuple[Conflict, ...]]):
    """The conflicts of each merged record, by its id, in `dedup`'s database."""

    def __init__(self, store: _Store) -> None:
        self._db, self._count = store.db, 0

    def put(self, id_: str, conflicts: tuple[Conflict, ...]) -> None:
        self._db.execute("INSERT INTO conflicts VALUES (?, ?)", (id_, _pickled(conflicts)))
        self._count += 1

    def __getitem__(self, id_: str) -> tuple[Conflict, ...]:
        found = self._db.execute("SELECT conflicts FROM conflicts WHERE id = ?", (id_,)).fetchone()
        if found is None:
            raise KeyError(id_)
        return cast(tuple[Conflict, ...], pickle.loads(found[0]))  # written by this process

    def __iter__(self) -> Iterator[str]:
        for (id_,) in self._db.execute("SELECT id FROM conflicts ORDER BY rowid"):
            yield id_

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return f"<conflicts of {self._count} merged records>"


class DedupResult(Iterable[Event]):
    """What `dedup` found, and the records it gives back: iterate it (once) for them.

    ``clusters`` and the counts are known at once; ``conflicts`` (by the survivor's id)
    fill in as the records are read, and are complete once they all have been. Use it
    as a context manager, or call `close`, to remove the temporary file early. The
    clusters, merged ids and conflicts are read from a temporary database as they are
    asked for, so that memory holds none of them (a million records: 5 MB).

    >>> import diplomev
    >>> from diplomev.dedup import dedup
    >>> lee, xi = (diplomev.Person(name="Lee Jae Myung", country="KOR"),
    ...            diplomev.Person(name="Xi Jinping", country="CHN"))
    >>> reports = [
    ...     diplomev.Summit(id="b", date="2026-01-05", participants=[lee, xi], host="CHN"),
    ...     diplomev.Summit(id="c", date="2026-01-06", participants=[lee, xi], host="JPN"),
    ...     diplomev.Summit(id="a", date="2026-01", participants=[xi, lee], host="CHN"),
    ... ]
    >>> with dedup(reports) as result:
    ...     events = list(result)
    >>> [(event.id, str(event.date)) for event in events]
    [('c', '2026-01-06'), ('a', '2026-01-05')]
    >>> result.records, result.compared, dict(result.merged_ids)
    (3, 3, {'b': 'a'})
    """

    def __init__(
        self,
        clusters: Iterable[tuple[Cluster, tuple[int, ...]]],
        counts: StreamCounts,
        stored: Iterator[Event],
        policy: Policy | None,
        spill: IO[bytes] | None,
        fork: bool = False,
    ) -> None:
        #: How many records were read.
        self.records = counts.records
        #: How many pairs were compared, and the blocking's counts.
        self.compared, self.blocks, self.windowed = counts.compared, counts.blocks, counts.windowed
        # Five bytes a record, not a dict entry a member (a hundred): at a million records
        # a third of which have a duplicate, 5 MB against 60.
        self._members = array("i", [-1]) * counts.records
        self._last = bytearray(counts.records)
        store = self._store = _Store()
        for number, items in enumerate(store.load(clusters)):
            for index in items:
                self._members[index] = number
            self._last[items[-1]] = 1
        #: The clusters of two or more reports, as `find_duplicates` gives them.
        self.clusters: Sequence[Cluster] = _Clusters(store, store.count("clusters"))
        #: Each merged report's id, and the id of the record that took its place.
        self.merged_ids: Mapping[str, str] = _MergedIds(store, store.count("merged"))
        #: The conflicts of each merged record, by its id (complete once read through).
        self.conflicts: Mapping[str, tuple[Conflict, ...]]
        self.conflicts = self._conflicts = _Conflicts(store)
        self._stored, self._policy, self._spill = stored, policy, spill
        # A worker merges the clusters as the records are read back (`Merger`).
        self._fork = fork
        self._started = False

    def __iter__(self) -> Iterator[Event]:
        if self._started:
            raise RuntimeError("the records of a DedupResult can be read once")
        self._started = True
        return rewrite_links(self._merged(), self.merged_ids)

    def _merged(self) -> Iterator[Event]:
        held: dict[int, list[Event]] = {}
        conflicts, db = self._conflicts, self._store.db
        merger = None
        if self._spill is not None and self._fork and len(self.clusters) >= MERGE_WORKER_CLUSTERS:
            self._spill.flush()
            merger = Merger(self._spill.fileno(), self._members, self._last, self._policy)
        db.execute("BEGIN")  # one transaction, not one a conflict
        try:
            members, last = self._members, self._last
            for index, event in enumerate(self._stored):
                number = members[index]
                if number < 0:
                    yield event
                    continue
                held.setdefault(number, []).append(event)
                if last[index]:
                    cluster = held.pop(number)
                    merged = (
                        merge(cluster, policy=self._policy)
                        if merger is None
                        else merger.merged(cluster)
                    )
                    if merged.conflicts:
                        conflicts.put(merged.event.id, merged.conflicts)
                    yield merged.event
        finally:
            if merger is not None:
                merger.close()
            db.execute("COMMIT")
            self.close()

    def report(self) -> dict[str, Any]:
        """Return what was found as JSON-ready data: counts, clusters, scores and conflicts.

        Conflicts are complete once the records have been read.

        >>> import attrs, diplomev
        >>> from diplomev.dedup import dedup
        >>> xi = diplomev.Person(name="Xi Jinping", country="CHN")
        >>> a = diplomev.Summit(id="a", date="2026-01-05", participants=[
        ...     xi, diplomev.Country(code="KOR")], summary="Xi meets Lee")
        >>> result = dedup([a, attrs.evolve(a, id="b", summary="Lee meets Xi")])
        >>> records = list(result)
        >>> report = result.report()
        >>> report["clusters"][0]["conflicts"][0]["values"]
        [{'value': 'Xi meets Lee', 'ids': ['a']}, {'value': 'Lee meets Xi', 'ids': ['b']}]
        """
        clusters = []
        for cluster in self.clusters:
            survivor = cluster.ids[0]
            conflicts = [
                {
                    "field": conflict.field,
                    "policy": conflict.policy,
                    "chosen": conflict.chosen,
                    "values": [
                        {"value": value, "ids": list(ids)} for value, ids in conflict.values
                    ],
                }
                for conflict in self.conflicts.get(survivor, ())
            ]
            scores = [{"ids": [a, b], "score": round(score, 4)} for a, b, score in cluster.scores]
            clusters.append(
                {
                    "ids": list(cluster.ids),
                    "survivor": survivor,
                    "scores": scores,
                    "conflicts": conflicts,
                }
            )
        return {
            "records": self.records,
            "compared": self.compared,
            "blocks": self.blocks,
            "windowed_blocks": self.windowed,
            "merged": len(self.merged_ids),
            "clusters": clusters,
        }

    def close(self) -> None:
        """Remove the temporary file of the records (reading them after is an error)."""
        if self._spill is not None:
            self._spill.close()
            self._spill = None

    def __enter__(self) -> DedupResult:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def dedup(
    events: Iterable[Event],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Weights | None = None,
    policy: Policy | None = None,
    processes: int | None = None,
) -> DedupResult:
    """Find the clusters of ``events``, merge each, and rewrite links to the survivors.

    Reads ``events`` once (twice for a list or tuple), through the streaming path
    (`diplomev.dedup` says how: memory holds no record and no block past its turn); the
    clusters are those `find_duplicates` gives. The result gives the records back, each
    merged record in the place of its cluster's last report. See `DedupResult` for an
    example.

    ``processes``: 1 keeps the work in this process; 2 forks a worker on large inputs
    (POSIX), to profile and compare on a second core; None (the default) forks only where
    the machine has two cores and this process runs no other thread, since a fork copies
    one thread and a lock another held stays taken in the worker. The results are the
    same either way.
    """
    threshold = _check_threshold(threshold)
    if processes not in (None, 1, 2):
        raise ValueError(f"processes is 1, 2 or None, not {processes!r}")
    if isinstance(events, Sequence):
        found, counts = found_in(map(profile, events), threshold, weights, processes)
        return DedupResult(found, counts, iter(events), policy, None)
    # The file outlives this call: the result reads it back, then closes it.
    spill = tempfile.TemporaryFile(prefix="diplomev-dedup-")  # noqa: SIM115
    try:
        found, counts = spill_and_cluster(
            events, spill, threshold=threshold, weights=weights, processes=processes
        )
    except BaseException:
        spill.close()
        raise
    fork = may_fork() if processes is None else processes > 1 and can_fork()
    return DedupResult(found, counts, unpickled(spill), policy, spill, fork)
