"""Files: every format round-trips, bad lines lose nothing, writes are atomic."""

from __future__ import annotations

import csv
import gzip
import io
import json
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import diplomev
from diplomev import Event, ValidationError
from diplomev.io import (
    BadRecord,
    Reader,
    RecordError,
    read_csv,
    read_json,
    read_jsonl,
    write_csv,
    write_json,
    write_jsonl,
)

from .conftest import GOLDEN

EVENTS = list(read_jsonl(GOLDEN))
GOLDEN_LINES = GOLDEN.read_bytes().splitlines()
FORMATS: dict[str, tuple[Callable[..., int], Callable[..., Reader]]] = {
    "jsonl": (write_jsonl, read_jsonl),
    "json": (write_json, read_json),
    "csv": (write_csv, read_csv),
}


@pytest.mark.parametrize("suffix", ["jsonl", "json", "csv", "jsonl.gz", "json.gz", "csv.gz"])
def test_every_format_round_trips_the_golden_file(tmp_path: Path, suffix: str) -> None:
    write, read = FORMATS[suffix.split(".")[0]]
    path = tmp_path / f"events.{suffix}"
    assert write(EVENTS, path) == len(EVENTS)
    with read(path) as reader:
        assert list(reader) == EVENTS
    if suffix.endswith(".gz"):
        assert gzip.decompress(path.read_bytes())  # really gzip


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_file_objects_binary_and_text(fmt: str) -> None:
    write, read = FORMATS[fmt]
    binary = io.BytesIO()
    write(EVENTS, binary)
    assert list(read(io.BytesIO(binary.getvalue()))) == EVENTS
    text = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write(EVENTS, text)
    text.seek(0)
    assert list(read(text)) == EVENTS


def test_writing_twice_gives_identical_bytes(tmp_path: Path) -> None:
    for fmt, (write, _) in FORMATS.items():
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        write(EVENTS, first)
        write(EVENTS, second)
        assert first.read_bytes() == second.read_bytes(), fmt


def test_jsonl_lines_are_the_compact_dumps() -> None:
    out = io.BytesIO()
    write_jsonl(EVENTS, out)
    assert out.getvalue().decode().splitlines() == [diplomev.dumps(e) for e in EVENTS]


def test_json_document_shape_and_indent() -> None:
    out = io.BytesIO()
    write_json(EVENTS, out, indent=2)
    document = json.loads(out.getvalue())
    assert document["diplomev"] == "1"
    assert [diplomev.from_dict(e) for e in document["events"]] == EVENTS
    assert list(read_json(io.BytesIO(out.getvalue()))) == EVENTS


def test_standard_streams(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from diplomev.io import read_jsonl, write_csv
        write_csv(read_jsonl("-"), "-")
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], input=GOLDEN.read_bytes(), capture_output=True, check=True
    )
    assert list(read_csv(io.BytesIO(run.stdout))) == EVENTS


# --- bad lines lose nothing --------------------------------------------------------------------

MIXED = b"\n".join(
    [
        GOLDEN_LINES[0],
        b'{"type": "summit", "id": 7, "date": "2026-02-30"}',
        b"",
        GOLDEN_LINES[1],
        b"not json",
        b'{"type": "visit", "id": "v", "date": "2019", "host": "CHN", "visitor": {"type": "country", "code": "KOR"}, "extra": 1}',
        GOLDEN_LINES[2] + b"\r",
        b'{"type": "summit", "id": "\xff"}',
        GOLDEN_LINES[3][:40],
    ]
)


def test_collect_returns_every_good_record_and_reports_every_bad_one() -> None:
    with read_jsonl(io.BytesIO(MIXED), errors="collect") as reader:
        good = list(reader)
    assert good == EVENTS[:3]
    assert reader.count == 3
    assert [bad.line for bad in reader.problems] == [2, 5, 6, 8, 9]
    first = reader.problems[0]
    assert [d.path for d in first.errors] == ["$.id", "$.date", "$.participants"]
    assert reader.problems[2].errors[0].path == "$.extra"
    assert "invalid UTF-8" in reader.problems[3].errors[0].message
    assert reader.problems[4].errors[0].message.startswith("the last line is incomplete")


def test_raise_stops_at_the_first_bad_line_with_its_number() -> None:
    reader = read_jsonl(io.BytesIO(MIXED))
    assert next(reader) == EVENTS[0]
    with pytest.raises(RecordError) as excinfo:
        next(reader)
    assert excinfo.value.bad.line == 2
    assert isinstance(excinfo.value, ValidationError)
    assert str(excinfo.value).startswith("<stream>:2: $.id: expected a string")


def test_byte_order_mark_crlf_and_no_final_newline() -> None:
    data = b"\xef\xbb\xbf" + b"\r\n".join(GOLDEN_LINES)
    assert list(read_jsonl(io.BytesIO(data))) == EVENTS


def test_over_long_lines_are_reported_not_loaded() -> None:
    huge = b'{"type": "summit", "id": "' + b"x" * 100_000 + b'"}'
    data = b"\n".join([GOLDEN_LINES[0], huge, GOLDEN_LINES[1]])
    with read_jsonl(io.BytesIO(data), errors="collect", max_line_bytes=4096) as reader:
        assert list(reader) == EVENTS[:2]
    assert [(bad.line, bad.errors[0].message) for bad in reader.problems] == [
        (2, "line longer than 4096 bytes; not read")
    ]


def test_a_bad_json_document_raises_even_when_collecting() -> None:
    for data, path in [
        (b"[]", "$"),
        (b'{"events": {}}', "$.events"),
        (b'{"diplomev": "2", "events": []}', "$.diplomev"),
        (b'{"events": [], "meta": 1}', "$.meta"),
        (b'{"events": [', "$"),
    ]:
        with pytest.raises(RecordError) as excinfo:
            list(read_json(io.BytesIO(data), errors="collect"))
        assert excinfo.value.paths == (path,), data


def test_bad_events_in_a_json_document_have_document_paths() -> None:
    document = {"diplomev": "1", "events": [json.loads(GOLDEN_LINES[0]), {"type": "summit"}]}
    reader = read_json(io.BytesIO(json.dumps(document).encode()), errors="collect")
    assert list(reader) == EVENTS[:1]
    assert reader.problems[0].line is None
    assert [d.path for d in reader.problems[0].errors] == [
        "$.events[1].id",
        "$.events[1].date",
        "$.events[1].participants",
    ]


def test_readers_refuse_an_unknown_error_mode() -> None:
    with pytest.raises(ValueError, match="collect"):
        read_jsonl(io.BytesIO(b""), errors="skip")  # type: ignore[arg-type]


# --- CSV ------------------------------------------------------------------------------------------


def csv_text(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def golden_rows() -> list[dict[str, str]]:
    out = io.BytesIO()
    write_csv(EVENTS, out)
    return list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))


def test_csv_readable_columns() -> None:
    visit = golden_rows()[0]
    assert visit["date_lower"] == "2026-01-04"
    assert visit["date_upper"] == "2026-01-06"
    assert visit["location_name"] == "Beijing"
    assert visit["actor_codes"] == "KOR;CHN"
    assert visit["actors"] == "Lee Jae Myung (KOR); China"
    assert visit["host"] == "CHN"
    assert json.loads(visit["visitor"])["name"] == "Lee Jae Myung"
    restriction = golden_rows()[6]
    assert (restriction["date_lower"], restriction["date_upper"]) == ("2016-01-01", "")
    assert restriction["official"] == "false"


def test_csv_readable_columns_are_ignored_on_read() -> None:
    rows = golden_rows()
    rows[0]["actors"] = "edited by hand"
    rows[0]["date_lower"] = "1999-01-01"
    assert list(read_csv(io.BytesIO(csv_text(rows)))) == EVENTS


def test_csv_a_minimal_hand_written_file() -> None:
    data = (
        b"id,type,date,visitor,host\n"
        b'v1,visit,2019,"{""type"": ""country"", ""code"": ""KOR""}",CHN\n'
    )
    (event,) = read_csv(io.BytesIO(data))
    assert event == diplomev.loads(
        '{"type": "visit", "id": "v1", "date": "2019", "host": "CHN",'
        ' "visitor": {"type": "country", "code": "KOR"}}'
    )


def test_csv_bad_rows_are_reported_by_the_line_they_start_on() -> None:
    rows = golden_rows()
    rows[1]["participants"] = "[not json"
    rows[2]["rate_percent"] = '"80.5"'  # a string where a number belongs
    rows[3]["status"] = "finished"
    data = csv_text(rows)
    reader = read_csv(io.BytesIO(data), errors="collect")
    good = list(reader)
    assert good == [EVENTS[0], *EVENTS[4:]]
    # The first data row spans several lines (quotes contain none, but the header is line 1).
    starts = [bad.line for bad in reader.problems]
    assert starts == sorted(starts)
    assert [bad.errors[0].path for bad in reader.problems] == [
        "$.participants",
        "$.rate_percent",
        "$.status",
    ]


def test_csv_unknown_columns_are_refused_at_once() -> None:
    with pytest.raises(RecordError) as excinfo:
        list(read_csv(io.BytesIO(b"id,type,date,venue\n"), errors="collect"))
    assert "unknown column 'venue'" in str(excinfo.value)


def test_csv_invalid_utf8_spoils_one_row_only() -> None:
    rows = golden_rows()
    data = csv_text(rows[:3]).replace(b"second summit", b"second s\xffmmit", 1)
    reader = read_csv(io.BytesIO(data), errors="collect")
    assert list(reader) == [EVENTS[0], EVENTS[2]]
    assert "invalid UTF-8" in reader.problems[0].errors[0].message


def test_csv_cells_in_columns_a_kind_does_not_have() -> None:
    rows = golden_rows()
    rows[0]["participants"] = rows[1]["participants"]
    reader = read_csv(io.BytesIO(csv_text(rows)), errors="collect")
    assert len(list(reader)) == len(EVENTS) - 1
    assert reader.problems[0].errors[0].path == "$.participants"


def test_csv_extensions_round_trip() -> None:
    event = diplomev.from_dict({**json.loads(GOLDEN_LINES[1]), "x_coder": "hand", "x_n": [1, 2]})
    out = io.BytesIO()
    write_csv([event], out)
    assert list(read_csv(io.BytesIO(out.getvalue()))) == [event]


# --- atomic writes ----------------------------------------------------------------------------------


def exploding(events: list[Event], after: int) -> Iterator[Event]:
    for index, event in enumerate(events):
        if index == after:
            raise RuntimeError("the extractor crashed")
        yield event


@pytest.mark.parametrize("suffix", ["jsonl", "json", "csv", "jsonl.gz"])
def test_a_writer_that_fails_midway_leaves_the_old_file_whole(tmp_path: Path, suffix: str) -> None:
    write, read = FORMATS[suffix.split(".")[0]]
    path = tmp_path / f"events.{suffix}"
    write(EVENTS[:2], path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError, match="crashed"):
        write(exploding(EVENTS, after=5), path)
    assert path.read_bytes() == before
    assert list(read(path)) == EVENTS[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary left


def test_a_new_file_is_not_created_when_the_writer_fails(tmp_path: Path) -> None:
    path = tmp_path / "new.jsonl"
    with pytest.raises(RuntimeError):
        write_jsonl(exploding(EVENTS, after=1), path)
    assert not path.exists()


def test_permissions_of_the_old_file_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    write_jsonl(EVENTS, path)
    path.chmod(0o640)
    write_jsonl(EVENTS, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_writer_killed_midway_leaves_the_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    write_jsonl(EVENTS, path)
    before = path.read_bytes()
    script = textwrap.dedent(
        f"""
        import sys
        from diplomev.io import read_jsonl, write_jsonl
        events = list(read_jsonl({str(GOLDEN)!r}))

        def forever():
            n = 0
            while True:
                for event in events:
                    yield event
                    n += 1
                    if n == 20_000:
                        print("writing", flush=True)  # tell the parent we are mid-write

        write_jsonl(forever(), {str(path)!r})
        """
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == b"writing\n"
        temporaries = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert temporaries, "the child writes to a temporary file beside the target"
        assert temporaries[0].stat().st_size > 0
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert list(read_jsonl(path)) == EVENTS


def test_bad_record_repr_and_pickling() -> None:
    import pickle

    error = RecordError(BadRecord("f.jsonl", 3, (diplomev.ErrorDetail("$.id", "bad"),)))
    copy = pickle.loads(pickle.dumps(error))
    assert copy.bad == error.bad
    assert str(copy) == "f.jsonl:3: $.id: bad"


# --- damaged and unusual input -------------------------------------------------------------------


def half_of_a_gzip(tmp_path: Path, name: str, write: Callable[..., int]) -> Path:
    whole = tmp_path / f"whole.{name}"
    write(EVENTS, whole)
    data = whole.read_bytes()
    damaged = tmp_path / f"damaged.{name}"
    damaged.write_bytes(data[: len(data) // 2])
    return damaged


@pytest.mark.parametrize(("name", "fmt"), [("jsonl.gz", "jsonl"), ("csv.gz", "csv")])
def test_damaged_gzip_keeps_the_records_before_the_damage(
    tmp_path: Path, name: str, fmt: str
) -> None:
    write, read = FORMATS[fmt]
    damaged = half_of_a_gzip(tmp_path, name, write)
    reader = read(damaged, errors="collect")
    good = list(reader)
    assert good == EVENTS[: len(good)]
    assert len(good) >= 1
    assert [
        bad.errors[0].message.startswith("the gzip data is damaged") for bad in reader.problems
    ] == [True]
    with pytest.raises(RecordError, match="gzip data is damaged"):
        list(read(damaged))


def test_a_damaged_gzip_json_document_cannot_be_read(tmp_path: Path) -> None:
    damaged = half_of_a_gzip(tmp_path, "json.gz", write_json)
    with pytest.raises(RecordError, match="gzip data is damaged"):
        list(read_json(damaged, errors="collect"))


def test_csv_cells_longer_than_the_csv_modules_default_limit() -> None:
    long_summary = "word " * 40_000  # 200,000 characters
    event = diplomev.from_dict({**json.loads(GOLDEN_LINES[1]), "summary": long_summary.strip()})
    out = io.BytesIO()
    write_csv([event], out)
    assert list(read_csv(io.BytesIO(out.getvalue()))) == [event]


def test_many_unknown_columns_are_summed_up() -> None:
    header = ",".join(["id", "type", "date"] + [f"extra{i}" for i in range(9)])
    with pytest.raises(RecordError) as excinfo:
        list(read_csv(io.BytesIO(header.encode() + b"\n")))
    (detail,) = excinfo.value.errors
    assert detail.message == (
        "unknown columns 'extra0', 'extra1', 'extra2', 'extra3', 'extra4' and 4 more"
    )


def test_csv_extensions_cell_holds_only_x_keys() -> None:
    rows = golden_rows()
    rows[0]["extensions"] = '{"id": "HIJACKED", "host": "JPN", "x_ok": 1}'
    reader = read_csv(io.BytesIO(csv_text(rows)), errors="collect")
    assert list(reader) == EVENTS[1:]
    (bad,) = reader.problems
    assert [(d.path, d.message) for d in bad.errors] == [
        ("$.extensions", "only x_ keys belong here, got 'id', 'host'")
    ]


def test_a_kind_whose_field_is_named_like_a_readable_column_is_refused_not_lost() -> None:
    from unittest import mock

    import attrs

    from diplomev.model import registry

    with mock.patch.dict(registry._BY_TAG["event"]), mock.patch.dict(registry._TAGS):

        @diplomev.register_event_type("test_clash")
        @attrs.frozen(kw_only=True)
        class Clash(Event):
            actors: str | None = None

        record = Clash(id="c", date=diplomev.parse_date("2020"), actors="the cabinet")
        with pytest.raises(TypeError, match=r"'actors' of .*Clash has the name of a CSV column"):
            write_csv([record], io.BytesIO())
    write_csv(EVENTS, io.BytesIO())  # once the kind is gone, CSV works again
