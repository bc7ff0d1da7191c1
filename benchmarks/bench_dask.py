"""JSON Lines shards to a validated Parquet dataset with Dask: one worker process against two.

A plain script: ``.venv/bin/python benchmarks/bench_dask.py [--n 400000] [--shards 8]``.

Writes ``--n`` generated events (a pool of 2,000 from ``benchmarks/generate.py``, cycled)
as ``--shards`` JSON Lines files, then converts them with `diplomev.arrow.convert_jsonl`,
in this one run: in this process without Dask (the baseline), then on a
``dask.distributed.LocalCluster`` of one worker process, then of two (one thread each,
``processes=True``). Each cluster's workers are warmed first (diplomev imported, one small
shard converted), so the times are the conversion's, not the start-up's. Prints records/s
for each, the cores it got (its processes' CPU seconds over the wall time: on a shared
machine, fewer than it asked for), and the speed-up of two workers over one.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _write_shards(folder: Path, size: int, shards: int) -> list[Path]:
    import generate

    from diplomev.io import write_jsonl

    pool = list(generate.events(2000, seed=1))
    events = itertools.islice(itertools.cycle(pool), size)
    per_shard = -(-size // shards)
    paths = []
    for index in range(shards):
        path = folder / f"shard-{index:03d}.jsonl"
        write_jsonl(itertools.islice(events, per_shard), path)
        paths.append(path)
    return paths


def _warm(client: object, sample: Path, folder: Path) -> None:
    from diplomev.arrow import convert_jsonl

    workers = len(client.scheduler_info()["workers"])  # type: ignore[attr-defined]
    convert_jsonl([sample] * workers * 2, folder / "warm", client=client)  # type: ignore[arg-type]
    shutil.rmtree(folder / "warm")


def _cpu_seconds() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _run(
    paths: list[Path], target: Path, workers: int | None, sample: Path
) -> tuple[float, int, float]:
    """Return the seconds, the records and the CPU seconds the conversion took."""
    from diplomev.arrow import convert_jsonl

    if workers is None:
        convert_jsonl([sample], target.parent / "warm")  # the same warm-up as the workers get
        shutil.rmtree(target.parent / "warm")
        cpu = _cpu_seconds()
        started = time.perf_counter()
        done = convert_jsonl(paths, target)
        return time.perf_counter() - started, done.rows, _cpu_seconds() - cpu
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        _warm(client, sample, target.parent)
        before = client.run(_cpu_seconds)
        started = time.perf_counter()
        done = convert_jsonl(paths, target, client=client)  # type: ignore[arg-type]
        seconds = time.perf_counter() - started
        after = client.run(_cpu_seconds)
    assert done.good + done.bad == done.rows
    return seconds, done.rows, sum(after[w] - before[w] for w in after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400_000, help="records (default 400,000)")
    parser.add_argument("--shards", type=int, default=8, help="JSON Lines files (default 8)")
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    parser.add_argument(
        "--runs",
        default="0,1,2",
        help="the runs in order, by workers (0: no Dask); on a shared machine interleave "
        "repeats, e.g. 1,2,1,2 (default 0,1,2)",
    )
    args = parser.parse_args()
    import logging

    logging.getLogger("distributed").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(dir=args.keep) as scratch:
        folder = Path(args.keep or scratch)
        started = time.perf_counter()
        paths = _write_shards(folder, args.n, args.shards)
        size = sum(path.stat().st_size for path in paths)
        sample = folder / "sample.jsonl"
        with open(paths[0], "rb") as source, open(sample, "wb") as out:
            out.writelines(itertools.islice(source, 2000))
        print(
            f"{args.n:,} records in {args.shards} shards ({size / 2**20:,.0f} MiB), "
            f"written in {time.perf_counter() - started:.1f} s; {os.cpu_count()} cores"
        )
        # CPU seconds over wall seconds: how many cores the run got (the workers' own CPU
        # time; the machine may be shared).
        print(f"{'run':<28}{'seconds':>9}{'records/s':>12}{'cores used':>12}")
        rates: dict[int | None, list[float]] = {}
        for count in (int(each) for each in args.runs.split(",")):
            workers = count or None
            label = (
                "no Dask, this process"
                if workers is None
                else f"LocalCluster, {workers} worker{'s' if workers > 1 else ''}"
            )
            target = folder / f"dataset-{workers}"
            seconds, rows, cpu = _run(paths, target, workers, sample)
            rates.setdefault(workers, []).append(rows / seconds)
            print(
                f"{label:<28}{seconds:>9.2f}{rows / seconds:>12,.0f}{cpu / seconds:>12.2f}",
                flush=True,
            )
            files = sum(1 for _ in target.rglob("*.parquet"))
            shutil.rmtree(target)
        if 1 in rates and 2 in rates:
            # Each run's rate against the mean of one worker's: shows the spread too.
            one = sum(rates[1]) / len(rates[1])
            ratios = ", ".join(f"{rate / one:.2f}x" for rate in rates[2])
            print(f"speed-up of 2 workers over 1: {ratios} ({files} files per dataset)")
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
