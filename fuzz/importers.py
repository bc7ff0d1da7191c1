"""Fuzz targets of the importers: ICEWS, GDELT, PLOVER and ICEWS-to-JSON (`fuzz.py --targets`).

Each input is a small file made of REAL rows of the shipped samples (``tests/data/interop``:
the ICEWS 2018 sample, the GDELT 2.0 export, the PLOVER gold-standard records, the
ICEWS-to-JSON output), a few to a few dozen, mutated by a generator seeded with
``SEED:importers:INDEX``:

- table cells: a quote opened or closed, non-ASCII digits (``²``, ``٣``, full-width dates),
  ``--5``, huge cells (5,000 digits, 2,000 letters, 20,000 combining marks), tabs and
  newlines inside a cell, a cell dropped or added (the wrong number of columns), the
  header broken;
- JSON records: values replaced (lists and objects where codes are, deep nesting, 900
  levels), trailing commas, a comma or a brace dropped, the shape changed (JSON Lines,
  an array, pretty-printed, an object keyed by id), ``[`` x 100,000;
- bytes: truncation, invalid UTF-8, a byte-order mark, CRLF, lines dropped or doubled.

Each importer reads its file in memory with ``errors="collect"``. It may give records and
`BadRecord` s, or raise `RecordError` for a file that cannot be read as a whole (an ICEWS
file without its header); anything else is an escape. Its report must add up:
``rows == mapped + unmapped + bad``, one record counted per record given; and for the
tables, where every line is a row, ``rows`` must be the number of rows in the file (a
quote that swallowed rows would show here). A mismatch is an anomaly.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import diplomev
from diplomev import cli
from diplomev.interop import read_gdelt, read_icews, read_plover
from diplomev.io import RecordError

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "interop"

TARGETS = ("read_icews", "read_gdelt", "read_plover", "read_icews_json")


class Samples:
    """The real rows every input is made of."""

    def __init__(self) -> None:
        icews = (DATA / "icews__events.2018.sample.tab").read_text("utf-8").splitlines()
        self.icews_header, self.icews_rows = icews[0], icews[1:]
        self.gdelt_rows = (
            (DATA / "gdelt2__20161013151500.export.CSV").read_text("utf-8").splitlines()
        )
        self.plover = json.loads((DATA / "plover__PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
        text = (DATA / "icews-to-jsonl__sample_output.jsonl").read_text("utf-8")
        decoder, index, self.icews_json = json.JSONDecoder(), 0, []
        while index < len(text.rstrip()):
            value, index = decoder.raw_decode(text, index)
            self.icews_json.append(value)
            while index < len(text) and text[index].isspace():
                index += 1


ODD_CELLS = [
    '"', '""', "²", "٣", "\uff12\uff10\uff11\uff18-06-01", "٢٠١٨-06-01", "--5", "-", "", "NA", "NULL",
    "9" * 5000, "x" * 2000, "a" + "\u0301" * 20_000, "\t", "a\tb", "1e999", "nan", "0x10",
    "\x00", "\u202e", "2018-02-30", "13/45/2018", "\uff11\uff12\uff13",
]  # fmt: skip


def mutate_cell(rng: random.Random, cell: str) -> str:
    """One change to a table cell."""
    op = rng.randrange(6)
    if op == 0:
        return '"' + cell
    if op == 1:
        return cell + '"'
    if op == 2:
        return '"' + cell + '"'
    if op == 3 and cell:
        digits = str.maketrans(
            "0123456789",
            rng.choice(
                ["٠١٢٣٤٥٦٧٨٩", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"]
            ),
        )
        return cell.translate(digits)
    return rng.choice(ODD_CELLS)


def table_file(rng: random.Random, header: str | None, rows: list[str]) -> bytes:
    """Make a file of a few real rows (and the header), with cells, rows and bytes changed."""
    chosen = [rng.choice(rows).split("\t") for _ in range(rng.randint(1, 30))]
    for _ in range(rng.choice([0, 1, 1, 2, 3, 6])):
        cells = rng.choice(chosen)
        at = rng.randrange(len(cells))
        op = rng.random()
        if op < 0.75:
            cells[at] = mutate_cell(rng, cells[at])
        elif op < 0.85:
            del cells[at]
        elif op < 0.95:
            cells.insert(at, rng.choice(ODD_CELLS))
        else:
            cells[at] += "\n" + rng.choice(["", "x", "\t".join(rng.choice(rows).split("\t")[:5])])
    lines = ["\t".join(cells) for cells in chosen]
    if header is not None:
        head = header.split("\t")
        if rng.random() < 0.03:
            del head[rng.randrange(len(head))]
        lines.insert(0, "\t".join(head))
    return bytes_mutated(rng, ("\n".join(lines) + "\n").encode("utf-8"))


def bytes_mutated(rng: random.Random, data: bytes) -> bytes:
    """Now and then, one change to the bytes: truncated, bad UTF-8, a BOM, CRLF, lines."""
    roll = rng.random()
    if roll < 0.75:
        return data
    op = rng.randrange(6)
    lines = data.splitlines(keepends=True)
    if op == 0:
        return data[: rng.randint(0, len(data))]
    if op == 1:
        at = rng.randint(0, len(data))
        return data[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80"]) + data[at:]
    if op == 2:
        return b"\xef\xbb\xbf" + data
    if op == 3:
        return data.replace(b"\n", b"\r\n")
    if op == 4 and lines:
        at = rng.randrange(len(lines))
        lines.insert(at, lines[at])
        return b"".join(lines)
    if lines:
        del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def odd_json(rng: random.Random) -> Any:
    """Return a JSON value to put where a record's value was."""
    return rng.choice([
        ["PRK"], {"code": "PRK"}, [[[[["x"]]]]], "²", "٣", "\uff12\uff10\uff11\uff18-06-01", "", "NULL", None,
        True, 1e308, -0.0, 12345678901234567890, "x" * 2000, {"a": [1, {"b": None}]},
        "9" * 5000,
    ])  # fmt: skip


def mutate_record(rng: random.Random, record: Any) -> Any:
    """One change somewhere in a JSON record."""
    if not isinstance(record, dict) or not record:
        return odd_json(rng)
    key = rng.choice(list(record))
    value = record[key]
    op = rng.random()
    if op < 0.3 and isinstance(value, list) and value and isinstance(value[0], dict):
        entity = dict(value[0])
        if entity:
            entity[rng.choice(list(entity))] = odd_json(rng)
        record[key] = [entity, *value[1:]]
    elif op < 0.8:
        record[key] = odd_json(rng)
    elif op < 0.9:
        del record[key]
    else:
        nested: Any = 1
        for _ in range(rng.choice([10, 63, 65, 900])):
            nested = {"a": nested} if rng.random() < 0.5 else [nested]
        record[key] = nested
    return record


def json_file(rng: random.Random, records: list[dict[str, Any]]) -> bytes:
    """Real records, changed, written in one of the shapes drafts come in, then broken."""
    chosen = [json.loads(json.dumps(rng.choice(records))) for _ in range(rng.randint(1, 12))]
    for _ in range(rng.choice([0, 1, 1, 2, 4])):
        at = rng.randrange(len(chosen))
        chosen[at] = mutate_record(rng, chosen[at])
    shape = rng.choice(["lines", "lines", "array", "pretty", "keyed"])
    indent = rng.choice([None, 0, 2, 4])
    if shape == "lines":
        text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in chosen)
    elif shape == "keyed":
        keyed = {f"k{n}": record for n, record in enumerate(chosen)}
        text = json.dumps(keyed, indent=indent or 2, ensure_ascii=False)
    elif shape == "array":
        text = json.dumps(chosen, indent=indent, ensure_ascii=False)
    else:
        text = "\n".join(json.dumps(record, indent=indent or 2) for record in chosen)
    for _ in range(rng.choice([0, 0, 1, 2])):
        op = rng.randrange(5)
        if op == 0:  # a trailing comma
            text = text.replace("\n}", ",\n}", rng.randint(1, 3)).replace('"}', '",}', 1)
        elif op == 1 and "," in text:  # a comma dropped
            at = rng.choice([i for i, c in enumerate(text) if c == ","][:200])
            text = text[:at] + text[at + 1 :]
        elif op == 2 and "}" in text:  # a brace dropped
            at = rng.choice([i for i, c in enumerate(text) if c == "}"][:200])
            text = text[:at] + text[at + 1 :]
        elif op == 3:
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(['"', "[", "{", "]", "}", ":", "\n"]) + text[at:]
        elif rng.random() < 0.05:
            text += "\n" + "[" * 100_000 + "\n"
    return bytes_mutated(rng, text.encode("utf-8"))


MAKERS: dict[str, Callable[[random.Random, Samples], bytes]] = {
    "read_icews": lambda rng, s: table_file(rng, s.icews_header, s.icews_rows),
    "read_gdelt": lambda rng, s: table_file(rng, None, s.gdelt_rows),
    "read_plover": lambda rng, s: json_file(rng, s.plover),
    "read_icews_json": lambda rng, s: json_file(rng, s.icews_json),
}
READERS: dict[str, Callable[..., Any]] = {
    "read_icews": read_icews,
    "read_gdelt": read_gdelt,
    "read_plover": read_plover,
    "read_icews_json": read_icews,
}
CLI_FORMATS = {"read_icews": "icews", "read_gdelt": "gdelt", "read_plover": "plover",
               "read_icews_json": "icews"}  # fmt: skip


def table_rows(data: bytes, header: bool) -> int:
    """Count the rows of a tab-separated file as its importer does.

    They are the lines that are not blank (or cannot be decoded), less the header.
    """
    pieces = data.split(b"\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    if pieces:
        pieces[0] = pieces[0].removeprefix(b"\xef\xbb\xbf")
    count, seen_header = 0, not header
    for piece in pieces:
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError:
            count += 1
            continue
        if not text.strip():
            continue
        if not seen_header:
            seen_header = True
            continue
        count += 1
    return count


def run_importer(run: Any, index: int, rng: random.Random, samples: Samples, target: str,
                 check_event: Callable[..., None], outcome: Any, cli_every: int,
                 folder: Path) -> None:  # fmt: skip
    """Make input ``index`` for ``target`` and read it; count what happened."""
    data = MAKERS[target](rng, samples)
    try:
        with READERS[target](io.BytesIO(data), errors="collect") as reader:
            events = list(reader)
    except RecordError as error:
        run.count(target, outcome.REFUSED)
        if not error.bad.errors:
            run.anomaly("RecordError without its problems", index, data, str(error))
        return
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        run.escape(target, index, data, error)
        return
    report = reader.report
    problems = []
    if report.rows != report.total_mapped + report.total_unmapped + report.bad:
        problems.append(f"rows {report.rows} != mapped {report.total_mapped} + unmapped "
                        f"{report.total_unmapped} + bad {report.bad}")  # fmt: skip
    if sum(report.records.values()) != len(events) or report.bad < len(reader.problems):
        problems.append(f"{len(events)} records, {len(reader.problems)} problems: {report}")
    if target in ("read_icews", "read_gdelt") and data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (
        b"{", b"[",
    ):  # fmt: skip
        expected = table_rows(data, header=target == "read_icews")
        if target == "read_gdelt" and data.startswith(b"GLOBALEVENTID\t"):
            expected -= 1
        if report.rows != expected:
            problems.append(f"{report.rows} rows reported, the file has {expected}")
    if problems:
        run.anomaly("accounting", index, data, "; ".join(problems), target=target)
        run.mismatches[target] += 1
    run.count(target, outcome.REFUSED if reader.problems else outcome.ACCEPTED)
    for event in events:
        check_event(run, index, event, data, target)
    if cli_every and index % cli_every == 0:
        run_cli(run, index, data, target, folder, outcome)


def run_cli(run: Any, index: int, data: bytes, target: str, folder: Path, outcome: Any) -> None:
    """``diplomev convert --from FORMAT --skip-invalid`` on the file: an exit code, no escape."""
    source, out = folder / f"imp-{index}.txt", folder / f"imp-{index}.jsonl"
    source.write_bytes(data)
    argv = ["convert", "--from", CLI_FORMATS[target], "--skip-invalid", str(source), str(out)]
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main(argv)
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        run.escape("cli importers", index, data, error, command=argv[:4])
        return
    if code not in (0, 1, 2):
        run.anomaly("exit code", index, data, f"convert --from exited {code}")
    run.count("cli importers", outcome.ACCEPTED if code == 0 else outcome.REFUSED)
    source.unlink(missing_ok=True)
    out.unlink(missing_ok=True)


__all__ = ["TARGETS", "Samples", "diplomev", "run_importer"]
