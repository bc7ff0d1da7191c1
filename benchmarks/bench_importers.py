"""Time and peak memory of the importers (ICEWS, GDELT, PLOVER) at 10k, 100k and 1M rows.

A plain script: ``.venv/bin/python benchmarks/bench_importers.py [--sizes 10000 100000]
[--formats icews gdelt plover] [--gzip] [--src DIR]``.

The input files are made from the real samples in ``tests/data/interop`` (the ICEWS 2018
sample, the GDELT 2.0 export, the PLOVER gold-standard records), repeated and varied so
that rows do not all fall on one day: copy *k* of the sample is shifted *k* days later and
its ids and story numbers are made unique, so a million ICEWS rows span about a year, as
a year of ICEWS does. PLOVER records are written as JSON Lines, one record per line.

Each importer runs in a fresh interpreter per size (``errors="collect"``, every record
read and dropped); the child reports its own wall time and its peak resident set size
(``VmHWM`` in ``/proc/self/status``, or ``ru_maxrss`` elsewhere), so one run's memory
does not hide the next. The growth can be read off the table: linear time, flat memory.

`measure` is the function a caller (``bench_scale.py``) can use for one format and size::

    >>> result = measure("plover", 1000)            # doctest: +SKIP
    >>> sorted(result)                              # doctest: +SKIP
    ['bad', 'format', 'mib', 'records', 'rows', 'rows_per_s', 'seconds']
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "interop"
READERS = {"icews": "read_icews", "gdelt": "read_gdelt", "plover": "read_plover"}


def _shift(day: str, days: int, fmt: str) -> str:
    parsed = datetime.datetime.strptime(day, fmt).date() + datetime.timedelta(days=days)
    return parsed.strftime(fmt)


def make_icews(rows: int, out: Path) -> None:
    """Write ``rows`` ICEWS rows made from the 2018 sample, each copy a day later."""
    header, *lines = (DATA / "icews__events.2018.sample.tab").read_text("utf-8").splitlines()
    columns = header.split("\t")
    date, event, story = (columns.index(c) for c in ("Event Date", "Event ID", "Story ID"))
    with _open(out) as stream:
        stream.write(header + "\n")
        written, copy = 0, 0
        while written < rows:
            for line in lines[: rows - written]:
                cells = line.split("\t")
                cells[date] = _shift(cells[date], copy, "%Y-%m-%d")
                cells[event] = str(int(cells[event]) + copy * 10_000_000)
                if cells[story] != "NA":
                    cells[story] = str(int(cells[story]) + copy * 100_000_000)
                stream.write("\t".join(cells) + "\n")
            written += min(len(lines), rows - written)
            copy += 1


def make_gdelt(rows: int, out: Path) -> None:
    """Write ``rows`` GDELT 2.0 rows made from the sample export, each copy a day later."""
    lines = (DATA / "gdelt2__20161013151500.export.CSV").read_text("utf-8").splitlines()
    with _open(out) as stream:
        written, copy = 0, 0
        while written < rows:
            for line in lines[: rows - written]:
                cells = line.split("\t")
                cells[0] = str(int(cells[0]) + copy * 1_000_000_000)
                cells[1] = _shift(cells[1], copy, "%Y%m%d")
                cells[60] = f"{cells[60]}?copy={copy}"
                stream.write("\t".join(cells) + "\n")
            written += min(len(lines), rows - written)
            copy += 1


def make_plover(records: int, out: Path) -> None:
    """Write ``records`` PLOVER records as JSON Lines, from the gold-standard records."""
    sample = json.loads((DATA / "plover__PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
    with _open(out) as stream:
        for number in range(records):
            record = dict(sample[number % len(sample)])
            record["id"] = f"{record.get('id', 'plover')}-{number}"
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _open(path: Path) -> Any:
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=1)
    return path.open("w", encoding="utf-8")


MAKERS = {"icews": make_icews, "gdelt": make_gdelt, "plover": make_plover}

_CHILD = """
import json, resource, sys, time
from diplomev import interop
path, reader_name = sys.argv[1], sys.argv[2]
started = time.perf_counter()
with getattr(interop, reader_name)(path, errors="collect") as reader:
    records = sum(1 for _ in reader)
seconds = time.perf_counter() - started
peak = None
try:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
report = reader.report
print(json.dumps({"records": records, "rows": report.rows, "bad": report.bad,
                  "complete": report.is_complete(), "seconds": seconds, "mib": peak}))
"""


def run_child(path: Path, fmt: str, src: str | None = None) -> dict[str, Any]:
    """Read ``path`` with the importer of ``fmt`` in a fresh interpreter; return its figures."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), READERS[fmt]],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(fmt: str, rows: int, *, zipped: bool = False, src: str | None = None) -> dict[str, Any]:
    """Make an input of ``rows`` rows for ``fmt``, read it in a child; return the figures."""
    suffix = {"icews": ".tab", "gdelt": ".CSV", "plover": ".jsonl"}[fmt] + (".gz" if zipped else "")
    with tempfile.TemporaryDirectory(prefix="diplomev-bench-") as folder:
        path = Path(folder) / f"input{suffix}"
        MAKERS[fmt](rows, path)
        result = run_child(path, fmt, src)
    result["format"] = fmt + (".gz" if zipped else "")
    result["rows_per_s"] = result["rows"] / result["seconds"] if result["seconds"] else 0.0
    return result


def main(argv: list[str] | None = None) -> int:
    """Print the table of time and peak memory per importer and size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--formats", nargs="+", choices=sorted(READERS), default=sorted(READERS))
    parser.add_argument("--gzip", action="store_true", help="gzip the inputs")
    parser.add_argument("--src", help="time the diplomev of another source tree")
    args = parser.parse_args(argv)
    print(f"{'format':<10} {'rows':>10} {'records':>9} {'bad':>6} {'seconds':>9} "
          f"{'rows/s':>9} {'peak MiB':>9}")  # fmt: skip
    for fmt in args.formats:
        for size in args.sizes:
            r = measure(fmt, size, zipped=args.gzip, src=args.src)
            print(f"{r['format']:<10} {r['rows']:>10,} {r['records']:>9,} {r['bad']:>6,} "
                  f"{r['seconds']:>9.1f} {r['rows_per_s']:>9,.0f} {r['mib']:>9.0f}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
