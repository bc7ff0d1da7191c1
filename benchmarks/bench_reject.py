"""What it costs to reject a record with one bad value, against reading the same record valid.

    .venv/bin/python benchmarks/bench_reject.py [--rounds 7] [--loops 2000]

The record is the golden summit with a source of four quotes, each with a speaker; the bad
value is put at each depth in turn: the summit's own ``host`` (depth 1), a source's title
(2), a quote's start (3) and a speaker's country (4). Each is timed through
`diplomev.from_dict` (parse excluded), in interleaved rounds with the valid record, in one
process; the table gives the best round per call and the ratio to the valid record. The
issue's aim: at most 3x at depth 4.
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from pathlib import Path
from typing import Any

import diplomev

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "lee-beijing-visit.events.jsonl"


def valid_record() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8").splitlines()[1])
    speaker = {"type": "person", "name": "Xi Jinping", "office": "President", "country": "CHN"}
    quotes = [{"text": "ab", "start": 0, "end": 2, "speaker": dict(speaker)} for _ in range(4)]
    data["sources"] = [{"title": "Lee meets Xi", "quotes": quotes}, {"title": "Second report"}]
    return data


def with_bad_value(depth: int) -> dict[str, Any]:
    data = copy.deepcopy(valid_record())
    if depth == 1:
        data["host"] = "XXX"
    elif depth == 2:
        data["sources"][0]["title"] = 12345
    elif depth == 3:
        data["sources"][0]["quotes"][2]["start"] = "zero"
    else:
        data["sources"][0]["quotes"][2]["speaker"]["country"] = "China"
    return data


def per_call(data: dict[str, Any], loops: int) -> float:
    start = time.perf_counter()
    for _ in range(loops):
        try:  # noqa: SIM105 - contextlib.suppress would add its own cost to each call
            diplomev.from_dict(data)
        except diplomev.ValidationError:
            pass
    return (time.perf_counter() - start) / loops * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--loops", type=int, default=2000)
    args = parser.parse_args()
    cases = {
        "valid": valid_record(),
        **{f"bad at depth {d}": with_bad_value(d) for d in (1, 2, 3, 4)},
    }
    for data in cases.values():  # warm up: hooks built, tables loaded
        per_call(data, 50)
    best = dict.fromkeys(cases, float("inf"))
    for round_ in range(args.rounds):
        names = list(cases)
        names = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in names:
            best[name] = min(best[name], per_call(cases[name], args.loops))
    print(f"{'record':<20} {'µs/call':>9} {'x valid':>8}")
    for name, micros in best.items():
        print(f"{name:<20} {micros:9.2f} {micros / best['valid']:7.2f}x")


if __name__ == "__main__":
    main()
