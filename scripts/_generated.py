"""Writing, or checking, a generated file: what every generator script in this folder does."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable
from pathlib import Path


def main(doc: str, default_output: Path, render: Callable[[], str], argv: list[str] | None) -> int:
    """Write ``render()`` to the output, or with ``--check`` exit 1 if the file differs."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the file differs from what would be generated",
    )
    parser.add_argument("--output", type=Path, default=default_output, help="default: %(default)s")
    args = parser.parse_args(argv)
    expected = render()
    output: Path = args.output
    script = f"scripts/{Path(sys.argv[0]).name}"
    if args.check:
        try:
            actual = output.read_text(encoding="utf-8")
        except FileNotFoundError:
            print(f"{output} is missing; run {script}", file=sys.stderr)
            return 1
        if actual == expected:
            print(f"{output} is up to date")
            return 0
        diff = difflib.unified_diff(
            actual.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            fromfile=f"{output} (committed)",
            tofile=f"{output} (generated)",
            n=1,
        )
        sys.stderr.writelines(diff)
        print(f"{output} is stale; run {script}", file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="\n") as f:
        f.write(expected)
    print(f"wrote {output} ({len(expected.encode('utf-8'))} bytes)")
    return 0
