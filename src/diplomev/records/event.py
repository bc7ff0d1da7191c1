"""`Event`, the fields every event has; `Link`; and the registry of kinds.

>>> issubclass(event_types()["summit"], Event)
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from diplomev._json import EMPTY_OBJECT
from diplomev.actors import Actor, Country
from diplomev.dates import EventDate
from diplomev.model import registry
from diplomev.model.convert import (
    to_date,
    to_enum,
    to_tuple,
)
from diplomev.model.identifiers import Identifier
from diplomev.model.plans import Extensions, Validated, plan_for
from diplomev.model.shapes import (
    Alpha3,
    Items,
    OneOf,
    Optional,
    Record,
    ShapeVisitor,
    Str,
)
from diplomev.places import Location
from diplomev.records.vocabularies import LinkRel, Status
from diplomev.sources import Source

__all__ = [
    "Event",
    "Link",
    "event_type_name",
    "event_types",
    "register_event_type",
    "registered_type",
]


@attrs.frozen(kw_only=True)
class Link(Validated):
    """A typed relation from one event to another, by the other's id.

    >>> Link(rel="part_of", target="lee-china-visit-2026").rel
    <LinkRel.PART_OF: 'part_of'>
    """

    rel: LinkRel = attrs.field(converter=to_enum[LinkRel])
    target: Identifier
    note: str | None = None


@attrs.frozen(kw_only=True)
class Event(Validated):
    """The fields every event has. Not built directly: use a kind such as `Summit`.

    ``extensions`` holds custom ``x_`` fields with JSON values; they survive every round trip.

    >>> from diplomev import Summit
    >>> issubclass(Summit, Event)
    True
    """

    id: Identifier
    date: EventDate = attrs.field(converter=to_date)
    status: Status = attrs.field(default=Status.OCCURRED, converter=to_enum[Status])
    location: Location | None = None
    summary: str | None = None
    topics: tuple[str, ...] = attrs.field(default=(), converter=to_tuple[str])
    links: tuple[Link, ...] = attrs.field(default=(), converter=to_tuple[Link])
    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple[Source])
    extensions: Extensions = EMPTY_OBJECT

    def __attrs_post_init__(self) -> None:
        if type(self) is Event:
            raise TypeError(
                "Event is the common base; build a kind: a Summit, a Visit, a Statement, ..."
            )
        super().__attrs_post_init__()

    def actors(self, fields: Iterable[str] | None = None) -> tuple[Actor, ...]:
        """Return the actors in this kind's own fields (or in ``fields``), in field order.

        Dispute parties give their actor; a field that holds a country code (a visit's
        ``host``) gives a `Country`; a summit's forum, the body that convened it, is one of
        them. Actors in sources and meetings are not the event's own and are left out.

        >>> from diplomev import Country, Person, Visit, parse_date
        >>> visit = Visit(id="v", date=parse_date("2019"), host="CHN",
        ...               visitor=Person(office="President", country="KOR"))
        >>> visit.actors()
        (Person(name=None, office='President', country='KOR', affiliation=None), Country(code='CHN'))
        """
        wanted = None if fields is None else frozenset(fields)
        found: list[Actor] = []
        for name, find in _actor_finders(type(self)):
            if wanted is None or name in wanted:
                found.extend(find(getattr(self, name)))
        return tuple(found)


_COMMON_FIELDS = frozenset(field.name for field in attrs.fields(Event))

_Finder = Callable[[Any], Iterator[Actor]]


def _none(value: Any) -> Iterator[Actor]:
    return iter(())


class _ActorFinder(ShapeVisitor["_Finder | None"]):
    """For each shape, a function yielding the actors a value of it holds (None: never any)."""

    def text(self, shape: Str) -> _Finder | None:
        return None

    def country(self, shape: Alpha3) -> _Finder | None:
        return lambda code: iter((Country(code=code),))

    currency = integer = number = boolean = choice = date = day = extensions = text  # type: ignore[assignment]

    def record(self, shape: Record) -> _Finder | None:
        # An actor class in its own right (a signatory, an envoy) is an actor of the event;
        # a record that stands for an actor in a role (a dispute's party, a ballot) gives
        # that actor; any other nested record (a meeting, a source) holds actors that are
        # not the event's.
        if shape.cls in registry.tagged("actor").values():
            return lambda actor: iter((actor,))
        plan = plan_for(shape.cls)
        if any(field.name == "actor" for field in plan.fields):
            return lambda value: iter((value.actor,))
        return None

    def one_of(self, shape: OneOf) -> _Finder | None:
        return lambda actor: iter((actor,))

    def optional(self, shape: Optional) -> _Finder | None:
        inner = shape.inner.accept(self)
        if inner is None:
            return None
        return lambda value: _none(value) if value is None else inner(value)

    def items(self, shape: Items) -> _Finder | None:
        inner = shape.inner.accept(self)
        if inner is None:
            return None
        return lambda values: (actor for value in values for actor in inner(value))


_FINDERS: dict[type, tuple[tuple[str, _Finder], ...]] = {}


def _actor_finders(cls: type[Event]) -> tuple[tuple[str, _Finder], ...]:
    if cls in _FINDERS:
        return _FINDERS[cls]
    finders = []
    for field in plan_for(cls).fields:
        if field.name not in _COMMON_FIELDS:
            find = field.shape.accept(_ActorFinder())
            if find is not None:
                finders.append((field.name, find))
    found = _FINDERS[cls] = tuple(finders)
    return found


# --- the registry of kinds --------------------------------------------------------------


E = TypeVar("E", bound=type[Event])


def register_event_type(name: str) -> Callable[[E], E]:
    """Register an `Event` subclass under its wire ``"type"`` name; use as a class decorator.

    The codec, and every reader built on it, then read and write the kind with no other
    change. Field names must not clash with ``type``, ``diplomev`` or ``x_`` keys.

    >>> import attrs
    >>> from diplomev import Actor, limits
    >>> @register_event_type("ceasefire")
    ... @attrs.frozen(kw_only=True)
    ... class Ceasefire(Event):
    ...     parties: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=2))
    >>> event_type_name(Ceasefire)
    'ceasefire'
    """

    def register(cls: E) -> E:
        is_attrs_class = attrs.has(cls)  # kept out of the condition: it would narrow cls
        if not (isinstance(cls, type) and issubclass(cls, Event) and is_attrs_class):
            raise TypeError(f"{cls!r} must be an attrs subclass of diplomev.Event")
        return registry.register("event", name, cls)

    return register


def event_types() -> Mapping[str, type[Event]]:
    """Return the registered kinds, by wire type name (a read-only view).

    >>> {"summit", "visit", "dispute", "trade_issue"} <= set(event_types())
    True
    """
    return registry.tagged("event")


def registered_type(name: object) -> type[Event] | None:
    """Return the kind registered under ``name``, or None.

    >>> from diplomev import Summit
    >>> registered_type("summit") is Summit, registered_type("coup")
    (True, None)
    """
    found = registry.tagged("event").get(name) if type(name) is str else None
    return found


def event_type_name(cls: type[Event]) -> str:
    """Return the wire type name a kind is registered under.

    >>> from diplomev import TradeIssue
    >>> event_type_name(TradeIssue)
    'trade_issue'
    """
    tag = registry.tag_of(cls)
    if tag is None or registry.tagged("event").get(tag) is not cls:
        raise TypeError(f"{cls.__qualname__} is not a registered event type")
    return tag
