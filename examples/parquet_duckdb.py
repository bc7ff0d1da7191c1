"""Convert the ICEWS sample to a Parquet dataset and ask DuckDB who hosted the visits.

    python examples/parquet_duckdb.py [ICEWS_FILE] [OUT_FOLDER]

Reads the ICEWS daily file (by default the sample of the test suite), keeps the events
diplomev can build from its rows, writes them as a Parquet dataset partitioned by year and
kind, then answers two questions in SQL over it: which countries hosted the most visits,
and which made the most statements.
Needs ``pip install 'diplomev[duckdb]'``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from diplomev.arrow import query, write_parquet
from diplomev.interop import read_icews

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "tests" / "data" / "interop" / "icews__events.2018.sample.tab"

VISITS_BY_HOST = """
    SELECT visit.host AS host, count(*) AS visits
    FROM events WHERE type = 'visit'
    GROUP BY host ORDER BY visits DESC, host LIMIT 5
"""
# unnest() turns each statement's speakers into rows; a filter on a partition column (type)
# lets DuckDB skip the other kinds' files.
SPEAKERS = """
    SELECT coalesce(speaker.code, speaker.country) AS country, count(*) AS statements
    FROM (SELECT unnest(statement.speakers) AS speaker FROM events WHERE type = 'statement')
    WHERE coalesce(speaker.code, speaker.country) IS NOT NULL
    GROUP BY country ORDER BY statements DESC, country LIMIT 5
"""


def main(source: Path, folder: Path) -> None:
    with read_icews(source, errors="collect") as reader:
        written = write_parquet(reader, folder)
    files = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.parquet"))
    print(f"wrote {written} events to {len(files)} files, e.g. {files[0]}")
    print("countries that hosted the most visits:")
    for row in query(folder, VISITS_BY_HOST).to_pylist():
        print(f"  {row['host']}  {row['visits']}")
    print("countries that made the most statements:")
    for row in query(folder, SPEAKERS).to_pylist():
        print(f"  {row['country']}  {row['statements']}")


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    if len(sys.argv) > 2:
        main(source, Path(sys.argv[2]))
    else:
        with tempfile.TemporaryDirectory() as scratch:
            main(source, Path(scratch) / "icews")
