"""Stream generated records through write_jsonl and read_jsonl: records per second, peak RSS.

    .venv/bin/python benchmarks/bench_io.py            # 100k and 1M records
    .venv/bin/python benchmarks/bench_io.py 20000      # other sizes

Each size runs in its own process, so each peak RSS is that size's alone: a streaming
reader and writer should show the same peak for 100k records as for 1M.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import generate

import diplomev
from diplomev.io import read_jsonl, write_jsonl


def peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.jsonl"
        start = time.perf_counter()
        written = write_jsonl(generate.events(count), path)
        write_seconds = time.perf_counter() - start
        rss_after_write = peak_rss_mib()
        start = time.perf_counter()
        read = sum(1 for _ in read_jsonl(path))
        read_seconds = time.perf_counter() - start
        assert written == read == count
        return {
            "records": count,
            "bytes": path.stat().st_size,
            "generate_and_write_per_s": count / write_seconds,
            "read_per_s": count / read_seconds,
            "peak_rss_after_write_mib": rss_after_write,
            "peak_rss_mib": peak_rss_mib(),
        }


def main(sizes: list[int]) -> None:
    print(
        f"diplomev {diplomev.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores"
    )
    print(f"{'records':>10} {'MB':>8} {'gen+write/s':>12} {'read/s':>10} {'peak RSS MiB':>13}")
    for size in sizes:
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(result.stdout)
        print(
            f"{row['records']:>10,} {row['bytes'] / 1e6:>8.0f} {row['generate_and_write_per_s']:>12,.0f} "
            f"{row['read_per_s']:>10,.0f} {row['peak_rss_mib']:>13.1f}"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]))))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000])
