"""What the comparison of two reports needs from each, read once from the model.

A `Profile` holds the few values `similarity` and the blocking keys read from a record:
its kind, the days its date can mean, the keys of its actors, its host, its place, its
words and its sources. Which field of a kind is which is derived from the kind's plan
(`diplomev.model.plans.plan_for`), so a kind a user registers is profiled with no table:
its actor fields (through `Event.actors`), its text fields, its vocabulary fields and a
field called ``host`` holding a country code. Only the direction of the built-in kinds
(who visits whom, who imposes on whom) is written here, in `DIRECTED`: the model does not
say which side of an event acts.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import attrs

from diplomev._text import MAX_NAME_LENGTH, fold
from diplomev.actors import Actor, Country, Organization, Person
from diplomev.dates import EventDate, PartialDate, Precision
from diplomev.model import shapes as sh
from diplomev.model.plans import plan_for
from diplomev.model.visitor import ShapeVisitor
from diplomev.records import Event, Status, event_type_name
from diplomev.sources import Source

__all__ = ["DIRECTED", "ActorKey", "Profile", "date_span", "profile", "source_keys"]

#: Kinds with a direction: the fields of the side that acts, and of the side acted upon.
#: A visit of KOR to CHN is not one of CHN to KOR (`similarity`'s rule ``direction``).
DIRECTED: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = MappingProxyType({
    "visit": (("visitor",), ("host",)),
    "trade_issue": (("imposers",), ("targets",)),
    "statement": (("speakers",), ("addressees",)),
    "diplomatic_action": (("actor",), ("target",)),
})  # fmt: skip

# Days of doubt around an approximate or uncertain end ("2026-01-05~" may be the 4th),
# by the end's precision: a report that hedges must still meet the exact one.
_SLACK = {Precision.DAY: 3, Precision.MONTH: 15, Precision.YEAR: 0}
_PLANS = frozenset({Status.PLANNED, Status.CANCELLED})
_COMMON = frozenset(field.name for field in attrs.fields(Event))
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({
    "a", "an", "and", "as", "at", "be", "been", "by", "for", "from", "had", "has", "have",
    "in", "into", "is", "it", "its", "of", "on", "or", "over", "said", "says", "that", "the",
    "this", "to", "was", "were", "will", "with",
})  # fmt: skip


#: One actor as the comparison sees it: (country code or None, name key or None).
#: A country is ``(code, None)``; a person is keyed by their folded name (or office).
ActorKey = tuple[str | None, str | None]


class Profile(NamedTuple):
    """The values of one record that its comparisons read (see the module docstring).

    A named tuple: a million of them are written to the streaming path's run files and
    read back, and a tuple pickles in a fraction of a slotted class's time and space.
    """

    id: str
    kind: str
    lo: int  # proleptic ordinals of the first and last day the date can mean
    hi: int
    plan: bool  # planned or cancelled: a plan, not its occurrence
    width: int  # days the date means before any slack: how precise it is
    actors: tuple[ActorKey, ...]  # the principal actors; of a directed kind, those acting
    targets: tuple[ActorKey, ...]  # of a directed kind, those acted upon
    keys: frozenset[str]  # the countries involved, or names where an actor has none
    parties: frozenset[str]  # the countries of the actors (of either side), not the host
    host: str | None
    sides: tuple[frozenset[str], frozenset[str]] | None  # countries acting, acted upon
    place: tuple[str | None, str | None, float | None, float | None] | None
    words: tuple[str, ...]  # sorted: a tuple takes a quarter of a set's memory
    sources: tuple[int, ...]  # hashes of the sources' urls (or titles and publishers)
    choices: tuple[tuple[str, Enum], ...]  # vocabulary fields not at their default


def _end_span(end: PartialDate) -> tuple[int, int]:
    slack = _SLACK[end.precision] if end.approximate or end.uncertain else 0
    return end.lower().toordinal() - slack, end.upper().toordinal() + slack


#: The kinds whose vocabulary (a purpose, an action, a measure) is what the record is.
VOCABULARY_KINDS = frozenset({"statement", "diplomatic_action", "trade_issue"})

#: How many days late a report's date may come: event datasets date a story, not the
#: event (ICEWS dates the same meeting 1 June in one story and 2 June in the next), so a
#: report may mean the day before its date. Two reports a day apart can be one event; two
#: days apart cannot (unless a date says it is approximate).
REPORT_LAG_DAYS = 1


def date_span(date: EventDate) -> tuple[int, int]:
    """Return the first and last day (as ordinals) ``date`` can mean, hedges widened.

    An approximate or uncertain day may be three days off, a month fifteen; open and
    unknown ends reach the first or last day of the calendar.

    >>> from diplomev import parse_edtf
    >>> lo, hi = date_span(parse_edtf("2026-01-05~"))
    >>> datetime.date.fromordinal(lo), datetime.date.fromordinal(hi)
    (datetime.date(2026, 1, 2), datetime.date(2026, 1, 8))
    """
    lo, hi = date.lower().toordinal(), date.upper().toordinal()
    for end in (date.start, date.end):
        if isinstance(end, PartialDate):
            end_lo, end_hi = _end_span(end)
            if end is date.start:
                lo = max(1, min(lo, end_lo))
            if end is date.end or date.end is None:
                hi = min(datetime.date.max.toordinal(), max(hi, end_hi))
    return lo, hi


def words(texts: Iterable[str]) -> tuple[str, ...]:
    """Return the folded words of ``texts`` that say something (no articles, no "said").

    >>> words(["Lee meets Xi in Beijing", "the summit"])
    ('beijing', 'lee', 'meets', 'summit', 'xi')
    """
    found: set[str] = set()
    for text in texts:
        found.update(_WORD.findall(fold(text[:MAX_NAME_LENGTH])))
    # Interned: a million profiles hold the same few thousand words.
    return tuple(sorted(sys.intern(word) for word in found if word not in _STOP))


def _name_key(name: str) -> str:
    # "Jae-in", "Jae In" and "JAE IN" are one name; the words are kept, in order.
    return sys.intern(" ".join(_WORD.findall(fold(name[:MAX_NAME_LENGTH]))) or name.strip())


def actor_key(actor: Actor) -> ActorKey:
    """Return what tells ``actor`` apart: its country and its folded name, office or body.

    >>> actor_key(Person(name="Moon Jae-in", office="President", country="KOR"))
    ('KOR', 'moon jae in')
    >>> actor_key(Country(code="KOR"))
    ('KOR', None)
    """
    if isinstance(actor, Country):
        return sys.intern(actor.code), None
    if isinstance(actor, Person):
        if actor.name is not None:
            return _code(actor.country), _name_key(actor.name)
        return _code(actor.country), sys.intern("office: " + _name_key(actor.office or ""))
    if isinstance(actor, Organization):
        return _code(actor.country), sys.intern("body: " + _name_key(actor.name))
    return None, None  # pragma: no cover - fields typed as actors hold only these


def _code(code: str | None) -> str | None:
    return None if code is None else sys.intern(code)


class _Role(ShapeVisitor[str | None]):
    """What a field is for the comparison: ``text``, ``choice``, ``country`` or None."""

    def text(self, shape: sh.Str) -> str | None:
        return "text"

    def choice(self, shape: sh.Choice) -> str | None:
        return "choice"

    def country(self, shape: sh.Alpha3) -> str | None:
        return "country"

    def _none(self, shape: Any) -> str | None:
        return None

    currency = integer = number = boolean = date = day = record = one_of = extensions = _none

    def optional(self, shape: sh.Optional) -> str | None:
        return shape.inner.accept(self)

    def items(self, shape: sh.Items) -> str | None:
        # A tuple of words (topics, outcomes) is text; a tuple of anything else is not.
        return "text" if shape.inner.accept(self) == "text" else None


@attrs.frozen
class _KindPlan:
    actor_fields: tuple[str, ...]
    text_fields: tuple[str, ...]
    choice_fields: tuple[tuple[str, Any], ...]  # with the field's default
    has_host: bool


_KIND_PLANS: dict[type, _KindPlan] = {}


def kind_plan(cls: type[Event]) -> _KindPlan:
    """Return which fields of ``cls`` hold its principal actors, its text, its vocabularies."""
    found = _KIND_PLANS.get(cls)
    if found is not None:
        return found
    actors, texts, choices = [], ["summary", "topics"], []
    has_host = False
    kind = event_type_name(cls)
    directed = DIRECTED[kind][1] if kind in DIRECTED else ()
    for field in plan_for(cls).fields:
        if field.name in _COMMON:
            continue
        role = field.shape.accept(_Role())
        if field.name == "host" and role == "country":
            has_host = True
        elif role == "text":
            texts.append(field.name)
        elif role == "choice":
            choices.append((field.name, field.default))
        elif field.required or field.name in directed:
            # The principal actors only: delegations, mediators and witnesses vary between
            # reports of one event (as `make_id` leaves them out).
            actors.append(field.name)  # Event.actors keeps only the fields holding actors
    plan = _KIND_PLANS[cls] = _KindPlan(tuple(actors), tuple(texts), tuple(choices), has_host)
    return plan


def _countries(actors: Iterable[Actor]) -> frozenset[str]:
    return frozenset(key[0] for key in map(actor_key, actors) if key[0] is not None)


def _text_values(event: Event, names: Iterable[str]) -> Iterator[str]:
    for name in names:
        value = getattr(event, name)
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple):
            yield from value


#: A last path segment this long, of this many words, names one article wherever it is
#: posted: a wire story syndicated under many papers' sites keeps its slug.
SLUG_CHARS = 24
SLUG_WORDS = 3
_SLUG_WORD = re.compile(r"[^\W_]+")


def source_keys(source: Source) -> Iterator[str]:
    """Yield the keys under which ``source`` is one article: its url, and a long slug.

    >>> sorted(source_keys(Source(url="https://a.example/news/123.Bill_set_to_be_published/")))
    ['slug: 123.bill_set_to_be_published', 'url: https://a.example/news/123.bill_set_to_be_published']
    >>> list(source_keys(Source(url="https://a.example/news/index.html")))
    ['url: https://a.example/news/index.html']
    """
    if source.url is not None:
        url = source.url.strip().rstrip("/").casefold()
        yield "url: " + url
        path = urlsplit(url).path
        slug = path.rsplit("/", 1)[-1]
        if len(slug) >= SLUG_CHARS and len(_SLUG_WORD.findall(slug)) >= SLUG_WORDS:
            yield "slug: " + slug
        return
    yield f"title: {_name_key(source.title or '')} / {_name_key(source.publisher or '')}"


def profile(event: Event) -> Profile:
    """Return the `Profile` of ``event``: what its comparisons read (the module says which).

    >>> import diplomev
    >>> visit = diplomev.Visit(id="v", date="2026-01-04/2026-01-06", host="CHN",
    ...                        visitor=diplomev.Person(name="Lee Jae Myung", country="KOR"))
    >>> found = profile(visit)
    >>> found.kind, sorted(found.keys), found.host, found.sides
    ('visit', ['CHN', 'KOR'], 'CHN', (frozenset({'KOR'}), frozenset({'CHN'})))
    """
    cls = type(event)
    kind = event_type_name(cls)
    plan = kind_plan(cls)
    lo, hi = date_span(event.date)
    if event.date.lower() == event.date.upper():  # a report dated to the day
        hi = min(datetime.date.max.toordinal(), hi + REPORT_LAG_DAYS)
    actors = event.actors(plan.actor_fields)
    keys_ = _keys(actors)
    host = _code(getattr(event, "host")) if plan.has_host else None  # noqa: B009
    involved = {code for code, _ in keys_ if code is not None}
    parties = frozenset(map(sys.intern, involved))
    if host is not None:
        involved.add(host)
    # An actor without a country still meets its namesakes: its name is a key.
    involved.update(f"~{name}" for code, name in keys_ if code is None and name is not None)
    sides = None
    targets: tuple[ActorKey, ...] = ()
    if kind in DIRECTED:
        acting, acted = DIRECTED[kind]
        sides = (_countries(event.actors(acting)), _countries(event.actors(acted)))
        # Each side is compared with its own: who spoke, and to whom.
        keys_ = _keys(event.actors(acting))
        targets = _keys(event.actors(acted))
    where = event.location
    place = None
    if where is not None:
        name = _name_key(where.name) if where.name is not None else None
        place = (name, where.country, where.lat, where.lon)
    # A default is "not said" (a visit of kind unspecified), except in the kinds that are
    # their vocabulary: a statement of position is not a proposal.
    said_always = kind in VOCABULARY_KINDS
    choices = tuple(
        (name, value)
        for name, default in plan.choice_fields
        if (value := getattr(event, name)) is not None and (said_always or value != default)
    )
    return Profile(
        id=event.id,
        kind=kind,
        lo=lo,
        hi=hi,
        plan=event.status in _PLANS,
        width=event.date.upper().toordinal() - event.date.lower().toordinal() + 1,
        actors=keys_,
        targets=targets,
        keys=frozenset(map(sys.intern, involved)),
        parties=parties,
        host=host,
        sides=sides,
        place=place,
        words=words(_text_values(event, plan.text_fields)),
        sources=tuple(
            sorted({hash(key) for source in event.sources for key in source_keys(source)})
        ),
        choices=choices,
    )


def _keys(actors: Iterable[Actor]) -> tuple[ActorKey, ...]:
    return tuple(sorted(set(map(actor_key, actors)), key=_sort_key))


def _sort_key(key: ActorKey) -> tuple[str, str]:
    return key[0] or "", key[1] or ""
