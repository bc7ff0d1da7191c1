"""GDELT 1.0 (57 and 58 columns) beside 2.0 (61): each row's layout is told by its cells.

The real rows are excerpts of public files (``tests/data/realdata/README.md``): a whole
1.0 daily file of 2014, a file mixing 1.0 daily rows of 2016 with historical-backfile
rows of 1982, and 200 rows of a 2.0 export of 2019.
"""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from diplomev import Country, Organization, Statement, Summit, TradeIssue, Visit
from diplomev.interop import GDELT_COLUMNS, read_gdelt
from diplomev.interop._tables import URL_MAX
from diplomev.interop.gdelt import GDELT1_COLUMNS, GDELT_LAYOUTS, read_actor

REAL = Path(__file__).resolve().parent / "data" / "realdata"
DAILY_2014 = REAL / "gdelt1-daily__20141124.export.CSV"
MIXED = REAL / "gdelt1-mixed__events.excerpt.csv"
EXPORT_2019 = REAL / "gdelt2__20191024143000.excerpt.CSV"


def test_gdelt_1_has_2_0s_columns_but_the_three_adm2_codes() -> None:
    adm2 = ("Actor1Geo_ADM2Code", "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code")
    assert len(GDELT1_COLUMNS) == 58
    assert tuple(c for c in GDELT_COLUMNS if c not in adm2) == GDELT1_COLUMNS
    assert GDELT1_COLUMNS[35:42] == (
        "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
        "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    )  # fmt: skip


def test_each_layout_is_known_by_its_number_of_cells() -> None:
    assert {cells: len(columns) for cells, (_, columns) in GDELT_LAYOUTS.items()} == {
        57: 57, 58: 58, 61: 61
    }  # fmt: skip
    assert GDELT_LAYOUTS[57][1] == GDELT1_COLUMNS[:-1]  # the backfile: no SOURCEURL
    assert "SOURCEURL" not in GDELT_LAYOUTS[57][1]


def test_a_real_gdelt_1_daily_file_is_read_whole() -> None:
    with read_gdelt(DAILY_2014, errors="collect") as reader:
        events = list(reader)
    report = reader.report
    assert (report.rows, report.bad, report.total_unmapped) == (100, 0, 92)
    assert dict(report.records) == {"statement": 7}
    assert report.is_complete()
    # "Labour says it would ...": 112, accuse, with no one accused: an accusation, not a
    # dispute (a dispute has two sides).
    [dispute] = [event for event in events if event.id == "statement-2004-11-26-gbr-accusation"]
    assert isinstance(dispute, Statement)
    assert str(dispute.date) == "2004-11-26"
    assert dispute.location is not None
    assert (dispute.location.name, dispute.location.country) == ("Strood", "GBR")
    assert dispute.sources[0].url == (
        "http://www.mynextfone.co.uk/headlines/labour-says-it-would-h420866.html"
    )
    [row] = dispute.extensions["x_gdelt"]  # type: ignore[misc]
    assert (row["event_id"], row["added"]) == ("324845993", "20141124")  # type: ignore[index]


def test_a_file_mixing_daily_and_backfile_rows_is_read_row_by_row() -> None:
    with read_gdelt(MIXED, errors="collect") as reader:
        events = list(reader)
    report = reader.report
    assert (report.rows, report.bad) == (200, 0)
    assert report.is_complete()
    assert dict(report.records) == {"agreement": 1, "dispute": 4, "statement": 53, "summit": 6,
                                    "trade_issue": 1, "visit": 3}  # fmt: skip
    backfile = [e for e in events if str(e.date).startswith("1982")]
    daily = [e for e in events if not str(e.date).startswith("1982")]
    assert len(events) == 68
    # The backfile has no SOURCEURL: its records cite nothing; the daily rows cite their article.
    assert all(event.sources == () for event in backfile)
    assert all(event.sources and event.sources[0].url for event in daily)
    assert all(row["url"] is None for e in backfile for row in e.extensions["x_gdelt"])  # type: ignore[index,union-attr]
    [sanction] = [e for e in backfile if isinstance(e, TradeIssue)]
    assert (sanction.id, sanction.targets) == ("trade-issue-1982-01-02-can-on-pol-sanction",
                                               (Country(code="POL"),))  # fmt: skip


def test_a_code_of_roles_alone_names_no_body() -> None:
    # Issue 14's third spot check: backfile row 1553389, NGOHRI "HUMAN RIGHTS GROUP"
    # accusing SLV (1124), was a dispute of "Human Rights Watch" (the one body
    # organizations.json files under NGOHRI) and El Salvador; a role names no body.
    with read_gdelt(MIXED, errors="collect") as reader:
        events = list(reader)
    assert not any(
        row["event_id"] == "1553389"  # type: ignore[index]
        for event in events
        for row in event.extensions["x_gdelt"]  # type: ignore[union-attr]
    )
    [(key, count)] = [
        (key, n) for key, n in reader.report.unmapped.items() if "roles only" in key[1]
    ]
    assert (key[0], count) == ("1124", 1)
    assert "the source actor is a CAMEO code of roles only" in key[1]
    # A role code with a body's own name is that body; with its group code, the group.
    assert read_actor("MNC", "CHEVRON", None, None, "MNC") == Organization(
        name="Chevron", kind="company"
    )
    assert read_actor("NGOHRIHRW", "HUMAN RIGHTS WATCH", None, None, "NGO HRI") == (
        Organization(name="Human Rights Watch", kind="ngo")
    )


def test_backfile_rows_of_one_visit_are_one_record() -> None:
    with read_gdelt(MIXED, errors="collect") as reader:
        visits = {e.id: e for e in reader if isinstance(e, Visit)}
    visit = visits["visit-1982-01-02-irn-to-usa"]
    assert [row["event_id"] for row in visit.extensions["x_gdelt"]] == ["1553199", "1553699"]  # type: ignore[index,union-attr]


def test_a_real_gdelt_2_export_still_reads() -> None:
    with read_gdelt(EXPORT_2019, errors="collect") as reader:
        events = list(reader)
    assert (reader.report.rows, reader.report.bad) == (200, 0)
    # (Its two agreements, of one party each, "signed" by one side alone, are none.)
    assert dict(reader.report.records) == {"statement": 9, "summit": 4, "visit": 1}
    assert sum(isinstance(e, Summit) for e in events) == 4


def _backfile_row(**cells: str) -> list[str]:
    values = dict.fromkeys(GDELT_LAYOUTS[57][1], "")
    values.update({"GLOBALEVENTID": "7", "SQLDATE": "19820102", "EventCode": "042",
                   "Actor1Code": "GBR", "Actor1Name": "BRITAIN", "Actor1CountryCode": "GBR",
                   "Actor2Code": "LBY", "Actor2Name": "LIBYA", "Actor2CountryCode": "LBY",
                   "NumMentions": "1", "NumSources": "1", "NumArticles": "1",
                   "DATEADDED": "20130203"})  # fmt: skip
    values.update(cells)
    return list(values.values())


def test_other_cell_counts_are_bad_rows_with_their_line() -> None:
    good = _backfile_row()
    lines = [good, [*good, ""], [*good, "", ""], good[:-1], [*good, "a", "b", "c"]]
    data = "".join("\t".join(cells) + "\n" for cells in lines).encode()
    with read_gdelt(io.BytesIO(data), errors="collect") as reader:
        [visit] = list(reader)
    assert isinstance(visit, Visit)
    assert visit.host == "LBY"
    expected = "expected 57, 58 or 61 cells (GDELT 1.0 backfile, 1.0 daily or 2.0), got"
    assert [(bad.line, bad.errors[0].message) for bad in reader.problems] == [
        (3, f"{expected} 59"), (4, f"{expected} 56"), (5, f"{expected} 60")
    ]  # fmt: skip
    # Line 2 has 58 cells, the daily layout with an empty SOURCEURL: the same visit again.
    assert reader.report.rows == 5
    assert reader.report.total_mapped == 2
    assert reader.report.is_complete()


def test_a_too_long_sourceurl_of_a_daily_row_is_a_bad_row() -> None:
    cells = [*_backfile_row(), "http://example.com/" + "a" * URL_MAX]
    data = ("\t".join(cells) + "\n").encode()
    with read_gdelt(io.BytesIO(data), errors="collect") as reader:
        assert list(reader) == []
    [bad] = reader.problems
    assert (bad.line, bad.errors[0].path) == (1, "$.SOURCEURL")
    assert reader.report.bad == 1


REAL_LINES = [
    *MIXED.read_bytes().splitlines(keepends=True),
    *EXPORT_2019.read_bytes().splitlines(keepends=True)[:40],
]


@given(st.lists(st.tuples(st.sampled_from(range(len(REAL_LINES))), st.integers(-3, 3)),
                max_size=30))  # fmt: skip
def test_real_rows_cut_or_padded_are_all_accounted_for(picks: list[tuple[int, int]]) -> None:
    lines = []
    for index, change in picks:
        cells = REAL_LINES[index].rstrip(b"\r\n").split(b"\t")
        cells = cells[:change] if change < 0 else cells + [b""] * change
        lines.append(b"\t".join(cells) + b"\n")
    with read_gdelt(io.BytesIO(b"".join(lines)), errors="collect") as reader:
        list(reader)
    report = reader.report
    assert report.rows == len(lines)
    assert report.is_complete()
    other_counts = {
        n for n, line in enumerate(lines, 1) if line.count(b"\t") + 1 not in GDELT_LAYOUTS
    }
    assert other_counts <= {bad.line for bad in reader.problems}
