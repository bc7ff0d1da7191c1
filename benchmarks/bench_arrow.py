"""Records to Arrow and Parquet and back, side by side with JSON Lines and plain pyarrow.

A plain script: ``.venv/bin/python benchmarks/bench_arrow.py [--n 1000000] [--cases ...]``.

Each case runs in a fresh interpreter that reports its wall time, its CPU time (every
thread's, ``time.process_time``) and its peak resident memory (``VmHWM``), so one case's
garbage does not count against the next; the table gives records per second, CPU µs per
record (on a shared machine, the figure load inflates least, by up to a third on two busy
cores; a writer's second thread counts in it), the peak in MiB, the load average as the
case started, and the ratios (of records per second) of each diplomev.arrow path to its
baseline on the same records:

- ``write_jsonl``: records -> JSON Lines (`diplomev.io.write_jsonl`), the baseline of
  ``write_parquet`` (records -> a Parquet dataset partitioned by year and type) and
  ``write_parquet_flat`` (one folder of files);
- ``from_pylist``: `diplomev.to_dict` of every record, then ``pa.Table.from_pylist`` of
  those dicts (the plain way), the baseline of ``to_table`` (records -> one Arrow table);
- ``read_jsonl``: JSON Lines -> records, the baseline of ``read_parquet`` (the dataset ->
  validated records) and ``read_parquet_flat`` (the unpartitioned one);
- ``pydantic``: pydantic's ``TypeAdapter(EventUnion).validate_json`` of each line of the
  JSON Lines file (``benchmarks/peers/pydantic_models.py``: the same schema and checks,
  the lines read into memory first), the baseline of ``validate_table``: the one-folder
  dataset read into one Arrow table first (untimed, as pyarrow gives it), then validated
  by columns (`diplomev.arrow.validate_table`; "rechecked" counts the rows it sent to the
  record path);
- ``jsonl_to_table``: JSON Lines -> records -> one Arrow table (`read_jsonl`, then
  `to_table`), the baseline of ``read_jsonl_table`` (JSON Lines -> a validated table through
  pyarrow's JSON reader);
- ``duckdb``: visits by host and year over the dataset, in SQL (rows/s is the dataset's
  rows over the query's time), with the files the query read;
- with ``--duckdb-rows N`` (``--cases ""`` for it alone), the same query over a dataset of
  N rows (10,000,000 for the issue's figure), written first by ``write_parquet`` from the
  cycled pool, streamed so that memory stays bounded, and deleted after: the query's time
  (a first and a second run), the files it read of all, the dataset's size on disk.

Inputs: the writers write a pool of 2,000 events from ``benchmarks/generate.py``, cycled,
so the time is the writer's (``generate`` is the cost of the cycling alone); the readers read what the writers wrote.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent

CASES = [
    "generate",
    "write_jsonl",
    "write_parquet",
    "write_parquet_flat",
    "from_pylist",
    "to_table",
    "read_jsonl",
    "read_parquet",
    "read_parquet_flat",
    "pydantic",
    "validate_table",
    "jsonl_to_table",
    "read_jsonl_table",
    "duckdb",
]
#: The cases of --duckdb-rows: a large partitioned dataset, written then queried.
BIG_CASES = ["write_parquet_big", "duckdb_big"]
#: Each diplomev.arrow case and the baseline it is compared with.
BASELINES = {
    "write_parquet": "write_jsonl",
    "write_parquet_flat": "write_jsonl",
    "to_table": "from_pylist",
    "read_parquet": "read_jsonl",
    "read_parquet_flat": "read_jsonl",
    "validate_table": "pydantic",
    "read_jsonl_table": "jsonl_to_table",
}
VISITS_BY_HOST_AND_YEAR = (
    "SELECT visit.host AS host, year, count(*) AS n FROM events WHERE type = 'visit' GROUP BY ALL"
)


def _events(size: int) -> Iterator[object]:
    import generate

    pool = list(generate.events(2000, seed=1))
    yield from itertools.islice(itertools.cycle(pool), size)


def _peak_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def run_case(case: str, size: int, folder: Path) -> dict[str, float]:
    import pyarrow as pa

    import diplomev
    from diplomev import arrow
    from diplomev.io import read_jsonl, write_jsonl

    jsonl, dataset, flat = folder / "events.jsonl", folder / "events", folder / "flat"
    started, cpu = time.perf_counter(), time.process_time()
    extra: dict[str, float] = {}
    if case == "generate":
        records = sum(1 for _ in _events(size))
    elif case == "write_jsonl":
        records = write_jsonl(_events(size), jsonl)  # type: ignore[arg-type]
    elif case == "write_parquet":
        records = arrow.write_parquet(_events(size), dataset)  # type: ignore[arg-type]
    elif case == "write_parquet_flat":
        records = arrow.write_parquet(_events(size), flat, partition_by=())  # type: ignore[arg-type]
    elif case == "from_pylist":
        # The same dicts for each kind: one inferred schema cannot hold them all (a dispute's
        # parties and an agreement's are different structs).
        started, cpu = time.perf_counter(), time.process_time()
        by_kind: dict[str, list[dict[str, object]]] = {}
        for event in _events(size):
            data = diplomev.to_dict(event)  # type: ignore[arg-type]
            by_kind.setdefault(str(data["type"]), []).append(data)
        tables = [pa.Table.from_pylist(rows) for rows in by_kind.values()]
        records = sum(table.num_rows for table in tables)
    elif case == "to_table":
        records = arrow.to_table(_events(size)).num_rows  # type: ignore[arg-type]
    elif case == "read_jsonl":
        with read_jsonl(jsonl) as reader:
            records = sum(1 for _ in reader)
    elif case == "read_parquet":
        with arrow.read_parquet(dataset) as reader:
            records = sum(1 for _ in reader)
        extra["files"] = reader.files
    elif case == "read_parquet_flat":
        with arrow.read_parquet(flat) as reader:
            records = sum(1 for _ in reader)
        extra["files"] = reader.files
    elif case == "pydantic":
        from peers import pydantic_models

        lines = jsonl.read_bytes().splitlines()
        validate = pydantic_models.EVENTS.validate_json
        started, cpu = time.perf_counter(), time.process_time()
        for line in lines:
            validate(line)
        records = len(lines)
    elif case == "validate_table":
        import pyarrow.parquet as pq

        table = pq.read_table(flat)
        started, cpu = time.perf_counter(), time.process_time()
        result = arrow.validate_table(table)
        records = result.rows
        extra["rechecked"] = result.rechecked
        extra["bad"] = len(result.bad)
    elif case == "jsonl_to_table":
        with read_jsonl(jsonl) as reader:
            records = arrow.to_table(reader).num_rows
    elif case == "read_jsonl_table":
        result = arrow.read_jsonl_table(jsonl)
        records = result.good.num_rows
        extra["rechecked"] = result.rechecked
        extra["bad"] = len(result.bad)
    elif case == "write_parquet_big":
        records = arrow.write_parquet(_events(size), folder / "big")  # type: ignore[arg-type]
    elif case in ("duckdb", "duckdb_big"):
        import duckdb

        if case == "duckdb_big":
            dataset = folder / "big"
        connection = duckdb.connect()
        started, cpu = time.perf_counter(), time.process_time()
        relation = connection.sql(
            VISITS_BY_HOST_AND_YEAR.replace(
                "FROM events",
                f"FROM read_parquet('{dataset}/**/*.parquet', hive_partitioning = true)",
            )
        )
        groups = relation.fetchall()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        records = size
        extra["groups"] = len(groups)
        plan = connection.sql(
            "EXPLAIN ANALYZE "
            + VISITS_BY_HOST_AND_YEAR.replace(
                "FROM events",
                f"FROM read_parquet('{dataset}/**/*.parquet', hive_partitioning = true)",
            )
        ).fetchall()
        text = "\n".join(str(part) for row in plan for part in row)
        extra["files"] = _files_read(text, dataset)
        extra["total_files"] = float(sum(1 for _ in dataset.rglob("*.parquet")))
        extra["bytes"] = float(sum(p.stat().st_size for p in dataset.rglob("*.parquet")))
        return {
            "records": records,
            "seconds": seconds,
            "cpu": cpu,
            "peak_kib": _peak_kib(),
            **extra,
        }
    else:
        raise ValueError(case)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"records": records, "seconds": seconds, "cpu": cpu, "peak_kib": _peak_kib(), **extra}


def _files_read(plan: str, dataset: Path) -> float:
    """The files DuckDB's plan says it read, or the dataset's files if it does not say."""
    for line in plan.splitlines():
        if "Total Files Read" in line:
            digits = "".join(ch for ch in line.split(":")[-1] if ch.isdigit())
            if digits:
                return float(digits)
    return float(sum(1 for _ in dataset.rglob("*.parquet")))


def child(case: str, size: int, folder: Path) -> None:
    sys.path.insert(0, str(HERE))
    import duckdb  # noqa: F401  (imports first: the time is the work's)
    import generate  # noqa: F401
    import pyarrow  # noqa: F401

    import diplomev.arrow
    import diplomev.io  # noqa: F401

    print(json.dumps(run_case(case, size, folder)))


def measure(case: str, size: int, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", case, str(size), str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        print(done.stderr[-2000:], file=sys.stderr)
        return {"error": 1.0}
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="records (default 1,000,000)")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated, in order")
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    parser.add_argument(
        "--duckdb-rows",
        type=int,
        metavar="N",
        help="also write a dataset of N rows (streamed, memory bounded) and time the "
        "DuckDB query over it; the dataset is deleted after (e.g. 10000000)",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        case, size, folder = args.child
        child(case, int(size), Path(folder))
        return
    cases = [case for case in args.cases.split(",") if case]
    unknown = [case for case in cases if case not in CASES + BIG_CASES]
    if unknown:
        parser.error(f"unknown cases {unknown}; known: {', '.join(CASES)}")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(dir=args.keep) as scratch:
        folder = Path(args.keep or scratch)
        print(f"{args.n:,} records")
        print(f"{'case':<20}{'records':>11}{'rec/s':>11}{'CPU µs':>8}{'peak MiB':>10}  vs baseline")
        for case in cases:
            load = os.getloadavg()[0]  # the machine's, as the case starts: read rates by it
            result = results[case] = measure(case, args.n, folder)
            if result.get("error"):
                print(f"{case:<20}{'failed':>11}", flush=True)
                continue
            rate = result["records"] / result["seconds"]
            note = ""
            base = results.get(BASELINES.get(case, ""))
            if base and not base.get("error"):
                ratio = rate / (base["records"] / base["seconds"])
                note = f"  {ratio:.2f}x {BASELINES[case]}"
            if "rechecked" in result:
                note += f"  ({result['rechecked']:.0f} rechecked, {result['bad']:.0f} bad)"
            if "files" in result:
                note += f"  ({result['files']:.0f} files read)"
            if case == "duckdb":
                note += f"  query {result['seconds']:.3f} s"
            peak = result["peak_kib"] / 1024
            cpu_us = result["cpu"] / result["records"] * 1e6
            print(
                f"{case:<20}{result['records']:>11,.0f}{rate:>11,.0f}{cpu_us:>8.2f}{peak:>10,.0f}"
                f"{note}  (load {load:.1f})",
                flush=True,
            )
        if args.duckdb_rows:
            _big(args.duckdb_rows, folder)


def _big(size: int, folder: Path) -> None:
    """Write a dataset of ``size`` rows, time the query over it, and delete it."""
    import shutil

    try:
        written = measure("write_parquet_big", size, folder)
        if written.get("error"):
            print(f"{'write_parquet_big':<20}{'failed':>11}", flush=True)
            return
        rate = written["records"] / written["seconds"]
        peak = written["peak_kib"] / 1024
        print(
            f"{'write_parquet_big':<20}{written['records']:>11,.0f}{rate:>11,.0f}{peak:>10,.0f}"
            f"  ({written['seconds']:.0f} s)",
            flush=True,
        )
        for attempt in ("cold", "warm"):
            # The first query reads the files from disk (or the page cache, if they are still
            # in it from the writing); the second from the page cache.
            result = measure("duckdb_big", size, folder)
            if result.get("error"):
                print(f"{'duckdb_big':<20}{'failed':>11}", flush=True)
                return
            print(
                f"{'duckdb_big ' + attempt:<20}{result['records']:>11,.0f}"
                f"{result['records'] / result['seconds']:>11,.0f}"
                f"{result['peak_kib'] / 1024:>10,.0f}  query {result['seconds']:.3f} s, "
                f"{result['files']:.0f} of {result['total_files']:.0f} files read, "
                f"dataset {result['bytes'] / 2**20:,.0f} MiB on disk",
                flush=True,
            )
    finally:
        shutil.rmtree(folder / "big", ignore_errors=True)


if __name__ == "__main__":
    main()
