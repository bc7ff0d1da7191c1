"""Every code sample of the documentation runs, and prints what the page says it prints.

Each page of ``docs/`` (and ``README.md``) runs in a fresh Python process, so that kinds a
page registers or settings it changes cannot leak into other pages or tests. The process
starts in an empty folder holding a copy of ``examples/`` (the article and the sample
files the pages name) and the page's own fixtures (`FIXTURES`). The page's fenced blocks
then run in order, sharing one namespace:

- ``pycon`` blocks, and ``python`` blocks with ``>>>`` prompts, are doctests: each output
  must match what the page shows (``...`` matches anything, as ``ELLIPSIS``);
- other ``python`` blocks are executed, and must not raise;
- in ``console`` blocks each ``$ command`` runs in bash, with the environment's scripts
  (``diplomev``, ``python``) first on the PATH; it must exit 0 and print the lines that
  follow it on the page (``...`` matches anything).

Other blocks (``sh`` install commands, ``json``, ``text``) are shown, not run. Docstrings
are doctests too, through pytest's ``--doctest-modules``.

Run one page by hand: ``python tests/test_docs.py docs/concepts.md /tmp/somewhere``.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
import traceback
import types
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(
    [*DOCS.glob("*.md"), *DOCS.glob("*/*.md"), ROOT / "README.md"],
    key=lambda path: str(path.relative_to(ROOT)),
)
#: Files a page's samples read, beyond examples/: name in the folder -> file in the repo.
FIXTURES = {
    # The seed article's records, which the At scale page writes as Parquet and queries.
    "docs/at-scale.md": {"events.jsonl": ROOT / "tests/data/lee-beijing-visit.events.jsonl"},
    # The ICEWS sample of the test suite, under the name the Interop page gives it.
    "docs/interop.md": {
        "events.2018.tab": ROOT / "tests/data/interop/icews__events.2018.sample.tab",
        "president-biden.xml": ROOT
        / "tests/data/history-state/president-travels/biden-joseph-r.xml",
    },
}
RUNNABLE = ("python", "pycon", "console")
FLAGS = doctest.ELLIPSIS

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,})\s*(?P<info>[^`]*)$")


class Block(NamedTuple):
    language: str
    line: int  # of the first line of code, 1-based
    code: str


def blocks(text: str) -> Iterator[Block]:
    """Yield the fenced code blocks of a Markdown page, in order, dedented."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        language = (opening["info"].split() or [""])[0].lower()
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            line = lines[i]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            i += 1
        yield Block(language, i - len(body) + 1, "\n".join(body) + "\n")
        i += 1


def runnable(page: Path) -> list[Block]:
    return [b for b in blocks(page.read_text(encoding="utf-8")) if b.language in RUNNABLE]


# --- what runs in the page's own process --------------------------------------------------


def run_python(block: Block, name: str, globs: dict[str, object]) -> list[str]:
    """Run a python or pycon block; return its failures (empty when it passed)."""
    if ">>>" in block.code:
        test = doctest.DocTestParser().get_doctest(block.code, globs, name, name, block.line - 1)
        out: list[str] = []
        runner = doctest.DocTestRunner(optionflags=FLAGS)
        runner.run(test, out=out.append, clear_globs=False)
        globs.update(test.globs)  # the test ran in a copy: later blocks see its names
        return ["".join(out)] if runner.failures else []
    try:
        exec(compile(block.code, f"{name}:{block.line}", "exec"), globs)
    except BaseException:  # report, then go on with the page's other blocks
        return [f"{name}:{block.line}: the block raised\n" + traceback.format_exc()]
    return []


def run_console(block: Block, name: str) -> list[str]:
    """Run each ``$ command`` of a console block; check its status and output."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="100")
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    failures = []
    commands: list[tuple[int, str, list[str]]] = []
    for offset, line in enumerate(block.code.splitlines()):
        if line.startswith("$ "):
            commands.append((block.line + offset, line[2:], []))
        elif commands:
            commands[-1][2].append(line)
    checker = doctest.OutputChecker()
    for line, command, expected in commands:
        run = subprocess.run(
            ["bash", "-c", command],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        want = "\n".join(expected).rstrip("\n") + "\n" if expected else ""
        got = run.stdout if run.stdout.endswith("\n") or not run.stdout else run.stdout + "\n"
        if run.returncode != 0:
            failures.append(f"{name}:{line}: $ {command}\nexited {run.returncode}:\n{got}")
        elif not checker.check_output(want, got, FLAGS):
            failures.append(f"{name}:{line}: $ {command}\nexpected:\n{want}got:\n{got}")
    return failures


def run_page(page: Path) -> list[str]:
    """Run every runnable block of ``page`` in order, in the current folder."""
    name = str(page.relative_to(ROOT)) if page.is_relative_to(ROOT) else str(page)
    # The page's names live in a real module, as a user's code does: typing.get_type_hints
    # (which diplomev uses on kinds a page defines) looks a class's module up by name.
    module = types.ModuleType("__docs__")
    sys.modules[module.__name__] = module
    globs: dict[str, object] = module.__dict__
    failures: list[str] = []
    for block in runnable(page):
        if block.language == "console":
            failures += run_console(block, name)
        else:
            failures += run_python(block, name, globs)
    return failures


def main(argv: list[str]) -> int:
    page, folder = Path(argv[1]).resolve(), Path(argv[2])
    # The pages' property tests run as written, but on a shared, loaded machine hypothesis's
    # timing checks (deadline, slow generation) would fail them for the machine's sake.
    import hypothesis

    hypothesis.settings.register_profile(
        "docs", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
    )
    hypothesis.settings.load_profile("docs")
    os.chdir(folder)
    failures = run_page(page)
    for failure in failures:
        print(failure)
    return 1 if failures else 0


# --- the tests ------------------------------------------------------------------------------


def test_the_pages_have_samples_to_run() -> None:
    with_samples = {str(page.relative_to(ROOT)) for page in PAGES if runnable(page)}
    for expected in ("docs/getting-started.md", "docs/concepts.md", "docs/cli.md", "README.md"):
        assert expected in with_samples


def test_blocks_are_found_with_their_language_and_line() -> None:
    text = '# Page\n\n```pycon\n>>> 1 + 1\n2\n```\n\n- item\n\n    ```python title="x"\n    x = 1\n    ```\n'
    assert list(blocks(text)) == [
        Block("pycon", 4, ">>> 1 + 1\n2\n"),
        Block("python", 11, "x = 1\n"),
    ]


@pytest.mark.parametrize(
    "page",
    [page for page in PAGES if runnable(page)],
    ids=lambda page: str(page.relative_to(ROOT)),
)
def test_every_sample_of_the_page_runs(page: Path, tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "examples",
        tmp_path / "examples",
        ignore=shutil.ignore_patterns("out", "__pycache__"),
    )
    for name, source in FIXTURES.get(str(page.relative_to(ROOT)), {}).items():
        shutil.copyfile(source, tmp_path / name)
    run = subprocess.run(
        [sys.executable, "-W", "error", __file__, str(page), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


if __name__ == "__main__":
    sys.exit(main(sys.argv))
