"""Deterministic, readable event ids.

Two reports of the same event get the same id: it is built from what identifies an event
(its kind, when it started and who took part, plus the subject of a dispute), never from
wording that varies between articles (summaries, quotes, qualifiers such as ``?``).

>>> import diplomev
>>> summit = diplomev.loads(
...     '{"type": "summit", "id": "tmp", "date": "2026-01-05", "participants": ['
...     '{"type": "person", "name": "Xi Jinping", "country": "CHN"},'
...     '{"type": "person", "name": "Lee Jae Myung", "country": "KOR"}]}')
>>> make_id(summit)
'summit-2026-01-05-chn-kor'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator

import attrs

from diplomev.actors import Country, Organization, Person
from diplomev.dates import EventDate, PartialDate
from diplomev.records import Dispute, Event, Summit, TradeIssue, Visit, event_type_name

__all__ = ["make_id"]

_MAX_SLUG = 48
_DIGEST_LENGTH = 6


def make_id(event: Event) -> str:
    """Return a deterministic id for ``event``: ``kind-date-who[-measure|-subject]``.

    The date is where the event starts, at its own precision, without qualifiers. Actors
    are identified by country where they have one, so "President Lee" and "Lee Jae Myung"
    give the same id; an organization by its country and its name, so the China Coast
    Guard is a party of its own; a visit keeps its direction (visitor, then host). The
    other actors are the sorted distinct keys: in a dispute, a person and their own state
    are one party, and an organization and its state are two.

    >>> import diplomev
    >>> visit = diplomev.loads(
    ...     '{"type": "visit", "id": "tmp", "date": "2026-01-04?/2026-01-06?", "host": "CHN",'
    ...     ' "visitor": {"type": "person", "name": "Lee Jae Myung", "country": "KOR"}}')
    >>> make_id(visit)
    'visit-2026-01-04-kor-to-chn'
    """
    parts = [event_type_name(type(event)).replace("_", "-"), _date_key(event.date)]
    if isinstance(event, Visit):
        parts += [_actor_key(event.visitor), "to", event.host.lower()]
    else:
        parts += sorted(set(_actor_keys(event)))
    if isinstance(event, TradeIssue):
        parts.append(event.measure.value.replace("_", "-"))
    if isinstance(event, Dispute) and event.subject:
        parts.append(_slug(event.subject))
    return "-".join(part for part in parts if part)


def _date_key(date: EventDate) -> str:
    for end in (date.start, date.end):
        if isinstance(end, PartialDate):
            return str(attrs.evolve(end, uncertain=False, approximate=False))
    raise AssertionError("an EventDate always has a date end")  # pragma: no cover


def _actor_keys(event: Event) -> Iterator[str]:
    """Yield a key for each principal actor: mediators and delegations vary between reports."""
    fields = _PRINCIPALS.get(type(event))
    return (_actor_key(actor) for actor in event.actors(fields))


_PRINCIPALS: dict[type[Event], tuple[str, ...]] = {
    Summit: ("participants",),
    Dispute: ("parties",),
    TradeIssue: ("imposers", "targets"),
}


def _actor_key(actor: object) -> str:
    if isinstance(actor, Country):
        return actor.code.lower()
    if isinstance(actor, Person):
        if actor.country is not None:
            return actor.country.lower()
        return _name_key(actor.name or actor.office or "")
    if isinstance(actor, Organization):
        # Its own party: the China Coast Guard is neither China nor another coast guard.
        country = [actor.country.lower()] if actor.country is not None else []
        return "-".join([*country, _name_key(actor.name)])
    return ""  # pragma: no cover - fields typed as actors hold only these


def _name_key(name: str) -> str:
    """Slug a name; one with no Latin letters or digits ("李在明") becomes a digest of it."""
    return _slug(name) or _digest(" ".join(unicodedata.normalize("NFKC", name).casefold().split()))


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_MAX_SLUG].rstrip("-")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:_DIGEST_LENGTH]
