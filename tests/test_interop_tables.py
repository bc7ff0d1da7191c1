"""The interop tables: generated from their sources by a script, test copies of the samples."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from diplomev.countries import country_codes
from diplomev.interop import cameo, read_icews
from diplomev.interop._tables import country_code, icews_country_name

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data" / "event-standards"
COPIES = REPO / "tests" / "data" / "interop"
SAMPLES = sorted(path.name for path in COPIES.iterdir() if "__" in path.name)


def generator() -> ModuleType:
    path = REPO / "scripts" / "generate_interop_tables.py"
    spec = importlib.util.spec_from_file_location("generate_interop_tables", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def packaged(name: str) -> Any:
    return json.loads((files("diplomev") / "data" / name).read_text(encoding="utf-8"))


def recorded_sums() -> dict[str, str]:
    """SHA256SUMS: the shared originals' digests, recorded when they were copied."""
    lines = (COPIES / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines)}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", [n for n in SAMPLES if not n.startswith("geonames")])
def test_the_test_copies_are_the_shared_samples(name: str) -> None:
    # The digests travel with the clone, so a clone without ../shared still proves its
    # copies unchanged; beside the originals, the originals are held to the same digests.
    digest = recorded_sums()[name]
    assert sha256(COPIES / name) == digest
    if (SHARED / name).exists():
        assert sha256(SHARED / name) == digest


def test_the_copies_say_where_they_come_from_and_their_licences() -> None:
    notes = (COPIES / "README.md").read_text(encoding="utf-8")
    for name in SAMPLES:
        assert name in notes
    assert "CC BY-SA 4.0" in notes
    assert "CC BY 4.0" in notes


def test_the_generated_tables_are_current() -> None:
    script = generator()
    stale = "is stale: run scripts/generate_interop_tables.py"
    assert packaged("cameo_codes.json") == script.cameo_table(
        COPIES / "icews-rpkg__cameo-codes.csv"
    ), f"cameo_codes.json {stale}"
    assert packaged("icews_countries.json") == script.icews_countries(
        COPIES / "text_to_CAMEO__countrynames.txt"
    ), f"icews_countries.json {stale}"
    assert packaged("fips_countries.json") == script.fips_countries(
        COPIES / "geonames__countryInfo.txt"
    ), f"fips_countries.json {stale}"


def test_the_codebook_values_the_research_note_lists() -> None:
    icews = {code: cameo.goldstein(code, dialect="icews") for code in
             ("036", "040", "041", "042", "043", "044", "045", "046", "057", "0311", "061",
              "112", "1312", "163", "037", "127", "1382", "192")}  # fmt: skip
    assert icews == {
        "036": 4.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0,
        "046": 7.0, "057": 8.0, "0311": 5.2, "061": 6.4, "112": -2.0, "1312": -5.8,
        "163": -8.0, "037": 5.0, "127": -5.0, "1382": -7.0, "192": -9.5,
    }  # fmt: skip


def test_every_icews_country_name_is_an_iso_code() -> None:
    names = packaged("icews_countries.json")["names"]
    assert set(names.values()) <= country_codes()
    assert names["Congo"] == "COG"
    assert names["Democratic Republic of Congo"] == "COD"
    assert names["Kosovo"] == "XKX"
    assert names["Timor-Leste"] == "TLS"
    assert names["American Samoa"] == "ASM"
    assert names["Jersey"] == "JEY"


def test_every_country_code_has_an_icews_name_that_reads_back() -> None:
    for code in country_codes():
        assert country_code(icews_country_name(code)) == code, code


def test_every_country_name_in_the_icews_sample_is_read() -> None:
    with read_icews(COPIES / "icews__events.2018.sample.tab") as reader:
        events = list(reader)
    unread = [
        e.id for e in events
        if e.location is not None and e.location.name and e.location.country is None
    ]  # fmt: skip
    assert unread == []


def test_fips_codes_are_unique_per_country_but_for_gdelts_additions() -> None:
    codes = packaged("fips_countries.json")["codes"]
    assert len(codes) > 240
    by_country: dict[str, list[str]] = {}
    for fips, alpha3 in codes.items():
        by_country.setdefault(alpha3, []).append(fips)
    assert {k: v for k, v in by_country.items() if len(v) > 1} == {
        "SRB": ["RB", "RI"], "PSE": ["GZ", "WE"]
    }  # fmt: skip
