"""Time diplomev's codec against pydantic v2, msgspec, jsonschema and bare JSON, side by side.

    .venv/bin/python benchmarks/bench_codec.py [--records N]        # default N = 100,000
    .venv/bin/python benchmarks/bench_codec.py --records 20000      # a quick run
    .venv/bin/python benchmarks/bench_codec.py --write-docs --label before   # also docs/performance.md

Needs the ``bench`` extra: ``.venv/bin/pip install -e '.[bench]'`` (pydantic, msgspec, orjson,
jsonschema).

What it does, in one process:

1. generates N records with ``benchmarks/generate.py`` (seeded) and serializes them once to
   JSON lines (bytes) with ``diplomev.dumps``;
2. checks the peers first and fails loudly if they are not doing the same job: the pydantic
   models (``benchmarks/peers/pydantic_models.py``) must accept every record of
   ``tests/data/lee-beijing-visit.events.jsonl`` and the first 1,000 generated ones and
   write JSON equal to diplomev's; they must accept and refuse the same inputs as diplomev
   on a set of edge cases. msgspec (``benchmarks/peers/msgspec_models.py``) must write the
   same JSON but for the ``x_`` fields it cannot keep, and jsonschema must accept the
   records; where msgspec and jsonschema check less than diplomev, the edge cases say so;
3. times decode + validate, then encode, per record, in interleaved rounds (each round runs
   every variant of the group once, in a rotating order, so load spikes on a shared machine
   hit all variants alike), and reports the best and the median round. jsonschema is slow,
   so it is timed on the first ``--jsonschema-records`` lines and scaled per record;
4. measures the memory kept per record with tracemalloc, N records held in a list.

The GC is left as it is (enabled, default thresholds); each timed loop starts after a
``gc.collect()``, and the tables count the full (generation 2) collections that ran inside
each loop, so a GC effect shows instead of hiding.

``--write-docs`` writes the same tables, the machine and the library versions to
docs/performance.md, in a section named by ``--label``; sections of other labels already in
the file are kept, so a "before" and an "after" run can sit side by side.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib.metadata
import io
import json
import os
import platform
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import jsonschema  # noqa: E402
import msgspec  # noqa: E402
import orjson  # noqa: E402
import pydantic  # noqa: E402
from peers import msgspec_models, pydantic_models  # noqa: E402

import diplomev  # noqa: E402
import diplomev.io  # noqa: E402
import diplomev.schema  # noqa: E402
from diplomev._jsontext import using_orjson  # noqa: E402

SEED_FILE = ROOT / "tests" / "data" / "lee-beijing-visit.events.jsonl"
DOC = ROOT / "docs" / "performance.md"
EQUALITY_SAMPLE = 1_000

# Variant names, used as row labels and to pick the references for the ratios.
D_LOADS = "diplomev.loads(line)"
D_READ = "diplomev.io.read_jsonl(BytesIO(file))"
P_DECODE = "pydantic TypeAdapter(EventUnion).validate_json(line)"
M_DECODE = "msgspec Decoder(EventUnion).decode(line)"
J_SCHEMA = "jsonschema Draft202012Validator: is_valid(json.loads(line))"
O_LOADS = "orjson.loads(line) (no validation)"
S_LOADS = "json.loads(line) (no validation)"

D_DUMPS = "diplomev.dumps(record)"
P_MODEL_DUMP = "pydantic model.model_dump_json(exclude_defaults=True)"
P_TA_DUMP = "pydantic TypeAdapter(EventUnion).dump_json(exclude_defaults=True)"
M_ENCODE = "msgspec Encoder().encode(struct)"
O_DUMPS = "orjson.dumps(dict)"
S_DUMPS = "json.dumps(dict, compact) (what diplomev.dumps ends with)"


# --- data ---------------------------------------------------------------------------------


def make_lines(count: int) -> list[bytes]:
    return [diplomev.dumps(event).encode() for event in generate.events(count)]


def seed_lines() -> list[bytes]:
    with SEED_FILE.open("rb") as f:
        return [line for line in f.read().splitlines() if line.strip()]


# --- checks -------------------------------------------------------------------------------


class CheckFailed(AssertionError):
    pass


def _without_x(value: dict[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in value.items() if not key.startswith("x_")}


def check_equal_output(lines: Sequence[bytes]) -> None:
    """Each peer accepts every line and writes JSON equal to diplomev's; raise if not."""
    validator = jsonschema.Draft202012Validator(diplomev.schema.json_schema())
    for number, line in enumerate(lines):
        expected = json.loads(diplomev.dumps(diplomev.loads(line)))
        try:
            model = pydantic_models.EVENTS.validate_json(line)
        except pydantic.ValidationError as e:
            raise CheckFailed(f"pydantic refused record {number}:\n{line.decode()}\n{e}") from e
        for how, out in (
            ("TypeAdapter.dump_json", pydantic_models.dump_json(model)),
            ("model_dump_json", pydantic_models.model_dump_json(model)),
        ):
            if json.loads(out) != expected:
                raise CheckFailed(
                    f"pydantic {how} differs from diplomev.dumps on record {number}:\n"
                    f"diplomev: {json.dumps(expected)}\npydantic: {out!r}"
                )
        try:
            struct = msgspec_models.DECODER.decode(line)
        except msgspec.ValidationError as e:
            raise CheckFailed(f"msgspec refused record {number}:\n{line.decode()}\n{e}") from e
        out = msgspec_models.ENCODER.encode(struct)
        if json.loads(out) != _without_x(expected):
            raise CheckFailed(
                f"msgspec output differs from diplomev.dumps (x_ keys aside) on record "
                f"{number}:\ndiplomev: {json.dumps(expected)}\nmsgspec: {out!r}"
            )
        if not validator.is_valid(json.loads(line)):
            error = jsonschema.exceptions.best_match(validator.iter_errors(json.loads(line)))
            raise CheckFailed(f"jsonschema refused record {number}: {error}")


def _edge_cases() -> list[tuple[str, bytes]]:
    """Inputs near the edges of the rules: (label, JSON line)."""
    seed = [json.loads(line) for line in seed_lines()]
    visit = next(r for r in seed if r["type"] == "visit" and r.get("meetings"))
    summit = next(r for r in seed if r["type"] == "summit" and "affiliation" in json.dumps(r))
    trade = next(r for r in seed if r["type"] == "trade_issue")

    def edit(base: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> bytes:
        record = json.loads(json.dumps(base))
        change(record)
        return json.dumps(record, ensure_ascii=False).encode()

    def setter(*path: Any, value: Any) -> Callable[[dict[str, Any]], None]:
        def change(record: Any) -> None:
            for key in path[:-1]:
                record = record[key]
            record[path[-1]] = value

        return change

    def deleter(*path: Any) -> Callable[[dict[str, Any]], None]:
        def change(record: Any) -> None:
            for key in path[:-1]:
                record = record[key]
            del record[path[-1]]

        return change

    quote = ("sources", 0, "quotes", 0)
    speaker = ("sources", 0, "quotes", 1, "speaker")
    cases = [
        ("valid visit", edit(visit, lambda r: None)),
        ("valid summit", edit(summit, lambda r: None)),
        ("valid trade issue", edit(trade, lambda r: None)),
        ("id is a number", edit(visit, setter("id", value=12345))),
        ("id is blank", edit(visit, setter("id", value="  \t"))),
        ("id is U+001C (isspace)", edit(visit, setter("id", value="\x1c"))),
        ("id is U+200B (not isspace)", edit(visit, setter("id", value="\u200b"))),
        ("unknown key on an event", edit(visit, setter("venue", value="Beijing"))),
        ("x_ field", edit(visit, setter("x_coder", value={"who": ["hand", 1]}))),
        ("bare 'x_' key", edit(visit, setter("x_", value=1))),
        ("diplomev: '1'", edit(visit, setter("diplomev", value="1"))),
        ("diplomev: '2'", edit(visit, setter("diplomev", value="2"))),
        ("diplomev: null", edit(visit, setter("diplomev", value=None))),
        ("unknown type", edit(visit, setter("type", value="meeting"))),
        ("no type", edit(visit, deleter("type"))),
        ("host unknown code", edit(visit, setter("host", value="XXX"))),
        ("host lower case", edit(visit, setter("host", value="chn"))),
        ("date 2026-02-30", edit(visit, setter("date", value="2026-02-30"))),
        ("date 2024-02-29", edit(visit, setter("date", value="2024-02-29"))),
        (
            "interval ends before it starts",
            edit(visit, setter("date", value="2026-01-07/2026-01-04")),
        ),
        ("date basic format", edit(visit, setter("date", value="20260105"))),
        ("date 0000", edit(visit, setter("date", value="0000"))),
        ("date open interval", edit(visit, setter("date", value="2016?/.."))),
        ("date unknown start", edit(visit, setter("date", value="/2006"))),
        ("date ../..", edit(visit, setter("date", value="../.."))),
        ("meeting date bad", edit(visit, setter("meetings", 0, "date", value="2026-13"))),
        ("status null", edit(visit, setter("status", value=None))),
        ("status unknown", edit(visit, setter("status", value="done"))),
        ("visit kind null", edit(visit, setter("kind", value=None))),
        ("summary null (absent)", edit(visit, setter("summary", value=None))),
        ("topics null", edit(visit, setter("topics", value=None))),
        ("topics empty", edit(visit, setter("topics", value=[]))),
        ("visitor null", edit(visit, setter("visitor", value=None))),
        (
            "person without name or office",
            edit(visit, setter("visitor", value={"type": "person", "country": "KOR"})),
        ),
        ("actor without type", edit(visit, deleter("visitor", "type"))),
        (
            "meeting without counterparts",
            edit(visit, setter("meetings", 0, "counterparts", value=[])),
        ),
        ("quote span wrong", edit(visit, setter(*quote, "end", value=12))),
        ("quote start without end", edit(visit, deleter(*quote, "end"))),
        ("quote offset negative", edit(visit, setter(*quote, "start", value=-1))),
        ("quote offset bool", edit(visit, setter(*quote, "start", value=True))),
        ("location lat without lon", edit(visit, setter("location", "lat", value=39.9))),
        ("location lat 91", edit(visit, setter("location", value={"lat": 91, "lon": 0}))),
        ("location int lat/lon", edit(visit, setter("location", value={"lat": 40, "lon": 116}))),
        ("location lat as text", edit(visit, setter("location", value={"lat": "40", "lon": 116}))),
        ("location empty", edit(visit, setter("location", value={}))),
        ("location with type key", edit(visit, setter("location", "type", value="city"))),
        ("source without url or title", edit(visit, deleter("sources", 0, "title"))),
        ("published 2026-1-5", edit(visit, setter("sources", 0, "published", value="2026-1-5"))),
        (
            "published 2026-02-30",
            edit(visit, setter("sources", 0, "published", value="2026-02-30")),
        ),
        (
            "published with time",
            edit(visit, setter("sources", 0, "published", value="2026-01-05T10:00:00")),
        ),
        (
            "one participant",
            edit(summit, lambda r: r.__setitem__("participants", r["participants"][:1])),
        ),
        ("affiliation untagged", edit(summit, deleter(*speaker, "affiliation", "type"))),
        (
            "affiliation tagged country",
            edit(summit, setter(*speaker, "affiliation", "type", value="country")),
        ),
        ("org kind null", edit(summit, setter(*speaker, "affiliation", "kind", value=None))),
        ("rate_percent int", edit(trade, setter("rate_percent", value=25))),
        ("rate_percent negative", edit(trade, setter("rate_percent", value=-1.5))),
        (
            "rate_percent 1e400 (inf)",
            edit(trade, setter("rate_percent", value=0)).replace(
                b'"rate_percent": 0', b'"rate_percent": 1e400'
            ),
        ),
        ("official is 1", edit(trade, setter("official", value=1))),
        ("no measure", edit(trade, deleter("measure"))),
        (
            "x_ value NaN",
            b'{"type": "visit", "id": "v", "date": "2019", "host": "CHN", '
            b'"visitor": {"type": "country", "code": "KOR"}, "x_score": NaN}',
        ),
    ]
    return cases


def _accepts(
    decode: Callable[[bytes], Any], line: bytes, errors: tuple[type[Exception], ...]
) -> bool:
    try:
        decode(line)
    except errors:
        return False
    return True


def check_edge_cases() -> dict[str, list[str]]:
    """Return, per peer, the edge cases it judges differently from diplomev; raise for pydantic."""
    validator = jsonschema.Draft202012Validator(diplomev.schema.json_schema())
    peers: dict[str, tuple[Callable[[bytes], Any], tuple[type[Exception], ...]]] = {
        "pydantic": (pydantic_models.EVENTS.validate_json, (pydantic.ValidationError,)),
        "msgspec": (msgspec_models.DECODER.decode, (msgspec.ValidationError, msgspec.DecodeError)),
        "jsonschema": (
            lambda line: validator.is_valid(json.loads(line)) or _raise(ValueError()),
            (ValueError,),
        ),
    }
    differences: dict[str, list[str]] = {name: [] for name in peers}
    cases = _edge_cases()
    for label, line in cases:
        expected = _accepts(diplomev.loads, line, (diplomev.ValidationError,))
        for name, (decode, errors) in peers.items():
            if _accepts(decode, line, errors) != expected:
                verdict = "refuses, diplomev accepts" if expected else "accepts, diplomev refuses"
                differences[name].append(f"{label} ({name} {verdict})")
    if differences["pydantic"]:
        raise CheckFailed(
            "pydantic and diplomev disagree on: " + "; ".join(differences["pydantic"])
        )
    differences["cases"] = [label for label, _ in cases]
    return differences


def _raise(error: Exception) -> Any:
    raise error


# --- timing -------------------------------------------------------------------------------


class Full:
    """Counts the full (generation 2) collections that run while it is active."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            self.count += 1


def each(f: Callable[[Any], Any]) -> Callable[[Sequence[Any]], None]:
    def loop(data: Sequence[Any]) -> None:
        for item in data:
            f(item)

    return loop


class Variant:
    def __init__(self, name: str, loop: Callable[[Any], Any], data: Any, count: int) -> None:
        self.name = name
        self.loop = loop
        self.data = data
        self.count = count  # records per run, to turn seconds into per-record times
        self.seconds: list[float] = []
        self.full_gcs: list[int] = []

    def run(self) -> None:
        gc.collect()
        counter = Full()
        gc.callbacks.append(counter)
        try:
            start = time.perf_counter()
            self.loop(self.data)
            elapsed = time.perf_counter() - start
        finally:
            gc.callbacks.remove(counter)
        self.seconds.append(elapsed)
        self.full_gcs.append(counter.count)

    @property
    def best(self) -> float:
        return min(self.seconds) / self.count * 1e6

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) / self.count * 1e6


def run_rounds(variants: Sequence[Variant], rounds: int, title: str) -> None:
    for number in range(rounds):
        start = time.perf_counter()
        shift = number % len(variants)
        for variant in [*variants[shift:], *variants[:shift]]:
            variant.run()
        print(
            f"  {title} round {number + 1}/{rounds}: {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )


def retained_bytes(build: Callable[[bytes], Any], lines: Sequence[bytes]) -> float:
    """Bytes kept alive per record when every decoded record is held in a list."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [build(line) for line in lines]
        gc.collect()
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    del kept
    gc.collect()
    return used / len(lines)


# --- report -------------------------------------------------------------------------------


def environment() -> dict[str, str]:
    env = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": _cpu_name(),
        "cpus": str(os.cpu_count()),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "load": _load(),
    }
    for package in (
        "diplomev",
        "attrs",
        "cattrs",
        "pydantic",
        "pydantic-core",
        "msgspec",
        "orjson",
        "jsonschema",
    ):
        try:
            env[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            env[package] = "not installed"
    env["diplomev"] = diplomev.__version__
    return env


def _load() -> str:
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _accelerated() -> bool:
    """Whether `diplomev.loads` reads through the msgspec accelerator in this environment."""
    try:
        from diplomev.codec import _accel
    except ImportError:
        return False
    return _accel.accelerator() is not None


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str) -> list[str]:
    rows = [list(map(str, row)) for row in rows]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _plain(header: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> list[str]:
    rows = [list(map(str, row)) for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if a == "r" else c.ljust(w)
            for c, w, a in zip(cells, widths, align, strict=True)
        )

    return [fmt(header), fmt(["-" * w for w in widths]), *(fmt(row) for row in rows)]


class Report:
    def __init__(
        self,
        args: argparse.Namespace,
        env: dict[str, str],
        avg_bytes: float,
        decode: list[Variant],
        encode: list[Variant],
        memory: dict[str, float],
        edge: dict[str, list[str]],
        wall: float,
    ) -> None:
        self.args, self.env, self.avg_bytes = args, env, avg_bytes
        self.decode = {v.name: v for v in decode}
        self.encode = {v.name: v for v in encode}
        self.memory, self.edge, self.wall = memory, edge, wall

    # tables as (header, rows, align) so they can be printed plain or as markdown

    def decode_table(self) -> tuple[list[str], list[list[str]], str]:
        pyd, orj = self.decode[P_DECODE], self.decode[O_LOADS]
        rows = []
        for v in self.decode.values():
            rows.append(
                [
                    v.name,
                    f"{v.best:.2f}",
                    f"{v.median:.2f}",
                    _ratio(v.best, pyd.best),
                    _ratio(v.best, orj.best),
                    f"{statistics.median(v.full_gcs):g}",
                    str(v.count),
                ]
            )
        header = [
            "decode + validate",
            "best µs",
            "median µs",
            "x pydantic",
            "x orjson.loads",
            "full GCs/run",
            "records/run",
        ]
        return header, rows, "lrrrrrr"

    def encode_table(self) -> tuple[list[str], list[list[str]], str]:
        pyd, orj = self.encode[P_MODEL_DUMP], self.encode[O_DUMPS]
        rows = [
            [
                v.name,
                f"{v.best:.2f}",
                f"{v.median:.2f}",
                _ratio(v.best, pyd.best),
                _ratio(v.best, orj.best),
                f"{statistics.median(v.full_gcs):g}",
            ]
            for v in self.encode.values()
        ]
        header = ["encode", "best µs", "median µs", "x pydantic", "x orjson.dumps", "full GCs/run"]
        return header, rows, "lrrrrr"

    def memory_table(self) -> tuple[list[str], list[list[str]], str]:
        pyd = self.memory["pydantic models (TypeAdapter.validate_json)"]
        rows = [[name, f"{size:,.0f}", _ratio(size, pyd)] for name, size in self.memory.items()]
        header = [
            f"kept in a list ({self.args.memory_records:,} records)",
            "bytes/record",
            "x pydantic",
        ]
        return header, rows, "lrr"

    def targets(self) -> list[tuple[str, str, str, bool]]:
        d, r, p = self.decode[D_LOADS], self.decode[D_READ], self.decode[P_DECODE]
        o, j = self.decode[O_LOADS], self.decode[J_SCHEMA]
        e, pe = self.encode[D_DUMPS], self.encode[P_MODEL_DUMP]
        mem_d = self.memory["diplomev records (diplomev.loads)"]
        mem_p = self.memory["pydantic models (TypeAdapter.validate_json)"]

        def pair(a: Variant, b: Variant) -> tuple[float, float]:
            return a.best / b.best, a.median / b.median

        out = []
        for label, (best, median), limit in (
            ("decode+validate: diplomev.loads vs pydantic validate_json", pair(d, p), 1.0),
            ("decode+validate: read_jsonl vs pydantic validate_json", pair(r, p), 1.0),
            ("decode+validate: diplomev.loads vs orjson.loads", pair(d, o), 4.0),
            ("encode: diplomev.dumps vs pydantic model_dump_json", pair(e, pe), 1.0),
        ):
            out.append(
                (label, f"≤ {limit:.1f}x", f"{best:.2f}x (median {median:.2f}x)", best <= limit)
            )
        ratio = mem_d / mem_p
        out.append(
            ("memory per record: diplomev vs pydantic", "≤ 0.5x", f"{ratio:.2f}x", ratio <= 0.5)
        )
        best, median = j.best / d.best, j.median / d.median
        out.append(
            (
                "speed vs jsonschema validation (jsonschema µs / diplomev.loads µs)",
                "≥ 20x",
                f"{best:.1f}x (median {median:.1f}x)",
                best >= 20,
            )
        )
        return out

    def notes(self) -> list[str]:
        d, s = self.decode[D_LOADS], self.decode[S_LOADS]
        o, e, sd = self.decode[O_LOADS], self.encode[D_DUMPS], self.encode[S_DUMPS]
        encoder, encode = ("orjson", self.encode[O_DUMPS]) if using_orjson() else ("json", sd)
        if _accelerated():
            # msgspec parses and checks the text (diplomev.codec._accel): there is no
            # separate parse to subtract, so its own decode into plain structs is the floor.
            m = self.decode[M_DECODE]
            reading = (
                f"diplomev reads compact text through msgspec (its parse and most checks in "
                f"C, the records built in Python): `diplomev.loads` takes {d.best:.2f} µs, "
                f"msgspec's decode of the peer structs alone {m.best:.2f} µs"
            )
        else:
            # diplomev parses with orjson when it is installed, so the parser to subtract
            # is that one.
            parser, parse = ("orjson", o) if using_orjson() else ("json", s)
            reading = (
                f"diplomev parses JSON with {parser}, whose `loads` alone takes "
                f"{parse.best:.2f} of `diplomev.loads`' {d.best:.2f} µs "
                f"({parse.best / d.best:.0%}), so building and validating the record takes "
                f"the other {d.best - parse.best:.2f} µs"
            )
        notes = [
            f"Where diplomev's time goes (best rounds): {reading}; the 4x orjson.loads target "
            f"means {4 * o.best:.2f} µs in all. It writes with {encoder}, whose `dumps` of the "
            f"finished dict takes {encode.best:.2f} of `diplomev.dumps`' {e.best:.2f} µs; "
            f"the rest is building the dict."
        ]
        spread = max(
            (v.median / v.best, v.name) for v in [*self.decode.values(), *self.encode.values()]
        )
        if spread[0] > 1.1:
            notes.append(
                f"The machine was busy during some rounds: medians run up to "
                f"{spread[0] - 1:.0%} above the best round ({spread[1]}); load average "
                f"{self.env['load']}. Compare best rounds between runs."
            )
        gcs = {
            v.name: statistics.median(v.full_gcs)
            for v in [*self.decode.values(), *self.encode.values()]
            if any(v.full_gcs)
        }
        if gcs:
            listed = ", ".join(f"{name}: {count:g}" for name, count in gcs.items())
            notes.append(
                "Full (generation 2) collections ran inside some timed loops "
                f"(median per run): {listed}. Their cost is in those times."
            )
        else:
            notes.append(
                "No full (generation 2) collection ran inside any timed loop: the "
                "streaming loops drop each record before the next, so the times "
                "carry no GC penalty beyond the young generations."
            )
        return notes

    def print(self) -> None:
        print()
        print(
            f"{self.args.records:,} records, {self.avg_bytes:.0f} bytes/line on average; "
            f"{self.args.rounds} interleaved rounds; jsonschema on "
            f"{min(self.args.jsonschema_records, self.args.records):,} records; "
            f"µs per record"
        )
        for build in (self.decode_table, self.encode_table, self.memory_table):
            print()
            for line in _plain(*build()):
                print(line)
        print()
        rows = [
            [label, limit, measured, "yes" if met else "NO"]
            for label, limit, measured, met in self.targets()
        ]
        for line in _plain(["target", "limit", "measured", "met?"], rows, "lllr"):
            print(line)
        print()
        for peer in ("msgspec", "jsonschema"):
            diffs = self.edge[peer]
            print(
                f"{peer} judges {len(diffs)} of {len(self.edge['cases'])} edge cases "
                f"differently from diplomev" + (": " + "; ".join(diffs) if diffs else "")
            )
        print(f"pydantic judges all {len(self.edge['cases'])} edge cases as diplomev does.")
        for note in self.notes():
            print(note)
        print(f"wall time {self.wall:.0f} s")

    def markdown(self) -> str:
        env = self.env
        out = [
            f"## Run: {self.args.label}",
            "",
            f"{env['date']}; `.venv/bin/python benchmarks/bench_codec.py --records "
            f"{self.args.records} --rounds {self.args.rounds}` ({self.wall:.0f} s).",
            "",
            f"- machine: {env['platform']}, {env['cpu']}, {env['cpus']} CPUs; {env['python']}; "
            f"load average {env['load']}",
            f"- libraries: diplomev {env['diplomev']}, attrs {env['attrs']}, cattrs "
            f"{env['cattrs']}, pydantic {env['pydantic']} (core {env['pydantic-core']}), "
            f"msgspec {env['msgspec']}, orjson {env['orjson']}, jsonschema {env['jsonschema']}",
            f"- data: {self.args.records:,} generated records, {self.avg_bytes:.0f} bytes of "
            f"JSON per line on average; jsonschema timed on the first "
            f"{min(self.args.jsonschema_records, self.args.records):,}",
            "",
            "### Targets",
            "",
        ]
        out += _table(
            ["target", "limit", "measured (best round)", "met?"],
            [
                [label, limit, measured, "yes" if met else "**no**"]
                for label, limit, measured, met in self.targets()
            ],
            "lllr",
        )
        out += ["", "### Decode + validate (µs per record)", ""]
        out += _table(*self.decode_table())
        out += ["", "### Encode (µs per record)", ""]
        out += _table(*self.encode_table())
        out += ["", "### Memory kept per record", ""]
        out += _table(*self.memory_table())
        out += ["", "### Notes", ""]
        out += [f"- {note}" for note in self.notes()]
        for peer in ("msgspec", "jsonschema"):
            diffs = self.edge[peer]
            out.append(
                f"- {peer} judges {len(diffs)} of {len(self.edge['cases'])} edge cases "
                "differently from diplomev" + (": " + "; ".join(diffs) if diffs else "") + "."
            )
        out.append(
            f"- pydantic judges all {len(self.edge['cases'])} edge cases as diplomev does, "
            "and writes the same JSON for every record checked."
        )
        return "\n".join(out) + "\n"


DOC_HEAD = """\
# Performance

How fast diplomev reads and writes its wire form, next to the libraries a user would
otherwise reach for. Every number here comes from one command, re-runnable at any time:

```
.venv/bin/python benchmarks/bench_codec.py [--records N] [--write-docs --label NAME]
```

(`pip install -e '.[bench]'` installs the peers.) `--write-docs` rewrites the section of
its `--label` below and keeps the sections of other labels, so runs before and after a
change sit side by side.

## What is compared

- **diplomev**: `diplomev.loads` per line (JSON text to a validated record, every rule of
  [the wire form](format.md)), `diplomev.io.read_jsonl` over a whole file held in a
  `BytesIO`, and `diplomev.dumps`.
- **pydantic v2**: models of exactly the same schema with the same validation
  (`benchmarks/peers/pydantic_models.py`): strict types, a union discriminated on
  `"type"` for events and for actors, forbidden unknown keys but `x_` ones, country codes
  from diplomev's table, EDTF dates checked with `diplomev.parse_edtf`, the same ranges,
  minimum lengths and cross-field rules. Before timing, the script checks that they
  accept every record and write JSON equal to `diplomev.dumps` (1,000 generated records
  and the seed file), and that they accept and refuse the same edge cases as diplomev.
  Error *messages* and paths are pydantic's own.
- **msgspec**: Structs of the same schema with what msgspec can express
  (`benchmarks/peers/msgspec_models.py`), the practical lower bound. It cannot keep `x_`
  keys while refusing other unknown keys, so events ignore unknown keys; it checks no
  cross-field rule and no EDTF calendar; it stops at the first error.
- **jsonschema**: a compiled `Draft202012Validator` of `diplomev.schema.json_schema()`
  over `json.loads(line)`; it checks no calendar, no interval order and no quote span.
- **orjson.loads / json.loads** and **orjson.dumps / json.dumps** of plain dicts: parsing
  and writing with no validation at all, the floor.

## How it is measured

One process; N records from `benchmarks/generate.py` (seeded), serialized once to JSON
lines. Each group (decode, encode) runs in rounds; a round runs every variant once over all
N records (jsonschema over a subset), in a rotating order, so load on a shared machine hits
all variants alike. "best" is the fastest round, "median" the median round, both in µs per
record; ratios use the best round. The GC is left enabled with its default thresholds; each
timed loop starts after `gc.collect()`, and the "full GCs/run" column counts the
generation-2 collections inside the loop. Memory is tracemalloc's count of bytes still
allocated after decoding the records into a list (so shared objects, such as interned
strings or diplomev's cached `EventDate`s, count once). pydantic-core's JSON parser caches
short strings (its `cache_strings` default), so a value such as `"CHN"` is shared across
its models; diplomev's `json.loads` shares keys within one document only. jsonschema runs
without a format checker (in draft 2020-12 `format` is an annotation), so it does not check
`published` as a date. The targets are the goals of issue 6; "met?" reads the best round.
"""


def write_doc(report: Report) -> None:
    section = report.markdown()
    label = report.args.label
    start_mark, end_mark = (
        f"<!-- bench_codec run: {label} -->",
        f"<!-- /bench_codec run: {label} -->",
    )
    kept: list[str] = []
    if DOC.exists():
        text = DOC.read_text(encoding="utf-8")
        for match in re.finditer(
            r"<!-- bench_codec run: (.+?) -->\n.*?<!-- /bench_codec run: \1 -->\n", text, re.S
        ):
            if match.group(1) == label:
                kept.append("\0")  # this run's place, so a re-run keeps the order
            else:
                kept.append(match.group(0))
    block = f"{start_mark}\n{section}{end_mark}\n"
    if "\0" in kept:
        kept[kept.index("\0")] = block
    else:
        kept.append(block)
    DOC.write_text(DOC_HEAD + "\n" + "\n".join(kept), encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)} (section {label!r})", file=sys.stderr)


# --- main ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000, help="records (default 100,000)")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    parser.add_argument(
        "--jsonschema-records",
        type=int,
        default=2_000,
        help="records jsonschema is timed on (default 2,000)",
    )
    parser.add_argument(
        "--memory-records",
        type=int,
        default=None,
        help="records held for the memory measurement (default: --records)",
    )
    parser.add_argument("--write-docs", action="store_true", help="write docs/performance.md")
    parser.add_argument(
        "--label", default="latest", help="name of this run's section in docs/performance.md"
    )
    args = parser.parse_args(argv)
    if args.memory_records is None:
        args.memory_records = args.records
    wall = time.perf_counter()

    env = environment()
    print(", ".join(f"{k} {v}" for k, v in env.items()), file=sys.stderr)

    print(f"generating {args.records:,} records ...", file=sys.stderr)
    lines = make_lines(args.records)
    blob = b"".join(line + b"\n" for line in lines)
    avg_bytes = len(blob) / len(lines) - 1

    print("checking the peers ...", file=sys.stderr)
    check_equal_output([*seed_lines(), *lines[:EQUALITY_SAMPLE]])
    edge = check_edge_cases()

    validator = jsonschema.Draft202012Validator(diplomev.schema.json_schema())
    schema_lines = lines[: args.jsonschema_records]
    for number, line in enumerate(schema_lines):
        if not validator.is_valid(json.loads(line)):
            raise CheckFailed(f"jsonschema refused generated record {number}")

    def read_file(data: bytes) -> None:
        with diplomev.io.read_jsonl(io.BytesIO(data)) as reader:
            for _ in reader:
                pass

    is_valid, json_loads = validator.is_valid, json.loads
    n = len(lines)
    decode = [
        Variant(D_LOADS, each(diplomev.loads), lines, n),
        Variant(D_READ, read_file, blob, n),
        Variant(P_DECODE, each(pydantic_models.EVENTS.validate_json), lines, n),
        Variant(M_DECODE, each(msgspec_models.DECODER.decode), lines, n),
        Variant(
            J_SCHEMA, each(lambda line: is_valid(json_loads(line))), schema_lines, len(schema_lines)
        ),
        Variant(O_LOADS, each(orjson.loads), lines, n),
        Variant(S_LOADS, each(json.loads), lines, n),
    ]
    print("timing decode ...", file=sys.stderr)
    run_rounds(decode, args.rounds, "decode")

    print("building records for encode ...", file=sys.stderr)
    records = [diplomev.loads(line) for line in lines]
    models = [pydantic_models.EVENTS.validate_json(line) for line in lines]
    structs = [msgspec_models.DECODER.decode(line) for line in lines]
    dicts = [orjson.loads(line) for line in lines]
    encode = [
        Variant(D_DUMPS, each(diplomev.dumps), records, n),
        Variant(P_MODEL_DUMP, each(pydantic_models.model_dump_json), models, n),
        Variant(P_TA_DUMP, each(pydantic_models.dump_json), models, n),
        Variant(M_ENCODE, each(msgspec_models.ENCODER.encode), structs, n),
        Variant(O_DUMPS, each(orjson.dumps), dicts, n),
        Variant(
            S_DUMPS,
            each(
                lambda d: json.dumps(d, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            ),
            dicts,
            n,
        ),
    ]
    print("timing encode ...", file=sys.stderr)
    run_rounds(encode, args.rounds, "encode")
    for variant in encode:
        variant.data = None  # keep the times, free the objects before measuring memory
    del records, models, structs, dicts

    print("measuring memory ...", file=sys.stderr)
    held = lines[: args.memory_records]
    memory = {
        "diplomev records (diplomev.loads)": retained_bytes(diplomev.loads, held),
        "pydantic models (TypeAdapter.validate_json)": retained_bytes(
            pydantic_models.EVENTS.validate_json, held
        ),
        "msgspec structs (Decoder.decode)": retained_bytes(msgspec_models.DECODER.decode, held),
        "plain dicts (orjson.loads)": retained_bytes(orjson.loads, held),
        "plain dicts (json.loads)": retained_bytes(json.loads, held),
    }

    env["load"] = f"{env['load']} at the start, {_load()} at the end (1 / 5 / 15 min)"
    report = Report(args, env, avg_bytes, decode, encode, memory, edge, time.perf_counter() - wall)
    report.print()
    if args.write_docs:
        write_doc(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
