"""What the importers make of real files: the `diplomev.interop.audit` of each, in one table.

A plain script: ``.venv/bin/python benchmarks/import_quality.py [--out DIR] FILE...``.

Each FILE is ``FORMAT:PATH`` or a PATH whose format is guessed from its name: a
directory is ``history-state``; ``.tab`` is ``icews``, and so is a name with ``icews`` in
it ending ``.jsonl`` (ICEWS-to-JSON); a name with ``plover`` in it is ``plover``;
``.csv``/``.CSV`` (and ``.gz`` of them) with a tab in its first line is ``gdelt``; any
other ``.json``, ``.jsonl`` or ``.csv`` is diplomev's own. It prints a Markdown table:
rows, the share not mapped, unreadable rows, records by kind, records that break each
definition, and actors by type. With ``--out``, each file's full audit (the text of
``diplomev audit``) is written to ``DIR/<file name>.txt`` and the table to
``DIR/summary.md``.

It uses only `audit_file` (and what it reads with), so the same command measures the
code before and after a change: run it with ``PYTHONPATH`` pointing at the other tree.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from diplomev.interop.audit import FORMATS, AuditReport, audit_file

_OWN = {".json": "json", ".jsonl": "jsonl", ".csv": "csv"}


def guess_format(path: Path) -> str:
    """Return the format of ``path`` by the rules of the module's documentation."""
    if path.is_dir():
        return "history-state"
    name = path.name.lower()
    bare = name.removesuffix(".gz")
    if bare.endswith(".tab") or ("icews" in name and bare.endswith(".jsonl")):
        return "icews"
    if "plover" in name:
        return "plover"
    if bare.endswith(".csv"):
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as stream:
            if b"\t" in stream.readline(65536):
                return "gdelt"
    suffix = Path(bare).suffix
    if suffix in _OWN:
        return _OWN[suffix]
    raise SystemExit(f"cannot guess the format of {path}; write FORMAT:PATH ({', '.join(FORMATS)})")


def _parse(argument: str) -> tuple[str, Path]:
    head, sep, tail = argument.partition(":")
    if sep and head in FORMATS:
        return head, Path(tail)
    path = Path(argument)
    return guess_format(path), path


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {n}" for key, n in counts.items()) or "-"


def _actor_types(found: AuditReport) -> str:
    types: dict[str, int] = {}
    for key, n in found.to_dict()["actors"].items():
        kind = key.split(" (")[0]  # organizations together: their kinds are in the full text
        types[kind] = types.get(kind, 0) + n
    return _counts(dict(sorted(types.items(), key=lambda item: (-item[1], item[0]))))


def row(path: Path, fmt: str, found: AuditReport) -> str:
    """Return the table row of one file's audit."""
    data = found.to_dict()
    report = data["import"]
    rows = "-" if report is None else str(report["rows"])
    share = found.unmapped_share
    breaks = {code: v["records"] for code, v in data["breaks"].items()}
    cells = [
        path.name,
        fmt,
        rows,
        "-" if share is None else f"{share:.1%}",
        str(data["bad"]),
        f"{found.total_records}: {_counts(data['records'])}",
        f"{found.broken}: {_counts(breaks)}" if breaks else "0",
        _actor_types(found),
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| file | format | rows | not mapped | unreadable | records by kind | breaking: by code "
    "| actors by type |\n|---|---|---|---|---|---|---|---|"
)


def main(argv: list[str] | None = None) -> int:
    """Audit every FILE, print the table, and write the texts and table under ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", metavar="FILE", help="PATH or FORMAT:PATH")
    parser.add_argument("--out", type=Path, help="write DIR/<name>.txt and DIR/summary.md")
    args = parser.parse_args(argv)
    lines = [HEADER]
    for argument in args.files:
        fmt, path = _parse(argument)
        found = audit_file(str(path), fmt)
        lines.append(row(path, fmt, found))
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            problems = "".join(
                f"unreadable: {bad.source}:{bad.line}: {detail}\n"
                for bad in found.problems
                for detail in bad.errors
            )
            (args.out / f"{path.name}.txt").write_text(f"{found}\n{problems}", encoding="utf-8")
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    if args.out is not None:
        (args.out / "summary.md").write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
