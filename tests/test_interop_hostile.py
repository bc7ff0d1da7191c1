"""The importers on broken, hostile and huge input: nothing lost, nothing escapes.

Whatever the bytes, `read_plover`, `read_icews` and `read_gdelt` in ``errors="collect"``
mode give every good record, report every unreadable part with its line, and their
report adds up: ``rows == mapped + unmapped + bad`` (issue 13, items 1, 2, 4-7).
"""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import diplomev
from diplomev import cli
from diplomev.errors import ErrorCode
from diplomev.interop import _spill, read_gdelt, read_icews, read_plover
from diplomev.interop._json_items import json_items
from diplomev.interop._report import ImportReader
from diplomev.interop._tables import json_values

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data" / "event-standards"
COPIES = REPO / "tests" / "data" / "interop"


def sample(name: str) -> Path:
    """The shared sample file if this checkout sits beside it, else the test copy."""
    return SHARED / name if (SHARED / name).exists() else COPIES / name


ICEWS = sample("icews__events.2018.sample.tab").read_bytes()
GDELT = sample("gdelt2__20161013151500.export.CSV").read_bytes()
GSR = sample("plover__PLOVER_GSR_CAMEO.txt").read_bytes()
ICEWS_JSON = sample("icews-to-jsonl__sample_output.jsonl").read_bytes()


def read(reader: ImportReader) -> tuple[list[diplomev.Event], ImportReader]:
    with reader:
        events = list(reader)
    return events, reader


def adds_up(reader: ImportReader) -> bool:
    report = reader.report
    return (
        report.rows == report.total_mapped + report.total_unmapped + report.bad
        and report.bad >= len(reader.problems)
        and sum(report.records.values()) == reader.count
    )


def plover_line(number: int, event: str = "CONSULT") -> bytes:
    record = {"id": f"r{number}", "date": "2018-06-01", "event": [event],
              "actor": [{"code": "PRK"}, {"code": "USA"}]}  # fmt: skip
    return json.dumps(record).encode() + b"\n"


def icews_lines() -> list[bytes]:
    return ICEWS.splitlines(keepends=True)


def icews_with(line: int, column: str, value: str) -> bytes:
    """The ICEWS sample with one cell (on a 1-based line) set to ``value``."""
    lines = icews_lines()
    header = lines[0].decode().rstrip("\r\n").split("\t")
    cells = lines[line - 1].decode().rstrip("\r\n").split("\t")
    cells[header.index(column)] = value
    lines[line - 1] = ("\t".join(cells) + "\n").encode()
    return b"".join(lines)


def gdelt_with(line: int, column: int, value: str) -> bytes:
    lines = GDELT.splitlines(keepends=True)
    cells = lines[line - 1].decode().rstrip("\r\n").split("\t")
    cells[column] = value
    lines[line - 1] = ("\t".join(cells) + "\n").encode()
    return b"".join(lines)


# --- item 1: PLOVER and ICEWS-to-JSON go on after a bad value ---------------------------------


def test_a_bad_json_line_spoils_only_its_record() -> None:
    lines = [plover_line(n) for n in range(1, 101)]
    lines[10] = b'{"id": "r11", "date": 2018-06-01, "event": ["CONSULT"]}\n'
    events, reader = read(read_plover(io.BytesIO(b"".join(lines)), errors="collect"))
    assert len(events) == 99
    assert [bad.line for bad in reader.problems] == [11]
    assert reader.report.rows == 100
    assert reader.report.bad == 1
    assert adds_up(reader)
    assert reader.report.is_complete()


def test_a_draft_with_trailing_commas_is_read_record_by_record() -> None:
    plain, plain_reader = read(read_plover(io.BytesIO(GSR), errors="collect"))
    commas = re.sub(rb'("|\]|\}|[0-9])(\s*\n\})', rb"\1,\2", GSR)  # a comma ends each record
    assert commas.count(b",\n}") > 300
    events, reader = read(read_plover(io.BytesIO(commas), errors="collect"))
    assert reader.report.rows == plain_reader.report.rows == 323
    assert events == plain
    assert [bad.line for bad in reader.problems] == [bad.line for bad in plain_reader.problems]
    assert adds_up(reader)


def test_a_draft_keyed_by_id_is_read_record_by_record() -> None:
    records = json.loads(GSR)
    keyed = {record.pop("id"): record for record in records}  # one id is there twice
    data = json.dumps(keyed, indent=2).encode()
    events, reader = read(read_plover(io.BytesIO(data), errors="collect"))
    lines = b"".join(json.dumps({"id": k, **v}).encode() + b"\n" for k, v in keyed.items())
    expected, _ = read(read_plover(io.BytesIO(lines), errors="collect"))
    assert reader.report.rows == len(keyed) == 322
    assert events == expected
    assert len(events) > 40
    assert adds_up(reader)


def test_a_bad_record_in_a_pretty_printed_array_spoils_only_itself() -> None:
    broken = GSR.replace(b'"id": "PLOVER-GSR01-AGREE-0001",', b'"id": "PLOVER-GSR01-AGREE-0001"', 1)
    events, reader = read(read_plover(io.BytesIO(broken), errors="collect"))
    plain, plain_reader = read(read_plover(io.BytesIO(GSR), errors="collect"))
    # The file's own bad record (PLOVER-GSR01-AGREE-0007, line 116) stays the only other.
    assert [bad.line for bad in reader.problems] == [14, *(b.line for b in plain_reader.problems)]
    assert reader.report.rows == 323
    assert adds_up(reader)
    assert len(events) == len(plain) - 1  # the broken one is the AGREE, an agreement


def test_a_record_never_closed_ends_where_the_next_one_starts() -> None:
    broken = GSR.replace(b'"comment": "Compound actor"\n},', b'"comment": "Compound actor"\n', 1)
    assert broken != GSR
    _, reader = read(read_plover(io.BytesIO(broken), errors="collect"))
    _, plain_reader = read(read_plover(io.BytesIO(GSR), errors="collect"))
    assert reader.report.rows == 323
    assert len(reader.problems) == len(plain_reader.problems) + 1
    assert "is not closed" in reader.problems[0].errors[0].message
    assert adds_up(reader)


def test_a_file_that_ends_inside_a_record_says_from_where() -> None:
    data = b"".join(plover_line(n) for n in range(1, 6)) + b'{"id": "r6", "date": "2018'
    events, reader = read(read_plover(io.BytesIO(data), errors="collect"))
    assert len(events) == 5
    assert reader.report.rows == 6
    assert adds_up(reader)
    assert reader.report.unread_from == 6
    assert not reader.report.is_complete()
    assert "line 6" in str(reader.report)


def test_icews_to_json_goes_on_after_a_bad_value() -> None:
    good = list(json_values(ICEWS_JSON.decode()))
    broken = ICEWS_JSON.replace(b'"ccode": "ARM",', b'"ccode": "ARM"', 1)
    values = list(json_values(broken.decode()))
    assert len(values) == len(good) == 4
    assert isinstance(values[0][1], diplomev.ValidationError)
    assert values[1:] == good[1:]
    _, reader = read(read_icews(io.BytesIO(broken), errors="collect"))
    assert reader.report.rows == 4
    assert len(reader.problems) == 1
    assert adds_up(reader)


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 200)), min_size=1, max_size=30))
def test_plover_json_lines_lose_only_the_broken_lines(spoil: list[tuple[bool, int]]) -> None:
    lines, kept = [], 0
    for number, (broken, cut) in enumerate(spoil, 1):
        line = plover_line(number)
        if broken:
            line = line[: cut % (len(line) - 2)] + b"\n"
        else:
            kept += 1
        lines.append(line)
    events, reader = read(read_plover(io.BytesIO(b"".join(lines)), errors="collect"))
    assert len(events) == kept
    assert {event.id for event in events} >= {
        f"r{n}" for n, (broken, _) in enumerate(spoil, 1) if not broken
    }
    assert adds_up(reader)


def test_reading_plover_is_a_stream() -> None:
    """The first record comes after reading its own line, not the file (linear, bounded)."""

    class Counting(io.BytesIO):
        consumed = 0

        def readline(self, size: int | None = -1) -> bytes:
            line = super().readline(size)
            self.consumed += len(line)
            return line

        def read(self, size: int | None = -1) -> bytes:
            data = super().read(size)
            self.consumed += len(data)
            return data

    stream = Counting(b"".join(plover_line(n) for n in range(1, 20_001)))
    with read_plover(stream, errors="collect") as reader:
        first = next(reader)
        assert first.id == "r1"
        assert stream.consumed < 1000
        assert sum(1 for _ in reader) == 19_999


# --- item 2: ICEWS has no quoting ------------------------------------------------------------


def test_a_quote_at_the_start_of_an_icews_cell_swallows_nothing() -> None:
    plain, plain_reader = read(read_icews(io.BytesIO(ICEWS), errors="collect"))
    quoted = icews_with(5, "Event Text", '"Make a visit')
    events, reader = read(read_icews(io.BytesIO(quoted), errors="collect"))
    assert reader.report.rows == plain_reader.report.rows == len(icews_lines()) - 1
    assert events == plain
    assert adds_up(reader)
    assert reader.report.is_complete()


def test_an_icews_row_with_the_wrong_number_of_cells_is_reported_for_its_line() -> None:
    lines = icews_lines()
    lines[9] = lines[9].replace(b"\t", b"", 1)
    _events, reader = read(read_icews(io.BytesIO(b"".join(lines)), errors="collect"))
    assert [bad.line for bad in reader.problems] == [10]
    assert "expected 20 cells, got 19" in reader.problems[0].errors[0].message
    assert reader.report.rows == len(lines) - 1
    assert adds_up(reader)


# --- item 4 and non-ASCII digits: one bad cell spoils one row ---------------------------------


@pytest.mark.parametrize(
    ("column", "value", "path"),
    [
        ("Sentence Number", "²", "$['Sentence Number']"),
        ("Sentence Number", "9" * 5000, "$['Sentence Number']"),
        ("Sentence Number", "٣", "$['Sentence Number']"),
        ("Event Date", "２０１８-06-01", "$['Event Date']"),
        ("Event Date", "٢٠١٨-06-01", "$['Event Date']"),
        ("CAMEO Code", "٠٤٢", "$['CAMEO Code']"),
        ("Source Name", "x" * 300_000, "$['Source Name']"),
        ("Story ID", "47400718\u202e", "$['Story ID']"),
        ("Story ID", "474\x1b[2J", "$['Story ID']"),
    ],
)
def test_a_bad_icews_cell_is_a_bad_row(column: str, value: str, path: str) -> None:
    plain, _ = read(read_icews(io.BytesIO(ICEWS), errors="collect"))
    events, reader = read(read_icews(io.BytesIO(icews_with(3, column, value)), errors="collect"))
    [bad] = reader.problems
    assert bad.line == 3
    assert [d.path for d in bad.errors] == [path]
    assert len(events) >= len(plain) - 1
    assert adds_up(reader)


@pytest.mark.parametrize(
    ("column", "value", "path"),
    [
        (31, "--5", "$.NumMentions"),
        (31, "²", "$.NumMentions"),
        (32, "9" * 5000, "$.NumSources"),
        (33, "٣", "$.NumArticles"),
        (1, "٢٠١٦١٠١٣", "$.SQLDATE"),
        (26, "٠٤٢", "$.EventCode"),
        (6, "x" * 300_000, "$.Actor1Name"),
        (60, "http://example.com/\u202etxt.exe", "$.SOURCEURL"),
    ],
)
def test_a_bad_gdelt_cell_is_a_bad_row(column: int, value: str, path: str) -> None:
    plain, plain_reader = read(read_gdelt(io.BytesIO(GDELT), errors="collect"))
    data = gdelt_with(2, column, value)
    events, reader = read(read_gdelt(io.BytesIO(data), errors="collect"))
    [bad] = reader.problems
    assert bad.line == 2
    assert [d.path for d in bad.errors] == [path]
    assert reader.report.rows == plain_reader.report.rows
    assert adds_up(reader)
    assert len(events) >= len(plain) - 1


def test_a_huge_gdelt_cell_is_refused_before_any_normalization() -> None:
    # 300,000 combining marks: NFKD on CPython 3.11 is quadratic on such runs.
    data = gdelt_with(2, 6, "a" + "\u0301" * 300_000)
    _, reader = read(read_gdelt(io.BytesIO(data), errors="collect"))
    [problem] = reader.problems
    assert [(d.path, d.code) for d in problem.errors] == [("$.Actor1Name", ErrorCode.TOO_LARGE)]
    assert "300001 characters" in problem.errors[0].message


def plover_with(entity: dict[str, Any]) -> bytes:
    bad = {
        "id": "bad",
        "date": "2018-06-01",
        "event": ["CONSULT"],
        "actor": [entity, {"code": "USA"}],
    }
    return plover_line(1) + json.dumps(bad).encode() + b"\n" + plover_line(3)


@pytest.mark.parametrize(
    ("entity", "path", "code"),
    [
        ({"code": ["PRK"]}, "$.actor[0].code", ErrorCode.WRONG_TYPE),
        ({"code": {"a": 1}}, "$.actor[0].code", ErrorCode.WRONG_TYPE),
        ({"code": "PRK", "office": ["President"]}, "$.actor[0].office", ErrorCode.WRONG_TYPE),
        ({"entity_text": "x" * 300_000}, "$.actor[0].entity_text", ErrorCode.TOO_LARGE),
        ({"code": "\uff35\uff33\uff21"}, "$.actor[0].code", ErrorCode.UNKNOWN_CODE),
        ({"code": "\u0663\u0663\u0663"}, "$.actor[0].code", ErrorCode.UNKNOWN_CODE),
    ],
)
def test_a_bad_plover_entity_is_a_bad_record(entity: dict[str, Any], path: str, code: str) -> None:
    events, reader = read(read_plover(io.BytesIO(plover_with(entity)), errors="collect"))
    [bad] = reader.problems
    assert bad.line == 2
    assert [(d.path, d.code) for d in bad.errors] == [(path, code)]
    assert [event.id for event in events] == ["r1", "r3"]
    assert adds_up(reader)


@pytest.mark.parametrize("date", ["２０１８-06-01", "٢٠١٨-06-01", "2018-٠6-01"])
def test_plover_dates_are_ascii(date: str) -> None:
    data = plover_line(1).replace(b'"2018-06-01"', json.dumps(date).encode())
    _, reader = read(read_plover(io.BytesIO(data), errors="collect"))
    [bad] = reader.problems
    assert bad.errors[0].path == "$.date"


@pytest.mark.parametrize(
    "middle",
    [b"[" * 100_000 + b"\n", b'{"a": ' * 900 + b"1" + b"}" * 900 + b"\n",
     json.dumps({"id": "deep", "date": "2018-06-01", "event": ["CONSULT"],
                 "actor": [{"code": "PRK", "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
                     [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
                 ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]}).encode() + b"\n"],
)  # fmt: skip
def test_deep_nesting_is_one_bad_part(middle: bytes) -> None:
    data = plover_line(1) + middle + plover_line(3)
    events, reader = read(read_plover(io.BytesIO(data), errors="collect"))
    assert [event.id for event in events][:1] == ["r1"]
    assert adds_up(reader)
    assert reader.problems
    assert all(bad.line == 2 for bad in reader.problems[:1])


def test_a_gzip_bomb_is_read_in_bounded_pieces(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as out:
        out.write(plover_line(1))
        chunk = b"[" * (1 << 20)
        for _ in range(40):  # 40 MiB on one line, beyond the 16 MiB a value may have
            out.write(chunk)
        out.write(b"\n" + plover_line(3))
    events, reader = read(read_plover(bomb, errors="collect"))
    assert [event.id for event in events] == ["r1", "r3"]
    assert [d.code for bad in reader.problems for d in bad.errors] == [ErrorCode.TOO_LARGE]


# --- item 7: grouping in bounded memory ------------------------------------------------------


def test_icews_records_are_the_same_when_the_spill_goes_to_sqlite(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    in_memory, memory_reader = read(read_icews(io.BytesIO(ICEWS), errors="collect"))
    monkeypatch.setattr(_spill, "MEMORY_ITEMS", 10)
    monkeypatch.setattr(_spill.Spill.__init__, "__defaults__", (10,))
    spilled, reader = read(read_icews(io.BytesIO(ICEWS), errors="collect"))
    assert spilled == in_memory
    assert len(spilled) > 50
    assert reader.report.to_dict() == memory_reader.report.to_dict()


def test_gdelt_records_are_the_same_when_the_spill_goes_to_sqlite(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    in_memory, _ = read(read_gdelt(io.BytesIO(GDELT), errors="collect"))
    monkeypatch.setattr(_spill.Spill.__init__, "__defaults__", (10,))
    spilled, _ = read(read_gdelt(io.BytesIO(GDELT), errors="collect"))
    assert spilled == in_memory
    assert len(spilled) > 10


def test_json_items_count_lines_once() -> None:
    data = b"".join(plover_line(n) for n in range(1, 1001))
    assert [item.line for item in json_items(io.BytesIO(data))] == list(range(1, 1001))


# --- through the command line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "data", "bad_line"),
    [
        ("icews", icews_with(3, "Sentence Number", "²"), 3),
        ("gdelt", gdelt_with(2, 31, "--5"), 2),
        ("plover", plover_with({"code": ["PRK"]}), 2),
        ("plover", plover_line(1) + b"[" * 100_000 + b"\n" + plover_line(3), 2),
    ],
)
def test_the_cli_skips_bad_rows_and_writes_the_good_ones(
    fmt: str, data: bytes, bad_line: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "in.txt", tmp_path / "out.jsonl"
    source.write_bytes(data)
    code = cli.main(["convert", "--from", fmt, "--skip-invalid", str(source), str(target)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert f"in.txt:{bad_line}:" in err
    assert len(target.read_bytes().splitlines()) >= 2


_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=10,
)
_RECORDS = st.builds(
    lambda ident, rest: {"id": ident, **rest},
    st.text(max_size=6),
    st.dictionaries(st.text(max_size=5).filter(lambda k: k != "id"), _VALUES, max_size=4),
)


@given(
    st.lists(_RECORDS, max_size=6),
    st.sampled_from(["lines", "array", "pretty", "keyed"]),
    st.sampled_from([None, 0, 1, 2, 4]),
    st.booleans(),
)
def test_json_items_give_back_every_record_in_every_shape(
    records: list[dict[str, Any]], shape: str, indent: int | None, ascii_only: bool
) -> None:
    assume(records or shape != "keyed")  # "{}" is one empty record, not zero keyed ones

    def dump(value: Any, indent: int | None = indent) -> str:
        return json.dumps(value, indent=indent, ensure_ascii=ascii_only)

    if shape == "lines":
        text = "".join(dump(record, None) + "\n" for record in records)
    elif shape == "array":
        text = dump(records)
    elif shape == "pretty":
        text = "\n".join(dump(record, indent or 2) for record in records)
    else:
        text = dump({f"k{n}": record for n, record in enumerate(records)}, indent or 2)
    items = list(json_items(io.BytesIO(text.encode("utf-8", "surrogatepass"))))
    assert all(item.problems is None for item in items)
    assert [item.value for item in items] == records
    if shape == "keyed":
        assert [item.key for item in items] == [f"k{n}" for n in range(len(records))]
