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
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from diplomev._json import EMPTY_OBJECT
from diplomev.actors import Actor, Country, Organization
from diplomev.dates import EventDate
from diplomev.model import registry
from diplomev.model.convert import (
    to_date,
    to_enum,
    to_optional_date,
    to_optional_enum,
    to_tuple,
)
from diplomev.model.plans import CountryCode, Extensions, Validated, limits, plan_for
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

    rel: LinkRel = attrs.field(converter=to_enum[LinkRel])
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

    counterparts: tuple[Actor, ...] = attrs.field(
        converter=to_tuple[Actor], metadata=limits(min_items=1)
    )
    kind: MeetingKind = attrs.field(default=MeetingKind.MEETING, converter=to_enum[MeetingKind])
    date: EventDate | None = attrs.field(default=None, converter=to_optional_date)


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
        for name, find in _actor_finders(type(self)):
            if wanted is None or name in wanted:
                found.extend(find(getattr(self, name)))
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

    participants: tuple[Actor, ...] = attrs.field(
        converter=to_tuple[Actor], metadata=limits(min_items=2)
    )
    host: CountryCode | None = None
    forum: Organization | None = None
    outcomes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple[str])


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
    kind: VisitKind = attrs.field(default=VisitKind.UNSPECIFIED, converter=to_enum[VisitKind])
    meetings: tuple[Meeting, ...] = attrs.field(default=(), converter=to_tuple[Meeting])
    delegation: tuple[Actor, ...] = attrs.field(default=(), converter=to_tuple[Actor])


@attrs.frozen(kw_only=True)
class Dispute(Event):
    """A disagreement between parties, each with the position it states.

    >>> from diplomev import Country, parse_date
    >>> dispute = Dispute(id="d", date=parse_date("2016"), kind="security",
    ...                   parties=(DisputeParty(actor=Country(code="KOR")),))
    >>> dispute.kind
    <DisputeKind.SECURITY: 'security'>
    """

    parties: tuple[DisputeParty, ...] = attrs.field(
        converter=to_tuple[DisputeParty], metadata=limits(min_items=1)
    )
    kind: DisputeKind = attrs.field(default=DisputeKind.OTHER, converter=to_enum[DisputeKind])
    subject: str | None = None
    stage: DisputeStage | None = attrs.field(default=None, converter=to_optional_enum[DisputeStage])
    third_parties: tuple[Actor, ...] = attrs.field(default=(), converter=to_tuple[Actor])


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

    imposers: tuple[Actor, ...] = attrs.field(
        converter=to_tuple[Actor], metadata=limits(min_items=1)
    )
    targets: tuple[Actor, ...] = attrs.field(
        converter=to_tuple[Actor], metadata=limits(min_items=1)
    )
    measure: TradeMeasure = attrs.field(converter=to_enum[TradeMeasure])
    official: bool | None = None
    sectors: tuple[str, ...] = attrs.field(default=(), converter=to_tuple[str])
    products: tuple[str, ...] = attrs.field(default=(), converter=to_tuple[str])
    rate_percent: float | None = attrs.field(default=None, metadata=limits(ge=0.0))
    stage: TradeStage | None = attrs.field(default=None, converter=to_optional_enum[TradeStage])


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

    integer = number = boolean = choice = date = day = extensions = text  # type: ignore[assignment]

    def record(self, shape: Record) -> _Finder | None:
        # A record that stands for an actor in a role (a dispute's party) gives that actor;
        # any other nested record (a meeting, a source) holds actors that are not the event's.
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

    >>> registered_type("summit") is Summit, registered_type("coup")
    (True, None)
    """
    found = registry.tagged("event").get(name) if type(name) is str else None
    return found


def event_type_name(cls: type[Event]) -> str:
    """Return the wire type name a kind is registered under.

    >>> event_type_name(TradeIssue)
    'trade_issue'
    """
    tag = registry.tag_of(cls)
    if tag is None or registry.tagged("event").get(tag) is not cls:
        raise TypeError(f"{cls.__qualname__} is not a registered event type")
    return tag


for _name, _cls in (
    ("summit", Summit),
    ("visit", Visit),
    ("dispute", Dispute),
    ("trade_issue", TradeIssue),
):
    register_event_type(_name)(_cls)
