"""A JSON Schema (draft 2020-12) of the serialized form, for tools in other languages.

The schema is derived from the class plans that validate records (their shapes, their
declared rules and their tags), so it cannot drift from them, and a kind a user registers
is in it with its own rules. It checks everything JSON Schema can express: tags, keys,
types, vocabularies, country codes, the EDTF date subset's syntax, ranges, array sizes,
"at least one of" and "together or not at all". A few checks need arithmetic or a
calendar and are made by diplomev only: an impossible day (``2026-02-30``), an interval
that ends before it starts, and a quote whose offsets do not span its text.

>>> schema = json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(schema["$defs"]["visit"]["required"])
['date', 'host', 'id', 'type', 'visitor']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from diplomev.countries import country_codes
from diplomev.currencies import currency_codes
from diplomev.model import plan_for, registry
from diplomev.model import shapes as sh
from diplomev.model.identifiers import ID_PATTERN, Id
from diplomev.model.shapes import INT_MAX, INT_MIN
from diplomev.records import Event, event_type_name, event_types

__all__ = ["EDTF_PATTERN", "SCHEMA_ID", "json_schema"]

FORMAT_VERSION = registry.FORMAT_VERSION
#: The schema's ``$id``: a name, not a place to fetch it from.
SCHEMA_ID = f"urn:diplomev:schema:{FORMAT_VERSION}"

_DAY = "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_POINT = "(?!0000)[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?[?~%]?"
#: The EDTF subset: a date, or an interval with at least one date end.
EDTF_PATTERN = f"^(?:{_POINT}(?:/(?:{_POINT}|\\.\\.)?)?|(?:\\.\\.)?/{_POINT})$"


def json_schema(kinds: Iterable[type[Event]] | None = None) -> dict[str, Any]:
    """Return the JSON Schema of one event of any of ``kinds`` (default: every registered kind).

    Custom ``x_`` keys are allowed on events by pattern; any other unknown key is refused.

    >>> from diplomev import Summit
    >>> schema = json_schema([Summit])
    >>> schema["oneOf"]
    [{'$ref': '#/$defs/summit'}]
    >>> schema["$defs"]["summit"]["properties"]["participants"]["minItems"]
    2
    """
    selected = list(event_types().values() if kinds is None else kinds)
    builder = _Builder()
    for cls in selected:
        builder.define(cls)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "diplomev event",
        "description": "One diplomatic event in diplomev's serialized form, format version "
        f"{FORMAT_VERSION}. See docs/format.md.",
        "oneOf": [{"$ref": f"#/$defs/{event_type_name(cls)}"} for cls in selected],
        "$defs": dict(sorted(builder.defs.items())),
    }


def _def_name(cls: type) -> str:
    """Return the name of a class's definition: its tag, or its name in snake case."""
    return registry.tag_of(cls) or re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


class _Builder(sh.ShapeVisitor[dict[str, Any]]):
    """Collects the definitions that the selected kinds need, from their plans."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "text": {"type": "string", "pattern": "\\S", "description": "Text that is not blank."},
            "country_code": {
                "enum": sorted(country_codes()),
                "description": "An ISO 3166-1 alpha-3 code, or XKX for Kosovo.",
            },
            "edtf": {
                "type": "string",
                "pattern": EDTF_PATTERN,
                "description": "A date in diplomev's EDTF subset: YYYY, YYYY-MM or YYYY-MM-DD, "
                "optionally followed by ?, ~ or %; or an interval A/B whose ends may be empty "
                "(unknown) or .. (open), with at least one date end.",
            },
            "day": {"type": "string", "pattern": f"^{_DAY}$", "format": "date"},
        }

    def define(self, cls: type) -> str:
        name = _def_name(cls)
        if name in self.defs:
            return name
        self.defs[name] = {}  # reserve the name first: definitions may refer to each other
        plan = plan_for(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if plan.tag is not None:
            properties[registry.TAG_KEY] = {"const": plan.tag}
            required.append(registry.TAG_KEY)
        if plan.is_event:
            properties[registry.VERSION_KEY] = {"const": FORMAT_VERSION}
        for field in plan.wire_fields:
            schema = field.shape.accept(self)
            if not field.required and field.nullable:
                schema = {"anyOf": [schema, {"type": "null"}]}
            properties[field.name] = schema
            if field.required:
                required.append(field.name)
        definition: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            definition["required"] = required
        if plan.is_event:
            definition["patternProperties"] = {"^x_.": {}}
        definition["additionalProperties"] = False
        for rule in plan.rules:
            for keyword, value in (rule.schema() or {}).items():
                _merge(definition, keyword, value)
        doc = (cls.__doc__ or "").strip().split("\n")[0]
        if doc:
            definition["description"] = doc
        self.defs[name] = definition
        return name

    def text(self, shape: sh.Str) -> dict[str, Any]:
        if isinstance(shape, Id):
            self.defs.setdefault(
                "identifier",
                {
                    "$ref": "#/$defs/text",
                    "pattern": ID_PATTERN,
                    "description": "Text that names a record or a resource: not blank, and "
                    "without control characters, line separators or bidi controls.",
                },
            )
            return {"$ref": "#/$defs/identifier"}
        return {"$ref": "#/$defs/text"}

    def country(self, shape: sh.Alpha3) -> dict[str, Any]:
        return {"$ref": "#/$defs/country_code"}

    def currency(self, shape: sh.Currency) -> dict[str, Any]:
        self.defs.setdefault(
            "currency_code",
            {"enum": sorted(currency_codes()), "description": "An ISO 4217 currency code."},
        )
        return {"$ref": "#/$defs/currency_code"}

    def date(self, shape: sh.Date) -> dict[str, Any]:
        return {"$ref": "#/$defs/edtf"}

    def day(self, shape: sh.Day) -> dict[str, Any]:
        return {"$ref": "#/$defs/day"}

    def boolean(self, shape: sh.Bool) -> dict[str, Any]:
        return {"type": "boolean"}

    def integer(self, shape: sh.Int) -> dict[str, Any]:
        low = INT_MIN if shape.ge is None else shape.ge
        return {"type": "integer", "minimum": low, "maximum": INT_MAX}

    def number(self, shape: sh.Float) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "number"}
        if shape.ge is not None:
            result["minimum"] = shape.ge
        if shape.le is not None:
            result["maximum"] = shape.le
        return result

    def choice(self, shape: sh.Choice) -> dict[str, Any]:
        return {"enum": list(shape.members)}

    def one_of(self, shape: sh.OneOf) -> dict[str, Any]:
        names = [self.define(cls) for cls in shape.classes]
        union = "actor" if set(names) == set(registry.tagged("actor")) else "_or_".join(names)
        self.defs.setdefault(union, {"oneOf": [{"$ref": f"#/$defs/{name}"} for name in names]})
        return {"$ref": f"#/$defs/{union}"}

    def record(self, shape: sh.Record) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.define(shape.cls)}"}

    def optional(self, shape: sh.Optional) -> dict[str, Any]:
        return shape.inner.accept(self)

    def items(self, shape: sh.Items) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "array", "items": shape.inner.accept(self)}
        if shape.min_items:
            result["minItems"] = shape.min_items
        return result

    def extensions(self, shape: sh.ExtensionMap) -> dict[str, Any]:  # pragma: no cover
        raise TypeError("x_ fields are allowed by the event's patternProperties")


def _merge(definition: dict[str, Any], keyword: str, value: Any) -> None:
    """Add a rule's keyword; two rules that use the same one must both hold."""
    if keyword == "allOf":
        definition.setdefault("allOf", []).extend(value)
    elif keyword not in definition:
        definition[keyword] = value
    else:
        definition.setdefault("allOf", []).append({keyword: value})
