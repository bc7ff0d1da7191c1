"""Parquet datasets of events: Hive partitions, pushdown, atomic writes, versions, DuckDB."""

from __future__ import annotations

import collections
import datetime
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev.arrow import arrow_schema, read_parquet, to_table, write_parquet
from diplomev.io import RecordError, read_jsonl
from diplomev.strategies import events

from .conftest import GOLDEN


def _key(event: diplomev.Event) -> str:
    return diplomev.dumps(event)


def _files(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.parquet"))


def _visits(count: int) -> list[diplomev.Event]:
    hosts = ["CHN", "JPN", "USA"]
    return [
        diplomev.Visit(
            id=f"v{i}",
            date=f"{2015 + i % 4}-0{1 + i % 9}",
            visitor=diplomev.Country(code="KOR"),
            host=hosts[i % 3],
        )
        for i in range(count)
    ]


@pytest.fixture
def golden() -> list[diplomev.Event]:
    return list(read_jsonl(GOLDEN))


def test_the_dataset_is_partitioned_by_year_and_type(
    tmp_path: Path, golden: list[diplomev.Event]
) -> None:
    assert write_parquet(golden, tmp_path / "events") == len(golden)
    expected = sorted(
        {f"year={e.date.lower().year}/type={diplomev.event_type_name(type(e))}" for e in golden}
    )
    assert [name.rsplit("/", 1)[0] for name in _files(tmp_path / "events")] == expected
    assert all(name.endswith("/part-0.parquet") for name in _files(tmp_path / "events"))


def test_each_file_holds_the_schema_and_its_versions_zstd_compressed(
    tmp_path: Path, golden: list[diplomev.Event]
) -> None:
    write_parquet(golden, tmp_path / "events")
    first = next((tmp_path / "events").rglob("*.parquet"))
    metadata = pq.read_metadata(first)
    assert metadata.schema.to_arrow_schema().metadata[b"diplomev.arrow"] == b"1"
    assert metadata.row_group(0).column(0).compression == "ZSTD"


def test_other_partitions_or_none(tmp_path: Path, golden: list[diplomev.Event]) -> None:
    write_parquet(golden, tmp_path / "flat", partition_by=())
    assert _files(tmp_path / "flat") == ["part-0.parquet"]
    write_parquet(golden, tmp_path / "by-status", partition_by=["status"])
    assert {name.split("/")[0] for name in _files(tmp_path / "by-status")} == {
        f"status={e.status.value}" for e in golden
    }
    with pytest.raises(ValueError, match="cannot partition by 'sources'"):
        write_parquet(golden, tmp_path / "bad", partition_by=["sources"])
    with pytest.raises(TypeError, match="sequence of column names"):
        write_parquet(golden, tmp_path / "bad", partition_by="year")
    assert not (tmp_path / "bad").exists()


def test_files_and_row_groups_keep_their_sizes(tmp_path: Path) -> None:
    write_parquet(
        _visits(50),
        tmp_path / "events",
        partition_by=(),
        rows_per_file=20,
        rows_per_group=8,
        batch_rows=7,
    )
    files = _files(tmp_path / "events")
    assert len(files) == 3
    rows = [pq.read_metadata(tmp_path / "events" / name).num_rows for name in files]
    assert sorted(rows) == [10, 20, 20]
    groups = pq.read_metadata(tmp_path / "events" / files[0]).num_row_groups
    assert groups == 3  # 20 rows in groups of at most 8


def _interleaved(counts: dict[int, int]) -> list[diplomev.Event]:
    """Visits of the given years, spread evenly through the list, ``counts[year]`` of each."""
    spots = sorted(
        ((k + 0.5) / count, year) for year, count in counts.items() for k in range(count)
    )
    return [
        diplomev.Visit(
            id=f"v{i}", date=f"{year}-05", visitor=diplomev.Country(code="KOR"), host="JPN"
        )
        for i, (_, year) in enumerate(spots)
    ]


def test_many_partitions_past_the_buffer_are_written_whole_and_in_order(tmp_path: Path) -> None:
    # One partition per event: no partition fills a row group, so only the buffer bound
    # (four times max(batch_rows, rows_per_group) rows) makes the writer write what waits.
    visits = _visits(60)
    write_parquet(visits, tmp_path / "events", partition_by=("id",), rows_per_group=2, batch_rows=3)
    files = _files(tmp_path / "events")
    assert len(files) == 60
    assert sorted(read_parquet(tmp_path / "events"), key=_key) == sorted(visits, key=_key)


def test_past_the_buffer_the_largest_partitions_are_written_first(tmp_path: Path) -> None:
    # 900 visits over five years, none reaching a row group of 200 before 800 rows wait
    # (the bound: 4 x 200). Then 2015, 2016 and 2017, the largest, are written (a row group
    # each), which leaves under 400 waiting; 2018 and 2019 wait on, and everything left is
    # written at the end: one more row group for the first three, the only one of the others.
    counts = {2015: 200, 2016: 195, 2017: 190, 2018: 185, 2019: 130}
    visits = _interleaved(counts)
    write_parquet(
        visits, tmp_path / "years", partition_by=("year",), rows_per_group=200, batch_rows=10
    )
    groups = {}
    for year in counts:
        (folder,) = (tmp_path / "years").glob(f"year={year}")
        metadata = pq.read_metadata(next(folder.glob("*.parquet")))
        groups[year] = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]
        assert list(read_parquet(folder)) == [e for e in visits if e.date.lower().year == year]
    assert {year: len(sizes) for year, sizes in groups.items()} == {
        2015: 2,
        2016: 2,
        2017: 2,
        2018: 1,
        2019: 1,
    }
    assert {year: sum(sizes) for year, sizes in groups.items()} == counts
    assert 160 < groups[2015][0] < 200  # what waited when the bound was passed


def test_in_a_partition_by_type_the_other_kinds_columns_are_left_uncompressed(
    tmp_path: Path, golden: list[diplomev.Event]
) -> None:
    write_parquet(golden, tmp_path / "events", partition_by=("type",))
    kinds = set(diplomev.event_types())
    for path in (tmp_path / "events").rglob("*.parquet"):
        kind = path.parent.name.removeprefix("type=")
        group = pq.read_metadata(path).row_group(0)
        codecs = {
            group.column(i).path_in_schema: group.column(i).compression
            for i in range(group.num_columns)
        }
        for column, codec in codecs.items():
            top = column.split(".")[0]
            # Only the columns no row of the file can fill: its own kind's stay compressed.
            expected = "UNCOMPRESSED" if top in kinds and top != kind else "ZSTD"
            assert codec == expected, column
    assert sorted(map(_key, read_parquet(tmp_path / "events"))) == sorted(map(_key, golden))


def test_small_slices_waiting_are_copied_out_of_their_batch_without_loss(
    tmp_path: Path, golden: list[diplomev.Event]
) -> None:
    # Many small partitions of a large batch: each slice is copied out of the batch, its
    # kinds' empty struct columns left out, and put back as nulls when written.
    events = golden
    assert len({type(e) for e in events}) > 1
    write_parquet(events * 3, tmp_path / "events", partition_by=("id",), batch_rows=4096)
    back = sorted(map(_key, read_parquet(tmp_path / "events")))
    assert back == sorted(map(_key, events * 3))
    table = pq.read_table(next((tmp_path / "events").rglob("*.parquet")))
    assert table.schema.equals(
        pa.schema([f for f in arrow_schema() if f.name != "id"]), check_metadata=False
    )


def test_statistics_are_kept_for_columns_outside_lists(tmp_path: Path) -> None:
    write_parquet(_visits(5), tmp_path / "events", partition_by=())
    metadata = pq.read_metadata(tmp_path / "events" / _files(tmp_path / "events")[0])
    group = metadata.row_group(0)
    columns = {group.column(i).path_in_schema: group.column(i) for i in range(group.num_columns)}
    assert columns["visit.host"].statistics.has_min_max
    assert columns["date_lower"].statistics.has_min_max
    assert columns["sources.list.element.url"].statistics is None
    # A filter on a nested column still skips the row groups it rules out.
    reader = read_parquet(tmp_path / "events", filter=pc.field("visit", "host") == "USA")
    assert sorted(event.id for event in reader) == ["v2"]


@settings(max_examples=30)
@given(st.lists(events([*diplomev.event_types().values()]), max_size=6))
def test_generated_records_of_every_kind_survive_parquet(records: list[diplomev.Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert write_parquet(records, Path(folder) / "events") == len(records)
        reader = read_parquet(Path(folder) / "events")
        back = list(reader)
    # Rows come back partition by partition: the same records, in another order.
    assert sorted(map(_key, back)) == sorted(map(_key, records))
    assert collections.Counter(map(_key, back)) == collections.Counter(map(_key, records))
    assert (reader.count, reader.bad) == (len(records), 0)


def test_a_partition_filter_scans_only_its_files(tmp_path: Path) -> None:
    visits = _visits(40)
    write_parquet(visits, tmp_path / "events")
    everything = read_parquet(tmp_path / "events")
    assert len(list(everything)) == 40
    only = read_parquet(tmp_path / "events", filter=pc.field("year") == 2016)
    found = list(only)
    assert sorted(e.id for e in found) == sorted(
        e.id for e in visits if e.date.lower().year == 2016
    )
    assert only.files < everything.files
    assert only.files == 1


def test_a_filter_on_a_column_returns_only_matching_records(tmp_path: Path) -> None:
    visits = _visits(40)
    write_parquet(visits, tmp_path / "events")
    since = datetime.date(2017, 3, 1)
    reader = read_parquet(tmp_path / "events", filter=pc.field("date_lower") >= since)
    assert sorted(e.id for e in reader) == sorted(e.id for e in visits if e.date.lower() >= since)
    hosted = read_parquet(tmp_path / "events", filter=pc.field("visit", "host") == "JPN")
    assert {e.host for e in hosted} == {"JPN"}  # type: ignore[attr-defined]


def _failing(
    events: list[diplomev.Event], after: int, seen: list[str], beside: Path
) -> Iterator[diplomev.Event]:
    for index, event in enumerate(events):
        if index == after:
            # What the writer has put on disk so far, under its temporary name.
            seen.extend(path.name for path in beside.glob(".diplomev-*.tmp/**/*.parquet"))
            raise RuntimeError("the source broke")
        yield event


def test_a_failure_midway_leaves_the_old_dataset_whole(
    tmp_path: Path, golden: list[diplomev.Event]
) -> None:
    target = tmp_path / "events"
    write_parquet(golden, target)
    before = {name: (target / name).read_bytes() for name in _files(target)}
    written: list[str] = []
    with pytest.raises(RuntimeError, match="the source broke"):
        write_parquet(
            _failing(_visits(30_000), after=20_000, seen=written, beside=tmp_path),
            target,
            batch_rows=1_000,
            rows_per_group=1_000,
        )
    assert written  # the failure came midway, with files half written
    assert {name: (target / name).read_bytes() for name in _files(target)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events"]  # no temporary left
    with pytest.raises(TypeError, match="expected an Event"):
        write_parquet([*golden, "not an event"], target)  # type: ignore[list-item]
    assert sorted(map(_key, read_parquet(target))) == sorted(map(_key, golden))


def test_a_new_dataset_replaces_the_old_whole(tmp_path: Path, golden: list[diplomev.Event]) -> None:
    target = tmp_path / "events"
    write_parquet(golden, target)
    write_parquet(_visits(3), target)
    assert sorted(e.id for e in read_parquet(target)) == ["v0", "v1", "v2"]


def test_a_later_version_is_refused(tmp_path: Path, golden: list[diplomev.Event]) -> None:
    table = to_table(golden)
    later = table.replace_schema_metadata({**table.schema.metadata, b"diplomev.arrow": b"2"})
    (tmp_path / "later").mkdir()
    pq.write_table(later, tmp_path / "later" / "part-0.parquet")
    with pytest.raises(RecordError, match=r"version '2' of diplomev\.arrow") as caught:
        list(read_parquet(tmp_path / "later"))
    assert caught.value.errors[0].code == "unsupported_version"


def test_a_file_of_another_tool_without_versions_is_read(
    tmp_path: Path, golden: list[diplomev.Event]
) -> None:
    pq.write_table(to_table(golden).replace_schema_metadata(None), tmp_path / "plain.parquet")
    assert list(read_parquet(tmp_path / "plain.parquet")) == golden


def test_a_missing_dataset_is_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_parquet(tmp_path / "nowhere")


def test_bad_rows_name_their_file_and_row(tmp_path: Path, golden: list[diplomev.Event]) -> None:
    rows = to_table(golden[:3]).to_pylist()
    rows[2]["date"] = "2026-13"
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema()), tmp_path / "bad.parquet")
    with read_parquet(tmp_path / "bad.parquet", errors="collect") as reader:
        assert list(reader) == golden[:2]
    (bad,) = reader.problems
    assert (bad.source, bad.line) == (str(tmp_path / "bad.parquet"), 3)
    assert bad.errors[0].path == "$.date"


def test_duckdb_counts_visits_by_host_and_year_as_python_does(tmp_path: Path) -> None:
    records = [*_visits(60), *list(read_jsonl(GOLDEN))]
    write_parquet(records, tmp_path / "events")
    connection = duckdb.connect()
    rows = connection.sql(
        "SELECT visit.host AS host, year, count(*) AS n "
        f"FROM read_parquet('{tmp_path}/events/**/*.parquet', hive_partitioning = true) "
        "WHERE type = 'visit' GROUP BY ALL"
    ).fetchall()
    expected = collections.Counter(
        (e.host, e.date.lower().year) for e in records if isinstance(e, diplomev.Visit)
    )
    assert {(host, year): n for host, year, n in rows} == dict(expected)


def test_tables_of_duckdb_and_polars_come_back_as_the_records(
    tmp_path: Path, golden: list[diplomev.Event]
) -> None:
    import polars as pl

    from diplomev.arrow import from_table

    write_parquet(golden, tmp_path / "events")
    by_duckdb = duckdb.connect().sql(
        f"SELECT * FROM read_parquet('{tmp_path}/events/**/*.parquet', hive_partitioning = true)"
    )
    by_polars = pl.scan_parquet(f"{tmp_path}/events/**/*.parquet", hive_partitioning=True)
    for table in (by_duckdb.to_arrow_table(), by_polars.collect().to_arrow()):
        assert sorted(map(_key, from_table(table))) == sorted(map(_key, golden))
