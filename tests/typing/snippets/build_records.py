"""Building records as Getting started and Concepts show: strings for codes, dates and
vocabularies, lists for tuples."""

import datetime
from typing import reveal_type

import attrs

import diplomev
from diplomev import (
    Country,
    Dispute,
    DisputeParty,
    Link,
    Location,
    Meeting,
    Organization,
    Person,
    Quote,
    Source,
    Summit,
    TradeIssue,
    Visit,
)

lee = Person(name="Lee Jae Myung", office="President", country="KOR")
xi = Person(name="Xi Jinping", office="President", country="CHN")
li = Person(name="Li Qiang", office="Premier", country="CHN")
reveal_type(lee)  # assert typ == "diplomev.actors.Person"
leader = Person(office="President", country="KOR")  # "a South Korean leader"
park = Person(
    name="Park Seung-chan",
    office="Professor",
    country="KOR",
    affiliation=Organization(name="Yongin University", kind="university", country="KOR"),
)
kor, chn = Country(code="KOR"), Country(code="CHN")

published = datetime.date(2026, 1, 5)
words = "During his three-day visit, President Lee engaged in multiple high-level meetings"
source = Source(
    title="Lee Jae Myung meets Xi Jinping in Beijing",
    published=published,
    quotes=[Quote(text=words, start=100, end=100 + len(words), speaker=None)],
)
dated_by_text = Source(title="Lee Jae Myung meets Xi Jinping in Beijing", published="2026-01-05")
beijing = Location(name="Beijing", country="CHN", kind="city")
somewhere = Location(lat=40, lon=116)  # whole degrees are numbers too
reveal_type(somewhere)  # assert typ == "diplomev.places.Location"

visit = Visit(
    id="lee-china-visit-2026",
    date="2026-01-04/2026-01-06",
    kind="state",
    location=beijing,
    visitor=lee,
    host="CHN",
    meetings=[
        Meeting(counterparts=[xi], kind="talks", date="2026-01-05"),
        Meeting(counterparts=[li], kind="banquet"),
    ],
    sources=[source],
)
read_date = Visit(
    id="lee-china-visit-2026",
    date=diplomev.parse_date("a three-day visit", reference=published),
    visitor=lee,
    host="CHN",
    sources=(source,),
)
reveal_type(visit)  # assert typ == "diplomev.records.Visit"

summit = Summit(
    id="lee-xi-summit-2026-01-05",
    date="2026-01-05",
    location=beijing,
    participants=[lee, xi],
    host="CHN",
    links=[Link(rel="part_of", target="lee-china-visit-2026")],
    summary="Lee Jae Myung and Xi Jinping hold their second summit since November",
)
of_countries = Summit(id="s", date="2025-11", participants=[kor, chn], status="planned")
read_actors = Summit(
    id="lee-xi-summit-2026-01-05",
    date=diplomev.parse_date("Monday", reference=published),
    participants=(
        diplomev.parse_actor("South Korean President Lee Jae Myung"),
        diplomev.parse_actor("Chinese President Xi Jinping"),
    ),
    host="CHN",
)
reveal_type(summit)  # assert typ == "diplomev.records.Summit"

structures = Dispute(
    id="yellow-sea-structures",
    date="2026-01",
    status="ongoing",
    kind="maritime",
    subject="maritime construction in disputed waters",
    stage="active",
    parties=[
        DisputeParty(actor=chn, position="fish-farming equipment"),
        DisputeParty(actor=kor, position="security threat"),
    ],
    links=[Link(rel="caused_by", target="thaad-deployment-2016", note="believed to be")],
)
reveal_type(structures)  # assert typ == "diplomev.records.Dispute"

tariff = TradeIssue(
    id="chn-kor-steel-tariff",
    date="2026-01",
    measure="tariff",
    imposers=[chn],
    targets=[kor],
    official=True,
    sectors=["steel"],
    rate_percent=25,
    stage="in_force",
)
restrictions = TradeIssue(
    id="china-korean-content-restrictions",
    date="2016?/..",
    status="ongoing",
    measure="informal_restriction",
    imposers=(chn,),
    targets=(kor,),
    official=False,
)
reveal_type(tariff)  # assert typ == "diplomev.records.TradeIssue"

# attrs.evolve validates the copy, and takes the same spellings as the constructor.
planned = attrs.evolve(summit, status="planned")
reveal_type(planned)  # assert typ == "diplomev.records.Summit"
moved = attrs.evolve(visit, host="JPN", kind="working", date="2026-01-07")
reveal_type(moved)  # assert typ == "diplomev.records.Visit"

assert diplomev.make_id(summit) == "summit-2026-01-05-chn-kor-in-chn"
assert diplomev.loads(diplomev.dumps(summit)) == summit
