"""The country table: ISO 3166-1 alpha-3 codes with CLDR English names.

pycountry is the oracle for codes: the table must hold exactly ISO 3166-1 plus the
user-assigned XKX (Kosovo). When ISO changes and pycountry follows, these tests fail until
``scripts/generate_countries.py`` is run again.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from importlib.resources import files
from pathlib import Path

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomev.countries import (
    CountryInfo,
    alpha3_from_alpha2,
    country_codes,
    country_info,
    country_name,
    is_country_code,
)
from diplomev.errors import ValidationError

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO / "scripts" / "generate_countries.py"

USER_ASSIGNED = {"XKX"}


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run code in a fresh interpreter that imports diplomev from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


# --- the table agrees with ISO 3166-1 ---------------------------------------------------


def test_codes_are_iso_3166_1_plus_kosovo() -> None:
    iso = {c.alpha_3 for c in pycountry.countries}
    assert country_codes() == frozenset(iso | USER_ASSIGNED)
    assert not (iso & USER_ASSIGNED), "XKX is now in ISO: drop it from USER_ASSIGNED"


@pytest.mark.parametrize("alpha3", sorted(c.alpha_3 for c in pycountry.countries))
def test_every_iso_entry_has_the_same_codes_and_iso_name(alpha3: str) -> None:
    iso = pycountry.countries.get(alpha_3=alpha3)
    assert iso is not None
    info = country_info(alpha3)
    assert (info.alpha3, info.alpha2, info.numeric) == (iso.alpha_3, iso.alpha_2, iso.numeric)
    assert info.iso_name == iso.name
    assert alpha3_from_alpha2(iso.alpha_2) == alpha3


def test_kosovo_has_user_assigned_codes_and_no_numeric() -> None:
    assert country_info("XKX") == CountryInfo(
        alpha3="XKX", alpha2="XK", numeric=None, name="Kosovo", iso_name="Kosovo"
    )
    assert alpha3_from_alpha2("XK") == "XKX"


def test_every_entry_is_well_formed() -> None:
    infos = [country_info(code) for code in country_codes()]
    for info in infos:
        assert re.fullmatch(r"[A-Z]{3}", info.alpha3)
        assert re.fullmatch(r"[A-Z]{2}", info.alpha2)
        assert info.numeric is None or re.fullmatch(r"[0-9]{3}", info.numeric)
        assert info.name
        assert info.name == info.name.strip()
        assert info.iso_name
    assert len({info.alpha2 for info in infos}) == len(infos)
    numerics = [info.numeric for info in infos if info.numeric is not None]
    assert len(set(numerics)) == len(numerics)


# --- names are the ones news reports use (CLDR English) --------------------------------


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("CHN", "China"),
        ("RUS", "Russia"),
        ("TUR", "Türkiye"),
        ("XKX", "Kosovo"),
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("VNM", "Vietnam"),
        ("TWN", "Taiwan"),
    ],
)
def test_country_name_is_the_cldr_english_name(code: str, name: str) -> None:
    assert country_name(code) == name


def test_iso_name_keeps_the_iso_short_name() -> None:
    assert country_info("KOR").iso_name == "Korea, Republic of"
    assert country_info("RUS").iso_name == "Russian Federation"


def test_country_info_is_a_frozen_value() -> None:
    info = country_info("KOR")
    with pytest.raises(AttributeError):
        info.name = "Korea"  # type: ignore[misc]
    assert not hasattr(info, "__dict__")
    assert country_info("KOR") == info
    assert hash(country_info("KOR")) == hash(info)


# --- codes are exact --------------------------------------------------------------------


@pytest.mark.parametrize("code", ["KOR", "PRK", "XKX", "USA"])
def test_is_country_code_accepts_alpha3(code: str) -> None:
    assert is_country_code(code)


@pytest.mark.parametrize(
    "code",
    ["kor", "Kor", " KOR", "KOR ", "", "XXX", "KR", "410", "South Korea", "KORE"],
)
def test_is_country_code_rejects_strings_that_are_not_exact_alpha3(code: str) -> None:
    assert not is_country_code(code)


@pytest.mark.parametrize(
    "code", [None, 410, 4.1, b"KOR", ["KOR"], ("KOR",), {"KOR"}, {"code": "KOR"}, object()]
)
def test_is_country_code_is_false_for_non_strings_and_never_raises(code: object) -> None:
    assert is_country_code(code) is False


@given(st.one_of(st.text(max_size=5), st.from_regex(r"\A[A-Z]{3}\Z")))
def test_is_country_code_is_membership_in_country_codes(text: str) -> None:
    assert is_country_code(text) == (text in country_codes())


@given(st.text(max_size=5))
def test_country_name_either_names_a_code_or_raises_validation_error(text: str) -> None:
    if is_country_code(text):
        assert country_name(text) == country_info(text).name
    else:
        with pytest.raises(ValidationError):
            country_name(text)


# --- unknown codes raise ValidationError at "$" -----------------------------------------


def test_unknown_code_raises_validation_error_at_root() -> None:
    with pytest.raises(ValidationError) as excinfo:
        country_name("XXX")
    assert excinfo.value.paths == ("$",)
    assert excinfo.value.errors[0].message == "unknown country code 'XXX'"


def test_validation_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown country code"):
        country_info("XXX")


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("kor", "upper-case alpha-3: 'KOR'"),
        ("KR", "the alpha-3 code is 'KOR'"),
        (410, "expected a str, got int"),
        (None, "expected a str, got NoneType"),
        (["KOR"], "expected a str, got list"),
    ],
)
def test_unknown_code_message_hints_at_the_fix(code: object, hint: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        country_name(code)  # type: ignore[arg-type]
    assert excinfo.value.paths == ("$",)
    assert hint in excinfo.value.errors[0].message


def test_a_long_bad_code_is_shortened_in_the_message() -> None:
    with pytest.raises(ValidationError) as excinfo:
        country_name("X" * 10_000)
    assert len(excinfo.value.errors[0].message) < 100


@pytest.mark.parametrize("code", ["UK", "kr", "KOR", "", 82, None])
def test_alpha3_from_alpha2_rejects_unknown_codes(code: object) -> None:
    with pytest.raises(ValidationError) as excinfo:
        alpha3_from_alpha2(code)  # type: ignore[arg-type]
    assert excinfo.value.paths == ("$",)
    assert "unknown alpha-2 country code" in excinfo.value.errors[0].message


# --- the data file is generated, and ships with the package -----------------------------


def test_generated_file_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, (
        "src/diplomev/data/countries.json is stale: run scripts/generate_countries.py\n"
        + result.stderr
    )


def test_generator_check_detects_drift(tmp_path: Path) -> None:
    stale = tmp_path / "countries.json"
    stale.write_text(
        (REPO / "src/diplomev/data/countries.json")
        .read_text(encoding="utf-8")
        .replace('"South Korea"', '"Korea"'),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--output", str(stale)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert '"South Korea"' in result.stderr


def test_data_file_is_a_package_resource_sorted_by_alpha3() -> None:
    resource = files("diplomev") / "data" / "countries.json"
    table = json.loads(resource.read_text(encoding="utf-8"))
    assert set(table) == {"source", "countries"}
    codes = [row["alpha3"] for row in table["countries"]]
    assert codes == sorted(codes)
    assert all(
        list(row) == ["alpha3", "alpha2", "numeric", "name", "iso_name"]
        for row in table["countries"]
    )


# --- loading is lazy and needs neither babel nor pycountry ------------------------------


def test_table_is_loaded_on_first_lookup_not_on_import() -> None:
    result = run_python(
        """
        import diplomev.countries as countries
        assert not countries._is_loaded(), "loaded on import"
        assert countries.is_country_code("KOR")
        assert countries._is_loaded(), "not loaded after a lookup"
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_run_time_lookups_import_neither_babel_nor_pycountry() -> None:
    result = run_python(
        """
        import sys
        import diplomev.countries as countries
        countries.country_name("KOR")
        countries.alpha3_from_alpha2("KR")
        leaked = sorted({"babel", "pycountry"} & set(sys.modules))
        print(leaked)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
