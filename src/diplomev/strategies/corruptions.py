"""The corruptions one part of a wire dict can take, each derived from the model.

- A scalar's wrong values come from its shape (`_BadValues`, a `ShapeVisitor`): a number
  for a string, ``"XXX"`` for a country code, a value outside the vocabulary of a
  `Choice`, a day that does not exist for a `Day`.
- A record's come from its plan: its tag, its keys, its required fields, and its
  declared rules, each broken by the rule itself (`Rule.break_wire`): an `AnyOf` or a
  `Together` makes an incomplete record, a `Span` a broken quote span, and a `Check`
  with a breaker a broken rule.

Each corruption is a `Variant`: what to set and delete, the path an error report must
name, and its footprint, the part of the record that no other corruption may touch
(a report of one could then hide the other).

>>> from diplomev.model.shapes import Alpha3
>>> [v.detail for v in scalar_groups(("host",), Alpha3(), "CHN", False, True)[0]][:2]
["replaced 'CHN' with 'XXX'", "replaced 'CHN' with 'CN'"]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from diplomev._json import MAX_DEPTH as MAX_JSON_DEPTH
from diplomev.countries import is_country_code
from diplomev.errors import key_segment
from diplomev.model import AnyOf, Check, ClassPlan, Rule, Span, Together, plan_for, registry
from diplomev.model import shapes as sh
from diplomev.model.identifiers import Id

Step = str | int
Steps = tuple[Step, ...]


class Variant(NamedTuple):
    """One concrete corruption: what to set and delete, and what it may not overlap."""

    kind: str
    # The part of the record the corruption owns: no other corruption may touch it, or
    # anything inside it, since the report of one could then hide the other.
    footprint: Steps
    #: The JSON path an error report must name.
    path: str
    detail: str
    sets: tuple[tuple[Steps, Any], ...] = ()
    deletes: tuple[Steps, ...] = ()


Groups = list[list[Variant]]


class _Absent:
    def __repr__(self) -> str:
        return "<absent>"


#: The value of a field the wire dict leaves out.
ABSENT: Any = _Absent()

# Keys that are no field of any record; "x_" is no custom field either (a name must follow).
_UNKNOWN_KEYS = ("venue", "notes", "extensions", "Type", "id", "name", "code")
_EVENT_UNKNOWN_KEYS = ("venue", "extensions", "x_", "Type", "notes", "participants", "host")
_NESTED_UNKNOWN_KEYS = (*_UNKNOWN_KEYS, "x_note", registry.VERSION_KEY, registry.TAG_KEY)
_CODES_THAT_ARE_NOT = ("XXX", "CN", "EU", "UK", "ZZZ", "")
_VOCABULARY_MISTAKES = ("finished", "in force", "unknown", "Other")
_IMPOSSIBLE_DATES = ("2026-02-30", "2025-13-01", "2026-01-07/2026-01-04", "2023-02-29")
_MALFORMED_DATES = ("20260105", "2026-W02-1", "2026-01-05T10:00", "../..", "5 January 2026")
_IMPOSSIBLE_DAYS = ("2026-02-30", "2025-13-01", "2023-02-29")
_MALFORMED_DAYS = ("2026-01", "2026-01-05?", "05/01/2026", "2026-01-05/2026-01-06", "2026")
_TOO_BIG = 10**400  # an integer no float holds: JSON text carries it, no record can
_NAN_EXTENSIONS: tuple[tuple[str, Any, Steps], ...] = (
    ("x_score", math.nan, ()),
    ("x_scores", [0.5, math.nan], (1,)),
    ("x_meta", {"model": "llm", "confidence": math.inf}, ("confidence",)),
)
#: The kind of corruption that breaking each kind of declared rule makes.
_RULE_KINDS: dict[type[Rule], str] = {
    AnyOf: "incomplete record",
    Together: "incomplete record",
    Span: "broken quote span",
    Check: "broken rule",
}


def path_of(steps: Steps) -> str:
    """Write steps as a JSON path: ``("sources", 0, "url")`` is ``$.sources[0].url``.

    >>> path_of(("sources", 0, "url"))
    '$.sources[0].url'
    """
    return "$" + "".join(key_segment(step) for step in steps)


def short(value: Any) -> str:
    """Show a value in a corruption's detail, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def replace(steps: Steps, old: Any, kind: str, values: Iterable[Any]) -> list[Variant]:
    """Variants that put each of ``values`` at ``steps`` (where ``old`` was, or nothing)."""
    verb = "added" if old is ABSENT else f"replaced {short(old)} with"
    at = path_of(steps)
    return [
        Variant(kind, steps, at, f"{verb} {short(value)}", sets=((steps, value),))
        for value in values
    ]


def _groups(*groups: list[Variant]) -> Groups:
    return [group for group in groups if group]


def _nulls(nullable: bool) -> list[Any]:
    """``null`` as a wrong value, where the field does not take it."""
    return [] if nullable else [None]


# --- scalars, from their shapes ------------------------------------------------------------

_BadLists = list[tuple[str, list[Any]]]


class _BadValues(sh.ShapeVisitor[_BadLists]):
    """Wrong values for a scalar field, by kind of corruption (none for other shapes)."""

    def __init__(self, value: Any, nullable: bool, allow_nan: bool) -> None:
        self.value = value
        self.nulls = _nulls(nullable)
        self.allow_nan = allow_nan

    def text(self, shape: sh.Str) -> _BadLists:
        bad = [
            ("wrong type", [12345, True, ["text"], {"text": "text"}, *self.nulls]),
            ("blank string", ["", " ", "\t\n"]),
        ]
        if isinstance(shape, Id):
            # An id that hides, or turns a terminal: NUL, ESC, a bidi override.
            bad.append(("bad characters", ["visit\x00", "visit\x1b[2J", "lee\u202etisiv"]))
        return bad

    def country(self, shape: sh.Alpha3) -> _BadLists:
        lower = self.value.lower() if isinstance(self.value, str) else "chn"
        codes = [*_CODES_THAT_ARE_NOT, lower]
        return [
            ("unknown country code", [c for c in codes if not is_country_code(c)]),
            ("wrong type", [410, ["CHN"], *self.nulls]),
        ]

    def currency(self, shape: sh.Currency) -> _BadLists:
        lower = self.value.lower() if isinstance(self.value, str) else "usd"
        return [
            ("unknown currency code", [lower, "US$", "dollars", "XAU", "ZZZ"]),
            ("wrong type", [840, ["USD"], *self.nulls]),
        ]

    def integer(self, shape: sh.Int) -> _BadLists:
        low = [] if shape.ge is None else [shape.ge - 1, shape.ge - 1000]
        return [("out of range", low), ("wrong type", ["3", 3.5, True, *self.nulls])]

    def number(self, shape: sh.Float) -> _BadLists:
        out: list[Any] = [_TOO_BIG, -_TOO_BIG]
        if shape.le is not None:
            out.insert(0, shape.le + 0.5)
        if shape.ge is not None:
            out.insert(0, shape.ge - 0.5)
        return [
            ("out of range", out),
            ("not finite", [math.nan, math.inf, -math.inf] if self.allow_nan else []),
            ("wrong type", ["39.9", True, [1.5], *self.nulls]),
        ]

    def boolean(self, shape: sh.Bool) -> _BadLists:
        return [("wrong type", ["true", 1, 0, "yes", *self.nulls])]

    def choice(self, shape: sh.Choice) -> _BadLists:
        mistakes = [*_VOCABULARY_MISTAKES, str(next(iter(shape.members))).upper()]
        if isinstance(self.value, str):
            mistakes.append(self.value.upper())
        unknown = [m for m in dict.fromkeys(mistakes) if m not in shape.members]
        return [
            ("unknown vocabulary value", unknown),
            ("wrong type", [3, True, ["text"], *self.nulls]),
        ]

    def date(self, shape: sh.Date) -> _BadLists:
        return [
            ("impossible date", list(_IMPOSSIBLE_DATES)),
            ("malformed date", list(_MALFORMED_DATES)),
            ("wrong type", [2026, ["2026"], {"year": 2026}, *self.nulls]),
        ]

    def day(self, shape: sh.Day) -> _BadLists:
        return [
            ("impossible date", list(_IMPOSSIBLE_DAYS)),
            ("malformed date", list(_MALFORMED_DAYS)),
            ("wrong type", [20260105, ["2026-01-05"], *self.nulls]),
        ]

    def _none(self, shape: sh.Shape) -> _BadLists:
        return []

    record = one_of = optional = items = extensions = _none


def scalar_groups(
    steps: Steps, shape: sh.Shape, value: Any, nullable: bool, allow_nan: bool
) -> Groups:
    """Wrong values for the scalar at ``steps`` (``value``, or `ABSENT`)."""
    bad = shape.accept(_BadValues(value, nullable, allow_nan))
    return _groups(*(replace(steps, value, kind, values) for kind, values in bad))


# --- arrays and nested records -------------------------------------------------------------


def list_groups(
    steps: Steps, shape: sh.Items, value: Any, nullable: bool, allow_nan: bool
) -> Groups:
    """Corruptions of an array (``value``, or `ABSENT`) as a whole: its type, its size."""
    wrong = replace(steps, value, "wrong type", ["text", {"item": 1}, 7, *_nulls(nullable)])
    if value is ABSENT:
        bad_values = shape.inner.accept(_BadValues(ABSENT, False, allow_nan))
        bad_item = bad_values[0][1][0] if bad_values else "text"
        at = path_of((*steps, 0))
        one_bad = Variant(
            "wrong type", steps, at, f"added [{short(bad_item)}]", ((steps, [bad_item]),)
        )
        return _groups(wrong, [one_bad])
    too_few = []
    if shape.min_items:
        kept = value[: shape.min_items - 1]
        detail = f"kept {len(kept)} of {len(value)} items"
        too_few.append(Variant("too few items", steps, path_of(steps), detail, ((steps, kept),)))
    return _groups(wrong, too_few)


def absent_record_groups(steps: Steps) -> Groups:
    """Corruptions that put a value that is no record where an optional record is left out."""
    return [replace(steps, ABSENT, "wrong type", ["text", 7])]


def _unknown_keys(steps: Steps, value: dict[str, Any], keys: Iterable[str]) -> list[Variant]:
    return [
        Variant(
            "unknown key",
            (*steps, key),
            path_of((*steps, key)),
            f"added {key!r}",
            (((*steps, key), 7),),
        )
        for key in keys
        if key not in value
    ]


def _missing_fields(steps: Steps, value: dict[str, Any], plan: ClassPlan) -> list[Variant]:
    return [
        Variant(
            "missing field",
            (*steps, field.name),
            path_of((*steps, field.name)),
            f"deleted {field.name!r}",
            deletes=((*steps, field.name),),
        )
        for field in plan.fields
        if field.required and field.name in value
    ]


def _tag_groups(steps: Steps, tag: str, bad: Sequence[Any]) -> list[Variant]:
    at = (*steps, registry.TAG_KEY)
    where = path_of(at)
    found = [Variant("bad tag", steps, where, f"{tag!r} became {b!r}", ((at, b),)) for b in bad]
    found.append(Variant("bad tag", steps, where, "deleted 'type'", deletes=(at,)))
    return found


def _other_tag(cls: type, tag: str) -> list[str]:
    """Return the first other tag of the family ``cls`` is tagged in (an actor's, an event's)."""
    for family in ("actor", "event"):
        tags = registry.tagged(family)
        if tags.get(tag) is cls:
            return [other for other in tags if other != tag][:1]
    return []


def _broken(
    steps: Steps, before: dict[str, Any], broken: tuple[dict[str, Any], str, str], kind: str
) -> Variant:
    """Return the variant that turns ``before`` into what a rule's breaker made of it."""
    after, path, _code = broken
    deletes = tuple((*steps, key) for key in before if key not in after)
    changed = [key for key in after if key not in before or after[key] != before[key]]
    sets = tuple(((*steps, key), after[key]) for key in changed)
    details = [f"set {key!r} to {short(after[key])}" for key in changed]
    if deletes:
        details.insert(0, "deleted " + " and ".join(repr(step[-1]) for step in deletes))
    return Variant(kind, steps, path_of(steps) + path[1:], ", ".join(details), sets, deletes)


def rule_groups(steps: Steps, value: dict[str, Any], plan: ClassPlan) -> Groups:
    """Return the record's declared rules, each broken by its own ``break_wire``.

    A rule is checked only when the rest of its record is valid, so the corruption owns
    the whole record.
    """
    groups = []
    for rule in plan.rules:
        broken = rule.break_wire(value)
        if broken is not None:
            kind = _RULE_KINDS.get(type(rule), "broken rule")
            groups.append([_broken(steps, value, broken, kind)])
    return groups


def record_groups(
    steps: Steps, value: dict[str, Any], cls: type, single: bool, nullable: bool
) -> Groups:
    """Corruptions of a nested record as a whole: its type, tag, keys and declared rules.

    ``single`` says whether the field holds this class alone (then another class's tag is
    wrong too) or one of several (an actor).
    """
    plan = plan_for(cls)
    wrong = replace(steps, value, "wrong type", ["text", ["text"], 7, *_nulls(nullable)])
    tags = []
    if plan.tag is not None:
        others = _other_tag(cls, plan.tag) if single else []
        tags = _tag_groups(steps, plan.tag, ("robot", 3, *others))
    fields = {field.name for field in plan.fields}
    # "type" is a field of tagged records only: elsewhere it is an unknown key.
    keys = [key for key in _NESTED_UNKNOWN_KEYS if key not in fields]
    if plan.tag is not None:
        keys.remove(registry.TAG_KEY)
    return [
        *_groups(
            wrong, tags, _unknown_keys(steps, value, keys), _missing_fields(steps, value, plan)
        ),
        *rule_groups(steps, value, plan),
    ]


# --- the event as a whole, and its x_ fields ----------------------------------------------


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


# Deeper than the codec reads custom values; the error names the innermost array it reads.
_TOO_DEEP = _nested(MAX_JSON_DEPTH + 2)
_DEEP_INSIDE: Steps = (0,) * (MAX_JSON_DEPTH - 1)


def _too_deep(steps: Steps, detail: str) -> Variant:
    return Variant(
        "nested too deeply", steps, path_of((*steps, *_DEEP_INSIDE)), detail, ((steps, _TOO_DEEP),)
    )


def event_groups(value: dict[str, Any], cls: type, allow_nan: bool) -> Groups:
    """Corruptions of the event as a whole: its tag, keys, version, custom fields, rules."""
    plan = plan_for(cls)
    tags = [
        Variant("bad tag", (), "$.type", f"'type' became {bad!r}", (((registry.TAG_KEY,), bad),))
        for bad in ("coup", 3)
    ]
    tags.append(Variant("bad tag", (), "$.type", "deleted 'type'", deletes=((registry.TAG_KEY,),)))
    fields = {field.name for field in plan.fields}
    version = replace((registry.VERSION_KEY,), ABSENT, "unsupported version", ["2", "0.9", 1])
    nan = []
    if allow_nan:
        nan = [
            Variant(
                "not finite",
                (key,),
                path_of((key, *inner)),
                f"added {key!r}: {short(bad)}",
                (((key,), bad),),
            )
            for key, bad, inner in _NAN_EXTENSIONS
            if key not in value
        ]
    deep = []
    if "x_deep" not in value:
        deep.append(_too_deep(("x_deep",), f"added 'x_deep' nested {MAX_JSON_DEPTH + 2} deep"))
    return [
        *_groups(
            _unknown_keys((), value, [key for key in _EVENT_UNKNOWN_KEYS if key not in fields]),
            _missing_fields((), value, plan),
            version,
            nan,
            deep,
            tags,
        ),
        *rule_groups((), value, plan),
    ]


def _json_leaves(value: Any, steps: Steps) -> Iterable[Steps]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_leaves(item, (*steps, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _json_leaves(item, (*steps, key))
    else:
        yield steps


def extension_groups(steps: Steps, value: Any, allow_nan: bool) -> Groups:
    """Corruptions of a custom ``x_`` field: a non-finite number inside it, or depth."""
    nan = []
    if allow_nan:
        for leaf in [steps, *list(_json_leaves(value, steps))[:3]]:
            nan.append(
                Variant("not finite", leaf, path_of(leaf), "put nan in", ((leaf, math.nan),))
            )
    deep = _too_deep(steps, f"nested the value {MAX_JSON_DEPTH + 2} deep")
    return _groups(nan, [deep])
