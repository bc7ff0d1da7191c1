"""``import diplomev`` loads the records and the codec, not the readers or diplomev.interop.

The readers' names (`parse_date`, `resolve_country`, `parse_actor`...) and every name of
`diplomev.interop` load their module on first use (PEP 562).
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import diplomev
import diplomev.interop
import diplomev.reading

REPO = Path(__file__).resolve().parent.parent

READER_NAMES = {
    "parse_actor": "diplomev.reading.actors",
    "country_candidates": "diplomev.reading.countries",
    "resolve_country": "diplomev.reading.countries",
    "DateReading": "diplomev.reading.dates",
    "parse_date": "diplomev.reading.dates",
    "read_date": "diplomev.reading.dates",
    "span_including": "diplomev.reading.dates",
}


def run_python(code: str, *, plugins: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    if not plugins:
        env["HYPOTHESIS_NO_PLUGINS"] = "1"
    else:
        env.pop("HYPOTHESIS_NO_PLUGINS", None)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


LIST_MODULES = "import json, sys; print(json.dumps(sorted(m for m in sys.modules if m.startswith('diplomev'))))"


def loaded_after(code: str, *, plugins: bool = False) -> list[str]:
    result = run_python(code + "\n" + LIST_MODULES, plugins=plugins)
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def test_import_diplomev_loads_no_reader_and_no_interop_module() -> None:
    result = run_python(
        """
        import diplomev, sys
        print(sorted(m for m in sys.modules if m.startswith('diplomev')))
        assert str(diplomev.parse_date("2026-01-05")) == "2026-01-05"
        from diplomev import parse_date, resolve_country
        assert resolve_country("Seoul") == "KOR"
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    listing, ok = result.stdout.strip().splitlines()
    loaded: list[str] = ast.literal_eval(listing)
    assert ok == "ok"
    assert "diplomev.records" in loaded  # the core is there
    assert "diplomev.codec" in loaded
    assert not [m for m in loaded if m == "diplomev.reading" or m.startswith("diplomev.reading.")]
    assert not [m for m in loaded if m == "diplomev.interop" or m.startswith("diplomev.interop.")]
    assert "diplomev.strategies" not in loaded
    assert "diplomev.io" not in loaded


def test_each_reader_loads_its_own_module_only() -> None:
    loaded = loaded_after("import diplomev\ndiplomev.parse_date('2026')")
    assert "diplomev.reading.dates" in loaded
    assert "diplomev.reading.actors" not in loaded
    assert "diplomev.reading.countries" not in loaded
    loaded = loaded_after("from diplomev import resolve_country")
    assert "diplomev.reading.countries" in loaded
    assert "diplomev.reading.dates" not in loaded


def test_the_hypothesis_plugin_loads_no_reader_no_interop_and_no_strategies() -> None:
    loaded = loaded_after("import hypothesis", plugins=True)
    assert "diplomev._hypothesis_plugin" in loaded  # the entry point ran
    assert "diplomev.strategies" not in loaded
    assert not [m for m in loaded if m.startswith(("diplomev.reading", "diplomev.interop"))]


def test_diplomev_interop_loads_each_standard_on_use() -> None:
    assert loaded_after("import diplomev.interop") == sorted(
        [*loaded_after("import diplomev"), "diplomev.interop"]
    )
    loaded = loaded_after("from diplomev.interop import goldstein")
    assert "diplomev.interop.cameo" in loaded
    assert not {"diplomev.interop.plover", "diplomev.interop.icews"} & set(loaded)
    loaded = loaded_after("import diplomev.interop as i\ni.plover.plover_schema()")
    assert "diplomev.interop.plover" in loaded


@pytest.mark.parametrize("name", sorted(READER_NAMES))
def test_the_lazy_names_are_the_readers_own(name: str) -> None:
    assert name in diplomev.__all__
    assert name in dir(diplomev)
    module = importlib.import_module(READER_NAMES[name])
    assert getattr(diplomev, name) is getattr(module, name)


@pytest.mark.parametrize("name", sorted(diplomev.interop.__all__))
def test_every_interop_name_resolves(name: str) -> None:
    value = getattr(diplomev.interop, name)
    assert value is not None
    assert name in dir(diplomev.interop)


def test_submodules_are_attributes() -> None:
    assert diplomev.reading.dates is importlib.import_module("diplomev.reading.dates")
    for standard in ("cameo", "gdelt", "icews", "plover"):
        module = getattr(diplomev.interop, standard)
        assert module is importlib.import_module(f"diplomev.interop.{standard}")


def test_unknown_names_still_raise_attribute_error() -> None:
    for module in (diplomev, diplomev.reading, diplomev.interop):
        with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
            module.nothing  # type: ignore[attr-defined]  # noqa: B018
        assert not hasattr(module, "nothing")


def test_star_import_gives_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from diplomev import *", namespace)
    assert set(diplomev.__all__) <= set(namespace)
    assert namespace["parse_date"] is diplomev.parse_date
