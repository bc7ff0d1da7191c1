"""Reading actors from news phrases, the office table, and CAMEO actor codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomev.actors import Actor, Country, Organization, OrganizationKind, Person
from diplomev.countries import country_codes
from diplomev.errors import ValidationError
from diplomev.interop.cameo import CAMEO_COUNTRY_CODES, cameo_code, cameo_country
from diplomev.reading.actors import (
    OfficeInfo,
    OrganizationInfo,
    lookup_office,
    lookup_organization,
    parse_actor,
)
from diplomev.reading.countries import country_candidates

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "data" / "lee-beijing-visit.events.jsonl"


def offices_table() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (files("diplomev") / "data" / "offices.json").read_text(encoding="utf-8")
    )
    return data


TABLE = offices_table()

GOV = OrganizationKind.GOVERNMENT


def person(
    name: str | None = None,
    office: str | None = None,
    country: str | None = None,
    affiliation: Organization | None = None,
) -> Person:
    return Person(name=name, office=office, country=country, affiliation=affiliation)  # type: ignore[arg-type]


def org(name: str, kind: str = "other", country: str | None = None) -> Organization:
    return Organization(name=name, kind=kind, country=country)  # type: ignore[arg-type]


# --- the forms of the issue, and their neighbours ---------------------------------------

READS: list[tuple[str, Actor]] = [
    # the examples
    (
        "South Korean President Lee Jae Myung",
        person("Lee Jae Myung", "President", "KOR"),
    ),
    ("Chinese leader Xi Jinping", person("Xi Jinping", "Leader", "CHN")),
    ("Premier Li Qiang", person("Li Qiang", "Premier")),
    (
        "National People\u2019s Congress Chairman Zhao Leji",
        person("Zhao Leji", "Chairman of the National People's Congress", "CHN"),
    ),
    (
        "National People's Congress Chairman Zhao Leji",
        person("Zhao Leji", "Chairman of the National People's Congress", "CHN"),
    ),
    (
        "Professor Park Seung-chan of Yongin University",
        person("Park Seung-chan", "Professor", None, org("Yongin University", "university")),
    ),
    ("Foreign Minister Koichiro Gemba", person("Koichiro Gemba", "Foreign Minister")),
    (
        "U.S. House Speaker Nancy Pelosi",
        person("Nancy Pelosi", "Speaker of the House of Representatives", "USA"),
    ),
    ("Seoul", Country(code="KOR")),  # type: ignore[arg-type]
    ("the European Union", org("European Union", "igo")),
    ("China\u2019s Ministry of Commerce", org("Ministry of Commerce", "government", "CHN")),
    ("China's Ministry of Commerce", org("Ministry of Commerce", "government", "CHN")),
    ("the South Korean president", person(None, "President", "KOR")),
    # offices: variants normalize
    ("FM Wang Yi", person("Wang Yi", "Foreign Minister")),
    ("foreign minister Wang Yi", person("Wang Yi", "Foreign Minister")),
    ("Minister of Foreign Affairs Wang Yi", person("Wang Yi", "Foreign Minister")),
    ("Chinese Foreign Minister Wang Yi", person("Wang Yi", "Foreign Minister", "CHN")),
    ("Foreign Minister Wang Yi of China", person("Wang Yi", "Foreign Minister", "CHN")),
    (
        "President of South Korea Lee Jae Myung",
        person("Lee Jae Myung", "President", "KOR"),
    ),
    ("President Lee", person("Lee", "President")),
    ("the president", person(None, "President")),
    (
        "NPC Chairman Zhao Leji",
        person("Zhao Leji", "Chairman of the National People's Congress", "CHN"),
    ),
    (
        "Chinese NPC Chairman Zhao Leji",
        person("Zhao Leji", "Chairman of the National People's Congress", "CHN"),
    ),
    (
        "House Speaker Nancy Pelosi",
        person("Nancy Pelosi", "Speaker of the House of Representatives"),
    ),
    ("Defense Secretary Pete Hegseth", person("Pete Hegseth", "Secretary of Defense")),
    ("Japanese Defence Minister Gen Nakatani", person("Gen Nakatani", "Defense Minister", "JPN")),
    (
        "Unification Minister Chung Dong-young",
        person("Chung Dong-young", "Unification Minister", "KOR"),
    ),
    # modifiers
    ("former President Moon Jae-in", person("Moon Jae-in", "Former President")),
    ("ex-President Park Geun-hye", person("Park Geun-hye", "Former President")),
    ("then-President Moon Jae-in", person("Moon Jae-in", "President")),
    ("Vice-President JD Vance", person("JD Vance", "Vice President")),
    ("Vice President JD Vance", person("JD Vance", "Vice President")),
    ("Deputy Prime Minister Ding Xuexiang", person("Ding Xuexiang", "Deputy Prime Minister")),
    (
        "North Korean First Vice Foreign Minister Choe Son Hui",
        person("Choe Son Hui", "First Vice Foreign Minister", "PRK"),
    ),
    ("acting President Choi Sang-mok", person("Choi Sang-mok", "Acting President")),
    # possessives and appositives
    ("China\u2019s president", person(None, "President", "CHN")),
    ("Japan's Prime Minister Sanae Takaichi", person("Sanae Takaichi", "Prime Minister", "JPN")),
    ("Xi Jinping, China's president", person("Xi Jinping", "President", "CHN")),
    ("Lee Jae Myung, the South Korean president", person("Lee Jae Myung", "President", "KOR")),
    ("China's Xi Jinping", person("Xi Jinping", None, "CHN")),
    # names
    ("Xi Jinping", person("Xi Jinping")),
    ("Mr. Xi Jinping", person("Xi Jinping")),
    ("Ursula von der Leyen", person("Ursula von der Leyen")),
    ("Bashar al-Assad", person("Bashar al-Assad")),
    ("Jordan Peterson", person("Jordan Peterson")),
    ("Lee Jae Myung.", person("Lee Jae Myung")),
    # affiliations
    (
        "UN Secretary-General António Guterres",
        person("António Guterres", "Secretary-General", None, org("United Nations", "igo")),
    ),
    (
        "Professor Kim of Seoul National University",
        person("Kim", "Professor", None, org("Seoul National University", "university")),
    ),
    (
        "Reporter Jane Doe of the Korea Times",
        person("Jane Doe", "Reporter", None, org("Korea Times", "media")),
    ),
    # countries
    ("South Korea", Country(code="KOR")),  # type: ignore[arg-type]
    ("the United States", Country(code="USA")),  # type: ignore[arg-type]
    ("Pyongyang", Country(code="PRK")),  # type: ignore[arg-type]
    ("Beijing", Country(code="CHN")),  # type: ignore[arg-type]
    ("Kyiv", Country(code="UKR")),  # type: ignore[arg-type]
    ("Kosovo", Country(code="XKX")),  # type: ignore[arg-type]
    ("ROK", Country(code="KOR")),  # type: ignore[arg-type]
    # organizations
    ("EU", org("European Union", "igo")),
    ("NATO", org("North Atlantic Treaty Organization", "igo")),
    ("the U.N.", org("United Nations", "igo")),
    ("National People\u2019s Congress", org("National People's Congress", "legislature", "CHN")),
    ("the NPC", org("National People's Congress", "legislature", "CHN")),
    ("Yongin University", org("Yongin University", "university")),
    ("Korea University", org("Korea University", "university")),
    ("Seoul National University", org("Seoul National University", "university")),
    ("Ministry of Commerce", org("Ministry of Commerce", "government")),
    ("Chinese Ministry of Commerce", org("Ministry of Commerce", "government", "CHN")),
    ("the Chinese foreign ministry", org("Foreign Ministry", "government", "CHN")),
    ("South Korea's National Assembly", org("National Assembly", "legislature", "KOR")),
    ("U.S. Congress", org("Congress", "legislature", "USA")),
    ("Russian Ministry of Defense", org("Ministry of Defense", "government", "RUS")),
    ("Korea's Constitutional Court", None),  # placeholder replaced below: ambiguous
    ("Samsung Electronics", org("Samsung Electronics", "company")),
    ("Samsung Electronics Co., Ltd.", org("Samsung Electronics Co., Ltd.", "company")),
    ("South Korea's Samsung Electronics", org("Samsung Electronics", "company", "KOR")),
    ("Washington Post", org("Washington Post", "media")),
    ("Xinhua", org("Xinhua News Agency", "media", "CHN")),
    ("Pyongyang's KCNA", org("Korean Central News Agency", "media", "PRK")),
    ("the White House", org("White House", "government", "USA")),
    ("Korean residents in Beijing", None),  # placeholder replaced below: ambiguous
]
READS = [(text, actor) for text, actor in READS if actor is not None]


@pytest.mark.parametrize(("text", "expected"), READS)
def test_reads(text: str, expected: Actor) -> None:
    assert parse_actor(text) == expected


CANNOT_READ = [
    # (text, the whole message)
    ("", "empty text names no actor"),
    ("   ", "empty text names no actor"),
    ("Korea", "ambiguous country 'Korea': could be KOR (South Korea), PRK (North Korea)"),
    (
        "Congo",
        "ambiguous country 'Congo': could be COD (Congo - Kinshasa), COG (Congo - Brazzaville)",
    ),
    (
        "Korean President Lee",
        "ambiguous country 'Korean' in 'Korean President Lee': could be KOR (South Korea), "
        "PRK (North Korea)",
    ),
    (
        "Korea's Constitutional Court",
        "ambiguous country 'Korea' in \"Korea's Constitutional Court\": could be KOR (South Korea), "
        "PRK (North Korea)",
    ),
    (
        "Congolese Foreign Minister",
        "ambiguous country 'Congolese' in 'Congolese Foreign Minister': could be "
        "COD (Congo - Kinshasa), COG (Congo - Brazzaville)",
    ),
    (
        "Narnia",
        "cannot read 'Narnia' as an actor: not a country, organization or title diplomev "
        "knows, and one word is too little to read as a person's name",
    ),
    (
        "Japanese NPC Chairman Zhao Leji",
        "cannot read 'Japanese NPC Chairman Zhao Leji' as an actor: \"Chairman of the "
        "National People's Congress\" is an office of CHN, but the text says JPN",
    ),
    (
        "Chinese President Xi Jinping of Japan",
        "cannot read 'Chinese President Xi Jinping of Japan' as an actor: the text names two "
        "countries: CHN and JPN",
    ),
    (
        "Korean Air",
        "cannot read 'Korean Air' as an actor: 'Korean' names a country, but no title or "
        "organization diplomev knows follows it",
    ),
    (
        "the minister for silly walks",
        "cannot read 'the minister for silly walks' as an actor: 'for' is not a title "
        "diplomev knows nor part of a name",
    ),
    (
        "President 2024",
        "cannot read 'President 2024' as an actor: '2024' is not part of a name",
    ),
    (
        "the astronaut",
        "cannot read 'the astronaut' as an actor: not a country, organization or title "
        "diplomev knows, and one word is too little to read as a person's name",
    ),
    (
        "Professor Kim of",
        "cannot read 'Professor Kim of' as an actor: nothing follows 'of'",
    ),
    (
        "a senior official said",
        "cannot read 'a senior official said' as an actor: 'a' is not a title diplomev knows "
        "nor part of a name",
    ),
]


@pytest.mark.parametrize(("text", "message"), CANNOT_READ)
def test_cannot_read_says_why(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_actor(text)
    assert caught.value.paths == ("$",)
    assert caught.value.errors[0].message == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "expected a string, got null"),
        (7, "expected a string, got number"),
        (["Lee"], "expected a string, got array"),
    ],
)
def test_not_a_string(value: object, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_actor(value)  # type: ignore[arg-type]
    assert str(caught.value) == f"1 problem: $: {message}"


@given(st.text(max_size=60))
def test_arbitrary_text_raises_only_validation_errors(text: str) -> None:
    paths: tuple[str, ...] = ("$",)
    try:
        actor: object = parse_actor(text)
    except ValidationError as error:
        actor, paths = None, error.paths
    assert paths == ("$",)
    assert actor is None or isinstance(actor, Country | Person | Organization)


WORDS = st.sampled_from(
    [
        "South",
        "Korean",
        "President",
        "Lee",
        "of",
        "the",
        "Chinese",
        "Ministry",
        "Commerce",
        "China\u2019s",
        "University",
        "Foreign",
        "Minister",
        "former",
        "Vice",
        "Seoul",
        "NPC",
        "Chairman",
        "U.S.",
        "House",
        "Speaker",
        "Korea",
        "Jae-myung",
        "al-Assad",
        ",",
        "EU",
    ]
)


@given(st.lists(WORDS, max_size=8).map(" ".join))
def test_phrases_of_news_words_raise_only_validation_errors(text: str) -> None:
    paths: tuple[str, ...] = ("$",)
    try:
        parse_actor(text)
    except ValidationError as error:
        paths = error.paths
    assert paths == ("$",)


# --- the seed article -------------------------------------------------------------------


def golden_people() -> dict[str, dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("type") == "person" and "name" in value:
                people[value["name"]] = value
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        walk(json.loads(line))
    return people


def test_the_seed_article_phrases_agree_with_its_records_where_the_text_says_it() -> None:
    article = (REPO / "tests" / "data" / "lee-beijing-visit.txt").read_text(encoding="utf-8")
    golden = golden_people()
    for phrase in (
        "South Korean President Lee Jae Myung",
        "National People\u2019s Congress Chairman Zhao Leji",
        "Premier Li Qiang",
        "Chinese leader Xi Jinping",
        "Professor Park Seung-chan of Yongin University",
    ):
        assert phrase in article
    lee = parse_actor("South Korean President Lee Jae Myung")
    assert lee == Person(**{k: v for k, v in golden["Lee Jae Myung"].items() if k != "type"})
    zhao = parse_actor("National People\u2019s Congress Chairman Zhao Leji")
    assert zhao == Person(**{k: v for k, v in golden["Zhao Leji"].items() if k != "type"})
    # Where the records know more than the phrase says, the reader keeps to the phrase:
    li = parse_actor("Premier Li Qiang")
    assert isinstance(li, Person)
    assert (li.office, li.country) == ("Premier", None)  # the record: CHN, from context
    xi = parse_actor("Chinese leader Xi Jinping")
    assert isinstance(xi, Person)
    assert (xi.office, xi.country) == ("Leader", "CHN")  # the record: "President"
    park = parse_actor("Professor Park Seung-chan of Yongin University")
    assert isinstance(park, Person)
    assert park.affiliation is not None
    assert park.office == golden["Park Seung-chan"]["office"]
    assert park.affiliation.name == golden["Park Seung-chan"]["affiliation"]["name"]
    assert park.affiliation.kind == golden["Park Seung-chan"]["affiliation"]["kind"]


# --- the office table -------------------------------------------------------------------

CAMEO_GROUP = re.compile(r"^(?:[A-Z]{3})+$")
# Role codes of CAMEO and PETRARCH's agent dictionary that the table may use.
SECTORS = {
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "EDU",
    "BUS",
    "MED",
    "OPP",
    "PTY",
    "ELI",
    "AGR",
    "ENV",
    "HLH",
    "LAB",
    "DEV",
    "HRI",
    "REL",
    "SPY",
    "COP",
    "CVL",
}


def test_the_office_file_is_well_formed() -> None:
    assert TABLE["format"] == 1
    assert set(TABLE) == {"format", "notes", "offices", "modifiers", "organizations", "heads"}
    for title, entry in TABLE["offices"].items():
        assert set(entry) <= {"sector", "country", "variants"}, title
        sector = entry["sector"]
        if sector is not None:
            assert CAMEO_GROUP.match(sector), title
            groups = {sector[i : i + 3] for i in range(0, len(sector), 3)}
            assert groups <= SECTORS, title
        if "country" in entry:
            assert entry["country"] in country_codes(), title
    for word, entry in TABLE["modifiers"].items():
        assert set(entry) == {"prefix", "sector"}, word
        assert entry["sector"] is None or entry["sector"] in SECTORS, word
    for name, entry in TABLE["organizations"].items():
        assert set(entry) <= {"kind", "country", "cameo", "variants"}, name
        OrganizationKind(entry["kind"])
        assert entry["cameo"] is None or CAMEO_GROUP.match(entry["cameo"]), name
        if "country" in entry:
            assert entry["country"] in country_codes(), name
    for kind in TABLE["heads"]:
        OrganizationKind(kind)


def test_no_variant_names_two_offices_or_two_organizations() -> None:
    from diplomev.reading._offices import _words

    for section in ("offices", "organizations"):
        seen: dict[tuple[str, ...], str] = {}
        for title, entry in TABLE[section].items():
            for form in (title, *entry.get("variants", ())):
                key = _words(form)
                assert seen.setdefault(key, title) == title, (form, seen[key], title)


def test_no_organization_is_also_a_country() -> None:
    # The country reading comes first: "AU" would be Australia, not the African Union.
    for name, entry in TABLE["organizations"].items():
        for form in (name, *entry.get("variants", ())):
            assert country_candidates(form) == (), form


@pytest.mark.parametrize(
    ("title", "entry"), sorted(TABLE["offices"].items()), ids=sorted(TABLE["offices"])
)
def test_every_office_and_variant_reads_before_a_name(title: str, entry: dict[str, Any]) -> None:
    for form in (title, *entry.get("variants", ())):
        assert lookup_office(form) == OfficeInfo(
            title=title, sector=entry["sector"], country=entry.get("country")
        ), form
        actor = parse_actor(f"{form} Lee Jae Myung")
        assert actor == Person(name="Lee Jae Myung", office=title, country=entry.get("country")), (
            form
        )


@pytest.mark.parametrize("name", sorted(TABLE["organizations"]))
def test_every_known_organization_reads(name: str) -> None:
    entry = TABLE["organizations"][name]
    expected = Organization(name=name, kind=entry["kind"], country=entry.get("country"))
    for form in (name, *entry.get("variants", ())):
        assert parse_actor(form) == expected, form
        assert lookup_organization(form) == OrganizationInfo(
            name=name,
            kind=OrganizationKind(entry["kind"]),
            country=entry.get("country"),
            cameo=entry["cameo"],
        )


@pytest.mark.parametrize(
    ("text", "title", "sector", "country"),
    [
        ("FM", "Foreign Minister", "GOV", None),
        ("Foreign Minister", "Foreign Minister", "GOV", None),
        ("foreign minister", "Foreign Minister", "GOV", None),
        ("Minister of Foreign Affairs", "Foreign Minister", "GOV", None),
        ("FOREIGN MINISTER", "Foreign Minister", "GOV", None),
        ("leader", "Leader", "GOV", None),
        ("Premier", "Premier", "GOV", None),
        ("NPC Chairman", "Chairman of the National People's Congress", "GOVLEG", "CHN"),
        (
            "Chairman of the NPC Standing Committee",
            "Chairman of the National People's Congress",
            "GOVLEG",
            "CHN",
        ),
        ("House Speaker", "Speaker of the House of Representatives", "LEG", None),
        ("Speaker of the House", "Speaker of the House of Representatives", "LEG", None),
        ("Defence Minister", "Defense Minister", "GOVMIL", None),
        ("Prof.", "Professor", "EDU", None),
        ("Secretary-General", "Secretary-General", None, None),
        ("Secretary General", "Secretary-General", None, None),
        ("CEO", "Chief Executive Officer", "BUS", None),
        ("journalist", "Journalist", "MED", None),
        ("Chief Justice", "Chief Justice", "JUD", None),
        ("Gen.", "General", "MIL", None),
        ("former Prime Minister", "Former Prime Minister", "ELI", None),
        ("ex-Foreign Minister", "Former Foreign Minister", "ELI", None),
        (
            "Vice-Chairman of the NPC",
            "Vice Chairman of the National People's Congress",
            "GOVLEG",
            "CHN",
        ),
        ("Acting President", "Acting President", "GOV", None),
    ],
)
def test_lookup_office(text: str, title: str, sector: str | None, country: str | None) -> None:
    assert lookup_office(text) == OfficeInfo(title=title, sector=sector, country=country)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["astronaut", "", "Vice", "former", "President Lee", "the President"]
)
def test_lookup_office_unknown(text: str) -> None:
    assert lookup_office(text) is None


def test_lookups_of_non_strings_are_none() -> None:
    assert lookup_office(None) is None  # type: ignore[arg-type]
    assert lookup_organization(3) is None  # type: ignore[arg-type]


# --- CAMEO actor codes ------------------------------------------------------------------

CAMEO = [
    ("South Korean President Lee Jae Myung", "KORGOV"),
    ("Chinese leader Xi Jinping", "CHNGOV"),
    ("Premier Li Qiang", "---GOV"),
    ("National People\u2019s Congress Chairman Zhao Leji", "CHNGOVLEG"),
    ("Foreign Minister Koichiro Gemba", "---GOV"),
    ("Japanese Foreign Minister Koichiro Gemba", "JPNGOV"),
    ("U.S. House Speaker Nancy Pelosi", "USALEG"),
    ("Seoul", "KOR"),
    ("Kosovo", "KSV"),
    ("Kosovar President Vjosa Osmani", "KSVGOV"),
    ("the European Union", "IGOEUREEC"),
    ("United Nations", "IGOUNO"),
    ("NATO", "IGOWSTNAT"),
    ("ASEAN", "IGOSEAASN"),
    ("the G20", "IGO"),
    ("UN Secretary-General António Guterres", "IGOUNO"),
    ("National People's Congress", "CHNGOVLEG"),
    ("China\u2019s Ministry of Commerce", "CHNGOV"),
    ("Russian Ministry of Defense", "RUSGOVMIL"),
    ("South Korean Ministry of Education", "KORGOVEDU"),
    ("Japanese Defense Minister Gen Nakatani", "JPNGOVMIL"),
    ("former President Moon Jae-in", "---ELI"),
    ("South Korean former President Moon Jae-in", "KORELI"),
    ("U.S. Congress", "USALEG"),
    ("Professor Park Seung-chan of Yongin University", "---EDU"),
    ("Yongin University", "---EDU"),
    ("Samsung Electronics", "---BUS"),
    ("Xinhua", "CHNMED"),
    ("Xi Jinping", "---"),
    ("China's Xi Jinping", "CHN"),
    ("the South Korean president", "KORGOV"),
]


@pytest.mark.parametrize(("text", "code"), CAMEO)
def test_cameo_codes_of_read_actors(text: str, code: str) -> None:
    assert cameo_code(parse_actor(text)) == code


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        (person("Zhao Leji", "Chairman of the National People's Congress"), "CHNGOVLEG"),
        (
            person(
                "Park Seung-chan", "Professor", "KOR", org("Yongin University", "university", "KOR")
            ),
            "KOREDU",
        ),
        (person("Kim", None, None, org("Yongin University", "university", "KOR")), "KOREDU"),
        (person("Kim", "Chairman", "KOR", org("Korea Electric Power", "company")), "KORBUS"),
        (
            person(
                "Kim",
                "Spokesperson",
                "KOR",
                org("Ministry of National Defense", "government", "KOR"),
            ),
            "KORGOVMIL",
        ),
        (person("Lee", None, "KOR"), "KOR"),
        (person("Lee", "Astronaut", "KOR"), "KOR"),
        (person(None, "President"), "---GOV"),
        (org("Korean residents in Beijing", "community", "KOR"), "KORCVL"),
        (org("Democratic Party", "party", "KOR"), "KORPTY"),
        (org("Supreme Court", "court", "KOR"), "KORJUD"),
        (org("Korean People's Army", "military", "PRK"), "PRKMIL"),
        (org("Amnesty International", "ngo"), "NGO"),
        (org("Korean Federation for Environmental Movement", "ngo", "KOR"), "KORNGO"),
        (org("Asian Infrastructure Investment Bank", "igo"), "IGO"),
        (org("Acme", "other"), "---"),
        (org("Acme", "other", "KOR"), "KOR"),
        (Country(code="XKX"), "KSV"),  # type: ignore[arg-type]
        (Country(code="PRK"), "PRK"),  # type: ignore[arg-type]
    ],
)
def test_cameo_codes(actor: Actor, code: str) -> None:
    assert cameo_code(actor) == code


def test_cameo_country_codes_are_alpha3_but_for_kosovo() -> None:
    assert dict(CAMEO_COUNTRY_CODES) == {"XKX": "KSV"}
    for code in country_codes() - {"XKX"}:
        assert cameo_country(code) == code
    assert cameo_country("XKX") == "KSV"
    assert cameo_country(None) == "---"


def test_cameo_code_of_a_non_actor() -> None:
    with pytest.raises(
        ValidationError, match=r"\$: expected a country, person or organization, got string"
    ):
        cameo_code("KOR")  # type: ignore[arg-type]


# --- lazy loading -----------------------------------------------------------------------


def test_the_office_table_loads_on_first_use_only() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    code = textwrap.dedent(
        """
        import diplomev
        import diplomev.interop.cameo
        import diplomev.reading.actors as actors
        import diplomev.reading._offices as offices
        assert not offices._is_loaded(), "office table loaded on import"
        assert actors.parse_actor("Premier Li Qiang").office == "Premier"
        assert offices._is_loaded()
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
