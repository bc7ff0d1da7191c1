"""PLOVER entities and places: diplomev's actors and locations as PLOVER writes them, and back.

An actor is an entity object (``code``, ``sector``, ``entity_text``, and the profile's
``office``); a location is an ``event_loc`` with a GeoNames feature class and code. Reading
is tolerant, because other coders fill entities each their own way: a country code, a
CAMEO group code (IGO, NGO, MNC, ...), text that `parse_actor` reads, or only a sector.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diplomev.actors import Actor, Country, CountryCode, Organization, OrganizationKind, Person
from diplomev.countries import alpha3_from_alpha2, is_country_code
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
    plural_title,
    role_kind,
    roles,
)
from diplomev.interop._plover_vocab import SPECIAL_CODES
from diplomev.interop._tables import CELL_MAX, ascii_number, country_code, too_long_message
from diplomev.places import Location, LocationKind
from diplomev.reading.actors import lookup_office, lookup_organization, parse_actor

# --- to PLOVER --------------------------------------------------------------------------------

_KIND_SECTORS: Mapping[OrganizationKind, str] = {
    OrganizationKind.GOVERNMENT: "GOV",
    OrganizationKind.LEGISLATURE: "LEG",
    OrganizationKind.MILITARY: "MIL",
    OrganizationKind.COURT: "JUD",
    OrganizationKind.PARTY: "PTY",
    OrganizationKind.UNIVERSITY: "EDU",
    OrganizationKind.COMPANY: "BUS",
    OrganizationKind.MEDIA: "JRN",
    OrganizationKind.COMMUNITY: "CVL",
}
_SECTOR_KINDS: Mapping[str, OrganizationKind] = {
    sector: kind for kind, sector in _KIND_SECTORS.items()
} | {"COP": OrganizationKind.GOVERNMENT, "MED": OrganizationKind.MEDIA}


def _plover_country(code: str) -> str:
    return "KOS" if code == "XKX" else code


def _entity(actor: Actor) -> dict[str, Any]:
    """Return the PLOVER entity of an actor."""
    if isinstance(actor, Country):
        return {"code": _plover_country(actor.code)}
    entity: dict[str, Any] = {}
    if isinstance(actor, Person):
        if actor.country is not None:
            entity["code"] = _plover_country(actor.country)
        office = lookup_office(actor.office) if actor.office is not None else None
        if office is not None and office.sector:
            entity["sector"] = office.sector[:3]
        entity["entity_text"] = actor.name or actor.office
        if actor.office is not None:
            entity["office"] = actor.office
        return entity
    if actor.country is not None:
        entity["code"] = _plover_country(actor.country)
    elif actor.kind is OrganizationKind.IGO:
        known = lookup_organization(actor.name)
        cameo = known.cameo if known is not None else None
        entity["code"] = {"IGOUNO": "UNO", "IGOEUREEC": "EUR"}.get(cameo or "", "IGO")
    elif actor.kind is OrganizationKind.NGO:
        entity["code"] = "NGO"
    elif actor.kind is OrganizationKind.COMPANY:
        entity["code"] = "MNC"
    if actor.kind in _KIND_SECTORS:
        entity["sector"] = _KIND_SECTORS[actor.kind]
    entity["entity_text"] = actor.name
    return entity


_LOCATION_FEATURES: Mapping[LocationKind, tuple[str, str | None, int | None]] = {
    LocationKind.CITY: ("P", "PPL", 4),
    LocationKind.REGION: ("A", "ADM1", 2),
    LocationKind.COUNTRY: ("A", "PCLI", 1),
    LocationKind.SEA: ("H", "SEA", None),
    LocationKind.ISLAND: ("T", "ISL", None),
    LocationKind.SITE: ("S", None, 5),
    LocationKind.OTHER: ("L", None, None),
}


def _event_loc(location: Location) -> dict[str, Any]:
    loc: dict[str, Any] = {}
    if location.name is not None:
        loc["resolved_place"] = location.name
    if location.country is not None:
        loc["country_code"] = _plover_country(location.country)
    if location.lat is not None and location.lon is not None:
        loc["lat"], loc["lon"] = location.lat, location.lon
    if location.kind is not None:
        feature_class, feature_code, resolution = _LOCATION_FEATURES[location.kind]
        loc["feature_class"] = feature_class
        if feature_code is not None:
            loc["feature_code"] = feature_code
        if resolution is not None:
            loc["resolution"] = resolution
    return loc


# --- from PLOVER ------------------------------------------------------------------------------


def _entities(value: Any, path: str) -> list[Actor]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    actors: list[Actor] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise ValidationError.at(f"{path}[{index}]", "expected an entity object")
        _check_texts(item, f"{path}[{index}]", _ENTITY_TEXTS)
        actor = _read_entity(item)
        if actor is not None and actor not in actors:
            actors.append(actor)
    return actors


# The members of an entity and of an event_loc that are read as text (names, codes).
_ENTITY_TEXTS = ("identifier_text", "entity_text", "name", "code", "country_code", "country",
                 "sector", "office")  # fmt: skip
_PLACE_TEXTS = ("resolved_place", "extracted_place", "name", "city", "country_code", "country",
                "feature_code", "feature_class")  # fmt: skip


def _check_texts(value: Mapping[str, Any], path: str, keys: tuple[str, ...]) -> None:
    """Refuse members that must be text but are not, or are too long to be a name.

    They are checked before anything reads them: a list or object where a code is
    expected is refused, not hashed; a 300,000-character name is refused, not normalized.
    """
    problems = []
    for key in keys:
        member = value.get(key)
        if member is None or (isinstance(member, bool | int | float) and key != "code"):
            continue
        if not isinstance(member, str):
            kind = "an object" if isinstance(member, Mapping) else type(member).__name__
            if isinstance(member, list):
                kind = "an array"
            problems.append(ErrorDetail(f"{path}.{key}", f"expected text, got {kind}",
                                        ErrorCode.WRONG_TYPE))  # fmt: skip
        elif len(member) > CELL_MAX:
            problems.append(ErrorDetail(f"{path}.{key}", too_long_message(len(member)),
                                        ErrorCode.TOO_LARGE))  # fmt: skip
        elif key in ("code", "country_code", "feature_code") and not member.isascii():
            # NFKD reads full-width letters as ASCII ones: a code is refused, not folded.
            problems.append(ErrorDetail(f"{path}.{key}", f"a code is ASCII, not {member!r}",
                                        ErrorCode.UNKNOWN_CODE))  # fmt: skip
    if problems:
        raise ValidationError(problems)


# CAMEO codes of no ISO country that diplomev reads as one: Kosovo, and the Soviet Union as
# its continuator state (as diplomev.interop.history_state files the USSR).
_OLD_CODES = {"KOS": "XKX", "KSV": "XKX", "USR": "RUS"}
# The names of the Soviet Union (code USR), which name its continuator, not a body.
_SOVIET_NAMES = frozenset({"soviet union", "ussr", "u.s.s.r.", "soviet", "the soviet union",
                           "union of soviet socialist republics"})  # fmt: skip


def _entity_country(code: str | None) -> CountryCode | None:
    if code is None:
        return None
    if code in _OLD_CODES:
        return CountryCode(_OLD_CODES[code])
    if is_country_code(code):
        return CountryCode(code)
    return None


def _read_entity(entity: Mapping[str, Any]) -> Actor | None:
    """Return the actor of a PLOVER entity, or None if it says nothing usable."""
    text = entity.get("identifier_text") or entity.get("entity_text") or entity.get("name")
    text = text if isinstance(text, str) else None
    raw_code = entity.get("code") or entity.get("country_code") or entity.get("country")
    raw_code = raw_code.upper() if isinstance(raw_code, str) and len(raw_code) == 3 else raw_code
    iso = _entity_country(raw_code) if isinstance(raw_code, str) else None
    if iso is None and isinstance(raw_code, str) and raw_code not in SPECIAL_CODES:
        iso = country_code(raw_code)
    sector_value = entity.get("sector")
    sector = sector_value if isinstance(sector_value, str) else ""
    office = entity.get("office") if isinstance(entity.get("office"), str) else None
    if office is not None:
        info = lookup_office(office)
        title = (
            info.title
            if info is not None and info.title.casefold() == office.casefold()
            else office
        )
        name = text if text is not None and text != office else None
        return Person(name=name, office=title, country=iso)
    known = known_organization(text) if text is not None else None
    if known is None and text is not None and "'s " in text:
        # "Osama bin Laden's al-Qaeda": the body after a possessive is the entity.
        known = known_organization(text.rsplit("'s ", 1)[1])
    if known is not None:
        return Organization(name=known.name, kind=known.kind, country=known_country(known, iso))
    if raw_code in SPECIAL_CODES:
        return _special(str(raw_code), text)
    if text is None:
        return Country(code=iso) if iso is not None else None
    if not sector and iso is not None and country_code(text) == iso:
        return Country(code=iso)
    if raw_code == "USR" and text.casefold().strip() in _SOVIET_NAMES:
        return Country(code=CountryCode("RUS"))
    return _named_entity(text, iso, sector)


def _named_entity(text: str, iso: CountryCode | None, sector: str) -> Actor:
    """Read an entity's text with its country and sector.

    A non-state sector keeps the group apart from its state ("Darfur rebels" ``REB`` are
    an organization of Sudan); a place stands for its country; a name is a person's only
    when it reads as one.
    """
    # The gold-standard records write CIV for civilians (CAMEO's CVL) in some entities.
    found = roles("CVL" + sector[3:] if sector[:3].upper() == "CIV" else sector)
    group_role = non_state_role(found)
    try:
        parsed = parse_actor(text)
    except ValidationError:
        parsed = None
    if isinstance(parsed, Person) and plural_title(parsed, text):
        # "Palestinian officials", "US diplomats": a group of the office's holders.
        kind = role_kind(found) or _group_word_kind(text.split(), OrganizationKind.GOVERNMENT)
        return Organization(name=text, kind=kind, country=parsed.country or iso)
    if (parsed is None or isinstance(parsed, Person)) and _people(text):
        # "Ethnic Albanians", "French farmers": a people or its members, not one person
        # and not the state.
        kind = role_kind(found) or _group_word_kind(text.split())
        return Organization(name=text, kind=kind, country=iso)
    described = _country_described(text)
    if described is not None and group_role is None and (iso is None or described == iso):
        return Country(code=described)  # "NATO-member Norway", "the embattled Syria"
    holder = _holder_after_words(text, parsed)
    if holder is not None:  # "Ousted President Askar Akayev", "Quatar's emir"
        return Person(name=holder.name, office=holder.office, country=holder.country or iso,
                      affiliation=holder.affiliation)  # fmt: skip
    if isinstance(parsed, Person) and (parsed.office is not None or person_named(text)):
        return Person(name=parsed.name, office=parsed.office, country=parsed.country or iso,
                      affiliation=parsed.affiliation)  # fmt: skip
    if isinstance(parsed, Organization):
        # The coder's sector says more than a head word ("Hutu rebel group" is REB, not a
        # company named "... Group").
        kind = role_kind(found) or _SECTOR_KINDS.get(sector) or parsed.kind
        return Organization(name=parsed.name, kind=kind, country=parsed.country or iso)
    countryish = isinstance(parsed, Country) or is_place(text)
    if countryish and group_role is not None and iso is not None:
        return Organization(name=group_label(group_role), kind=ROLE_KINDS[group_role],
                            country=iso)  # fmt: skip
    if isinstance(parsed, Country):
        return Country(code=iso or parsed.code)
    if iso is not None and is_place(text):
        return Country(code=iso)
    if parsed is None and may_be_surname(found):
        person = _person_after_words(text)
        if person is not None:  # "Soviet leader Mikhail Gorbachev", "Lebanon's new President ..."
            return Person(name=person.name, office=person.office, country=iso)
    has_word, word_kind = body_word(text)
    if is_one_word(text) and may_be_surname(found) and text[:1].isupper() and not has_word:
        return Person(name=text, country=iso)  # a surname: "Putin" (GOV)
    group_kind = _SECTOR_KINDS.get(sector) or (ROLE_KINDS[group_role] if group_role else None)
    if group_kind is None and has_word:
        group_kind = word_kind or OrganizationKind.OTHER
    if group_kind is not None:
        return Organization(name=text, kind=group_kind, country=iso)
    if iso is not None and country_code(text) is None:
        # More than the country's name: a person named after words of description ("Iran's
        # religious leader Ayatollah Ruhollah Khomeini"), or a group of it ("Palestinian
        # prisoners", "Israeli troops", "Hausa politicians"), which is not the state.
        person = _person_after_words(text) if parsed is None else None
        if person is not None:
            return Person(name=person.name, office=person.office, country=iso)
        words = text.split()
        if len(words) > 1 and not _a_place_of_it(words) and any(w.islower() for w in words[1:]):
            kind = role_kind(found) or _group_word_kind(words)
            return Organization(name=text, kind=kind, country=iso)
    if iso is not None:
        return Country(code=iso)
    return Organization(name=text, country=None)


def _people(text: str) -> bool:
    """Whether the text names a people or a group of its members ("Ethnic Albanians").

    Its last word is a demonym in the plural ("Albanians", "Palestinians") or a plural
    common noun after other words ("French farmers", "Christian missionaries"): a
    person's name ends in neither.
    """
    words = text.split()
    if len(words) < 2 or not words[-1].isalpha():
        return False
    last = words[-1]
    if last[0].isupper():
        singular = last[:-1] if last.endswith("s") and not last.endswith("ss") else None
        return singular is not None and country_code(singular) is not None
    return last.endswith("s") and not last.endswith("ss") and lookup_office(last) is None


# Words that tell where a group is or comes from: "rebels in Darfur" is no country.
_RELATION_WORDS = frozenset({"in", "of", "near", "from", "at", "throughout", "based",
                             "living", "loyal", "to", "and", "by", "for", "with"})  # fmt: skip


def _country_described(text: str) -> CountryCode | None:
    """Return the country a text names after words that only describe it, or None.

    "NATO-member Norway" and "the embattled Syria" are the country; "villages near
    Macedonia" and "Rebels in the Ivory Coast" are not (a word relates them to it), nor
    is "Bosnian Serbs" (the country's adjective comes first).
    """
    words = text.split()
    if country_code(text) is not None:
        return None  # the whole is a country's name ("Papua New Guinea"), not its tail's
    for start in range(1, len(words)):
        code = country_code(" ".join(words[start:]))
        if code is None:
            continue
        head = words[:start]
        if any(word.casefold() in _RELATION_WORDS for word in head):
            return None
        if any(lookup_office(word) is not None or body_word(word)[0] for word in head):
            return None
        return code
    return None


def _holder_after_words(text: str, parsed: Actor | None) -> Person | None:
    """Read a title's holder after words the reader does not know, or None.

    "Ousted President Askar Akayev" is the President Askar Akayev, and "Quatar's emir"
    (a misspelt country) an emir: the unknown words describe the holder.
    """
    if isinstance(parsed, Person) and parsed.office is not None:
        return None
    if isinstance(parsed, Person) and not any(
        lookup_office(word) is not None for word in (parsed.name or "").split()
    ):
        return None  # a name that holds no title: nothing to find after it
    if parsed is not None and not isinstance(parsed, Person):
        return None
    words = text.split()
    for skip in range(1, min(4, len(words))):
        if any(word.casefold() in _RELATION_WORDS for word in words[:skip]):
            return None  # "supporters of former President Ben Bella" are not he
        try:
            rest = parse_actor(" ".join(words[skip:]))
        except ValidationError:
            continue
        if isinstance(rest, Person) and rest.office is not None:
            return None if plural_title(rest, text) else rest
    return None


# Words that make a name a part of a country ("the Azerbaijani republic of Nakhichevan").
_PART_WORDS = frozenset({"republic", "province", "state", "region", "territory", "enclave"})


def _a_place_of_it(words: list[str]) -> bool:
    """Whether the words name a place of the country: a part of it, or it ("... Afghanistan")."""
    if any(word.casefold() in _PART_WORDS for word in words):
        return True
    return any(country_code(" ".join(words[i:])) is not None for i in range(1, len(words)))


# Words that name a country's armed forces, in a group named by the country's adjective.
_FORCES = frozenset({"troops", "soldiers", "forces", "army", "military", "militia", "navy"})


def _group_word_kind(
    words: list[str], default: OrganizationKind = OrganizationKind.COMMUNITY
) -> OrganizationKind:
    """Return the kind of a group named by its people ("farmers") or its forces ("troops")."""
    if any(word.casefold() in _FORCES for word in words):
        return OrganizationKind.MILITARY
    return default


def _person_after_words(text: str) -> Person | None:
    """Read a named person after up to three words the reader does not know, or None."""
    words = text.split()
    for skip in range(1, min(4, len(words) - 1)):
        try:
            parsed = parse_actor(" ".join(words[skip:]))
        except ValidationError:
            continue
        if not isinstance(parsed, Person) or parsed.name is None:
            return None
        if not any(lookup_office(word) for word in parsed.name.split()):
            return parsed  # not "Investment Minister Tran Xuan Gia": a title is no name
    return None


def _special(code: str, text: str | None) -> Actor | None:
    known = lookup_organization(text or SPECIAL_CODES[code])
    if known is not None and (text is not None or code in ("UNO", "EUR")):
        return known.to_organization()
    kind = {"IGO": OrganizationKind.IGO, "UNO": OrganizationKind.IGO,
            "EUR": OrganizationKind.IGO, "NGO": OrganizationKind.NGO,
            "MNC": OrganizationKind.COMPANY}.get(code, OrganizationKind.OTHER)  # fmt: skip
    if text is None or (code in ("IGO", "NGO", "MNC") and names_a_role(text)):
        return None  # "human rights group" NGO: no particular body (as GDELT's NGOHRI)
    try:
        parsed = parse_actor(text)
    except ValidationError:
        parsed = None
    if isinstance(parsed, Organization) and code in ("IGO", "NGO", "MNC"):
        # The code is the coder's word on the kind ("human rights group" NGO).
        return Organization(name=parsed.name, kind=kind, country=parsed.country)
    if (isinstance(parsed, Person) and parsed.office is None and parsed.affiliation is None
            and person_named(text) is None):  # fmt: skip
        # A group's code and a body's name ("Third World Water Forum" NGO): that body.
        return Organization(name=parsed.name or text, kind=kind)
    if isinstance(parsed, Person | Organization):
        return parsed
    return Organization(name=text, kind=kind)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return ascii_number(value)
    return None


def _location_kind(loc: Mapping[str, Any]) -> LocationKind | None:
    code = str(loc.get("feature_code") or "").upper()
    klass = str(loc.get("feature_class") or "").upper()
    if code.startswith("PPL"):
        return LocationKind.CITY
    if code.startswith("PCL"):
        return LocationKind.COUNTRY
    if code.startswith("ADM"):
        return LocationKind.REGION
    if code.startswith("ISL") or code in ("ATOL", "SHOL", "RF"):
        return LocationKind.ISLAND
    by_class = {"H": LocationKind.SEA, "S": LocationKind.SITE, "L": LocationKind.OTHER,
                "P": LocationKind.CITY, "T": LocationKind.ISLAND}  # fmt: skip
    if klass in by_class:
        return by_class[klass]
    resolution = loc.get("resolution")
    if not isinstance(resolution, int) or isinstance(resolution, bool):
        return None
    return {5: LocationKind.SITE, 4: LocationKind.CITY, 3: LocationKind.REGION,
            2: LocationKind.REGION, 1: LocationKind.COUNTRY}.get(resolution)  # fmt: skip


def _read_location(loc: Any) -> Location | None:
    if not isinstance(loc, Mapping):
        return None
    _check_texts(loc, "$.event_loc", _PLACE_TEXTS)
    name = next(
        (loc[key] for key in ("resolved_place", "extracted_place", "name", "city")
         if isinstance(loc.get(key), str)), None)  # fmt: skip
    code = loc.get("country_code")
    country: CountryCode | None = None
    if isinstance(code, str):
        code = code.upper()
        country = _entity_country(code) if len(code) == 3 else None
        if country is None and len(code) == 2:
            try:
                country = CountryCode(alpha3_from_alpha2(code))
            except ValidationError:
                country = None
    if country is None and isinstance(loc.get("country"), str):
        country = country_code(loc["country"])
    kind = _location_kind(loc)
    if country is None and name is not None:
        # A place named by a country's name alone ({"name": "Serbia"}) is in that country.
        country = country_code(name)
        if country is not None and kind is None:
            kind = LocationKind.COUNTRY
    lat, lon = _number(loc.get("lat")), _number(loc.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    if name is None and country is None and lat is None:
        return None
    return Location(name=name, country=country, kind=kind, lat=lat, lon=lon)
