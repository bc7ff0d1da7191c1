"""`diplomev convert` with the event-data standards: formats, reports on stderr, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

import diplomev
from diplomev.cli import main
from diplomev.interop import read_icews, read_plover

REPO = Path(__file__).resolve().parent.parent
COPIES = REPO / "tests" / "data" / "interop"
GOLDEN = REPO / "tests" / "data" / "lee-beijing-visit.events.jsonl"


def golden() -> list[diplomev.Event]:
    return [diplomev.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


def test_convert_from_icews_prints_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "events.jsonl"
    source = COPIES / "icews__events.2018.sample.tab"
    assert main(["convert", "--from", "icews", str(source), str(out)]) == 0
    err = capsys.readouterr().err
    assert "3705 rows: 2567 in 1469 records, 1138 not mapped, 0 unreadable" in err
    assert (
        "not mapped: 173 x244: 173 Arrest, detain, or charge with legal action: no diplomev kind"
        in err
    )
    assert err.endswith(f"wrote 1469 records to {out}\n")
    assert len(list(diplomev.io.read_jsonl(out))) == 1469


def test_convert_to_plover_and_back_is_lossless(tmp_path: Path) -> None:
    plover = tmp_path / "events.plover.jsonl"
    back = tmp_path / "back.jsonl"
    assert main(["convert", "--to", "plover", str(GOLDEN), str(plover)]) == 0
    with read_plover(plover) as reader:
        assert list(reader) == golden()
    assert main(["convert", "--from", "plover", str(plover), str(back)]) == 0
    assert list(diplomev.io.read_jsonl(back)) == golden()


def test_convert_to_icews_reports_the_fields_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "events.tab"
    assert main(["convert", "--to", "icews", str(GOLDEN), str(out)]) == 0
    err = capsys.readouterr().err
    assert "not held by icews: " in err
    assert "summary (9 records)" in err
    with read_icews(out) as reader:
        assert [event.id for event in reader] == [event.id for event in golden()]


def test_convert_from_gdelt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.csv"
    source = COPIES / "gdelt2__20161013151500.export.CSV"
    assert main(["convert", "--from", "gdelt", str(source), str(out)]) == 0
    assert "3566 rows: 1063 in 621 records" in capsys.readouterr().err


def test_gdelt_cannot_be_written(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "--to", "gdelt", str(GOLDEN), "out.tab"]) == 2
    assert "invalid choice: 'gdelt'" in capsys.readouterr().err


def test_unreadable_rows_fail_the_conversion_unless_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        '{"id": "1", "date": "2018-06-01", "event": "CONSULT",'
        ' "actor": [{"code": "KOR"}, {"code": "CHN"}]}\n{"id": "2", "event": "CONSULT"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["convert", "--from", "plover", str(source), str(out)]) == 1
    assert not out.exists()
    assert main(["convert", "--from", "plover", "--skip-invalid", str(source), str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{source}:2: $.date: required field missing" in err
    assert "2 rows: 1 in 1 record, 0 not mapped, 1 unreadable" in err
    assert len(list(diplomev.io.read_jsonl(out))) == 1
