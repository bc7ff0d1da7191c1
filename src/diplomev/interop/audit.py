"""Audit a file's records: their kinds, the definitions they break, their actors, the rows lost.

An import can succeed, every record valid, and still not be what one wants: half the
"visits" domestic, the actors all countries, most rows mapped to nothing. `audit` reads
records once, as a stream, and counts what one needs to judge them at a glance:

- records by kind;
- records that break each definition of `diplomev.interop.definitions` (by ``code``,
  with a few example ids), counted through `breaks`, the one place the definitions live;
- actors by type (``country``, ``person``, ``organization (igo)``...), overall and per
  kind and field (``visit.visitor``);
- the notes importers left in ``x_import_notes`` (what they changed to make a record hold
  its definition), by code;
- with the importer's `ImportReport`: the rows that became no record, by reason, and
  their share of all rows.

Memory grows with the number of kinds, codes and reasons, not with the file.

>>> from diplomev import Country, Person, Summit, Visit
>>> records = [
...     Visit(id="v1", date="2024-03-01", host="IND",
...           visitor=Person(name="Narendra Modi", country="IND")),
...     Summit(id="s1", date="2019-06-01",
...            participants=[Country(code="TUR"), Country(code="VEN")]),
... ]
>>> report = audit(records, source="two.jsonl")
>>> dict(report.records), dict(report.breaks), report.examples["domestic_visit"]
({'visit': 1, 'summit': 1}, {'domestic_visit': 1}, ['v1'])
>>> print(report)
two.jsonl
  records     2: summit 1, visit 1
  breaks      1: records that break a definition
    domestic_visit 1: v1
  actors      4: country 3, person 1
    summit.participants: country 2
    visit.host: country 1
    visit.visitor: person 1
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from diplomev._files import Target
from diplomev.actors import Actor, Organization
from diplomev.interop._report import ImportReport
from diplomev.interop.definitions import NOTES, breaks
from diplomev.io import BadRecord, Reader, RecordError, read_csv, read_json, read_jsonl
from diplomev.records import Event
from diplomev.records.event import event_type_name

__all__ = ["EXAMPLES", "FORMATS", "PROBLEMS", "AuditReport", "audit", "audit_file"]

EXAMPLES = 3
"""How many example ids an `AuditReport` keeps for each definition broken."""

PROBLEMS = 5
"""How many unreadable rows `audit_file` keeps (as `BadRecord` s); the others are counted."""

FORMATS = ("csv", "gdelt", "history-state", "icews", "json", "jsonl", "plover")
"""The formats `audit_file` reads: diplomev's own three, and the importers' four."""

# The text form lists this many reasons for unmapped rows (`AuditReport.to_dict` has all).
_REASONS_SHOWN = 8
_COMMON_FIELDS = frozenset(field.name for field in attrs.fields(Event))


def _type_of(actor: Actor) -> str:
    """Name an actor's type for the audit: its class, and an organization's kind."""
    name = type(actor).__name__.lower()
    return f"{name} ({actor.kind})" if isinstance(actor, Organization) else name


_OWN_FIELDS: dict[type[Event], tuple[str, ...]] = {}


def _own_fields(cls: type[Event]) -> tuple[str, ...]:
    if cls not in _OWN_FIELDS:
        names = (field.name for field in attrs.fields(cls))
        _OWN_FIELDS[cls] = tuple(name for name in names if name not in _COMMON_FIELDS)
    return _OWN_FIELDS[cls]


def _why(code: str, reason: str) -> str:
    """Drop the code's own label from an importer's reason, so that reasons add up across codes.

    Importers write ``"<code> <label>: <why>"`` ("010 Make statement: no diplomev kind").
    """
    if reason.startswith(code) and ": " in reason:
        return reason.split(": ", 1)[1]
    return reason


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{key} {count}" for key, count in _ranked(counter))


def _actor_counts(counter: Counter[str]) -> str:
    """Organizations as one count, their kinds in brackets: ``organization 3 (igo 2, ngo 1)``."""
    kinds = Counter(
        {
            key[len(_ORGANIZATION) : -1]: n
            for key, n in counter.items()
            if key.startswith(_ORGANIZATION)
        }
    )
    counts = Counter({key: n for key, n in counter.items() if not key.startswith(_ORGANIZATION)})
    if kinds:
        counts["organization"] = sum(kinds.values())
    return ", ".join(
        f"{key} {n} ({_counts(kinds)})" if key == "organization" and kinds else f"{key} {n}"
        for key, n in _ranked(counts)
    )


_ORGANIZATION = "organization ("


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    """Most frequent first, then by name: the order every list of the report uses."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


@attrs.define(kw_only=True, eq=False)
class AuditReport:
    """What `audit` counted in one stream of records (see the module's documentation).

    ``records`` counts records by kind; ``breaks`` the records that break each definition
    (by code; a record counts once per code), with up to `EXAMPLES` ids each in
    ``examples``; ``broken`` the records that break any; ``actors`` the actors by type
    and ``fields`` by ``kind.field`` then type; ``notes`` the importers' notes by code;
    ``bad`` the records or rows that could not be read, the first `PROBLEMS` of them in
    ``problems``; ``import_report`` the importer's report, if any.

    >>> report = AuditReport(source="-")
    >>> report.total_records, report.unmapped_share is None
    (0, True)
    """

    source: str
    import_report: ImportReport | None = None
    records: Counter[str] = attrs.field(factory=Counter)
    breaks: Counter[str] = attrs.field(factory=Counter)
    examples: dict[str, list[str]] = attrs.field(factory=dict)
    broken: int = 0
    actors: Counter[str] = attrs.field(factory=Counter)
    fields: dict[str, Counter[str]] = attrs.field(factory=dict)
    notes: Counter[str] = attrs.field(factory=Counter)
    bad: int = 0
    problems: list[BadRecord] = attrs.field(factory=list)

    def add(self, event: Event) -> None:
        """Count one record.

        >>> from diplomev import Country, Person, Summit
        >>> report = AuditReport(source="-")
        >>> report.add(Summit(id="s", date="2024", participants=[
        ...     Country(code="IND"), Person(name="Narendra Modi", country="IND")]))
        >>> dict(report.breaks), dict(report.fields["summit.participants"])
        ({'country_beside_leader': 1, 'one_country_summit': 1}, {'country': 1, 'person': 1})
        """
        kind = event_type_name(type(event))
        self.records[kind] += 1
        codes = {found.code for found in breaks(event)}
        self.broken += bool(codes)
        for code in sorted(codes):
            self.breaks[code] += 1
            examples = self.examples.setdefault(code, [])
            if len(examples) < EXAMPLES:
                examples.append(event.id)
        for name in _own_fields(type(event)):
            for actor in event.actors((name,)):
                found = _type_of(actor)
                self.actors[found] += 1
                self.fields.setdefault(f"{kind}.{name}", Counter())[found] += 1
        notes = event.extensions.get(NOTES)
        if isinstance(notes, list | tuple):
            for note in notes:
                if isinstance(note, Mapping) and isinstance(note.get("code"), str):
                    self.notes[note["code"]] += 1

    @property
    def total_records(self) -> int:
        """The records counted, of every kind.

        >>> AuditReport(source="-").total_records
        0
        """
        return sum(self.records.values())

    def unmapped_by_reason(self) -> dict[str, int]:
        """Return the rows that became no record, by reason, most first.

        A reason is the importer's without the code's label, so reasons add up across codes.


        >>> report = ImportReport(source="-", format="icews")
        >>> report.add_unmapped("010", "010 Make statement: no diplomev kind", rows=2)
        >>> report.add_unmapped("020", "020 Make an appeal or request: no diplomev kind")
        >>> AuditReport(source="-", import_report=report).unmapped_by_reason()
        {'no diplomev kind': 3}
        """
        counts: Counter[str] = Counter()
        if self.import_report is not None:
            for (code, reason), rows in self.import_report.unmapped.items():
                counts[_why(code, reason)] += rows
        return dict(_ranked(counts))

    @property
    def unmapped_share(self) -> float | None:
        """The share of the input's rows that became no record, or None without rows.

        >>> report = ImportReport(source="-", format="gdelt", rows=4)
        >>> report.add_unmapped("010", "no kind", rows=3)
        >>> AuditReport(source="-", import_report=report).unmapped_share
        0.75
        """
        report = self.import_report
        if report is None or report.rows == 0:
            return None
        return report.total_unmapped / report.rows

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data.

        >>> AuditReport(source="a.jsonl").to_dict()["breaks"]
        {}
        """
        report = self.import_report
        return {
            "source": self.source,
            "format": None if report is None else report.format,
            "records": dict(_ranked(self.records)),
            "total_records": self.total_records,
            "breaks": {
                code: {"records": count, "examples": self.examples[code]}
                for code, count in _ranked(self.breaks)
            },
            "records_breaking": self.broken,
            "actors": dict(_ranked(self.actors)),
            "actors_by_field": {
                field: dict(_ranked(counts)) for field, counts in sorted(self.fields.items())
            },
            "notes": dict(_ranked(self.notes)),
            "bad": self.bad if report is None else report.bad,
            "import": None if report is None else report.to_dict(),
            "unmapped_by_reason": self.unmapped_by_reason(),
            "unmapped_share": self.unmapped_share,
        }

    def _rows_line(self, report: ImportReport) -> str:
        share = self.unmapped_share
        percent = "" if share is None else f" ({share:.1%})"
        return (
            f"  rows     {report.rows:>4}: {report.total_mapped} into records, "
            f"{report.total_unmapped} not mapped{percent}, {report.bad} unreadable"
        )

    def __str__(self) -> str:
        report = self.import_report
        title = self.source if report is None else f"{self.source} ({report.format})"
        lines = [title]
        if report is not None:
            lines.append(self._rows_line(report))
        elif self.bad:
            lines.append(f"  unreadable {self.bad}")
        lines.append(f"  records  {self.total_records:>4}: {_counts(self.records) or '-'}")
        if self.breaks:
            lines.append(f"  breaks   {self.broken:>4}: records that break a definition")
            lines.extend(
                f"    {code} {count}: {', '.join(self.examples[code])}"
                for code, count in _ranked(self.breaks)
            )
        if self.notes:
            lines.append(f"  notes    {sum(self.notes.values()):>4}: {_counts(self.notes)}")
        if self.actors:
            total = sum(self.actors.values())
            lines.append(f"  actors   {total:>4}: {_actor_counts(self.actors)}")
            lines.extend(
                f"    {field}: {_actor_counts(counts)}"
                for field, counts in sorted(self.fields.items())
            )
        reasons = list(self.unmapped_by_reason().items())
        if reasons:
            lines.append("  not mapped, by reason:")
            lines.extend(f"    {rows:>6}  {reason}" for reason, rows in reasons[:_REASONS_SHOWN])
            if len(reasons) > _REASONS_SHOWN:
                lines.append(f"    ... {_plural(len(reasons) - _REASONS_SHOWN, 'more reason')}")
        if report is not None and report.unread_from is not None:
            lines.append(f"  incomplete: nothing could be read from line {report.unread_from} on")
        return "\n".join(lines)


def audit(
    events: Iterable[Event], report: ImportReport | None = None, *, source: str | None = None
) -> AuditReport:
    """Count what ``events`` hold; with an importer's ``report``, what its rows became too.

    ``events`` is read once, as a stream (an importer's reader: pass its ``report``, which
    is complete once the reader is read). ``source`` names the input (default: the
    report's source, else ``"-"``).

    >>> import io, json
    >>> from diplomev.interop import read_plover
    >>> rows = [{"id": "a", "date": "2018-06-12", "event": "CONSULT",
    ...          "actor": [{"code": "PRK"}, {"code": "USA"}]},
    ...         {"id": "b", "date": "2018-06-12", "event": "ASSAULT", "actor": [{"code": "SYR"}]}]
    >>> data = io.BytesIO(json.dumps(rows).encode())
    >>> with read_plover(data) as reader:
    ...     result = audit(reader, reader.report)
    >>> dict(result.records), result.unmapped_share, result.unmapped_by_reason()
    ({'summit': 1}, 0.5, {'no diplomev kind': 1})
    """
    name = source if source is not None else report.source if report is not None else "-"
    found = AuditReport(source=name, import_report=report)
    for event in events:
        found.add(event)
    return found


def _readers() -> dict[str, Callable[..., Reader]]:
    from diplomev import interop  # the importers load on use, as everywhere in diplomev

    return {
        "csv": read_csv,
        "json": read_json,
        "jsonl": read_jsonl,
        "gdelt": interop.read_gdelt,
        "history-state": interop.read_history_state,
        "icews": interop.read_icews,
        "plover": interop.read_plover,
    }


def audit_file(source: Target, format: str) -> AuditReport:
    r"""Read ``source`` in ``format`` (one of `FORMATS`) and `audit` it; never raise for its rows.

    Rows or records that cannot be read are counted in ``bad`` (the first in ``problems``),
    including a file that cannot be read past some point. Errors opening the file (it
    does not exist) are raised as usual; an unknown ``format`` raises ValueError.

    >>> import io
    >>> data = io.BytesIO(b'{"type": "visit", "id": "v", "date": "2024-03-01",'
    ...                   b' "host": "IND", "visitor": {"type": "country", "code": "IND"}}\n'
    ...                   b'{"type": "visit", "id": 7}\n')
    >>> found = audit_file(data, "jsonl")
    >>> dict(found.records), dict(found.breaks), found.bad, found.problems[0].line
    ({'visit': 1}, {'domestic_visit': 1}, 1, 2)
    """
    readers = _readers()
    if format not in readers:
        raise ValueError(f"cannot audit {format!r}: the formats are {', '.join(FORMATS)}")
    unreadable: list[BadRecord] = []

    def records(reader: Reader) -> Iterator[Event]:
        try:
            yield from reader
        except RecordError as e:  # the file as a whole, or past some point, cannot be read
            unreadable.append(e.bad)

    with readers[format](source, errors="collect") as reader:
        found = audit(records(reader), getattr(reader, "report", None))
    if isinstance(source, str | os.PathLike):
        found.source = os.fspath(source)
    found.bad = reader.bad + len(unreadable)
    found.problems = [*reader.problems, *unreadable][:PROBLEMS]
    return found
