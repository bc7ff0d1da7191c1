"""Partitioned Parquet datasets of events: written atomically, read with pushdown.

A dataset is a folder of Parquet files in Hive layout (``year=2026/type=visit/part-0.parquet``),
each file with the table's schema and its versions in the Parquet key-value metadata, zstd
compressed (in a partition by type, the other kinds' columns, all null there, are left
uncompressed). Writing streams: the events become record batches one batch at a time, each
batch's rows sorted by partition so that a partition is a slice of it, and the slices wait
per partition until they fill a row group (or, past a bound on the rows waiting, the
largest partitions are written); memory holds a few batches' rows, not the dataset.
The folder is written beside the target under a temporary name and moved into
place only when every file is complete, so a failure midway leaves the old dataset whole.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import os
import shutil
import tempfile
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from diplomev.arrow._nulls import POOL, null_column
from diplomev.arrow._reading import table_items
from diplomev.arrow._rows import DEFAULT_BATCH_ROWS, Run, grouped_batches
from diplomev.arrow._schema import (
    ARROW_VERSION,
    ARROW_VERSION_KEY,
    FORMAT_VERSION_KEY,
    arrow_schema,
)
from diplomev.errors import ErrorCode, ErrorDetail
from diplomev.io import BadRecord, ErrorMode, Reader, RecordError
from diplomev.model import registry
from diplomev.records import Event

__all__ = ["DEFAULT_PARTITIONS", "DatasetReader", "read_parquet", "write_parquet"]

#: The default partition columns: a query of one year or one kind reads only its folders.
DEFAULT_PARTITIONS = ("year", "type")
#: Rows per file and per row group: row groups of 128k rows are large enough for zstd and
#: column statistics to pay, a file of a million rows small enough to spread over workers.
DEFAULT_ROWS_PER_FILE = 1_000_000
DEFAULT_ROWS_PER_GROUP = 131_072
_READ_BATCH_ROWS = 16_384
#: The most threads encoding files at once: one per core, as building batches leaves the
#: caller's core to them once it is done, past four the waiting rows run out first.
_MAX_ENCODERS = 4
# Partition values that are plain scalars: what a folder name can hold.
_PARTITIONABLE = (pa.types.is_integer, pa.types.is_string, pa.types.is_dictionary)


def _partition_columns(schema: pa.Schema, partition_by: Sequence[str]) -> list[str]:
    if isinstance(partition_by, str):
        raise TypeError(f"partition_by is a sequence of column names, not {partition_by!r}")
    for name in partition_by:
        if name not in schema.names:
            raise ValueError(f"cannot partition by {name!r}: not a column of the events' table")
        field = schema.field(name)
        if not any(test(field.type) for test in _PARTITIONABLE):
            raise ValueError(f"cannot partition by {name!r}: not a text or integer column")
        if field.nullable:
            raise ValueError(f"cannot partition by {name!r}: it may be null")
    if len(set(partition_by)) != len(partition_by):
        raise ValueError("a partition column is named twice")
    return list(partition_by)


def write_parquet(
    events: Iterable[Event],
    path: str | os.PathLike[str],
    *,
    partition_by: Sequence[str] = DEFAULT_PARTITIONS,
    rows_per_file: int = DEFAULT_ROWS_PER_FILE,
    rows_per_group: int = DEFAULT_ROWS_PER_GROUP,
    batch_rows: int = DEFAULT_BATCH_ROWS,
    compression: str = "zstd",
) -> int:
    """Write the events as a Parquet dataset in the folder ``path``, atomically; return the count.

    The dataset is partitioned Hive-style by the columns ``partition_by`` (default: year
    and type; ``()`` for none; any text or integer column that is never null), each file
    holding at most ``rows_per_file`` rows in row groups of at most ``rows_per_group``,
    zstd compressed (``compression`` takes pyarrow's other codecs: ``"snappy"`` is at best
    a tenth faster, with files half as large again). The events are read ``batch_rows`` at
    a time; memory holds a few batches' rows, however many events there are. An existing dataset at ``path`` is replaced
    whole, and only once the new one is complete: if writing fails, it is left as it was
    (and nothing of the new one remains).

    >>> import tempfile, pathlib
    >>> from diplomev import loads
    >>> event = loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...               ' "visitor": {"type": "country", "code": "KOR"}}')
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "events"
    >>> write_parquet([event], folder)
    1
    >>> sorted(p.relative_to(folder).parent.as_posix() for p in folder.rglob("*.parquet"))
    ['year=2019/type=visit']
    """
    for name, value in (("rows_per_file", rows_per_file), ("rows_per_group", rows_per_group)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be at least 1, not {value!r}")
    schema = arrow_schema()
    partitions = _partition_columns(schema, partition_by)
    keys = [schema.get_field_index(name) for name in partitions]
    kept = [index for index in range(len(schema)) if index not in keys]
    file_schema = pa.schema([schema.field(i) for i in kept], metadata=schema.metadata)
    target = Path(os.path.abspath(path))
    count = 0
    # Building batches holds the GIL, Parquet encoding and zstd do not: the caller's thread
    # builds, one thread decides where each batch's rows go, and the encoders write
    # several partitions' files at once. At most one batch waits for the deciding
    # thread, and it waits for the encoders once the rows held pass the bound: memory
    # stays bounded.
    with (
        _replacing(target) as temporary,
        concurrent.futures.ThreadPoolExecutor(1, "diplomev-parquet") as pool,
        concurrent.futures.ThreadPoolExecutor(_encoders(), "diplomev-parquet-encode") as encoders,
    ):
        writer = _DatasetWriter(
            Path(temporary),
            file_schema,
            partitions,
            rows_per_file=rows_per_file,
            rows_per_group=min(rows_per_group, rows_per_file),
            max_buffered=max(batch_rows, rows_per_group) * 4,
            compression=compression,
            encoders=encoders,
        )

        def write(batch: pa.RecordBatch, runs: list[Run]) -> None:
            kept_columns = batch.select(kept)
            for key, start, length in runs:
                writer.add(key, kept_columns.slice(start, length), batch.num_rows)
            writer.batch_done()

        pending: collections.deque[concurrent.futures.Future[None]] = collections.deque()
        try:
            for batch, runs in grouped_batches(events, batch_rows=batch_rows, key_columns=keys):
                count += batch.num_rows
                pending.append(pool.submit(write, batch, runs))
                if len(pending) > 1:
                    pending.popleft().result()
            while pending:
                pending.popleft().result()
            pool.submit(writer.flush_all).result()
        finally:
            for waiting in pending:
                waiting.cancel()
            concurrent.futures.wait(pending)
            pool.submit(writer.close).result()
    return count


class _File(NamedTuple):
    """A file of a partition being written: its path and codecs, and the writer once opened."""

    path: Path
    compression: str | dict[str, str]
    #: Empty until the first write opens it; it is opened and closed on the encoders.
    writer: list[pq.ParquetWriter]


class _DatasetWriter:
    """Writes slices of batches into one Parquet file per partition, in row groups.

    Slices wait per partition until they fill a row group. A slice of under a quarter of
    its batch is copied out of it, its all-null struct columns (the kinds a partition by
    type never holds) left out and put back as nulls when written, so that what waits
    holds its own rows, not whole batches. When more than ``max_buffered`` rows wait in
    all, the partitions with the most waiting are written until half that many wait:
    memory stays bounded however many partitions there are, and the small partitions
    keep gathering rows, so row groups stay large (each row group costs every one of the
    schema's leaf columns a compressed page or two, whatever its rows).

    What is written, and where, is decided here, in the order the rows came; the writing
    itself (Parquet encoding and zstd, which release the GIL) goes to ``encoders``
    threads, several partitions' files at once, one write at a time per partition, so
    each file's row groups come in the order decided and the files are the same bytes
    as written one by one. The rows being written count against ``max_buffered`` as if
    they still waited: once more than that are held, ``batch_done`` waits for writes to
    finish.
    """

    _MAX_OPEN = 256

    def __init__(
        self,
        folder: Path,
        schema: pa.Schema,
        partitions: list[str],
        *,
        rows_per_file: int,
        rows_per_group: int,
        max_buffered: int,
        compression: str,
        encoders: concurrent.futures.Executor,
    ) -> None:
        self.folder, self.schema, self.partitions = folder, schema, partitions
        self.rows_per_file, self.rows_per_group = rows_per_file, rows_per_group
        self.max_buffered = max_buffered
        self.compression = compression
        self.encoders = encoders
        self.statistics = _statistics_columns(schema)
        # The nullable struct columns, the ones a slice may hold no value of.
        self.structs = [
            i for i, field in enumerate(schema) if field.nullable and pa.types.is_struct(field.type)
        ]
        self.nulls: dict[int, pa.Array] = {}
        self.waiting: dict[tuple[Any, ...], list[_Piece]] = {}
        self.waiting_rows: dict[tuple[Any, ...], int] = {}
        self.buffered = 0
        # Open files by partition: the file, and the rows it holds; least recent first.
        self.open: dict[tuple[Any, ...], tuple[_File, int]] = {}
        self.files: dict[tuple[Any, ...], int] = {}
        # Each partition's last write handed to the encoders, and every write not yet seen
        # done with its rows, oldest first.
        self.last: dict[tuple[Any, ...], concurrent.futures.Future[None]] = {}
        self.writing: collections.deque[tuple[concurrent.futures.Future[None], int]] = (
            collections.deque()
        )
        self.writing_rows = 0

    def add(self, key: tuple[Any, ...], rows: pa.RecordBatch, batch_rows: int) -> None:
        """Let ``rows``, a slice of a batch of ``batch_rows`` rows, wait for their partition."""
        piece = _Piece(rows, None)
        if rows.num_rows * 4 < batch_rows:
            n = rows.num_rows
            absent = tuple(i for i in self.structs if rows.column(i).null_count == n)
            if absent:
                present = [i for i in range(rows.num_columns) if i not in absent]
                rows = rows.select(present)
            piece = _Piece(pa.concat_batches([rows], memory_pool=POOL), absent)
        self.waiting.setdefault(key, []).append(piece)
        self.waiting_rows[key] = self.waiting_rows.get(key, 0) + piece.rows.num_rows
        self.buffered += piece.rows.num_rows
        if self.waiting_rows[key] >= self.rows_per_group:
            self._flush(key)

    def batch_done(self) -> None:
        """Write the largest partitions once more than ``max_buffered`` rows wait (see the class)."""
        if self.buffered > self.max_buffered:
            for key in sorted(self.waiting_rows, key=self.waiting_rows.__getitem__, reverse=True):
                self._flush(key)
                if self.buffered <= self.max_buffered // 2:
                    break
        self._wait(self.max_buffered - self.buffered)

    def flush_all(self) -> None:
        """Write every partition's waiting rows, and wait until all is written."""
        for key in list(self.waiting):
            self._flush(key)
        self._wait(-1)  # the files' closing too

    def _wait(self, rows: int) -> None:
        """Wait until at most ``rows`` rows are being written (-1: nothing); raise a failure."""
        while self.writing and self.writing_rows > rows:
            done, _ = concurrent.futures.wait(
                [future for future, _ in self.writing],
                return_when=concurrent.futures.FIRST_COMPLETED,
            )
            for future, written in [item for item in self.writing if item[0] in done]:
                self.writing.remove((future, written))
                self.writing_rows -= written
                future.result()

    def _table(self, pieces: list[_Piece]) -> pa.Table:
        if all(piece.absent is None for piece in pieces):
            return pa.Table.from_batches([piece.rows for piece in pieces], self.schema)
        chunks: list[list[pa.Array]] = [[] for _ in self.schema]
        for piece in pieces:
            found = iter(piece.rows.columns)
            absent = piece.absent or ()
            for i, column in enumerate(chunks):
                column.append(self._nulls(i, piece.rows.num_rows) if i in absent else next(found))
        columns = [
            pa.chunked_array(column, field.type)
            for column, field in zip(chunks, self.schema, strict=True)
        ]
        return pa.Table.from_arrays(columns, schema=self.schema)

    def _nulls(self, column: int, n: int) -> pa.Array:
        """Return ``n`` nulls of the struct column ``column``: a slice of one made once."""
        made = self.nulls.get(column)
        if made is None or len(made) < n:
            made = self.nulls[column] = null_column(self.schema.field(column).type, n)
        return made.slice(0, n)

    def _flush(self, key: tuple[Any, ...]) -> None:
        table = self._table(self.waiting.pop(key))
        self.buffered -= self.waiting_rows.pop(key)
        while table.num_rows:
            file, held = self._file(key)
            room = self.rows_per_file - held
            piece, table = table.slice(0, room), table.slice(room)
            self._submit(key, piece.num_rows, self._write, file, piece)
            self.open[key] = (file, held + piece.num_rows)
            if held + piece.num_rows >= self.rows_per_file:
                self._submit(key, 0, _close, self.open.pop(key)[0])

    def _submit(self, key: tuple[Any, ...], rows: int, task: Any, *args: Any) -> None:
        """Hand ``task(*args)`` to the encoders once the partition's last write is done."""
        last = self.last.get(key)
        if last is not None:
            # One write at a time per partition, in order: its file's row groups are in the
            # order of its rows. The failure of one stops the writing.
            last.result()
        future = self.last[key] = self.encoders.submit(task, *args)
        self.writing.append((future, rows))
        self.writing_rows += rows

    def _write(self, file: _File, table: pa.Table) -> None:
        if not file.writer:
            file.path.parent.mkdir(parents=True, exist_ok=True)
            file.writer.append(
                pq.ParquetWriter(
                    file.path,
                    self.schema,
                    compression=file.compression,
                    write_statistics=self.statistics,
                    # Levels and values handed to the encoders 8k at a time, not 1k: a
                    # tenth less time per row on the wide schema's hundred and fifty leaf
                    # columns.
                    write_batch_size=8192,
                )
            )
        file.writer[0].write_table(table, row_group_size=self.rows_per_group)

    def _file(self, key: tuple[Any, ...]) -> tuple[_File, int]:
        found = self.open.pop(key, None)
        if found is None:
            if len(self.open) >= self._MAX_OPEN:
                oldest = next(iter(self.open))
                self._submit(oldest, 0, _close, self.open.pop(oldest)[0])
            number = self.files.get(key, 0)
            self.files[key] = number + 1
            folder = self.folder.joinpath(*map(_segment, self.partitions, key))
            found = (_File(folder / f"part-{number}.parquet", self._compression(key), []), 0)
        self.open[key] = found  # now the most recent
        return found

    def _compression(self, key: tuple[Any, ...]) -> str | dict[str, str]:
        """Return the codec of each column of the partition ``key``'s files.

        In a partition by type, the other kinds' columns hold nothing but nulls: they are
        left uncompressed, since each of their pages would cost a zstd call (some 17 µs
        in Arrow's codec, most of the price of a small row group) to save no byte.
        """
        if registry.TAG_KEY not in self.partitions:
            return self.compression
        kind = key[self.partitions.index(registry.TAG_KEY)]
        kinds = {registry.tag_of(cls) for cls in registry.tagged("event").values()}
        return {
            path: "none" if top in kinds and top != kind else self.compression
            for top, path in _leaf_paths(self.schema)
        }

    def close(self) -> None:
        """Close every file, once the writes handed to the encoders are over (or failed)."""
        concurrent.futures.wait([future for future, _ in self.writing])
        self.writing.clear()
        while self.open:
            _close(self.open.popitem()[1][0])


def _close(file: _File) -> None:
    if file.writer:
        file.writer.pop().close()


class _Piece(NamedTuple):
    """Rows waiting for their partition, and the struct columns left out of them as null."""

    rows: pa.RecordBatch
    #: None: ``rows`` is a slice of a batch, with every column.
    absent: tuple[int, ...] | None


def _leaf_paths(schema: pa.Schema) -> Iterator[tuple[str, str]]:
    """Yield each leaf column's top-level column and Parquet path (``a.list.element.b``)."""

    def walk(path: str, tp: pa.DataType) -> Iterator[str]:
        if pa.types.is_struct(tp):
            for field in tp:
                yield from walk(f"{path}.{field.name}", field.type)
        elif pa.types.is_list(tp):
            yield from walk(f"{path}.list.element", tp.value_type)
        else:
            yield path

    for field in schema:
        for path in walk(field.name, field.type):
            yield field.name, path


def _statistics_columns(schema: pa.Schema) -> list[str]:
    """Return the Parquet paths of the columns outside lists, the ones statistics can prune.

    A row group's minimum and maximum of a list's items rule out almost nothing, and
    working them out costs a tenth of the writing.
    """
    paths: list[str] = []

    def walk(path: str, tp: pa.DataType) -> None:
        if pa.types.is_struct(tp):
            for field in tp:
                walk(f"{path}.{field.name}", field.type)
        elif not pa.types.is_list(tp):
            paths.append(path)

    for field in schema:
        walk(field.name, field.type)
    return paths


def _encoders() -> int:
    """Return how many threads encode Parquet files at once: one per core, at most four."""
    return max(1, min(_MAX_ENCODERS, os.cpu_count() or 1))


def _segment(name: str, value: Any) -> str:
    """Name a partition's folder as Hive does, the value percent-encoded (pyarrow's default)."""
    return f"{name}={urllib.parse.quote(str(value), safe='')}"


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[str]:
    """Give a new folder beside ``target``; move it over ``target`` if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = tempfile.mkdtemp(dir=target.parent, prefix=".diplomev-", suffix=".tmp")
    try:
        yield temporary
        if target.exists():
            # Two renames, not one: a folder cannot be moved over a full one. Between them the
            # old dataset is whole under the .old name.
            old = tempfile.mkdtemp(dir=target.parent, prefix=".diplomev-", suffix=".old")
            os.rmdir(old)
            os.rename(target, old)
            os.rename(temporary, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def open_dataset(path: str | os.PathLike[str]) -> ds.Dataset:
    """Open a dataset written by `write_parquet` (or any folder or file of such Parquet)."""
    if not os.path.exists(path):
        raise FileNotFoundError(2, "No such file or directory", str(path))
    # Partition values are first discovered as dictionaries (a dictionary column of an
    # explicit partitioning needs its values listed); the schema then gives them their types.
    discovered = ds.dataset(
        str(path),
        format="parquet",
        partitioning=ds.HivePartitioning.discover(infer_dictionary=True),
    )
    return ds.dataset(
        str(path), format="parquet", partitioning=discovered.partitioning, schema=arrow_schema()
    )


def check_version(name: str, metadata: dict[bytes, bytes] | None) -> None:
    """Refuse a file whose diplomev versions this release does not know.

    A file without them (written by another tool, with the same columns) is read as this
    release's layout.
    """
    metadata = metadata or {}
    known = {
        FORMAT_VERSION_KEY: registry.FORMAT_VERSION.encode(),
        ARROW_VERSION_KEY: ARROW_VERSION.encode(),
    }
    for key, version in known.items():
        found = metadata.get(key)
        if found is not None and found != version:
            message = (
                f"written in version {found.decode(errors='replace')!r} of "
                f"{key.decode()}, which this release of diplomev cannot read "
                f"(it reads version {version.decode()!r})"
            )
            detail = ErrorDetail("$", message, ErrorCode.UNSUPPORTED_VERSION)
            raise RecordError(BadRecord(name, None, (detail,)))


class DatasetReader(Reader):
    """The events of a Parquet dataset, read lazily; ``files`` counts the files scanned.

    A `diplomev.io.Reader`: ``count``, ``bad`` and ``problems`` as for the file readers,
    each bad row reported with its file and its row number in that file.
    """

    def __init__(self, fragments: list[Any], expression: Any, errors: ErrorMode) -> None:
        #: The files the filter left to scan (partition pruning happened before).
        self.files = len(fragments)
        super().__init__(_fragment_items(fragments, expression), errors)


def _fragment_items(fragments: list[Any], expression: Any) -> Iterator[Any]:
    schema = arrow_schema()
    for fragment in fragments:
        check_version(fragment.path, fragment.physical_schema.metadata)
        # Small batches, read ahead little: memory holds a few batches' records, however
        # large the file (pyarrow's defaults decode 16 batches of 128k rows ahead).
        batches = fragment.to_batches(
            schema=schema, filter=expression, batch_size=_READ_BATCH_ROWS, batch_readahead=1
        )
        yield from table_items(batches, fragment.path)


def read_parquet(
    path: str | os.PathLike[str],
    *,
    filter: Any = None,
    errors: ErrorMode = "raise",
) -> DatasetReader:
    """Read the events of a Parquet dataset (a folder, or one file), with pushdown.

    ``filter`` is a `pyarrow.compute.Expression` over the table's columns, such as
    ``(pc.field("year") == 2019) & (pc.field("type") == "visit")`` or
    ``pc.field("date_lower") >= datetime.date(2020, 1, 1)``: the partitions it rules out
    are not opened, and row groups whose statistics rule it out are not read
    (``reader.files`` says how many files were left to scan). Every event is validated as
    `diplomev.from_dict` validates it. A file written by a later layout or format
    version raises a `diplomev.io.RecordError` with code ``unsupported_version``.

    >>> import tempfile, pathlib
    >>> import pyarrow.compute as pc
    >>> from diplomev import loads
    >>> events = [loads('{"type": "visit", "id": "v%d", "date": "%d", "host": "CHN",'
    ...                 ' "visitor": {"type": "country", "code": "KOR"}}' % (i, 2017 + i))
    ...           for i in range(3)]
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "events"
    >>> write_parquet(events, folder)
    3
    >>> reader = read_parquet(folder, filter=pc.field("year") >= 2018)
    >>> sorted(event.id for event in reader), reader.files
    (['v1', 'v2'], 2)
    """
    dataset = open_dataset(path)
    fragments = list(dataset.get_fragments(filter=filter))
    fragments.sort(key=lambda fragment: fragment.path)
    return DatasetReader(fragments, filter, errors)
