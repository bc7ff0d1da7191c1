"""Time and peak memory of every reader, writer and importer at growing sizes.

A plain script: ``.venv/bin/python benchmarks/bench_scale.py [--sizes 10000,100000,1000000]
[--cases read_jsonl,write_csv,...]``.

Each case runs in a fresh interpreter, which reports its own wall time and its peak
resident memory (``VmHWM`` in ``/proc/self/status``), so one case's garbage does not count
against the next. The table gives, for each size, the records that came out, microseconds per record (or
row) that went in, and the peak in MiB: time that
grows linearly keeps µs/record flat, and memory that does not grow with the file keeps the
peak flat from one size to the next.

Inputs: events from ``benchmarks/generate.py`` (seeded, about 600-1,000 bytes of JSON
each), written by the writer cases and then read by the reader cases; the importers read
real sample rows from ``tests/data/interop`` repeated to the size (with ids made unique
and each repetition a day later).
The writers write a pool of 2,000 generated events over and over (the ``generate`` row is
the cost of the pool and the cycling alone), so that the time is the writer's.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "tests" / "data" / "interop"

# name -> (what it reads or writes, in the table)
CASES = [
    "generate",
    "write_jsonl",
    "write_jsonl.gz",
    "write_json",
    "write_json.gz",
    "write_csv",
    "write_csv.gz",
    "read_jsonl",
    "read_jsonl.gz",
    "read_json",
    "read_json.gz",
    "read_csv",
    "read_csv.gz",
    "write_plover",
    "write_icews",
    "read_plover",
    "read_plover_icews_json",
    "read_icews",
    "read_gdelt",
]


def _events(size: int) -> Iterator[object]:
    """``size`` events: a pool of generated ones, cycled, so that the writers' time is theirs."""
    sys.path.insert(0, str(HERE))
    from generate import events

    return itertools.islice(itertools.cycle(list(events(min(size, _POOL), seed=2026))), size)


_POOL = 2000


def _count(reader: Iterator[object]) -> int:
    with reader:  # type: ignore[attr-defined]
        return sum(1 for _ in reader)


def _repeat_rows(
    sample: Path, target: Path, size: int, header: bool, id_column: int, date_column: int
) -> None:
    """Write ``size`` rows of a tab file by repeating its rows, each with a unique id.

    Each repetition is dated a day later, as a file of many days is: the same rows on the
    same day would be the same events, and merge into the sample's records.
    """
    lines = sample.read_text(encoding="utf-8").splitlines()
    head, rows = (lines[:1], lines[1:]) if header else ([], lines)
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        for line in head:
            out.write(line + "\n")
        for index, line in enumerate(itertools.islice(itertools.cycle(rows), size)):
            cells = line.split("\t")
            cells[id_column] = str(900_000_000 + index)
            cells[date_column] = _later(cells[date_column], index // len(rows))
            out.write("\t".join(cells) + "\n")


def _later(text: str, days: int) -> str:
    """``text`` (YYYY-MM-DD or YYYYMMDD) ``days`` later, in the same spelling."""
    dashed = "-" in text
    day = datetime.date.fromisoformat(text if dashed else f"{text[:4]}-{text[4:6]}-{text[6:8]}")
    later = (day + datetime.timedelta(days=days)).isoformat()
    return later if dashed else later.replace("-", "")


def _repeat_json_records(sample: Path, target: Path, size: int) -> None:
    """Write ``size`` pretty-printed records by repeating the ICEWS-to-JSON sample's."""
    text = sample.read_text(encoding="utf-8")
    records = [json.loads(part) for part in _split_objects(text)]
    with open(target, "w", encoding="utf-8") as out:
        for index, record in enumerate(itertools.islice(itertools.cycle(records), size)):
            record = dict(record, id=f"bench-{index}")
            out.write(json.dumps(record, indent=2) + "\n")


def _split_objects(text: str) -> Iterator[str]:
    decoder = json.JSONDecoder()
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        _, end = decoder.raw_decode(text, position)
        yield text[position:end]
        position = end


def run_case(case: str, size: int, folder: Path) -> int:
    """Do one case in this process; return the number of records it handled."""
    from diplomev import io as dio

    writers: dict[str, Callable[..., object]] = {
        "jsonl": dio.write_jsonl,
        "json": dio.write_json,
        "csv": dio.write_csv,
    }
    readers: dict[str, Callable[..., Iterator[object]]] = {
        "jsonl": dio.read_jsonl,
        "json": dio.read_json,
        "csv": dio.read_csv,
    }
    kind, _, target = case.partition("_")
    if case == "generate":
        return sum(1 for _ in _events(size))
    if case in ("write_plover", "write_icews"):
        from diplomev import interop

        write = interop.write_plover if case == "write_plover" else interop.write_icews
        suffix = "plover.jsonl" if case == "write_plover" else "icews.tab"
        report = write(_events(size), folder / f"{size}.{suffix}")
        return int(report.records)
    if case == "read_plover":
        from diplomev import interop

        return _count(interop.read_plover(folder / f"{size}.plover.jsonl"))
    if case == "read_plover_icews_json":
        from diplomev import interop

        path = folder / f"{size}.icews.json"
        if not path.exists():
            _repeat_json_records(DATA / "icews-to-jsonl__sample_output.jsonl", path, size)
        return _count(interop.read_plover(path))
    if case == "read_icews":
        from diplomev import interop

        path = folder / f"{size}.events.tab"
        if not path.exists():
            _repeat_rows(DATA / "icews__events.2018.sample.tab", path, size, True, 0, 1)
        return _count(interop.read_icews(path))
    if case == "read_gdelt":
        from diplomev import interop

        path = folder / f"{size}.export.CSV"
        if not path.exists():
            _repeat_rows(DATA / "gdelt2__20161013151500.export.CSV", path, size, False, 0, 1)
        return _count(interop.read_gdelt(path))
    path = folder / f"{size}.events.{target}"
    if kind == "write":
        return int(writers[target.split(".")[0]](_events(size), path))  # type: ignore[call-overload]
    return _count(readers[target.split(".")[0]](path, errors="collect"))


def _peak_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def child(case: str, size: int, folder: Path) -> None:
    # Imports first, so that the time is the work's, not the interpreter's start.
    import diplomev.interop
    import diplomev.io

    sys.path.insert(0, str(HERE))
    import generate  # noqa: F401

    diplomev.interop.read_icews  # noqa: B018  (loads the lazy importers)
    diplomev.interop.read_gdelt  # noqa: B018
    diplomev.interop.read_plover  # noqa: B018
    started = time.perf_counter()
    records = run_case(case, size, folder)
    seconds = time.perf_counter() - started
    print(json.dumps({"records": records, "seconds": seconds, "peak_kib": _peak_kib()}))


def measure(case: str, size: int, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", case, str(size), str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        return {"error": 1.0, "records": 0, "seconds": 0, "peak_kib": 0}
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated, in order")
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        case, size, folder = args.child
        child(case, int(size), Path(folder))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    cases = args.cases.split(",")
    unknown = [case for case in cases if case not in CASES]
    if unknown:
        parser.error(f"unknown cases {unknown}; known: {', '.join(CASES)}")
    with tempfile.TemporaryDirectory(dir=args.keep) as scratch:
        folder = Path(args.keep or scratch)
        print(f"{'case':<24}" + "".join(f"{size:>12,} µs/rec  MiB" for size in sizes))
        for case in cases:
            cells = []
            for size in sizes:
                result = measure(case, size, folder)
                if result.get("error"):
                    cells.append(f"{'failed':>25}")
                    continue
                per = result["seconds"] / size * 1e6  # per record or row of input
                cells.append(
                    f"{result['records']:>10,.0f} {per:>8.1f} {result['peak_kib'] / 1024:>5.0f}"
                )
            print(f"{case:<24}" + "".join(f"{cell:>25}" for cell in cells), flush=True)


if __name__ == "__main__":
    main()
