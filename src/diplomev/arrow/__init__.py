"""Arrow tables and Parquet datasets of events, for DuckDB, Polars, pandas, Dask and Spark.

Needs pyarrow (``pip install 'diplomev[arrow]'``; `query` also needs DuckDB,
``diplomev[duckdb]``). Every kind shares one wide schema (`arrow_schema`, derived from
the records' plans): a ``type`` column, the columns of every event, and one nullable
struct column per kind; see ``docs/at-scale.md``.

>>> from diplomev import loads
>>> event = loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
...               ' "visitor": {"type": "country", "code": "KOR"}}')
>>> table = to_table([event])
>>> table.column("type").to_pylist(), table.num_rows
(['visit'], 1)
>>> list(from_table(table)) == [event]
True
"""

from __future__ import annotations

try:
    import pyarrow  # noqa: F401
except ImportError as e:
    raise ImportError(
        "diplomev.arrow needs pyarrow: install it with pip install 'diplomev[arrow]'"
    ) from e

from diplomev.arrow._jsonl import read_jsonl_table
from diplomev.arrow._parquet import DatasetReader, read_parquet, write_parquet
from diplomev.arrow._query import QueryError, query
from diplomev.arrow._reading import Tabular, from_table
from diplomev.arrow._rows import DEFAULT_BATCH_ROWS, record_batches, to_table
from diplomev.arrow._schema import (
    ARROW_VERSION,
    ARROW_VERSION_KEY,
    FORMAT_VERSION_KEY,
    arrow_schema,
)
from diplomev.arrow._shards import Conversion, ShardConversion, convert_jsonl, write_table
from diplomev.arrow._validate import TableValidation, validate_table

__all__ = [
    "ARROW_VERSION",
    "ARROW_VERSION_KEY",
    "DEFAULT_BATCH_ROWS",
    "FORMAT_VERSION_KEY",
    "Conversion",
    "DatasetReader",
    "QueryError",
    "ShardConversion",
    "TableValidation",
    "Tabular",
    "arrow_schema",
    "convert_jsonl",
    "from_table",
    "query",
    "read_jsonl_table",
    "read_parquet",
    "record_batches",
    "to_table",
    "validate_table",
    "write_parquet",
    "write_table",
]
