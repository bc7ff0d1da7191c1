"""diplomev: typed, validated records of diplomatic events reported in the news.

Build records, validate them, and exchange them as JSON with other tools:

>>> import diplomev
>>> lee = diplomev.Person(name="Lee Jae Myung", office="President", country="KOR")
>>> xi = diplomev.Person(name="Xi Jinping", office="President", country="CHN")
>>> summit = diplomev.Summit(
...     id="lee-xi-summit-2026-01-05", date=diplomev.parse_date("2026-01-05"),
...     participants=(lee, xi), host="CHN")
>>> diplomev.loads(diplomev.dumps(summit)) == summit
True

The readers of news phrasing (`parse_date`, `read_date`, `span_including`, `DateReading`,
`resolve_country`, `country_candidates`, `parse_actor`) are imported on first use, so that
``import diplomev`` loads neither their grammars nor their tables.
"""

from typing import TYPE_CHECKING

from diplomev._version import __version__
from diplomev.actors import Actor, Country, CountryCode, Organization, OrganizationKind, Person
from diplomev.codec import (
    FORMAT_VERSION,
    configure_converter,
    dumps,
    from_dict,
    loads,
    make_converter,
    to_dict,
)
from diplomev.countries import country_name, is_country_code
from diplomev.currencies import currency_name, is_currency_code
from diplomev.dates import Bound, EventDate, PartialDate, Precision, parse_edtf
from diplomev.errors import DiplomevError, ErrorCode, ErrorDetail, ValidationError
from diplomev.identity import make_id
from diplomev.model.plans import CurrencyCode
from diplomev.places import Location, LocationKind
from diplomev.records import (
    Agreement,
    AgreementInstrument,
    AgreementStage,
    Amount,
    Ballot,
    BallotVote,
    DiplomaticAction,
    DiplomaticActionKind,
    Dispute,
    DisputeKind,
    DisputeParty,
    DisputeStage,
    Event,
    Link,
    LinkRel,
    Meeting,
    MeetingKind,
    Statement,
    StatementChannel,
    StatementPurpose,
    Status,
    Summit,
    SummitChannel,
    Tally,
    TradeIssue,
    TradeMeasure,
    TradeStage,
    Visit,
    VisitKind,
    Vote,
    VoteResult,
    event_type_name,
    event_types,
    limits,
    register_event_type,
)
from diplomev.sources import Quote, Source

if TYPE_CHECKING:
    from diplomev import reading as reading
    from diplomev.reading.actors import parse_actor
    from diplomev.reading.countries import country_candidates, resolve_country
    from diplomev.reading.dates import DateReading, parse_date, read_date, span_including
else:
    from diplomev._lazy import lazy_attributes

    # Loaded on first use (PEP 562): the readers, and ``diplomev.reading`` as an attribute.
    __getattr__, __dir__ = lazy_attributes(
        globals(),
        {
            "reading": "diplomev.reading",
            "parse_actor": "diplomev.reading.actors",
            "country_candidates": "diplomev.reading.countries",
            "resolve_country": "diplomev.reading.countries",
            "DateReading": "diplomev.reading.dates",
            "parse_date": "diplomev.reading.dates",
            "read_date": "diplomev.reading.dates",
            "span_including": "diplomev.reading.dates",
        },
    )

__all__ = [
    "FORMAT_VERSION",
    "Actor",
    "Agreement",
    "AgreementInstrument",
    "AgreementStage",
    "Amount",
    "Ballot",
    "BallotVote",
    "Bound",
    "Country",
    "CountryCode",
    "CurrencyCode",
    "DateReading",
    "DiplomaticAction",
    "DiplomaticActionKind",
    "DiplomevError",
    "Dispute",
    "DisputeKind",
    "DisputeParty",
    "DisputeStage",
    "ErrorCode",
    "ErrorDetail",
    "Event",
    "EventDate",
    "Link",
    "LinkRel",
    "Location",
    "LocationKind",
    "Meeting",
    "MeetingKind",
    "Organization",
    "OrganizationKind",
    "PartialDate",
    "Person",
    "Precision",
    "Quote",
    "Source",
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
    "ValidationError",
    "Visit",
    "VisitKind",
    "Vote",
    "VoteResult",
    "__version__",
    "configure_converter",
    "country_candidates",
    "country_name",
    "currency_name",
    "dumps",
    "event_type_name",
    "event_types",
    "from_dict",
    "is_country_code",
    "is_currency_code",
    "limits",
    "loads",
    "make_converter",
    "make_id",
    "parse_actor",
    "parse_date",
    "parse_edtf",
    "read_date",
    "register_event_type",
    "resolve_country",
    "span_including",
    "to_dict",
]
