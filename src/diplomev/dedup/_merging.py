"""`dedup`'s second pass in two processes: a forked worker merges, this process gives back.

The second pass reads the records back from the temporary file and gives each one, but
a cluster's members are held until its last, and their merged record is given in its
place: at a million records some 250,000 merges, a third of the pass, in one process
while the other core idles. So, where `dedup` forked for the first pass (and for enough
clusters), a worker reads the same file (by ``pread``: the two processes share the file's
offset), merges each cluster as its last member passes and sends the merged record and
its conflicts down a pipe, in the order this process reaches them. A pipe holds a few
merged records, so the worker runs only a little ahead and memory stays flat. Should the
worker fail, this process merges the rest itself (it holds the members either way).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
from array import array
from collections.abc import Iterator
from multiprocessing.connection import Connection

from diplomev.dedup._merge import Merged, Policy, merge
from diplomev.records import Event

__all__ = ["MERGE_WORKER_CLUSTERS", "Merger", "reread"]

#: Clusters a second pass must merge before a worker is forked to merge them.
MERGE_WORKER_CLUSTERS = 2_000


class _Pread(io.RawIOBase):
    # A file read by pread from its own offset, not the one it shares with the parent.
    def __init__(self, fd: int) -> None:
        self.fd, self.at = fd, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = os.pread(self.fd, len(buffer), self.at)
        buffer[: len(data)] = data
        self.at += len(data)
        return len(data)


def reread(fd: int) -> Iterator[Event]:
    """Yield the records of the temporary file ``fd`` in order, by ``pread`` from its start.

    >>> import diplomev, tempfile
    >>> from diplomev.dedup._pipeline import _spilled
    >>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
    >>> with tempfile.TemporaryFile() as spill:
    ...     _ = _spilled([diplomev.Visit(id="v", date="2026", visitor=lee, host="CHN")], spill)
    ...     spill.flush()
    ...     [event.id for event in reread(spill.fileno())]
    ['v']
    """
    with io.BufferedReader(_Pread(fd), 1 << 16) as stream:
        while True:
            try:
                batch: list[Event] = pickle.load(stream)  # written by this process
            except EOFError:
                return
            yield from batch


def _merge_all(
    fd: int, members: array[int], last: bytearray, policy: Policy | None, send: Connection
) -> None:
    # In the worker: every cluster merged as its last member passes, sent in that order.
    held: dict[int, list[Event]] = {}
    for index, event in enumerate(reread(fd)):
        number = members[index]
        if number < 0:
            continue
        held.setdefault(number, []).append(event)
        if last[index]:
            merged = merge(held.pop(number), policy=policy)
            send.send((merged.event, merged.conflicts))
    send.close()


class Merger:
    """A forked worker merging the clusters of the records in the file ``fd``, in order.

    `merged` gives each cluster's merged record, from the worker while it runs, else
    merged here; `close` ends the worker.
    """

    def __init__(
        self, fd: int, members: array[int], last: bytearray, policy: Policy | None
    ) -> None:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        self._receive: Connection | None = receive
        self._worker = context.Process(
            target=_merge_all, args=(fd, members, last, policy, send), daemon=True
        )
        self._worker.start()
        send.close()
        self._policy = policy

    def merged(self, events: list[Event]) -> Merged:
        """Return the merge of ``events``, the next cluster's members."""
        if self._receive is not None:
            try:
                event, conflicts = self._receive.recv()  # sent by the worker
            except (EOFError, OSError):  # the worker is gone: merged here from now on
                self.close()
            else:
                return Merged(event=event, conflicts=conflicts)
        return merge(events, policy=self._policy)

    def close(self) -> None:
        """End the worker (it may be waiting to send what is no longer asked for)."""
        if self._receive is not None:
            self._receive.close()
            self._receive = None
            self._worker.terminate()
            self._worker.join()
