"""The diplomev command, run as a user runs it: output, files written, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import diplomev
from diplomev.io import read_csv, read_json, read_jsonl

from .conftest import GOLDEN

EVENTS = list(read_jsonl(GOLDEN))


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diplomev", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_a_valid_file_exits_0() -> None:
    result = run("validate", str(GOLDEN))
    assert result.returncode == 0
    assert result.stdout == "9 records in 1 file: 9 valid, 0 invalid\n"


def test_validate_lists_every_bad_line_and_exits_1(tmp_path: Path) -> None:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(
        "\n".join([lines[0], '{"type": "summit", "id": 7}', lines[1], "{oops", lines[2]]) + "\n",
        encoding="utf-8",
    )
    result = run("validate", str(bad), str(GOLDEN))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{bad}:2: $.id: expected a string, got number",
        f"{bad}:2: $.date: required field missing",
        f"{bad}:2: $.participants: required field missing",
        f"{bad}:4: $: invalid JSON at column 2: Expecting property name enclosed in double quotes",
        "14 records in 2 files: 12 valid, 2 invalid",
    ]


def test_validate_reads_csv_and_gzip_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "events.csv.gz"
    assert run("convert", str(GOLDEN), str(path)).returncode == 0
    result = run("validate", str(path))
    assert result.returncode == 0
    assert "9 valid" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "/no/such/file.jsonl"),
        ("validate", "events.txt"),
        ("convert", str(GOLDEN)),
        ("frobnicate",),
        (),
        ("validate", "--format", "xml", "x"),
    ],
)
def test_usage_and_io_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.strip()


@pytest.mark.parametrize(
    ("suffix", "reader"), [("csv", read_csv), ("json", read_json), ("jsonl", read_jsonl)]
)
def test_convert_between_formats(tmp_path: Path, suffix: str, reader: object) -> None:
    out = tmp_path / f"events.{suffix}"
    result = run("convert", str(GOLDEN), str(out))
    assert result.returncode == 0
    assert result.stderr == f"wrote 9 records to {out}\n"
    assert list(reader(out)) == EVENTS  # type: ignore[operator]


def test_convert_through_standard_streams_with_explicit_formats() -> None:
    result = run("convert", "-", "-", "--from", "jsonl", "--to", "csv", stdin=GOLDEN.read_bytes())
    assert result.returncode == 0
    rows = result.stdout.splitlines()
    assert rows[0].startswith("id,type,date,status,summary")


def test_convert_stops_at_a_bad_record_and_leaves_no_file(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOLDEN.read_text(encoding="utf-8") + '{"type": "visit"}\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run("convert", str(source), str(out))
    assert result.returncode == 1
    assert f"{source}:10: $.id: required field missing" in result.stderr
    assert not out.exists()


def test_convert_can_skip_invalid_records(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"type": "visit"}\n' + GOLDEN.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("convert", str(source), str(out), "--skip-invalid")
    assert result.returncode == 1
    assert list(read_jsonl(out)) == EVENTS
    assert "skipped 1 invalid" in result.stderr


def test_schema_prints_json_schema() -> None:
    result = run("schema", "--indent", "0")
    assert result.returncode == 0
    assert json.loads(result.stdout)["$schema"].endswith("2020-12/schema")


def test_show_prints_a_timeline_earliest_first() -> None:
    result = run("show", str(GOLDEN), "--width", "200")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 9
    assert lines[0].startswith("2016 ")
    assert "Lee Jae Myung (KOR) visits China" in result.stdout
    assert lines[-1].startswith("2026-01-05 ")


@pytest.mark.parametrize("command", ["validate", "convert", "schema", "show"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "example: diplomev " + command in result.stdout


def test_the_installed_script_is_the_same_command() -> None:
    script = Path(sys.executable).with_name("diplomev")
    result = subprocess.run(
        [str(script), "validate", str(GOLDEN)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert diplomev.__version__  # the package the script runs is this one


def test_files_that_cannot_be_read_at_all_are_invalid_not_crashes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[1, 2", encoding="utf-8")
    shown = run("show", str(broken))
    assert shown.returncode == 1
    assert "Traceback" not in shown.stderr
    # Read as it streams, the document is refused at its first byte: not an object.
    assert f"{broken}: $: expected a diplomev document object" in shown.stderr
    validated = run("validate", str(broken))
    assert validated.returncode == 1
    assert validated.stdout.splitlines()[-1] == "1 records in 1 file: 0 valid, 1 invalid"


def test_validate_names_the_right_option_for_an_unknown_extension() -> None:
    result = run("validate", "events.txt")
    assert result.returncode == 2
    assert "use --format" in result.stderr


# --- terminal safety and problems as they come (issue 13, items 7 and 11) ----------------------

HOSTILE_KEYS = ["x\x1b]0;owned\x07", "\x1b[2J", "x_\u202egnp.exe"]


def test_validate_escapes_control_characters_before_they_reach_the_terminal(
    tmp_path: Path,
) -> None:
    record = json.loads(GOLDEN.read_text().splitlines()[0])
    for key in HOSTILE_KEYS:
        record[key] = 1
    path = tmp_path / "bad\x1b[31m.jsonl"
    path.write_text(json.dumps(record) + "\n")
    result = run("validate", str(path))
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "\u202e" not in result.stdout
    assert "\x07" not in result.stdout
    # Keys in paths are written as JSON strings (\u001b); the rest is escaped for the terminal.
    assert '$["x\\u001b]0;owned\\u0007"]: unknown field' in result.stdout
    assert '$["\\u001b[2J"]: unknown field' in result.stdout
    assert "bad\\x1b[31m.jsonl" in result.stdout


def test_show_escapes_control_characters_in_summaries_and_names(tmp_path: Path) -> None:
    event = diplomev.loads(GOLDEN.read_text().splitlines()[0])
    import attrs

    hostile = attrs.evolve(event, summary="\x1b[2Jgone\u2066 \x9b1m")
    path = tmp_path / "events.jsonl"
    diplomev.io.write_jsonl([hostile], path)
    result = run("show", str(path))
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert "\u2066" not in result.stdout
    assert "\x9b" not in result.stdout
    assert "\\x1b[2Jgone\\u2066 \\x9b1m" in result.stdout


def test_terminal_safe() -> None:
    from diplomev.display import terminal_safe

    assert (
        terminal_safe("a\x1bb\u202ec\x7f\x85\td\u2069é")
        == "a\\x1bb\\u202ec\\x7f\\x85\\x09d\\u2069é"
    )
    assert terminal_safe("plain text — ok") == "plain text — ok"


def test_validate_prints_each_problem_as_it_is_met_and_its_summary_adds_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from diplomev.cli import main
    from diplomev.io import MAX_PROBLEMS

    total = MAX_PROBLEMS + 200
    out = io.StringIO()
    seen_when_reading: list[int] = []

    class Lines(io.RawIOBase):
        """Standard input that hands on one line per read, noting what was printed by then."""

        def __init__(self) -> None:
            self.left = total

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            seen_when_reading.append(out.getvalue().count("\n"))
            if not self.left:
                return 0
            self.left -= 1
            buffer[:2] = b"1\n"
            return 2

    class Stdin:
        buffer = Lines()

    monkeypatch.setattr("sys.stdin", Stdin())
    monkeypatch.setattr("sys.stdout", out)
    assert main(["validate", "--format", "jsonl", "-"]) == 1
    lines = out.getvalue().splitlines()
    assert len(lines) == total + 1
    assert lines[-1] == f"{total} records in 1 file: 0 valid, {total} invalid"
    assert seen_when_reading[total // 2] >= total // 2 - 1  # printed while still reading
