"""Compiling generated functions so that tracebacks and ``inspect`` can show them.

The source of each generated function is registered in `linecache` under a file name of
its own (attrs' habit): the name says what the code is for and a counter keeps it unique,
so a function generated later never overwrites the lines of an earlier one.
"""

from __future__ import annotations

import itertools
import linecache
from typing import Any

__all__ = ["Source"]

_COUNTER = itertools.count(1)


class Source:
    """The lines of one generated module, and the objects its code refers to.

    >>> src = Source()
    >>> src.add(0, "def double(x):")
    >>> src.add(1, f"return {src.bind(2)} * x")
    >>> double = src.compile("double", "doubler")
    >>> double(21), double.__code__.co_filename.startswith("<diplomev doubler")
    (42, True)
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ns: dict[str, Any] = {}

    def bind(self, obj: object) -> str:
        """Bind ``obj`` in the generated code's namespace and return the name to use."""
        name = f"_b{len(self.ns)}"
        self.ns[name] = obj
        return name

    def add(self, indent: int, line: str) -> None:
        """Add one line, indented by ``indent`` levels."""
        self.lines.append("    " * indent + line)

    def compile(self, name: str, purpose: str) -> Any:
        """Compile the lines and return the function ``name`` they define."""
        filename = f"<diplomev {purpose} #{next(_COUNTER)}>"
        source = "\n".join(self.lines) + "\n"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), self.ns)
        return self.ns[name]
