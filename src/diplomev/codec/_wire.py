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


class _Answer:
    """A generated function's answer other than a record, known by identity and its name."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


#: The fast path's answer for input it does not take as it stands.
INVALID: Any = _Answer("INVALID")
MISSING: Any = object()


#: What `diplomev.codec._accel.Accelerator.loads` gives for a text it read and found a
#: value of wrong (msgspec's checks or the builders'): `loads` then reads it in full at
#: once, rather than parsing it and running the fast pass once more first.
REFUSED: Any = _Answer("REFUSED")


class _Trail(threading.local):
    """What the fast functions of this thread learned since the last reading in full.

    A record refused deep down is refused by every record above it too; the detailed
    functions then read those records in full directly, rather than running each one's
    fast function again (which would read their valid parts once more at every level).
    The nested records a refused record had already built are kept too (``built``, by
    the id of their wire data, with that data so that a reused id never matches), so the
    reading in full takes them as they are instead of building them again.
    """

    def __init__(self) -> None:
        self.refused: list[int] = []
        self.ids: frozenset[int] = frozenset()
        self.built: dict[int, tuple[Any, Any]] = {}


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


#: A class's fields that hold records: (wire key, the variable of the finished value,
#: the variable of the array being filled or None), as the fast function names them.
NestedFields = tuple[tuple[str, str, "str | None"], ...]


def failed_keeping(nested: NestedFields) -> Any:
    """Return the fast function's ``fail`` for a class with nested records.

    Called with the values of the generated function's variables for ``nested`` (each
    field's, then the list filling it if an array: INVALID for a record not built, None for
    an array not begun), it keeps the nested records that were already built (see `_Trail`)
    before noting the refusal as `failed` does.
    """

    def fail(data: dict[str, Any], values: tuple[Any, ...]) -> Any:
        built = TRAIL.built
        if len(built) >= _MOST_REFUSED:
            built.clear()
        at = iter(values)
        for key, _, filling in nested:
            finished = next(at)
            filled = next(at) if filling is not None else None
            source = data.get(key)
            if source is None:
                continue
            if filling is None:
                if finished is not INVALID:  # INVALID: not built, or the one refused
                    built[id(source)] = (source, finished)
                continue
            done = finished if finished is not None else filled
            if done is not None:
                for item, record in zip(source, done, strict=False):
                    if record is not None:
                        built[id(item)] = (item, record)
        return failed(data)

    return fail


def forget_trail() -> None:
    """Forget what the fast functions noted: their refusal will not be read in full."""
    TRAIL.refused.clear()
    TRAIL.built.clear()


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
