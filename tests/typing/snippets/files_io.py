"""Files of events (Getting started, Files, Errors): write, read back, collect bad records."""

from pathlib import Path
from typing import reveal_type

import diplomev
from diplomev import Person, Summit
from diplomev.io import (
    BadRecord,
    RecordError,
    read_csv,
    read_json,
    read_jsonl,
    write_csv,
    write_json,
    write_jsonl,
)

lee = Person(name="Lee Jae Myung", office="President", country="KOR")
xi = Person(name="Xi Jinping", office="President", country="CHN")
summit = Summit(id="lee-xi-2026-01-05", date="2026-01-05", participants=[lee, xi], host="CHN")

written = write_jsonl([summit], "summits.jsonl")
reveal_type(written)  # assert typ == "int"
with read_jsonl("summits.jsonl") as reader:
    reveal_type(reader)  # assert typ == "diplomev.io.Reader"
    loaded = list(reader)
reveal_type(loaded)  # assert typ == "list[diplomev.records.event.Event]"
assert loaded == [summit]

# errors="collect": read on, keep every bad record with its line.
with read_jsonl("examples/data/events-to-check.jsonl", errors="collect") as reader:
    good = list(reader)
reveal_type(reader.problems)  # assert typ == "list[diplomev.io.BadRecord]"
reveal_type(reader.count)  # assert typ == "int"
for bad in reader.problems:
    reveal_type(bad.line)  # assert typ == "int | None"
    reveal_type(bad.errors[0].path)  # assert typ == "str"
    print(bad)
assert len(good) == 3
assert len(reader.problems) == 5


def bad_lines(path: str | Path) -> list[int | None]:
    with read_jsonl(path, errors="collect") as reader:
        for _event in reader:
            pass
    return [bad.line for bad in reader.problems]


def first_problem(path: Path) -> BadRecord | None:
    try:
        list(read_jsonl(path))
    except RecordError as e:
        reveal_type(e.bad)  # assert typ == "diplomev.io.BadRecord"
        reveal_type(e.paths)  # assert typ == "tuple[str, ...]"
        return e.bad
    return None


assert bad_lines("examples/data/events-to-check.jsonl") == [2, 4, 6, 7, 9]
assert first_problem(Path("examples/data/events-to-check.jsonl")) == reader.problems[0]

# The other formats, and a gzipped file, and a reader fed into a writer.
assert write_jsonl(good, "events.jsonl.gz") == write_json(good, "events.json", indent=2) == 3
assert write_csv(read_jsonl("events.jsonl.gz"), "events.csv") == 3
for read, path in [
    (read_jsonl, "events.jsonl.gz"),
    (read_json, "events.json"),
    (read_csv, "events.csv"),
]:
    with read(path) as events:
        assert list(events) == good
first: diplomev.Event = next(read_csv(Path("events.csv")))
assert first == good[0]
