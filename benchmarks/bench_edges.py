"""Time the edges of the core on hostile and ordinary input: JSON text, long names, long dates.

    .venv/bin/python benchmarks/bench_edges.py [--records N]     # default N = 20,000

Three groups, each timed best of five rounds:

1. ``parse_json`` and ``loads`` per record on N generated records (``generate.py``, seeded),
   against a bare ``orjson.loads`` (or ``json.loads`` with ``DIPLOMEV_NO_ORJSON=1``): the
   price of refusing duplicate keys and numbers a double cannot hold;
2. the name readers (``resolve_country``, ``country_candidates``, ``parse_actor``,
   ``lookup_office``) and ``parse_date`` on text of 100,000 and 300,000 characters, a run
   of combining marks (NFKD's worst case) and plain letters, with the peak of traced memory;
3. bare ``unicodedata.normalize("NFKD", ...)`` on the same runs: what an uncapped reader
   would pay.

To compare with an earlier commit, run the same script with that commit's ``src`` first on
``PYTHONPATH`` (``git archive <commit> src | tar -x -C /tmp/old``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

import generate

import diplomev
from diplomev import _jsontext
from diplomev.reading.actors import lookup_office, parse_actor
from diplomev.reading.countries import country_candidates, resolve_country
from diplomev.reading.dates import parse_date


def best(function: Callable[[], Any], rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def json_text(records: int) -> None:
    lines = [diplomev.dumps(event).encode() for event in generate.events(records, seed=1)]
    if _jsontext.using_orjson():
        import orjson

        bare: Callable[[bytes], Any] = orjson.loads
        name = "orjson.loads"
    else:
        bare, name = json.loads, "json.loads"
    rows = [
        (name, lambda: [bare(line) for line in lines]),
        ("parse_json", lambda: [_jsontext.parse_json(line) for line in lines]),
        ("diplomev.loads", lambda: [diplomev.loads(line) for line in lines]),
    ]
    print(f"JSON text, {records:,} records, orjson={_jsontext.using_orjson()}: us per record")
    for label, run in rows:
        print(f"  {label:16} {best(run) / records * 1e6:8.2f}")


def quietly(function: Callable[[str], Any], text: str) -> None:
    with contextlib.suppress(diplomev.ValidationError):
        function(text)


def long_text() -> None:
    readers: list[tuple[str, Callable[[str], Any]]] = [
        ("resolve_country", resolve_country),
        ("country_candidates", country_candidates),
        ("parse_actor", parse_actor),
        ("lookup_office", lookup_office),
        ("parse_date", parse_date),
    ]
    quietly(resolve_country, "Seoul")  # load the tables outside the timings
    quietly(parse_actor, "President Lee")
    print("long text: seconds (best of 3), peak traced memory in MB")
    for size in (100_000, 300_000, 1_000_000):
        for shape, text in (("marks", "a" + "\u0301" * (size - 1)), ("words", "ab " * (size // 3))):
            for label, reader in readers:
                seconds = best(lambda: quietly(reader, text), rounds=3)  # noqa: B023
                tracemalloc.start()
                quietly(reader, text)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                print(f"  {size:>9,} {shape:5} {label:18} {seconds:9.5f} s {peak / 1e6:8.2f} MB")
    print("bare NFKD (what an uncapped reader pays): seconds")
    for size in (10_000, 40_000, 100_000):
        # Marks of two classes out of order: NFKD must reorder them, the quadratic case.
        text = "a" + "\u0301\u0316" * (size // 2)
        print(f"  {size:>9,} marks {best(lambda: unicodedata.normalize('NFKD', text), 1):9.3f} s")  # noqa: B023


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    json_text(args.records)
    long_text()


if __name__ == "__main__":
    main()
