"""The closed vocabularies of events, serialized as their lowercase values.

>>> Status("planned"), SummitChannel.PHONE.value
(<Status.PLANNED: 'planned'>, 'phone')
"""

from __future__ import annotations

import enum

__all__ = [
    "AgreementInstrument",
    "AgreementStage",
    "BallotVote",
    "DiplomaticActionKind",
    "DisputeKind",
    "DisputeStage",
    "LinkRel",
    "MeetingKind",
    "StatementChannel",
    "StatementPurpose",
    "Status",
    "SummitChannel",
    "TradeMeasure",
    "TradeStage",
    "VisitKind",
    "VoteResult",
]


class Status(enum.StrEnum):
    """Whether an event happened, is going on, is planned or was called off.

    >>> Status("planned")
    <Status.PLANNED: 'planned'>
    """

    OCCURRED = "occurred"
    ONGOING = "ongoing"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class LinkRel(enum.StrEnum):
    """How an event relates to the event a `Link` points at.

    >>> LinkRel.PART_OF.value
    'part_of'
    """

    PART_OF = "part_of"
    FOLLOWS = "follows"
    CAUSED_BY = "caused_by"
    CONTEXT = "context"
    RESPONSE_TO = "response_to"


class VisitKind(enum.StrEnum):
    """The protocol level of a visit; ``unspecified`` unless the article says.

    >>> VisitKind("state")
    <VisitKind.STATE: 'state'>
    """

    STATE = "state"
    OFFICIAL = "official"
    WORKING = "working"
    PRIVATE = "private"
    UNSPECIFIED = "unspecified"


class MeetingKind(enum.StrEnum):
    """How a visitor met a counterpart.

    >>> MeetingKind.COURTESY_CALL.value
    'courtesy_call'
    """

    TALKS = "talks"
    BANQUET = "banquet"
    ADDRESS = "address"
    COURTESY_CALL = "courtesy_call"
    CEREMONY = "ceremony"
    MEETING = "meeting"


class DisputeKind(enum.StrEnum):
    """What a dispute is about.

    >>> DisputeKind("maritime")
    <DisputeKind.MARITIME: 'maritime'>
    """

    TERRITORIAL = "territorial"
    MARITIME = "maritime"
    SOVEREIGNTY = "sovereignty"
    SECURITY = "security"
    DIPLOMATIC = "diplomatic"
    ECONOMIC = "economic"
    OTHER = "other"


class DisputeStage(enum.StrEnum):
    """Where a dispute stands.

    >>> DisputeStage.ESCALATING.value
    'escalating'
    """

    EMERGING = "emerging"
    ACTIVE = "active"
    ESCALATING = "escalating"
    EASING = "easing"
    ADJUDICATED = "adjudicated"
    RESOLVED = "resolved"
    FROZEN = "frozen"


class TradeMeasure(enum.StrEnum):
    """The instrument of a trade issue.

    >>> TradeMeasure("informal_restriction")
    <TradeMeasure.INFORMAL_RESTRICTION: 'informal_restriction'>
    """

    TARIFF = "tariff"
    ANTI_DUMPING_DUTY = "anti_dumping_duty"
    COUNTERVAILING_DUTY = "countervailing_duty"
    QUOTA = "quota"
    IMPORT_BAN = "import_ban"
    EXPORT_CONTROL = "export_control"
    EMBARGO = "embargo"
    SANCTION = "sanction"
    BOYCOTT = "boycott"
    INFORMAL_RESTRICTION = "informal_restriction"
    LICENSING = "licensing"
    INVESTIGATION = "investigation"
    ENTITY_LISTING = "entity_listing"
    OTHER = "other"


class TradeStage(enum.StrEnum):
    """Where a trade measure stands.

    >>> TradeStage.IN_FORCE.value
    'in_force'
    """

    THREATENED = "threatened"
    ANNOUNCED = "announced"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    LIFTED = "lifted"
    CHALLENGED = "challenged"


class SummitChannel(enum.StrEnum):
    """How the participants of a summit met: in person (the default), by video or by phone.

    >>> SummitChannel("phone")
    <SummitChannel.PHONE: 'phone'>
    """

    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"


class AgreementInstrument(enum.StrEnum):
    """The form an agreement takes.

    >>> AgreementInstrument.JOINT_STATEMENT.value
    'joint_statement'
    """

    TREATY = "treaty"
    PROTOCOL = "protocol"
    MEMORANDUM = "memorandum"
    JOINT_STATEMENT = "joint_statement"
    DECLARATION = "declaration"
    COMMUNIQUE = "communique"
    CONTRACT = "contract"
    DEAL = "deal"
    CEASEFIRE = "ceasefire"
    OTHER = "other"


class AgreementStage(enum.StrEnum):
    """Where an agreement stands; ``signed`` unless the report says otherwise.

    >>> AgreementStage("ratified")
    <AgreementStage.RATIFIED: 'ratified'>
    """

    NEGOTIATING = "negotiating"
    CONCLUDED = "concluded"
    SIGNED = "signed"
    RATIFIED = "ratified"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class StatementChannel(enum.StrEnum):
    """How a statement was made.

    >>> StatementChannel.PRESS_CONFERENCE.value
    'press_conference'
    """

    STATEMENT = "statement"
    SPEECH = "speech"
    PRESS_CONFERENCE = "press_conference"
    INTERVIEW = "interview"
    LETTER = "letter"
    MESSAGE = "message"
    READOUT = "readout"
    COMMUNIQUE = "communique"
    SOCIAL_MEDIA = "social_media"
    OTHER = "other"


class StatementPurpose(enum.StrEnum):
    """What a statement does: states a position (the default), congratulates, warns, ...

    >>> StatementPurpose("congratulation")
    <StatementPurpose.CONGRATULATION: 'congratulation'>
    """

    POSITION = "position"
    CONGRATULATION = "congratulation"
    CONDOLENCE = "condolence"
    PRAISE = "praise"
    SUPPORT = "support"
    CRITICISM = "criticism"
    ACCUSATION = "accusation"
    DENIAL = "denial"
    DEMAND = "demand"
    APPEAL = "appeal"
    WARNING = "warning"
    THREAT = "threat"
    APOLOGY = "apology"
    INVITATION = "invitation"
    PROPOSAL = "proposal"
    OTHER = "other"


class DiplomaticActionKind(enum.StrEnum):
    """What a state does to its relations with another.

    >>> DiplomaticActionKind("recall_ambassador")
    <DiplomaticActionKind.RECALL_AMBASSADOR: 'recall_ambassador'>
    """

    RECALL_AMBASSADOR = "recall_ambassador"
    EXPEL_DIPLOMATS = "expel_diplomats"
    DECLARE_PERSONA_NON_GRATA = "declare_persona_non_grata"
    SUMMON_ENVOY = "summon_envoy"
    LODGE_PROTEST = "lodge_protest"
    CLOSE_MISSION = "close_mission"
    OPEN_MISSION = "open_mission"
    DOWNGRADE_RELATIONS = "downgrade_relations"
    UPGRADE_RELATIONS = "upgrade_relations"
    SUSPEND_RELATIONS = "suspend_relations"
    BREAK_RELATIONS = "break_relations"
    RESTORE_RELATIONS = "restore_relations"
    ESTABLISH_RELATIONS = "establish_relations"
    RECOGNIZE = "recognize"
    WITHDRAW_RECOGNITION = "withdraw_recognition"
    OTHER = "other"


class VoteResult(enum.StrEnum):
    """What became of the motion a body voted on.

    >>> VoteResult.VETOED.value
    'vetoed'
    """

    ADOPTED = "adopted"
    REJECTED = "rejected"
    VETOED = "vetoed"
    WITHDRAWN = "withdrawn"
    POSTPONED = "postponed"


class BallotVote(enum.StrEnum):
    """How one member voted.

    >>> BallotVote("abstain")
    <BallotVote.ABSTAIN: 'abstain'>
    """

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"
