"""``diplomev audit``, run as a user runs it: the report, --json, bad input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from diplomev.interop.audit import audit_file

from .conftest import DATA, GOLDEN

REAL = DATA / "realdata"
DAILY_2014 = REAL / "gdelt1-daily__20141124.export.CSV"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diplomev", "audit", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_diplomev_file_is_audited_by_its_name() -> None:
    result = run(str(GOLDEN))
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == str(GOLDEN)
    assert lines[1] == "  records     9: dispute 3, visit 3, summit 2, trade_issue 1"
    assert "    visit.visitor: person 3" in lines


def test_a_real_gdelt_1_file_is_audited_with_what_became_of_its_rows() -> None:
    result = run("--from", "gdelt", str(DAILY_2014))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        f"{DAILY_2014} (gdelt)",
        "  rows      100: 8 into records, 92 not mapped (92.0%), 0 unreadable",
        "  records     7: statement 7",
    ]
    assert "  not mapped, by reason:" in lines


def test_json_is_the_report_as_data() -> None:
    result = run("--json", "--from", "gdelt", str(DAILY_2014))
    assert result.returncode == 0
    assert json.loads(result.stdout) == audit_file(str(DAILY_2014), "gdelt").to_dict()


def test_bad_records_are_counted_the_first_shown_and_the_exit_is_0(tmp_path: Path) -> None:
    good = GOLDEN.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([good[0], *["{oops"] * 7, good[1]]) + "\n", encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 0
    assert "  unreadable 7" in result.stdout.splitlines()
    assert "  records     2: " in result.stdout
    shown = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in shown] == [f"{path}:{n}" for n in range(2, 7)]


def test_a_file_that_is_no_gdelt_at_all_gives_a_report_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "noise.CSV"
    path.write_bytes(b"\x00\xff\xfe binary\tnoise\n" * 3 + bytes(range(256)))
    result = run("--from", "gdelt", str(path))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    # Five lines: the last 256 bytes hold a newline.
    assert "  rows        5: 0 into records, 0 not mapped (0.0%), 5 unreadable" in result.stdout


def test_text_from_the_file_cannot_drive_the_terminal(tmp_path: Path) -> None:
    # Ids cannot hold control characters; a file's name, and the problems it has, can.
    path = tmp_path / "escape\x1b[2J.jsonl"
    path.write_text('{"type": "visit", "id": "v\\u001b[2J"}\n', encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 0
    assert "\x1b" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[:2] == [str(path).replace("\x1b", "\\x1b"), "  unreadable 1"]
    assert "\x1b" not in run("--json", str(path)).stdout


def test_usage_and_io_errors_exit_2(tmp_path: Path) -> None:
    unknown = tmp_path / "events.txt"
    unknown.write_text("{}", encoding="utf-8")
    result = run(str(unknown))
    assert result.returncode == 2
    assert "cannot tell the format" in result.stderr
    missing = run("--from", "icews", str(tmp_path / "missing.tab"))
    assert missing.returncode == 2
    assert "No such file or directory" in missing.stderr
    assert run("--from", "acled", str(GOLDEN)).returncode == 2
