"""The building blocks of events: meetings on a visit, sides of a dispute, amounts, votes.

>>> Tally(yes=13, abstain=2).no is None
True
"""

from __future__ import annotations

import attrs

from diplomev.actors import Actor
from diplomev.dates import EventDate
from diplomev.model.convert import (
    to_enum,
    to_optional_date,
    to_tuple,
)
from diplomev.model.plans import CurrencyCode, Validated, limits
from diplomev.model.rules import AnyOf
from diplomev.places import Location
from diplomev.records.vocabularies import BallotVote, MeetingKind, Status

__all__ = ["Amount", "Ballot", "DisputeParty", "Meeting", "Tally"]


@attrs.frozen(kw_only=True)
class Meeting(Validated):
    """Whom a visitor met during a visit, and how.

    >>> from diplomev import Person
    >>> li = Person(name="Li Qiang", office="Premier", country="CHN")
    >>> Meeting(counterparts=(li,), kind="talks").kind
    <MeetingKind.TALKS: 'talks'>
    """

    counterparts: tuple[Actor, ...] = attrs.field(
        converter=to_tuple[Actor], metadata=limits(min_items=1)
    )
    kind: MeetingKind = attrs.field(default=MeetingKind.MEETING, converter=to_enum[MeetingKind])
    date: EventDate | None = attrs.field(default=None, converter=to_optional_date)
    status: Status = attrs.field(default=Status.OCCURRED, converter=to_enum[Status])
    location: Location | None = None


@attrs.frozen(kw_only=True)
class DisputeParty(Validated):
    """One side of a dispute, with the position it states (in its own words if quoted).

    >>> from diplomev import Country
    >>> DisputeParty(actor=Country(code="KOR"), position="security threat").position
    'security threat'
    """

    actor: Actor
    position: str | None = None


@attrs.frozen(kw_only=True)
class Amount(Validated):
    """A sum of money: what an agreement is worth, in an ISO 4217 currency.

    >>> Amount(value=1.5e9, currency="USD").currency
    'USD'
    """

    value: float = attrs.field(metadata=limits(ge=0.0))
    currency: CurrencyCode


@attrs.frozen(kw_only=True)
class Tally(Validated):
    """The counts of a vote; a report may give only some of them.

    >>> Tally(yes=10, no=0, abstain=5).abstain
    5
    """

    yes: int | None = attrs.field(default=None, metadata=limits(ge=0))
    no: int | None = attrs.field(default=None, metadata=limits(ge=0))
    abstain: int | None = attrs.field(default=None, metadata=limits(ge=0))
    absent: int | None = attrs.field(default=None, metadata=limits(ge=0))

    constraints = (
        AnyOf("yes", "no", "abstain", "absent", message="a tally needs at least one count"),
    )


@attrs.frozen(kw_only=True)
class Ballot(Validated):
    """How one member of a body voted (a report often names only some).

    >>> from diplomev import Country
    >>> Ballot(actor=Country(code="CHN"), vote="abstain").vote
    <BallotVote.ABSTAIN: 'abstain'>
    """

    actor: Actor
    vote: BallotVote = attrs.field(converter=to_enum[BallotVote])
