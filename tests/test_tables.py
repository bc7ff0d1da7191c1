"""The one loader of packaged tables: every table loads, once, read-only, on first use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from diplomev._tables import load_table

REPO = Path(__file__).resolve().parent.parent
TABLES = sorted(
    entry.name for entry in (files("diplomev") / "data").iterdir() if entry.name.endswith(".json")
)


def thaw(value: Any) -> Any:
    if isinstance(value, MappingProxyType):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value


def test_there_are_tables() -> None:
    assert "countries.json" in TABLES
    assert len(TABLES) >= 6


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_as_json_reads_it(name: str) -> None:
    raw = json.loads((files("diplomev") / "data" / name).read_text(encoding="utf-8"))
    assert thaw(load_table(name)) == raw


@pytest.mark.parametrize("name", TABLES)
def test_tables_are_read_only_and_read_once(name: str) -> None:
    table = load_table(name)
    assert load_table(name) is table
    assert isinstance(table, MappingProxyType)
    with pytest.raises(TypeError):
        table["format"] = 2  # type: ignore[index]

    def check(value: Any) -> None:
        assert not isinstance(value, dict | list)
        if isinstance(value, MappingProxyType):
            for item in value.values():
                check(item)
        elif isinstance(value, tuple):
            for item in value:
                check(item)

    check(table)


def test_an_unknown_table_raises() -> None:
    with pytest.raises(FileNotFoundError):
        load_table("no_such_table.json")


def test_no_table_is_read_on_import() -> None:
    code = textwrap.dedent(
        """
        import sys
        import diplomev
        import diplomev.interop
        import diplomev.interop.cameo, diplomev.interop.gdelt, diplomev.interop.icews
        import diplomev.interop.plover
        import diplomev.reading.actors, diplomev.reading.countries
        from diplomev._tables import load_table
        assert load_table.cache_info().currsize == 0, load_table.cache_info()
        assert "importlib.resources" not in sys.modules
        assert diplomev.country_name("KOR") == "South Korea"
        assert load_table.cache_info().currsize == 1
        print("ok")
        """
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
