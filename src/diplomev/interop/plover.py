"""PLOVER: write records as PLOVER 2.0 JSON Lines, read PLOVER (old drafts too) into records.

PLOVER codes an event as a type (``event``), a ``mode`` and ``context`` s, with ``actor``
and ``recipient`` entities. `to_plover` maps a record onto those fields:

- a summit is CONSULT (mode ``multilateral`` with a forum or more than two participants,
  ``third-party`` without a host), all participants as actors; a visit is CONSULT
  ``visit``, the visitor (and delegation) as actors, the host as recipient; a planned
  summit or visit is AGREE, a cancelled one REJECT ``meet``;
- a dispute is ACCUSE (``disapprove``; ``allege`` once adjudicated), THREATEN while
  escalating (``territory``, ``violence`` or ``relations`` by its kind), AGREE while easing;
  its kind becomes contexts (``territory``, plus ``legal`` at sea, ``military``, ...);
- a trade issue is SANCTION ``discontinue``, THREATEN ``restrict`` while threatened,
  RETREAT once lifted, with context ``economic``. PLOVER's own CAMEO table maps CAMEO 163
  (sanctions) to COERCE ``restrict``; the manual says international sanctions are SANCTION
  ``discontinue``, and diplomev follows the manual (and reads COERCE ``restrict`` with an
  economic or diplomatic context as a sanction too).

Whatever the PLOVER fields cannot hold (a summary, topics, links, an exact EDTF date,
meetings, ...) goes into ``x_diplomev``, so that `from_plover` gives the record back
unchanged; a PLOVER tool ignores the key. A record without it is read as foreign PLOVER:
the PLOVER fields diplomev has no place for (``context``, ``event_text``, ``text``, ...)
are kept in the record's ``x_plover`` extension. The JSON Schema of this profile is
`plover_schema`.

>>> from diplomev import Person, Visit, parse_date
>>> visit = Visit(id="lee-china-visit", date=parse_date("2026-01-04/2026-01-06"), host="CHN",
...               visitor=Person(name="Lee Jae Myung", office="President", country="KOR"))
>>> record = to_plover(visit)
>>> record["event"], record["mode"], record["actor"], record["recipient"]
(['CONSULT'], ['visit'], [{'code': 'KOR', 'sector': 'GOV', 'entity_text': 'Lee Jae Myung', 'office': 'President'}], [{'code': 'CHN'}])
>>> record["date"], record["enddate"], record["x_diplomev"]
('2026-01-04', '2026-01-06', {})
>>> from_plover(record) == visit
True

`from_plover` and `read_plover` also read the older shapes: ``source``/``target`` for
``actor``/``recipient``, camelCase names, scalar ``event``/``mode``/``context`` (comma-
separated contexts), ``""``, ``"NULL"`` and ``"NA"`` for absent values, the old types
DEMAND, DISAPPROVE, INVESTIGATE and FIGHT, and the old mode ``host``. A record that maps
to no diplomev kind raises `Unmapped` with the reason; `read_plover` counts it instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from diplomev._files import Target, name_of, open_for_reading, open_for_writing
from diplomev._lines import decode_document
from diplomev.actors import Actor, Country, CountryCode, Organization, OrganizationKind, Person
from diplomev.codec import from_dict, to_dict
from diplomev.countries import alpha3_from_alpha2, is_country_code
from diplomev.dates import EventDate, PartialDate
from diplomev.errors import ErrorDetail, ValidationError
from diplomev.identity import make_id
from diplomev.interop._plover_vocab import (
    CONTEXTS,
    EVENTS,
    EXTRAS_KEY,
    MODES,
    SPECIAL_CODES,
    plover_schema,
)
from diplomev.interop._report import ExportReport, ImportReader, ImportReport, Unmapped
from diplomev.interop._tables import country_code, json_values, present
from diplomev.interop.cameo import event_code, kind_name
from diplomev.io import BadRecord, ErrorMode, RecordError
from diplomev.places import Location, LocationKind
from diplomev.reading.actors import lookup_office, lookup_organization, parse_actor
from diplomev.records import (
    Dispute,
    DisputeKind,
    DisputeStage,
    Event,
    Status,
    Summit,
    TradeIssue,
    Visit,
    event_type_name,
)
from diplomev.sources import Source

__all__ = [
    "CONTEXTS",
    "EVENTS",
    "EXTRAS_KEY",
    "MODES",
    "Unmapped",
    "from_plover",
    "plover_event",
    "plover_losses",
    "plover_schema",
    "read_plover",
    "to_plover",
    "write_plover",
]


# --- records to PLOVER ------------------------------------------------------------------------

_DISPUTE_CONTEXTS: Mapping[DisputeKind, tuple[str, ...]] = {
    DisputeKind.TERRITORIAL: ("territory",),
    DisputeKind.SOVEREIGNTY: ("territory",),
    DisputeKind.MARITIME: ("territory", "legal"),
    DisputeKind.SECURITY: ("military",),
    DisputeKind.DIPLOMATIC: ("diplomatic",),
    DisputeKind.ECONOMIC: ("economic",),
    DisputeKind.OTHER: (),
}

# PLOVER type and mode of the CAMEO codes of disputes and trade issues (PLOVER's own
# CAMEO2PLOVER-2021 table, except 163 and 085: see the module docstring and docs).
_CAMEO_TO_PLOVER: Mapping[str, tuple[str, str | None]] = {
    "112": ("ACCUSE", "disapprove"),
    "115": ("ACCUSE", "allege"),
    "037": ("AGREE", None),
    "130": ("THREATEN", None),
    "138": ("THREATEN", "violence"),
    "1313": ("THREATEN", "relations"),
    "1382": ("THREATEN", "territory"),
    "1312": ("THREATEN", "restrict"),
    "163": ("SANCTION", "discontinue"),
    "085": ("RETREAT", None),
}


def plover_event(event: Event) -> tuple[str, str | None, tuple[str, ...]]:
    """Return the PLOVER event type, mode (or None) and contexts a record stands for.

    >>> from diplomev import Country, TradeIssue, parse_date
    >>> sanction = TradeIssue(id="t", date=parse_date("2017-03"), measure="sanction",
    ...                       imposers=(Country(code="CHN"),), targets=(Country(code="KOR"),))
    >>> plover_event(sanction)
    ('SANCTION', 'discontinue', ('economic',))
    """
    if isinstance(event, Summit | Visit):
        if event.status is Status.PLANNED:
            return "AGREE", None, ("diplomatic",)
        if event.status is Status.CANCELLED:
            return "REJECT", "meet", ("diplomatic",)
        if isinstance(event, Visit):
            return "CONSULT", "visit", ("diplomatic",)
        if event.forum is not None or len(event.participants) > 2:
            return "CONSULT", "multilateral", ("diplomatic",)
        return "CONSULT", "third-party" if event.host is None else None, ("diplomatic",)
    if isinstance(event, Dispute | TradeIssue):
        kind, mode = _CAMEO_TO_PLOVER[event_code(event)]
        if isinstance(event, TradeIssue):
            return kind, mode, ("economic",)
        contexts = _DISPUTE_CONTEXTS[event.kind]
        if event.stage is DisputeStage.ADJUDICATED and "legal" not in contexts:
            contexts = (*contexts, "legal")
        return kind, mode, contexts
    raise ValidationError.at(
        "$.type", f"PLOVER has no event type for the kind {kind_name(type(event))!r}"
    )


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


def _days(date: EventDate) -> tuple[str, str | None]:
    ends = [end for end in (date.start, date.end) if isinstance(end, PartialDate)]
    first = ends[0].lower().isoformat()
    last = (
        ends[-1].upper().isoformat()
        if date.end is None or isinstance(date.end, PartialDate)
        else None
    )
    return first, (last if last != first else None)


def _roles(event: Event) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    if isinstance(event, Summit):
        return event.participants, ()
    if isinstance(event, Visit):
        return (event.visitor, *event.delegation), (Country(code=event.host),)
    if isinstance(event, Dispute):
        return tuple(party.actor for party in event.parties), ()
    assert isinstance(event, TradeIssue)
    return event.imposers, event.targets


def _native(event: Event) -> dict[str, Any]:
    kind, mode, contexts = plover_event(event)
    actors, recipients = _roles(event)
    date, enddate = _days(event.date)
    record: dict[str, Any] = {"id": event.id, "date": date}
    if enddate is not None:
        record["enddate"] = enddate
    record["actor"] = [_entity(actor) for actor in actors]
    if recipients:
        record["recipient"] = [_entity(actor) for actor in recipients]
    record["event"] = [kind]
    if mode is not None:
        record["mode"] = [mode]
    if contexts:
        record["context"] = list(contexts)
    if event.location is not None:
        record["event_loc"] = _event_loc(event.location)
    if event.sources:
        source = event.sources[0]
        cite = {"url": source.url, "title": source.title, "publication": source.publisher}
        record["cite_info"] = {key: value for key, value in cite.items() if value is not None}
    return record


def to_plover(event: Event, *, extras: bool = True) -> dict[str, Any]:
    """Return the PLOVER record of ``event`` (a JSON-ready dict of diplomev's profile).

    With ``extras`` (the default), ``x_diplomev`` carries what the PLOVER fields do not
    hold: ``fields``, the wire fields to set, and ``absent``, the fields reading PLOVER
    would add but the record lacks. It is an empty object when nothing is missing, which
    still marks the record as diplomev's, so `from_plover` returns ``event`` unchanged.
    Without ``extras`` the record is plain PLOVER and the fields `plover_losses` names are
    lost. Raises `diplomev.ValidationError` for a kind PLOVER has no type for.

    >>> from diplomev import Country, Summit, parse_date
    >>> summit = Summit(id="s", date=parse_date("2026-01"), summary="Talks in Seoul",
    ...                 participants=(Country(code="KOR"), Country(code="CHN")))
    >>> to_plover(summit)["x_diplomev"]
    {'fields': {'date': '2026-01', 'summary': 'Talks in Seoul'}}
    >>> "x_diplomev" in to_plover(summit, extras=False)
    False
    """
    record = _native(event)
    if extras:
        fields, absent = _extras(event, record)
        carried: dict[str, Any] = {}
        if fields:
            carried["fields"] = fields
        if absent:
            carried["absent"] = absent
        record[EXTRAS_KEY] = carried
    return record


def plover_losses(event: Event) -> frozenset[str]:
    """Return the wire fields of ``event`` that its plain PLOVER record does not give back.

    They are the fields `to_plover` carries in ``x_diplomev``.

    >>> from diplomev import Country, Dispute, DisputeParty, parse_date
    >>> dispute = Dispute(id="d", date=parse_date("2026-01-05"), kind="maritime",
    ...                   subject="fishing rights", stage="active",
    ...                   parties=(DisputeParty(actor=Country(code="KOR")),))
    >>> sorted(plover_losses(dispute))
    ['subject']
    """
    fields, absent = _extras(event, _native(event))
    return frozenset(fields) | frozenset(absent)


def _extras(event: Event, record: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return the wire fields to set, and those to remove, after reading ``record`` back."""
    original = to_dict(event)
    wanted = original["type"]
    fields: dict[str, Any] = {}
    everything = {key: value for key, value in original.items() if key != "id"}
    try:
        back = _native_wire(_normalize(record), None, keep_unmapped=False)
        if back["type"] != wanted:
            raise Unmapped(wanted, "another kind")
    except Unmapped:
        fields["type"] = wanted
        try:
            back = _native_wire(_normalize(record), wanted, keep_unmapped=False)
        except (Unmapped, ValidationError):
            return everything, []
    except ValidationError:
        return everything, []
    for key, value in original.items():
        if key != "type" and (key not in back or back[key] != value):
            fields[key] = value
    return fields, [key for key in back if key not in original]


# --- PLOVER to records ------------------------------------------------------------------------

_RENAMES = {"source": "actor", "target": "recipient", "actor_text": "entity_text"}
_OLD_EVENTS: Mapping[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def _key(name: str) -> str:
    snake = _CAMEL.sub(r"_\1", name).replace(" ", "_").replace("-", "_").lower()
    return _RENAMES.get(snake, snake)


def _clean(value: Any) -> Any:
    """Normalize names and drop absent values ("", "NULL", "NA", null) at every level."""
    if isinstance(value, Mapping):
        cleaned = {_key(str(k)): _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v is not None}
    if isinstance(value, list):
        items = [_clean(item) for item in value]
        return [item for item in items if item is not None] or None
    if isinstance(value, str):
        return present(value) and value.strip()
    return value


def _normalize(record: Mapping[str, Any]) -> dict[str, Any]:
    extras = record.get(EXTRAS_KEY)
    data: dict[str, Any] = _clean({k: v for k, v in record.items() if k != EXTRAS_KEY}) or {}
    if extras is not None:
        data[EXTRAS_KEY] = extras
    return data


def _words(value: Any, *, split: bool = False) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValidationError.at("$", f"expected text, got {json.dumps(item)}")
        parts = item.split(",") if split else [item]
        words.extend(part.strip() for part in parts if part.strip())
    return words


def _entities(value: Any, path: str) -> list[Actor]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    actors: list[Actor] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise ValidationError.at(f"{path}[{index}]", "expected an entity object")
        actor = _read_entity(item)
        if actor is not None and actor not in actors:
            actors.append(actor)
    return actors


def _entity_country(code: str | None) -> CountryCode | None:
    if code is None:
        return None
    if code in ("KOS", "KSV"):
        return CountryCode("XKX")
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
    if raw_code in SPECIAL_CODES:
        return _special(str(raw_code), text)
    if text is None:
        return Country(code=iso) if iso is not None else None
    if not sector and iso is not None and country_code(text) == iso:
        return Country(code=iso)
    try:
        parsed = parse_actor(text)
    except ValidationError:
        parsed = None
    if isinstance(parsed, Person):
        return Person(name=parsed.name, office=parsed.office, country=parsed.country or iso,
                      affiliation=parsed.affiliation)  # fmt: skip
    if isinstance(parsed, Organization):
        kind = parsed.kind
        if kind is OrganizationKind.OTHER and sector in _SECTOR_KINDS:
            kind = _SECTOR_KINDS[sector]
        return Organization(name=parsed.name, kind=kind, country=parsed.country or iso)
    if isinstance(parsed, Country):
        return Country(code=iso or parsed.code)
    if sector in _SECTOR_KINDS:
        return Organization(name=text, kind=_SECTOR_KINDS[sector], country=iso)
    if iso is not None:
        return Country(code=iso)
    return Organization(name=text, country=None)


def _special(code: str, text: str | None) -> Actor | None:
    known = lookup_organization(text or SPECIAL_CODES[code])
    if known is not None and (text is not None or code in ("UNO", "EUR")):
        return known.to_organization()
    kind = {"IGO": OrganizationKind.IGO, "UNO": OrganizationKind.IGO,
            "EUR": OrganizationKind.IGO, "NGO": OrganizationKind.NGO,
            "MNC": OrganizationKind.COMPANY}.get(code, OrganizationKind.OTHER)  # fmt: skip
    if text is None:
        return None
    try:
        parsed = parse_actor(text)
    except ValidationError:
        parsed = None
    if isinstance(parsed, Person | Organization):
        return parsed
    return Organization(name=text, kind=kind)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
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
    return {5: LocationKind.SITE, 4: LocationKind.CITY, 3: LocationKind.REGION,
            2: LocationKind.REGION, 1: LocationKind.COUNTRY}.get(loc.get("resolution"))  # type: ignore[arg-type]  # fmt: skip


def _read_location(loc: Any) -> Location | None:
    if not isinstance(loc, Mapping):
        return None
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
    lat, lon = _number(loc.get("lat")), _number(loc.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    if name is None and country is None and lat is None:
        return None
    return Location(name=name, country=country, kind=_location_kind(loc), lat=lat, lon=lon)


def _read_date(data: Mapping[str, Any]) -> EventDate:
    problems = []
    days = []
    for key in ("date", "enddate"):
        value = data.get(key)
        if value is None:
            if key == "date":
                problems.append(ErrorDetail("$.date", "required field missing"))
            continue
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value) if isinstance(value, str) else None
        if match is None:
            problems.append(
                ErrorDetail(f"$.{key}", f"expected a YYYY-MM-DD date, got {json.dumps(value)}")
            )
            continue
        try:
            days.append(EventDate.day(*(int(part) for part in match.groups())))
        except ValidationError:
            problems.append(ErrorDetail(f"$.{key}", f"impossible date {value!r}"))
    if problems:
        raise ValidationError(problems)
    if len(days) == 2 and days[1] != days[0]:
        return EventDate.interval(days[0], days[1])
    return days[0]


def _dispute_kind(contexts: Sequence[str]) -> DisputeKind:
    if "territory" in contexts:
        return DisputeKind.MARITIME if "legal" in contexts else DisputeKind.TERRITORIAL
    for context, kind in (("military", DisputeKind.SECURITY),
                          ("diplomatic", DisputeKind.DIPLOMATIC),
                          ("economic", DisputeKind.ECONOMIC)):  # fmt: skip
        if context in contexts:
            return kind
    return DisputeKind.OTHER


def _classify(kind: str, mode: str | None, contexts: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """Return the diplomev type a PLOVER type and mode stand for, with fixed fields."""
    economic = "economic" in contexts
    if kind == "CONSULT":
        if mode in ("visit", "host"):
            return "visit", {}
        if mode == "phone":
            raise Unmapped(kind, "CONSULT phone: a telephone call is not a meeting")
        return "summit", {}
    if kind == "REJECT" and mode == "meet":
        return "summit", {"status": "cancelled"}
    if kind == "ACCUSE" and mode != "investigate":
        stage = "adjudicated" if mode == "allege" and "legal" in contexts else "active"
        return "dispute", {"kind": _dispute_kind(contexts).value, "stage": stage}
    if kind == "THREATEN":
        if mode == "restrict" or (mode is None and economic):
            if economic:
                return "trade_issue", {"measure": "sanction", "stage": "threatened"}
        elif mode in (None, "territory", "relations", "violence"):
            dispute = _dispute_kind(contexts)
            if mode == "territory" and dispute not in (DisputeKind.MARITIME,):
                dispute = DisputeKind.TERRITORIAL
            if mode == "violence":
                dispute = DisputeKind.SECURITY
            if mode == "relations" and dispute is DisputeKind.OTHER:
                dispute = DisputeKind.DIPLOMATIC
            return "dispute", {"kind": dispute.value, "stage": "escalating"}
    if kind == "SANCTION" and (mode == "discontinue" or (mode is None and economic)):
        return "trade_issue", {"measure": "sanction", "stage": "in_force"}
    if (
        kind == "COERCE"
        and mode == "restrict"
        and ("economic" in contexts or "diplomatic" in contexts)
    ):
        return "trade_issue", {"measure": "sanction", "stage": "in_force"}
    if kind == "RETREAT" and economic and mode in (None, "ease"):
        return "trade_issue", {"measure": "sanction", "stage": "lifted"}
    raise Unmapped(kind, _why_not(kind, mode))


def _why_not(kind: str, mode: str | None) -> str:
    with_mode = f"{kind} {mode}" if mode else kind
    reasons = {
        "AGREE": "an agreement or an intent; PLOVER does not say whether it is a planned "
        "meeting, the one AGREE diplomev keeps",
        "ACCUSE": "an investigation is not a dispute",
        "SANCTION": "a diplomatic, aid or legal sanction, not a trade measure",
        "THREATEN": "a threat that is neither a trade measure nor a dispute diplomev can tell",
        "REJECT": "a rejection of something other than a meeting",
        "RETREAT": "a retreat that is not the easing of an economic measure",
        "COERCE": "coercion other than economic restrictions",
    }
    return f"{with_mode}: {reasons.get(kind, 'no diplomev kind')}"


def _first_event(data: Mapping[str, Any]) -> tuple[str, str, str | None]:
    """Return the event type as written, its PLOVER 2.0 name, and the mode it implies."""
    events = _words(data.get("event"))
    if not events:
        raise ValidationError.at("$.event", "required field missing")
    written = events[0].upper()
    if written in _OLD_EVENTS:
        current, implied = _OLD_EVENTS[written]
        return written, current, implied
    return written, written, None


def _native_wire(
    data: Mapping[str, Any], type_hint: str | None, *, keep_unmapped: bool
) -> dict[str, Any]:
    """Return the wire dict a normalized PLOVER record stands for, by its fields alone."""
    written, kind, implied = _first_event(data)
    if kind == "DOCUMENT":
        raise Unmapped(written, "DOCUMENT: file metadata, not an event")
    if data.get("has_event") is False:
        raise Unmapped(written, "has_event is false: no event was coded")
    if kind not in EVENTS:
        raise Unmapped(written, f"{written}: not a PLOVER event type")
    modes = _words(data.get("mode")) or ([implied] if implied else [])
    mode = modes[0].lower() if modes else None
    contexts = [c.lower() for c in _words(data.get("context"), split=True)]
    if type_hint is None:
        try:
            type_name, fixed = _classify(kind, mode, contexts)
        except Unmapped as e:
            raise Unmapped(written, e.reason) from None
    else:
        type_name, fixed = type_hint, {}
        if type_hint == "summit" and kind == "AGREE":
            fixed = {"status": "planned"}
        elif type_hint == "visit" and kind in ("AGREE", "REJECT"):
            fixed = {"status": "planned" if kind == "AGREE" else "cancelled"}
        elif type_hint == "dispute":
            fixed = {"kind": _dispute_kind(contexts).value}
            if kind == "AGREE":
                fixed["stage"] = "easing"
        elif type_hint == "trade_issue":
            fixed = {"measure": "sanction"}
    actors = _entities(data.get("actor"), "$.actor")
    recipients = _entities(data.get("recipient"), "$.recipient")
    ident = data.get("id")
    wire: dict[str, Any] = {
        "type": type_name,
        "id": str(ident)
        if isinstance(ident, str | int) and not isinstance(ident, bool)
        else "plover",
        "date": str(_read_date(data)),
        "status": fixed.pop("status", "occurred"),
    }
    location = _read_location(data.get("event_loc"))
    if location is not None:
        wire["location"] = to_dict(location)
    cite = data.get("cite_info")
    source = None
    if isinstance(cite, Mapping):
        url, title = cite.get("url"), cite.get("title")
        if isinstance(url, str) or isinstance(title, str):
            publisher = cite.get("publication")
            source = Source(url=url if isinstance(url, str) else None,
                            title=title if isinstance(title, str) else None,
                            publisher=publisher if isinstance(publisher, str) else None)  # fmt: skip
            wire["sources"] = [to_dict(source)]
    wire.update(_kind_fields(type_name, fixed, actors, recipients, mode, location, written,
                             type_hint is None))  # fmt: skip
    if keep_unmapped:
        consumed = {"id", "date", "enddate", "actor", "recipient", "mode", "event_loc"}
        if source is not None:
            consumed.add("cite_info")
        if len(_words(data.get("event"))) == 1 and written == kind:
            consumed.add("event")
        left = {key: value for key, value in data.items() if key not in consumed}
        if left:
            wire["x_plover"] = left
    return wire


def _kind_fields(
    type_name: str,
    fixed: dict[str, Any],
    actors: list[Actor],
    recipients: list[Actor],
    mode: str | None,
    location: Location | None,
    written: str,
    strict: bool,
) -> dict[str, Any]:
    fields: dict[str, Any] = dict(fixed)

    def need(condition: bool, reason: str) -> None:
        if strict and not condition:
            raise Unmapped(written, f"{written}: {reason}")

    if type_name == "visit":
        visitors, hosts = (recipients, actors) if mode == "host" else (actors, recipients)
        need(bool(visitors), "a visit needs a visitor")
        host = None
        for actor in hosts:
            host = actor.code if isinstance(actor, Country) else actor.country
            if host is not None:
                break
        if host is None and location is not None:
            host = location.country
        need(host is not None, "a visit needs a host country")
        if visitors:
            fields["visitor"] = to_dict(visitors[0])
        if visitors[1:]:
            fields["delegation"] = [to_dict(actor) for actor in visitors[1:]]
        if host is not None:
            fields["host"] = host
        counterparts = [to_dict(actor) for actor in hosts if not isinstance(actor, Country)]
        if counterparts:
            fields["meetings"] = [{"counterparts": counterparts}]
    elif type_name == "summit":
        participants = [*actors, *(r for r in recipients if r not in actors)]
        need(len(participants) >= 2, "a summit needs two participants")
        fields["participants"] = [to_dict(actor) for actor in participants]
        countries = {a.code if isinstance(a, Country) else a.country for a in participants}
        occurred = fields.get("status", "occurred") == "occurred"
        located = location is not None and location.country in countries
        if mode != "third-party" and located and occurred:
            assert location is not None
            fields["host"] = location.country
    elif type_name == "dispute":
        parties = [*actors, *(r for r in recipients if r not in actors)]
        fields["parties"] = [{"actor": to_dict(actor)} for actor in parties]
    elif type_name == "trade_issue":
        need(bool(recipients), "a trade measure needs a recipient, its target")
        fields["imposers"] = [to_dict(actor) for actor in actors]
        fields["targets"] = [to_dict(actor) for actor in recipients]
    return fields


def from_plover(record: Mapping[str, Any]) -> Event:
    """Return the diplomev record of a PLOVER record (any draft's shape).

    Raises `Unmapped` when the record maps to no diplomev kind, and
    `diplomev.ValidationError` when it is malformed. A record written by `to_plover` comes
    back exactly; for others, the PLOVER fields diplomev has no place for are kept in the
    record's ``x_plover`` extension.

    >>> gsr = {"id": "PLOVER-GSR01-CONSULT-0003", "date": "2000-01-01", "event": "CONSULT",
    ...        "mode": "visit", "context": "diplomatic",
    ...        "source": [{"actorText": "Taiwan's Vice Foreign Minister", "code": "TWN",
    ...                    "sector": "GOV"}],
    ...        "target": [{"actorText": "Russia", "code": "RUS"}],
    ...        "eventText": "visited"}
    >>> visit = from_plover(gsr)
    >>> visit.visitor, visit.host, dict(visit.extensions)
    (Person(name=None, office='Vice Foreign Minister', country='TWN', affiliation=None), 'RUS', {'x_plover': {'context': 'diplomatic', 'event_text': 'visited'}})
    """
    if not isinstance(record, Mapping):
        raise ValidationError.at("$", "expected a PLOVER record object")
    data = _normalize(record)
    extras = data.get(EXTRAS_KEY)
    if extras is not None and not isinstance(extras, Mapping):
        raise ValidationError.at(f"$.{EXTRAS_KEY}", "expected an object")
    if extras is None:
        event = from_dict(_native_wire(data, None, keep_unmapped=True))
        return event if "id" in data else attrs.evolve(event, id=make_id(event))
    fields, absent = extras.get("fields", {}), extras.get("absent", [])
    if not isinstance(fields, Mapping) or not isinstance(absent, list):
        message = "expected {fields: {...}, absent: [...]}"
        raise ValidationError.at(f"$.{EXTRAS_KEY}", message)
    hint = fields.get("type")
    wire = _native_wire(data, hint if isinstance(hint, str) else None, keep_unmapped=False)
    for key in absent:
        wire.pop(key, None)
    wire.update(fields)
    return from_dict(wire)


# --- files ------------------------------------------------------------------------------------


def read_plover(source: Target, *, errors: ErrorMode = "raise") -> ImportReader:
    r"""Read PLOVER records: JSON Lines, a JSON array, or pretty-printed records in a row.

    Every record is accounted for in ``reader.report``: it became a record of a kind, it
    maps to no kind (counted by its event type, with the reason), or it could not be read
    (a `BadRecord`, which follows ``errors`` as in `diplomev.io`).

    >>> import io
    >>> data = io.BytesIO(b'{"id": "1", "date": "2018-06-01", "event": ["CONSULT"],'
    ...                   b' "actor": [{"code": "PRK"}, {"code": "USA"}]}\n'
    ...                   b'{"id": "2", "date": "2018-06-01", "event": ["ASSAULT"],'
    ...                   b' "actor": [{"code": "SYR"}]}\n')
    >>> with read_plover(data) as reader:
    ...     [summit] = reader
    >>> summit.participants, reader.report.unmapped_by_code()
    ((Country(code='PRK'), Country(code='USA')), {'ASSAULT': 1})
    """
    name = name_of(source)
    report = ImportReport(source=name, format="plover")
    return ImportReader(_items(source, name, report), errors, report)


def _items(source: Target, name: str, report: ImportReport) -> Iterator[Event | BadRecord]:
    with open_for_reading(source) as stream:
        data = stream.read()
    try:
        text = decode_document(data)
    except ValidationError as e:
        raise RecordError(BadRecord(name, None, e.errors)) from None
    for line, value in json_values(text):
        report.rows += 1
        if isinstance(value, ValidationError):
            report.bad += 1
            yield BadRecord(name, line, value.errors)
            return
        try:
            event = from_plover(value)
        except Unmapped as e:
            report.add_unmapped(e.code, e.reason)
            continue
        except ValidationError as e:
            report.bad += 1
            yield BadRecord(name, line, e.errors)
            continue
        kind = event_type_name(type(event))
        report.records[kind] += 1
        report.add_mapped(kind)
        yield event


def write_plover(events: Iterable[Event], target: Target, *, extras: bool = True) -> ExportReport:
    """Write records as PLOVER JSON Lines (one record per line, UTF-8), atomically.

    With ``extras`` (the default) each line carries ``x_diplomev`` where needed, so
    nothing is lost; without, the returned `ExportReport` counts the fields lost, per
    field. Records of a kind PLOVER has no type for are skipped and counted.

    >>> import io
    >>> out = io.BytesIO()
    >>> write_plover([], out).records, out.getvalue()
    (0, b'')
    """
    report = ExportReport(target=name_of(target), format="plover")
    with open_for_writing(target) as stream:
        for event in events:
            try:
                record = to_plover(event, extras=extras)
            except ValidationError as e:
                report.skipped[e.errors[0].message] += 1
                continue
            if not extras:
                report.lost.update(plover_losses(event))
            line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            stream.write(line.encode("utf-8") + b"\n")
            report.records += 1
            report.rows += 1
    return report
