"""Many JSON Lines files to one Parquet dataset, each file on a worker: with Dask, or in turn.

A dataset that outgrows one process comes in shards (GDELT's daily files, POLECAT's weekly
ones). Each shard is work of its own: read and validated by `read_jsonl_table`, its good
rows written as Parquet parts into the shared Hive layout (every shard's files named after
it, so no two workers write one file), its counts and first problems sent back. Only those
small reports travel between processes; the tables never leave the worker that built them.
`convert_jsonl` hands the shards to a `dask.distributed` client if given one (any object
with Dask's ``map`` and ``gather``), or converts them one after the other in this process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from diplomev.arrow._jsonl import read_jsonl_table
from diplomev.arrow._parquet import (
    DEFAULT_PARTITIONS,
    DEFAULT_ROWS_PER_FILE,
    DEFAULT_ROWS_PER_GROUP,
    _partition_columns,
    _replacing,
    _segment,
)
from diplomev.arrow._schema import arrow_schema
from diplomev.io import MAX_PROBLEMS, BadRecord
from diplomev.records import event_types

__all__ = ["Conversion", "ShardConversion", "convert_jsonl", "write_table"]


class Client(Protocol):
    """What `convert_jsonl` needs of a ``dask.distributed.Client``."""

    def map(self, func: Any, *iterables: Any, **kwargs: Any) -> Any: ...

    def gather(self, futures: Any) -> Any: ...


@attrs.frozen
class ShardConversion:
    """What became of one JSON Lines shard: its counts, its first problems, its files.

    ``good + bad`` is the shard's non-blank lines; ``problems`` holds its first
    `diplomev.io.MAX_PROBLEMS` bad lines, each with the shard's name and its line number;
    ``files`` the Parquet parts written, relative to the dataset's folder.

    >>> ShardConversion("a.jsonl", good=9, bad=0, rechecked=1, problems=(), files=()).good
    9
    """

    source: str
    good: int
    bad: int
    rechecked: int
    problems: tuple[BadRecord, ...]
    files: tuple[str, ...]


@attrs.frozen
class Conversion:
    """What `convert_jsonl` did: one `ShardConversion` per shard, in the order given.

    >>> done = Conversion((ShardConversion("a", 2, 1, 1, (), ("p",)), ShardConversion("b", 3, 0, 0, (), ())))
    >>> done.good, done.bad, done.rows, done.files
    (5, 1, 6, ('p',))
    """

    shards: tuple[ShardConversion, ...]

    @property
    def good(self) -> int:
        """The valid events written, in all shards."""
        return sum(shard.good for shard in self.shards)

    @property
    def bad(self) -> int:
        """The bad lines left out, in all shards."""
        return sum(shard.bad for shard in self.shards)

    @property
    def rows(self) -> int:
        """The non-blank lines read, in all shards: ``good + bad``."""
        return self.good + self.bad

    @property
    def files(self) -> tuple[str, ...]:
        """The Parquet files of the dataset, relative to its folder."""
        return tuple(name for shard in self.shards for name in shard.files)

    @property
    def problems(self) -> tuple[BadRecord, ...]:
        """The first bad lines of each shard, shard by shard."""
        return tuple(bad for shard in self.shards for bad in shard.problems)


def write_table(
    table: pa.Table,
    folder: str | os.PathLike[str],
    *,
    partition_by: Sequence[str] = DEFAULT_PARTITIONS,
    basename: str = "part",
    rows_per_file: int = DEFAULT_ROWS_PER_FILE,
    rows_per_group: int = DEFAULT_ROWS_PER_GROUP,
    compression: str = "zstd",
) -> list[str]:
    """Write a table of `arrow_schema` into the Hive-partitioned dataset at ``folder``.

    The layout is `write_parquet`'s (each file with the schema's version metadata, at
    most ``rows_per_file`` rows in row groups of ``rows_per_group``), the files named
    ``{basename}-{i}.parquet``: files already there under other names are left alone, so
    several writers with their own basenames fill one dataset. Unlike
    `write_parquet` the table is written as it is (validate it first: `validate_table`,
    `read_jsonl_table`) and nothing is atomic. Returns the files written, relative to
    ``folder``.

    >>> import tempfile, pathlib
    >>> from diplomev import loads
    >>> from diplomev.arrow import to_table
    >>> event = loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...               ' "visitor": {"type": "country", "code": "KOR"}}')
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_table(to_table([event]), folder, basename="shard-7")
    ['year=2019/type=visit/shard-7-0.parquet']
    """
    schema = arrow_schema()
    partitions = _partition_columns(schema, partition_by)
    for name, value in (("rows_per_file", rows_per_file), ("rows_per_group", rows_per_group)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be at least 1, not {value!r}")
    if table.schema != schema:
        table = table.cast(schema)
    folder = Path(folder)
    kept = [name for name in schema.names if name not in partitions]
    file_schema = pa.schema([schema.field(name) for name in kept], metadata=schema.metadata)
    written: list[str] = []
    # Each partition is cut out and written as write_parquet writes its files (pyarrow's
    # write_dataset names partition folders and files its own way, and cannot be told to
    # keep the row groups write_parquet keeps).
    for key, rows in _partitions(table, partitions):
        relative = Path(*map(_segment, partitions, key))
        (folder / relative).mkdir(parents=True, exist_ok=True)
        rows = rows.select(kept)
        for number, start in enumerate(range(0, rows.num_rows, rows_per_file)):
            file = relative / f"{basename}-{number}.parquet"
            piece = rows.slice(start, rows_per_file).replace_schema_metadata(schema.metadata)
            with pq.ParquetWriter(folder / file, file_schema, compression=compression) as out:
                out.write_table(piece, row_group_size=min(rows_per_group, rows_per_file))
            written.append(file.as_posix())
    return sorted(written)


def _partitions(
    table: pa.Table, partitions: list[str]
) -> Iterator[tuple[tuple[Any, ...], pa.Table]]:
    """Yield each partition's values and its rows, in the table's order within each.

    >>> import pyarrow as pa
    >>> table = pa.table({"year": [2020, 2019, 2020], "id": ["a", "b", "c"]})
    >>> [(key, rows.column("id").to_pylist()) for key, rows in _partitions(table, ["year"])]
    [((2019,), ['b']), ((2020,), ['a', 'c'])]
    """
    if not partitions or not table.num_rows:
        if table.num_rows:
            yield (), table
        return
    keys = pa.table(
        {
            name: (
                table.column(name).cast(table.schema.field(name).type.value_type)
                if pa.types.is_dictionary(table.schema.field(name).type)
                else table.column(name)
            )
            for name in partitions
        }
    )
    # One sort and one take, then each partition is a slice: filtering the table once per
    # partition would copy every nested column as many times as there are partitions.
    order = pc.sort_indices(keys, sort_keys=[(name, "ascending") for name in partitions])
    table, keys = table.take(order), keys.take(order)
    n = table.num_rows
    change = np.zeros(n, dtype=bool)
    change[0] = True
    values = [keys.column(name).to_numpy(zero_copy_only=False) for name in partitions]
    for column in values:
        change[1:] |= column[1:] != column[:-1]
    starts = np.flatnonzero(change).tolist()
    for start, end in zip(starts, [*starts[1:], n], strict=True):
        key = tuple(_plain(column[start]) for column in values)
        yield key, table.slice(start, end - start)


def _plain(value: Any) -> Any:
    """Return a numpy scalar as Python's (an object array's items are Python's already)."""
    return value.item() if isinstance(value, np.generic) else value


def convert_shard(
    source: str,
    index: int,
    folder: str,
    partition_by: Sequence[str],
    compression: str,
    kinds: tuple[str, ...] | None = None,
) -> ShardConversion:
    """Convert one shard into ``folder`` (a task of `convert_jsonl`, run on a worker)."""
    if kinds is not None and tuple(event_types()) != kinds:
        # A worker process that has not imported the module registering a custom kind
        # would report each of its events as of an unknown type, and write another schema.
        missing = sorted(set(kinds) - set(event_types()))
        extra = sorted(set(event_types()) - set(kinds))
        raise RuntimeError(
            f"this worker knows other kinds of event than the caller (missing {missing}, "
            f"extra {extra}): register custom kinds in the workers too, e.g. by importing "
            "their module in a worker plugin or preload"
        )
    result = read_jsonl_table(source)
    files = write_table(
        result.good,
        folder,
        partition_by=partition_by,
        basename=f"part-{index}",
        compression=compression,
    )
    return ShardConversion(
        source=str(source),
        good=result.good.num_rows,
        bad=len(result.bad),
        rechecked=result.rechecked,
        problems=result.bad[:MAX_PROBLEMS],
        files=tuple(files),
    )


def convert_jsonl(
    sources: Iterable[str | os.PathLike[str]],
    target: str | os.PathLike[str],
    *,
    client: Client | None = None,
    partition_by: Sequence[str] = DEFAULT_PARTITIONS,
    compression: str = "zstd",
) -> Conversion:
    r"""Convert JSON Lines shards into one validated Parquet dataset at ``target``, in parallel.

    Each shard (a path, gzipped or not) is read and validated by `read_jsonl_table` and its
    good rows written as Parquet parts of the Hive-partitioned dataset ``target``
    (`write_parquet`'s layout: `read_parquet`, DuckDB, Polars, Spark read it), shard *i*'s
    files named ``part-{i}-*.parquet``. With ``client`` (a ``dask.distributed.Client``)
    the shards are tasks on its workers, which must see the same file system (a
    `LocalCluster`, or shared storage); without, they are converted in turn here. Returns a
    `Conversion`: per shard, the good and bad counts (they add up to its non-blank lines),
    the first problems with line numbers, the files. The dataset is written beside
    ``target`` and moved into place when every shard is done: if one fails, an old
    dataset at ``target`` is left whole.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> line = ('{"type": "visit", "id": "v%d", "date": "2019", "host": "CHN",'
    ...         ' "visitor": {"type": "country", "code": "KOR"}}\n')
    >>> _ = (folder / "a.jsonl").write_text(line % 1 + line % 2)
    >>> _ = (folder / "b.jsonl").write_text(line % 3 + '{"type": "visit"}\n')
    >>> done = convert_jsonl([folder / "a.jsonl", folder / "b.jsonl"], folder / "events")
    >>> done.good, done.bad, done.files
    (3, 1, ('year=2019/type=visit/part-0-0.parquet', 'year=2019/type=visit/part-1-0.parquet'))
    >>> [(bad.line, [error.path for error in bad.errors]) for bad in done.problems]
    [(2, ['$.id', '$.date', '$.visitor', '$.host'])]
    """
    shards = [os.fspath(source) for source in sources]
    schema = arrow_schema()
    partitions = _partition_columns(schema, partition_by)
    with _replacing(Path(os.path.abspath(target))) as temporary:
        arguments = (
            shards,
            range(len(shards)),
            [temporary] * len(shards),
            [tuple(partitions)] * len(shards),
            [compression] * len(shards),
            [tuple(event_types())] * len(shards),
        )
        if client is None:
            results = [convert_shard(*each) for each in zip(*arguments, strict=True)]
        else:
            # pure=False: the same shard converted twice is two writes, not one cached result.
            futures = client.map(convert_shard, *arguments, pure=False)
            results = list(client.gather(futures))
    return Conversion(tuple(results))
