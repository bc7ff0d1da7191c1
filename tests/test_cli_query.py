"""``diplomev query`` and `diplomev.arrow.query`: SQL over Parquet datasets and JSON Lines."""

from __future__ import annotations

import collections
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

import diplomev
from diplomev.arrow import QueryError, query, write_parquet
from diplomev.io import read_jsonl, write_jsonl

from .conftest import GOLDEN

EVENTS = list(read_jsonl(GOLDEN))
VISITS_BY_HOST_AND_YEAR = (
    "SELECT visit.host AS host, year, count(*) AS n FROM events "
    "WHERE type = 'visit' GROUP BY ALL ORDER BY ALL"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diplomev", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    write_parquet(EVENTS, tmp_path / "events")
    return tmp_path / "events"


def _expected_visits(events: list[diplomev.Event]) -> list[tuple[str, int, int]]:
    counts = collections.Counter(
        (e.host, e.date.lower().year) for e in events if isinstance(e, diplomev.Visit)
    )
    return sorted((host, year, n) for (host, year), n in counts.items())


def test_visits_by_host_and_year_over_a_dataset_are_counted_as_python_counts(
    dataset: Path,
) -> None:
    rows = query(dataset, VISITS_BY_HOST_AND_YEAR).to_pylist()
    assert [(r["host"], r["year"], r["n"]) for r in rows] == _expected_visits(EVENTS)


def test_json_lines_are_the_same_table(tmp_path: Path, dataset: Path) -> None:
    from_jsonl = query(GOLDEN, "SELECT * EXCLUDE (type) FROM events ORDER BY id")
    from_parquet = query(dataset, "SELECT * EXCLUDE (type) FROM events ORDER BY id")
    columns = [name for name in from_parquet.column_names if name != "year"]
    assert from_jsonl.select(columns).to_pylist() == from_parquet.select(columns).to_pylist()


def test_several_files_are_one_table(tmp_path: Path, dataset: Path) -> None:
    more = tmp_path / "more.jsonl"
    write_jsonl(EVENTS[:4], more)
    (row,) = query([dataset, more], "SELECT count(*) AS n FROM events").to_pylist()
    assert row == {"n": len(EVENTS) + 4}


def test_bad_sql_is_a_query_error(dataset: Path) -> None:
    with pytest.raises(QueryError, match="the query failed: Parser Error"):
        query(dataset, "SELEC 1")
    with pytest.raises(QueryError, match="nowhere"):
        query(dataset, "SELECT nowhere FROM events")


def test_a_missing_file_is_a_query_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no such file or directory"):
        query(tmp_path / "nowhere.jsonl", "SELECT 1")


def test_an_invalid_record_in_json_lines_is_a_query_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "summit", "id": "s"}\n', encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad\.jsonl:1: \$\.date"):
        query(bad, "SELECT 1")


def test_the_command_prints_a_table(dataset: Path) -> None:
    result = run("query", str(dataset), VISITS_BY_HOST_AND_YEAR)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["host", "year", "n"]
    assert set(lines[1]) <= {"-", " "}
    assert [tuple(line.split()) for line in lines[2:]] == [
        (host, str(year), str(n)) for host, year, n in _expected_visits(EVENTS)
    ]


def test_the_command_prints_csv(dataset: Path) -> None:
    result = run(
        "query",
        "--csv",
        str(dataset),
        "SELECT id, visit.host AS host FROM events WHERE type = 'visit' ORDER BY id",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "host"]
    assert rows[1:] == sorted([e.id, e.host] for e in EVENTS if isinstance(e, diplomev.Visit))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("SELEC 1",), "diplomev: error: the query failed: Parser Error"),
        (("SELECT * FROM nowhere",), "diplomev: error: the query failed: Catalog Error"),
    ],
)
def test_the_command_reports_bad_sql_in_one_line_and_exits_2(
    dataset: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("query", str(dataset), *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_the_command_reports_a_missing_file_and_exits_2(tmp_path: Path) -> None:
    result = run("query", str(tmp_path / "nowhere"), "SELECT 1")
    assert result.returncode == 2
    assert result.stderr == f"diplomev: error: {tmp_path / 'nowhere'}: no such file or directory\n"
