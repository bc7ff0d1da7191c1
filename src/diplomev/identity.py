"""Deterministic, readable event ids.

An id exists so that two tools, or two coders, reading two reports of the same event
write the same id, and links between their files work. So it is built only from what
identifies an event, never from what varies between articles:

- **What, when, who.** The kind, the day (or month, or year) the event starts, and the
  principal actors: a summit's participants, a dispute's parties, a trade issue's
  imposers and targets, a visit's visitor and host (every actor, for a kind registered
  by a user). Mediators, delegations, forums and the people met during a visit are left
  out: reports list them differently.
- **People stand for their state.** "President Lee", "Lee Jae Myung" and "South Korea"
  are how three articles name the same side, so a person with a country is keyed by
  that country alone. For the same reason a person and their own state in a dispute are
  one party, not two: the actors of an event are its *distinct keys*, sorted, so that
  the order of a list does not matter either. The price: two officials of one country
  are one party too, so code the sides of a quarrel within a country as organizations
  (parties, courts). A person without a country is keyed by name (or office), the only
  thing that tells them apart; a name with no Latin letters by a digest of it.
- **Organizations are parties of their own.** The China Coast Guard is not China, and
  the coast guards of China and of the Philippines are not one body: an organization is
  keyed by its country and its name (its ``kind`` is left out: coders classify bodies
  differently).
- **Direction and place tell events apart.** A visit of KOR to CHN is not one of CHN to
  KOR, and a measure CHN imposes on KOR is not KOR's retaliation on the same day, so both
  keep their direction (``kor-to-chn``, ``chn-on-kor``). Two summits of the same leaders
  on the same day in two countries are two events, so a summit's host is part of its id
  when the record knows it (``in-chn``); a report that does not know the host gives an
  id without it.
- **A plan is not its occurrence.** A planned visit and the visit itself are reported as
  two records (linked, not merged), so planned and cancelled events are marked
  ``planned``: a cancelled event is the plan, called off, and keeps the plan's id.
  Ongoing and occurred are one event, reported at two moments.
- **What the kind is about.** Two agreements of the same parties signed the same day are
  told apart by their title (or, untitled, their instrument); a statement by its purpose
  and whom it addresses; a diplomatic action by what it does (``recall-ambassador``); a
  vote by the body and its motion (``un-security-council-resolution-1973``).
- **Precision, not qualifiers.** ``2026-01-05?`` and ``2026-01-05~`` are the same day,
  reported with doubt; ``2026-01`` is a different, coarser reading and gives another id.
- **Short, and never a broken word.** Ids are read by people, typed into links and shown
  in columns, so they stay under 80 characters (`MAX_LENGTH`) and are cut only between
  whole words. First a dispute's subject loses trailing words (and the "of" or "the"
  they leave dangling). If the actors alone do not fit, the first actor keys are kept,
  followed by ``etc`` and a short digest of the full id, so that events that differ only
  in what was left out still get different ids.

>>> import diplomev
>>> summit = diplomev.loads(
...     '{"type": "summit", "id": "tmp", "date": "2026-01-05", "participants": ['
...     '{"type": "person", "name": "Xi Jinping", "country": "CHN"},'
...     '{"type": "person", "name": "Lee Jae Myung", "country": "KOR"}]}')
>>> make_id(summit)
'summit-2026-01-05-chn-kor'
"""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from diplomev._text import MAX_NAME_LENGTH
from diplomev.actors import Actor, Country, Organization, Person
from diplomev.dates import EventDate, PartialDate
from diplomev.records import (
    Agreement,
    DiplomaticAction,
    Dispute,
    Event,
    Statement,
    Status,
    Summit,
    TradeIssue,
    Visit,
    Vote,
    event_type_name,
)

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
    """Return a deterministic id for ``event``: ``[a-z0-9-]``, at most `MAX_LENGTH` characters.

    The layout is ``kind[-planned]-date-who[-in-host|-measure|-subject]``, where *who* is
    the sorted distinct actor keys (``visitor-to-host`` for a visit, ``imposers-on-targets``
    for a trade issue). A country's key is its code; a person's is their country's code
    (their name or office without one); an organization's is its country's code and its
    name. The module docstring says why.

    Two reports of the same summit, worded differently, give one id; its host is part of
    it:

    >>> from diplomev import Country, Dispute, DisputeParty, Organization, Person, Summit
    >>> from diplomev import parse_date
    >>> lee = Person(name="Lee Jae Myung", country="KOR")
    >>> xi = Person(name="Xi Jinping", country="CHN")
    >>> make_id(Summit(id="a", date=parse_date("2026-01-05"), participants=(lee, xi), host="CHN"))
    'summit-2026-01-05-chn-kor-in-chn'
    >>> president = Person(office="President", country="KOR")
    >>> make_id(Summit(id="b", date=parse_date("2026-01-05~"), participants=(xi, president),
    ...                host="CHN", summary="Xi hosts Lee"))
    'summit-2026-01-05-chn-kor-in-chn'

    A visit keeps its direction, and a planned one says so:

    >>> import diplomev
    >>> visit = diplomev.loads(
    ...     '{"type": "visit", "id": "tmp", "date": "2026-01-04?/2026-01-06?", "host": "CHN",'
    ...     ' "visitor": {"type": "person", "name": "Lee Jae Myung", "country": "KOR"}}')
    >>> make_id(visit)
    'visit-2026-01-04-kor-to-chn'
    >>> make_id(attrs.evolve(visit, status="planned"))
    'visit-planned-2026-01-04-kor-to-chn'

    An organization is a party of its own, keyed by its country and its name:

    >>> guard = Organization(name="China Coast Guard", kind="military", country="CHN")
    >>> philippines = Country(code="PHL")
    >>> make_id(Dispute(id="d", date=parse_date("2023-08-05"), subject="water cannon",
    ...                 parties=(DisputeParty(actor=guard), DisputeParty(actor=philippines))))
    'dispute-2023-08-05-chn-china-coast-guard-phl-water-cannon'

    The other kinds say what they are about:

    >>> from diplomev import DiplomaticAction, Statement, Vote
    >>> make_id(DiplomaticAction(id="x", date="2023-10-19", action="recall_ambassador",
    ...                          actor=Country(code="CAN"), target=Country(code="IND")))
    'diplomatic-action-2023-10-19-can-on-ind-recall-ambassador'
    >>> make_id(Statement(id="x", date="2024-06-05", purpose="congratulation",
    ...                   speakers=[xi], addressees=[Person(name="Narendra Modi", country="IND")]))
    'statement-2024-06-05-chn-to-ind-congratulation'
    >>> make_id(Vote(id="x", date="2011-03-17", motion="Resolution 1973", result="adopted",
    ...              body=Organization(name="UN Security Council", kind="igo")))
    'vote-2011-03-17-un-security-council-resolution-1973'

    A long subject loses whole trailing words; too many actors end in ``etc`` and a digest:

    >>> korea = DisputeParty(actor=Country(code="KOR"))
    >>> make_id(Dispute(id="d", date=parse_date("2016"), parties=(korea,), subject=(
    ...     "deployment of a U.S. anti-missile system in South Korea and what came of it")))
    'dispute-2016-kor-deployment-of-a-u-s-anti-missile-system-in-south-korea'
    >>> g20 = [Country(code=code) for code in ("ARG AUS BRA CAN CHN DEU FRA GBR IDN IND ITA "
    ...                                        "JPN KOR MEX RUS SAU TUR USA ZAF").split()]
    >>> make_id(Summit(id="s", date=parse_date("2025-11-22"), participants=tuple(g20), host="ZAF"))
    'summit-2025-11-22-arg-aus-bra-can-chn-deu-fra-gbr-idn-ind-ita-etc-b6095c-in-zaf'
    """
    head = [event_type_name(type(event)).replace("_", "-")]
    if event.status in _PLANS:
        head.append("planned")
    head.append(_date_key(event.date))
    keys = _KEYS.get(type(event))
    if keys is None:
        who, tail, subject = _distinct_keys(event.actors()), list[str](), ""
    else:
        who, tail, subject = keys(event)
    return _fit(head, who, tail, [word for word in _slug(subject).split("-") if word])


# Each kind's parts of an id: who (actor keys), what follows them, and a subject that
# may lose trailing words. Visits, trade issues, statements and actions keep a
# direction: a measure and the retaliation for it, the same day, are two events.
_Parts = tuple[list[str], list[str], str]


def _directed(actors: Iterable[Actor], joiner: str, others: Iterable[Actor]) -> list[str]:
    """Return the keys of ``actors``, then ``joiner-`` and the keys of ``others``.

    The joiner goes with the first of the others, so a shortened id never ends in it.
    """
    first, rest = _distinct_keys(actors), _distinct_keys(others)
    return [*first, f"{joiner}-{rest[0]}", *rest[1:]] if rest else first


def _summit(event: Summit) -> _Parts:
    # The same leaders, the same day, in two countries: two summits.
    tail = ["in", event.host.lower()] if event.host is not None else []
    return _distinct_keys(event.participants), tail, ""


def _dispute(event: Dispute) -> _Parts:
    return _distinct_keys(event.actors(("parties",))), [], event.subject or ""


def _trade_issue(event: TradeIssue) -> _Parts:
    return _directed(event.imposers, "on", event.targets), [_token(event.measure)], ""


def _agreement(event: Agreement) -> _Parts:
    # Two agreements of the same parties on the same day differ by what they are.
    return _distinct_keys(event.parties), [], event.title or event.instrument.value


def _statement(event: Statement) -> _Parts:
    return _directed(event.speakers, "to", event.addressees), [_token(event.purpose)], ""


def _diplomatic_action(event: DiplomaticAction) -> _Parts:
    return _directed([event.actor], "on", [event.target]), [_token(event.action)], ""


def _vote(event: Vote) -> _Parts:
    return [_actor_key(event.body)], [], event.motion


def _token(value: enum.Enum) -> str:
    return str(value.value).replace("_", "-")


_KEYS: dict[type, Callable[[Any], _Parts]] = {
    Visit: lambda event: ([_actor_key(event.visitor)], ["to", event.host.lower()], ""),
    Summit: _summit,
    Dispute: _dispute,
    TradeIssue: _trade_issue,
    Agreement: _agreement,
    Statement: _statement,
    DiplomaticAction: _diplomatic_action,
    Vote: _vote,
}


def _date_key(date: EventDate) -> str:
    for end in (date.start, date.end):
        if isinstance(end, PartialDate):
            return str(attrs.evolve(end, uncertain=False, approximate=False))
    raise AssertionError("an EventDate always has a date end")  # pragma: no cover


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
    name = name[:MAX_NAME_LENGTH]  # normalizing costs time quadratic in runs of marks
    return _slug(name) or _digest(" ".join(unicodedata.normalize("NFKC", name).casefold().split()))


def _slug(text: str) -> str:
    # No id word is long: what is past the readers' cap is never worth normalizing.
    decomposed = unicodedata.normalize("NFKD", text[:MAX_NAME_LENGTH])
    ascii_text = decomposed.encode("ascii", "ignore").decode()
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
