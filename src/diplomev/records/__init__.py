"""Events: the common `Event` fields, the kinds, their building blocks and vocabularies.

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

>>> from diplomev import Actor, limits
>>> @register_event_type("truce")
... @attrs.frozen(kw_only=True)
... class Truce(Event):
...     sides: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=2))
>>> event_types()["truce"] is Truce
True
"""

from diplomev.model.plans import limits
from diplomev.records.event import (
    Event,
    Link,
    event_type_name,
    event_types,
    register_event_type,
    registered_type,
)
from diplomev.records.kinds import (
    Agreement,
    DiplomaticAction,
    Dispute,
    Statement,
    Summit,
    TradeIssue,
    Visit,
    Vote,
)
from diplomev.records.parts import Amount, Ballot, DisputeParty, Meeting, Tally
from diplomev.records.vocabularies import (
    AgreementInstrument,
    AgreementStage,
    BallotVote,
    DiplomaticActionKind,
    DisputeKind,
    DisputeStage,
    LinkRel,
    MeetingKind,
    StatementChannel,
    StatementPurpose,
    Status,
    SummitChannel,
    TradeMeasure,
    TradeStage,
    VisitKind,
    VoteResult,
)

__all__ = [
    "Agreement",
    "AgreementInstrument",
    "AgreementStage",
    "Amount",
    "Ballot",
    "BallotVote",
    "DiplomaticAction",
    "DiplomaticActionKind",
    "Dispute",
    "DisputeKind",
    "DisputeParty",
    "DisputeStage",
    "Event",
    "Link",
    "LinkRel",
    "Meeting",
    "MeetingKind",
    "Statement",
    "StatementChannel",
    "StatementPurpose",
    "Status",
    "Summit",
    "SummitChannel",
    "Tally",
    "TradeIssue",
    "TradeMeasure",
    "TradeStage",
    "Visit",
    "VisitKind",
    "Vote",
    "VoteResult",
    "event_type_name",
    "event_types",
    "limits",
    "register_event_type",
    "registered_type",
]
