"""The US Office of the Historian's travels and visits (history.state.gov) as records.

The Office publishes, as XML in the public domain (CC0), the foreign trips of US
presidents and secretaries of state (``trips``, one file per person) and the visits of
foreign leaders to the United States (``visits``, one file per decade). `read_travels`
and `read_visits` read a file or a directory of them; `read_history_state` reads a
directory that holds both (``president-travels/``, ``secretary-travels/``, ``visits/``).

- Each trip is a `Visit`: the traveller a `Person` (office from the role, country USA),
  the host from the country slug (`slug_country`), the dates as a day or an interval,
  the locale as the location, the remarks as the summary. "Met with ..." remarks become
  meetings, one per counterpart read by `diplomev.parse_actor`; "Attended the G7
  Summit" a `Summit` (forum where known) that links to the visit with ``part_of``.
- Each foreign leader's visit is a `Visit` to the USA, its kind from the description.

Every entry is accounted for in the reader's ``report`` (a `HistoryStateReport`): made
into a visit, not mapped (a country slug with no code, with the reason) or unreadable;
each remark clause it could not read is listed with the trip's id.

>>> import io
>>> xml = b'''<trips><trip role="president" who="biden-joseph-r"><id>4114</id>
... <role>president</role><name>Joseph R. Biden</name><start-date>2021-06-13</start-date>
... <end-date>2021-06-15</end-date><country id="belgium">Belgium</country>
... <locale>Brussels</locale><remarks>Met with King Philippe and Prime Minister Alexander De
... Croo. Attended the NATO Summit.</remarks></trip></trips>'''
>>> with read_travels(io.BytesIO(xml)) as reader:
...     visit, summit = reader
>>> visit.id, str(visit.date), visit.visitor.office, visit.host
('visit-2021-06-13-usa-to-bel', '2021-06-13/2021-06-15', 'President', 'BEL')
>>> [m.counterparts[0].name for m in visit.meetings]
['Philippe', 'Alexander De Croo']
>>> summit.forum.name, summit.links[0].target == visit.id
('North Atlantic Treaty Organization', True)
>>> reader.report.meetings, reader.report.records["summit"], reader.report.is_complete()
(2, 1, True)
"""

from __future__ import annotations

import functools
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from diplomev._files import Target, name_of, open_for_reading
from diplomev._tables import load_table
from diplomev.actors import Actor, Country, CountryCode, Person
from diplomev.errors import ErrorDetail, ValidationError
from diplomev.interop._history_entries import Ids as _Ids
from diplomev.interop._history_entries import entry_date as _date
from diplomev.interop._history_entries import parse as _parse
from diplomev.interop._history_entries import text as _text
from diplomev.interop._history_names import titled
from diplomev.interop._history_remarks import (
    RemarkReading,
    counterparts,
    read_remarks,
    stopover_note,
    visit_kind,
)
from diplomev.interop._report import ImportReader, ImportReport
from diplomev.interop.definitions import hold
from diplomev.io import BadRecord, ErrorMode
from diplomev.places import Location, LocationKind
from diplomev.records import Event, Link, LinkRel, Summit, Visit, VisitKind
from diplomev.sources import Source

__all__ = [
    "PARTS",
    "HistoryStateReport",
    "Unread",
    "read_history_state",
    "read_travels",
    "read_visits",
    "slug_country",
    "slug_table",
]

_SITE = "https://history.state.gov/departmenthistory"
_PUBLISHER = "Office of the Historian, U.S. Department of State"
_OFFICES = {"president": "President", "secretary": "Secretary of State"}
_EXTENSION = "x_history_state"


# --- country slugs ---------------------------------------------------------------------------


@functools.cache
def slug_table() -> Mapping[str, Mapping[str, Any]]:
    """Return the curated table of the Office's country slugs: code, or none and why.

    Each entry has ``code`` (ISO 3166-1 alpha-3, or None) and, for a slug with no code,
    ``reason``; ``note`` says why a mapping is as it is. A former state keeps its ISO
    3166-3 code as ``former_code`` and follows the continuator rule: one with a
    recognised continuator state is that state, one with none has no code. ``names``
    holds entries for a name the Office files under the slug that is another state: the
    Soviet Union, "U.S.S.R." under ``russia``, is RUS, which continued it.

    >>> slug_table()["russia"]["names"]["U.S.S.R."]["code"], slug_table()["yugoslavia"]["code"]
    ('RUS', None)
    >>> slug_table()["russia"]["names"]["U.S.S.R."]["former_code"]
    'SUN'
    >>> slug_table()["yugoslavia"]["former_code"]
    'YUG'
    """
    slugs: Mapping[str, Mapping[str, Any]] = load_table("history_state_countries.json")["slugs"]
    return slugs


def slug_country(slug: str, name: str | None = None) -> CountryCode | str:
    """Return the country code of an Office slug, or the reason it has none (a sentence).

    ``name`` is the entry's name of the country, which tells a former state the Office
    files under a current one's slug. A former state with a recognised continuator state
    is that state: the Russian Federation continued the Soviet Union (its treaties and UN
    Security Council seat, December 1991), so "U.S.S.R." under ``russia`` is RUS. One with
    none (Yugoslavia, Czechoslovakia, the GDR) has no code, and the reason says why.

    >>> slug_country("korea-south"), slug_country("holy-see"), slug_country("kosovo")
    ('KOR', 'VAT', 'XKX')
    >>> slug_country("russia", "Russia"), slug_country("russia", "U.S.S.R.")
    ('RUS', 'RUS')
    >>> slug_country("yugoslavia").split(":")[0]
    'a former state (ISO 3166-3 YUG) with no continuator'
    >>> all("no continuator" in slug_country(s) for s in ("czechoslovakia", "hawaii"))
    True
    >>> slug_country("atlantis")
    "slug 'atlantis' is not in diplomev's table of the Office's slugs"
    """
    entry = slug_table().get(slug)
    if entry is None:
        return f"slug {slug!r} is not in diplomev's table of the Office's slugs"
    entry = entry.get("names", {}).get(name, entry)
    if entry["code"] is None:
        return str(entry["reason"])
    return CountryCode(entry["code"])


# --- the report ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Unread:
    """Text of an entry the importer could not read: the entry's id, the field, and why.

    ``field`` is ``remarks`` (a trip's remark clause), ``description`` (a clause of a
    foreign visit's description), ``visitor`` (a name the actor reader could not read;
    the visit keeps it by its leading title, or whole as a name) or ``country`` (a slug
    with no code).

    >>> print(Unread(entry="2419", field="remarks", text="Toured Mokoldi Nature Reserve",
    ...              reason="no rule"))
    2419 remarks: 'Toured Mokoldi Nature Reserve': no rule
    """

    entry: str
    field: str
    text: str
    reason: str

    def __str__(self) -> str:
        return f"{self.entry} {self.field}: {self.text!r}: {self.reason}"


@attrs.define(kw_only=True, eq=False)
class HistoryStateReport(ImportReport):
    """An `ImportReport` with what the Office's free text gave and did not give.

    ``rows`` counts entries (trips and visits); ``mapped_rows["visit"]`` the entries made
    into visits. Summits come from remarks, not entries: they are in ``records`` only.
    ``meetings`` counts meetings read from remarks and descriptions; ``unread`` lists
    each piece of text not read (`Unread`); ``unmapped_slugs`` the entries per slug with
    no code; ``kinds`` the visits per kind, ``unspecified`` included. (The base report
    has no place for these, so they live here.)

    >>> report = HistoryStateReport(source="trips", format="history-state-travels")
    >>> report.unread.append(Unread(entry="1", field="remarks", text="Toured a park",
    ...                             reason="no rule"))
    >>> report.closing_note()
    '0 records (), 0 meetings, 0 summits, 1 unread remark, 0 entries of unmapped slugs'
    """

    meetings: int = 0
    unread: list[Unread] = attrs.field(factory=list)
    unmapped_slugs: Counter[str] = attrs.field(factory=Counter)
    kinds: Counter[str] = attrs.field(factory=Counter)

    def closing_note(self) -> str:
        """Return one line: records by kind, meetings, summits, unread remarks, slugs.

        >>> HistoryStateReport(source="-", format="history-state").closing_note()[:21]
        '0 records (), 0 meeti'
        """
        records = sum(self.records.values())
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.records.items()))
        unread = self.unread_by_field().get("remarks", 0)
        slugs = sum(self.unmapped_slugs.values())
        others = ", ".join(
            f"{n} unread {field}" for field, n in self.unread_by_field().items()
            if field not in ("remarks", "country")
        )  # fmt: skip
        return (
            f"{records} record{'s' if records != 1 else ''} ({kinds}), "
            f"{self.meetings} meeting{'s' if self.meetings != 1 else ''}, "
            f"{self.records['summit']} summit{'s' if self.records['summit'] != 1 else ''}, "
            f"{unread} unread remark{'s' if unread != 1 else ''}, "
            f"{slugs} entr{'ies' if slugs != 1 else 'y'} of unmapped slugs"
            + (f", {others}" if others else "")
        )

    def unread_by_field(self) -> dict[str, int]:
        """Return how many pieces of text were not read, per field.

        >>> HistoryStateReport(source="-", format="history-state-visits").unread_by_field()
        {}
        """
        return dict(sorted(Counter(u.field for u in self.unread).items()))

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data, the base report's keys and these.

        >>> HistoryStateReport(source="-", format="history-state").to_dict()["meetings"]
        0
        """
        data = super().to_dict()
        data.update(
            meetings=self.meetings,
            kinds=dict(sorted(self.kinds.items())),
            unmapped_slugs=dict(sorted(self.unmapped_slugs.items())),
            unread_by_field=self.unread_by_field(),
            unread=[attrs.asdict(u) for u in self.unread],
        )
        return data

    def __str__(self) -> str:
        lines = [super().__str__()]
        if self.kinds:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items()))
            lines.append(f"  visit kinds: {kinds}")
        lines.append(f"  {self.closing_note()}")
        return "\n".join(lines)


# --- files -----------------------------------------------------------------------------------


#: The parts of the Office's data directory (``read_history_state``), in reading order.
PARTS = ("president-travels", "secretary-travels", "visits")


def _files(source: Target) -> list[Target]:
    if isinstance(source, str | os.PathLike) and Path(source).is_dir():
        root = Path(source)
        parts = [root / part for part in PARTS if (root / part).is_dir()]
        return [path for folder in (parts or [root]) for path in sorted(folder.glob("*.xml"))]
    return [source]


def _reader(source: Target, errors: ErrorMode, expect: str | None, format: str) -> ImportReader:
    report = HistoryStateReport(source=name_of(source), format=format)

    def items() -> Iterator[Event | BadRecord]:
        ids = _Ids()  # one set of ids for the whole import: a record's id is unique in it
        for path in _files(source):
            name = name_of(path)
            with open_for_reading(path) as stream:
                data = stream.read()
            try:
                root = _parse(data)
                if root.tag not in _BUILDERS or (expect is not None and root.tag != expect):
                    wanted = f"<{expect}>" if expect else "<trips> or <visits>"
                    raise ValueError(f"expected {wanted}, found <{root.tag}>")
            except (ET.ParseError, ValueError) as e:
                # The file's entries cannot be counted: the file counts as one bad row.
                report.rows += 1
                report.bad += 1
                yield BadRecord(name, None, (ErrorDetail("$", f"cannot read the XML: {e}"),))
                continue
            tag, build = _BUILDERS[root.tag]
            for number, entry in enumerate(root.iter(tag), start=1):
                report.rows += 1
                yield from build(entry, name, number, report, ids)

    return ImportReader(items(), errors, report)


def _bad(name: str, number: int, entry: ET.Element, message: str) -> BadRecord:
    where = _text(entry, "id") or f"entry {number}"
    return BadRecord(name, None, (ErrorDetail(f"$[{number - 1}]", f"{where}: {message}"),))


# --- trips -----------------------------------------------------------------------------------


def read_travels(source: Target, *, errors: ErrorMode = "raise") -> ImportReader:
    """Read the Office's trips of presidents or secretaries of state into records.

    ``source`` is a ``trips`` XML file (path, ``"-"`` or binary file object) or a
    directory of them. Each trip is a `Visit` and each summit its remarks name a `Summit`
    linked to it with ``part_of``; ``reader.report`` is a `HistoryStateReport`.

    >>> import io
    >>> xml = b'''<trips><trip role="secretary" who="x"><id>1</id><name>Dean Acheson</name>
    ... <start-date>1949-04-01</start-date><end-date>1949-04-01</end-date>
    ... <country id="yugoslavia">Yugoslavia</country></trip></trips>'''
    >>> with read_travels(io.BytesIO(xml)) as reader:
    ...     list(reader)
    []
    >>> reader.report.unmapped_by_code(), reader.report.is_complete()
    ({'yugoslavia': 1}, True)
    """
    return _reader(source, errors, "trips", "history-state-travels")


def _trip(
    entry: ET.Element, name: str, number: int, report: HistoryStateReport, ids: _Ids
) -> Iterator[Event | BadRecord]:
    trip_id = _text(entry, "id") or f"entry {number}"
    country = entry.find("country")
    slug = country.get("id") if country is not None else None
    if slug is None:
        report.bad += 1
        yield _bad(name, number, entry, "no country slug")
        return
    host = slug_country(slug, _text(entry, "country"))
    if len(host) != 3 or not host.isupper():
        key = _slug_key(slug, _text(entry, "country"))
        report.add_unmapped(key, host)
        report.unmapped_slugs[key] += 1
        report.unread.append(Unread(entry=trip_id, field="country", text=key, reason=host))
        return
    role = entry.get("role") or _text(entry, "role") or ""
    traveller = _text(entry, "name")
    remarks = _text(entry, "remarks") or ""
    # "[Visit made as President-elect.]": the office the traveller held on this trip.
    made_as = _MADE_AS.search(remarks)
    try:
        date = _date(entry)
        office = made_as["office"] if made_as else _OFFICES.get(role)
        visitor = Person(name=traveller, office=office, country="USA")
    except (ValueError, ValidationError) as e:
        report.bad += 1
        message = e.errors[0].message if isinstance(e, ValidationError) else str(e)
        yield _bad(name, number, entry, message)
        return
    reading: RemarkReading = read_remarks(_MADE_AS.sub("", remarks), host)
    locale = _text(entry, "locale")
    who = entry.get("who") or ""
    source = Source(
        url=f"{_SITE}/travels/{role}/{who}" if who else f"{_SITE}/travels",
        title=f"Travels Abroad of the {_OFFICES.get(role, role.title())}: {traveller}",
        publisher=_PUBLISHER,
    )
    provenance = {"id": trip_id, "role": role, "who": who, "country": slug,
                  "country_name": _text(entry, "country")}  # fmt: skip
    visit = Visit(
        id="-",
        date=date,
        visitor=visitor,
        host=host,
        kind=reading.kind or VisitKind.UNSPECIFIED,
        meetings=reading.meetings,
        location=Location(name=locale, country=host, kind=None if locale else LocationKind.COUNTRY),
        summary=remarks or None,
        sources=(source,),
        extensions={_EXTENSION: provenance, **stopover_note(reading)},
    )
    held = _held(visit, report, slug, trip_id)
    if held is None:
        return
    visit = attrs.evolve(held, id=ids(held))
    report.add_mapped("visit")
    report.records["visit"] += 1
    report.kinds[visit.kind.value] += 1
    report.meetings += len(visit.meetings)
    report.unread += [
        Unread(entry=trip_id, field="remarks", text=c.text, reason=c.reason) for c in reading.unread
    ]
    yield visit
    yield from _summits(reading, visit, provenance, report, ids)


_MADE_AS = re.compile(r"\s*\[Visit made as (?P<office>[^\].]+)\.?\]", re.IGNORECASE)


def _slug_key(slug: str, name: str | None) -> str:
    # A former state filed under a current one's slug is reported by both: "russia (U.S.S.R.)".
    return f"{slug} ({name})" if name in slug_table().get(slug, {}).get("names", {}) else slug


def _summits(
    reading: RemarkReading,
    visit: Visit,
    provenance: Mapping[str, Any],
    report: HistoryStateReport,
    ids: _Ids,
    field: str = "remarks",
) -> Iterator[Summit]:
    # The summit holds the link: in diplomev's convention (docs/concepts.md) a summit
    # attended during a visit is ``part_of`` the visit.
    for mention in reading.summits:
        summit = Summit(
            id="-",
            date=visit.date,
            participants=_participants(visit, mention.members),
            host=visit.host,
            forum=mention.forum,
            location=visit.location,
            summary=mention.name,
            links=(Link(rel=LinkRel.PART_OF, target=visit.id, note=mention.text),),
            sources=visit.sources,
            extensions={_EXTENSION: {**provenance, "remark": mention.text}},
        )
        held = hold(summit)
        if isinstance(held, str):  # not a summit after all: the remark is not read
            report.unread.append(Unread(entry=str(provenance["id"]), field=field,
                                        text=mention.text, reason=held))  # fmt: skip
            continue
        assert isinstance(held, Summit)
        report.records["summit"] += 1
        yield attrs.evolve(held, id=ids(held))


def _held(visit: Visit, report: HistoryStateReport, slug: str, entry: str) -> Visit | None:
    """Return ``visit`` held to its definition, or None, with the entry reported not mapped."""
    held = hold(visit)
    if isinstance(held, str):
        report.add_unmapped(slug, held)
        report.unread.append(Unread(entry=entry, field="country", text=slug, reason=held))
        return None
    assert isinstance(held, Visit)
    return held


# --- visits ----------------------------------------------------------------------------------


def read_visits(source: Target, *, errors: ErrorMode = "raise") -> ImportReader:
    """Read the Office's visits of foreign leaders to the United States into records.

    ``source`` is a ``visits`` XML file or a directory of them. Each visit is a `Visit`
    to the USA: the visitor read by `diplomev.parse_actor` (a second person named becomes
    the delegation), the country from the slug, the kind from the description.

    >>> import io
    >>> xml = b'''<visits><visit><id>2991</id><start-date>2020-01-07</start-date>
    ... <end-date>2020-01-07</end-date><visitor>Prime Minister Kyriakos Mitsotakis</visitor>
    ... <from id="greece">Greece</from><description>Official Working Visit.</description>
    ... </visit></visits>'''
    >>> with read_visits(io.BytesIO(xml)) as reader:
    ...     [visit] = reader
    >>> visit.visitor, visit.host, visit.kind.value
    (Person(name='Kyriakos Mitsotakis', office='Prime Minister', country='GRC', affiliation=None), 'USA', 'working')
    """
    return _reader(source, errors, "visits", "history-state-visits")


def _visit(
    entry: ET.Element, name: str, number: int, report: HistoryStateReport, ids: _Ids
) -> Iterator[Event | BadRecord]:
    visit_id = _text(entry, "id") or f"entry {number}"
    origin = entry.find("from")
    slug = origin.get("id") if origin is not None else None
    country = slug_country(slug, _text(entry, "from")) if slug is not None else "no country slug"
    code = country if len(country) == 3 and country.isupper() else None
    if code is None:
        # The host is the USA whatever the slug: the visit is still a record, with a
        # visitor of no country, and the slug is reported.
        key = _slug_key(slug, _text(entry, "from")) if slug else "(none)"
        report.unmapped_slugs[key] += 1
        report.unread.append(Unread(entry=visit_id, field="country", text=key if slug else "",
                                    reason=country))  # fmt: skip
    text = _text(entry, "visitor")
    if text is None:
        report.bad += 1
        yield _bad(name, number, entry, "no visitor")
        return
    actors, missed = counterparts(text, code)
    for miss in missed:
        report.unread.append(
            Unread(entry=visit_id, field="visitor", text=miss.text, reason=miss.reason)
        )
    if not actors:
        actors = [titled(text, code)]
    description = _text(entry, "description") or ""
    # The description is prose about the visit: its kind, who the visitor met in the
    # United States ("Met with President Bush"), the summit attended.
    reading = read_remarks(description, "USA")
    kind = visit_kind(description)
    provenance = {"id": visit_id, "country": slug, "country_name": _text(entry, "from"),
                  "visitor": text}  # fmt: skip
    try:
        visit = Visit(
            id="-",
            date=_date(entry),
            visitor=actors[0],
            delegation=actors[1:],
            host="USA",
            kind=kind or VisitKind.UNSPECIFIED,
            meetings=reading.meetings,
            summary=description or None,
            sources=(
                Source(
                    url=f"{_SITE}/visits/{slug}" if slug else f"{_SITE}/visits",
                    title=f"Visits by Foreign Leaders of {_text(entry, 'from') or slug}",
                    publisher=_PUBLISHER,
                ),
            ),
            extensions={_EXTENSION: provenance},
        )
    except (ValueError, ValidationError) as e:
        report.bad += 1
        message = e.errors[0].message if isinstance(e, ValidationError) else str(e)
        yield _bad(name, number, entry, message)
        return
    held = _held(visit, report, slug or "(none)", visit_id)
    if held is None:
        return
    visit = attrs.evolve(held, id=ids(held))
    report.add_mapped("visit")
    report.records["visit"] += 1
    report.kinds[visit.kind.value] += 1
    report.meetings += len(visit.meetings)
    report.unread += [
        Unread(entry=visit_id, field="description", text=c.text, reason=c.reason)
        for c in reading.unread
        if _KIND_ONLY.fullmatch(c.text) is None
    ]
    yield visit
    yield from _summits(reading, visit, provenance, report, ids, "description")


def _participants(visit: Visit, members: tuple[Actor, ...]) -> list[Actor]:
    # The traveller and the host country, then the countries the remark names, once each.
    found: list[Actor] = [visit.visitor, Country(code=visit.host)]
    return found + [m for m in members if m not in found]


# A description's kind phrase that `visit_kind` read though `read_remarks` did not
# ("Private visit to New York City afterwards").
_KIND_ONLY = re.compile(r"(?i)(?:[a-z]+ )*visit\b.*")


# --- both ------------------------------------------------------------------------------------


def read_history_state(source: Target, *, errors: ErrorMode = "raise") -> ImportReader:
    """Read any of the Office's data: a data directory, a directory of files, or a file.

    A data directory holds the `PARTS` (``president-travels/``, ``secretary-travels/``,
    ``visits/``; the copy in diplomev's tests has no secretaries' travels), read in that
    order into one reader and one report; a file is read as its root element says
    (``<trips>`` or ``<visits>``). This is ``diplomev convert --from history-state``.

    >>> with read_history_state("tests/data/history-state") as reader:
    ...     kinds = {type(event).__name__ for event in reader}
    >>> sorted(kinds), reader.report.is_complete(), reader.report.format
    (['Summit', 'Visit'], True, 'history-state')
    """
    return _reader(source, errors, None, "history-state")


_BUILDERS: Mapping[str, tuple[str, Any]] = {"trips": ("trip", _trip), "visits": ("visit", _visit)}
