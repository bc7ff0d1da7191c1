"""What the codec's generated functions share: the fast path's sentinel, the wire's keys."""

from __future__ import annotations

import threading
from typing import Any

import attrs

from diplomev._json import json_type_name
from diplomev.errors import ErrorCode, ValidationError
from diplomev.model import registry
from diplomev.model.convert import is_ours
from diplomev.model.plans import ClassPlan, FieldPlan, Validated
from diplomev.records import Event


class _Invalid:
    """The fast path's answer for input it does not take as it stands."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()
MISSING: Any = object()


class _Trail(threading.local):
    """The records the fast functions of this thread refused since the last reading in full.

    A record refused deep down is refused by every record above it too; the detailed
    functions then read those records in full directly, rather than running each one's
    fast function again (which would read their valid parts once more at every level).
    """

    def __init__(self) -> None:
        self.refused: list[int] = []
        self.ids: frozenset[int] = frozenset()


TRAIL = _Trail()
# Only ever a hint (a stale id costs a reading in full, never a wrong result): kept short.
_MOST_REFUSED = 10_000


def failed(data: object) -> Any:
    """Note that a fast function refused ``data``, and return `INVALID`."""
    refused = TRAIL.refused
    if len(refused) >= _MOST_REFUSED:
        refused.clear()
    refused.append(id(data))
    return INVALID


def take_trail() -> None:
    """Start reading in full: what was refused since the last time is what to read so."""
    TRAIL.ids = frozenset(TRAIL.refused)
    TRAIL.refused.clear()


TAG, VERSION, FORMAT = registry.TAG_KEY, registry.VERSION_KEY, registry.FORMAT_VERSION


def short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def wrong_type(expected: str, value: object) -> ValidationError:
    message = f"expected {expected}, got {json_type_name(value)}"
    return ValidationError.at("$", message, ErrorCode.WRONG_TYPE)


def trusted_construction(cls: type) -> bool:
    """Tell whether building ``cls`` runs nothing but diplomev's own normalizing and checks."""
    own_post_init = cls.__attrs_post_init__ in (  # type: ignore[attr-defined]
        Validated.__attrs_post_init__,
        Event.__attrs_post_init__,
    )
    plain_fields = all(
        a.validator is None and (a.converter is None or is_ours(a.converter))
        for a in attrs.fields(cls)
    )
    return own_post_init and plain_fields and not hasattr(cls, "__attrs_pre_init__")


def fields_on_wire(plan: ClassPlan) -> list[FieldPlan]:
    return list(plan.wire_fields)


def known_keys(plan: ClassPlan) -> frozenset[str]:
    extra = {TAG} if plan.tag is not None else set()
    if plan.is_event:
        extra.add(VERSION)
    return frozenset(field.name for field in fields_on_wire(plan)) | extra
