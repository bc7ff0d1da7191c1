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
from collections.abc import Iterable, Sequence

import attrs

from diplomev.actors import Actor, Country, Organization, Person
from diplomev.dates import EventDate, PartialDate
from diplomev.records import Dispute, Event, Status, Summit, TradeIssue, Visit, event_type_name

__all__ = ["MAX_LENGTH", "make_id"]

#: The longest id `make_id` returns, in characters.
MAX_LENGTH = 79

_DIGEST_LENGTH = 6
# A plan and its occurrence are two records; a cancelled event is the plan, called off.
_PLANS = frozenset({Status.PLANNED, Status.CANCELLED})
# Articles, conjunctions and prepositions: a shortened subject does not end in one.
_FUNCTION_WORDS = frozenset({
    "a", "about", "across", "after", "against", "among", "an", "and", "as", "at", "before",
    "between", "by", "during", "for", "from", "in", "into", "near", "of", "off", "on", "onto",
    "or", "over", "since", "than", "the", "through", "to", "toward", "towards", "under",
    "until", "upon", "via", "with", "within", "without",
})  # fmt: skip


def make_id(event: Event) -> str:
    """Return a deterministic id for ``event``: ``kind[-planned]-date-who[-in-host|-measure|-subject]``.

    At most `MAX_LENGTH` characters, cut only between whole words: a dispute's subject
    loses trailing words first; actors too many to show end in ``etc`` and a digest.

    The date is where the event starts, at its own precision, without qualifiers. Actors
    are identified by country where they have one, so "President Lee" and "Lee Jae Myung"
    give the same id; an organization by its country and its name, so the China Coast
    Guard is a party of its own; a visit keeps its direction (visitor, then host), and so
    does a trade issue (imposers, ``on``, targets). The
    other actors are the sorted distinct keys: in a dispute, a person and their own state
    are one party, and an organization and its state are two.

    >>> import diplomev
    >>> visit = diplomev.loads(
    ...     '{"type": "visit", "id": "tmp", "date": "2026-01-04?/2026-01-06?", "host": "CHN",'
    ...     ' "visitor": {"type": "person", "name": "Lee Jae Myung", "country": "KOR"}}')
    >>> make_id(visit)
    'visit-2026-01-04-kor-to-chn'
    """
    head = [event_type_name(type(event)).replace("_", "-")]
    if event.status in _PLANS:
        head.append("planned")
    head.append(_date_key(event.date))
    tail: list[str] = []
    subject: list[str] = []
    if isinstance(event, Visit):
        who = [_actor_key(event.visitor)]
        tail = ["to", event.host.lower()]
    elif isinstance(event, TradeIssue):
        # A measure and the retaliation for it, the same day, are two events.
        targets = _distinct_keys(event.targets)
        # "on" travels with the first target, so that a shortened id never ends in it.
        who = [*_distinct_keys(event.imposers), f"on-{targets[0]}", *targets[1:]]
        tail = [event.measure.value.replace("_", "-")]
    else:
        who = _distinct_keys(event.actors(_PRINCIPALS.get(type(event))))
        if isinstance(event, Summit) and event.host is not None:
            # The same leaders, the same day, in two countries: two summits.
            tail = ["in", event.host.lower()]
        if isinstance(event, Dispute) and event.subject:
            subject = _slug(event.subject).split("-")
    return _fit(head, who, tail, [word for word in subject if word])


def _date_key(date: EventDate) -> str:
    for end in (date.start, date.end):
        if isinstance(end, PartialDate):
            return str(attrs.evolve(end, uncertain=False, approximate=False))
    raise AssertionError("an EventDate always has a date end")  # pragma: no cover


_PRINCIPALS: dict[type[Event], tuple[str, ...]] = {
    Summit: ("participants",),
    Dispute: ("parties",),
}


def _distinct_keys(actors: Iterable[Actor]) -> list[str]:
    """Sort the actors' distinct keys: mediators and delegations vary between reports."""
    return sorted({_actor_key(actor) for actor in actors})


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
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:_DIGEST_LENGTH]


def _fit(
    head: Sequence[str], who: Sequence[str], tail: Sequence[str], subject: Sequence[str]
) -> str:
    """Join the parts of an id, shortened at whole words to at most `MAX_LENGTH` characters.

    ``who`` holds actor keys (each one or more words); ``subject`` holds single words.
    """
    full = _join(head, who, tail, subject)
    if len(full) <= MAX_LENGTH:
        return full
    for kept in range(len(subject) - 1, -1, -1):
        shorter = _join(head, who, tail, subject[:kept])
        if len(shorter) <= MAX_LENGTH:
            while kept and subject[kept - 1] in _FUNCTION_WORDS:
                kept -= 1  # "deployment-of-a" says no more than "deployment"
            return _join(head, who, tail, subject[:kept])
    # The actors alone are too long: keep the first whole keys (or, if even the first is
    # too long, its first words), and a digest of everything, left out or not.
    etc = ["etc", _digest(full)]
    keys: list[str] = []
    for key in who:
        if len(_join(head, [*keys, key], etc, tail)) > MAX_LENGTH:
            break
        keys.append(key)
    if not keys and who:
        for word in who[0].split("-"):
            if len(_join(head, [*keys, word], etc, tail)) > MAX_LENGTH:
                break
            keys.append(word)
    shortened = _join(head, keys, etc, tail)
    if len(shortened) <= MAX_LENGTH:
        return shortened
    # Only a kind with a very long name gets here: keep what whole words fit.
    words: list[str] = []
    for word in full.split("-"):
        if len(_join(words, [word], [etc[1]])) > MAX_LENGTH:
            break
        words.append(word)
    return _join(words, [etc[1]])


def _join(*parts: Sequence[str]) -> str:
    return "-".join(word for part in parts for word in part if word)
