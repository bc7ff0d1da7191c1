"""The audit: records by kind, definitions broken, actors, notes, and the rows an import lost.

The counts of breaks come from `diplomev.interop.definitions.breaks`, the one place the
definitions live; these tests recount through it, record by record, and check that the
audit says the same, on records made here and on real files (the ICEWS sample and excerpts
of real GDELT 1.0 and 2.0 files).
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from diplomev import Country, Location, Organization, Person, Summit, Visit
from diplomev.interop import ImportReport, read_gdelt, read_icews
from diplomev.interop.audit import EXAMPLES, PROBLEMS, AuditReport, audit, audit_file
from diplomev.interop.definitions import UNFIXABLE, breaks, hold
from diplomev.io import read_jsonl
from diplomev.records import Event

from .conftest import GOLDEN

DATA = Path(__file__).resolve().parent / "data"
ICEWS = DATA / "interop" / "icews__events.2018.sample.tab"
REAL = DATA / "realdata"
GDELT_FILES = sorted(REAL.glob("gdelt*"))


def modi_at_home(n: int) -> Visit:
    return Visit(id=f"v{n}", date="2024-03-01", host="IND",
                 visitor=Person(name="Narendra Modi", country="IND"))  # fmt: skip


def recount(events: list[Event]) -> Counter[str]:
    """Records that break each definition, counted record by record through `breaks`."""
    return Counter(code for event in events for code in {b.code for b in breaks(event)})


def test_records_are_counted_by_kind_and_by_the_definitions_they_break() -> None:
    abroad = Visit(id="v-ok", date="2024-03-01", host="CHN",
                   visitor=Person(name="Narendra Modi", country="IND"))  # fmt: skip
    alone = Summit(id="s-alone", date="2024", participants=[
        Country(code="IND"), Person(name="Narendra Modi", country="IND")])  # fmt: skip
    found = audit([modi_at_home(1), abroad, alone])
    assert dict(found.records) == {"visit": 2, "summit": 1}
    assert dict(found.breaks) == {
        "domestic_visit": 1, "country_beside_leader": 1, "one_country_summit": 1
    }  # fmt: skip
    assert found.broken == 2
    assert found.examples == {
        "domestic_visit": ["v1"], "country_beside_leader": ["s-alone"],
        "one_country_summit": ["s-alone"],
    }  # fmt: skip


def test_a_record_counts_once_for_a_definition_it_breaks_twice() -> None:
    summit = Summit(id="s", date="2024", participants=[
        Country(code="IND"), Person(name="Narendra Modi", country="IND"),
        Country(code="CHN"), Person(name="Xi Jinping", country="CHN")])  # fmt: skip
    assert [b.code for b in breaks(summit)].count("country_beside_leader") == 2
    assert audit([summit]).breaks == Counter({"country_beside_leader": 1})


def test_examples_are_kept_to_a_few_whatever_the_number_of_records() -> None:
    found = audit(modi_at_home(n) for n in range(50))
    assert found.breaks["domestic_visit"] == 50
    assert found.examples["domestic_visit"] == [f"v{n}" for n in range(EXAMPLES)]


def test_actors_are_counted_by_type_and_by_kind_and_field() -> None:
    summit = Summit(id="s", date="2024", host="KOR", participants=[
        Person(name="Lee Jae Myung", country="KOR"), Country(code="CHN"),
        Organization(name="ASEAN", kind="igo")])  # fmt: skip
    found = audit([summit, modi_at_home(1)])
    assert dict(found.actors) == {"person": 2, "country": 3, "organization (igo)": 1}
    assert {field: dict(counts) for field, counts in found.fields.items()} == {
        "summit.participants": {"person": 1, "country": 1, "organization (igo)": 1},
        "summit.host": {"country": 1},
        "visit.visitor": {"person": 1},
        "visit.host": {"country": 1},
    }
    assert "organization 1 (igo 1)" in str(found)


def test_the_notes_importers_leave_are_counted_by_code() -> None:
    held = hold(Visit(id="v", date="2019-10-24", host="CHN", visitor=Country(code="BRA"),
                      location=Location(name="Tokyo", country="JPN")))  # fmt: skip
    assert isinstance(held, Visit)
    found = audit([held])
    assert dict(found.notes) == {"location_outside_host": 1}
    assert found.breaks == Counter()  # held: the location was left out
    assert "notes       1: location_outside_host 1" in str(found)


def test_unmapped_rows_add_up_by_reason_across_codes() -> None:
    report = ImportReport(source="x.tab", format="icews", rows=10)
    report.add_unmapped("010", "010 Make statement: no diplomev kind", rows=4)
    report.add_unmapped("190", "190 Use conventional military force: no diplomev kind", rows=2)
    report.add_unmapped("042", "042 Make a visit: a visit needs a host country", rows=1)
    report.add_unmapped("DOCUMENT", "file metadata, not an event")
    found = audit([], report)
    assert found.unmapped_by_reason() == {
        "no diplomev kind": 6, "a visit needs a host country": 1, "file metadata, not an event": 1
    }  # fmt: skip
    assert found.unmapped_share == 0.8
    assert found.source == "x.tab"
    assert "rows       10: 0 into records, 8 not mapped (80.0%), 0 unreadable" in str(found)


def test_the_icews_sample_is_audited_through_the_definitions() -> None:
    with read_icews(ICEWS) as reader:
        events = list(reader)
    found = audit(events, reader.report)
    assert found.records == reader.report.records
    assert found.breaks == recount(events)
    # The importer holds the definitions: nothing breaks; what it fixed is in its notes, and
    # the records it could not fix are rows not mapped, with the reason.
    assert found.breaks == Counter()
    assert dict(found.notes) == {"country_beside_leader": 3, "location_outside_host": 5,
                                 "actor_dropped": 4}  # fmt: skip
    unfixable = found.unmapped_by_reason()
    assert unfixable[UNFIXABLE["domestic_visit"]] == 20  # "visits" within one country
    assert unfixable[UNFIXABLE["one_country_summit"]] == 168  # 90 rows of 040 among them
    for code, ids in found.examples.items():
        breaking = {e.id for e in events if code in {b.code for b in breaks(e)}}
        assert set(ids) <= breaking
        assert len(ids) == min(EXAMPLES, found.breaks[code])
    assert sum(found.unmapped_by_reason().values()) == reader.report.total_unmapped
    assert found.unmapped_share == reader.report.total_unmapped / 3705
    actors = Counter(kind for e in events for kind in map(_type, e.actors()))
    assert found.actors == actors


def _type(actor: object) -> str:
    name = type(actor).__name__.lower()
    return f"{name} ({actor.kind})" if isinstance(actor, Organization) else name


@pytest.mark.parametrize("path", GDELT_FILES, ids=lambda p: p.name)
def test_real_gdelt_files_are_audited_through_the_definitions(path: Path) -> None:
    with read_gdelt(path) as reader:
        events = list(reader)
    found = audit(events, reader.report)
    assert found.total_records == len(events) > 0
    assert found.breaks == recount(events)
    assert found.to_dict()["import"]["rows"] == reader.report.rows > 0


def test_the_mixed_gdelt_1_excerpt_shows_what_the_importer_held() -> None:
    found = audit_file(REAL / "gdelt1-mixed__events.excerpt.csv", "gdelt")
    assert found.breaks == Counter()
    # "visit-2016-07-28-usa-to-usa" (6 rows) is no visit; three located outside their host
    # ("visit-1982-01-02-gbr-to-lby" among them) lost the location, with a note.
    assert found.unmapped_by_reason()[UNFIXABLE["domestic_visit"]] == 6
    assert found.notes["location_outside_host"] == 3


def test_the_report_as_data_says_what_the_text_says() -> None:
    found = audit_file(ICEWS, "icews")
    data = json.loads(json.dumps(found.to_dict()))
    assert data["records"] == dict(found.records)
    assert data["total_records"] == found.total_records
    assert {code: v["records"] for code, v in data["breaks"].items()} == dict(found.breaks)
    assert data["records_breaking"] == found.broken
    assert data["import"]["rows"] == 3705
    assert data["unmapped_share"] == found.unmapped_share
    text = str(found)
    assert text.startswith(f"{ICEWS} (icews)\n")
    for code, count in found.breaks.items():
        assert f"    {code} {count}: " in text
    assert f"  records  {found.total_records:>4}: " in text


def test_a_file_of_diplomevs_own_is_audited_without_rows() -> None:
    found = audit_file(GOLDEN, "jsonl")
    assert (found.import_report, found.source) == (None, str(GOLDEN))
    assert found.total_records == len(list(read_jsonl(GOLDEN))) == 9
    assert found.to_dict()["unmapped_share"] is None
    assert "rows" not in str(found)


def test_unreadable_records_are_counted_and_the_first_kept(tmp_path: Path) -> None:
    good = GOLDEN.read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "some-bad.jsonl"
    path.write_text("\n".join([good, *[f'{{"type": "visit", "id": {n}}}' for n in range(8)]]))
    found = audit_file(str(path), "jsonl")
    assert (found.total_records, found.bad) == (1, 8)
    assert [bad.line for bad in found.problems] == list(range(2, 2 + PROBLEMS))
    assert "unreadable 8" in str(found)


def test_a_file_unreadable_past_some_point_is_counted_not_raised(tmp_path: Path) -> None:
    whole = gzip.compress((REAL / "gdelt1-daily__20141124.export.CSV").read_bytes())
    path = tmp_path / "cut.export.CSV.gz"
    path.write_bytes(whole[: len(whole) // 3])
    found = audit_file(str(path), "gdelt")
    report = found.import_report
    assert report is not None
    assert 0 < report.rows < 100
    assert report.unread_from == report.rows
    assert found.bad == report.bad == 1
    assert "damaged" in found.problems[0].errors[0].message
    assert "incomplete: nothing could be read from line" in str(found)


def test_a_file_that_is_not_json_at_all_is_one_unreadable_record() -> None:
    found = audit_file(io.BytesIO(b'[{"type": "visit", "id": '), "json")
    assert (found.total_records, found.bad, len(found.problems)) == (0, 1, 1)


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot audit 'acled'"):
        audit_file(str(GOLDEN), "acled")


def test_an_empty_report_reads_as_nothing_found() -> None:
    found = AuditReport(source="-")
    assert str(found) == "-\n  records     0: -"
    assert found.to_dict()["import"] is None


def test_the_import_quality_script_tabulates_each_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "import_quality.py"
    spec = importlib.util.spec_from_file_location("import_quality", path)
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert [script.guess_format(p) for p in (ICEWS, *GDELT_FILES, GOLDEN)] == [
        "icews", "gdelt", "gdelt", "gdelt", "jsonl"
    ]  # fmt: skip
    assert script.main([str(ICEWS), f"gdelt:{GDELT_FILES[0]}", "--out", str(tmp_path)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| file | format | rows | not mapped |")
    icews = audit_file(ICEWS, "icews")
    assert table[2].startswith(f"| {ICEWS.name} | icews | 3705 | {icews.unmapped_share:.1%} | 0 |")
    gdelt = audit_file(GDELT_FILES[0], "gdelt")
    assert table[3].startswith(
        f"| {GDELT_FILES[0].name} | gdelt | 100 | {gdelt.unmapped_share:.1%} | 0 | "
        f"{gdelt.total_records}: statement 7 |"
    )
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").splitlines() == table
    assert (tmp_path / f"{ICEWS.name}.txt").read_text(encoding="utf-8") == f"{icews}\n"
