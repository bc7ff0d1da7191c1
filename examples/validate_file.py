"""Check a JSON Lines file of events: list every problem, keep the good records.

    python examples/validate_file.py [INPUT.jsonl] [GOOD.jsonl]

Reads INPUT (default: ``examples/data/events-to-check.jsonl``, which has a few mistakes
on purpose), prints each problem as ``FILE:LINE: $.path: message``, and writes the
records that are valid to GOOD (default: ``out/<input name>.valid.jsonl``). The file
streams through: records are written as they are read, so its size does not matter.

Exit status: 0 if every record was valid, 1 if some were not.
"""

from __future__ import annotations

import sys
from pathlib import Path

from diplomev.io import read_jsonl, write_jsonl

SAMPLE = Path(__file__).parent / "data" / "events-to-check.jsonl"


def validate(source: Path, good: Path) -> int:
    good.parent.mkdir(parents=True, exist_ok=True)
    # errors="collect": a bad record does not stop the reading; it lands in
    # reader.problems (a BadRecord: file, line, every ErrorDetail) and the next is read.
    with read_jsonl(source, errors="collect") as reader:
        written = write_jsonl(reader, good)  # atomic: GOOD appears whole, or not at all
    problems = reader.problems

    for bad in problems:
        print(bad)  # one line per problem: FILE:LINE: $.path: message
    print(f"\n{written + len(problems)} records: {written} valid, {len(problems)} invalid")
    print(f"wrote {written} valid records to {good}")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else SAMPLE
    name = source.name.removesuffix(".gz").removesuffix(".jsonl")
    good = Path(argv[2]) if len(argv) > 2 else Path("out") / f"{name}.valid.jsonl"
    return validate(source, good)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
