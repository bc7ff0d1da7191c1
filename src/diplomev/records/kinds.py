"""The kinds of event, from summits and visits to agreements, statements, actions and votes.

Which kind fits a fact: an `Agreement` binds or commits its parties; a `Statement`
expresses a position; a `DiplomaticAction` acts on relations; a phone call between
leaders is a `Summit` with ``channel="phone"`` (see docs/concepts.md).

>>> from diplomev import event_types
>>> list(event_types())[:8]
['summit', 'visit', 'dispute', 'trade_issue', 'agreement', 'statement', 'diplomatic_action', 'vote']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from diplomev.actors import Actor, Organization, Person
from diplomev.errors import ErrorCode, ErrorDetail
from diplomev.model.convert import (
    to_enum,
    to_optional_enum,
    to_tuple,
)
from diplomev.model.plans import CountryCode, limits
from diplomev.model.rules import Check
from diplomev.records.event import Event, register_event_type
from diplomev.records.parts import Amount, Ballot, DisputeParty, Meeting, Tally
from diplomev.records.vocabularies import (
    AgreementInstrument,
    AgreementStage,
    BallotVote,
    DiplomaticActionKind,
    DisputeKind,
    DisputeStage,
    StatementChannel,
    StatementPurpose,
    SummitChannel,
    TradeMeasure,
    TradeStage,
    VisitKind,
    VoteResult,
)

__all__ = [
    "Agreement",
    "DiplomaticAction",
    "Dispute",
    "Statement",
    "Summit",
    "TradeIssue",
    "Visit",
    "Vote",
]


@attrs.frozen(kw_only=True)
class Summit(Event):
    """A meeting of leaders (or of countries, for a multilateral meeting), in person or not.

    ``host`` is None for a third-country venue; ``forum`` names the body (G20, APEC); a
    phone call between two leaders is a summit with ``channel="phone"``.

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
    channel: SummitChannel = attrs.field(
        default=SummitChannel.IN_PERSON, converter=to_enum[SummitChannel]
    )
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
    """A trade measure imposed by some actors, on others where the report names them.

    ``official`` is False for informal measures (an unannounced boycott).

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
    targets: tuple[Actor, ...] = attrs.field(default=(), converter=to_tuple[Actor])
    measure: TradeMeasure = attrs.field(converter=to_enum[TradeMeasure])
    official: bool | None = None
    sectors: tuple[str, ...] = attrs.field(default=(), converter=to_tuple[str])
    products: tuple[str, ...] = attrs.field(default=(), converter=to_tuple[str])
    rate_percent: float | None = attrs.field(default=None, metadata=limits(ge=0.0))
    stage: TradeStage | None = attrs.field(default=None, converter=to_optional_enum[TradeStage])


@attrs.frozen(kw_only=True)
class Agreement(Event):
    """What binds or commits its parties: a treaty, a memorandum, a joint statement, a deal.

    ``parties`` are bound by it; ``signatories`` are the persons who signed; ``witnesses``
    mediated, guaranteed or hosted the signing.

    >>> from diplomev import Country, Person
    >>> deal = Agreement(id="a", date="2026-01-05", parties=[Country(code="KOR"), Country(code="CHN")],
    ...                  instrument="memorandum", title="MOU on supply chains",
    ...                  value={"value": 2e9, "currency": "USD"})
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $.value: expected Amount, got dict
    >>> deal = Agreement(id="a", date="2026-01-05", parties=[Country(code="KOR"), Country(code="CHN")],
    ...                  instrument="memorandum", value=Amount(value=2e9, currency="USD"))
    >>> deal.stage, deal.value.currency
    (<AgreementStage.SIGNED: 'signed'>, 'USD')
    """

    parties: tuple[Actor, ...] = attrs.field(
        converter=to_tuple[Actor], metadata=limits(min_items=1)
    )
    signatories: tuple[Person, ...] = attrs.field(default=(), converter=to_tuple[Person])
    witnesses: tuple[Actor, ...] = attrs.field(default=(), converter=to_tuple[Actor])
    instrument: AgreementInstrument = attrs.field(
        default=AgreementInstrument.OTHER, converter=to_enum[AgreementInstrument]
    )
    title: str | None = None
    subject: str | None = None
    stage: AgreementStage = attrs.field(
        default=AgreementStage.SIGNED, converter=to_enum[AgreementStage]
    )
    terms: tuple[str, ...] = attrs.field(default=(), converter=to_tuple[str])
    value: Amount | None = None


@attrs.frozen(kw_only=True)
class Statement(Event):
    """What expresses a position: a statement, a speech, a message of congratulation.

    The words themselves are the sources' quotes, each with its speaker.

    >>> from diplomev import Person
    >>> note = Statement(id="s", date="2024-06-05", purpose="congratulation", channel="message",
    ...                  speakers=[Person(name="Xi Jinping", country="CHN")],
    ...                  addressees=[Person(name="Narendra Modi", country="IND")])
    >>> note.purpose, note.channel
    (<StatementPurpose.CONGRATULATION: 'congratulation'>, <StatementChannel.MESSAGE: 'message'>)
    """

    speakers: tuple[Actor, ...] = attrs.field(
        converter=to_tuple[Actor], metadata=limits(min_items=1)
    )
    addressees: tuple[Actor, ...] = attrs.field(default=(), converter=to_tuple[Actor])
    channel: StatementChannel = attrs.field(
        default=StatementChannel.STATEMENT, converter=to_enum[StatementChannel]
    )
    purpose: StatementPurpose = attrs.field(
        default=StatementPurpose.POSITION, converter=to_enum[StatementPurpose]
    )
    subject: str | None = None


@attrs.frozen(kw_only=True)
class DiplomaticAction(Event):
    """A state acting on its relations with another: recalling, summoning, expelling.

    >>> from diplomev import Country, Person
    >>> expulsion = DiplomaticAction(id="d", date="2023-10-19", action="expel_diplomats",
    ...                              actor=Country(code="IND"), target=Country(code="CAN"), count=41)
    >>> expulsion.action
    <DiplomaticActionKind.EXPEL_DIPLOMATS: 'expel_diplomats'>
    """

    actor: Actor
    target: Actor
    action: DiplomaticActionKind = attrs.field(converter=to_enum[DiplomaticActionKind])
    envoys: tuple[Person, ...] = attrs.field(default=(), converter=to_tuple[Person])
    count: int | None = attrs.field(default=None, metadata=limits(ge=1))


def _ballots_within_tally(vote: Vote) -> list[ErrorDetail]:
    if vote.tally is None:
        return []
    problems = []
    for choice in BallotVote:
        named = sum(1 for ballot in vote.ballots if ballot.vote is choice)
        counted = getattr(vote.tally, choice.value)
        if counted is not None and named > counted:
            message = f"{named} ballots say {choice.value!r} but the tally counts {counted}"
            problems.append(ErrorDetail("$.ballots", message, ErrorCode.INCONSISTENT))
    return problems


def _more_ballots_than_counted(data: Mapping[str, Any]) -> tuple[dict[str, Any], str, str]:
    """Break the rule on a valid wire dict: one more named ballot than the tally counts."""
    ballots = list(data.get("ballots") or [{"actor": data["body"], "vote": "yes"}])
    choice = ballots[0]["vote"]
    tally = dict(data.get("tally") or {})
    tally[choice] = sum(1 for ballot in ballots if ballot["vote"] == choice) - 1
    return {**data, "tally": tally, "ballots": ballots}, "$.ballots", ErrorCode.INCONSISTENT


@attrs.frozen(kw_only=True)
class Vote(Event):
    """A body deciding by vote: the Security Council on a resolution, a parliament on a bill.

    Where a report gives both a tally and named ballots, the ballots of each choice number
    no more than the tally's count of it.

    >>> from diplomev import Country, Organization
    >>> council = Organization(name="UN Security Council", kind="igo")
    >>> vote = Vote(id="v", date="2011-03-17", body=council, motion="Resolution 1973",
    ...             result="adopted", tally=Tally(yes=10, no=0, abstain=5),
    ...             ballots=[Ballot(actor=Country(code=c), vote="abstain") for c in ("CHN", "RUS")])
    >>> vote.result, len(vote.ballots)
    (<VoteResult.ADOPTED: 'adopted'>, 2)
    """

    body: Organization
    motion: str
    result: VoteResult = attrs.field(converter=to_enum[VoteResult])
    tally: Tally | None = None
    ballots: tuple[Ballot, ...] = attrs.field(default=(), converter=to_tuple[Ballot])
    sponsors: tuple[Actor, ...] = attrs.field(default=(), converter=to_tuple[Actor])

    constraints = (Check(("tally", "ballots"), _ballots_within_tally, _more_ballots_than_counted),)


for _name, _cls in (
    ("summit", Summit),
    ("visit", Visit),
    ("dispute", Dispute),
    ("trade_issue", TradeIssue),
    ("agreement", Agreement),
    ("statement", Statement),
    ("diplomatic_action", DiplomaticAction),
    ("vote", Vote),
):
    register_event_type(_name)(_cls)
