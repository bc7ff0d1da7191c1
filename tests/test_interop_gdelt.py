"""GDELT 2.0: the sample's counts, FIPS codes, actors, provenance and unreadable rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from diplomev import Country, Organization, Person, Summit, ValidationError, Visit
from diplomev.interop import GDELT_COLUMNS, alpha3_from_fips, read_gdelt
from diplomev.interop.gdelt import read_actor, read_location
from diplomev.io import RecordError
from diplomev.reading.countries import resolve_country

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data" / "event-standards"
COPIES = REPO / "tests" / "data" / "interop"


def sample(name: str) -> Path:
    """The shared sample file if this checkout sits beside it, else the test copy."""
    return SHARED / name if (SHARED / name).exists() else COPIES / name


GDELT = sample("gdelt2__20161013151500.export.CSV")

# A generic office of no country ("PRESIDENT", "STUDENT") is no actor: its rows are unmapped.
GDELT_RECORDS = {"agreement": 7, "diplomatic_action": 6, "dispute": 26, "statement": 486,
                 "summit": 48, "trade_issue": 1, "visit": 47}  # fmt: skip
GDELT_MAPPED_ROWS = {"agreement": 14, "diplomatic_action": 8, "dispute": 36, "statement": 706,
                     "summit": 152, "trade_issue": 1, "visit": 146}  # fmt: skip


def rows() -> list[dict[str, str]]:
    with GDELT.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream, delimiter="\t")
        return [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in reader]


def test_there_are_61_columns() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[26] == "EventCode"
    assert GDELT_COLUMNS[-1] == "SOURCEURL"


def test_the_gdelt_sample_is_accounted_for() -> None:
    with read_gdelt(GDELT) as reader:
        events = list(reader)
    report = reader.report
    assert report.rows == 3566
    assert dict(report.records) == GDELT_RECORDS
    assert dict(report.mapped_rows) == GDELT_MAPPED_ROWS
    assert report.total_unmapped == 3566 - 1063 == 2503
    assert list(report.unmapped_by_code().items())[:4] == [
        ("040", 231), ("043", 164), ("042", 162), ("036", 158)
    ]  # fmt: skip
    assert report.is_complete()
    assert report.bad == 0
    assert len({event.id for event in events}) == len(events) == 621


def test_every_fips_country_of_the_sample_agrees_with_its_place_name() -> None:
    checked, unnamed = 0, set()
    for row in rows():
        for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
            fips, full_name = row[f"{prefix}CountryCode"], row[f"{prefix}FullName"]
            if not fips:
                continue
            try:
                named = resolve_country(full_name.rsplit(",", 1)[-1].strip())
            except ValidationError:
                unnamed.add(full_name)
                continue
            assert alpha3_from_fips(fips) == named, (fips, full_name)
            checked += 1
    assert checked > 5000
    # Names whose last part is no country name diplomev reads:
    assert unnamed == {
        "Belgrade, Serbia (general),",
        "Vietnam, Republic Of",
        "Jalama, West Bank (general), West Bank",
        "Jenin, West Bank (general), West Bank",
    }


@pytest.mark.parametrize(
    ("fips", "alpha3"),
    [("CH", "CHN"), ("KS", "KOR"), ("KN", "PRK"), ("UK", "GBR"), ("GM", "DEU"), ("SZ", "CHE"),
     ("RS", "RUS"), ("RB", "SRB"), ("KV", "XKX"), ("WE", "PSE"), ("OD", "SSD"), ("OS", None)],
)  # fmt: skip
def test_fips_codes(fips: str, alpha3: str | None) -> None:
    assert alpha3_from_fips(fips) == alpha3


@pytest.mark.parametrize(
    ("fields", "actor"),
    [
        (("USA", "UNITED STATES", "USA", None, ""), Country(code="USA")),
        (("CHN", "BEIJING", "CHN", None, ""), Country(code="CHN")),
        (("CHNGOV", "XI JINPING", "CHN", None, "GOV"), Person(name="Xi Jinping", country="CHN")),
        # CAMEO files leaders by surname: OBAMA is a person, not the United States
        (("USAGOV", "OBAMA", "USA", None, "GOV"), Person(name="Obama", country="USA")),
        # a title with no country names no one (docs/interop.md: STUDENT is unmappable)
        (("GOV", "PRESIDENT", None, None, "GOV"),
         "is an office with no country (a title alone names no one)"),
        (("IGOEUREEC", "THE EU", "EUR", "EEC", "IGO"),
         Organization(name="European Union", kind="igo")),
        (("IGOUNO", "UNITED NATIONS", None, "UNO", "IGO"),
         Organization(name="United Nations", kind="igo")),
        (("COP", "POLICE", None, None, "COP"),
         "has no country and is not a known office or group"),
        (("AFR", "AFRICA", "AFR", None, ""),
         "is a region, not a country (CAMEO region codes are not diplomev actors)"),
        ((None, None, None, None, ""), None),
    ],
)  # fmt: skip
def test_gdelt_actors(fields: tuple[str | None, ...], actor: object) -> None:
    code, name, country, group, types = fields
    assert read_actor(code, name, country, group, types or "") == actor


def test_the_sourceurl_is_the_first_article_only_and_records_keep_every_one() -> None:
    with read_gdelt(GDELT) as reader:
        events = list(reader)
    merged = [e for e in events if len(e.sources) > 1]
    assert merged, "records merged from rows of several articles"
    for event in merged:
        urls = {row["url"] for row in event.extensions["x_gdelt"]}  # type: ignore[union-attr,index]
        assert urls == {source.url for source in event.sources}


def test_visits_come_as_042_and_043_pairs_from_one_article() -> None:
    with read_gdelt(GDELT) as reader:
        visits = [e for e in reader if isinstance(e, Visit)]
    codes = [{r["code"] for r in v.extensions["x_gdelt"]} for v in visits]  # type: ignore[union-attr,index]
    assert sum(code == {"042", "043"} for code in codes) > 30


def test_a_visit_without_a_target_is_to_the_place_of_the_action() -> None:
    with read_gdelt(GDELT) as reader:
        visits = [e for e in reader if isinstance(e, Visit)]
    assert any(
        v.location is not None and v.location.country == v.host
        and all(r["code"] == "042" for r in v.extensions["x_gdelt"])  # type: ignore[union-attr,index]
        for v in visits
    )  # fmt: skip


def test_location_of_the_action() -> None:
    cells = {"ActionGeo_Type": "1", "ActionGeo_FullName": "South Korea",
             "ActionGeo_CountryCode": "KS", "ActionGeo_Lat": "37", "ActionGeo_Long": "127.5"}  # fmt: skip
    location = read_location(cells)
    assert location is not None
    assert (location.name, location.country, location.kind.value) == (None, "KOR", "country")  # type: ignore[union-attr]
    assert read_location({}) is None


def line(**cells: str) -> str:
    values = dict.fromkeys(GDELT_COLUMNS, "")
    values.update({"GLOBALEVENTID": "1", "SQLDATE": "20161013", "EventCode": "040",
                   "Actor1Code": "KOR", "Actor1Name": "SOUTH KOREA", "Actor1CountryCode": "KOR",
                   "Actor2Code": "CHN", "Actor2Name": "CHINA", "Actor2CountryCode": "CHN",
                   "SOURCEURL": "https://example.com/a"})  # fmt: skip
    values.update(cells)
    return "\t".join(values[column] for column in GDELT_COLUMNS) + "\n"


def test_unreadable_rows_are_reported_and_the_rest_read() -> None:
    data = "\t".join(GDELT_COLUMNS) + "\n" + line() + "short\trow\n" + line(SQLDATE="2016-10-13")
    with read_gdelt(io.BytesIO(data.encode()), errors="collect") as reader:
        events = list(reader)
    assert len(events) == 1
    assert isinstance(events[0], Summit)
    assert [(bad.line, bad.errors[0].message) for bad in reader.problems] == [
        (3, "expected 57, 58 or 61 cells (GDELT 1.0 backfile, 1.0 daily or 2.0), got 2"),
        (4, "cannot read SQLDATE '2016-10-13' (YYYYMMDD)"),
    ]
    assert reader.report.rows == 3
    assert reader.report.is_complete()
    with pytest.raises(RecordError):
        list(read_gdelt(io.BytesIO(data.encode())))


def test_invalid_utf8_spoils_one_row() -> None:
    data = line().encode() + line(Actor1Name="SEOUL").encode()[:-1] + b"\xff\n" + line().encode()
    with read_gdelt(io.BytesIO(data), errors="collect") as reader:
        events = list(reader)
    assert len(events) == 1  # the two good rows are one summit
    assert [bad.line for bad in reader.problems] == [2]
