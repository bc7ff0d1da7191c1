"""`diplomev.loads` with and without the msgspec accelerator, against pydantic, in one process.

    .venv/bin/python benchmarks/bench_accel.py [--records 5000] [--rounds 15]

The records of `benchmarks/generate.py` (default seed), serialized once by `diplomev.dumps`;
each round runs every variant once over all of them, in a rotating order, so that load on
a shared machine hits all alike. For each variant: the best round's wall-clock and CPU time
(`time.process_time`) per record, and their ratios to pydantic's `validate_json` (the models
of `benchmarks/peers/pydantic_models.py`). The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate
from peers.pydantic_models import EVENTS

import diplomev
from diplomev.codec import _accel
from diplomev.io import read_jsonl


def pure(loop: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        _accel.ENABLED = False
        try:
            return loop()
        finally:
            _accel.ENABLED = True

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    lines = [diplomev.dumps(event).encode() for event in generate.events(args.records)]
    file = b"\n".join(lines) + b"\n"

    def loads() -> None:
        for line in lines:
            diplomev.loads(line)

    def pydantic() -> None:
        for line in lines:
            EVENTS.validate_json(line)

    def jsonl() -> None:
        for _ in read_jsonl(io.BytesIO(file)):
            pass

    variants = {
        "pydantic validate_json": pydantic,
        "diplomev.loads (msgspec accelerator)": loads,
        "diplomev.loads (pure path)": pure(loads),
        "read_jsonl (msgspec accelerator)": jsonl,
        "read_jsonl (pure path)": pure(jsonl),
    }
    print(f"load average before: {os.getloadavg()}")
    for run in variants.values():  # warm up: hooks generated, tables and memos filled
        run()
    wall = dict.fromkeys(variants, float("inf"))
    cpu = dict.fromkeys(variants, float("inf"))
    names = list(variants)
    for round_ in range(args.rounds):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            gc.collect()
            w, c = time.perf_counter(), time.process_time()
            variants[name]()
            wall[name] = min(wall[name], (time.perf_counter() - w) / len(lines) * 1e6)
            cpu[name] = min(cpu[name], (time.process_time() - c) / len(lines) * 1e6)
    print(f"load average after: {os.getloadavg()}")
    base = names[0]
    print(f"{'variant':<40} {'wall µs':>8} {'x pyd':>6} {'CPU µs':>8} {'x pyd':>6}")
    for name in names:
        print(
            f"{name:<40} {wall[name]:8.2f} {wall[name] / wall[base]:5.2f}x"
            f" {cpu[name]:8.2f} {cpu[name] / cpu[base]:5.2f}x"
        )


if __name__ == "__main__":
    main()
