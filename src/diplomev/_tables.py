"""The one loader of the tables diplomev ships as JSON in ``diplomev/data/``.

`load_table` reads a table on its first use and keeps it, so importing a module that needs
a table costs nothing until the table is needed, and a table is read from the package once
per process. The result is read-only: JSON objects become `types.MappingProxyType` and
arrays become tuples, so that no caller can change what the next caller sees.

>>> codes = load_table("fips_countries.json")["codes"]
>>> codes["RS"]
'RUS'
>>> load_table("fips_countries.json") is load_table("fips_countries.json")
True
>>> codes["RS"] = "SRB"
Traceback (most recent call last):
...
TypeError: 'mappingproxy' object does not support item assignment
"""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import Any

__all__ = ["load_table"]


def _freeze(value: Any) -> Any:
    """Return a JSON value with objects as read-only mappings and arrays as tuples."""
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


@functools.cache
def load_table(name: str) -> Any:
    """Return the packaged table ``diplomev/data/<name>``, parsed and read-only, read once.

    Objects come back as read-only mappings, arrays as tuples; strings, numbers, booleans
    and null as `json` reads them. A race between two first uses only reads the table twice.

    >>> load_table("countries.json")["countries"][0]["alpha3"]
    'ABW'
    """
    # Imported here, not at module level: importlib.resources alone costs milliseconds to
    # import, and only the first use of a table needs it.
    import json
    from importlib.resources import files

    text = (files("diplomev") / "data" / name).read_text(encoding="utf-8")
    return _freeze(json.loads(text))
