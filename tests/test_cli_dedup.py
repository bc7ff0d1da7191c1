"""diplomev dedup, run as a user runs it: the merged file, the report, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import diplomev
from diplomev.io import read_jsonl, write_jsonl

from .conftest import GOLDEN
from .test_cli import run

EVENTS = list(read_jsonl(GOLDEN))


def second_reports() -> list[diplomev.Event]:
    """The golden records as another outlet reports them: other ids, another source."""
    other = diplomev.Source(url="https://other.example/report", publisher="Other")
    return [attrs.evolve(event, id=f"zz-{event.id}", sources=(other,)) for event in EVENTS]


def test_dedup_merges_each_event_with_its_second_report_and_keeps_both_sources(
    tmp_path: Path,
) -> None:
    source, out, report = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "report.json"
    write_jsonl([*EVENTS, *second_reports()], source)
    result = run("dedup", str(source), str(out), "--report", str(report))
    assert result.returncode == 0, result.stderr
    merged = list(read_jsonl(out))
    assert sorted(event.id for event in merged) == sorted(event.id for event in EVENTS)
    for event in merged:
        assert "https://other.example/report" in {source.url for source in event.sources}
    found = json.loads(report.read_text(encoding="utf-8"))
    assert found["records"] == 2 * len(EVENTS)
    assert found["merged"] == len(EVENTS)
    assert len(found["clusters"]) == len(EVENTS)
    first = found["clusters"][0]
    assert first["survivor"] == first["ids"][0]
    assert all(0.75 <= score["score"] <= 1 for score in first["scores"])
    assert result.stderr == (
        f"read 18 records, compared {found['compared']} pairs: merged 18 records into 9; "
        f"wrote 9 records to {out}\n"
    )


def test_dedup_of_distinct_events_writes_them_all(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run("dedup", str(GOLDEN), str(out))
    assert result.returncode == 0, result.stderr
    assert list(diplomev.io.read_csv(out)) == EVENTS


def test_dedup_streams_through_standard_streams() -> None:
    lines = b"".join(
        diplomev.dumps(event).encode() + b"\n" for event in [*EVENTS, *second_reports()]
    )
    result = run("dedup", "-", "-", "--from", "jsonl", "--to", "jsonl", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(EVENTS)


def test_a_higher_threshold_merges_less(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    vaguer = [attrs.evolve(event, date=str(event.date)[:4]) for event in second_reports()]
    write_jsonl([*EVENTS, *vaguer], source)
    assert run("dedup", str(source), str(out), "--threshold", "0.5").returncode == 0
    loose = len(list(read_jsonl(out)))
    assert run("dedup", str(source), str(out), "--threshold", "0.99").returncode == 0
    strict = len(list(read_jsonl(out)))
    assert loose < strict


def test_dedup_stops_at_a_bad_record_and_leaves_no_file(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(GOLDEN.read_text(encoding="utf-8") + '{"type": "visit"}\n', encoding="utf-8")
    result = run("dedup", str(source), str(out))
    assert result.returncode == 1
    assert f"{source}:10: $.id: required field missing" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("threshold", ["1.5", "-0.1", "high"])
def test_a_threshold_outside_0_1_is_a_usage_error(tmp_path: Path, threshold: str) -> None:
    result = run("dedup", str(GOLDEN), str(tmp_path / "out.jsonl"), "--threshold", threshold)
    assert result.returncode == 2
    assert "--threshold" in result.stderr


def test_dedup_has_help_with_an_example() -> None:
    result = run("dedup", "--help")
    assert result.returncode == 0
    assert "example: diplomev dedup" in result.stdout
