"""Reading a record's fields back: the types the constructor turned the arguments into."""

import datetime
from typing import reveal_type

import diplomev
from diplomev import Country, Dispute, DisputeParty, Link, Meeting, Person, Source, Summit, Visit

lee = Person(name="Lee Jae Myung", office="President", country="KOR")
xi = Person(name="Xi Jinping", office="President", country="CHN")

summit = Summit(
    id="lee-xi-summit-2026-01-05",
    date="2026-01-05",
    participants=[lee, xi],
    host="CHN",
    links=[Link(rel="part_of", target="lee-china-visit-2026")],
)
reveal_type(summit.participants)  # assert typ.startswith("tuple[") and typ.endswith(", ...]")
reveal_type(summit.participants)  # assert "actors.Person" in typ and "actors.Country" in typ
reveal_type(summit.participants[0])  # assert "diplomev.actors.Organization" in typ
reveal_type(summit.host)  # assert typ in ("str | None", "diplomev._fields.CountryCode | None")
reveal_type(summit.status)  # assert typ == "diplomev.records.vocabularies.Status"
reveal_type(summit.links[0].rel)  # assert typ == "diplomev.records.vocabularies.LinkRel"
reveal_type(summit.extensions)  # assert typ.startswith("typing.Mapping[str, ")

visit = Visit(
    id="lee-china-visit-2026",
    date="2026-01-04/2026-01-06",
    kind="state",
    visitor=lee,
    host="CHN",
    meetings=[Meeting(counterparts=[xi], kind="talks")],
)
reveal_type(visit.kind)  # assert typ == "diplomev.records.vocabularies.VisitKind"
reveal_type(visit.date)  # assert typ == "diplomev.dates.EventDate"
reveal_type(visit.date.lower())  # assert typ == "datetime.date"
reveal_type(visit.host)  # assert typ in ("str", "diplomev._fields.CountryCode")
reveal_type(visit.visitor)  # assert "diplomev.actors.Person" in typ and "|" in typ
reveal_type(visit.meetings)  # assert typ == "tuple[diplomev.records.parts.Meeting, ...]"
reveal_type(visit.meetings[0].kind)  # assert typ == "diplomev.records.vocabularies.MeetingKind"
reveal_type(visit.meetings[0].date)  # assert typ == "diplomev.dates.EventDate | None"
reveal_type(visit.actors())  # assert typ.startswith("tuple[") and "diplomev.actors.Person" in typ

source = Source(title="Lee Jae Myung meets Xi Jinping in Beijing", published="2026-01-05")
reveal_type(source.published)  # assert typ == "datetime.date | None"
reveal_type(source.quotes)  # assert typ == "tuple[diplomev.sources.Quote, ...]"
assert source.published == datetime.date(2026, 1, 5)

dispute = Dispute(
    id="d",
    date="2016",
    kind="security",
    stage="escalating",
    parties=[DisputeParty(actor=Country(code="KOR"), position="security threat")],
)
reveal_type(dispute.parties)  # assert typ == "tuple[diplomev.records.parts.DisputeParty, ...]"
reveal_type(dispute.kind)  # assert typ == "diplomev.records.vocabularies.DisputeKind"
reveal_type(dispute.stage)  # assert typ == "diplomev.records.vocabularies.DisputeStage | None"


# A user's own function over actors: isinstance narrows the union.
def country_of(actor: diplomev.Actor) -> str | None:
    if isinstance(actor, Country):
        reveal_type(actor.code)  # assert typ in ("str", "diplomev._fields.CountryCode")
        return actor.code
    reveal_type(actor)  # assert typ == "diplomev.actors.Person | diplomev.actors.Organization"
    return actor.country


codes = sorted({code for code in map(country_of, summit.actors()) if code is not None})
reveal_type(codes)  # assert typ == "list[str]"
assert codes == ["CHN", "KOR"]
