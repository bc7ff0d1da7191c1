"""Events: the common `Event` fields and the four kinds `Summit`, `Visit`, `Dispute`, `TradeIssue`.

Records are frozen, slotted, keyword-only attrs classes. They validate on construction and
on `attrs.evolve`, raising `diplomev.ValidationError` with every problem and its path.

>>> from diplomev import Person, Summit, parse_date
>>> lee = Person(name="Lee Jae Myung", office="President", country="KOR")
>>> xi = Person(name="Xi Jinping", office="President", country="CHN")
>>> summit = Summit(id="lee-xi", date=parse_date("2026-01-05"), participants=(lee, xi))
>>> summit.status
<Status.OCCURRED: 'occurred'>
>>> import attrs
>>> attrs.evolve(summit, participants=(lee,))
Traceback (most recent call last):
...
diplomev.errors.ValidationError: 1 problem: $.participants: needs at least 2 items, got 1

Users add kinds of their own by subclassing `Event` and registering a type name:

>>> @register_event_type("agreement")
... @attrs.frozen(kw_only=True)
... class Agreement(Event):
...     signatories: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=1))
>>> event_types()["agreement"] is Agreement
True
"""

from __future__ import annotations

import enum
import keyword
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

import attrs

from diplomev._fields import (
    Alpha3,
    CountryCode,
    Extensions,
    Items,
    OneOf,
    Optional,
    Record,
    Shape,
    Validated,
    is_extension_key,
    limits,
    plan_for,
)
from diplomev._json import EMPTY_OBJECT
from diplomev.actors import Actor, Country, Organization
from diplomev.dates import EventDate
from diplomev.places import Location
from diplomev.sources import Source

__all__ = [
    "Dispute",
    "DisputeKind",
    "DisputeParty",
    "DisputeStage",
    "Event",
    "Link",
    "LinkRel",
    "Meeting",
    "MeetingKind",
    "Status",
    "Summit",
    "TradeIssue",
    "TradeMeasure",
    "TradeStage",
    "Visit",
    "VisitKind",
    "event_type_name",
    "event_types",
    "limits",
    "register_event_type",
]


class Status(enum.StrEnum):
    """Whether an event happened, is going on, is planned or was called off.

    >>> Status("planned")
    <Status.PLANNED: 'planned'>
    """

    OCCURRED = "occurred"
    ONGOING = "ongoing"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class LinkRel(enum.StrEnum):
    """How an event relates to the event a `Link` points at.

    >>> LinkRel.PART_OF.value
    'part_of'
    """

    PART_OF = "part_of"
    FOLLOWS = "follows"
    CAUSED_BY = "caused_by"
    CONTEXT = "context"
    RESPONSE_TO = "response_to"


class VisitKind(enum.StrEnum):
    """The protocol level of a visit; ``unspecified`` unless the article says.

    >>> VisitKind("state")
    <VisitKind.STATE: 'state'>
    """

    STATE = "state"
    OFFICIAL = "official"
    WORKING = "working"
    PRIVATE = "private"
    UNSPECIFIED = "unspecified"


class MeetingKind(enum.StrEnum):
    """How a visitor met a counterpart.

    >>> MeetingKind.COURTESY_CALL.value
    'courtesy_call'
    """

    TALKS = "talks"
    BANQUET = "banquet"
    ADDRESS = "address"
    COURTESY_CALL = "courtesy_call"
    CEREMONY = "ceremony"
    MEETING = "meeting"


class DisputeKind(enum.StrEnum):
    """What a dispute is about.

    >>> DisputeKind("maritime")
    <DisputeKind.MARITIME: 'maritime'>
    """

    TERRITORIAL = "territorial"
    MARITIME = "maritime"
    SOVEREIGNTY = "sovereignty"
    SECURITY = "security"
    DIPLOMATIC = "diplomatic"
    ECONOMIC = "economic"
    OTHER = "other"


class DisputeStage(enum.StrEnum):
    """Where a dispute stands.

    >>> DisputeStage.ESCALATING.value
    'escalating'
    """

    EMERGING = "emerging"
    ACTIVE = "active"
    ESCALATING = "escalating"
    EASING = "easing"
    ADJUDICATED = "adjudicated"
    RESOLVED = "resolved"
    FROZEN = "frozen"


class TradeMeasure(enum.StrEnum):
    """The instrument of a trade issue.

    >>> TradeMeasure("informal_restriction")
    <TradeMeasure.INFORMAL_RESTRICTION: 'informal_restriction'>
    """

    TARIFF = "tariff"
    ANTI_DUMPING_DUTY = "anti_dumping_duty"
    COUNTERVAILING_DUTY = "countervailing_duty"
    QUOTA = "quota"
    IMPORT_BAN = "import_ban"
    EXPORT_CONTROL = "export_control"
    EMBARGO = "embargo"
    SANCTION = "sanction"
    BOYCOTT = "boycott"
    INFORMAL_RESTRICTION = "informal_restriction"
    LICENSING = "licensing"
    INVESTIGATION = "investigation"
    OTHER = "other"


class TradeStage(enum.StrEnum):
    """Where a trade measure stands.

    >>> TradeStage.IN_FORCE.value
    'in_force'
    """

    THREATENED = "threatened"
    ANNOUNCED = "announced"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    LIFTED = "lifted"
    CHALLENGED = "challenged"


@attrs.frozen(kw_only=True)
class Link(Validated):
    """A typed relation from one event to another, by the other's id.

    >>> Link(rel="part_of", target="lee-china-visit-2026").rel
    <LinkRel.PART_OF: 'part_of'>
    """

    rel: LinkRel
    target: str
    note: str | None = None


@attrs.frozen(kw_only=True)
class Meeting(Validated):
    """Whom a visitor met during a visit, and how.

    >>> from diplomev import Person
    >>> li = Person(name="Li Qiang", office="Premier", country="CHN")
    >>> Meeting(counterparts=(li,), kind="talks").kind
    <MeetingKind.TALKS: 'talks'>
    """

    counterparts: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=1))
    kind: MeetingKind = MeetingKind.MEETING
    date: EventDate | None = None


@attrs.frozen(kw_only=True)
class DisputeParty(Validated):
    """One side of a dispute, with the position it states (in its own words if quoted).

    >>> from diplomev import Country
    >>> DisputeParty(actor=Country(code="KOR"), position="security threat").position
    'security threat'
    """

    actor: Actor
    position: str | None = None


@attrs.frozen(kw_only=True)
class Event(Validated):
    """The fields every event has. Not built directly: use a kind such as `Summit`.

    ``extensions`` holds custom ``x_`` fields with JSON values; they survive every round trip.

    >>> issubclass(Summit, Event)
    True
    """

    id: str
    date: EventDate
    status: Status = Status.OCCURRED
    location: Location | None = None
    summary: str | None = None
    topics: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    sources: tuple[Source, ...] = ()
    extensions: Extensions = EMPTY_OBJECT

    def __attrs_post_init__(self) -> None:
        if type(self) is Event:
            raise TypeError("Event is the common base; build a Summit, Visit, Dispute or ...")
        super().__attrs_post_init__()

    def actors(self, fields: Iterable[str] | None = None) -> tuple[Actor, ...]:
        """Return the actors in this kind's own fields (or in ``fields``), in field order.

        Dispute parties give their actor; a field that holds a country code (a visit's
        ``host``) gives a `Country`. Actors in sources, meetings and a summit's forum are
        not the event's own and are left out.

        >>> from diplomev import Country, Person, Visit, parse_date
        >>> visit = Visit(id="v", date=parse_date("2019"), host="CHN",
        ...               visitor=Person(office="President", country="KOR"))
        >>> visit.actors()
        (Person(name=None, office='President', country='KOR', affiliation=None), Country(code='CHN'))
        """
        wanted = None if fields is None else frozenset(fields)
        found: list[Actor] = []
        for field in plan_for(type(self)).fields:
            if field.name in _COMMON_FIELDS or (wanted is not None and field.name not in wanted):
                continue
            found.extend(_actors_in(field.shape, getattr(self, field.name)))
        return tuple(found)


@attrs.frozen(kw_only=True)
class Summit(Event):
    """A meeting of leaders (or of countries, for a multilateral meeting).

    ``host`` is None for a third-country venue; ``forum`` names the body (G20, APEC).

    >>> from diplomev import Country, parse_date
    >>> Summit(id="s", date=parse_date("2026-01"), participants=(Country(code="KOR"),))
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $.participants: needs at least 2 items, got 1
    """

    participants: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=2))
    host: CountryCode | None = None
    forum: Organization | None = None
    outcomes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Visit(Event):
    """A visit by an actor, usually a person, to a country or territory (which may be disputed).

    >>> from diplomev import Person, parse_date
    >>> visit = Visit(
    ...     id="v", date=parse_date("2026-01-04/2026-01-06"),
    ...     visitor=Person(name="Lee Jae Myung", office="President", country="KOR"), host="CHN")
    >>> visit.kind
    <VisitKind.UNSPECIFIED: 'unspecified'>
    """

    visitor: Actor
    host: CountryCode
    kind: VisitKind = VisitKind.UNSPECIFIED
    meetings: tuple[Meeting, ...] = ()
    delegation: tuple[Actor, ...] = ()


@attrs.frozen(kw_only=True)
class Dispute(Event):
    """A disagreement between parties, each with the position it states.

    >>> from diplomev import Country, parse_date
    >>> dispute = Dispute(id="d", date=parse_date("2016"), kind="security",
    ...                   parties=(DisputeParty(actor=Country(code="KOR")),))
    >>> dispute.kind
    <DisputeKind.SECURITY: 'security'>
    """

    parties: tuple[DisputeParty, ...] = attrs.field(metadata=limits(min_items=1))
    kind: DisputeKind = DisputeKind.OTHER
    subject: str | None = None
    stage: DisputeStage | None = None
    third_parties: tuple[Actor, ...] = ()


@attrs.frozen(kw_only=True)
class TradeIssue(Event):
    """A trade measure imposed by some actors on others; ``official`` is False for informal ones.

    >>> from diplomev import Country, parse_date
    >>> issue = TradeIssue(id="t", date=parse_date("2016?/.."), measure="informal_restriction",
    ...                    imposers=(Country(code="CHN"),), targets=(Country(code="KOR"),),
    ...                    official=False)
    >>> issue.measure
    <TradeMeasure.INFORMAL_RESTRICTION: 'informal_restriction'>
    """

    imposers: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=1))
    targets: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=1))
    measure: TradeMeasure
    official: bool | None = None
    sectors: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    rate_percent: float | None = attrs.field(default=None, metadata=limits(ge=0.0))
    stage: TradeStage | None = None


_COMMON_FIELDS = frozenset(field.name for field in attrs.fields(Event))


def _actors_in(shape: Shape, value: object) -> Iterator[Actor]:
    if value is None:
        return
    if isinstance(shape, Optional):
        yield from _actors_in(shape.inner, value)
    elif isinstance(shape, OneOf):
        yield value  # type: ignore[misc]
    elif isinstance(shape, Alpha3):
        yield Country(code=value)  # type: ignore[arg-type]
    elif isinstance(shape, Record) and shape.cls is DisputeParty:
        yield value.actor  # type: ignore[attr-defined]
    elif isinstance(shape, Items):
        for item in value:  # type: ignore[attr-defined]
            yield from _actors_in(shape.inner, item)


# --- the registry of kinds --------------------------------------------------------------

_TYPES: dict[str, type[Event]] = {}
_NAMES: dict[type[Event], str] = {}
_TYPE_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_RESERVED_KEYS = frozenset({"type", "diplomev"})

E = TypeVar("E", bound=type[Event])


def register_event_type(name: str) -> Callable[[E], E]:
    """Register an `Event` subclass under its wire ``"type"`` name; use as a class decorator.

    The codec, and every reader built on it, then read and write the kind with no other
    change. Field names must not clash with ``type``, ``diplomev`` or ``x_`` keys.

    >>> import attrs
    >>> @register_event_type("ceasefire")
    ... @attrs.frozen(kw_only=True)
    ... class Ceasefire(Event):
    ...     parties: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=2))
    >>> event_type_name(Ceasefire)
    'ceasefire'
    """

    def register(cls: E) -> E:
        if not _TYPE_NAME.match(name) or keyword.iskeyword(name):
            raise ValueError(f"type names are lowercase words with underscores, got {name!r}")
        is_attrs_class = attrs.has(cls)  # kept out of the condition: it would narrow cls
        if not (isinstance(cls, type) and issubclass(cls, Event) and is_attrs_class):
            raise TypeError(f"{cls!r} must be an attrs subclass of diplomev.Event")
        if "__attrs_attrs__" not in cls.__dict__:
            raise TypeError(f"decorate {cls.__name__} with @attrs.frozen(kw_only=True) first")
        if name in _TYPES and _TYPES[name] is not cls:
            raise ValueError(f"type name {name!r} is taken by {_TYPES[name].__qualname__}")
        for attribute in attrs.fields(cls):
            if attribute.name in _RESERVED_KEYS or is_extension_key(attribute.name):
                raise ValueError(f"field name {attribute.name!r} is reserved on the wire")
        _TYPES[name] = cls
        _NAMES[cls] = name
        return cls

    return register


def event_types() -> Mapping[str, type[Event]]:
    """Return the registered kinds, by wire type name (a read-only view).

    >>> {"summit", "visit", "dispute", "trade_issue"} <= set(event_types())
    True
    """
    return types.MappingProxyType(_TYPES)


def registered_type(name: object) -> type[Event] | None:
    """Return the kind registered under ``name``, or None.

    >>> registered_type("summit") is Summit, registered_type("coup")
    (True, None)
    """
    return _TYPES.get(name) if type(name) is str else None


def event_type_name(cls: type[Event]) -> str:
    """Return the wire type name a kind is registered under.

    >>> event_type_name(TradeIssue)
    'trade_issue'
    """
    try:
        return _NAMES[cls]
    except KeyError:
        raise TypeError(f"{cls.__qualname__} is not a registered event type") from None


for _name, _cls in (
    ("summit", Summit),
    ("visit", Visit),
    ("dispute", Dispute),
    ("trade_issue", TradeIssue),
):
    register_event_type(_name)(_cls)
