"""What each kind means, as rules on a record: checked by `audit`, held by the importers.

A record can be valid (every field well formed) and still not be what its kind says: a
"visit" of Narendra Modi to India, a "summit" of India and Narendra Modi. Event datasets
are full of them, because their coders guess actors from text. The definitions here are
the ones diplomev's kinds document (and POLECAT's, for summits' modes):

- a **visit** crosses a border: the visitor is not from the host country;
- a **summit** has participants from at least two countries, or meets in a forum; a
  country is not a participant beside its own leader (or any other actor of its own); a
  country counts only by an actor that can speak for it (the country, a person, a state
  body, a party); an international organization is a side of its own (the EU meeting
  Ukraine is a summit): a president and a foreign newspaper that interviews him, or
  two countries' citizens, are no summit;
- an **agreement** binds two parties or more, and a **dispute** has two sides: one
  party is a pledge or an accusation, not one of these; a country is not a party to an
  agreement beside an actor of its own (in a dispute it may be: a country's opposition
  accusing its government is a dispute of two sides);
- a **trade measure** other than a boycott is imposed by a state or an international
  organization: French farmers threatening a blockade, or the Red Cross suspending its
  aid, impose no sanction (citizens may boycott);
- a **diplomatic action** is between states: its actor and its target are not of one
  country (a lawmaker "reducing relations" with his own prime minister is politics at home);
- a visit's or a hosted summit's **location** lies in the host country, where both are known.

`breaks` lists what a record breaks (`Break`: a stable ``code``, the path, a message);
`hold` makes an imported record hold its definition where a fix is safe (a country beside
its own leader is dropped, a location outside the host is left out), records each change
as a note in the record's ``x_import_notes`` extension, and says why when no fix is (the
importer reports the rows as not mapped, with that reason). `summit_mode` gives a summit's
PLOVER/POLECAT mode.

>>> from diplomev import Country, Person, Summit, Visit
>>> visit = Visit(id="v", date="2024-03-01", host="IND",
...               visitor=Person(name="Narendra Modi", country="IND"))
>>> [b.code for b in breaks(visit)]
['domestic_visit']
>>> hold(visit)
'a visit crosses a border: the visitor is from the host country IND'
>>> summit = Summit(id="s", date="2019-06-01", participants=[
...     Country(code="TUR"), Person(name="Recep Tayyip Erdogan", country="TUR"),
...     Country(code="VEN"), Person(name="Nicolas Maduro", country="VEN")])
>>> held = hold(summit)
>>> [p.name for p in held.participants]
['Recep Tayyip Erdogan', 'Nicolas Maduro']
>>> held.extensions["x_import_notes"][0]["code"]
'country_beside_leader'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs

from diplomev.actors import Actor, Country, Organization, OrganizationKind
from diplomev.reading.actors import lookup_office
from diplomev.records import Agreement, DiplomaticAction, Dispute, Event, Summit, TradeIssue, Visit
from diplomev.records.vocabularies import SummitChannel, TradeMeasure

__all__ = [
    "NOTES",
    "UNFIXABLE",
    "Break",
    "BreakCode",
    "breaks",
    "country_of",
    "hold",
    "is_own_government",
    "summit_countries",
    "summit_mode",
]

NOTES = "x_import_notes"
"""The extension where importers note what they changed to make a record hold its kind."""

BreakCode = Literal[
    "domestic_visit",
    "one_country_summit",
    "country_beside_leader",
    "location_outside_host",
    "one_party_agreement",
    "one_sided_dispute",
    "non_state_measure",
    "domestic_action",
]
"""The definitions a record can break (stable strings, as `ErrorDetail` codes are)."""

UNFIXABLE: Mapping[BreakCode, str] = MappingProxyType(
    {
        "domestic_visit": "not a visit: a visit crosses a border, and the visitor is from "
        "the host country",
        "one_country_summit": "not a summit: a summit has participants from two countries "
        "or more, or a forum",
        "one_party_agreement": "not an agreement: an agreement binds two parties or more",
        "one_sided_dispute": "not a dispute: a dispute has two sides or more",
        "non_state_measure": "not a trade measure: a measure other than a boycott is imposed "
        "by a state or an international organization",
        "domestic_action": "not a diplomatic action: diplomatic relations are between states, "
        "and the actor and the target are of one country",
    }
)
"""The definitions `hold` cannot make a record hold, as an importer reports the rows.

>>> sorted(UNFIXABLE)
['domestic_action', 'domestic_visit', 'non_state_measure', 'one_country_summit', 'one_party_agreement', 'one_sided_dispute']
"""


@attrs.frozen
class Break:
    """One definition a record breaks: a stable ``code``, where (``path``), and why.

    >>> Break("domestic_visit", "$.host", "the visitor is from the host country IND").code
    'domestic_visit'
    """

    code: BreakCode
    path: str
    message: str


def country_of(actor: Actor) -> str | None:
    """Return the country an actor belongs to: a country's code, a person's or body's country.

    >>> from diplomev import Organization
    >>> country_of(Organization(name="Bharatiya Janata Party", kind="party", country="IND"))
    'IND'
    """
    return actor.code if isinstance(actor, Country) else actor.country


# Bodies that do not speak for their country: a newspaper, a firm, a group of citizens,
# an NGO, a university, a group of no state's (rebels, protesters) have a country, but a
# state's leader meeting one of them is no meeting of two states.
_NOT_FOR_A_STATE = frozenset({
    OrganizationKind.MEDIA, OrganizationKind.COMPANY, OrganizationKind.COMMUNITY,
    OrganizationKind.NGO, OrganizationKind.UNIVERSITY, OrganizationKind.OTHER,
})  # fmt: skip


def is_own_government(actor: Actor, other: Actor) -> bool:
    """Whether one of two actors is a country and the other its own government or leader.

    A state and its government are one side: "Government (China)" threatening "China" is
    China's threat, not a dispute of two. The government is a body of kind ``government``
    or a person holding a government office (the office table's ``GOV`` sector); a
    country's opposition, courts, legislature or citizens are sides of their own.

    >>> from diplomev import Organization, Person
    >>> is_own_government(Organization(name="Government", kind="government", country="CHN"),
    ...                   Country(code="CHN"))
    True
    >>> is_own_government(Organization(name="Congress", kind="legislature", country="IND"),
    ...                   Country(code="IND"))
    False
    """
    for country, body in ((actor, other), (other, actor)):
        if isinstance(country, Country) and not isinstance(body, Country):
            return body.country == country.code and _governs(body)
    return False


def _governs(actor: Actor) -> bool:
    if isinstance(actor, Organization):
        return actor.kind is OrganizationKind.GOVERNMENT
    if isinstance(actor, Country) or actor.office is None:
        return False
    office = lookup_office(actor.office)
    return office is not None and (office.sector or "").startswith("GOV")


def _state_country(actor: Actor) -> str | None:
    if isinstance(actor, Organization) and actor.kind in _NOT_FOR_A_STATE:
        return None
    return country_of(actor)


def summit_countries(summit: Summit) -> frozenset[str]:
    """Return the countries a summit's participants speak for (those whose country is known).

    A body that does not speak for its state (media, a company, citizens, an NGO, a
    university, a non-state group) counts for no country.

    >>> from diplomev import Country, Person
    >>> sorted(summit_countries(Summit(id="s", date="2019", participants=[
    ...     Country(code="KOR"), Person(name="Xi Jinping", country="CHN")])))
    ['CHN', 'KOR']
    >>> from diplomev import Organization
    >>> sorted(summit_countries(Summit(id="s", date="2018", participants=[
    ...     Person(name="Donald Trump", country="USA"),
    ...     Organization(name="Al Jazeera", kind="media", country="QAT")])))
    ['USA']
    """
    return frozenset(c for c in map(_state_country, summit.participants) if c is not None)


def _beside_their_own(participants: Iterable[Actor]) -> list[int]:
    """Indexes of the countries that are participants beside an actor of their own."""
    actors = list(participants)
    members = {actor.country for actor in actors if not isinstance(actor, Country)}
    return [i for i, a in enumerate(actors) if isinstance(a, Country) and a.code in members]


def _location_outside(event: Visit | Summit) -> Break | None:
    where = event.location.country if event.location is not None else None
    if where is None or event.host is None or where == event.host:
        return None
    message = f"the location is in {where}, not in the host country {event.host}"
    return Break("location_outside_host", "$.location.country", message)


def _one_country(summit: Summit, participants: Iterable[Actor]) -> Break | None:
    if summit.forum is not None:
        return None
    actors = list(participants)
    countries = {c for c in map(_state_country, actors) if c is not None}
    bodies = {
        a.name for a in actors if isinstance(a, Organization) and a.kind is OrganizationKind.IGO
    }
    if len(countries) + len(bodies) >= 2:
        return None
    said = f"all are from {next(iter(countries))}" if countries else "no country is known"
    message = f"a summit has participants from two countries or more, or a forum: {said}"
    return Break("one_country_summit", "$.participants", message)


def _non_state_measure(event: TradeIssue) -> Break | None:
    if event.measure is TradeMeasure.BOYCOTT:
        return None
    if not all(isinstance(a, Organization) and a.kind in _NOT_FOR_A_STATE for a in event.imposers):
        return None
    message = "a measure other than a boycott is imposed by a state or an international "
    return Break("non_state_measure", "$.imposers", message + "organization")


def _domestic_action(event: DiplomaticAction) -> Break | None:
    # A lawmaker "reducing relations" with his own prime minister (CAMEO 160) is politics
    # at home, not an act on relations between states.
    countries = {country_of(event.actor), country_of(event.target)}
    if len(countries) != 1 or None in countries:
        return None
    message = "diplomatic relations are between states: the actor and the target are of "
    return Break("domestic_action", "$.target", message + str(next(iter(countries))))


def _party_problems(event: Agreement | Dispute) -> tuple[list[int], list[Break]]:
    """Return the parties a fix drops (a country beside its own body) and the breaks."""
    if isinstance(event, Agreement):
        actors: tuple[Actor, ...] = event.parties
        dropped = _beside_their_own(actors)
    else:  # a country's opposition against its government is a dispute of two sides
        actors = tuple(party.actor for party in event.parties)
        # ... but a country beside its own government is one side (Government (China) and
        # China): the country is dropped, as from an agreement.
        dropped = [i for i, a in enumerate(actors) if isinstance(a, Country)
                   and any(is_own_government(a, b) for b in actors)]  # fmt: skip
    found = [Break("country_beside_leader", f"$.parties[{i}]",
                   f"{country_of(actors[i])} is a party beside an actor of its own")
             for i in dropped]  # fmt: skip
    few = _too_few_parties(event, (a for i, a in enumerate(actors) if i not in dropped))
    return dropped, found if few is None else [*found, few]


def _too_few_parties(event: Agreement | Dispute, actors: Iterable[Actor]) -> Break | None:
    kept = list(actors)
    if len(kept) >= 2:
        return None
    if isinstance(event, Agreement):
        code: BreakCode = "one_party_agreement"
        message = "an agreement binds two parties or more"
    else:
        code, message = "one_sided_dispute", "a dispute has two sides or more"
    return Break(code, "$.parties", f"{message}: {len(kept)} is given")


def breaks(event: Event) -> tuple[Break, ...]:
    """Return every definition ``event`` breaks (none for kinds without one).

    >>> from diplomev import Country, Person
    >>> summit = Summit(id="s", date="2024", participants=[
    ...     Country(code="IND"), Person(name="Narendra Modi", country="IND")])
    >>> [(b.code, b.path) for b in breaks(summit)]
    [('country_beside_leader', '$.participants[0]'), ('one_country_summit', '$.participants')]
    """
    found: list[Break] = []
    if isinstance(event, Visit):
        country = country_of(event.visitor)
        if country == event.host:
            message = f"a visit crosses a border: the visitor is from the host country {country}"
            found.append(Break("domestic_visit", "$.host", message))
    elif isinstance(event, Summit):
        for i in _beside_their_own(event.participants):
            message = (
                f"{country_of(event.participants[i])} is a participant beside an actor of its own"
            )
            found.append(Break("country_beside_leader", f"$.participants[{i}]", message))
        one = _one_country(event, event.participants)
        if one is not None:
            found.append(one)
    elif isinstance(event, TradeIssue):
        measure = _non_state_measure(event)
        return () if measure is None else (measure,)
    elif isinstance(event, DiplomaticAction):
        domestic = _domestic_action(event)
        return () if domestic is None else (domestic,)
    elif isinstance(event, Agreement | Dispute):
        return tuple(_party_problems(event)[1])
    else:
        return ()
    outside = _location_outside(event)
    return (*found, outside) if outside is not None else tuple(found)


def _noted(event: Event, notes: list[dict[str, Any]], **changes: Any) -> Event:
    if not notes:
        return event
    extensions = {**event.extensions, NOTES: [*event.extensions.get(NOTES, ()), *notes]}
    return attrs.evolve(event, extensions=extensions, **changes)


def hold(event: Event) -> Event | str:
    """Return ``event`` changed to hold its kind's definition, or why it cannot.

    Safe fixes are made and noted in ``x_import_notes`` (each note a ``code`` and a
    ``message``): a country beside an actor of its own is dropped from a summit's
    participants or an agreement's parties; a location outside the host
    country is left out. A domestic visit, a summit of fewer than two countries without a
    forum, or an agreement or dispute of one party (after the drops) cannot be fixed: the
    reason comes back instead, for the importer's report.

    >>> from diplomev import Country, Location
    >>> visit = Visit(id="v", date="2019-10-24", host="CHN", visitor=Country(code="BRA"),
    ...               location=Location(name="Tokyo", country="JPN"))
    >>> held = hold(visit)
    >>> held.location, held.extensions["x_import_notes"][0]["message"]
    (None, 'left out: the location is in JPN, not in the host country CHN')
    """
    if isinstance(event, Agreement | Dispute):
        return _hold_parties(event)
    if isinstance(event, TradeIssue):
        measure = _non_state_measure(event)
        return event if measure is None else measure.message
    if isinstance(event, DiplomaticAction):
        domestic = _domestic_action(event)
        return event if domestic is None else domestic.message
    if not isinstance(event, Visit | Summit):
        return event
    notes: list[dict[str, Any]] = []
    changes: dict[str, Any] = {}
    problems = breaks(event)
    for problem in problems:
        if problem.code == "domestic_visit":
            return problem.message
    if isinstance(event, Summit):
        dropped = set(_beside_their_own(event.participants))
        kept = [p for i, p in enumerate(event.participants) if i not in dropped]
        one = _one_country(event, kept)
        if one is not None:
            return one.message
        for problem in problems:
            if problem.code == "country_beside_leader":
                notes.append({"code": problem.code, "message": f"dropped: {problem.message}"})
        if dropped:
            changes["participants"] = kept
    for problem in problems:
        if problem.code == "location_outside_host":
            notes.append({"code": problem.code, "message": f"left out: {problem.message}"})
            changes["location"] = None
    return _noted(event, notes, **changes)


def _hold_parties(event: Agreement | Dispute) -> Event | str:
    dropped, problems = _party_problems(event)
    for problem in problems:
        if problem.code in UNFIXABLE:
            return problem.message
    notes = [{"code": p.code, "message": f"dropped: {p.message}"} for p in problems]
    kept = [party for i, party in enumerate(event.parties) if i not in dropped]
    return _noted(event, notes, parties=kept) if dropped else event


def summit_mode(summit: Summit) -> Literal["multilateral", "third-party", "phone"] | None:
    """Return the PLOVER/POLECAT mode of a summit, or None for a plain bilateral meeting.

    POLECAT's CONSULT modes: ``phone`` for a call; ``multilateral`` for a meeting in a
    forum (an alliance, an IGO) or of three countries or more; ``third-party`` for two
    countries meeting in a third one, which the location must show (a summit without a
    host and without a location is not known to be elsewhere).

    >>> from diplomev import Country, Location
    >>> pair = [Country(code="USA"), Country(code="PRK")]
    >>> summit_mode(Summit(id="s", date="2018-06-12", participants=pair,
    ...                    location=Location(name="Singapore", country="SGP")))
    'third-party'
    >>> summit_mode(Summit(id="s", date="2018-06-12", participants=pair)) is None
    True
    """
    if summit.channel is SummitChannel.PHONE:
        return "phone"
    countries = summit_countries(summit)
    if summit.forum is not None or len(countries) >= 3:
        return "multilateral"
    where = summit.location.country if summit.location is not None else None
    if summit.host is None and where is not None and where not in countries:
        return "third-party"
    return None
