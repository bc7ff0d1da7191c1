"""Short readable text for records: who an actor is, who took part, one line per event.

>>> import diplomev
>>> lee = diplomev.Person(name="Lee Jae Myung", office="President", country="KOR")
>>> actor_label(lee)
'Lee Jae Myung (KOR)'
>>> actor_label(diplomev.Country(code="CHN"))
'China'
"""

from __future__ import annotations

from diplomev.actors import Actor, Country, Person
from diplomev.countries import country_name
from diplomev.records import Dispute, Event, Summit, TradeIssue, Visit, event_type_name

__all__ = ["actor_label", "participants_label", "timeline_line"]


def actor_label(actor: Actor) -> str:
    """Name an actor for people: a country by name, others by name (or office) and country.

    >>> import diplomev
    >>> actor_label(diplomev.Person(office="President", country="KOR"))
    'President (KOR)'
    """
    if isinstance(actor, Country):
        return country_name(actor.code)
    name = actor.name if actor.name else actor.office if isinstance(actor, Person) else None
    return f"{name} ({actor.country})" if actor.country else str(name)


def participants_label(event: Event) -> str:
    """Say who took part in an event, in the kind's own terms.

    >>> import diplomev
    >>> visit = diplomev.loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...                        ' "visitor": {"type": "person", "office": "President", "country": "KOR"}}')
    >>> participants_label(visit)
    'President (KOR) visits China'
    """
    if isinstance(event, Visit):
        return f"{actor_label(event.visitor)} visits {country_name(event.host)}"
    if isinstance(event, Summit):
        return " & ".join(actor_label(actor) for actor in event.participants)
    if isinstance(event, Dispute):
        return " vs ".join(actor_label(party.actor) for party in event.parties)
    if isinstance(event, TradeIssue):
        imposers = ", ".join(actor_label(actor) for actor in event.imposers)
        targets = ", ".join(actor_label(actor) for actor in event.targets)
        return f"{imposers} on {targets}"
    return ""


def timeline_line(event: Event, *, width: int = 100) -> str:
    """Return one line for a timeline: date, kind, status, who, and the summary, cut to ``width``.

    >>> import diplomev
    >>> summit = diplomev.loads('{"type": "summit", "id": "s", "date": "2025-11", "participants":'
    ...     ' [{"type": "country", "code": "KOR"}, {"type": "country", "code": "CHN"}]}')
    >>> timeline_line(summit)
    '2025-11                  summit       occurred  South Korea & China'
    """
    kind = event_type_name(type(event))
    line = f"{event.date!s:<24} {kind:<12} {event.status.value:<9} {participants_label(event)}"
    if event.summary:
        line += f" — {event.summary}"
    return line if len(line) <= width else line[: width - 1] + "…"
