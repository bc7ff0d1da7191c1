"""`dedup`'s first pass in two processes: this one reads and spills, a worker profiles.

Reading the records (often a generator or a parser) and pickling them to the temporary
file is half the first pass; profiling them, filing their entries and writing the run
files is the other half. Past `PIPELINE_RECORDS`, `dedup` forks a worker that reads each
batch back from the temporary file as soon as it is written (by ``pread``, so that the
writer's offset is not moved), profiles it and streams it into `stream_clusters`, which
forks once more to compare on both cores; the worker writes the clusters it found to a
temporary file and exits. The clusters are `stream_clusters'` of the same profiles, so
the same as `find_duplicates` gives. Should the worker fail, this process finds them
itself, from the temporary file.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from typing import IO, Any

from diplomev.dedup._clusters import Cluster
from diplomev.dedup._profile import profile
from diplomev.dedup._similarity import Weights
from diplomev.dedup._stream import StreamCounts, stream_clusters
from diplomev.records import Event

__all__ = ["PIPELINE_RECORDS", "can_fork", "spill_and_cluster"]

#: Records read before a worker is forked to profile and compare them while the rest are
#: read: fewer are clustered here, where a fork would cost more than it saves.
PIPELINE_RECORDS = 20_000

# Records pickled together: one dump a record costs twice the time; a batch's memo is
# fresh for each dump, so nothing is kept alive past it.
BATCH = 256

_Found = tuple[list[tuple[Cluster, tuple[int, ...]]], StreamCounts]


def can_fork() -> bool:
    """Tell whether a worker can be forked here, and a second core run it."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


class _At(io.RawIOBase):
    """The bytes of a file descriptor from a position of its own (``pread``)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd, self._at = fd, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = os.pread(self._fd, len(buffer), self._at)
        buffer[: len(data)] = data
        self._at += len(data)
        return len(data)


def unpickled(spill: IO[bytes]) -> Iterator[Event]:
    """Yield the records of ``spill`` (batches this process or its worker wrote), in order."""
    reader = io.BufferedReader(_At(spill.fileno()), buffer_size=1 << 20)
    while True:
        try:
            batch: list[Event] = pickle.load(reader)  # written by this process only
        except EOFError:
            return
        yield from batch


def _announced(fd: int, written: Connection) -> Iterator[Event]:
    # In the worker: a batch is read once the parent has said it is written whole.
    reader = io.BufferedReader(_At(fd), buffer_size=1 << 20)
    while written.recv():
        batch: list[Event] = pickle.load(reader)  # written by the parent
        yield from batch


def _first_pass(
    fd: int, written: Connection, out: IO[bytes], threshold: float, weights: Weights | None
) -> None:
    found = stream_clusters(
        map(profile, _announced(fd, written)), threshold=threshold, weights=weights
    )
    pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def _batches(events: Iterable[Event]) -> Iterator[list[Event]]:
    batch: list[Event] = []
    for event in events:
        batch.append(event)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def spill_and_cluster(
    events: Iterable[Event],
    spill: IO[bytes],
    *,
    threshold: float,
    weights: Weights | None,
    pipeline: int | None = None,
) -> _Found:
    """Write ``events`` to ``spill`` in pickled batches, and return their clusters.

    Past ``pipeline`` records (None: `PIPELINE_RECORDS`, where `can_fork`), a worker
    profiles and compares them as they are written (see the module docstring).

    >>> import diplomev, tempfile
    >>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
    >>> reports = [diplomev.Visit(id=f"v{i}", date=date, visitor=lee, host="CHN")
    ...            for i, date in enumerate(["2026-01-05", "2026-01", "2025-03-01"])]
    >>> with tempfile.TemporaryFile() as spill:
    ...     found, counts = spill_and_cluster(iter(reports), spill, threshold=0.75)
    ...     [event.id for event in unpickled(spill)]
    ['v0', 'v1', 'v2']
    >>> [cluster.ids for cluster, _ in found], counts.records
    ([('v0', 'v1')], 3)
    """
    if pipeline is None:
        pipeline = PIPELINE_RECORDS if can_fork() else -1
    batches = _batches(events)
    for written, batch in enumerate(batches, start=1):
        pickle.dump(batch, spill, protocol=pickle.HIGHEST_PROTOCOL)
        if 0 <= pipeline <= written * BATCH:
            spill.flush()
            return _pipelined(batches, spill, written, threshold, weights)
    spill.flush()
    return stream_clusters(map(profile, unpickled(spill)), threshold=threshold, weights=weights)


def _pipelined(
    batches: Iterator[list[Event]],
    spill: IO[bytes],
    written: int,
    threshold: float,
    weights: Weights | None,
) -> _Found:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    with tempfile.TemporaryFile(prefix="diplomev-dedup-found-") as out:
        # Not a daemon: the worker forks a worker of its own to compare.
        worker = context.Process(
            target=_first_pass, args=(spill.fileno(), receive, out, threshold, weights)
        )
        worker.start()
        receive.close()
        alive = True
        try:
            alive = _say(send, [True] * written)
            for batch in batches:
                pickle.dump(batch, spill, protocol=pickle.HIGHEST_PROTOCOL)
                spill.flush()
                alive = alive and _say(send, [True])
            _say(send, [False])
            send.close()
            worker.join()
        except BaseException:
            worker.terminate()
            worker.join()
            raise
        if alive and worker.exitcode == 0:
            out.seek(0)
            found: _Found = pickle.load(out)  # written by the worker
            return found
    # The worker failed (out of memory, killed): the clusters are found here.
    return stream_clusters(map(profile, unpickled(spill)), threshold=threshold, weights=weights)


def _say(send: Connection, messages: list[bool]) -> bool:
    try:
        for message in messages:
            send.send(message)
    except OSError:  # the worker is gone: a broken pipe
        return False
    return True
