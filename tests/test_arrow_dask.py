"""convert_jsonl: shards of JSON Lines to one Parquet dataset, on a Dask LocalCluster."""

from __future__ import annotations

import gzip
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import diplomev
from diplomev.arrow import convert_jsonl, read_parquet
from diplomev.arrow._shards import convert_shard
from diplomev.io import read_jsonl

from .conftest import GOLDEN
from .test_arrow import Ceasefire

# dask[distributed] is in the test extra, so the README's test command (and CI) runs these;
# only an install without that extra skips them, rather than failing on the import.
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    # Two worker processes of one thread each: the shards run in parallel, in processes
    # of their own (as on a cluster), and the cluster is closed after the module's tests.
    # The scheduler's HTTP server on a free port: 8787 may be another cluster's on a shared
    # machine, and dashboard_address=None does not turn it off (dask/distributed#8136).
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        # The tests' custom kind is registered here; the workers must know it too (else
        # convert_jsonl refuses, as test_a_worker_that_does_not_know_a_kind... shows).
        connected.run(importlib.import_module, Ceasefire.__module__)
        yield connected


def _shards(folder: Path) -> tuple[list[Path], list[diplomev.Event]]:
    records = list(read_jsonl(GOLDEN))
    text = GOLDEN.read_bytes()
    paths = []
    for index in range(3):
        path = folder / f"shard-{index}.jsonl"
        data = text
        if index == 1:
            data += b'{"type": "visit", "id": "v", "date": "2019", "host": "China"}\n'
        if index == 2:
            path = path.with_suffix(".jsonl.gz")
            data = gzip.compress(data)
        path.write_bytes(data)
        paths.append(path)
    return paths, records


def _sorted(events: list[diplomev.Event]) -> list[str]:
    return sorted(map(diplomev.dumps, events))


def test_shards_become_one_dataset_on_two_worker_processes(tmp_path: Path, client: object) -> None:
    paths, records = _shards(tmp_path)
    workers = client.run(lambda: __import__("os").getpid())  # type: ignore[attr-defined]
    assert len(set(workers.values())) == 2
    done = convert_jsonl(paths, tmp_path / "events", client=client)  # type: ignore[arg-type]
    assert [shard.source for shard in done.shards] == [str(path) for path in paths]
    assert [shard.good for shard in done.shards] == [len(records)] * 3
    assert [shard.bad for shard in done.shards] == [0, 1, 0]
    assert done.rows == done.good + done.bad == 3 * len(records) + 1
    [problem] = done.problems
    assert (problem.source, problem.line) == (str(paths[1]), len(records) + 1)
    assert {error.path for error in problem.errors} == {"$.host", "$.visitor"}
    with read_parquet(tmp_path / "events") as reader:
        assert _sorted(list(reader)) == _sorted(records * 3)
        assert reader.files == len(done.files)
    # Each shard's files are its own.
    for index, shard in enumerate(done.shards):
        assert all(Path(name).name.startswith(f"part-{index}-") for name in shard.files)


def test_without_a_client_the_shards_are_converted_here_alike(
    tmp_path: Path, client: object
) -> None:
    paths, _ = _shards(tmp_path)
    here = convert_jsonl(paths, tmp_path / "here")
    there = convert_jsonl(paths, tmp_path / "there", client=client)  # type: ignore[arg-type]
    assert here == there
    for name in here.files:
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "there" / name).read_bytes()


def test_a_failing_shard_leaves_the_old_dataset_whole(tmp_path: Path) -> None:
    paths, records = _shards(tmp_path)
    convert_jsonl(paths[:1], tmp_path / "events")
    with pytest.raises(FileNotFoundError):
        convert_jsonl([*paths, tmp_path / "missing.jsonl"], tmp_path / "events")
    assert _sorted(list(read_parquet(tmp_path / "events"))) == _sorted(records)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".diplomev-")] == []


def test_a_worker_that_does_not_know_a_kind_refuses_the_shard(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="register custom kinds in the workers"):
        convert_shard(str(GOLDEN), 0, str(tmp_path), ("year", "type"), "zstd", ("visit",))
