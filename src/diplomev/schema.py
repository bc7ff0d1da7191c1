"""A JSON Schema (draft 2020-12) of the serialized form, for tools in other languages.

The schema is derived from the same field shapes that validate records, so it cannot drift
from them. It checks everything JSON Schema can express: tags, keys, types, vocabularies,
country codes, the EDTF date subset's syntax, ranges, array sizes and the "at least one
of" rules. A few checks need arithmetic or a calendar and are made by diplomev only: an
impossible day (``2026-02-30``), an interval that ends before it starts, and a quote whose
offsets do not span its text.

>>> schema = json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(schema["$defs"]["visit"]["required"])
['date', 'host', 'id', 'type', 'visitor']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from diplomev._fields import (
    INT_MAX,
    INT_MIN,
    Alpha3,
    Bool,
    Choice,
    Date,
    Day,
    ExtensionMap,
    Float,
    Int,
    Items,
    OneOf,
    Optional,
    Record,
    Shape,
    Str,
    plan_for,
)
from diplomev.actors import Country, Organization, Person
from diplomev.codec import FORMAT_VERSION
from diplomev.countries import country_codes
from diplomev.places import Location
from diplomev.records import DisputeParty, Event, Link, Meeting, event_type_name, event_types
from diplomev.sources import Quote, Source

__all__ = ["SCHEMA_ID", "json_schema"]

#: The schema's ``$id``: a name, not a place to fetch it from.
SCHEMA_ID = f"urn:diplomev:schema:{FORMAT_VERSION}"

_DAY = "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_POINT = "(?!0000)[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?[?~%]?"
#: The EDTF subset: a date, or an interval with at least one date end.
EDTF_PATTERN = f"^(?:{_POINT}(?:/(?:{_POINT}|\\.\\.)?)?|(?:\\.\\.)?/{_POINT})$"

_DEF_NAMES: dict[type, str] = {
    Country: "country",
    Person: "person",
    Organization: "organization",
    Location: "location",
    Source: "source",
    Quote: "quote",
    Link: "link",
    Meeting: "meeting",
    DisputeParty: "dispute_party",
}
_ACTOR_TAGS = {Country: "country", Person: "person", Organization: "organization"}

# The "at least one of" and "together or not at all" rules of the building blocks.
_RULES: dict[type, dict[str, Any]] = {
    Person: {"anyOf": [{"required": ["name"]}, {"required": ["office"]}]},
    Source: {"anyOf": [{"required": ["url"]}, {"required": ["title"]}]},
    Location: {
        "anyOf": [{"required": ["name"]}, {"required": ["country"]}, {"required": ["lat"]}],
        "dependentRequired": {"lat": ["lon"], "lon": ["lat"]},
    },
    Quote: {"dependentRequired": {"start": ["end"], "end": ["start"]}},
}


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


class _Builder:
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
            "actor": {"oneOf": [{"$ref": f"#/$defs/{tag}"} for tag in _ACTOR_TAGS.values()]},
        }

    def define(self, cls: type) -> str:
        name = event_type_name(cls) if issubclass(cls, Event) else _DEF_NAMES[cls]
        if name in self.defs:
            return name
        self.defs[name] = {}  # reserve the name first: definitions may refer to each other
        properties: dict[str, Any] = {}
        required: list[str] = []
        tag = event_type_name(cls) if issubclass(cls, Event) else _ACTOR_TAGS.get(cls)
        if tag is not None:
            properties["type"] = {"const": tag}
            required.append("type")
        if issubclass(cls, Event):
            properties["diplomev"] = {"const": FORMAT_VERSION}
        for field in plan_for(cls).fields:
            if isinstance(field.shape, ExtensionMap):
                continue
            properties[field.name] = self.shape(field.shape, nullable=not field.required)
            if field.required:
                required.append(field.name)
        definition: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            definition["required"] = required
        if issubclass(cls, Event):
            definition["patternProperties"] = {"^x_.": {}}
        definition["additionalProperties"] = False
        definition.update(_RULES.get(cls, {}))
        doc = (cls.__doc__ or "").strip().split("\n")[0]
        if doc:
            definition["description"] = doc
        self.defs[name] = definition
        return name

    def shape(self, shape: Shape, *, nullable: bool = False) -> dict[str, Any]:
        if isinstance(shape, Optional):
            inner = self.shape(shape.inner)
            return {"anyOf": [inner, {"type": "null"}]} if nullable else inner
        if isinstance(shape, Str):
            return {"$ref": "#/$defs/text"}
        if isinstance(shape, Alpha3):
            return {"$ref": "#/$defs/country_code"}
        if isinstance(shape, Date):
            return {"$ref": "#/$defs/edtf"}
        if isinstance(shape, Day):
            return {"$ref": "#/$defs/day"}
        if isinstance(shape, Bool):
            return {"type": "boolean"}
        if isinstance(shape, Int):
            low = INT_MIN if shape.ge is None else shape.ge
            return {"type": "integer", "minimum": low, "maximum": INT_MAX}
        if isinstance(shape, Float):
            result: dict[str, Any] = {"type": "number"}
            if shape.ge is not None:
                result["minimum"] = shape.ge
            if shape.le is not None:
                result["maximum"] = shape.le
            return result
        if isinstance(shape, Choice):
            return {"enum": [member.value for member in shape.enum]}
        if isinstance(shape, OneOf):
            for cls in shape.classes:
                self.define(cls)
            return {"$ref": "#/$defs/actor"}
        if isinstance(shape, Record):
            return {"$ref": f"#/$defs/{self.define(shape.cls)}"}
        if isinstance(shape, Items):
            result = {"type": "array", "items": self.shape(shape.inner)}
            if shape.min_items:
                result["minItems"] = shape.min_items
            return result
        raise TypeError(f"no JSON Schema for {shape!r}")  # pragma: no cover
