"""Cross-field rules, declared on the class that obeys them (stix2's co-constraints).

A record class lists its rules in ``constraints``; each rule is written once and read by
everything that needs it: validation (`Rule.check`, and `Rule.holds` on the fast path),
the JSON Schema (`Rule.schema`, where JSON Schema can say it), and the invalid-record
generator of the strategies (`Rule.break_wire`, a way to break it on a valid wire dict).

>>> import attrs
>>> from diplomev.model import Validated
>>> @attrs.frozen(kw_only=True)
... class Span2(Validated):
...     low: int | None = None
...     high: int | None = None
...     constraints = (Together("low", "high"),)
>>> Span2(low=1)
Traceback (most recent call last):
...
diplomev.errors.ValidationError: 1 problem: $: low and high come together or not at all

Rules run only when every field they read is well typed, so a wrong type is reported
once, as a wrong type.
"""

from __future__ import annotations

import abc
import copy
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from diplomev.errors import ErrorCode, ErrorDetail, key_segment

__all__ = ["AnyOf", "Check", "Rule", "Span", "Together"]


def _given(name: str) -> dict[str, Any]:
    """Return the JSON Schema of an object whose ``name`` is present and not null."""
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


class Rule(abc.ABC):
    """A rule over several fields of one record."""

    @property
    @abc.abstractmethod
    def fields(self) -> tuple[str, ...]:
        """The fields (attribute names, also the wire keys) the rule reads."""

    @abc.abstractmethod
    def check(self, record: Any) -> list[ErrorDetail]:
        """Return what is wrong with ``record`` under this rule (paths relative to it)."""

    def holds(self, record: Any) -> bool:
        """Tell whether ``record`` obeys the rule."""
        return not self.check(record)

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        """Return an expression that is true when the record ``var`` obeys the rule.

        Compiled into each class's generated code, as a shape's fast test is; ``ns`` is the
        namespace of that code, for any object the expression needs.
        """
        name = f"_rule{len(ns)}"
        ns[name] = self.holds
        return f"{name}({var})"

    def schema(self) -> Mapping[str, Any] | None:
        """Return the JSON Schema keywords that say the rule, or None if it cannot."""
        return None

    def break_wire(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], str, str] | None:
        """Return a copy of a valid wire dict that breaks the rule, its path and code.

        None when this record gives the rule nothing to break (the strategies then try
        another corruption).
        """
        return None


@attrs.frozen(init=False)
class AnyOf(Rule):
    """At least one of ``names`` is given (a person's name or office)."""

    names: tuple[str, ...]
    message: str

    def __init__(self, *names: str, message: str | None = None) -> None:
        text = message or "needs at least one of " + ", ".join(names)
        self.__attrs_init__(names, text)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.names

    def check(self, record: Any) -> list[ErrorDetail]:
        if self.holds(record):
            return []
        return [ErrorDetail("$", self.message, ErrorCode.ANY_OF)]

    def holds(self, record: Any) -> bool:
        return any(getattr(record, name) is not None for name in self.names)

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        return "(" + " or ".join(f"{var}.{name} is not None" for name in self.names) + ")"

    def schema(self) -> Mapping[str, Any]:
        # Present and not null: an optional field may be written as null, which says nothing.
        return {"anyOf": [_given(name) for name in self.names]}

    def break_wire(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], str, str] | None:
        broken = {key: value for key, value in data.items() if key not in self.names}
        return broken, "$", ErrorCode.ANY_OF


@attrs.frozen(init=False)
class Together(Rule):
    """Fields that come together or not at all (``lat`` and ``lon``)."""

    names: tuple[str, ...]

    def __init__(self, *names: str) -> None:
        self.__attrs_init__(names)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.names

    @property
    def message(self) -> str:
        """The message of a record that breaks the rule."""
        return f"{' and '.join(self.names)} come together or not at all"

    def check(self, record: Any) -> list[ErrorDetail]:
        if self.holds(record):
            return []
        return [ErrorDetail("$", self.message, ErrorCode.TOGETHER)]

    def holds(self, record: Any) -> bool:
        present = [getattr(record, name) is not None for name in self.names]
        return all(present) or not any(present)

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        first, *others = (f"({var}.{name} is None)" for name in self.names)
        return "(" + " and ".join(f"{first} == {other}" for other in others) + ")"

    def schema(self) -> Mapping[str, Any]:
        # Each one given (present and not null) makes the others given too.
        return {
            "allOf": [
                {
                    "if": _given(name),
                    "then": {"allOf": [_given(other) for other in self.names if other != name]},
                }
                for name in self.names
            ]
        }

    def break_wire(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], str, str] | None:
        if not all(data.get(name) is not None for name in self.names):
            return None
        broken = dict(data)
        del broken[self.names[-1]]
        return broken, "$", ErrorCode.TOGETHER


@attrs.frozen
class Span(Rule):
    """Offsets ``start``..``end`` (end exclusive) that span exactly the length of ``text``."""

    start: str = "start"
    end: str = "end"
    text: str = "text"

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.start, self.end, self.text)

    def check(self, record: Any) -> list[ErrorDetail]:
        start, end = getattr(record, self.start), getattr(record, self.end)
        text = getattr(record, self.text)
        if start is None or end is None or end - start == len(text):
            return []
        message = (
            f"the span {start}..{end} holds {end - start} characters but the text has {len(text)}"
        )
        return [ErrorDetail("$" + key_segment(self.end), message, ErrorCode.SPAN)]

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        start, end, text = (f"{var}.{name}" for name in self.fields)
        return f"({start} is None or {end} is None or {end} - {start} == len({text}))"

    def break_wire(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], str, str] | None:
        if data.get(self.start) is None or data.get(self.end) is None:
            return None
        broken = dict(data)
        broken[self.end] = data[self.end] + 1
        return broken, "$" + key_segment(self.end), ErrorCode.SPAN


@attrs.frozen
class Check(Rule):
    """A rule written as a function of the record, for what the declared rules cannot say.

    ``check`` returns the problems of a record (paths relative to it, ideally with a
    `ErrorCode`); ``breaker`` optionally breaks a valid wire dict, for the strategies.

    >>> from diplomev.errors import ErrorDetail
    >>> rule = Check(("yes", "no"), lambda r: [] if r.yes >= r.no else
    ...              [ErrorDetail("$.no", "more noes than yeses", "inconsistent")])
    >>> rule.fields
    ('yes', 'no')
    """

    reads: tuple[str, ...]
    function: Callable[[Any], list[ErrorDetail]]
    breaker: Callable[[Mapping[str, Any]], tuple[dict[str, Any], str, str] | None] | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return self.reads

    def check(self, record: Any) -> list[ErrorDetail]:
        return list(self.function(record))

    def break_wire(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], str, str] | None:
        return None if self.breaker is None else self.breaker(copy.deepcopy(dict(data)))
