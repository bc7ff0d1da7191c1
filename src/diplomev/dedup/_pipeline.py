"""`dedup`'s first pass in two processes: this one reads and spills, a worker profiles.

Reading the records (often a generator or a parser) and pickling them to the temporary
file is half the first pass; profiling them, filing their entries and writing the run
files is the other half. Past `PIPELINE_RECORDS`, `dedup` forks a worker that reads each
batch back from the temporary file as soon as it is written and its length sent down a
pipe (by ``pread``, so that the writer's offset is not moved), profiles it and streams
it into `stream_clusters`, which forks once more to compare on both cores; the worker
writes the clusters it found to a temporary file and exits. The clusters are
`stream_clusters'` of the same profiles, so the same as `find_duplicates` gives. Should
the worker fail, this process finds them itself, from the temporary file.

Forking copies this process with one thread: where other threads hold a lock as it
forks (logging, an import), the worker may wait on it for ever. So, unasked
(``processes=None``), `dedup` forks only while this process runs no other thread
(`may_fork`), and only for inputs past `PIPELINE_RECORDS` records or a run buffer of
entries; ``processes=1`` never forks.
"""

from __future__ import annotations

import copyreg
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from typing import IO, Any

import attrs

from diplomev.dedup._clusters import Cluster
from diplomev.dedup._profile import Profile, profile
from diplomev.dedup._similarity import Weights
from diplomev.dedup._stream import Runs, StreamCounts, can_fork, cluster_runs, may_fork
from diplomev.records import Event

__all__ = ["PIPELINE_RECORDS", "found_in", "spill_and_cluster"]

#: Records read before a worker is forked to profile and compare them while the rest are
#: read: fewer are clustered here, where a fork would cost more than it saves.
PIPELINE_RECORDS = 20_000

# Records pickled together: one dump a record costs twice the time; a batch's memo is
# fresh for each dump, so nothing is kept alive past it.
BATCH = 256

_Found = tuple[Iterator[tuple[Cluster, tuple[int, ...]]], StreamCounts]


def unpickled(spill: IO[bytes]) -> Iterator[Event]:
    """Yield the records of ``spill`` (batches this process or its worker wrote), in order."""
    spill.seek(0)
    while True:
        try:
            batch: list[Event] = pickle.load(spill)  # written by this process only
        except EOFError:
            return
        yield from batch


def _announced(fd: int, written: Connection) -> Iterator[Event]:
    # In the worker: a batch is read once the parent has said it is written whole, and
    # how long it is; by pread, so that the parent's offset does not move.
    at = 0
    while size := written.recv():
        data = b""
        while len(data) < size:
            more = os.pread(fd, size - len(data), at + len(data))
            if not more:  # pragma: no cover - the parent flushed the batch before saying so
                raise EOFError("a batch announced was not written whole")
            data += more
        at += size
        batch: list[Event] = pickle.loads(data)  # written by the parent
        yield from batch


def _first_pass(
    fd: int,
    written: Connection,
    out: IO[bytes],
    said: IO[bytes],
    threshold: float,
    weights: Weights | None,
) -> None:
    runs, counts = cluster_runs(
        map(profile, _announced(fd, written)), out, threshold=threshold, weights=weights
    )
    pickle.dump((runs, counts), said, protocol=pickle.HIGHEST_PROTOCOL)
    said.flush()


def _read_out(out: IO[bytes], runs: Runs) -> Iterator[tuple[Cluster, tuple[int, ...]]]:
    # The clusters, read back as they are asked for; the file is closed once all are.
    try:
        yield from runs.read(out)
    finally:
        out.close()


def found_in(
    profiles: Iterable[Profile], threshold: float, weights: Weights | None, workers: int | None
) -> _Found:
    """Return the clusters of ``profiles``, read from a temporary file as asked, and the counts."""
    out = tempfile.TemporaryFile(prefix="diplomev-dedup-found-")  # noqa: SIM115
    try:
        runs, counts = cluster_runs(
            profiles, out, threshold=threshold, weights=weights, workers=workers
        )
    except BaseException:
        out.close()
        raise
    return _read_out(out, runs), counts


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
    weights: Weights | None = None,
    processes: int | None = None,
) -> _Found:
    """Write ``events`` to ``spill`` in pickled batches, and return their clusters.

    Past `PIPELINE_RECORDS` records, a worker profiles and compares them as they are
    written (see the module docstring): where ``processes`` is 2 and the machine `can_fork`,
    or it is None and `may_fork`; 1 keeps everything in this process.

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
    fork = may_fork() if processes is None else processes > 1 and can_fork()
    pipeline = PIPELINE_RECORDS if fork else -1
    batches = _batches(events)
    sizes: list[int] = []
    for batch in batches:
        sizes.append(_spilled(batch, spill))
        if 0 <= pipeline <= len(sizes) * BATCH:
            spill.flush()
            return _pipelined(batches, spill, sizes, threshold, weights)
    spill.flush()
    return found_in(map(profile, unpickled(spill)), threshold, weights, processes)


def _spilled(batch: list[Event], spill: IO[bytes]) -> int:
    """Pickle ``batch`` to the end of ``spill``, and return how many bytes it took."""
    at = spill.tell()
    _Pickler(spill, protocol=pickle.HIGHEST_PROTOCOL).dump(batch)
    return spill.tell() - at


# Named so, pickle writes it as the NEWOBJ opcode: cls.__new__(cls), in C.
_NEWOBJ: Any = copyreg.__dict__["__newobj__"]
# Of each class met, whether its instances are pickled with their fields as a tuple.
_AS_TUPLE: dict[type, bool] = {}


class _Pickler(pickle.Pickler):
    """Pickles attrs' slotted records with their fields as a tuple, not a dict.

    An attrs class gives its state as a dict, read back name by name: a record's eight
    or so instances take 35 µs to unpickle. As a tuple (which attrs' ``__setstate__``
    reads too), the same take 27, and 17% fewer bytes: the records are read back twice
    (by the worker, to profile them, and by the second pass). A class is pickled so only
    once its first instance has been seen to come back equal; any other way, as usual.
    """

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        as_tuple = _AS_TUPLE.get(cls)
        if as_tuple is None:
            as_tuple = _AS_TUPLE[cls] = _tuple_comes_back(obj)
        if not as_tuple:
            return NotImplemented
        return _NEWOBJ, (cls,), tuple(obj.__getstate__().values())


def _tuple_comes_back(obj: Any) -> bool:
    cls = type(obj)
    getstate = getattr(cls, "__getstate__", None)
    setstate: Any = getattr(cls, "__setstate__", None)
    if not (
        attrs.has(cls)
        and getattr(getstate, "__name__", "") == "slots_getstate"
        and getattr(setstate, "__name__", "") == "slots_setstate"
        and cls.__reduce__ is object.__reduce__
        and cls.__reduce_ex__ is object.__reduce_ex__
    ):
        return False
    try:
        state = obj.__getstate__()
        copy = cls.__new__(cls)
        setstate(copy, tuple(state.values()))
        return bool(isinstance(state, dict) and copy == obj and copy.__getstate__() == state)
    except Exception:
        return False


def _pipelined(
    batches: Iterator[list[Event]],
    spill: IO[bytes],
    sizes: list[int],
    threshold: float,
    weights: Weights | None,
) -> _Found:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    out = tempfile.TemporaryFile(prefix="diplomev-dedup-found-")  # noqa: SIM115
    with out, tempfile.TemporaryFile(prefix="diplomev-dedup-said-") as said:
        # Not a daemon: the worker forks a worker of its own to compare.
        worker = context.Process(
            target=_first_pass, args=(spill.fileno(), receive, out, said, threshold, weights)
        )
        worker.start()
        receive.close()
        alive = True
        try:
            alive = _say(send, sizes)
            for batch in batches:
                size = _spilled(batch, spill)
                spill.flush()
                alive = alive and _say(send, [size])
            _say(send, [0])  # the end
            send.close()
            worker.join()
        except BaseException:
            worker.terminate()
            worker.join()
            raise
        if alive and worker.exitcode == 0:
            said.seek(0)
            counts: StreamCounts
            runs, counts = pickle.load(said)  # written by the worker
            # Read on once this returns: the file is closed by the reader.
            return _read_out(os.fdopen(os.dup(out.fileno()), "rb"), runs), counts
    # The worker failed (out of memory, killed): the clusters are found here.
    return found_in(map(profile, unpickled(spill)), threshold, weights, None)


def _say(send: Connection, messages: list[int]) -> bool:
    try:
        for message in messages:
            send.send(message)
    except OSError:  # the worker is gone: a broken pipe
        return False
    return True
