"""MkDocs hooks: link the API names that the guides write in backticks to the reference.

A guide writes `Summit`, `read_jsonl` or `Event.actors()` as inline code. When the name is
public in diplomev (in the ``__all__`` of the package or of one of its public modules),
it becomes an optional cross-reference to its entry in the API reference: a link where
the reference documents it, plain code otherwise, never a warning. Code blocks and the
Markdown files themselves are left alone; only the rendered pages change.
"""

from __future__ import annotations

import functools
import html
import importlib
import re
from typing import Any

# Where public names live, first match wins: the package, then the modules imported by name.
_MODULES = (
    "diplomev",
    "diplomev.io",
    "diplomev.interop",
    "diplomev.schema",
    "diplomev.display",
    "diplomev.strategies",
    "diplomev.reading.actors",
    "diplomev.countries",
)
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE = re.compile(r"(?<!`)`([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(\(\))?`(?!`)")


@functools.cache
def _names() -> dict[str, str]:
    """Map each public name to the full path of the object it names."""
    names: dict[str, str] = {}
    for module_name in _MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # diplomev.strategies without hypothesis
            continue
        names.setdefault(module_name, module_name)
        # Strategies share their names with fields (`sources`, `links`, `extensions`):
        # they are linked only when written in full, `diplomev.strategies.sources`.
        bare = module_name != "diplomev.strategies"
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            home = getattr(value, "__module__", None)
            if (
                isinstance(home, str)
                and home.startswith("diplomev")
                and hasattr(value, "__qualname__")
            ):
                path = f"{home}.{value.__qualname__}"
            else:
                path = f"{module_name}.{name}"
            if bare:
                names.setdefault(name, path)
            names.setdefault(f"{module_name}.{name}", path)
    return names


def _resolve(name: str) -> str | None:
    names = _names()
    if name in names:
        return names[name]
    head, _, _ = name.rpartition(".")
    while head:  # Event.actors, diplomev.io.Reader.count
        if head in names:
            return f"{names[head]}.{name[len(head) + 1 :]}"
        head, _, _ = head.rpartition(".")
    return None


def _link(match: re.Match[str]) -> str:
    name, call = match.group(1), match.group(2) or ""
    path = _resolve(name)
    if path is None:
        return match.group(0)
    return (
        f'<code><autoref identifier="{path}" optional>{html.escape(name + call)}</autoref></code>'
    )


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Link the public names in backticks, outside code blocks."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and "`" in line:
            parts = re.split(r"(``.*?``)", line)
            line = "".join(p if p.startswith("``") else _CODE.sub(_link, p) for p in parts)
        out.append(line)
    return "\n".join(out) + "\n"
