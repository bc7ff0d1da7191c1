"""Short readable text for records: who an actor is, who took part, one line per event.

>>> import diplomev
>>> lee = diplomev.Person(name="Lee Jae Myung", office="President", country="KOR")
>>> actor_label(lee)
'Lee Jae Myung (KOR)'
>>> actor_label(diplomev.Country(code="CHN"))
'China'
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any

from diplomev.actors import Actor, Country, Person
from diplomev.countries import country_name
from diplomev.records import (
    Agreement,
    DiplomaticAction,
    Dispute,
    Event,
    Statement,
    Summit,
    SummitChannel,
    TradeIssue,
    Visit,
    Vote,
    event_type_name,
)

__all__ = ["actor_label", "participants_label", "terminal_safe", "timeline_line"]

# What a terminal may act on rather than show: C0 controls (ESC starts a command sequence),
# DEL, C1 controls (U+009B is a one-character CSI), and the bidirectional overrides and
# isolates that make text read in another order than it is stored.
_UNSAFE: dict[int, str] = {
    **{code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]},
    **{code: f"\\u{code:04x}" for code in [0x61C, 0x200E, 0x200F, *range(0x202A, 0x202F)]},
    **{code: f"\\u{code:04x}" for code in range(0x2066, 0x206A)},
}


def terminal_safe(text: str) -> str:
    r"""Write control characters and bidirectional overrides as escapes, to print ``text``.

    >>> print(terminal_safe("key \x1b]0;title\x07 and \u202eevil"))
    key \x1b]0;title\x07 and \u202eevil
    """
    return text.translate(_UNSAFE)


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


def _all(actors: Iterable[Actor]) -> str:
    return " & ".join(actor_label(actor) for actor in actors)


def _words(value: enum.Enum) -> str:
    return str(value.value).replace("_", " ")


def _summit(event: Summit) -> str:
    who = _all(event.participants)
    return who if event.channel is SummitChannel.IN_PERSON else f"{who} by {_words(event.channel)}"


def _trade_issue(event: TradeIssue) -> str:
    who = _all(event.imposers)
    return f"{who} on {_all(event.targets)}" if event.targets else f"{who}: {_words(event.measure)}"


def _agreement(event: Agreement) -> str:
    what = f"“{event.title}”" if event.title else _words(event.instrument)
    return f"{_all(event.parties)}: {what} {_words(event.stage)}"


def _statement(event: Statement) -> str:
    to = f" to {_all(event.addressees)}" if event.addressees else ""
    return f"{_all(event.speakers)}{to}: {_words(event.purpose)}"


def _diplomatic_action(event: DiplomaticAction) -> str:
    return f"{actor_label(event.actor)} → {actor_label(event.target)}: {_words(event.action)}"


def _vote(event: Vote) -> str:
    label = f"{event.body.name}: {event.motion} {_words(event.result)}"
    tally = event.tally
    if tally is not None:
        counts = [tally.yes, tally.no, tally.abstain]
        label += " (" + "-".join("?" if n is None else str(n) for n in counts) + ")"
    return label


# Each kind says who took part in its own terms; a kind of a user's lists its actors.
_LABELS: dict[type, Callable[[Any], str]] = {
    Visit: lambda event: f"{actor_label(event.visitor)} visits {country_name(event.host)}",
    Summit: _summit,
    Dispute: lambda event: " vs ".join(actor_label(party.actor) for party in event.parties),
    TradeIssue: _trade_issue,
    Agreement: _agreement,
    Statement: _statement,
    DiplomaticAction: _diplomatic_action,
    Vote: _vote,
}


def participants_label(event: Event) -> str:
    """Say who took part in an event, in the kind's own terms: who signed, said or voted what.

    >>> import diplomev
    >>> visit = diplomev.loads('{"type": "visit", "id": "v", "date": "2019", "host": "CHN",'
    ...                        ' "visitor": {"type": "person", "office": "President", "country": "KOR"}}')
    >>> participants_label(visit)
    'President (KOR) visits China'
    >>> recall = diplomev.DiplomaticAction(id="d", date="2023-10", action="expel_diplomats",
    ...     actor=diplomev.Country(code="IND"), target=diplomev.Country(code="CAN"))
    >>> participants_label(recall)
    'India → Canada: expel diplomats'
    """
    label = _LABELS.get(type(event))
    if label is not None:
        return label(event)
    return ", ".join(actor_label(actor) for actor in event.actors())


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
