"""The cells of an ICEWS row as diplomev values, and back: actors, places and dates.

ICEWS names an actor by three cells, Name, Sectors and Country: a country by its name, a
body or office of a country as "Name (Country)", and the kind of an organization only by
its sectors, free text such as "Government,Executive". `read_actor` maps them onto
`Country`, `Person` and `Organization`; the writer's cells read back as the same actor.
A place is City, District, Province, Country and coordinates; a date is ``YYYY-MM-DD``
or ``M/D/YYYY``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from diplomev.actors import Actor, Country, CountryCode, Organization, OrganizationKind, Person
from diplomev.dates import EventDate, PartialDate
from diplomev.errors import ValidationError
from diplomev.interop._actor_signals import (
    body_word,
    is_place,
    known_country,
    known_organization,
    person_named,
)
from diplomev.interop._tables import ascii_int, ascii_number, country_code, icews_country_name
from diplomev.places import Location, LocationKind
from diplomev.reading.actors import lookup_office, parse_actor

# --- sectors ----------------------------------------------------------------------------------

# An organization's kind from its ICEWS sectors: the first rule any sector matches wins.
_SECTOR_RULES: tuple[tuple[OrganizationKind, tuple[str, ...]], ...] = (
    (OrganizationKind.IGO, ("International Government Organization", "IGOs", "Global",
                            "Regional")),
    (OrganizationKind.NGO, ("NGOs", "Nongovernmental")),
    (OrganizationKind.PARTY, ("Parties", "Party")),
    (OrganizationKind.LEGISLATURE, ("Legislative", "House", "Unicameral")),
    (OrganizationKind.COURT, ("Judicial", "Court")),
    (OrganizationKind.MILITARY, ("Military", "Army", "Navy", "Air Force", "Marines",
                                 "Coast Guard")),
    (OrganizationKind.MEDIA, ("Media", "News")),
    (OrganizationKind.COMPANY, ("Business", "Multinational", "MNCs", "State Owned",
                                "State-Owned")),
    (OrganizationKind.UNIVERSITY, ("Education",)),
    # Non-state armed and opposition groups (text_to_CAMEO's agentnames.txt: REB, RAD, OPP).
    (OrganizationKind.OTHER, ("Rebel", "Insurgents", "Separatists", "Radicals", "Criminals",
                              "Protestors", "Dissident")),
    (OrganizationKind.GOVERNMENT, ("Government", "Executive", "Ministry", "Cabinet",
                                   "Police")),
    (OrganizationKind.COMMUNITY, ("General Population", "Social")),
    (OrganizationKind.OTHER, ("Unspecified",)),
)  # fmt: skip

# The sector `write_icews` writes for each kind (`_SECTOR_RULES` reads each back as it).
_KIND_SECTOR: Mapping[OrganizationKind, str] = {
    OrganizationKind.GOVERNMENT: "Government",
    OrganizationKind.LEGISLATURE: "Legislative / Parliamentary",
    OrganizationKind.MILITARY: "Military",
    OrganizationKind.PARTY: "Parties",
    OrganizationKind.IGO: "International Government Organization",
    OrganizationKind.NGO: "Nongovernmental Organizations / Activists",
    OrganizationKind.COURT: "Judicial",
    OrganizationKind.COMPANY: "Business",
    OrganizationKind.UNIVERSITY: "Education",
    OrganizationKind.MEDIA: "Media",
    OrganizationKind.COMMUNITY: "General Population / Civilian / Social",
    OrganizationKind.OTHER: "Unspecified",
}

# Kinds a bare name with these sectors is read as an organization rather than a person.
_ORGANIZATION_ONLY = frozenset(_KIND_SECTOR) - {
    OrganizationKind.GOVERNMENT,
    OrganizationKind.COMMUNITY,
}


def _kind_of(sectors: str | None) -> OrganizationKind | None:
    if sectors is None:
        return None
    names = [name.strip() for name in sectors.split(",")]
    for kind, words in _SECTOR_RULES:
        if any(word in name for name in names for word in words):
            return kind
    return None


# --- actors -----------------------------------------------------------------------------------

_PARENTHESIS = re.compile(r"(?P<inner>.+?)\s*\((?P<country>[^()]+)\)")

# ICEWS's names for an actor it could not identify: no actor at all.
# ICEWS's names for actors it could not name: a sector or a kind of actor, no one in it.
_UNSPECIFIED = frozenset({"Unspecified Actor", "Unidentified State Actor", "International",
                          "International Government Organizations"})  # fmt: skip


def _office_title(text: str) -> str | None:
    office = lookup_office(text)
    return office.title if office is not None else None


def _holds_a_title(text: str) -> bool:
    """Whether an ICEWS agent names one holder of a title the office table lacks as written.

    "Member of the Judiciary", "Federal Judge", "City Mayor", "Public Prosecutor": a member
    of a body, or words before a title diplomev knows, are a person's title, not a body.
    """
    words = text.split()
    if text.startswith("Member of "):
        return True
    if len(words) < 2:
        return False
    head = lookup_office(words[-1])
    return head is not None and head.title.casefold() == words[-1].casefold()


def _country(text: str) -> CountryCode | None:
    """Return the country of an ICEWS country name, inverted too ("Territory, Occupied")."""
    code = country_code(text)
    if code is None and ", " in text:
        head, _, tail = text.partition(", ")
        code = country_code(f"{tail} {head}")
    return code


@functools.lru_cache(maxsize=65536)
def read_actor(name: str | None, sectors: str | None, country: str | None) -> Actor | None:
    """Return the actor of an ICEWS Name, Sectors and Country, or None for no name.

    Names keep ICEWS's spelling. "Name (Country)" is a body or office of that country
    ("Foreign Affairs (Bangladesh)", "Head of Government (Egypt)"); a country's own name
    is the `Country`, and so is a region's ("West Bank"); an office is a `Person` without a
    name; a known organization (``organizations.json``: "Bharatiya Janata", "Taliban") is an
    `Organization` of its kind, and so is a name with a body's word ("World Economic
    Forum") or one that reads as no person and whose sectors only bodies have. A name is a
    `Person` when it reads as one and nothing of the above says otherwise: persons have
    sectors too (a party leader has "Parties"). "Name (Group)" is the group when it is a
    known one ("Militant (Taliban)"). "Unspecified Actor", a sector's name ("International
    Government Organizations"), a region of no country ("South Asia") and a group of one
    ("Citizen (Africa)", "Citizen (International)") are no actor (None).

    >>> read_actor("Head of Government (Egypt)", "Government,Executive", "Egypt")
    Person(name=None, office='Head of Government', country='EGY', affiliation=None)
    >>> read_actor("Foreign Affairs (Bangladesh)", "Foreign Ministry,Government", "Bangladesh")
    Organization(name='Foreign Affairs', kind=<OrganizationKind.GOVERNMENT: 'government'>, country='BGD')
    >>> read_actor("Bharatiya Janata", "Parties,(National) Major Party", "India")
    Organization(name='Bharatiya Janata', kind=<OrganizationKind.PARTY: 'party'>, country='IND')
    """
    if name is None or name in _UNSPECIFIED:
        return None
    code = _country(country) if country is not None else None
    kind = _kind_of(sectors)
    match = _PARENTHESIS.fullmatch(name)
    inner, inner_code = None, None
    if country is not None and name.endswith(f" ({country})"):
        inner, inner_code = name[: -len(country) - 3], code
    elif match is not None:
        inner, inner_code = match["inner"], _country(match["country"])
    if inner is not None and inner_code is not None:
        title = _office_title(inner)
        if title is not None:
            return Person(office=title, country=inner_code)
        if _holds_a_title(inner):  # "Member of the Judiciary (Philippines)": a person
            return Person(office=inner, country=inner_code)
        return Organization(name=inner, kind=kind or OrganizationKind.OTHER, country=inner_code)
    named = _country(name)
    if match is not None and named is None:  # "Militant (Taliban)", "Citizen (Africa)"
        group = known_organization(match["country"])
        if group is not None:
            return Organization(name=match["country"], kind=group.kind,
                                country=known_country(group, code))  # fmt: skip
        if code is None:  # "Citizen (Africa)", "Citizen (International)": no one's group
            return None
        return Organization(name=name, kind=kind or OrganizationKind.OTHER, country=code)
    if named is not None and sectors is None and (code is None or code == named):
        return Country(code=named)
    title = _office_title(name)
    if title is not None and title.casefold() == name.casefold():
        return Person(office=title, country=code)
    known = known_organization(name)
    if known is not None:
        return Organization(name=name, kind=known.kind, country=known_country(known, code))
    if is_place(name):  # a region of no country ("South Asia") is no actor
        place_code = code or named
        return Country(code=place_code) if place_code is not None else None
    has_word, word_kind = body_word(name)
    if has_word:
        return Organization(name=name, kind=kind or word_kind or OrganizationKind.OTHER,
                            country=code)  # fmt: skip
    if person_named(name) is not None:
        return Person(name=name, country=code)
    try:
        parsed = parse_actor(name)
    except ValidationError:
        parsed = None
    if isinstance(parsed, Organization):
        return Organization(name=name, kind=kind or parsed.kind, country=code or parsed.country)
    if isinstance(parsed, Country):
        return Country(code=code or parsed.code)
    if kind in _ORGANIZATION_ONLY:
        return Organization(name=name, kind=kind, country=code)
    return Person(name=name, country=code)


def _actor_cells(actor: Actor) -> tuple[str, str, str]:
    """Name, Sectors and Country cells of an actor."""
    if isinstance(actor, Country):
        name = icews_country_name(actor.code)
        return name, "NA", name
    country = icews_country_name(actor.country) if actor.country else "NA"
    if isinstance(actor, Person):
        if actor.name is not None:
            return actor.name, "NA", country
        assert actor.office is not None
        label = actor.office if actor.country is None else f"{actor.office} ({country})"
        return label, "NA", country
    label = actor.name if actor.country is None else f"{actor.name} ({country})"
    return label, _KIND_SECTOR[actor.kind], country


# --- places -----------------------------------------------------------------------------------


_number = ascii_number


def read_location(cells: Mapping[str, str | None]) -> Location | None:
    """Return the location of an ICEWS row (City, District, Province, Country, coordinates).

    >>> read_location({"City": "New York City", "Province": "New York",
    ...                "Country": "United States", "Latitude": "40.7143", "Longitude": "-74.006"})
    Location(name='New York City', country='USA', kind=<LocationKind.CITY: 'city'>, lat=40.7143, lon=-74.006)
    """
    city, district, province = cells.get("City"), cells.get("District"), cells.get("Province")
    code = country_code(cells.get("Country"))
    lat, lon = _number(cells.get("Latitude")), _number(cells.get("Longitude"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    name = city or district or province
    if city is not None:
        kind: LocationKind | None = LocationKind.CITY
    elif name is not None:
        kind = LocationKind.REGION
    else:
        kind = LocationKind.COUNTRY if code is not None else None
    if name is None and code is None and lat is None:
        return None
    return Location(name=name, country=code, kind=kind, lat=lat, lon=lon)


def _location_cells(location: Location | None) -> list[str]:
    if location is None:
        return ["NA"] * 6
    city = province = "NA"
    if location.name is not None:
        if location.kind is LocationKind.REGION:
            province = location.name
        elif location.kind is not LocationKind.COUNTRY:
            city = location.name
    country = icews_country_name(location.country) if location.country else "NA"
    lat = "NA" if location.lat is None else repr(location.lat)
    lon = "NA" if location.lon is None else repr(location.lon)
    return [city, "NA", province, country, lat, lon]


# --- dates and sentences ----------------------------------------------------------------------


def _date(text: str | None) -> EventDate:
    if text is None:
        raise ValueError("the row has no event date")
    # ASCII digits only: \\d and int() take full-width and Arabic-Indic digits too.
    match = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text) or re.fullmatch(
        r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", text
    )
    if match is None:
        raise ValueError(f"cannot read the event date {text!r} (YYYY-MM-DD or M/D/YYYY)")
    if "/" in text:
        month, day, year = (int(part) for part in match.groups())
    else:
        year, month, day = (int(part) for part in match.groups())
    try:
        return EventDate.day(year, month, day)
    except ValidationError as e:
        raise ValueError(f"impossible event date {text!r}") from e


def _first_day(date: EventDate) -> str:
    for end in (date.start, date.end):
        if isinstance(end, PartialDate):
            return end.lower().isoformat()
    raise AssertionError("an EventDate always has a date end")  # pragma: no cover


def _sentence(text: str | None) -> int | None:
    """Return the Sentence Number of a row; raise ValueError for one that is no number."""
    return ascii_int(text, "a sentence number")
