"""What makes drawn records look like the news: overrides of the kit's one field walk.

The kit (`diplomev.strategies.kit`) draws every field from its shape; this module says,
for the fields and classes diplomev knows, what to draw instead:

- `BUILDERS`: records whose fields belong together as rows, drawn whole (a `Location` is
  a real place at its own coordinates; an `Organization` a body with its kind);
- `FIELDS`: the values of one field of a class and its subclasses (a `Person`'s name and
  office, a quote's text, a visit's visitor, usually a person); the field's shape still
  says whether it may be None and how many values it holds;
- `TEXTS`: text fields of any class by name, a user's kinds too (an ``id`` is a slug, a
  ``subject`` reads like the subject of a dispute);
- `FINISHERS`: changes across fields, made once a record's fields are drawn (a summary
  that names the event's actors, meetings on the days of their visit, a rate for duties
  only).

Nothing here is needed for a record to be valid: a class with no entry is drawn from its
shapes and its declared rules alone.

>>> display_name(Person(office="Premier")), summary_names(Visit, {"visitor": Person(office="Premier"), "host": "CHN"})
('Premier', {'kind': 'visit', 'visitor': 'Premier', 'host': 'China'})
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from diplomev.actors import Country, Organization, OrganizationKind, Person
from diplomev.countries import country_name
from diplomev.model import tag_of
from diplomev.places import Location, LocationKind
from diplomev.records import (
    Agreement,
    DiplomaticAction,
    Dispute,
    Event,
    Link,
    Statement,
    Summit,
    TradeIssue,
    TradeMeasure,
    Visit,
    Vote,
)
from diplomev.sources import Quote, Source
from diplomev.strategies import vocabulary as vocab
from diplomev.strategies.values import (
    EVENT_EXTENSIONS,
    PERSON_NAMES,
    SLUGS,
    URLS,
    SearchStrategy,
    day_between,
    mostly,
)

if TYPE_CHECKING:
    from diplomev.strategies.kit import Kit

__all__ = [
    "BUILDERS",
    "FIELDS",
    "FINISHERS",
    "TEXTS",
    "display_name",
    "finishers",
    "summary_names",
    "values_for",
]

Values = dict[str, Any]
Finisher = Callable[[st.DrawFn, type, Values], None]

# --- records drawn whole ------------------------------------------------------------------

_ANY_COORDINATES = st.tuples(st.floats(-90.0, 90.0), st.floats(-180.0, 180.0))
_COORDINATE_FORMS = st.sampled_from(("none", "the place's", "any"))


def _locations(kit: Kit) -> SearchStrategy[Location]:
    """Capitals, sites, seas and islands at their own coordinates (or any), or a country."""
    places = st.sampled_from(kit.places)

    @st.composite
    def draw_location(draw: st.DrawFn) -> Location:
        if draw(st.booleans()):
            code = draw(kit.code)
            name = country_name(code) if draw(st.booleans()) else None
            return Location(name=name, country=code, kind=LocationKind.COUNTRY)
        name, country, kind, lat, lon = draw(places)
        keep_country = country is not None and draw(st.booleans())
        keep_kind = draw(st.booleans())
        coordinates = draw(_COORDINATE_FORMS)
        if coordinates == "any":
            lat, lon = draw(_ANY_COORDINATES)
        has_coordinates = coordinates != "none"
        keep_name = draw(st.booleans()) or not (keep_country or has_coordinates)
        return Location(
            name=name if keep_name else None,
            country=country if keep_country else None,
            kind=kind if keep_kind else None,
            lat=lat if has_coordinates else None,
            lon=lon if has_coordinates else None,
        )

    return draw_location()


def _body(row: tuple[str, OrganizationKind], country: str | None = None) -> Organization:
    name, kind = row
    return Organization(name=name, kind=kind, country=country)


# Built on the first draw: the first record built reads the country table.
_INTERNATIONAL = st.deferred(
    lambda: st.sampled_from([_body(row) for row in vocab.INTERNATIONAL_BODIES])
)
_FORUMS = st.deferred(
    lambda: st.sampled_from([_body((name, OrganizationKind.IGO)) for name in vocab.FORUMS])
)


def _organizations(kit: Kit) -> SearchStrategy[Organization]:
    """National bodies, which may carry a country, and international ones, which carry none."""
    national = st.builds(_body, st.sampled_from(vocab.NATIONAL_BODIES), kit.maybe_code)
    return national | _INTERNATIONAL


#: Records drawn whole, by their exact class (a subclass is drawn field by field).
BUILDERS: dict[type, Callable[[Kit], SearchStrategy[Any]]] = {
    Location: _locations,
    Organization: _organizations,
}

# --- the values of fields ------------------------------------------------------------------


def _headlines(kit: Kit) -> SearchStrategy[str]:
    names = kit.code.map(country_name)
    return st.builds(
        lambda template, a, b: template.format(a=a, b=b),
        st.sampled_from(vocab.HEADLINES),
        names,
        names,
    )


def _values(strategy: SearchStrategy[Any]) -> Callable[[Kit], SearchStrategy[Any]]:
    return lambda kit: strategy


def _templates(templates: tuple[str, ...]) -> Callable[[Kit], SearchStrategy[Any]]:
    # A summary is drawn as its template; `_summary` fills it in once the record is drawn.
    return _values(st.sampled_from(templates))


_VOTING_BODIES = st.sampled_from(
    [
        Organization(name=name, kind=OrganizationKind(kind), country=country)
        for name, kind, country in vocab.VOTING_BODIES
    ]
)


def _envoys(kit: Kit) -> SearchStrategy[Person]:
    # The persons recalled, expelled or summoned are diplomats.
    offices = st.sampled_from(("Ambassador", "High Commissioner", "Chargé d'Affaires", "Diplomat"))
    return st.builds(Person, name=PERSON_NAMES, office=offices, country=kit.code)


_RATES = mostly(
    st.sampled_from(vocab.RATES), st.floats(0.0, 1000.0, allow_nan=False, allow_infinity=False)
)

#: The values of a field, by the class that declares it (or a base) and the field's name.
FIELDS: dict[tuple[type, str], Callable[[Kit], SearchStrategy[Any]]] = {
    (Event, "summary"): _templates(vocab.OTHER_SUMMARIES),
    (Event, "extensions"): _values(EVENT_EXTENSIONS),
    (Person, "name"): _values(PERSON_NAMES),
    (Person, "office"): _values(st.sampled_from(vocab.OFFICES)),
    (Quote, "text"): _values(st.sampled_from(vocab.QUOTES)),
    (Quote, "start"): _values(st.integers(0, 20_000)),
    (Quote, "speaker"): lambda kit: kit.records(Person) | kit.actor,
    (Source, "title"): _headlines,
    (Link, "target"): _values(SLUGS),
    (Summit, "summary"): _templates(vocab.SUMMIT_SUMMARIES),
    (Summit, "forum"): _values(_FORUMS),
    (Visit, "summary"): _templates(vocab.VISIT_SUMMARIES),
    (Visit, "visitor"): lambda kit: mostly(kit.records(Person), kit.actor, odds=4),
    (Dispute, "summary"): _templates(vocab.DISPUTE_SUMMARIES),
    (Dispute, "third_parties"): lambda kit: kit.records(Country) | kit.records(Organization),
    (TradeIssue, "summary"): _templates(vocab.TRADE_SUMMARIES),
    (TradeIssue, "rate_percent"): _values(_RATES),
    (Agreement, "summary"): _templates(vocab.AGREEMENT_SUMMARIES),
    (Agreement, "title"): _values(st.sampled_from(vocab.AGREEMENT_TITLES)),
    (Statement, "summary"): _templates(vocab.STATEMENT_SUMMARIES),
    (DiplomaticAction, "summary"): _templates(vocab.ACTION_SUMMARIES),
    (DiplomaticAction, "envoys"): _envoys,
    (Vote, "summary"): _templates(vocab.VOTE_SUMMARIES),
    (Vote, "body"): _values(_VOTING_BODIES),
    (Vote, "motion"): _values(st.sampled_from(vocab.MOTIONS)),
}

#: The values of text fields by name, in any class (a user's kinds too).
TEXTS: dict[str, SearchStrategy[str]] = {
    "id": SLUGS,
    "url": URLS,
    "topics": st.sampled_from(vocab.TOPICS),
    "outcomes": st.sampled_from(vocab.OUTCOMES),
    "subject": st.sampled_from(vocab.SUBJECTS),
    "position": st.sampled_from(vocab.POSITIONS),
    "sectors": st.sampled_from(vocab.SECTORS),
    "products": st.sampled_from(vocab.PRODUCTS),
    "note": st.sampled_from(vocab.NOTES),
    "publisher": st.sampled_from(vocab.PUBLISHERS),
    "terms": st.sampled_from(vocab.TERMS),
}


def values_for(cls: type, name: str, kit: Kit) -> SearchStrategy[Any] | None:
    """Return what the field ``name`` of ``cls`` is drawn from, or None for its shape's own."""
    for klass in cls.__mro__:
        make = FIELDS.get((klass, name))
        if make is not None:
            return make(kit)
    return None


# --- finishers -----------------------------------------------------------------------------


def display_name(actor: Any) -> str:
    """Name an actor as a summary would: a country's or body's name, a person's or office."""
    return getattr(actor, "name", None) or getattr(actor, "office", None) or "an official"


_NAMES: dict[type, Callable[[Values], dict[str, str]]] = {
    Summit: lambda v: {
        "a": display_name(v["participants"][0]),
        "b": display_name(v["participants"][1]),
    },
    Visit: lambda v: {"visitor": display_name(v["visitor"]), "host": country_name(v["host"])},
    Dispute: lambda v: {
        "a": display_name(v["parties"][0].actor),
        "b": display_name(v["parties"][1].actor) if len(v["parties"]) > 1 else "its neighbours",
        "subject": v["subject"] or "the issue",
    },
    TradeIssue: lambda v: {
        "imposer": display_name(v["imposers"][0]),
        "target": display_name(v["targets"][0]) if v["targets"] else "its partners",
        "measure": _words(v["measure"]),
    },
    Agreement: lambda v: {
        "a": display_name(v["parties"][0]),
        "b": display_name(v["parties"][-1]) if len(v["parties"]) > 1 else "its partners",
        "instrument": _words(v["instrument"]),
        "title": v["title"] or "a deal",
    },
    Statement: lambda v: {
        "speaker": display_name(v["speakers"][0]),
        "addressee": display_name(v["addressees"][0]) if v["addressees"] else "the public",
        "purpose": _words(v["purpose"]),
        "subject": v["subject"] or "the issue",
    },
    DiplomaticAction: lambda v: {
        "actor": display_name(v["actor"]),
        "target": display_name(v["target"]),
        "action": _words(v["action"]),
    },
    Vote: lambda v: {
        "body": display_name(v["body"]),
        "motion": v["motion"],
        "result": _words(v["result"]),
    },
}


def _words(member: Any) -> str:
    return str(member.value).replace("_", " ")


def summary_names(cls: type, values: Values) -> dict[str, str]:
    """Return what a summary of ``cls`` names: its kind, and what its kind's templates use."""
    names = {"kind": (tag_of(cls) or cls.__name__).replace("_", " ")}
    for klass in cls.__mro__:
        if klass in _NAMES:
            names.update(_NAMES[klass](values))
            break
    return names


def _summary(draw: st.DrawFn, cls: type, values: Values) -> None:
    if values["summary"] is not None:
        values["summary"] = values["summary"].format(**summary_names(cls, values))


_YEAR = datetime.timedelta(days=365)


def _meetings_on_visit_days(draw: st.DrawFn, cls: type, values: Values) -> None:
    # Meetings happen during the visit: on one of its days, a year at most from a known end.
    low, high = values["date"].lower(), values["date"].upper()
    if low == datetime.date.min and high - low > _YEAR:
        low = high - _YEAR
    if high == datetime.date.max and high - low > _YEAR:
        high = low + _YEAR
    values["meetings"] = tuple(
        meeting
        if meeting.date is None
        else attrs.evolve(meeting, date=day_between(draw, low, high))
        for meeting in values["meetings"]
    )


# Only duties have a rate.
_DUTIES = frozenset(
    (TradeMeasure.TARIFF, TradeMeasure.ANTI_DUMPING_DUTY, TradeMeasure.COUNTERVAILING_DUTY)
)


def _rates_of_duties(draw: st.DrawFn, cls: type, values: Values) -> None:
    if values["measure"] not in _DUTIES:
        values["rate_percent"] = None


def _tally_counts_the_ballots(draw: st.DrawFn, cls: type, values: Values) -> None:
    # A body's count of each vote is at least the members named as casting it.
    tally = values["tally"]
    if tally is None:
        return
    counts = {}
    for choice in ("yes", "no", "abstain", "absent"):
        named = sum(1 for ballot in values["ballots"] if ballot.vote.value == choice)
        counted = getattr(tally, choice)
        counts[choice] = counted if counted is None else max(counted, named)
    values["tally"] = attrs.evolve(tally, **counts)


#: Changes across the drawn fields of a class and its subclasses, base classes' last.
FINISHERS: dict[type, Finisher] = {
    Event: _summary,
    Visit: _meetings_on_visit_days,
    TradeIssue: _rates_of_duties,
    Vote: _tally_counts_the_ballots,
}


def finishers(cls: type) -> Iterator[Finisher]:
    """Yield the finishers of ``cls``: its own first, then its bases'."""
    for klass in cls.__mro__:
        if klass in FINISHERS:
            yield FINISHERS[klass]
