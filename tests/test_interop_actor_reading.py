"""How the importers read actors: every signal of the row before the name (issue 14).

An event file says what an actor is in more than its name: ICEWS in its sectors and
country, GDELT in its type codes, group code and the segments of its CAMEO code, PLOVER in
its code and sector. The readers use all of it, and the bodies of ``organizations.json``,
before they read a name as a person's. The cases are the ones measured on real files; most
are read here from the rows of the shipped samples (``tests/data/interop``).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from diplomev.actors import Actor, Country, Organization, OrganizationKind, Person
from diplomev.countries import country_codes
from diplomev.interop import gdelt, read_gdelt
from diplomev.interop._icews_cells import read_actor as icews_actor
from diplomev.interop._plover_entities import _read_entity
from diplomev.reading._offices import _words
from diplomev.reading.countries import country_candidates

DATA = Path(__file__).parent / "data" / "interop"
ICEWS = DATA / "icews__events.2018.sample.tab"
GDELT = DATA / "gdelt2__20161013151500.export.CSV"
PLOVER = DATA / "plover__PLOVER_GSR_CAMEO.txt"

TABLE: dict[str, Any] = json.loads(
    (files("diplomev") / "data" / "organizations.json").read_text(encoding="utf-8")
)
CAMEO_CODE = re.compile(r"(?:[A-Z]{3})+")

OTHER, PARTY, MEDIA = OrganizationKind.OTHER, OrganizationKind.PARTY, OrganizationKind.MEDIA


def org(name: str, kind: str, country: str | None = None) -> Organization:
    return Organization(name=name, kind=OrganizationKind(kind), country=country)


# --- the table ----------------------------------------------------------------------------------


def test_the_table_has_its_parts_and_says_where_they_came_from() -> None:
    assert set(TABLE) == {"format", "notes", "organizations", "name_words", "places",
                          "place_words"}  # fmt: skip
    notes = " ".join(TABLE["notes"])
    for source in ("petrarch2", "Phoenix.International.actors.txt", "MIT License",
                   "text_to_CAMEO"):  # fmt: skip
        assert source in notes
    assert 300 <= len(TABLE["organizations"]) <= 600


@pytest.mark.parametrize("name", sorted(TABLE["organizations"]))
def test_every_organization_has_a_valid_kind_country_and_cameo_code(name: str) -> None:
    entry = TABLE["organizations"][name]
    assert set(entry) <= {"kind", "country", "cameo", "variants"}
    OrganizationKind(entry["kind"])  # the closed vocabulary of DESIGN.md
    if "country" in entry:
        assert entry["country"] in country_codes()
    code = entry["cameo"]
    assert code is None or CAMEO_CODE.fullmatch(code), code
    if code is not None and "country" in entry and not code.startswith(("IGO", "NGO", "IMG")):
        assert code.startswith(entry["country"]), code  # a national code is of that country


def test_no_variant_names_two_organizations_or_a_country() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for name, entry in TABLE["organizations"].items():
        for form in (name, *entry.get("variants", ())):
            assert seen.setdefault(_words(form), name) == name, (form, seen[_words(form)], name)
            assert country_candidates(form) == (), form


def test_name_words_and_places_are_well_formed() -> None:
    for word, kind in TABLE["name_words"].items():
        assert word == word.lower(), word
        assert " " not in word, word
        assert kind is None or OrganizationKind(kind)
    places = [place.casefold() for place in TABLE["places"]]
    assert len(set(places)) == len(places)
    assert not [place for place in TABLE["places"] if country_candidates(place)]
    assert all(word == word.lower() and " " not in word for word in TABLE["place_words"])
    # a place is never also a known body, nor a body's name a place
    organizations = {_words(name) for name in TABLE["organizations"]}
    assert not organizations & {_words(place) for place in TABLE["places"]}


# --- ICEWS --------------------------------------------------------------------------------------


def icews_cells(name: str) -> Iterator[tuple[str | None, str | None, str | None]]:
    """The (Name, Sectors, Country) cells of every actor slot named ``name`` in the sample."""
    with ICEWS.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            for side in ("Source", "Target"):
                if row[f"{side} Name"] == name:
                    cells = (row[f"{side} Name"], row[f"{side} Sectors"], row[f"{side} Country"])
                    yield tuple(None if c == "NA" else c for c in cells)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        # organizations the sectors alone told, read as persons before
        ("Bharatiya Janata", org("Bharatiya Janata", "party", "IND")),
        ("Taliban", org("Taliban", "other", "AFG")),
        ("Al Qaeda", org("Al Qaeda", "other")),  # transnational: of no country
        ("Reserve Bank of India", org("Reserve Bank of India", "government", "IND")),
        ("Associated Press", org("Associated Press", "media", "USA")),
        ("Houthis", org("Houthis", "other", "YEM")),
        ("Executive Office of the President",
         org("Executive Office of the President", "government", "USA")),
        # a country or territory, in ICEWS's inverted spelling
        ("Palestinian Territory, Occupied", Country(code="PSE")),
        ("Citizen (Palestinian Territory, Occupied)", org("Citizen", "community", "PSE")),
        # a member of a known group is that group
        ("Militant (Taliban)", org("Taliban", "other", "AFG")),
        ("Terrorist (Boko Haram)", org("Boko Haram", "other", "NGA")),
        # regions are their country, and a region of no country is no actor
        ("Crimea", Country(code="RUS")),
        ("Southeast Asia", None),
        ("Unspecified Actor", None),
        # a sector's name, or a group of a region or of no one, is no actor (the spot check)
        ("International Government Organizations", None),
        ("Citizen (International)", None),
        ("Citizen (Africa)", None),
        # one of a trade or rank, unnamed, is a person of that office, as "Lawmaker" is
        # (the spot check: these were organizations, 53 records of the sample)
        ("Secret Agent (Russia)", Person(office="Secret Agent", country="RUS")),
        ("Court Judge (India)", Person(office="Judge", country="IND")),
        ("Lawyer/Attorney (Nigeria)", Person(office="Lawyer", country="NGA")),
        ("Party Member (India)", Person(office="Party Member", country="IND")),
        ("Businessperson (Armenia)", Person(office="Businessperson", country="ARM")),
        # persons stay persons, whatever their sectors say of their affiliations
        ("Narendra Modi", Person(name="Narendra Modi", country="IND")),
        ("Pauline Hanson", Person(name="Pauline Hanson", country="AUS")),
        ("Kim Jong-Un", Person(name="Kim Jong-Un", country="PRK")),
    ],
)  # fmt: skip
def test_icews_actors_of_the_sample(name: str, actor: Actor | None) -> None:
    slots = list(icews_cells(name))
    assert slots, f"{name!r} is in the sample"
    for cells in slots:
        assert icews_actor(*cells) == actor, cells


@pytest.mark.parametrize(
    ("cells", "actor"),
    [
        # the issue's other cases, from ICEWS daily files we do not ship
        (("World Economic Forum", "Nongovernmental Organizations / Activists", "Switzerland"),
         org("World Economic Forum", "ngo")),
        (("Amnesty International", "Nongovernmental Organizations / Activists,Human Rights NGOs",
          "United Kingdom"), org("Amnesty International", "ngo")),
        (("European Central Bank", "International Government Organization,Regional", None),
         org("European Central Bank", "igo")),
        (("Collective Security Treaty Organization",
          "International Government Organization,Regional Security IGOs", None),
         org("Collective Security Treaty Organization", "igo")),
        # a name with a body's word is a body's, not a person's
        (("Islamic Salvation Army", "Insurgents,Dissident", "Algeria"),
         org("Islamic Salvation Army", "other", "DZA")),
    ],
)  # fmt: skip
def test_icews_actors_the_issue_measured(cells: tuple[str, str, str | None], actor: Actor) -> None:
    assert icews_actor(*cells) == actor


def test_no_known_body_of_the_icews_sample_is_a_person() -> None:
    with ICEWS.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    known = {_words(form) for name, entry in TABLE["organizations"].items()
             for form in (name, *entry.get("variants", ()))}  # fmt: skip
    checked = 0
    for row in rows:
        for side in ("Source", "Target"):
            name = row[f"{side} Name"]
            if _words(name) in known:
                cells = [None if row[f"{side} {c}"] == "NA" else row[f"{side} {c}"]
                         for c in ("Name", "Sectors", "Country")]  # fmt: skip
                assert isinstance(icews_actor(*cells), Organization), cells
                checked += 1
    assert checked > 100


# --- GDELT --------------------------------------------------------------------------------------


def gdelt_slots(name: str) -> Iterator[tuple[str | None, ...]]:
    """The actor fields of every actor slot named ``name`` in the GDELT sample."""
    with GDELT.open(encoding="utf-8") as stream:
        for line in stream:
            cells = dict(zip(gdelt.GDELT_COLUMNS, line.rstrip("\r\n").split("\t"), strict=True))
            for side in ("Actor1", "Actor2"):
                if cells[f"{side}Name"] == name:
                    types = " ".join(cells[f"{side}Type{n}Code"] for n in (1, 2, 3)).strip()
                    fields = ("Code", "Name", "CountryCode", "KnownGroupCode")
                    yield (*(cells[f"{side}{f}"] or None for f in fields), types)


OFFICE_ALONE = "is an office with no country (a title alone names no one)"


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        # generic offices of no country: 24% of GDELT records named one of these as persons
        ("PRESIDENT", OFFICE_ALONE),
        ("STUDENT", OFFICE_ALONE),
        ("LAWMAKER", OFFICE_ALONE),
        ("JOURNALIST", OFFICE_ALONE),
        # places are their country
        ("WEST BANK", Country(code="PSE")),
        ("NEW YORK", Country(code="USA")),
        # bodies and persons
        ("ASSOCIATED PRESS", org("Associated Press", "media", "USA")),
        ("NASA", org("National Aeronautics and Space Administration", "government", "USA")),
        ("FARC", org("Revolutionary Armed Forces of Colombia", "other", "COL")),
        ("OBAMA", Person(name="Obama", country="USA")),
        ("HASSAN", Person(name="Hassan", country="JOR")),
        ("XI JINPING", Person(name="Xi Jinping", country="CHN")),
        # a country named with a non-state role is a group of it, not the state
        ("COLOMBIA", None),  # checked below: COLCVL civilians, COL the state
    ],
)  # fmt: skip
def test_gdelt_actors_of_the_sample(name: str, actor: Actor | str | None) -> None:
    slots = list(gdelt_slots(name))
    assert slots, f"{name!r} is in the sample"
    for fields in slots:
        found = gdelt.read_actor(*fields)  # type: ignore[arg-type]
        if name == "COLOMBIA":
            roles = fields[0] or ""
            expected: Actor = (
                org("Civilians", "community", "COL") if roles == "COLCVL" else Country(code="COL")
            )
            assert found == expected, fields
        else:
            assert found == actor, fields


def test_gdelt_reasons_reach_the_report_and_no_record_names_a_bare_office() -> None:
    with read_gdelt(GDELT) as reader:
        events = list(reader)
    reasons = {reason for (_, reason) in reader.report.unmapped}
    assert any(OFFICE_ALONE in reason for reason in reasons)
    assert reader.report.is_complete()
    offices = ("president", "student", "lawmaker", "journalist", "king", "lawyer")
    assert not [e.id for e in events for word in offices if f"-{word}-" in f"-{e.id}-"]


@pytest.mark.parametrize(
    ("fields", "actor"),
    [
        # the state's bodies apart from its government (the second spot check: 30 records
        # of the sample read them as the bare state)
        (("ZWEJUD", "ZIMBABWE", "ZWE", None, "JUD"), org("Judiciary", "court", "ZWE")),
        (("USACOP", "SAN FRANCISCO", "USA", None, "COP"), org("Police", "government", "USA")),
        (("DEULEG", "BUNDESTAG", "DEU", None, "LEG"), org("Bundestag", "legislature", "DEU")),
        # the government's roles are the state; a one-word name may be a surname
        (("USAGOV", "UNITED STATES", "USA", None, "GOV"), Country(code="USA")),
        (("USAMIL", "MATTIS", "USA", None, "MIL"), Country(code="USA")),
    ],
)  # fmt: skip
def test_gdelt_bodies_of_a_state_are_not_the_state(fields: tuple[str, ...], actor: Actor) -> None:
    assert gdelt.read_actor(*fields) == actor  # type: ignore[arg-type]


def test_gdelt_soviet_union_is_russia() -> None:
    # GDELT 1.0 goes back to 1979, when CAMEO coded the USSR as USR.
    assert gdelt.read_actor("USR", "SOVIET UNION", "USR", None, "") == Country(code="RUS")


# --- PLOVER -------------------------------------------------------------------------------------


def plover_entities(text: str) -> list[dict[str, Any]]:
    """The entities of the gold-standard records whose text is ``text``, in PLOVER 2 names."""
    records = json.loads(PLOVER.read_text(encoding="utf-8"))
    found = []
    for record in records:
        for role in ("source", "target"):
            value = record.get(role)
            for entity in value if isinstance(value, list) else [value]:
                if isinstance(entity, dict) and entity.get("actorText") == text:
                    renamed = {"entity_text" if k == "actorText" else k: v
                               for k, v in entity.items()}  # fmt: skip
                    found.append(renamed)
    return found


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # non-state groups keep their sector and country; they are not their state
        ("Darfur rebels", org("Darfur rebels", "other", "SDN")),
        ("French farmers", org("French farmers", "community", "FRA")),
        ("Iraqi Kurds", org("Iraqi Kurds", "community", "IRQ")),  # CVLkur
        ("Bosnian Serbs", org("Bosnian Serbs", "community", "BIH")),  # CIVsrp: CIV for CVL
        ("Egyptian", org("Civilians", "community", "EGY")),  # a demonym, CVL
        ("Opposition groups in Zimbabwe", org("Opposition groups in Zimbabwe", "other", "ZWE")),
        ("Hamas", org("Hamas", "other", "PSE")),
        ("Taliban", org("Taliban", "other", "AFG")),
        # bodies the text names, whatever the code says (IGO for an NGO)
        ("Amnesty International", org("Amnesty International", "ngo")),
        ("Red Cross", org("International Committee of the Red Cross", "ngo")),
        ("La Prensa", org("La Prensa", "media", "NIC")),
        # places are their country
        ("West Bank", Country(code="PSE")),
        ("Gaza Strip", Country(code="PSE")),
        # a person with an office and an affiliation
        ("French National Assembly president Laurent Fabius",
         Person(name="Laurent Fabius", office="President", country="FRA",
                affiliation=org("National Assembly", "legislature", "FRA"))),
        ("Putin", Person(name="Putin", country="RUS")),
        ("Iran's religious leader Ayatollah Ruhollah Khomeini",
         Person(name="Ayatollah Ruhollah Khomeini", country="IRN")),  # sector ***
        # a country's adjective and a group word: a group of it, not the state
        ("Palestinian prisoners", org("Palestinian prisoners", "community", "PSE")),
        ("Israeli troops", org("Israeli troops", "military", "ISR")),
        ("Hausa politicians", org("Hausa politicians", "community", "NGA")),  # ELIhau
        ("Israeli intelligence", org("Israeli intelligence", "government", "ISR")),  # SPY
        # ... but a part of the country, or the country itself, is the country
        ("Azerbaijani republic of Nakhichevan", Country(code="AZE")),
        ("Taliban ruled Afghanistan", Country(code="AFG")),
        ("Lebanon's new President Elias Hrawi",
         Person(name="Elias Hrawi", office="President", country="LBN")),
    ],
)  # fmt: skip
def test_plover_entities_of_the_gold_standard(text: str, actor: Actor) -> None:
    entities = plover_entities(text)
    assert entities, f"{text!r} is in the gold-standard records"
    for entity in entities:
        assert _read_entity(entity) == actor, entity


@pytest.mark.parametrize(
    ("entity", "actor"),
    [
        ({"code": "USR", "entity_text": "Soviet Union"}, Country(code="RUS")),
        ({"code": "USR", "sector": "MIL", "entity_text": "Soviet troops"},
         org("Soviet troops", "military", "RUS")),
        ({"code": "USR", "sector": "GOV", "entity_text": "Soviet leader Mikhail Gorbachev"},
         Person(name="Mikhail Gorbachev", country="RUS")),
    ],
)  # fmt: skip
def test_plover_soviet_union_is_russia(entity: dict[str, str], actor: Actor) -> None:
    # As the rest of diplomev files the USSR (history_state_countries.json): its continuator.
    assert _read_entity(entity) == actor
