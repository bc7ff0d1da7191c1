"""Grouping rows spread over a whole file in bounded memory: an SQLite spill.

The CAMEO importers (`diplomev.interop.icews`, `diplomev.interop.gdelt`) group the rows of
one event, which lie anywhere in a file, so they cannot give a record before the whole
file is read. `Spill` keeps what they must remember in memory while it is small and moves
it to a private temporary SQLite database (stdlib `sqlite3`, on disk, deleted when closed)
past `MEMORY_ITEMS` items, so memory stays bounded however large the file is:

- ``add(partition, value)`` keeps a value under a partition key (a string);
- ``partitions()`` gives each partition's values, in the order they were added, one
  partition at a time;
- ``put(order, value)`` and ``ordered()`` keep values and give them back sorted by an
  integer;
- ``claim(name)`` tells whether a name is new and takes it.

Values are pickled; they are diplomev's own objects, written and read back by the same
process, never data from elsewhere.

>>> with Spill(memory_items=2) as spill:
...     for partition, value in [("b", 1), ("a", 2), ("b", 3)]:
...         spill.add(partition, value)
...     [(key, values) for key, values in spill.partitions()]
[('a', [2]), ('b', [1, 3])]
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator
from types import TracebackType
from typing import Any

__all__ = ["MEMORY_ITEMS", "Spill"]

#: How many values a `Spill` keeps in memory before it moves them to SQLite.
MEMORY_ITEMS = 5_000

# SQLite's page cache for the spill, in KiB (a negative cache_size is in KiB).
_CACHE_KIB = 32 * 1024


def _dump(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class Spill:
    """Values kept by partition and by order, in memory or in SQLite (see the module).

    >>> with Spill(memory_items=1) as spill:
    ...     spill.put(2, "second"); spill.put(1, "first")
    ...     list(spill.ordered()), spill.claim("x"), spill.claim("x")
    (['first', 'second'], True, False)
    """

    def __init__(self, memory_items: int = MEMORY_ITEMS) -> None:
        self._limit = memory_items
        self._db: sqlite3.Connection | None = None
        self._partitions: dict[str, list[Any]] = {}
        self._count = 0
        self._ordered: list[tuple[int, Any]] = []
        self._names: set[str] = set()

    # --- the database, once memory is not enough ----------------------------------------

    def _spill(self) -> sqlite3.Connection:
        if self._db is None:
            # "" is a private temporary database on disk, deleted when it is closed.
            db = sqlite3.connect("")
            db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE part (id INTEGER PRIMARY KEY, key TEXT, value BLOB)")
            db.execute("CREATE TABLE ord (id INTEGER PRIMARY KEY, n INTEGER, value BLOB)")
            db.execute("CREATE TABLE name (name TEXT PRIMARY KEY)")
            db.executemany(
                "INSERT INTO part (key, value) VALUES (?, ?)",
                ((key, _dump(v)) for key, values in self._partitions.items() for v in values),
            )
            db.executemany(
                "INSERT INTO ord (n, value) VALUES (?, ?)",
                ((n, _dump(v)) for n, v in self._ordered),
            )
            db.executemany("INSERT INTO name VALUES (?)", ((name,) for name in self._names))
            self._partitions, self._ordered, self._names = {}, [], set()
            self._db = db
        return self._db

    def _grow(self) -> sqlite3.Connection | None:
        self._count += 1
        if self._db is None and self._count > self._limit:
            return self._spill()
        return self._db

    # --- partitions -------------------------------------------------------------------

    def add(self, partition: str, value: Any) -> None:
        """Keep ``value`` in ``partition``."""
        db = self._grow()
        if db is None:
            self._partitions.setdefault(partition, []).append(value)
        else:
            db.execute("INSERT INTO part (key, value) VALUES (?, ?)", (partition, _dump(value)))

    def partitions(self) -> Iterator[tuple[str, list[Any]]]:
        """Yield each partition (sorted by key) with its values in the order added."""
        if self._db is None:
            parts, self._partitions = self._partitions, {}  # a spill while we yield
            for key in sorted(parts):
                yield key, parts.pop(key)
            return
        self._db.execute("CREATE INDEX part_key ON part (key, id)")
        rows = self._db.execute("SELECT key, value FROM part ORDER BY key, id")
        current: str | None = None
        values: list[Any] = []
        for key, blob in rows:
            if key != current and current is not None:
                yield current, values
                values = []
            current = key
            values.append(pickle.loads(blob))
        if current is not None:
            yield current, values

    # --- order ------------------------------------------------------------------------

    def put(self, order: int, value: Any) -> None:
        """Keep ``value`` to give back in the order of ``order``."""
        db = self._grow()
        if db is None:
            self._ordered.append((order, value))
        else:
            db.execute("INSERT INTO ord (n, value) VALUES (?, ?)", (order, _dump(value)))

    def ordered(self) -> Iterator[Any]:
        """Yield the values put, sorted by their order (ties in the order put)."""
        if self._db is None:
            ordered, self._ordered = self._ordered, []
            ordered.sort(key=lambda item: item[0])
            for _, value in ordered:
                yield value
            return
        self._db.execute("CREATE INDEX ord_n ON ord (n, id)")
        for (blob,) in self._db.execute("SELECT value FROM ord ORDER BY n, id"):
            yield pickle.loads(blob)

    # --- names ------------------------------------------------------------------------

    def claim(self, name: str) -> bool:
        """Take ``name``; tell whether it was free."""
        db = self._db
        if db is None:
            if name in self._names:
                return False
            self._names.add(name)
            db = self._grow()
            return True
        found = db.execute("SELECT 1 FROM name WHERE name = ?", (name,)).fetchone()
        if found is not None:
            return False
        db.execute("INSERT INTO name VALUES (?)", (name,))
        return True

    # --- closing ----------------------------------------------------------------------

    def close(self) -> None:
        """Drop everything kept (the database file goes with it)."""
        if self._db is not None:
            self._db.close()
            self._db = None
        self._partitions, self._ordered, self._names = {}, [], set()

    def __enter__(self) -> Spill:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
