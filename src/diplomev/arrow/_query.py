"""SQL over event files with DuckDB: Parquet datasets and JSON Lines as one table ``events``."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from diplomev.arrow._jsonl import read_jsonl_table
from diplomev.arrow._parquet import check_version
from diplomev.errors import DiplomevError

__all__ = ["QueryError", "query"]

_JSON_LINES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


class QueryError(DiplomevError):
    """A query that could not run: bad SQL, or a file that is not there or not events.

    >>> issubclass(QueryError, DiplomevError)
    True
    """


def _parquet_files(path: Path) -> list[str]:
    files = [path] if path.is_file() else sorted(path.rglob("*.parquet"))
    if not files:
        raise QueryError(f"{path}: no Parquet files in this folder")
    import pyarrow.parquet as pq

    for file in files:
        try:
            metadata = pq.read_schema(file).metadata
        except (pa.ArrowInvalid, OSError) as e:
            raise QueryError(f"{file}: not a Parquet file ({e})") from None
        try:
            check_version(str(file), metadata)
        except DiplomevError as e:
            raise QueryError(str(e)) from None
    return [str(file) for file in files]


def query(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], sql: str) -> pa.Table:
    """Run ``sql`` with DuckDB over the events of ``paths``, seen as the table ``events``.

    Each path is a Parquet dataset written by `write_parquet` (a folder; its Hive
    partition columns are columns too), a Parquet file, or a JSON Lines file (``.jsonl``,
    ``.ndjson``, gzipped or not), whose events are validated and put in the same columns
    through `read_jsonl_table`. Returns the result as an Arrow table. Bad SQL, a missing file or
    an invalid record raise `QueryError` with DuckDB's or the reader's message.

    >>> import tempfile, pathlib
    >>> from diplomev.io import write_jsonl
    >>> from diplomev import loads
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_jsonl([loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...                        ' "visitor": {"type": "country", "code": "KOR"}}')],
    ...                 folder / "events.jsonl")
    >>> query(folder / "events.jsonl",
    ...       "SELECT visit.host AS host, year, count(*) AS n FROM events GROUP BY ALL").to_pylist()
    [{'host': 'CHN', 'year': 2019, 'n': 1}]
    """
    try:
        import duckdb
    except ImportError as e:  # pragma: no cover - the extra is installed in the tests
        raise ImportError(
            "diplomev.arrow.query needs DuckDB: pip install 'diplomev[duckdb]'"
        ) from e
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    if not paths:
        raise QueryError("no files to query")
    parquet: list[str] = []
    tables: list[pa.Table] = []
    for each in paths:
        path = Path(each)
        if not path.exists():
            raise QueryError(f"{path}: no such file or directory")
        if path.name.endswith(_JSON_LINES):
            # Validated by columns, as to_table(read_jsonl(path)) would give the table; the
            # first bad line is the error read_jsonl would raise.
            read = read_jsonl_table(path)
            if read.bad:
                raise QueryError(str(read.bad[0]))
            tables.append(read.good)
        else:
            parquet.extend(_parquet_files(path))
    connection = duckdb.connect()
    try:
        parts = []
        if parquet:
            listed = ", ".join("'" + name.replace("'", "''") + "'" for name in parquet)
            parts.append(
                f"SELECT * FROM read_parquet([{listed}], hive_partitioning = true, "
                "union_by_name = true)"
            )
        if tables:
            jsonl = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
            connection.register("_diplomev_jsonl", jsonl)
            parts.append("SELECT * FROM _diplomev_jsonl")
        connection.execute("CREATE VIEW events AS " + " UNION ALL BY NAME ".join(parts))
        try:
            relation: Any = connection.sql(sql)
            if relation is None:  # a statement with no result (CREATE, SET)
                return pa.table({})
            # DuckDB 2 names it to_arrow_table; DuckDB 1, arrow.
            fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
            result: pa.Table = fetch()
        except duckdb.Error as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise QueryError(f"the query failed: {first}") from None
        return result
    finally:
        connection.close()
