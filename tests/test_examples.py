"""The examples run as a user runs them, and build what the golden file holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import diplomev

from .conftest import GOLDEN

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_seed_article_rebuilds_the_golden_records(tmp_path: Path) -> None:
    output = tmp_path / "seed.jsonl"
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "seed_article.py"), str(output)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    built = [diplomev.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    golden = [diplomev.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert built == golden
    assert "wrote 9 events" in run.stdout
    # The readable list names each event once, earliest first.
    listed = [line for line in run.stdout.splitlines() if line[:4].isdigit()]
    assert len(listed) == 9
    assert listed[0].startswith("2016 ")
    assert "Lee Jae Myung (KOR) & Xi Jinping (CHN)" in run.stdout


def test_the_example_data_is_the_article_the_tests_use() -> None:
    assert (EXAMPLES / "data" / "lee-beijing-visit.txt").read_bytes() == GOLDEN.with_name(
        "lee-beijing-visit.txt"
    ).read_bytes()
