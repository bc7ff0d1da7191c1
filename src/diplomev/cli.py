"""The ``diplomev`` command: validate, convert, audit, dedup, schema, show, query.

Run ``diplomev --help`` or ``diplomev COMMAND --help``; ``python -m diplomev`` is the same.
Exit codes: 0 when everything was valid, 1 when invalid records were found, 2 for usage
and I/O errors.

>>> main(["schema", "--help"])  # doctest: +ELLIPSIS
usage: diplomev schema [-h] [--indent N]
...
0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from diplomev.display import terminal_safe, timeline_line
from diplomev.io import (
    BadRecord,
    Reader,
    RecordError,
    read_csv,
    read_json,
    read_jsonl,
    write_csv,
    write_json,
    write_jsonl,
)
from diplomev.records import Event
from diplomev.schema import json_schema

__all__ = ["main", "main_exit"]

OK, INVALID, USAGE = 0, 1, 2

_READERS: dict[str, Callable[..., Reader]] = {
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": read_csv,
}
_WRITERS: dict[str, Callable[..., int]] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
}
_SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
# The event-data standards `convert` also reads and writes (diplomev.interop, loaded on use).
_INTEROP_READERS = ("gdelt", "history-state", "icews", "plover")
_INTEROP_WRITERS = ("icews", "plover")
_PROGRESS_EVERY = 10_000


class _UsageError(Exception):
    pass


def format_of(path: str, override: str | None, option: str = "--format") -> str:
    """Return the format of a file: ``override`` if given, else from its extension.

    >>> format_of("events.jsonl.gz", None), format_of("-", "csv")
    ('jsonl', 'csv')
    """
    if override is not None:
        return override
    name = path[:-3] if path.endswith(".gz") else path
    for suffix, fmt in _SUFFIXES.items():
        if name.endswith(suffix):
            return fmt
    raise _UsageError(f"cannot tell the format of {path!r} from its name; use {option}")


def _progress(records: Iterator[Event], label: str) -> Iterator[Event]:
    """Count records on standard error when it is a terminal; stay quiet otherwise."""
    if not sys.stderr.isatty():
        yield from records
        return
    count = 0
    for count, record in enumerate(records, 1):
        if count % _PROGRESS_EVERY == 0:
            print(
                f"\r{terminal_safe(label)}: {count:,} records", end="", file=sys.stderr, flush=True
            )
        yield record
    if count >= _PROGRESS_EVERY:
        print(f"\r{terminal_safe(label)}: {count:,} records", file=sys.stderr)


def _say(text: object, out: IO[str] | None = None) -> None:
    """Print a line whose text may come from a file: its control characters escaped."""
    print(terminal_safe(str(text)), file=out if out is not None else sys.stdout)


def _say_lines(report: object, out: IO[str]) -> None:
    """Print a report of several lines of our own, each line's text escaped."""
    for line in str(report).split("\n"):
        _say(line, out)


def _print_bad(bad: BadRecord, out: IO[str]) -> None:
    where = bad.source if bad.line is None else f"{bad.source}:{bad.line}"
    for detail in bad.errors:
        _say(f"{where}: {detail}", out)


def _validate(args: argparse.Namespace) -> int:
    invalid = checked = 0
    for path in args.files:
        fmt = format_of(path, args.format)
        try:
            with _READERS[fmt](path, errors="collect") as reader:
                # Each problem is printed when met: the reader keeps only the first ones.
                reader.on_problem = lambda bad: _print_bad(bad, sys.stdout)
                for _ in _progress(reader, path):
                    pass
        except RecordError as e:  # the file as a whole, or past some point, cannot be read
            _print_bad(e.bad, sys.stdout)
            checked += 1
            invalid += 1
        checked += reader.count + reader.bad
        invalid += reader.bad
    files = len(args.files)
    _say(
        f"{checked} records in {files} file{'s' if files != 1 else ''}: "
        f"{checked - invalid} valid, {invalid} invalid"
    )
    return INVALID if invalid else OK


def _convert(args: argparse.Namespace) -> int:
    source_format = format_of(args.input, args.source_format, "--from")
    target_format = format_of(args.output, args.target_format, "--to")
    errors = "collect" if args.skip_invalid else "raise"
    readers: dict[str, Callable[..., Reader]] = dict(_READERS)
    writers: dict[str, Callable[..., Any]] = dict(_WRITERS)
    if source_format in _INTEROP_READERS or target_format in _INTEROP_WRITERS:
        from diplomev import interop

        readers.update(gdelt=interop.read_gdelt, icews=interop.read_icews)
        readers.update(plover=interop.read_plover)
        readers["history-state"] = interop.read_history_state  # a directory or an XML file
        writers.update(icews=interop.write_icews, plover=interop.write_plover)
    with readers[source_format](args.input, errors=errors) as reader:
        reader.on_problem = lambda bad: _print_bad(bad, sys.stderr)
        try:
            written = writers[target_format](_progress(reader, args.input), args.output)
        except RecordError as e:
            _print_bad(e.bad, sys.stderr)
            _say(f"diplomev: {args.output} was not written", sys.stderr)
            return INVALID
    if getattr(reader, "report", None) is not None:  # rows of a standard's file: how each went
        _say_lines(reader.report, sys.stderr)  # type: ignore[attr-defined]
    count = written if isinstance(written, int) else written.records
    if not isinstance(written, int) and (written.lost or written.skipped):
        _say_lines(written, sys.stderr)
    skipped = f", skipped {reader.bad} invalid" if reader.bad else ""
    _say(f"wrote {count} records to {args.output}{skipped}", sys.stderr)
    return INVALID if reader.bad else OK


def _audit(args: argparse.Namespace) -> int:
    from diplomev.interop.audit import audit_file

    fmt = args.source_format
    found = audit_file(
        args.file, format_of(args.file, None, "--from") if fmt == "diplomev" else fmt
    )
    for bad in found.problems:
        _print_bad(bad, sys.stderr)
    if args.json:
        print(json.dumps(found.to_dict(), indent=2))  # ASCII: file text cannot reach the terminal
    else:
        _say_lines(found, sys.stdout)
    return OK


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be in 0..1, got {text}")
    return value


def _dedup(args: argparse.Namespace) -> int:
    from diplomev._files import open_for_writing
    from diplomev.dedup import dedup

    source_format = format_of(args.input, args.source_format, "--from")
    target_format = format_of(args.output, args.target_format, "--to")
    with _READERS[source_format](args.input) as reader:
        try:
            with dedup(_progress(reader, args.input), threshold=args.threshold) as result:
                written = _WRITERS[target_format](result, args.output)
        except RecordError as e:
            _print_bad(e.bad, sys.stderr)
            _say(f"diplomev: {args.output} was not written", sys.stderr)
            return INVALID
    if args.report is not None:
        text = json.dumps(result.report(), indent=2, ensure_ascii=False) + "\n"
        with open_for_writing(args.report) as stream:
            stream.write(text.encode("utf-8"))
    clusters = len(result.clusters)
    found = (
        f"merged {len(result.merged_ids) + clusters} records into {clusters}"
        if clusters
        else "no duplicates"
    )
    _say(
        f"read {result.records} records, compared {result.compared} pairs: {found}; "
        f"wrote {written} records to {args.output}",
        sys.stderr,
    )
    return OK


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=args.indent, ensure_ascii=False))
    return OK


def _show(args: argparse.Namespace) -> int:
    fmt = format_of(args.file, args.format)
    try:
        with _READERS[fmt](args.file, errors="collect") as reader:
            reader.on_problem = lambda bad: _print_bad(bad, sys.stderr)
            events = sorted(reader, key=lambda event: event.date)
    except RecordError as e:  # the file as a whole could not be read
        _print_bad(e.bad, sys.stderr)
        return INVALID
    width = args.width or _terminal_width()
    for event in events:
        _say(timeline_line(event, width=width))
    return INVALID if reader.bad else OK


def _query(args: argparse.Namespace) -> int:
    try:
        from diplomev.arrow import QueryError, query
    except ImportError as e:
        raise _UsageError(f"{e} (the query command needs pip install 'diplomev[duckdb]')") from None
    try:
        table = query(args.files, args.sql)
    except QueryError as e:
        raise _UsageError(str(e)) from None
    rows = [[_cell(value) for value in row.values()] for row in table.to_pylist()]
    if args.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows(rows)
        return OK
    header = [str(name) for name in table.column_names]
    widths = [max([len(name)] + [len(row[i]) for row in rows]) for i, name in enumerate(header)]
    for line in [header, ["-" * width for width in widths], *rows]:
        _say(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
    return OK


def _cell(value: object) -> str:
    """Show one value of a query's result: text as it is, nested values as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _terminal_width() -> int:
    try:
        return max(40, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError):
        return 120


def _parser() -> argparse.ArgumentParser:
    formats = sorted(_READERS)
    parser = argparse.ArgumentParser(
        prog="diplomev",
        description="Validate, convert and show diplomatic-event files (JSON, JSON Lines, CSV).",
        epilog="Exit codes: 0 all valid, 1 invalid records found, 2 usage or I/O error.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check files and list every problem",
        description="Check event files; print each problem as FILE:LINE: $.path: message.",
        epilog="example: diplomev validate events.jsonl more.csv.gz",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a file, or - for stdin")
    validate.add_argument("--format", choices=formats, help="the format of every FILE")
    validate.set_defaults(run=_validate)

    convert = commands.add_parser(
        "convert",
        help="convert between JSON, JSON Lines, CSV, PLOVER, ICEWS and GDELT",
        description="Stream events from IN to OUT; formats follow the file names. PLOVER, "
        "ICEWS, GDELT and history-state (the Office of the Historian's XML, a file or a "
        "directory) need --from/--to; the rows of their files that map to no record are "
        "reported on stderr.",
        epilog="example: diplomev convert events.jsonl events.csv",
    )
    convert.add_argument("input", metavar="IN", help="a file, or - for stdin")
    convert.add_argument("output", metavar="OUT", help="a file (written atomically), or -")
    sources, targets = sorted({*formats, *_INTEROP_READERS}), sorted({*_WRITERS, *_INTEROP_WRITERS})
    convert.add_argument("--from", dest="source_format", choices=sources, help="format of IN")
    convert.add_argument("--to", dest="target_format", choices=targets, help="format of OUT")
    convert.add_argument(
        "--skip-invalid",
        action="store_true",
        help="write the valid records and report the others (default: stop at the first)",
    )
    convert.set_defaults(run=_convert)

    audit = commands.add_parser(
        "audit",
        help="count records: kinds, definitions broken, actors, rows lost",
        description="Read FILE once and print what it holds: records by kind, records that "
        "break a kind's definition (with example ids), actors by type, importers' notes and, "
        "for PLOVER, ICEWS, GDELT and history-state, the rows that became no record, by "
        "reason. Unreadable rows are counted (the first few shown on stderr). Exit 0.",
        epilog="example: diplomev audit --from gdelt 20161013151500.export.CSV",
    )
    audit.add_argument("file", metavar="FILE", help="a file (a directory for history-state)")
    audit.add_argument(
        "--from",
        dest="source_format",
        choices=["diplomev", *_INTEROP_READERS],
        default="diplomev",
        help="format of FILE (default: diplomev's own, JSON, JSON Lines or CSV by its name)",
    )
    audit.add_argument("--json", action="store_true", help="print the report as JSON")
    audit.set_defaults(run=_audit)

    dedup = commands.add_parser(
        "dedup",
        help="merge the reports of one event into one record",
        description="Read IN, find the records that report one event (see docs/dedup.md), "
        "and write to OUT each unchanged record and one merged record per cluster, every "
        "source kept, links to merged ids sent to the survivor. The report lists the "
        "clusters, the scores that joined them and the fields the reports disagree on.",
        epilog="example: diplomev dedup reports.jsonl events.jsonl --report dedup.json",
    )
    dedup.add_argument("input", metavar="IN", help="a file, or - for stdin")
    dedup.add_argument("output", metavar="OUT", help="a file (written atomically), or -")
    dedup.add_argument(
        "--threshold",
        type=_threshold,
        default=0.75,
        metavar="T",
        help="the similarity (0..1) at which two records are one event (default 0.75)",
    )
    dedup.add_argument("--report", metavar="FILE", help="write the clusters and conflicts as JSON")
    dedup.add_argument("--from", dest="source_format", choices=formats, help="format of IN")
    dedup.add_argument("--to", dest="target_format", choices=sorted(_WRITERS), help="format of OUT")
    dedup.set_defaults(run=_dedup)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of an event",
        description="Print the JSON Schema (draft 2020-12) of one event.",
        epilog="example: diplomev schema > event.schema.json",
    )
    schema.add_argument("--indent", type=int, default=2, metavar="N", help="indentation")
    schema.set_defaults(run=_schema)

    show = commands.add_parser(
        "show",
        help="print a readable timeline of a file's events",
        description="Print one line per event, earliest first: date, kind, status, who, summary.",
        epilog="example: diplomev show events.jsonl",
    )
    show.add_argument("file", metavar="FILE", help="a file, or - for stdin")
    show.add_argument("--format", choices=formats, help="the format of FILE")
    show.add_argument("--width", type=int, help="cut lines to this width")
    show.set_defaults(run=_show)

    query = commands.add_parser(
        "query",
        help="run SQL with DuckDB over Parquet datasets and JSON Lines",
        description="Run SQL over the events of FILES, seen as one table named events: "
        "Parquet datasets written by diplomev.arrow.write_parquet (folders) or Parquet "
        "files, and JSON Lines files (validated, in the same columns). Needs "
        "pip install 'diplomev[duckdb]'. Columns: see docs/at-scale.md.",
        epilog='example: diplomev query events/ "SELECT visit.host, year, count(*) FROM '
        "events WHERE type = 'visit' GROUP BY ALL\"",
    )
    query.add_argument("files", nargs="+", metavar="FILE", help="a dataset folder or a file")
    query.add_argument("sql", metavar="SQL", help="the query; the table is events")
    query.add_argument("--csv", action="store_true", help="print the result as CSV")
    query.set_defaults(run=_query)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    >>> main(["validate", "/nonexistent.jsonl"])
    2
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except _UsageError as e:
        _say(f"diplomev: error: {e}", sys.stderr)
        return USAGE
    except BrokenPipeError:
        # The reader went away (diplomev show ... | head): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    except OSError as e:
        _say(f"diplomev: error: {e.strerror or e}: {e.filename or ''}".rstrip(": "), sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130


def main_exit() -> None:
    """Entry point of the installed ``diplomev`` script: run `main` and exit with its code.

    >>> import sys
    >>> saved, sys.argv = sys.argv, ["diplomev", "schema", "--help"]
    >>> try:  # doctest: +ELLIPSIS
    ...     main_exit()
    ... except SystemExit as exit_:
    ...     print("exit code", exit_.code)
    usage: diplomev schema ...
    exit code 0
    >>> sys.argv = saved
    """
    sys.exit(main())
