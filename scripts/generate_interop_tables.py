"""Generate the tables of `diplomev.interop` from their published sources.

Run from the repository root after a source changes; the JSON files are committed:

    python scripts/generate_interop_tables.py \
        --event-standards ../shared/data/event-standards \
        --geonames countryInfo.txt

(``tests/data/interop`` holds copies of every input.) It writes the JSON Schema of the
PLOVER profile to ``docs/plover-profile.schema.json``, and three files into
``src/diplomev/data/``:

- ``cameo_codes.json``: every CAMEO event code with its name and Goldstein value, read
  from the CAMEO codebook table of the ``icews`` R package (``icews-rpkg__cameo-codes.csv``,
  MIT licence; text from the CAMEO manual). That table follows the ICEWS ("CAMEO-B")
  dialect; the GDELT dialect differs for the four codes in `GDELT_GOLDSTEIN`, which come
  from GDELT's ``CAMEO.goldsteinscale.txt`` as copied in
  mpiccirilli/UNDP-BCPR-Project@08d29bb (the tests check them against the GDELT sample).
  The file is not valid UTF-8: curly quotes were UTF-8 read as Mac Roman and written as
  cp1252, which `_repair` undoes.
- ``icews_countries.json``: the country names ICEWS writes, with their ISO 3166-1
  alpha-3 codes, from ``text_to_CAMEO__countrynames.txt`` (openeventdata/text_to_CAMEO,
  MIT licence). CAMEO writes some dependencies as composites (``USAASM``: American Samoa)
  and some countries with old or CAMEO codes (``TMP``, ``KSV``); `ICEWS_CODE_FIXES` maps
  those to the ISO code, and a dependency CAMEO folds into its state (Jersey: ``GBR``)
  takes its own ISO code where diplomev's resolver knows the name.
- ``fips_countries.json``: FIPS 10-4 country codes (GDELT's geographic fields) to ISO
  alpha-3, from GeoNames' ``countryInfo.txt`` (https://download.geonames.org/export/dump/
  countryInfo.txt, CC BY 4.0; ``tests/data/interop/geonames__countryInfo.txt`` keeps its
  first five columns), plus the codes GDELT uses that GeoNames does not list
  (`FIPS_EXTRA`).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "diplomev" / "data"
sys.path.insert(0, str(ROOT / "src"))

from diplomev.countries import country_codes  # noqa: E402
from diplomev.errors import ValidationError  # noqa: E402
from diplomev.interop import plover_schema  # noqa: E402
from diplomev.reading.countries import resolve_country  # noqa: E402

#: Goldstein values where GDELT's table differs from the ICEWS codebook table.
GDELT_GOLDSTEIN = {"016": -2.0, "022": 3.2, "164": -7.0, "165": -6.5}
#: Codes of the ICEWS codebook that GDELT's table lacks.
GDELT_MISSING = ("1213",)

#: CAMEO codes in the ICEWS country table that are not ISO 3166-1 alpha-3, and what they are.
ICEWS_CODE_FIXES = {
    "---": None,  # the table's row for a missing country ("NULL")
    "ANT": "ATA",  # Antarctica: CAMEO writes ANT, ISO's ANT was the Netherlands Antilles
    "KSV": "XKX",  # Kosovo: CAMEO's code, diplomev's user-assigned one
    "TMP": "TLS",  # Timor-Leste: the code ISO withdrew in 2002
    "NLDANT": "NLD",  # the Netherlands Antilles, dissolved in 2010
    "PSEGZA": "PSE",  # Gaza
}

#: FIPS 10-4 codes GDELT writes that GeoNames' current table does not carry.
FIPS_EXTRA = {
    "RB": "SRB",  # Serbia: GDELT's code since 2008 (GeoNames lists RI)
    "GZ": "PSE",  # Gaza Strip (GeoNames folds it into WE, the West Bank)
}


def _repair(text: str) -> str:
    """Undo the codebook's mojibake where a field has it (UTF-8 read as Mac Roman)."""
    try:
        return text.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def cameo_table(path: Path) -> dict[str, object]:
    raw = path.read_bytes().decode("cp1252")
    codes: dict[str, dict[str, object]] = {}
    for row in csv.DictReader(io.StringIO(raw)):
        code = row["code"]
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise SystemExit(f"unexpected CAMEO code {code!r} in {path}")
        name = _repair(row["name"]).strip()
        codes[code] = {"name": name, "goldstein": float(row["goldstein"])}
    for code in (*GDELT_GOLDSTEIN, *GDELT_MISSING):
        if code not in codes:
            raise SystemExit(f"GDELT override for unknown code {code}")
    return {
        "format": 1,
        "source": "andybega/icews@3746c729551f5fcb5a49f643f82638011a5fcfec:data-raw/cameo-codes.csv"
        " (MIT licence; names from the CAMEO manual, Schrodt, Gerner and Yilmaz)",
        "notes": [
            "goldstein: the ICEWS (CAMEO-B) dialect, as in the ICEWS Intensity column",
            "gdelt_goldstein: GDELT's value where it differs (CAMEO.goldsteinscale.txt)",
            "gdelt_missing: codes GDELT's table does not have",
        ],
        "codes": dict(sorted(codes.items())),
        "gdelt_goldstein": GDELT_GOLDSTEIN,
        "gdelt_missing": list(GDELT_MISSING),
    }


def icews_countries(path: Path) -> dict[str, object]:
    known = country_codes()
    names: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or cells[0] == "NULL":
            continue
        name, code = cells[0].strip(), cells[1].strip()
        fixed = ICEWS_CODE_FIXES.get(code, code)
        if fixed is not None and fixed not in known and len(fixed) == 6:
            fixed = fixed[3:] if fixed[3:] in known else fixed[:3]  # USAASM: ASM
        if fixed is None:
            continue
        if fixed not in known:
            raise SystemExit(f"{path}: {name!r} has code {code!r}, not an ISO alpha-3 code")
        # CAMEO folds some dependencies into their state (Jersey: GBR); ISO gives them
        # their own code, which diplomev's resolver knows.
        try:
            resolved = resolve_country(name)
        except ValidationError:
            resolved = fixed
        if resolved != fixed:
            print(f"  {name}: {code} -> {resolved} (ISO)")
        names.setdefault(name, resolved)
    return {
        "format": 1,
        "source": "openeventdata/text_to_CAMEO@6d7b3abebe2585bcbe48053987382d2af1865caf:"
        "countrynames.txt (MIT licence, Philip Schrodt)",
        "names": dict(sorted(names.items())),
    }


def fips_countries(path: Path) -> dict[str, object]:
    known = country_codes()
    codes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        alpha3, fips = cells[1].strip(), cells[3].strip()
        if not fips or alpha3 not in known:
            continue  # no FIPS code, or a code ISO withdrew (ANT, SCG)
        codes.setdefault(fips, alpha3)
    for fips, alpha3 in FIPS_EXTRA.items():
        codes.setdefault(fips, alpha3)
    return {
        "format": 1,
        "source": "GeoNames countryInfo.txt (https://download.geonames.org/export/dump/"
        "countryInfo.txt, CC BY 4.0, geonames.org), column fips; plus GDELT's RB and GZ",
        "codes": dict(sorted(codes.items())),
    }


def _write(name: str, table: dict[str, object]) -> None:
    text = json.dumps(table, ensure_ascii=False, indent=1) + "\n"
    (DATA / name).write_text(text, encoding="utf-8")
    print(f"wrote {DATA / name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--event-standards",
        type=Path,
        default=ROOT.parent / "shared" / "data" / "event-standards",
        help="the folder holding the CAMEO codebook and ICEWS country tables",
    )
    parser.add_argument(
        "--geonames",
        type=Path,
        default=ROOT / "tests" / "data" / "interop" / "geonames__countryInfo.txt",
        help="GeoNames countryInfo.txt (default: the copy kept with the tests)",
    )
    args = parser.parse_args()
    folder: Path = args.event_standards
    _write("cameo_codes.json", cameo_table(folder / "icews-rpkg__cameo-codes.csv"))
    _write("icews_countries.json", icews_countries(folder / "text_to_CAMEO__countrynames.txt"))
    _write("fips_countries.json", fips_countries(args.geonames))
    schema = ROOT / "docs" / "plover-profile.schema.json"
    schema.write_text(json.dumps(plover_schema(), indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {schema}")


if __name__ == "__main__":
    main()
