"""What the codec's generated functions share: the fast path's sentinel, the wire's keys."""

from __future__ import annotations

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
