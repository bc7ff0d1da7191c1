"""PLOVER's closed vocabularies and the JSON Schema of diplomev's PLOVER profile.

The vocabularies are those of the PLOVER manual, "DRAFT Version 2.0"
(openeventdata/PLOVER@5e0c24f, PLOVER_MANUAL.tex): 16 event types, the modes each allows,
37 contexts. PLOVER publishes no JSON Schema; `plover_schema` is ours.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

#: The 16 PLOVER event types.
EVENTS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: The modes each event type allows (types not listed take none).
MODES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "CONSULT": ("visit", "third-party", "multilateral", "phone"),
        "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
        "REQUEST": ("assist", "change", "yield", "meet"),
        "ACCUSE": ("disapprove", "investigate", "allege"),
        "REJECT": ("assist", "change", "yield", "meet"),
        "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
        "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
        "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
        "MOBILIZE": ("troops", "weapons", "police", "militia"),
        "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
                   "withhold", "misinformation", "cyber"),
        "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                    "firearms", "explosives", "suicide-attack", "aerial", "drone",
                    "heavy-weapons", "crowd-control", "unconventional"),
    }
)  # fmt: skip

#: The 37 PLOVER contexts.
CONTEXTS: tuple[str, ...] = (
    "military", "intelligence", "executive", "legislative", "election",
    "political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal",
    "reparations", "human_rights", "rights_freedoms", "repression", "human_security",
    "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory",
    "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource",
    "environment", "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime",
    "corruption", "illegal_drugs", "trafficking",
)  # fmt: skip

#: Event types that require a recipient.
NEEDS_RECIPIENT: tuple[str, ...] = ("COOPERATE", "AID", "SANCTION")

#: The key of a PLOVER record under which diplomev keeps what PLOVER cannot hold.
EXTRAS_KEY = "x_diplomev"

#: Codes PLOVER uses in an entity's ``code`` for actors that are not countries.
SPECIAL_CODES: Mapping[str, str] = MappingProxyType(
    {
        "IGO": "international governmental organization",
        "UNO": "United Nations",
        "EUR": "European Union",
        "NGO": "non-governmental organization",
        "ISM": "international social movement",
        "IMG": "transnational militarized group",
        "MNC": "multinational corporation",
    }
)

_DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
_CODE = {"type": "string", "pattern": r"^[A-Z]{3}$"}
_TEXT = {"type": "string", "minLength": 1}
_EXTENSIONS: dict[str, Any] = {"^x_": {}}


def plover_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of diplomev's PLOVER profile.

    The profile is PLOVER 2.0's JSON record (snake_case names, lists for ``actor``,
    ``recipient``, ``event``, ``mode`` and ``context``) with closed vocabularies, the
    modes each event type allows, a recipient for COOPERATE, AID and SANCTION, and
    ``x_``-prefixed extension keys (``x_diplomev`` holds what PLOVER cannot).

    >>> schema = plover_schema()
    >>> schema["$schema"], schema["required"]
    ('https://json-schema.org/draft/2020-12/schema', ['id', 'date', 'actor', 'event'])
    """
    entity = {
        "type": "object",
        "description": "An actor or recipient: a country code (or IGO, UNO, EUR, NGO, ISM, "
        "IMG, MNC), a sector, the text and the identity of the entity.",
        "properties": {
            "code": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "sector": _CODE,
            "entity_text": _TEXT,
            "identifier_id": {"type": "string", "pattern": r"^Q\d+$"},
            "identifier_text": _TEXT,
            "office": _TEXT,
            "religion": _TEXT,
            "ethnicity": _TEXT,
            "gender": _TEXT,
            "age": {"type": ["string", "integer"]},
        },
        "patternProperties": _EXTENSIONS,
        "additionalProperties": False,
        "minProperties": 1,
    }
    location = {
        "type": "object",
        "description": "Where the event happened (GeoNames fields, resolution 5 sub-city to "
        "1 country).",
        "properties": {
            "extracted_place": _TEXT,
            "resolved_place": _TEXT,
            "geonameid": {"type": ["string", "integer"]},
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "lon": {"type": "number", "minimum": -180, "maximum": 180},
            "city": _TEXT,
            "district": _TEXT,
            "province": _TEXT,
            "country": _TEXT,
            "country_code": _CODE,
            "feature_class": {"type": "string", "pattern": "^[AHLPRSTUV]$"},
            "feature_code": _TEXT,
            "resolution": {"type": "integer", "minimum": 1, "maximum": 5},
        },
        "dependentRequired": {"lat": ["lon"], "lon": ["lat"]},
        "patternProperties": _EXTENSIONS,
        "additionalProperties": False,
    }
    cite_keys = ("corpus", "citation", "url", "title", "publication", "license", "copyright",
                 "coder", "codebook", "version")  # fmt: skip
    cite_info = {
        "type": "object",
        "properties": dict.fromkeys(cite_keys, _TEXT)
        | {"language": {"type": "string", "pattern": "^[a-z]{2}$"}},
        "patternProperties": _EXTENSIONS,
        "additionalProperties": False,
    }
    text_info = {
        "type": "object",
        "properties": {
            "sequence": {"type": "integer", "minimum": 0},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "text_story": {"type": "array", "items": {"type": "string"}},
        },
        "patternProperties": _EXTENSIONS,
        "additionalProperties": False,
    }
    modes = sorted({mode for allowed in MODES.values() for mode in allowed})
    rules: list[dict[str, Any]] = [
        {
            "if": {"properties": {"event": {"contains": {"enum": list(NEEDS_RECIPIENT)}}}},
            "then": {"required": ["recipient"], "properties": {"recipient": {"minItems": 1}}},
        }
    ]
    for event in EVENTS:
        allowed: dict[str, Any] = {"enum": list(MODES[event])} if event in MODES else {"not": {}}
        rules.append(
            {
                "if": {"properties": {"event": {"const": [event]}}, "required": ["event"]},
                "then": {"properties": {"mode": {"items": allowed}}},
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:diplomev:plover-profile:1",
        "title": "A PLOVER 2.0 event record (diplomev profile)",
        "description": "PLOVER 2.0 draft JSON (openeventdata/PLOVER, PLOVER_MANUAL.tex) as "
        "diplomev writes it. Keys starting with x_ are extensions; x_diplomev holds the "
        "diplomev fields PLOVER cannot hold.",
        "type": "object",
        "required": ["id", "date", "actor", "event"],
        "properties": {
            "id": _TEXT,
            "has_event": {"type": "boolean"},
            "date": _DAY,
            "time": _TEXT,
            "enddate": _DAY,
            "endtime": _TEXT,
            "actor": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/entity"}},
            "recipient": {"type": "array", "items": {"$ref": "#/$defs/entity"}},
            "event": {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"enum": list(EVENTS)},
            },
            "mode": {"type": "array", "uniqueItems": True, "items": {"enum": modes}},
            "context": {"type": "array", "uniqueItems": True, "items": {"enum": list(CONTEXTS)}},
            "event_loc": {"$ref": "#/$defs/location"},
            "event_text": {"type": "array", "items": {"type": "string"}},
            "quad_code": {"type": "integer", "minimum": 1, "maximum": 4},
            "event_scale": {"type": "number", "minimum": -10, "maximum": 10},
            "link": _TEXT,
            "text": {"type": "string"},
            "text_info": {"$ref": "#/$defs/text_info"},
            "cite_info": {"$ref": "#/$defs/cite_info"},
            "coder": _TEXT,
            "coded_date": _DAY,
            "coded_time": _TEXT,
            "comment": {"type": "string"},
            EXTRAS_KEY: {
                "type": "object",
                "description": "What the PLOVER fields do not hold of a diplomev record: "
                "fields (wire form) to set, and fields to leave absent.",
                "properties": {
                    "fields": {"type": "object"},
                    "absent": {"type": "array", "uniqueItems": True, "items": {"type": "string"}},
                },
                "additionalProperties": False,
            },
        },
        "patternProperties": _EXTENSIONS,
        "additionalProperties": False,
        "allOf": rules,
        "$defs": {
            "entity": entity,
            "location": location,
            "cite_info": cite_info,
            "text_info": text_info,
        },
    }
