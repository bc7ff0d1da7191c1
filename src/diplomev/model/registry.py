"""The wire identity of record classes: the ``"type"`` tag each class carries.

Two families are tagged: events (``summit``, ``visit``, a user's ``ceasefire``) and actors
(``country``, ``person``, ``organization``). A class is registered once, with its tag, and
the codec, the JSON Schema, the CSV columns and the strategies all ask here.

>>> from diplomev import Country, Summit
>>> tag_of(Summit), tag_of(Country)
('summit', 'country')
>>> tagged("actor")["person"].__name__
'Person'
"""

from __future__ import annotations

import keyword
import re
import types
from collections.abc import Callable, Mapping
from typing import TypeVar

import attrs

__all__ = [
    "FORMAT_VERSION",
    "TAG_KEY",
    "VERSION_KEY",
    "register",
    "tag_of",
    "tagged",
]

#: The version of the serialized form this release writes (the ``"diplomev"`` key).
FORMAT_VERSION = "1"
#: The key of every event's and actor's tag.
TAG_KEY = "type"
#: The key of an event's format version.
VERSION_KEY = "diplomev"
_RESERVED_KEYS = frozenset({TAG_KEY, VERSION_KEY})
_TAG = re.compile(r"[a-z][a-z0-9_]*\Z")

_BY_TAG: dict[str, dict[str, type]] = {"event": {}, "actor": {}}
_TAGS: dict[type, str] = {}

C = TypeVar("C", bound=type)


def register(family: str, tag: str, cls: C) -> C:
    """Register ``cls`` under ``tag`` in ``family`` (``"event"`` or ``"actor"``).

    Tags are lowercase words with underscores, taken once per family; field names must
    not clash with the keys the wire reserves (``type``, ``diplomev``, ``x_...``).
    """
    if not _TAG.match(tag) or keyword.iskeyword(tag):
        raise ValueError(f"type names are lowercase words with underscores, got {tag!r}")
    if "__attrs_attrs__" not in cls.__dict__:
        raise TypeError(f"decorate {cls.__name__} with @attrs.frozen(kw_only=True) first")
    classes = _BY_TAG[family]
    if tag in classes and classes[tag] is not cls:
        raise ValueError(f"type name {tag!r} is taken by {classes[tag].__qualname__}")
    for attribute in attrs.fields(cls):
        if attribute.name in _RESERVED_KEYS or attribute.name.startswith("x_"):
            raise ValueError(f"field name {attribute.name!r} is reserved on the wire")
    classes[tag] = cls
    _TAGS[cls] = tag
    return cls


def actor_type(tag: str) -> Callable[[C], C]:
    """Register an actor class under its wire tag; a class decorator.

    >>> actor_type("country")  # doctest: +ELLIPSIS
    <function actor_type.<locals>.decorate at ...>
    """

    def decorate(cls: C) -> C:
        return register("actor", tag, cls)

    return decorate


def tag_of(cls: type) -> str | None:
    """Return the tag ``cls`` is written with, or None for an untagged building block.

    >>> from diplomev import Location
    >>> tag_of(Location) is None
    True
    """
    return _TAGS.get(cls)


def tagged(family: str) -> Mapping[str, type]:
    """Return the registered classes of ``family`` by tag, in registration order (read-only).

    >>> list(tagged("actor"))
    ['country', 'organization', 'person']
    """
    return types.MappingProxyType(_BY_TAG[family])
