"""The one generator of records: any record class, drawn from its plan, field by field.

A `Kit` holds the strategies of one set of country codes (every known code, or the list a
caller gives `diplomev.strategies.events`). It draws a record of any class the same way,
whether diplomev defines the class or a user registered it:

1. each field is drawn from its shape (`_Values`, a `ShapeVisitor`): a tuple is a few
   distinct items, an optional value is None half the time, a vocabulary is one of its
   members, a nested record is drawn the same way; where `realistic` knows better what a
   field holds (a person's name, a quote's text, an event's id), its values replace the
   shape's, and the shape still says whether it may be None and how many it holds;
2. the class's declared rules are repaired (`repair`): an `AnyOf` with none of its fields
   gets one, a `Together` gets the fields it lacks, a `Span` gets the end its text needs;
3. `realistic`'s finishers adjust what belongs together across fields (a summary that
   names the event's actors, meetings on the days of their visit);
4. the record is built; what a rule that cannot be repaired (a `Check`) refuses is
   discarded.

>>> import attrs
>>> from hypothesis import given, settings
>>> from diplomev import Actor, Event, limits
>>> from diplomev.model import AnyOf
>>> @attrs.frozen(kw_only=True)
... class Truce(Event):
...     sides: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=2))
...     broker: Actor | None = None
...     guarantor: Actor | None = None
...     constraints = (AnyOf("broker", "guarantor"),)
>>> @settings(max_examples=20, derandomize=True)
... @given(kit().records(Truce))
... def test_a_users_kind(truce):
...     assert len(truce.sides) >= 2 and (truce.broker or truce.guarantor)
>>> test_a_users_kind()
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from diplomev.actors import Actor, CountryCode
from diplomev.countries import country_codes as known_codes
from diplomev.errors import ValidationError
from diplomev.model import AnyOf, Rule, Span, Together, plan_for, shape_of
from diplomev.model import shapes as sh
from diplomev.model.plans import FieldPlan
from diplomev.strategies import realistic
from diplomev.strategies import vocabulary as vocab
from diplomev.strategies.values import (
    DAYS,
    EVENT_DATES,
    EXTENSIONS,
    SearchStrategy,
    maybe,
    pick,
)

__all__ = ["Kit", "kit"]

#: What a field that takes any actor holds, as the model says it.
ACTOR = shape_of(Actor)
_BOOLEANS = st.booleans()
_CURRENCIES = st.sampled_from(vocab.CURRENCIES)
_OTHER_TEXTS = st.sampled_from(vocab.OTHER_TEXTS)


@functools.cache
def _default_codes() -> SearchStrategy[CountryCode]:
    common = tuple(CountryCode(code) for code in vocab.COMMON_CODES)
    every = tuple(CountryCode(code) for code in sorted(known_codes()))
    return st.sampled_from(common) | st.sampled_from(every)


class Kit:
    """The strategies of one set of country codes (all known codes, or a caller's list)."""

    def __init__(self, codes: tuple[CountryCode, ...] | None) -> None:
        if codes is None:
            # Deferred, so that the country table is read on the first draw, not before.
            self.code: SearchStrategy[CountryCode] = st.deferred(lambda: _default_codes())
            self.places = vocab.PLACES
        else:
            self.code = st.sampled_from(codes)
            self.places = tuple(p for p in vocab.PLACES if p[1] is None or p[1] in codes)
        self.maybe_code = maybe(self.code)
        self._records: dict[type, SearchStrategy[Any]] = {}
        self._fields: dict[type, tuple[tuple[str, SearchStrategy[Any]], ...]] = {}
        self._present: dict[tuple[type, str], SearchStrategy[Any]] = {}
        self.actor: SearchStrategy[Actor] = ACTOR.accept(_Values(self, "", None))

    def records(self, cls: type) -> SearchStrategy[Any]:
        """Return the strategy of records of ``cls`` (built once, and on the first draw)."""
        found = self._records.get(cls)
        if found is None:
            found = self._records[cls] = st.deferred(lambda: self._build(cls))
        return found

    def _build(self, cls: type) -> SearchStrategy[Any]:
        builder = realistic.BUILDERS.get(cls)
        return builder(self) if builder is not None else self.drawn(cls)

    def drawn(
        self, cls: type, given: Mapping[str, SearchStrategy[Any]] | None = None
    ) -> SearchStrategy[Any]:
        """Return records of ``cls`` drawn field by field, ``given`` fields from strategies of their own."""
        fields = self.fields(cls)
        if given:
            fields = tuple((name, given.get(name, strategy)) for name, strategy in fields)
        return _drawn(self, cls, _Fields(cls, fields))

    def fields(self, cls: type) -> tuple[tuple[str, SearchStrategy[Any]], ...]:
        """Return each field of ``cls`` with the strategy of its values."""
        found = self._fields.get(cls)
        if found is None:
            found = self._fields[cls] = tuple(
                (field.name, field.shape.accept(self._values(cls, field)))
                for field in plan_for(cls).fields
            )
        return found

    def present(self, cls: type, name: str) -> SearchStrategy[Any]:
        """Return the strategy of a value of the field ``name`` that is not None (for repairs)."""
        key = (cls, name)
        found = self._present.get(key)
        if found is None:
            field = plan_for(cls).field(name)
            found = self._present[key] = field.shape.accept(self._values(cls, field, present=True))
        return found

    def _values(self, cls: type, field: FieldPlan, *, present: bool = False) -> _Values:
        return _Values(self, field.name, realistic.values_for(cls, field.name, self), present)


@functools.cache
def kit(codes: tuple[CountryCode, ...] | None = None) -> Kit:
    """Return the kit of ``codes`` (None: every known code), built once."""
    return Kit(codes)


def _identity(value: Any) -> Any:
    # Items are distinct; a record that stands for an actor in a role (a dispute's party)
    # is told apart by its actor, so that no actor is two parties of one dispute.
    return getattr(value, "actor", value)


class _Values(sh.ShapeVisitor[SearchStrategy[Any]]):
    """The strategy of a field's values, from its shape.

    ``values`` (from `realistic`, or None) is what the field's values are drawn from in
    place of the shape's own: the shape's optional and tuple parts still wrap it. With
    ``present`` the field is never None.
    """

    def __init__(
        self,
        kit: Kit,
        name: str,
        values: SearchStrategy[Any] | None,
        present: bool = False,
    ) -> None:
        self.kit = kit
        self.name = name
        self.values = values
        self.present = present

    def _or(self, own: Callable[[], SearchStrategy[Any]]) -> SearchStrategy[Any]:
        return own() if self.values is None else self.values

    def text(self, shape: sh.Str) -> SearchStrategy[Any]:
        return self._or(lambda: realistic.TEXTS.get(self.name, _OTHER_TEXTS))

    def country(self, shape: sh.Alpha3) -> SearchStrategy[Any]:
        return self._or(lambda: self.kit.code)

    def currency(self, shape: sh.Currency) -> SearchStrategy[Any]:
        return self._or(lambda: _CURRENCIES)

    def integer(self, shape: sh.Int) -> SearchStrategy[Any]:
        low = -1000 if shape.ge is None else shape.ge
        return self._or(lambda: st.integers(low, low + 2000))

    def number(self, shape: sh.Float) -> SearchStrategy[Any]:
        return self._or(
            lambda: st.floats(shape.ge, shape.le, allow_nan=False, allow_infinity=False)
        )

    def boolean(self, shape: sh.Bool) -> SearchStrategy[Any]:
        return self._or(lambda: _BOOLEANS)

    def choice(self, shape: sh.Choice) -> SearchStrategy[Any]:
        return self._or(lambda: st.sampled_from(tuple(shape.members.values())))

    def date(self, shape: sh.Date) -> SearchStrategy[Any]:
        return self._or(lambda: EVENT_DATES)

    def day(self, shape: sh.Day) -> SearchStrategy[Any]:
        return self._or(lambda: DAYS)

    def record(self, shape: sh.Record) -> SearchStrategy[Any]:
        return self._or(lambda: self.kit.records(shape.cls))

    def one_of(self, shape: sh.OneOf) -> SearchStrategy[Any]:
        return self._or(lambda: st.one_of([self.kit.records(cls) for cls in shape.classes]))

    def optional(self, shape: sh.Optional) -> SearchStrategy[Any]:
        inner = shape.inner.accept(self._within())
        return inner if self.present else maybe(inner)

    def items(self, shape: sh.Items) -> SearchStrategy[Any]:
        inner = shape.inner.accept(self._within())
        low = shape.min_items
        return st.lists(inner, min_size=low, max_size=low + 2, unique_by=_identity).map(tuple)

    def extensions(self, shape: sh.ExtensionMap) -> SearchStrategy[Any]:
        return self._or(lambda: EXTENSIONS)

    def _within(self) -> _Values:
        """Return the visitor of what a field holds inside (an item, an optional's value)."""
        return _Values(self.kit, self.name, self.values)


class _Fields:
    """A class's fields with their strategies, shown by the class's name alone.

    Hypothesis writes a strategy's repr with its arguments into its notes (a filter's
    retries, a failing example): written out, every field's strategy of every nested
    record is tens of kilobytes, and hypothesis warns (an error under ``-Werror``).
    """

    __slots__ = ("cls", "items")

    def __init__(self, cls: type, items: tuple[tuple[str, SearchStrategy[Any]], ...]) -> None:
        self.cls, self.items = cls, items

    def __repr__(self) -> str:
        return f"<the fields of {self.cls.__name__}>"


@st.composite
def _drawn(draw: st.DrawFn, kit: Kit, cls: type, fields: _Fields) -> Any:
    values = {name: draw(strategy) for name, strategy in fields.items}
    for rule in plan_for(cls).rules:
        repair(rule, draw, kit, cls, values)
    for finish in realistic.finishers(cls):
        finish(draw, cls, values)
    try:
        return cls(**values)
    except ValidationError:
        # A rule no repair knows (a Check) refused the draw.
        reject()


# --- repairs: drawn values made to obey the class's declared rules ------------------------

_Drawn = dict[str, Any]


@functools.singledispatch
def repair(rule: Rule, draw: st.DrawFn, kit: Kit, cls: type, values: _Drawn) -> None:
    """Change drawn ``values`` of ``cls`` so that ``rule`` holds, if this kind of rule can be.

    Rules of other kinds (a `Check`) are left to the record's construction, which refuses
    what breaks them: the draw is then discarded. Repairs only add values (or, for a span,
    move its end), so one repair never undoes another.
    """


@repair.register
def _any_of(rule: AnyOf, draw: st.DrawFn, kit: Kit, cls: type, values: _Drawn) -> None:
    if all(values[name] is None for name in rule.names):
        name = pick(draw, rule.names)
        values[name] = draw(kit.present(cls, name))


@repair.register
def _together(rule: Together, draw: st.DrawFn, kit: Kit, cls: type, values: _Drawn) -> None:
    if any(values[name] is not None for name in rule.names):
        for name in rule.names:
            if values[name] is None:
                values[name] = draw(kit.present(cls, name))


@repair.register
def _span(rule: Span, draw: st.DrawFn, kit: Kit, cls: type, values: _Drawn) -> None:
    start, text = values[rule.start], values[rule.text]
    if start is not None and values[rule.end] is not None:
        values[rule.end] = start + len(text)
