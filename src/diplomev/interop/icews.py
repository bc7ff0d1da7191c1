r"""ICEWS event tables: read them into diplomev records, write records back as ICEWS rows.

ICEWS (the Integrated Crisis Early Warning System, on Harvard Dataverse) codes each
report of an event as directed CAMEO rows, one per dyad and per story: a visit is a 042
row and a 043 row, repeated for every story that mentions it. `read_icews` maps the rows
whose CAMEO code has a diplomev kind (see `diplomev.interop.cameo.code_meaning`) and
groups the rows of one event into one record whose sources keep every story it came from;
every other row is counted in the reader's ``report`` by code, with the reason.

>>> import io
>>> table = (
...     "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
...     "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
...     "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n"
...     "1\t2018-06-01\tKim Yong-chol\tNA\tNorth Korea\tMake a visit\t042\t1.9\t"
...     "United States\tNA\tUnited States\t47400718\t4\tXinhua News Agency\t"
...     "New York City\tNA\tNew York\tUnited States\t40.7143\t-74.006\n"
...     "2\t2018-06-01\tUnited States\tNA\tUnited States\tHost a visit\t043\t2.8\t"
...     "Kim Yong-chol\tNA\tNorth Korea\t47405831\t3\tEFE News Service\t"
...     "NA\tNA\tNA\tUnited States\tNA\tNA\n"
...     "3\t2018-06-01\tKim Yong-chol\tNA\tNorth Korea\tMake statement\t010\t0\t"
...     "North Korea\tNA\tNorth Korea\t47401841\t5\tAgence France-Presse\t"
...     "NA\tNA\tNA\tNA\tNA\tNA\n")
>>> with read_icews(io.BytesIO(table.encode())) as reader:
...     visit, statement = reader
>>> visit.id, visit.visitor.name, visit.host, [s.url for s in visit.sources]
('visit-2018-06-01-prk-to-usa', 'Kim Yong-chol', 'USA', ['urn:icews:story:47400718', 'urn:icews:story:47405831'])
>>> statement.speakers[0].name, statement.purpose.value
('Kim Yong-chol', 'position')
>>> dict(reader.report.records), reader.report.is_complete()
({'visit': 1, 'statement': 1}, True)

The files ICEWS-to-JSON writes (pretty-printed JSON records with a CAMEO ``event`` code
but no actors) are read too; their rows cannot make records, and the report says why.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from diplomev._files import Target, name_of, open_for_writing
from diplomev._lines import LineProblem, text_lines
from diplomev.codec import to_dict
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError
from diplomev.interop._dyads import CameoRow, build_records
from diplomev.interop._icews_cells import (
    _actor_cells,
    _date,
    _first_day,
    _location_cells,
    _sentence,
    read_actor,
    read_location,
)
from diplomev.interop._json_items import json_items
from diplomev.interop._report import ExportReport, ImportReader, ImportReport, stream_reader
from diplomev.interop._tables import CELL_MAX, is_code, present, sniff, too_long_message
from diplomev.interop.cameo import dyads, event_name, goldstein
from diplomev.io import DEFAULT_MAX_LINE_BYTES, BadRecord, ErrorMode, RecordError
from diplomev.records import Event
from diplomev.sources import Source

__all__ = [
    "ICEWS_COLUMNS",
    "ID_COLUMN",
    "STORY_URL_PREFIX",
    "read_icews",
    "story_id",
    "story_url",
    "write_icews",
]

#: The 20 columns of an ICEWS event table on Dataverse, in order.
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
    "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
    "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
    "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip

#: The column `write_icews` adds after the 20 so that rows find their record again.
ID_COLUMN = "diplomev ID"

#: ICEWS stories have no URL; a source cites one as this prefix plus the Story ID.
STORY_URL_PREFIX = "urn:icews:story:"

_REQUIRED = ("Event Date", "Source Name", "Source Country", "CAMEO Code", "Target Name",
             "Target Country")  # fmt: skip


# --- stories ----------------------------------------------------------------------------------


def story_url(story: str) -> str:
    """Return the URL a `Source` uses to cite an ICEWS story (which has no web address).

    >>> story_url("47400718")
    'urn:icews:story:47400718'
    """
    return STORY_URL_PREFIX + story


def story_id(source: Source) -> str | None:
    """Return the ICEWS Story ID a `Source` cites, or None if it cites no ICEWS story.

    >>> story_id(Source(url="urn:icews:story:47400718")), story_id(Source(title="A"))
    ('47400718', None)
    """
    url = source.url or ""
    return url[len(STORY_URL_PREFIX) :] if url.startswith(STORY_URL_PREFIX) else None


# --- reading ----------------------------------------------------------------------------------


def read_icews(source: Target, *, errors: ErrorMode = "raise") -> ImportReader:
    """Read an ICEWS event table (or ICEWS-to-JSON records) into diplomev records.

    ``source`` is a path (``.gz`` is gunzipped), ``"-"`` or a binary file object. Rows
    are tab-separated with the `ICEWS_COLUMNS` header, ``NA`` for missing values, dates as
    ``YYYY-MM-DD`` or ``M/D/YYYY``; an `ID_COLUMN`, as `write_icews` writes, groups rows by
    record. ICEWS has no quoting convention: each line is one row, split at its tabs, and
    a ``"`` is a character like any other (a cell wholly in quotes, with doubled quotes
    inside, as `write_icews` writes a cell holding a quote, is unquoted). A row with the
    wrong number of cells, an unreadable date or number, a code that is not ASCII or a
    cell longer than `CELL_MAX` characters is a `BadRecord` with its line, which follows
    ``errors`` as in `diplomev.io`; every row is accounted for in ``reader.report``.

    The file is read as a stream; the rows of one event lie anywhere in it, so records
    come once it is all read, grouped through an SQLite spill: memory does not grow with
    the file (`diplomev.interop._spill`).

    >>> import io
    >>> reader = read_icews(io.BytesIO(b""))
    >>> list(reader), reader.report.rows
    ([], 0)
    """
    return stream_reader(source, "icews", errors, _items)


def _items(stream: IO[bytes], name: str, report: ImportReport) -> Iterator[Event | BadRecord]:
    stream, head = sniff(stream)
    if head in (b"{", b"["):
        rows: Iterator[CameoRow | BadRecord] = _json_rows(stream, name, report)
    else:
        rows = _table_rows(stream, name, report)
    yield from build_records(rows, report, extension="x_icews", source_name=name)


def _split(line: str) -> list[str]:
    cells = line.rstrip("\r\n").split("\t")
    return [_unquote(cell) for cell in cells] if '"' in line else cells


def _unquote(cell: str) -> str:
    if len(cell) >= 2 and cell[0] == cell[-1] == '"' and '"' not in cell[1:-1].replace('""', ""):
        return cell[1:-1].replace('""', '"')
    return cell


def _table_rows(
    stream: IO[bytes], name: str, report: ImportReport
) -> Iterator[CameoRow | BadRecord]:
    lines = text_lines(stream, DEFAULT_MAX_LINE_BYTES)
    header: list[str] | None = None
    for number, line in lines:
        if isinstance(line, LineProblem):
            if line.kind == "damaged":
                report.unread_from = number
            detail = ErrorDetail("$", line.message_with_line, line.code)
            if header is None:  # a header that cannot be read: no row can be
                raise RecordError(BadRecord(name, number, (detail,)))
            yield BadRecord(name, number, (detail,))
            if line.kind == "damaged":
                return
            continue
        if header is None:
            if not line.strip():
                continue
            header = [cell.strip() for cell in _split(line)]
            missing = [column for column in _REQUIRED if column not in header]
            if missing:
                details = tuple(
                    ErrorDetail("$", f"missing column {column!r}", ErrorCode.BAD_FILE)
                    for column in missing
                )
                raise RecordError(BadRecord(name, number, details))
            continue
        if not line.strip():
            continue
        cells = _split(line)
        while len(cells) > len(header) and not cells[-1].strip():
            cells.pop()  # trailing tabs
        if len(cells) != len(header):
            message = f"expected {len(header)} cells, got {len(cells)}"
            yield BadRecord(name, number, (ErrorDetail("$", message, ErrorCode.BAD_FILE),))
            continue
        too_long = [
            ErrorDetail(f"$[{column!r}]", too_long_message(len(cell)), ErrorCode.TOO_LARGE)
            for column, cell in zip(header, cells, strict=True)
            if len(cell) > CELL_MAX
        ]
        if too_long:
            yield BadRecord(name, number, tuple(too_long))
            continue
        yield _table_row(dict(zip(header, (present(c) for c in cells), strict=True)), number, name)


def _table_row(cells: Mapping[str, str | None], line: int, name: str) -> CameoRow | BadRecord:
    try:
        date = _date(cells.get("Event Date"))
    except ValueError as e:
        return BadRecord(name, line, (ErrorDetail("$['Event Date']", str(e)),))
    try:
        sentence = _sentence(cells.get("Sentence Number"))
    except ValueError as e:
        return BadRecord(
            name, line, (ErrorDetail("$['Sentence Number']", str(e), ErrorCode.WRONG_TYPE),)
        )
    story = cells.get("Story ID")
    code = cells.get("CAMEO Code") or "(none)"
    if not is_code(code):
        message = f"a CAMEO code is ASCII digits, not {code!r}"
        return BadRecord(
            name, line, (ErrorDetail("$['CAMEO Code']", message, ErrorCode.UNKNOWN_CODE),)
        )
    record_id = cells.get(ID_COLUMN)
    if record_id is not None:
        group: tuple[Any, ...] = ("id", record_id)
    elif story is not None:
        group = ("sentence", story, sentence)
    else:
        group = ("row", line)
    provenance: dict[str, Any] = {"event_id": cells.get("Event ID"), "code": code}
    if story is not None:
        provenance["story"] = story
    if sentence is not None:
        provenance["sentence"] = sentence
    cite = None
    if story is not None:
        try:
            cite = Source(url=story_url(story), publisher=cells.get("Publisher"))
        except ValidationError as e:  # a control character: no address can hold it
            problems = (ErrorDetail("$['Story ID']", d.message, d.code) for d in e.errors)
            return BadRecord(name, line, tuple(problems))
    try:
        source = read_actor(cells.get("Source Name"), cells.get("Source Sectors"),
                            cells.get("Source Country"))  # fmt: skip
        target = read_actor(cells.get("Target Name"), cells.get("Target Sectors"),
                            cells.get("Target Country"))  # fmt: skip
        location = read_location(cells)
    except ValidationError as e:
        return BadRecord(name, line, e.errors)
    return CameoRow(
        line=line,
        code=code,
        date=date,
        source=source,
        target=target,
        location=location,
        cite=cite,
        group=group,
        record_id=record_id,
        provenance=provenance,
    )


def _json_rows(
    stream: IO[bytes], name: str, report: ImportReport
) -> Iterator[CameoRow | BadRecord]:
    for item in json_items(stream):
        if item.unread:
            report.unread_from = item.line
        if item.problems is not None:
            yield BadRecord(name, item.line, item.problems)
            continue
        try:
            yield _json_row(item.value, item.line)
        except ValidationError as e:
            yield BadRecord(name, item.line, e.errors)


def _json_text(record: Mapping[str, Any], key: str, path: str) -> str | None:
    """Return a scalar field of an ICEWS-to-JSON record as text, or None if absent."""
    value = record.get(key)
    if isinstance(value, dict | list):
        raise ValidationError.at(f"{path}.{key}", "expected text", ErrorCode.WRONG_TYPE)
    text = present(value)
    if text is not None and len(text) > CELL_MAX:
        raise ValidationError.at(f"{path}.{key}", too_long_message(len(text)), ErrorCode.TOO_LARGE)
    return text


def _json_row(value: Any, line: int) -> CameoRow:
    if not isinstance(value, dict):
        raise ValidationError.at("$", "expected a JSON object", ErrorCode.WRONG_TYPE)
    try:
        date = _date(_json_text(value, "date", "$"))
    except ValueError as e:
        raise ValidationError.at("$.date", str(e), ErrorCode.INVALID_DATE) from None
    places = value.get("location") or [{}]
    place = places[0] if isinstance(places, list) and places else places
    if not isinstance(place, dict):
        raise ValidationError.at("$.location[0]", "expected an object", ErrorCode.WRONG_TYPE)
    where = "$.location[0]"
    cells = {
        "City": _json_text(place, "city", where),
        "District": _json_text(place, "district", where),
        "Province": _json_text(place, "province", where),
        "Country": _json_text(place, "country", where) or _json_text(value, "country", "$"),
        "Latitude": _json_text(place, "lat", where),
        "Longitude": _json_text(place, "long", where),
    }
    headline, publication = (
        _json_text(value, "headline", "$"),
        _json_text(value, "publication", "$"),
    )
    code = _json_text(value, "event", "$") or "(none)"
    if not is_code(code):
        message = f"a CAMEO code is ASCII digits, not {code!r}"
        raise ValidationError.at("$.event", message, ErrorCode.UNKNOWN_CODE)
    no_actor = "is not in the record: ICEWS-to-JSON records name no actors"
    return CameoRow(
        line=line,
        code=code,
        date=date,
        source=None,
        target=None,
        location=read_location(cells),
        cite=None if headline is None else Source(title=headline, publisher=publication),
        group=("row", line),
        provenance={"event_id": _json_text(value, "id", "$"), "code": value.get("event")},
        source_problem=no_actor,
        target_problem=no_actor,
    )


# --- writing ----------------------------------------------------------------------------------


def _sentences(event: Event) -> dict[str, int]:
    """Return the sentence numbers an imported record's ``x_icews`` rows give per story."""
    found: dict[str, int] = {}
    rows = event.extensions.get("x_icews")
    if isinstance(rows, Iterable) and not isinstance(rows, str | bytes | Mapping):
        for row in rows:
            if isinstance(row, Mapping) and isinstance(row.get("sentence"), int):
                found.setdefault(str(row.get("story")), row["sentence"])
    return found


def _story_source(event: Event) -> Source | None:
    """Return the source a record's rows cite: its first ICEWS story, else its first source."""
    stories = [source for source in event.sources if story_id(source) is not None]
    cited = stories or list(event.sources)
    return cited[0] if cited else None


def icews_rows(event: Event, *, first_id: int = 1, record_id: bool = True) -> list[list[str]]:
    """Return the ICEWS rows of one record: each of its `dyads` once.

    ICEWS has one Story ID per row, and a record reported by N stories is still one
    event: its rows are written once, not once per source (which would count the event N
    times in every sum of Intensity). They cite the record's first source that cites an
    ICEWS story (`story_url`), with its publisher, or else the first source's publisher;
    the other sources are not held (`write_icews` reports ``sources`` lost). Event IDs
    count from ``first_id``; ``record_id`` adds the `ID_COLUMN` cell. Raises
    `diplomev.ValidationError` for a kind CAMEO has no code for.

    >>> from diplomev import Country, Summit, parse_date
    >>> summit = Summit(id="s", date=parse_date("2026-01-05"),
    ...                 participants=(Country(code="KOR"), Country(code="CHN")))
    >>> [row[:9] for row in icews_rows(summit)]  # doctest: +NORMALIZE_WHITESPACE
    [['1', '2026-01-05', 'South Korea', 'NA', 'South Korea', "Meet at a 'third' location", '044', '2.5', 'China'],
     ['2', '2026-01-05', 'China', 'NA', 'China', "Meet at a 'third' location", '044', '2.5', 'South Korea']]
    """
    pairs = dyads(event)
    day = _first_day(event.date)
    place = _location_cells(event.location)
    cited = _story_source(event)
    story = story_id(cited) if cited is not None else None
    publisher = cited.publisher if cited is not None and cited.publisher else "NA"
    sentence = _sentences(event).get(story) if story is not None else None
    rows: list[list[str]] = []
    for dyad in pairs:
        target = _actor_cells(dyad.target) if dyad.target is not None else ("NA",) * 3
        row = [
            str(first_id + len(rows)),
            day,
            *_actor_cells(dyad.source),
            event_name(dyad.code),
            dyad.code,
            f"{goldstein(dyad.code, dialect='icews'):g}",
            *target,
            story or "NA",
            "NA" if sentence is None else str(sentence),
            publisher,
            *place,
        ]
        if record_id:
            row.append(event.id)
        rows.append(row)
    return rows


def write_icews(
    events: Iterable[Event], target: Target, *, record_ids: bool = True
) -> ExportReport:
    r"""Write records as an ICEWS event table (tab-separated, ``NA`` for missing values).

    Each record gives its `icews_rows`; ``record_ids`` (the default) adds the
    `ID_COLUMN` after the 20 ICEWS columns so `read_icews` rebuilds each record, id
    included; without it the table has exactly the Dataverse columns. A path is written
    atomically. Records of a kind CAMEO cannot code are skipped; the returned
    `ExportReport` counts them, and the fields ICEWS could not hold, per field.

    >>> import io
    >>> out = io.BytesIO()
    >>> write_icews([], out).records, out.getvalue().decode().split("\t")[:3]
    (0, ['Event ID', 'Event Date', 'Source Name'])
    """
    header = [*ICEWS_COLUMNS, *((ID_COLUMN,) if record_ids else ())]
    report = ExportReport(target=name_of(target), format="icews")
    with open_for_writing(target) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        try:
            writer = csv.writer(text, delimiter="\t", lineterminator="\n")
            writer.writerow(header)
            for event in events:
                try:
                    rows = icews_rows(event, first_id=report.rows + 1, record_id=record_ids)
                except ValidationError as e:
                    report.skipped[str(e.errors[0].message)] += 1
                    continue
                writer.writerows(rows)
                report.records += 1
                report.rows += len(rows)
                report.lost.update(_lost(event, header, rows))
            text.flush()
        finally:
            text.detach()
    return report


def _lost(event: Event, header: list[str], rows: list[list[str]]) -> set[str]:
    """Return the wire keys of ``event`` that do not come back from its rows."""
    items = (
        _table_row(dict(zip(header, (present(c) for c in row), strict=True)), n, "-")
        for n, row in enumerate(rows, 2)
    )
    again = [
        item
        for item in build_records(
            items,
            ImportReport(source="-", format="icews"),
            extension="x_icews",
            source_name="-",
        )
        if isinstance(item, Event)
    ]
    original = to_dict(event)
    back = to_dict(again[0]) if again else {}
    return {key for key, value in original.items() if key not in back or back[key] != value}
