"""mypy --strict over code written the way diplomev's users write it.

Three targets, one mypy run each (a session fixture), one test per file so a failure
says which file:

- ``examples/*.py``, checked together (``timeline.py`` imports ``seed_article``);
- the ``python`` blocks of ``docs/*.md`` and ``README.md`` (the blocks without ``>>>``
  prompts; pycon blocks and doctests are out of scope), one temporary module per page with
  its blocks at their own line numbers, so an error's line is the page's line;
- ``tests/typing/snippets/*.py``: user-style code where a line may say what mypy must find
  there, as in msgspec's ``tests/typing``:

  - ``reveal_type(x)  # assert "diplomev.records.Visit" == typ`` runs the ``assert``
    with ``typ`` bound to the revealed type (mypy's own text, e.g. ``tuple[int, ...]``);
    every ``reveal_type`` needs an ``# assert`` and every ``# assert`` a revealed type;
  - ``Person(country=123)  # E: arg-type: Argument "country"`` expects an error with that
    code whose message contains the text after the second colon (optional); several
    expectations on one line are separated by ``;``. Every error on such a line must be
    expected, and a snippet without ``# E:`` lines must have no errors at all;

- and the snippets also run, each in its own process from a folder holding a copy of
  ``examples/``: the typed code must be code that works (``refused(lambda: ...)`` in the
  negative snippets checks that each rejected call also fails at run time).

mypy is called with explicit flags (``--strict --python-version 3.11``) and a config file
of its own, from an empty folder, so the project's ``[tool.mypy]`` (``files = ["src"]``)
plays no part; it finds diplomev where the user's does, installed in the environment,
and reads its inline types through ``py.typed``. The cache is shared by the runs of a
session. Run one target with ``-k``:

    .venv/bin/python -m pytest tests/typing -k examples
    .venv/bin/python -m pytest tests/typing -k "snippet and codec"
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest
from mypy import api

# No __init__.py here: a package named typing in tests/ would shadow the standard
# library's for scripts run from tests/ (tests/test_docs.py runs itself as one).
from tests.test_docs import PAGES, ROOT, blocks

HERE = Path(__file__).resolve().parent
SNIPPETS = HERE / "snippets"
EXAMPLES = ROOT / "examples"

FLAGS = [
    "--strict",
    "--python-version",
    "3.11",
    "--no-color-output",
    "--no-error-summary",
    "--no-pretty",
    "--show-error-codes",
    "--hide-error-context",
    "--show-absolute-path",
]
# The only settings beyond --strict. matplotlib.dates (which examples/timeline.py draws
# with) has no annotations upstream: calls into it are not the example's to fix.
CONFIG = """\
[mypy]
untyped_calls_exclude = matplotlib
"""

_MESSAGE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): (?P<severity>error|note|warning): (?P<text>.*?)"
    r"(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)
_REVEALED = re.compile(r'^Revealed type is "(?P<type>.*)"$')


class Message(NamedTuple):
    path: Path
    line: int
    severity: str
    text: str
    code: str | None


@dataclass
class Run:
    """One mypy run: its messages by file, and what it printed that is not a message."""

    messages: dict[Path, list[Message]]
    other: list[str]
    status: int

    def of(self, path: Path) -> list[Message]:
        return self.messages.get(path.resolve(), [])


@pytest.fixture(scope="session")
def mypy_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of the session's mypy runs: their config file and their shared cache."""
    folder = tmp_path_factory.mktemp("mypy")
    (folder / "mypy.ini").write_text(CONFIG, encoding="utf-8")
    (folder / "cwd").mkdir()
    return folder


def run_mypy(files: Iterable[Path], mypy_dir: Path) -> Run:
    paths = [str(path.resolve()) for path in files]
    args = [
        *FLAGS,
        "--config-file",
        str(mypy_dir / "mypy.ini"),
        "--cache-dir",
        str(mypy_dir / "cache"),
        *paths,
    ]
    # From an empty folder: mypy puts its working directory on the import path.
    with contextlib.chdir(mypy_dir / "cwd"):
        stdout, stderr, status = api.run(args)
    messages: dict[Path, list[Message]] = {}
    other = [line for line in stderr.splitlines() if line.strip()]
    for line in stdout.splitlines():
        match = _MESSAGE.match(line)
        if match is None:
            other.append(line)
            continue
        message = Message(
            Path(match["path"]).resolve(),
            int(match["line"]),
            match["severity"],
            match["text"],
            match["code"],
        )
        messages.setdefault(message.path, []).append(message)
    # 0: no errors, 1: errors found; anything else is mypy failing to run.
    assert status in (0, 1), f"mypy exited {status}:\n{stdout}{stderr}"
    return Run(messages, other, status)


def errors_of(run: Run, path: Path) -> list[Message]:
    return [m for m in run.of(path) if m.severity == "error"]


def explain(run: Run, path: Path, name: str) -> str:
    """Every message mypy gave for ``path`` (notes explain errors), for a failure."""
    lines = [f"mypy --strict on {name}:"]
    for m in run.of(path):
        code = f"  [{m.code}]" if m.code else ""
        lines.append(f"  {name}:{m.line}: {m.severity}: {m.text}{code}")
    lines += [f"  {line}" for line in run.other]
    return "\n".join(lines)


# --- (a) the examples -----------------------------------------------------------------------

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.py"))


@pytest.fixture(scope="session")
def examples_run(mypy_dir: Path) -> Run:
    return run_mypy(EXAMPLE_FILES, mypy_dir)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda path: path.name)
def test_example_type_checks(example: Path, examples_run: Run) -> None:
    if errors_of(examples_run, example):
        pytest.fail(explain(examples_run, example, f"examples/{example.name}"), pytrace=False)


# --- (b) the python blocks of the documentation ----------------------------------------------


def python_blocks(page: Path) -> str | None:
    """The page's ``python`` blocks (not doctests) as one module, each at its own lines.

    The blocks of a page run in order in one namespace (``tests/test_docs.py``), so they
    are checked as one module; lines outside them are blank, so mypy's line numbers are
    the page's.
    """
    lines: list[str] = []
    found = False
    for block in blocks(page.read_text(encoding="utf-8")):
        if block.language != "python" or ">>>" in block.code:
            continue
        found = True
        code = block.code.splitlines()
        lines += [""] * (block.line - 1 - len(lines))
        lines[block.line - 1 : block.line - 1 + len(code)] = code
    return "\n".join(lines) + "\n" if found else None


DOC_PAGES = [page for page in PAGES if python_blocks(page) is not None]


def page_name(page: Path) -> str:
    return str(page.relative_to(ROOT))


def page_module(page: Path) -> str:
    """A module name for a page: ``docs/extending.md`` -> ``docs_extending_md``."""
    return re.sub(r"\W", "_", page_name(page))


@pytest.fixture(scope="session")
def docs_run(mypy_dir: Path) -> tuple[Run, Path]:
    folder = mypy_dir / "docs"
    folder.mkdir()
    for page in DOC_PAGES:
        code = python_blocks(page)
        assert code is not None
        (folder / f"{page_module(page)}.py").write_text(code, encoding="utf-8")
    return run_mypy(sorted(folder.glob("*.py")), mypy_dir), folder


@pytest.mark.parametrize("page", DOC_PAGES, ids=page_name)
def test_python_blocks_of_the_page_type_check(page: Path, docs_run: tuple[Run, Path]) -> None:
    run, folder = docs_run
    module = folder / f"{page_module(page)}.py"
    if errors_of(run, module):
        pytest.fail(explain(run, module, page_name(page)), pytrace=False)


def test_the_docs_have_python_blocks_to_check() -> None:
    assert {"README.md", "docs/extending.md"} <= {page_name(page) for page in DOC_PAGES}


def test_python_blocks_keep_their_page_lines() -> None:
    page = next(page for page in DOC_PAGES if page.name == "extending.md")
    module = python_blocks(page)
    assert module is not None
    text = page.read_text(encoding="utf-8").splitlines()
    code = module.splitlines()
    used = [number for number, line in enumerate(code) if line]
    assert used
    assert all(text[number].strip() == code[number].strip() for number in used)


# --- (c) the snippets ------------------------------------------------------------------------

SNIPPET_FILES = sorted(SNIPPETS.glob("*.py"))


class Expected(NamedTuple):
    code: str
    text: str  # a part of the message; empty: any message

    def matches(self, message: Message) -> bool:
        return message.code == self.code and self.text in message.text

    def __str__(self) -> str:
        return f"[{self.code}]" + (f" containing {self.text!r}" if self.text else "")


@dataclass
class Marks:
    """What the comments of a snippet ask for, by line number."""

    asserts: dict[int, str]
    errors: dict[int, list[Expected]]
    reveals: set[int]


def comments(source: str) -> Iterator[tuple[int, str]]:
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string.lstrip("#").strip()


def marks_of(path: Path) -> Marks:
    source = path.read_text(encoding="utf-8")
    marks = Marks({}, {}, set())
    for line, comment in comments(source):
        if comment.startswith("assert "):
            marks.asserts[line] = comment
        elif comment.startswith("E:"):
            for item in comment.split(";"):
                code, _, text = item.strip().removeprefix("E:").strip().partition(":")
                marks.errors.setdefault(line, []).append(Expected(code.strip(), text.strip()))
    for number, text in enumerate(source.splitlines(), start=1):
        if re.search(r"\breveal_type\(", text.split("#", 1)[0]):
            marks.reveals.add(number)
    return marks


def check_snippet(path: Path, run: Run) -> list[str]:
    """Return every way mypy's view of ``path`` differs from what its comments say."""
    marks = marks_of(path)
    name = f"tests/typing/snippets/{path.name}"
    failures: list[tuple[int, str]] = []
    revealed: dict[int, list[str]] = {}
    for message in run.of(path):
        found = _REVEALED.match(message.text) if message.severity == "note" else None
        if found is not None:
            revealed.setdefault(message.line, []).append(found["type"])
    # Errors: exactly the expected ones, line by line.
    by_line: dict[int, list[Message]] = {}
    for message in errors_of(run, path):
        by_line.setdefault(message.line, []).append(message)
    for line in sorted(by_line.keys() | marks.errors.keys()):
        got, wanted = by_line.get(line, []), marks.errors.get(line, [])
        for message in got:
            if not any(expected.matches(message) for expected in wanted):
                failures.append((line, f"unexpected error: {message.text}  [{message.code}]"))
        for expected in wanted:
            if not any(expected.matches(message) for message in got):
                failures.append((line, f"mypy reports no error {expected}"))
    # Revealed types: each checked by its line's assert.
    for line in sorted(marks.reveals | marks.asserts.keys() | revealed.keys()):
        types, check = revealed.get(line, []), marks.asserts.get(line)
        if check is None:
            failures.append((line, "reveal_type without an '# assert' comment"))
        elif len(types) != 1:
            failures.append((line, f"expected one revealed type, mypy gave {types}"))
        else:
            try:
                exec(check, {"typ": types[0]})
            except Exception as e:
                failures.append(
                    (
                        line,
                        f"failed check {check!r}, where typ is {types[0]!r}"
                        + ("" if isinstance(e, AssertionError) else f" ({e!r})"),
                    )
                )
    return [f"{name}:{line}: {text}" for line, text in sorted(failures, key=lambda f: f[0])]


@pytest.fixture(scope="session")
def snippets_run(mypy_dir: Path) -> tuple[Run, Path]:
    # Copied out of tests/ (a package): each snippet is a top-level module, as a user's
    # script is, and its classes are named "custom_kind.Agreement" in revealed types.
    folder = mypy_dir / "snippets"
    folder.mkdir()
    for snippet in SNIPPET_FILES:
        shutil.copyfile(snippet, folder / snippet.name)
    return run_mypy(sorted(folder.glob("*.py")), mypy_dir), folder


@pytest.mark.parametrize("snippet", SNIPPET_FILES, ids=lambda path: path.name)
def test_snippet_type_checks_as_its_comments_say(
    snippet: Path, snippets_run: tuple[Run, Path]
) -> None:
    run, folder = snippets_run
    failures = check_snippet(folder / snippet.name, run)
    if failures:
        everything = explain(run, folder / snippet.name, f"tests/typing/snippets/{snippet.name}")
        pytest.fail("\n".join(failures) + "\n\n" + everything, pytrace=False)


@pytest.mark.parametrize("snippet", SNIPPET_FILES, ids=lambda path: path.name)
def test_snippet_runs(snippet: Path, tmp_path: Path) -> None:
    shutil.copytree(
        EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("out", "__pycache__")
    )
    run = subprocess.run(
        [sys.executable, "-W", "error", str(snippet)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_there_are_positive_and_negative_snippets() -> None:
    negative = [path for path in SNIPPET_FILES if marks_of(path).errors]
    assert negative
    assert len(negative) < len(SNIPPET_FILES)
    assert all(marks_of(path).asserts for path in SNIPPET_FILES if path not in negative)


# --- the harness itself ----------------------------------------------------------------------


def test_marks_are_read_from_comments_only(tmp_path: Path) -> None:
    path = tmp_path / "marks.py"
    path.write_text(
        'x = "# E: arg-type"\n'
        "reveal_type(x)  # assert typ == 'str'\n"
        "f(1)  # E: arg-type: Argument 1; E: call-arg\n"
        "y = 1  # E: misc\n",
        encoding="utf-8",
    )
    marks = marks_of(path)
    assert marks.asserts == {2: "assert typ == 'str'"}
    assert marks.reveals == {2}
    assert marks.errors == {
        3: [Expected("arg-type", "Argument 1"), Expected("call-arg", "")],
        4: [Expected("misc", "")],
    }


def test_the_checker_reports_every_difference(tmp_path: Path, mypy_dir: Path) -> None:
    path = tmp_path / "harness_sample.py"
    path.write_text(
        "from typing import reveal_type\n"
        "def f(x: int) -> int:\n"
        "    return x\n"
        "reveal_type(f(1))  # assert typ == 'int'\n"
        "reveal_type(f(2))  # assert typ == 'str'\n"
        'f("a")  # E: arg-type: Argument 1 to "f"\n'
        'f("b")\n'
        "f(3)  # E: arg-type\n"
        "reveal_type(f(4))\n",
        encoding="utf-8",
    )
    failures = check_snippet(path, run_mypy([path], mypy_dir))
    where = "tests/typing/snippets/harness_sample.py"
    assert failures == [
        f"{where}:5: failed check \"assert typ == 'str'\", where typ is 'int'",
        f'{where}:7: unexpected error: Argument 1 to "f" has incompatible type "str"; '
        'expected "int"  [arg-type]',
        f"{where}:8: mypy reports no error [arg-type]",
        f"{where}:9: reveal_type without an '# assert' comment",
    ]
