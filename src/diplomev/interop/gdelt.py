"""GDELT event files, 1.0 and 2.0: read their rows into diplomev records.

Each row of a GDELT event file (tab-separated, no header) is one directed CAMEO event
found in one article. Three layouts exist, told apart by each row's number of cells
(`GDELT_LAYOUTS`): GDELT 1.0's historical backfile (1979 to March 2013: 57 columns, no
``SOURCEURL``), GDELT 1.0's daily files (from April 2013: 58, with ``SOURCEURL``) and
GDELT 2.0's 15-minute exports (61: each geography gains an ``ADM2Code``). The column
lists are those of the codebooks: "The GDELT Event Database Data Format Codebook" for 1.0
(http://data.gdeltproject.org/documentation/GDELT-Data_Format_Codebook.pdf) and the
GDELT Event Codebook V2.0, which lists what 2.0 changed; real files of each layout check
them (``tests/data/realdata``).

`read_gdelt` maps rows whose ``EventCode`` has a diplomev kind and groups the rows of one
event, from one or many articles, into one record; every other row is counted in the
reader's ``report`` by code, with the reason. Two things to know about GDELT's fields:

- the geographic fields carry FIPS 10-4 country codes ("CH" is China, "KS" South
  Korea), which `alpha3_from_fips` maps to ISO alpha-3; the actors' country fields carry
  CAMEO (ISO alpha-3) codes already;
- ``SOURCEURL`` holds only the first article that reported the event (the others are in
  GDELT's separate Mentions table): a record's sources are the first articles of the rows
  merged into it.

>>> alpha3_from_fips("CH"), alpha3_from_fips("KS"), alpha3_from_fips("UK")
('CHN', 'KOR', 'GBR')
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import IO

from diplomev._files import Target
from diplomev._lines import LineProblem, text_lines
from diplomev._tables import load_table
from diplomev.actors import Actor, Country, CountryCode, Organization, OrganizationKind, Person
from diplomev.countries import is_country_code
from diplomev.dates import EventDate
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError
from diplomev.interop._actor_signals import (
    ROLE_KINDS,
    body_word,
    group_label,
    is_one_word,
    is_place,
    known_country,
    known_organization,
    may_be_surname,
    names_a_role,
    non_state_role,
    person_named,
    role_kind,
    roles,
    state_body_role,
)
from diplomev.interop._dyads import CameoRow, build_records
from diplomev.interop._report import ImportReader, ImportReport, stream_reader
from diplomev.interop._tables import (
    CELL_MAX,
    URL_MAX,
    ascii_int,
    ascii_number,
    country_code,
    is_code,
    present,
    too_long_message,
)
from diplomev.io import DEFAULT_MAX_LINE_BYTES, BadRecord, ErrorMode
from diplomev.places import Location, LocationKind
from diplomev.reading.actors import lookup_office, parse_actor
from diplomev.reading.countries import country_candidates
from diplomev.records import Event
from diplomev.sources import Source

__all__ = ["GDELT1_COLUMNS", "GDELT_COLUMNS", "GDELT_LAYOUTS", "alpha3_from_fips", "read_gdelt"]

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
               "FeatureID")  # fmt: skip


def _columns(geo_fields: tuple[str, ...]) -> tuple[str, ...]:
    return (
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        *(f"Actor1{field}" for field in _ACTOR_FIELDS),
        *(f"Actor2{field}" for field in _ACTOR_FIELDS),
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
        *(f"Actor1Geo_{field}" for field in geo_fields),
        *(f"Actor2Geo_{field}" for field in geo_fields),
        *(f"ActionGeo_{field}" for field in geo_fields),
        "DATEADDED", "SOURCEURL",
    )  # fmt: skip


#: The 61 columns of a GDELT 2.0 Events export, in order (GDELT Event Codebook V2.0,
#: http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf).
GDELT_COLUMNS: tuple[str, ...] = _columns(_GEO_FIELDS)

#: The 58 columns of a GDELT 1.0 daily events file, in order (The GDELT Event Database
#: Data Format Codebook, the 1.0 one: http://data.gdeltproject.org/documentation/
#: GDELT-Data_Format_Codebook.pdf): 2.0's columns without the three ``*Geo_ADM2Code``,
#: which 2.0 added. The historical backfile (before April 2013) has all but ``SOURCEURL``.
GDELT1_COLUMNS: tuple[str, ...] = _columns(tuple(f for f in _GEO_FIELDS if f != "ADM2Code"))

GDELT_LAYOUTS: Mapping[int, tuple[str, tuple[str, ...]]] = {
    57: ("GDELT 1.0 backfile", GDELT1_COLUMNS[:-1]),
    58: ("GDELT 1.0 daily", GDELT1_COLUMNS),
    61: ("GDELT 2.0", GDELT_COLUMNS),
}
"""The layouts of GDELT event rows, by their number of cells: a name, and the columns.

>>> {cells: name for cells, (name, _) in GDELT_LAYOUTS.items()}
{57: 'GDELT 1.0 backfile', 58: 'GDELT 1.0 daily', 61: 'GDELT 2.0'}
>>> GDELT_LAYOUTS[57][1][-1], GDELT_LAYOUTS[58][1][-1]
('DATEADDED', 'SOURCEURL')
"""


@functools.cache
def _fips_table() -> Mapping[str, str]:
    codes: Mapping[str, str] = load_table("fips_countries.json")["codes"]
    return codes


def alpha3_from_fips(code: str) -> CountryCode | None:
    """Return the ISO 3166-1 alpha-3 code of a FIPS 10-4 country code, or None.

    The table comes from GeoNames (``scripts/generate_interop_tables.py``), plus codes
    GDELT still writes (``RB`` Serbia, ``GZ`` Gaza). Codes of no country (oceans, the
    Spratly Islands) give None.

    >>> alpha3_from_fips("RS"), alpha3_from_fips("RB"), alpha3_from_fips("OS")
    ('RUS', 'SRB', None)
    """
    found = _fips_table().get(code.strip().upper())
    return None if found is None else CountryCode(found)


# --- actors -----------------------------------------------------------------------------------

_TYPE_KINDS: Mapping[str, OrganizationKind] = {
    "IGO": OrganizationKind.IGO,
    "NGO": OrganizationKind.NGO,
    "MNC": OrganizationKind.COMPANY,
}


def _alpha3(cameo: str | None) -> CountryCode | None:
    if cameo is None:
        return None
    if cameo == "KSV":
        return CountryCode("XKX")
    if cameo == "USR":  # the Soviet Union, as diplomev files it: its continuator
        return CountryCode("RUS")
    return CountryCode(cameo) if is_country_code(cameo) else None


# Why an actor is not mapped (the importer reports the phrase as the row's reason).
_REGION = "is a region, not a country (CAMEO region codes are not diplomev actors)"
_NO_COUNTRY = "has no country and is not a known office or group"
_OFFICE_ALONE = "is an office with no country (a title alone names no one)"
_ROLES_ALONE = (
    "is a CAMEO code of roles only, with no country or known group (a role names no "
    "particular body)"
)


def _roles_only(code: str | None) -> bool:
    """Whether a CAMEO actor code is made of role codes alone ("NGOHRI", "IGO", "MNC")."""
    groups = code.strip().upper() if code is not None else ""
    if not groups or len(groups) % 3:
        return False
    return len(roles(groups)) == len(groups) // 3


@functools.lru_cache(maxsize=4096)
def read_actor(
    code: str | None, name: str | None, country: str | None, group: str | None, types: str
) -> Actor | str | None:
    """Return the actor of GDELT's actor fields, why there is none, or None for no actor.

    The reason is a phrase about the actor: "has no country and is not a known office or
    group".

    ``types`` is the type codes joined by spaces. Every field is read before the name: a
    body of ``organizations.json`` (by name or by its CAMEO code) is that body; a known
    group or an IGO/NGO/MNC type an `Organization`; an office ("PRESIDENT") a `Person` of
    the actor's country, and with no country it is not mapped (a title alone names no
    one); an actor with a country and no type the `Country` (GDELT reads "BEIJING" as
    China). With a type, the country's own name, or a place's ("WEST BANK"), is the state
    for a state role (``GOV``, ``MIL``, ...) and a group of that country for any other
    ("COLOMBIA" ``COLCVL``: civilians of Colombia); a name that reads as a person's is a
    `Person`, and so is a surname CAMEO files under ``GOV`` or ``ELI`` ("OBAMA"); a
    name with a body's word, or with a non-state type, is an `Organization` of that kind.

    >>> read_actor("CHNGOV", "XI JINPING", "CHN", None, "GOV")
    Person(name='Xi Jinping', office=None, country='CHN', affiliation=None)
    >>> read_actor("USAGOV", "OBAMA", "USA", None, "GOV")
    Person(name='Obama', office=None, country='USA', affiliation=None)
    >>> read_actor("GOV", "PRESIDENT", None, None, "GOV")
    'is an office with no country (a title alone names no one)'
    >>> read_actor("COP", "POLICE", None, None, "COP")
    'has no country and is not a known office or group'
    >>> read_actor("NGOHRI", "HUMAN RIGHTS GROUP", None, None, "NGO HRI")
    'is a CAMEO code of roles only, with no country or known group (a role names no particular body)'
    """
    if code is None and name is None:
        return None
    iso = _alpha3(country)
    title = name.title() if name is not None else None
    # A code of roles alone is no body's own code: "NGOHRI" is any human rights NGO, not
    # the one body of organizations.json that CAMEO files under it (Human Rights Watch).
    roles_only = _roles_only(code)
    known = known_organization(name, None if roles_only else code)
    if known is not None:
        return Organization(name=known.name, kind=known.kind, country=known_country(known, iso))
    kinds = [_TYPE_KINDS[t] for t in types.split() if t in _TYPE_KINDS]
    if title is not None and (
        group is not None or kinds or (code or "").startswith(("IGO", "NGO", "MNC"))
    ):
        if iso is None and group is None and roles_only and names_a_role(title):
            # "NGOHRI" ("HUMAN RIGHTS GROUP"): a sector, no particular body of it.
            return _ROLES_ALONE
        kind = kinds[0] if kinds else _TYPE_KINDS.get((code or "")[:3], OrganizationKind.OTHER)
        return Organization(name=title, kind=kind, country=iso)
    office = lookup_office(name) if name is not None else None
    if office is not None:
        return Person(office=office.title, country=iso) if iso is not None else _OFFICE_ALONE
    if iso is None:
        return _REGION if country is not None else _NO_COUNTRY
    found = roles(types, code)
    if not found or title is None:
        return Country(code=iso)
    return _typed_actor(title, iso, found)


def _typed_actor(title: str, iso: CountryCode, found: tuple[str, ...]) -> Actor:
    """Read the name of an actor with a country and role codes."""
    group_role = non_state_role(found)
    body_role = state_body_role(found)
    bare = title.removeprefix("A ").removeprefix("The ")  # GDELT's "A US", "THE US"
    try:
        parsed: Actor | None = parse_actor(bare)
    except ValidationError:
        parsed = None
    countryish = isinstance(parsed, Country) or bool(country_candidates(bare))  # "CONGOLESE"
    if countryish or country_code(bare) == iso or is_place(title):
        role = group_role or body_role  # "ZIMBABWE" ZWEJUD: Zimbabwe's judiciary
        if role is None:
            return Country(code=iso)
        return Organization(name=group_label(role), kind=ROLE_KINDS[role], country=iso)
    person = person_named(title)
    if person is not None:
        return Person(name=person.name, office=person.office, country=iso)
    has_word, word_kind = body_word(title)
    if isinstance(parsed, Organization):
        return Organization(name=parsed.name, kind=parsed.kind, country=parsed.country or iso)
    if isinstance(parsed, Person) and parsed.office is not None and not has_word:
        return Person(name=parsed.name, office=parsed.office, country=iso)
    if is_one_word(title) and may_be_surname(found) and not has_word:
        return Person(name=title, country=iso)
    if has_word or group_role is not None:
        kind = role_kind(found) if group_role is not None else word_kind or role_kind(found)
        return Organization(name=title, kind=kind or OrganizationKind.OTHER, country=iso)
    if body_role in ("LEG", "JUD") or (body_role is not None and not is_one_word(title)):
        # "BUNDESTAG" DEULEG is Germany's legislature; a one-word name of the armed forces
        # or police ("MATTIS" USAMIL) may be a surname, so it stays the state.
        return Organization(name=title, kind=ROLE_KINDS[body_role], country=iso)
    return Country(code=iso)


def _actor(cells: Mapping[str, str | None], prefix: str) -> tuple[Actor | None, str | None]:
    found = read_actor(
        cells[f"{prefix}Code"],
        cells[f"{prefix}Name"],
        cells[f"{prefix}CountryCode"],
        cells[f"{prefix}KnownGroupCode"],
        " ".join(cells[f"{prefix}Type{n}Code"] or "" for n in (1, 2, 3)).strip(),
    )
    if isinstance(found, str):
        return None, found
    return found, None


# --- places -----------------------------------------------------------------------------------

_GEO_KINDS = {
    "1": LocationKind.COUNTRY,
    "2": LocationKind.REGION,
    "3": LocationKind.CITY,
    "4": LocationKind.CITY,
    "5": LocationKind.REGION,
}


def read_location(cells: Mapping[str, str | None], prefix: str = "ActionGeo_") -> Location | None:
    """Return the location of a row's geographic fields (by default, where the action was).

    >>> cells = {"ActionGeo_Type": "4", "ActionGeo_FullName": "Vichy, Auvergne, France",
    ...          "ActionGeo_CountryCode": "FR", "ActionGeo_Lat": "46.1283",
    ...          "ActionGeo_Long": "3.42347"}
    >>> read_location(cells)
    Location(name='Vichy', country='FRA', kind=<LocationKind.CITY: 'city'>, lat=46.1283, lon=3.42347)
    >>> read_location({"ActionGeo_Type": "0", "ActionGeo_Lat": "0", "ActionGeo_Long": "0"}) is None
    True
    """
    geo_type = cells.get(f"{prefix}Type")
    full_name = cells.get(f"{prefix}FullName")
    fips = cells.get(f"{prefix}CountryCode")
    country = alpha3_from_fips(fips) if fips is not None else None
    kind = _GEO_KINDS.get(geo_type or "")
    name = None if full_name is None or kind is LocationKind.COUNTRY else full_name.split(",")[0]
    lat = ascii_number(cells.get(f"{prefix}Lat"))
    lon = ascii_number(cells.get(f"{prefix}Long"))
    if lat is None or lon is None:
        lat = lon = float("nan")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = float("nan")
    if lat == 0 and lon == 0 and not full_name:
        # GDELT 1.0's backfiles write 0, 0 for no place at all: a point in the sea off
        # Ghana that nothing names is no location.
        lat = lon = float("nan")
    has_point = lat == lat and lon == lon  # not NaN
    if name is None and country is None and not has_point:
        return None
    return Location(
        name=name.strip() or None if name else None,
        country=country,
        kind=kind,
        lat=lat if has_point else None,
        lon=lon if has_point else None,
    )


# --- reading ----------------------------------------------------------------------------------


def read_gdelt(source: Target, *, errors: ErrorMode = "raise") -> ImportReader:
    r"""Read a GDELT events file, 1.0 or 2.0, into diplomev records.

    ``source`` is a path (``.gz`` is gunzipped; unzip GDELT's ``.zip`` files first),
    ``"-"`` or a binary file object. A header row, if any, is skipped. Each row's layout
    comes from its number of cells (`GDELT_LAYOUTS`: 57, 58 or 61), so one reader takes
    the whole archive, 1979 on, and files that mix layouts. A 1.0 backfile row has no
    ``SOURCEURL``: it is an event of its own, with no source. Rows with another
    number of cells, an unreadable date or count (``NumMentions``, ``NumSources``,
    ``NumArticles``: ASCII digits only), a code that is not ASCII, or a cell longer than
    `diplomev.interop._tables.CELL_MAX` characters (``SOURCEURL``: ``URL_MAX``) are
    `BadRecord` s with their line, which follow ``errors`` as in `diplomev.io`; every row
    is accounted for in ``reader.report``. The file is read as a stream; the rows of one
    event lie anywhere in it, so records come once it is all read, grouped through an
    SQLite spill: memory does not grow with the file.

    >>> import io
    >>> row = ["588604780", "20151014", "201510", "2015", "2015.7781"]
    >>> row += ["FRA", "PARIS", "FRA"] + [""] * 7 + [""] * 10
    >>> row += ["0", "042", "042", "04", "1", "1.9", "3", "1", "3", "2.196"]
    >>> row += [""] * 16
    >>> row += ["4", "Geneva, Genève, Switzerland", "SZ", "SZ07", "", "46.2", "6.15", "-2552035",
    ...         "20161013151500", "http://example.com/news/1"]
    >>> with read_gdelt(io.BytesIO("\t".join(row).encode())) as reader:
    ...     [visit] = reader
    >>> visit.visitor, visit.host, visit.location.name, visit.sources[0].url
    (Country(code='FRA'), 'CHE', 'Geneva', 'http://example.com/news/1')
    """
    return stream_reader(source, "gdelt", errors, _items)


def _items(stream: IO[bytes], name: str, report: ImportReport) -> Iterator[Event | BadRecord]:
    rows = _rows(stream, name, report)
    yield from build_records(rows, report, extension="x_gdelt", source_name=name)


_CELL_COUNTS = "57, 58 or 61 cells (GDELT 1.0 backfile, 1.0 daily or 2.0)"


def _rows(stream: IO[bytes], name: str, report: ImportReport) -> Iterator[CameoRow | BadRecord]:
    for number, line in text_lines(stream, DEFAULT_MAX_LINE_BYTES):
        if isinstance(line, LineProblem):
            yield BadRecord(name, number, (ErrorDetail("$", line.message_with_line, line.code),))
            if line.kind == "damaged":
                report.unread_from = number
                return
            continue
        if not line.strip():
            continue
        cells = line.rstrip("\r\n").split("\t")
        if number == 1 and cells[0] == GDELT_COLUMNS[0]:
            continue
        layout = GDELT_LAYOUTS.get(len(cells))
        if layout is None:
            message = f"expected {_CELL_COUNTS}, got {len(cells)}"
            yield BadRecord(name, number, (ErrorDetail("$", message, ErrorCode.BAD_FILE),))
            continue
        _, columns = layout
        too_long = [
            ErrorDetail(f"$.{column}", too_long_message(len(cell), limit), ErrorCode.TOO_LARGE)
            for column, cell in zip(columns, cells, strict=True)
            if len(cell) > (limit := URL_MAX if column == "SOURCEURL" else CELL_MAX)
        ]
        if too_long:
            yield BadRecord(name, number, tuple(too_long))
            continue
        yield _row(dict(zip(columns, (present(c) for c in cells), strict=True)), number, name)


def _date(text: str | None) -> EventDate:
    if text is None or len(text) != 8 or not (text.isascii() and text.isdigit()):
        raise ValueError(f"cannot read SQLDATE {text!r} (YYYYMMDD)")
    try:
        return EventDate.day(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValidationError as e:
        raise ValueError(f"impossible SQLDATE {text!r}") from e


_INTEGERS = {"NumMentions": "mentions", "NumSources": "sources", "NumArticles": "articles"}


def _float(text: str | None) -> float | None:
    return ascii_number(text)


def _row(cells: Mapping[str, str | None], line: int, name: str) -> CameoRow | BadRecord:
    problems = []
    try:
        date = _date(cells["SQLDATE"])
    except ValueError as e:
        problems.append(ErrorDetail("$.SQLDATE", str(e), ErrorCode.INVALID_DATE))
    counts: dict[str, int | None] = {}
    for column, key in _INTEGERS.items():
        try:
            counts[key] = ascii_int(cells[column], "a count")
        except ValueError as e:
            problems.append(ErrorDetail(f"$.{column}", str(e), ErrorCode.WRONG_TYPE))
    code = cells["EventCode"] or "(none)"
    if not is_code(code):
        message = f"a CAMEO code is ASCII digits, not {code!r}"
        problems.append(ErrorDetail("$.EventCode", message, ErrorCode.UNKNOWN_CODE))
    if problems:
        return BadRecord(name, line, tuple(problems))
    url = cells.get("SOURCEURL")  # the 1.0 backfile has none: each row is its own event
    cite = None
    if url is not None:
        try:
            cite = Source(url=url) if "://" in url else Source(title=url)
        except ValidationError as e:  # a control character in the address
            url_problems = tuple(ErrorDetail("$.SOURCEURL", d.message, d.code) for d in e.errors)
            return BadRecord(name, line, url_problems)
    source, source_problem = _actor(cells, "Actor1")
    target, target_problem = _actor(cells, "Actor2")
    provenance = {
        "event_id": cells["GLOBALEVENTID"],
        "code": cells["EventCode"],
        "root": cells["IsRootEvent"] == "1",
        **counts,
        "tone": _float(cells["AvgTone"]),
        "added": cells["DATEADDED"],
        "url": url,
    }
    return CameoRow(
        line=line,
        code=code,
        date=date,
        source=source,
        target=target,
        location=read_location(cells),
        cite=cite,
        group=("url", url) if url is not None else ("row", line),
        provenance=provenance,
        source_problem=source_problem,
        target_problem=target_problem,
    )
