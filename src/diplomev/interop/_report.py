"""What an importer or exporter did with every row: the reports of `diplomev.interop`.

Importers of foreign formats (PLOVER, ICEWS, GDELT) return an `ImportReader`: the
`diplomev.io.Reader` of the records built, plus an `ImportReport` that accounts for every
input row. A row either went into a record (counted by kind), did not map to any diplomev
kind (counted by its code, with the reason), or could not be read at all (a `BadRecord` in
``reader.problems``). Nothing is dropped in silence:

>>> report = ImportReport(source="events.tab", format="icews")
>>> report.add_mapped("visit", rows=2)
>>> report.add_unmapped("010", "010 Make statement: no diplomev kind", rows=3)
>>> report.rows = 5
>>> report.records["visit"] += 1
>>> report.unmapped_by_code()
{'010': 3}
>>> report.is_complete()
True
>>> print(report)
events.tab (icews): 5 rows: 2 in 1 record, 3 not mapped, 0 unreadable
  records: visit 1 (from 2 rows)
  not mapped: 010 x3: 010 Make statement: no diplomev kind
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import IO, Any

import attrs

from diplomev._files import Target, name_of, open_for_reading
from diplomev.errors import DiplomevError
from diplomev.io import BadRecord, ErrorMode, Reader
from diplomev.records import Event

__all__ = ["ExportReport", "ImportReader", "ImportReport", "Unmapped"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@attrs.define(kw_only=True, eq=False)
class ImportReport:
    """How the rows of one imported file were accounted for.

    ``rows`` counts input rows (records of a JSON file, lines of a table); ``records``
    the records built, by kind; ``mapped_rows`` the rows that went into them, by kind;
    ``unmapped`` the rows that map to no kind, by ``(code, reason)``; ``bad`` the rows
    that could not be read (each one is a `BadRecord` in the reader's ``problems``). When
    the reader is exhausted, ``rows == mapped + unmapped + bad``; ``unread_from`` is the
    line from which the input could not be read at all (damaged gzip data, a JSON value
    the file ends inside), or None (see `is_complete`).

    >>> report = ImportReport(source="gsr.json", format="plover")
    >>> report.add_unmapped("DOCUMENT", "file metadata, not an event")
    >>> report.rows, report.total_unmapped
    (0, 1)
    """

    source: str
    format: str
    rows: int = 0
    records: Counter[str] = attrs.field(factory=Counter)
    mapped_rows: Counter[str] = attrs.field(factory=Counter)
    unmapped: Counter[tuple[str, str]] = attrs.field(factory=Counter)
    bad: int = 0
    unread_from: int | None = None

    def add_mapped(self, kind: str, rows: int = 1) -> None:
        """Count ``rows`` rows that went into records of ``kind``.

        >>> report = ImportReport(source="-", format="gdelt")
        >>> report.add_mapped("summit", rows=4)
        >>> report.mapped_rows["summit"]
        4
        """
        self.mapped_rows[kind] += rows

    def add_unmapped(self, code: str, reason: str, rows: int = 1) -> None:
        """Count ``rows`` rows with ``code`` that became no record, and say why.

        >>> report = ImportReport(source="-", format="gdelt")
        >>> report.add_unmapped("190", "190 Use conventional military force: no diplomev kind")
        >>> report.unmapped_by_code()
        {'190': 1}
        """
        self.unmapped[(code, reason)] += rows

    @property
    def total_mapped(self) -> int:
        """Rows that went into records.

        >>> ImportReport(source="-", format="icews").total_mapped
        0
        """
        return sum(self.mapped_rows.values())

    @property
    def total_unmapped(self) -> int:
        """Rows that map to no diplomev kind.

        >>> ImportReport(source="-", format="icews").total_unmapped
        0
        """
        return sum(self.unmapped.values())

    def unmapped_by_code(self) -> dict[str, int]:
        """Return the unmapped rows per code, most frequent first (then by code).

        >>> report = ImportReport(source="-", format="icews")
        >>> report.add_unmapped("010", "no kind", rows=2)
        >>> report.add_unmapped("042", "a visit needs a host country")
        >>> report.add_unmapped("042", "no actor")
        >>> report.unmapped_by_code()
        {'010': 2, '042': 2}
        """
        counts: Counter[str] = Counter()
        for (code, _), rows in self.unmapped.items():
            counts[code] += rows
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def is_complete(self) -> bool:
        """Tell whether every row is accounted for, and the whole input was read.

        Every row is mapped, unmapped or unreadable, and ``unread_from`` is None.

        >>> report = ImportReport(source="-", format="icews", rows=1)
        >>> report.is_complete()
        False
        >>> ImportReport(source="-", format="plover", unread_from=12).is_complete()
        False
        """
        counted = self.rows == self.total_mapped + self.total_unmapped + self.bad
        return counted and self.unread_from is None

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data.

        >>> ImportReport(source="a.tab", format="icews").to_dict()["records"]
        {}
        """
        return {
            "source": self.source,
            "format": self.format,
            "rows": self.rows,
            "records": dict(sorted(self.records.items())),
            "mapped_rows": dict(sorted(self.mapped_rows.items())),
            "unmapped": [
                {"code": code, "reason": reason, "rows": rows}
                for (code, reason), rows in sorted(
                    self.unmapped.items(), key=lambda item: (-item[1], item[0])
                )
            ],
            "unmapped_by_code": self.unmapped_by_code(),
            "bad": self.bad,
            "unread_from": self.unread_from,
        }

    def __str__(self) -> str:
        records = sum(self.records.values())
        lines = [
            f"{self.source} ({self.format}): {_plural(self.rows, 'row')}: "
            f"{self.total_mapped} in {_plural(records, 'record')}, "
            f"{self.total_unmapped} not mapped, {self.bad} unreadable"
        ]
        if self.records:
            kinds = ", ".join(
                f"{kind} {count} (from {_plural(self.mapped_rows[kind], 'row')})"
                for kind, count in sorted(self.records.items())
            )
            lines.append(f"  records: {kinds}")
        for (code, reason), rows in sorted(
            self.unmapped.items(), key=lambda item: (-item[1], item[0])
        ):
            lines.append(f"  not mapped: {code} x{rows}: {reason}")
        if self.unread_from is not None:
            lines.append(f"  incomplete: nothing could be read from line {self.unread_from} on")
        return "\n".join(lines)


class ImportReader(Reader):
    """A `diplomev.io.Reader` of imported records that also carries their `ImportReport`.

    The report is complete once the reader is exhausted (the ICEWS and GDELT importers,
    which group rows spread over the file, give their records once it is all read).

    >>> report = ImportReport(source="-", format="plover")
    >>> reader = ImportReader(iter([]), "collect", report)
    >>> list(reader), reader.report.rows
    ([], 0)
    """

    def __init__(
        self, items: Iterator[Event | BadRecord], errors: ErrorMode, report: ImportReport
    ) -> None:
        super().__init__(items, errors)
        #: How every row of the input was accounted for.
        self.report = report

    def __enter__(self) -> ImportReader:
        return self


def import_reader(
    source: Target,
    format: str,
    errors: ErrorMode,
    items: Callable[[bytes, str, ImportReport], Iterator[Event | BadRecord]],
) -> ImportReader:
    r"""Return the `ImportReader` of an importer that reads the whole of ``source`` at once.

    ``items(data, name, report)`` turns the bytes of the file into records and bad rows,
    accounting for every row in ``report``. The file is opened at the first record, not
    before: an importer that is never read opens nothing.

    >>> import io
    >>> def count(data, name, report):
    ...     report.rows = data.count(b"\n")
    ...     yield from ()
    >>> reader = import_reader(io.BytesIO(b"a\nb\n"), "example", "raise", count)
    >>> reader.report.rows, list(reader), reader.report.rows
    (0, [], 2)
    """
    name = name_of(source)
    report = ImportReport(source=name, format=format)

    def read() -> Iterator[Event | BadRecord]:
        with open_for_reading(source) as stream:
            data = stream.read()
        yield from items(data, name, report)

    return ImportReader(read(), errors, report)


def stream_reader(
    source: Target,
    format: str,
    errors: ErrorMode,
    items: Callable[[IO[bytes], str, ImportReport], Iterator[Event | BadRecord]],
) -> ImportReader:
    r"""Return the `ImportReader` of an importer that reads ``source`` as a stream.

    Like `import_reader`, but ``items(stream, name, report)`` gets the open binary stream
    (gunzipped incrementally for ``.gz`` paths), so memory does not grow with the file.

    >>> import io
    >>> def count(stream, name, report):
    ...     report.rows = sum(1 for _ in stream)
    ...     yield from ()
    >>> reader = stream_reader(io.BytesIO(b"a\nb\n"), "example", "raise", count)
    >>> list(reader), reader.report.rows
    ([], 2)
    """
    name = name_of(source)
    report = ImportReport(source=name, format=format)

    def read() -> Iterator[Event | BadRecord]:
        with open_for_reading(source) as stream:
            yield from items(stream, name, report)

    return ImportReader(read(), errors, report)


@attrs.define(kw_only=True, eq=False)
class ExportReport:
    """What an exporter wrote: records and rows, records it could not write, fields lost.

    ``lost`` counts, per field (wire key), the records whose value for it the target
    format could not hold, so it is not in the output; ``skipped`` counts records not
    written at all, by reason.

    >>> report = ExportReport(target="out.tab", format="icews", records=2, rows=4)
    >>> report.lost["summary"] += 2
    >>> print(report)
    out.tab (icews): wrote 2 records in 4 rows
      not held by icews: summary (2 records)
    """

    target: str
    format: str
    records: int = 0
    rows: int = 0
    skipped: Counter[str] = attrs.field(factory=Counter)
    lost: Counter[str] = attrs.field(factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data.

        >>> ExportReport(target="-", format="plover").to_dict()["lost"]
        {}
        """
        return {
            "target": self.target,
            "format": self.format,
            "records": self.records,
            "rows": self.rows,
            "skipped": dict(sorted(self.skipped.items())),
            "lost": dict(sorted(self.lost.items())),
        }

    def __str__(self) -> str:
        lines = [
            f"{self.target} ({self.format}): wrote {_plural(self.records, 'record')} "
            f"in {_plural(self.rows, 'row')}"
        ]
        for reason, count in sorted(self.skipped.items()):
            lines.append(f"  not written: {_plural(count, 'record')}: {reason}")
        if self.lost:
            fields = ", ".join(
                f"{field} ({_plural(count, 'record')})"
                for field, count in sorted(self.lost.items(), key=lambda i: (-i[1], i[0]))
            )
            lines.append(f"  not held by {self.format}: {fields}")
        return "\n".join(lines)


class Unmapped(DiplomevError):
    """A foreign record that maps to no diplomev kind: its ``code`` and the ``reason``.

    >>> from diplomev.interop.plover import from_plover
    >>> try:
    ...     from_plover({"id": "x", "date": "2018-06-01", "event": "ASSAULT",
    ...                  "actor": [{"code": "SYR"}]})
    ... except Unmapped as e:
    ...     print(e.code, "-", e.reason)
    ASSAULT - ASSAULT: no diplomev kind
    """

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason
