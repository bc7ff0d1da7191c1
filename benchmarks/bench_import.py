"""Time ``import diplomev`` against ``import attrs, cattrs``, its own dependencies.

A plain script: ``.venv/bin/python benchmarks/bench_import.py [--runs N] [--src DIR]``.

Each import runs in a fresh interpreter under ``python -X importtime``; the time counted is
the cumulative time of the top-level modules the statement imported (the sum of the
``cumulative`` column over its top-level lines), so interpreter start-up is left
out and both sides are measured the same way. The best of ``--runs`` (default 5) is kept
for each side; the ratio says how many times the attrs and cattrs import diplomev costs.
Since diplomev imports attrs and cattrs itself, the ratio is at least 1.

``--src`` times the diplomev of another source tree (put first on ``PYTHONPATH``), to
compare two versions: ``git archive OLD src | tar -x -C /tmp/old`` then ``--src
/tmp/old/src``. On a busy machine, take more runs: the best one is the one least disturbed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

STATEMENTS = {
    "diplomev": "import diplomev",
    "attrs+cattrs": "import attrs, cattrs",
}


def import_time_us(statement: str, src: str | None = None) -> int:
    """Return the microseconds the statement's imports took, from ``-X importtime``."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    # Before the statement runs, the interpreter has imported its start-up modules (site,
    # encodings...); those lines come first. The statement's own imports are the rest.
    lines = [line for line in run.stderr.splitlines() if line.startswith("import time:")]
    total = 0
    seen_site = False
    for line in lines:
        _, cumulative_us, name = line.split("|", 2)
        if not seen_site:
            seen_site = name.strip() == "site"
            continue
        # Top level: exactly one space between the bar and the module's name.
        if name.startswith(" ") and not name.startswith("  "):
            total += int(cumulative_us.strip())
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per statement (best kept)")
    parser.add_argument("--src", help="a source tree whose diplomev to time instead")
    args = parser.parse_args()
    best: dict[str, int] = {}
    for _ in range(args.runs):
        for label, statement in STATEMENTS.items():  # interleaved: noise hits both alike
            elapsed = import_time_us(statement, args.src if label == "diplomev" else None)
            best[label] = min(best.get(label, elapsed), elapsed)
    for label, statement in STATEMENTS.items():
        print(f"{label:>14}: {best[label] / 1000:7.1f} ms  ({statement!r}, best of {args.runs})")
    ratio = best["diplomev"] / best["attrs+cattrs"]
    print(f"{'ratio':>14}: {ratio:7.2f}x  (diplomev / attrs+cattrs)")


if __name__ == "__main__":
    main()
