"""Names of a package that load their module on first use (PEP 562).

A package lists, for each lazy name, the module that defines it (``"package.module"``, or
``"package.module:attribute"`` for a name the package gives under another name; a name
that is itself a submodule maps to that submodule), and sets the module-level
``__getattr__`` and ``__dir__`` this returns. The first access imports the module and keeps the value in the
package's namespace, so later accesses are plain attribute lookups.

Type checkers do not see this: each package imports the same names under
``if TYPE_CHECKING:``, so that they have their real types, and defines ``__getattr__``
only at run time, so that a misspelt name is still an error for them.

>>> import types
>>> package = types.ModuleType("example")
>>> getattr_, dir_ = lazy_attributes(
...     package.__dict__,
...     {"dedent": "textwrap", "wrap": "textwrap", "shorten_to": "textwrap:shorten", "path": "os.path"},
... )
>>> getattr_("dedent")("  x"), getattr_("shorten_to")("a  b", 10)
('x', 'a b')
>>> "dedent" in package.__dict__, "wrap" in package.__dict__
(True, False)
>>> getattr_("path").__name__ in ("posixpath", "ntpath")
True
>>> getattr_("nothing")
Traceback (most recent call last):
...
AttributeError: module 'example' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_attributes"]


def lazy_attributes(
    namespace: dict[str, Any], names: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return a module's ``__getattr__`` and ``__dir__`` for names defined elsewhere.

    ``namespace`` is the module's ``globals()``; ``names`` maps each lazy name to the
    module that defines it (``"module:attribute"`` when the attribute has another name
    there), or, for a submodule, to the submodule itself.
    """
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        where = names.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module_name, _, attribute = where.partition(":")
        module = importlib.import_module(module_name)
        if not attribute and module_name.rpartition(".")[2] == name:
            value: Any = module
        else:
            value = getattr(module, attribute or name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *names})

    return __getattr__, __dir__
