"""A long fuzz run of everything in diplomev that reads untrusted input.

Each input is derived from records drawn by `diplomev.strategies` (valid events, and invalid
records from ``invalid_records``) and the golden file, then mutated by a random generator
seeded with ``SEED:INDEX`` (so any input can be made again alone, with ``--only INDEX``):

- at the JSON level: values replaced with arbitrary JSON (or, for ``from_dict``, with Python
  values no parser makes), keys deleted and added, items duplicated, types swapped;
- at the byte level: bits flipped, bytes inserted (quotes, commas, newlines, a byte-order
  mark, invalid UTF-8, deep nesting, long lines), ranges deleted or duplicated, lines
  dropped or duplicated, files truncated, line endings changed;
- for CSV, cells replaced, columns dropped or added; for JSON documents, the envelope broken.

Targets, with what they may do:

- ``from_dict`` and ``loads``: return an event, or raise `ValidationError`;
- ``read_jsonl``, ``read_csv``, ``read_json`` (on every input, in memory, ``errors="collect"``):
  give events and `BadRecord`s, or raise `RecordError` (a `ValidationError`) for a file that
  cannot be read as a whole;
- the CLI (``validate``, ``show``, ``convert`` with and without ``--skip-invalid``, on temporary
  files, some gzipped, for every ``--cli-every``-th input): return an exit code (0, 1 or 2);
  any exception out of ``main`` is an escape.

Anything else is an *escape*, written with its seed, index, input and traceback to ``--out``
(by default ``out/fuzz-SEED.jsonl``, which git ignores).
Checks that are not about exceptions (an accepted record that does not round-trip, a
``validate`` summary that does not add up, an invalid record accepted or refused without
naming its labels) are counted as *anomalies* and written there too.

    python fuzz/fuzz.py                        # 100,000 inputs, seed 20260105
    python fuzz/fuzz.py --inputs 5000 --seed 7
    python fuzz/fuzz.py --seed 7 --only 1234   # one input again, with its traceback
    python fuzz/fuzz.py --targets importers    # the importers only (fuzz/importers.py)

``--targets`` picks the targets: ``core`` (the codec, the readers and the CLI above),
``importers`` (ICEWS, GDELT, PLOVER, ICEWS-to-JSON on mutated real rows: see
``fuzz/importers.py``, which also checks that each importer's report adds up), or ``all``
(the default; each input then goes through the core targets and one importer).
"""

from __future__ import annotations

import argparse
import base64
import collections
import contextlib
import copy
import csv
import datetime
import enum
import functools
import gzip
import io
import json
import math
import random
import sys
import tempfile
import time
import traceback
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

import diplomev
from diplomev import cli
from diplomev import strategies as ds
from diplomev.io import BadRecord, RecordError, read_csv, read_json, read_jsonl, write_csv

sys.path.insert(0, str(Path(__file__).resolve().parent))
import importers  # fuzz/importers.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "lee-beijing-visit.events.jsonl"

# --- vocabulary for mutations ---------------------------------------------------------------

KEYS = [
    "type", "id", "date", "status", "location", "summary", "topics", "links", "sources",
    "participants", "host", "forum", "outcomes", "visitor", "kind", "meetings", "delegation",
    "parties", "actor", "position", "subject", "stage", "third_parties", "imposers",
    "targets", "measure", "official", "sectors", "products", "rate_percent", "code", "name",
    "office", "country", "affiliation", "lat", "lon", "quotes", "text", "start", "end",
    "speaker", "rel", "target", "note", "url", "title", "publisher", "published",
    "counterparts", "diplomev", "extensions", "x_custom", "x_", "", "Type", "__proto__",
]  # fmt: skip
WORDS = [
    "summit", "visit", "dispute", "trade_issue", "country", "person", "organization",
    "KOR", "CHN", "XKX", "XXX", "kor", "2026-01-05", "2026-02-30", "2016?/..", "/2006",
    "../..", "2026-01-04?/2026-01-06~", "0000", "9999-12-31", "2026-W02-1", "occurred",
    "planned", "tariff", "part_of", "city", "igo", "1", "0", "-1", "true", "null", "NaN",
    "", " ", "\t", "\u00a0", "\u200b", "\x00", "é", "李在明", "🇰🇷", "\ud800", "a" * 300,
]  # fmt: skip
NUMBERS = [
    0, 1, -1, 2, 90, 91, -90.5, 180.0000001, 0.5, -0.0, 1e308, 5e-324, 2**31, 2**53 + 1,
    2**63, 2**64, -(2**63) - 1, 10**30, 10**400, 1.5e300, 25.0, 145.0,
]  # fmt: skip
SNIPPETS = [
    b"\n", b"\r\n", b"\r", b'"', b",", b"{", b"}", b"[", b"]", b":", b"\\", b"\\u",
    b"\\ud800", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"NaN",
    b"Infinity", b"1e999", b'""', b"null", b"\n\n", b"\t", b" ", b'"x_a":1,', b",,",
]  # fmt: skip


class OddStr(str):
    """A str subclass: passes isinstance(str) but not type(x) is str."""

    __slots__ = ()


class OddList(list[Any]):
    """A list subclass."""


class Color(enum.IntEnum):
    """An int subclass that is not a plain int."""

    RED = 1


def odd_value(rng: random.Random) -> Any:
    """Return a Python value no JSON parser returns, for callers that build dicts themselves."""
    makers: list[Callable[[], Any]] = [
        lambda: {1, 2},
        lambda: b"bytes",
        lambda: 1 + 2j,
        lambda: math.nan,
        lambda: math.inf,
        lambda: -math.inf,
        lambda: object(),
        lambda: datetime.date(2026, 1, 5),
        lambda: (1, "a"),
        lambda: {1: "int key"},
        lambda: {("a",): 1},
        lambda: types.MappingProxyType({"type": "summit"}),
        lambda: OddStr("CHN"),
        lambda: OddList(["a"]),
        lambda: Color.RED,
        lambda: diplomev.Country(code=diplomev.CountryCode("KOR")),
        lambda: float("-nan"),
    ]
    return rng.choice(makers)()


def arbitrary_json(rng: random.Random, depth: int = 0) -> Any:
    """Return a random JSON value, biased to the keys and words diplomev knows."""
    roll = rng.random()
    if depth < 4 and roll < 0.25:
        return [arbitrary_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if depth < 4 and roll < 0.45:
        return {
            rng.choice(KEYS) if rng.random() < 0.8 else random_text(rng): arbitrary_json(
                rng, depth + 1
            )
            for _ in range(rng.randint(0, 5))
        }
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.2:
        return rng.random() < 0.5
    if roll < 0.45:
        return rng.choice(NUMBERS) if rng.random() < 0.7 else rng.uniform(-1e3, 1e3)
    if roll < 0.85:
        return rng.choice(WORDS)
    return random_text(rng)


def random_text(rng: random.Random) -> str:
    """Return a short random string, with lone surrogates and control characters."""
    alphabet = "abcXYZ019-_/.?~% \n\"'\\é李🇰\ud800\x00\x7f"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


# --- JSON-level mutations -------------------------------------------------------------------

Path_ = tuple[Any, ...]


def locations(value: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Every location in a JSON value, the root included."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from locations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from locations(item, (*path, index))


def mutate_json(rng: random.Random, value: Any, odd: bool) -> Any:
    """Apply one JSON-level mutation; ``odd`` allows Python values JSON cannot hold."""
    where = rng.choice(list(locations(value)))
    if not where:
        return odd_value(rng) if odd and rng.random() < 0.5 else arbitrary_json(rng)
    parent = value
    for step in where[:-1]:
        parent = parent[step]
    key = where[-1]
    op = rng.choice(["replace", "replace", "delete", "add", "duplicate", "swap type", "wrap"])
    if op == "replace":
        parent[key] = odd_value(rng) if odd and rng.random() < 0.3 else arbitrary_json(rng)
    elif op == "delete":
        del parent[key]
    elif op == "add":
        target = parent[key]
        if isinstance(target, dict):
            target[rng.choice(KEYS)] = arbitrary_json(rng)
        elif isinstance(target, list):
            target.append(arbitrary_json(rng))
        else:
            parent[key] = [target, arbitrary_json(rng)]
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    elif op == "swap type":
        item = parent[key]
        if isinstance(item, str):
            parent[key] = float(len(item)) if rng.random() < 0.5 else [item]
        elif isinstance(item, bool | int | float) and item is not None:
            parent[key] = str(item)
        elif isinstance(item, list | dict):
            parent[key] = json.dumps(item)[:50]
        else:
            parent[key] = 0
    else:
        parent[key] = [parent[key]] if rng.random() < 0.5 else {"value": parent[key]}
    return value


# --- byte-level mutations -------------------------------------------------------------------


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """Apply one byte-level mutation."""
    out = bytearray(data)
    at = rng.randint(0, len(out))
    op = rng.choice(
        [
            "flip", "flip", "set", "insert", "insert", "delete", "truncate", "duplicate",
            "duplicate line", "drop line", "bom", "crlf", "deep", "long line",
        ]
    )  # fmt: skip
    if op == "flip" and out:
        out[at % len(out)] ^= 1 << rng.randint(0, 7)
    elif op == "set" and out:
        out[at % len(out)] = rng.randint(0, 255)
    elif op == "insert":
        snippet = rng.choice(SNIPPETS) if rng.random() < 0.7 else rng.randbytes(rng.randint(1, 8))
        out[at:at] = snippet
    elif op == "delete":
        del out[at : at + rng.randint(1, 24)]
    elif op == "truncate":
        del out[at:]
    elif op == "duplicate":
        end = min(len(out), at + rng.randint(1, 64))
        out[end:end] = out[at:end]
    elif op in ("duplicate line", "drop line"):
        lines = bytes(out).splitlines(keepends=True)
        if lines:
            index = rng.randrange(len(lines))
            if op == "duplicate line":
                lines.insert(index, lines[index])
            else:
                del lines[index]
        out = bytearray(b"".join(lines))
    elif op == "bom":
        out[0:0] = b"\xef\xbb\xbf"
    elif op == "crlf":
        out = bytearray(bytes(out).replace(b"\n", b"\r\n"))
    elif op == "deep":
        depth = rng.choice([64, 65, 1000, 5000, 100_000])
        out[at:at] = b"[" * depth if rng.random() < 0.5 else b'{"a":' * depth
    else:
        out[at:at] = b"a" * rng.choice([70, 300, 70_000])
    return bytes(out)


# --- inputs ---------------------------------------------------------------------------------


class Pool:
    """Records to start from: generated events, invalid records and the golden file."""

    def __init__(self, size: int, run_seed: int) -> None:
        self.events: list[diplomev.Event] = []
        self.invalid: list[ds.InvalidRecord] = []
        options = settings(
            database=None,
            deadline=None,
            max_examples=size,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )

        @seed(run_seed)
        @options
        @given(ds.events())
        def draw_events(event: diplomev.Event) -> None:
            self.events.append(event)

        @seed(run_seed)
        @options
        @given(ds.invalid_records())
        def draw_invalid(record: ds.InvalidRecord) -> None:
            self.invalid.append(record)

        draw_events()
        draw_invalid()
        self.golden = (
            [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
            if GOLDEN.exists()
            else []
        )
        self.valid_dicts = [diplomev.to_dict(event) for event in self.events] + self.golden

    def record(self, rng: random.Random) -> tuple[Any, ds.InvalidRecord | None]:
        """Return a record to mutate: a valid dict (two times in three) or an invalid record."""
        if rng.random() < 1 / 3 and self.invalid:
            invalid = rng.choice(self.invalid)
            return copy.deepcopy(invalid.data), invalid
        return copy.deepcopy(rng.choice(self.valid_dicts)), None


def json_text(rng: random.Random, value: Any) -> bytes:
    """Write a JSON value as a tool might: compact or indented, escaped or not."""
    text = json.dumps(
        value,
        ensure_ascii=rng.random() < 0.2,
        indent=None if rng.random() < 0.9 else 1,
        separators=None if rng.random() < 0.5 else (",", ":"),
    )
    if rng.random() < 0.1 and "\n" not in text:
        text = text.replace(",", ",\n", 1)  # a record split over two lines
    return text.encode("utf-8", "surrogatepass")


def mutated_record(rng: random.Random, pool: Pool) -> tuple[Any, ds.InvalidRecord | None]:
    """Return a record with 0 to 4 JSON-level mutations (never an odd Python value)."""
    value, invalid = pool.record(rng)
    count = rng.choice([0, 1, 1, 2, 3, 4])
    for _ in range(count):
        value = mutate_json(rng, value, odd=False)
    return value, invalid if count == 0 else None


def bytes_mutated(rng: random.Random, data: bytes, chance: float) -> bytes:
    """With probability ``chance``, 1 to 5 byte-level mutations of ``data``."""
    if rng.random() < chance:
        for _ in range(rng.randint(1, 5)):
            data = mutate_bytes(rng, data)
    return data


def jsonl_file(rng: random.Random, pool: Pool) -> bytes:
    """Return a JSON Lines file of mutated records."""
    ending = b"\n" if rng.random() < 0.8 else b"\r\n"
    lines = [json_text(rng, mutated_record(rng, pool)[0]) for _ in range(rng.randint(1, 5))]
    body = ending.join(lines) + (ending if rng.random() < 0.9 else b"")
    return bytes_mutated(rng, body, 0.6)


def csv_file(rng: random.Random, pool: Pool) -> bytes:
    """Return a CSV file write_csv made, with cells, columns and bytes changed."""
    out = io.BytesIO()
    write_csv(rng.sample(pool.events, rng.randint(1, 4)), out)
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    for _ in range(rng.choice([0, 1, 2, 3])):
        op = rng.choice(["cell", "cell", "cell", "drop column", "add column", "row"])
        if op == "cell" and len(rows) > 1:
            row = rng.choice(rows[1:])
            column = rng.randrange(len(row))
            row[column] = rng.choice(
                [
                    json.dumps(arbitrary_json(rng), ensure_ascii=False),
                    rng.choice(WORDS),
                    "",
                    random_text(rng),
                    json.dumps(mutated_record(rng, pool)[0], ensure_ascii=False),
                ]
            )
        elif op == "drop column":
            column = rng.randrange(len(rows[0]))
            for row in rows:
                del row[column : column + 1]
        elif op == "add column":
            name = rng.choice(["venue", "id", "x_custom", ""])
            for index, row in enumerate(rows):
                row.append(name if index == 0 else rng.choice(WORDS))
        elif len(rows) > 1:
            rows.insert(1, list(rng.choice(rows[1:])))
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator=rng.choice(["\r\n", "\n"])).writerows(rows)
    return bytes_mutated(rng, text.getvalue().encode("utf-8", "surrogatepass"), 0.5)


def json_document(rng: random.Random, pool: Pool) -> bytes:
    """Return a JSON document of mutated records, now and then with a broken envelope."""
    document: Any = {
        "diplomev": "1",
        "events": [mutated_record(rng, pool)[0] for _ in range(rng.randint(0, 4))],
    }
    roll = rng.random()
    if roll < 0.05:
        document["diplomev"] = rng.choice(["2", 1, None])
    elif roll < 0.1:
        document["events"] = rng.choice([{}, "events", None, 3])
    elif roll < 0.15:
        document["extra"] = arbitrary_json(rng)
    elif roll < 0.2:
        document = document["events"]
    return bytes_mutated(rng, json_text(rng, document), 0.5)


FILES: dict[str, Callable[[random.Random, Pool], bytes]] = {
    "jsonl": jsonl_file,
    "csv": csv_file,
    "json": json_document,
}
READERS: dict[str, Callable[..., Any]] = {
    "read_jsonl": read_jsonl,
    "read_csv": read_csv,
    "read_json": read_json,
}

# --- running the targets --------------------------------------------------------------------


class Outcome(enum.Enum):
    """What a target did with one input."""

    ACCEPTED = "accepted"
    REFUSED = "refused"
    ESCAPED = "escaped"


class Run:
    """Counts per target, and the escapes and anomalies met."""

    def __init__(self, run_seed: int, out: Path, keep: int) -> None:
        self.seed = run_seed
        self.out = out
        self.keep = keep
        self.counts: dict[str, collections.Counter[Outcome]] = collections.defaultdict(
            collections.Counter
        )
        self.anomalies: collections.Counter[str] = collections.Counter()
        self.signatures: collections.Counter[tuple[str, str]] = collections.Counter()
        self.reports: list[dict[str, Any]] = []
        self.cli_files = 0
        #: Inputs whose import report did not add up, per importer target.
        self.mismatches: collections.Counter[str] = collections.Counter()

    def count(self, target: str, outcome: Outcome) -> None:
        """Count one outcome of a target."""
        self.counts[target][outcome] += 1

    def escape(
        self, target: str, index: int, data: Any, error: BaseException, **context: Any
    ) -> None:
        """Note an exception that should never leave the target."""
        self.count(target, Outcome.ESCAPED)
        frames = traceback.extract_tb(error.__traceback__)
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        signature = (target, f"{type(error).__name__} at {where}")
        self.signatures[signature] += 1
        if self.signatures[signature] <= self.keep:
            self.reports.append(
                {
                    "what": "escape",
                    "seed": self.seed,
                    "index": index,
                    "target": target,
                    "error": f"{type(error).__name__}: {error}"[:500],
                    "traceback": "".join(traceback.format_exception(error))[-4000:],
                    **describe(data),
                    **context,
                }
            )

    def anomaly(self, what: str, index: int, data: Any, message: str, **context: Any) -> None:
        """Note a check that failed without an exception."""
        self.anomalies[what] += 1
        if self.anomalies[what] <= self.keep:
            self.reports.append(
                {
                    "what": f"anomaly: {what}",
                    "seed": self.seed,
                    "index": index,
                    "message": message[:1000],
                    **describe(data),
                    **context,
                }
            )


def describe(data: Any) -> dict[str, Any]:
    """Return an input as the report keeps it: bytes in base64, Python values as repr."""
    if isinstance(data, bytes):
        return {
            "input_base64": base64.b64encode(data).decode("ascii"),
            "input_preview": repr(data[:300]),
        }
    return {"input_repr": repr(data)[:3000]}


def check_event(run: Run, index: int, event: Any, data: Any, target: str) -> None:
    """Check that an accepted record is an event that survives its own round trip."""
    if not isinstance(event, diplomev.Event):
        run.anomaly("not an event", index, data, repr(event)[:300], target=target)
        return
    try:
        back = diplomev.loads(diplomev.dumps(event))
    except Exception as error:
        run.anomaly("round trip raised", index, data, repr(error), target=target)
        return
    if back != event:
        run.anomaly("round trip changed the record", index, data, repr(event), target=target)


def run_codec(run: Run, index: int, rng: random.Random, pool: Pool) -> None:
    """from_dict on a mutated dict (now and then with odd Python values), loads on its text."""
    value, invalid = pool.record(rng)
    mutations = rng.choice([0, 1, 1, 2, 3, 4])
    for _ in range(mutations):
        value = mutate_json(rng, value, odd=False)
    untouched = invalid if mutations == 0 else None
    text = bytes_mutated(rng, json_text(rng, value), 0.5)
    if rng.random() < 0.2:
        # Values that no JSON parser makes, for callers who build their dicts themselves.
        value = mutate_json(rng, copy.deepcopy(value), odd=True)
        untouched = None
    parse(run, "from_dict", index, value, functools.partial(diplomev.from_dict, value), untouched)
    # Text as bytes, and now and then as str (invalid UTF-8 turned into lone surrogates).
    argument = text.decode("utf-8", "surrogateescape") if rng.random() < 0.2 else text
    parse(run, "loads", index, text, functools.partial(diplomev.loads, argument), None)


def parse(
    run: Run,
    target: str,
    index: int,
    data: Any,
    call: Callable[[], Any],
    invalid: ds.InvalidRecord | None,
) -> None:
    """Call a parser: an event, or a ValidationError (naming an invalid record's labels)."""
    try:
        event = call()
    except diplomev.ValidationError as error:
        run.count(target, Outcome.REFUSED)
        missing = set() if invalid is None else invalid.paths - set(error.paths)
        if missing:
            run.anomaly("labels not reported", index, data, str(sorted(missing)), target=target)
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        run.escape(target, index, data, error)
    else:
        run.count(target, Outcome.ACCEPTED)
        check_event(run, index, event, data, target)
        if invalid is not None:
            run.anomaly("invalid record accepted", index, data, repr(invalid.corruptions))


def run_readers(run: Run, index: int, rng: random.Random, data: bytes) -> None:
    """Every reader, in collect mode, on the same bytes."""
    max_line = rng.choice([None, None, None, 64, 1024])
    for target, reader in READERS.items():
        options: dict[str, Any] = {"errors": "collect"}
        if max_line is not None and target != "read_json":
            options["max_line_bytes"] = max_line
        try:
            with reader(io.BytesIO(data), **options) as records:
                events = list(records)
        except RecordError as error:
            run.count(target, Outcome.REFUSED)
            if target == "read_jsonl":
                run.anomaly("RecordError in collect mode", index, data, str(error), target=target)
            elif not isinstance(error.bad, BadRecord) or not error.bad.errors:
                run.anomaly("RecordError without its BadRecord", index, data, str(error))
            continue
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt):
                raise
            run.escape(target, index, data, error, reader_options=repr(options))
            continue
        bad = [item for item in records.problems if not isinstance(item, BadRecord)]
        if bad or any(not problem.errors for problem in records.problems):
            run.anomaly("problem that is not a BadRecord", index, data, repr(bad), target=target)
        run.count(target, Outcome.REFUSED if records.problems else Outcome.ACCEPTED)
        for event in events:
            check_event(run, index, event, data, target)


SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "json": ".json"}


def run_cli(run: Run, index: int, rng: random.Random, fmt: str, data: bytes, folder: Path) -> None:
    """Run the command line on the file: validate, show, convert (with and without skipping)."""
    run.cli_files += 1
    suffix = SUFFIXES[fmt]
    if rng.random() < 0.2:
        zipped = gzip.compress(data, mtime=0)
        if rng.random() < 0.5:
            zipped = bytes_mutated(rng, zipped, 1.0)
        data, suffix = zipped, suffix + ".gz"
    source = folder / f"input-{index}{suffix}"
    source.write_bytes(data)
    other = rng.choice([s for f, s in SUFFIXES.items() if f != fmt])
    target = folder / f"output-{index}{other}"
    commands = [
        ["validate", str(source)],
        ["show", str(source), "--width", "100"],
        ["convert", "--skip-invalid", str(source), str(target)],
        ["convert", str(source), str(target)],
    ]
    for argv in commands:
        stdout, stderr = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                code = cli.main(argv)
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt):
                raise
            run.escape("cli", index, data, error, command=["diplomev", *argv[:1], "FILE"])
            continue
        if code not in (0, 1, 2):
            run.anomaly("exit code", index, data, f"{argv[0]} exited {code}", command=argv[:1])
        run.count("cli", Outcome.ACCEPTED if code == 0 else Outcome.REFUSED)
        if argv[0] == "validate" and code in (0, 1):
            summary = stdout.getvalue().strip().splitlines()[-1:]
            numbers = [int(word) for word in " ".join(summary).replace(",", " ").split() if
                       word.lstrip("-").isdigit()]  # fmt: skip
            if len(numbers) != 4 or numbers[2] < 0 or numbers[2] + numbers[3] != numbers[0]:
                run.anomaly(
                    "validate summary", index, data, " ".join(summary), command=["validate"]
                )
    for path in (source, target):
        path.unlink(missing_ok=True)


def run_input(
    run: Run,
    index: int,
    pool: Pool | None,
    cli_every: int,
    folder: Path,
    samples: importers.Samples | None = None,
) -> None:
    """Make input ``index`` and put it through every target (core, importers or both)."""
    if pool is not None:
        rng = random.Random(f"{run.seed}:{index}")
        run_codec(run, index, rng, pool)
        fmt = ("jsonl", "csv", "json")[index % 3]
        data = FILES[fmt](rng, pool)
        run_readers(run, index, rng, data)
        if cli_every and index % cli_every == 0:
            run_cli(run, index, rng, fmt, data, folder)
    if samples is not None:
        rng = random.Random(f"{run.seed}:importers:{index}")
        target = importers.TARGETS[index % len(importers.TARGETS)]
        every = cli_every and max(1, cli_every // 2)
        importers.run_importer(
            run, index, rng, samples, target, check_event, Outcome, every, folder
        )


# --- the report -----------------------------------------------------------------------------


def report(run: Run, inputs: int, seconds: float, pool_seconds: float) -> int:
    """Print the summary table; write the escapes and anomalies; return the exit status."""
    print()
    print(f"diplomev fuzz run: seed {run.seed}, {inputs:,} inputs")
    header = (
        f"{'target':<15} {'inputs':>10} {'accepted':>10} {'refused':>10} {'escaped':>8}"
        f" {'accounting':>10}"
    )
    print(header)
    print("-" * len(header))
    targets = ["from_dict", "loads", *READERS, "cli", *importers.TARGETS, "cli importers"]
    for target in targets:
        counts = run.counts[target]
        total = sum(counts.values())
        if not total:
            continue
        label = f"{target}" if target != "cli" else "cli (runs)"
        mismatches = f" {run.mismatches[target]:>10,}" if target in importers.TARGETS else ""
        print(
            f"{label:<15} {total:>10,} {counts[Outcome.ACCEPTED]:>10,} "
            f"{counts[Outcome.REFUSED]:>10,} {counts[Outcome.ESCAPED]:>8,}{mismatches}"
        )
    escapes = sum(run.counts[target][Outcome.ESCAPED] for target in targets)
    print("-" * len(header))
    print(f"CLI: {run.cli_files:,} files, 4 commands each (validate, show, convert x2)")
    print("refused: ValidationError, or a file read with at least one BadRecord / RecordError")
    print(f"escapes: {escapes:,}; anomalies: {sum(run.anomalies.values()):,}")
    for (target, signature), count in sorted(run.signatures.items()):
        print(f"  escape  {target}: {signature} x {count:,}")
    for what, count in sorted(run.anomalies.items()):
        print(f"  anomaly {what} x {count:,}")
    run.out.parent.mkdir(parents=True, exist_ok=True)
    with run.out.open("w", encoding="utf-8") as out:
        for entry in run.reports:
            out.write(json.dumps(entry, ensure_ascii=True) + "\n")
    kept = f"{len(run.reports)} kept" if run.reports else "none"
    print(f"escapes and anomalies ({kept}) written to {run.out}")
    print(f"time: {seconds:.1f} s ({pool_seconds:.1f} s drawing the records to start from)")
    return 1 if escapes or run.anomalies else 0


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; exit status 0 when nothing escaped and nothing was odd."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="how many inputs")
    parser.add_argument("--seed", type=int, default=20260105, help="the run's seed")
    parser.add_argument("--pool", type=int, default=300, help="records drawn to start from")
    parser.add_argument("--cli-every", type=int, default=100, help="CLI on every Nth input")
    parser.add_argument("--keep", type=int, default=20, help="examples kept per escape kind")
    parser.add_argument(
        "--out", type=Path, help="where to write escapes (default: out/fuzz-SEED.jsonl)"
    )
    parser.add_argument("--only", type=int, nargs="+", help="run these inputs only, verbosely")
    parser.add_argument(
        "--targets", choices=["all", "core", "importers"], default="all", help="what to fuzz"
    )
    parser.add_argument(
        "--first", type=int, default=0, help="the first input's index (to split a run)"
    )
    parser.add_argument(
        "--seconds", type=float, help="stop making inputs after this long, and report"
    )
    args = parser.parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    started = time.perf_counter()
    pool = Pool(args.pool, args.seed) if args.targets != "importers" else None
    samples = importers.Samples() if args.targets != "core" else None
    pool_seconds = time.perf_counter() - started
    out = args.out or ROOT / "out" / f"fuzz-{args.seed}.jsonl"
    run = Run(args.seed, out, args.keep)
    indices = args.only if args.only is not None else range(args.first, args.first + args.inputs)
    done = 0
    with tempfile.TemporaryDirectory(prefix="diplomev-fuzz-") as folder:
        for done, index in enumerate(indices, 1):
            every = 1 if args.only else args.cli_every
            run_input(run, index, pool, every, Path(folder), samples)
            if args.seconds is not None and time.perf_counter() - started > args.seconds:
                print(f"stopped after {done:,} inputs (--seconds)", file=sys.stderr)
                break
            if done % 10_000 == 0:
                elapsed = time.perf_counter() - started
                print(f"{done:,} inputs, {elapsed:.0f} s", file=sys.stderr, flush=True)
    if args.only:
        for entry in run.reports:
            print(json.dumps(entry, indent=2, ensure_ascii=False))
    return report(run, done, time.perf_counter() - started, pool_seconds)


if __name__ == "__main__":
    sys.exit(main())
