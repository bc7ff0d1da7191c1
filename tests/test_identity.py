"""make_id: deterministic, readable ids, equal for two reports of the same event."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

import diplomev
from diplomev import (
    Country,
    Dispute,
    DisputeParty,
    Organization,
    Person,
    Summit,
    TradeIssue,
    Visit,
    make_id,
)

from .conftest import GOLDEN

EVENTS = [diplomev.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


# --- the seed article ------------------------------------------------------------------


def test_ids_of_the_seed_article() -> None:
    assert [make_id(event) for event in EVENTS] == [
        "visit-2026-01-04-kor-to-chn",
        "summit-2026-01-05-chn-kor",
        "summit-2025-11-chn-kor",
        "visit-2019-kor-to-chn",
        "dispute-2026-01-chn-jpn-taiwan",
        "dispute-2026-01-chn-kor-maritime-construction-in-disputed-waters",
        "trade-issue-2016-chn-kor-informal-restriction",
        "dispute-2016-chn-kor-usa-deployment-of-a-u-s-anti-missile-system-in-south",
        "visit-2026-01-kor-to-jpn",
    ]


def test_ids_are_unique_within_the_article() -> None:
    ids = [make_id(event) for event in EVENTS]
    assert len(set(ids)) == len(ids)


def test_a_second_report_of_the_same_event_gets_the_same_id() -> None:
    summit = EVENTS[1]
    assert isinstance(summit, Summit)
    other_report = attrs.evolve(
        summit,
        id="from-another-paper",
        summary="Xi hosts Lee",
        participants=(Person(office="President", country="CHN"), Person(name="Lee", country="KOR")),
        sources=(),
        date=diplomev.parse_date("2026-01-05~"),
    )
    assert make_id(other_report) == make_id(summit)


def test_what_identifies_an_event_changes_the_id() -> None:
    summit = EVENTS[1]
    assert make_id(attrs.evolve(summit, date=diplomev.parse_date("2026-01-06"))) != make_id(summit)
    visit = EVENTS[0]
    assert isinstance(visit, Visit)
    reverse = attrs.evolve(visit, visitor=Person(name="Xi Jinping", country="CHN"), host="KOR")
    assert make_id(reverse) == "visit-2026-01-04-chn-to-kor"


def test_actors_without_a_country_are_named() -> None:
    dispute = Dispute(
        id="d",
        date=diplomev.parse_date("2020/.."),
        parties=(
            DisputeParty(actor=diplomev.Organization(name="Hamas")),
            DisputeParty(actor=Country(code="ISR")),
        ),
        subject="Gaza",
    )
    assert make_id(dispute) == "dispute-2020-hamas-isr-gaza"


def test_an_unknown_start_uses_the_end() -> None:
    issue = TradeIssue(
        id="t",
        date=diplomev.parse_date("/2019-05"),
        imposers=(Country(code="USA"),),
        targets=(diplomev.Organization(name="Huawei Technologies", kind="company"),),
        measure="export_control",
    )
    assert make_id(issue) == "trade-issue-2019-05-huawei-technologies-usa-export-control"


@pytest.mark.parametrize("event", EVENTS, ids=[event.id for event in EVENTS])
def test_ids_are_stable_across_a_round_trip(event: diplomev.Event) -> None:
    assert make_id(diplomev.loads(json.dumps(diplomev.to_dict(event)))) == make_id(event)


# --- near misses: what makes two records one event, or two --------------------------------

CCG = Organization(name="China Coast Guard", kind="military", country="CHN")
PCG = Organization(name="Philippine Coast Guard", kind="military", country="PHL")
JCG = Organization(name="Japan Coast Guard", kind="military", country="JPN")
VCG = Organization(name="Vietnam Coast Guard", kind="military", country="VNM")
LEE = Person(name="Lee Jae Myung", office="President", country="KOR")
XI = Person(name="Xi Jinping", office="President", country="CHN")


def dispute(*actors: diplomev.Actor, **fields: Any) -> Dispute:
    fields = {"date": "2023-08-05", "subject": "water cannon", **fields}
    return Dispute(id="d", parties=[DisputeParty(actor=actor) for actor in actors], **fields)


def summit(*actors: diplomev.Actor, **fields: Any) -> Summit:
    return Summit(id="s", participants=actors, **{"date": "2026-01-05", **fields})


def visit(visitor: diplomev.Actor, host: str, **fields: Any) -> Visit:
    return Visit(id="v", visitor=visitor, host=host, **{"date": "2026-01-04", **fields})


def trade(imposer: str, target: str, measure: str, **fields: Any) -> TradeIssue:
    return TradeIssue(
        id="t",
        imposers=[Country(code=imposer)],
        targets=[Country(code=target)],
        measure=measure,
        **{"date": "2018-07-06", **fields},
    )


ONE_EVENT = [
    pytest.param(
        summit(LEE, XI, host="CHN"),
        summit(
            Person(office="President", country="CHN"), Person(name="Lee", country="KOR"), host="CHN"
        ),
        id="summit-persons-worded-differently",
    ),
    pytest.param(summit(LEE, XI), summit(XI, LEE), id="summit-participants-in-another-order"),
    pytest.param(
        summit(LEE, XI, date="2026-01-05"),
        summit(LEE, XI, date="2026-01-05?"),
        id="summit-date-uncertain",
    ),
    pytest.param(
        visit(LEE, "CHN", date="2026-01-04~/2026-01-06"),
        visit(Person(office="President", country="KOR"), "CHN", date="2026-01-04"),
        id="visit-same-start-day",
    ),
    pytest.param(
        dispute(LEE, Country(code="CHN")),
        dispute(Country(code="KOR"), XI),
        id="dispute-persons-stand-for-their-state",
    ),
    pytest.param(
        dispute(Country(code="KOR"), LEE, Country(code="CHN")),
        dispute(Country(code="KOR"), Country(code="CHN")),
        id="dispute-a-person-and-their-own-state-are-one-party",
    ),
    pytest.param(
        dispute(CCG, PCG, status="ongoing"),
        dispute(PCG, attrs.evolve(CCG, kind="government"), status="occurred"),
        id="dispute-ongoing-or-occurred-organization-kind-aside",
    ),
    pytest.param(
        visit(LEE, "JPN", status="planned"),
        visit(LEE, "JPN", status="cancelled"),
        id="visit-planned-then-cancelled",
    ),
]

TWO_EVENTS = [
    pytest.param(dispute(CCG, PCG), dispute(CCG, JCG), id="coast-guards-chn-phl-vs-chn-jpn"),
    pytest.param(dispute(CCG, PCG), dispute(VCG, CCG), id="coast-guards-chn-phl-vs-chn-vnm"),
    pytest.param(dispute(CCG, JCG), dispute(VCG, CCG), id="coast-guards-chn-jpn-vs-chn-vnm"),
    pytest.param(
        dispute(
            Organization(name="Coast Guard", country="CHN"),
            Organization(name="Coast Guard", country="PHL"),
        ),
        dispute(Organization(name="Coast Guard", country="VNM")),
        id="coast-guards-named-alike-in-different-countries",
    ),
    pytest.param(
        dispute(CCG, Country(code="CHN"), Country(code="PHL")),
        dispute(Country(code="CHN"), Country(code="PHL")),
        id="dispute-an-organization-and-its-state-vs-the-state-alone",
    ),
    pytest.param(
        dispute(CCG, PCG), dispute(CCG, PCG, subject="ramming"), id="dispute-another-subject"
    ),
    pytest.param(
        summit(LEE, XI, date="2026-01-05"),
        summit(LEE, XI, date="2026-01"),
        id="summit-day-vs-month",
    ),
    pytest.param(visit(LEE, "CHN"), visit(XI, "KOR"), id="visit-opposite-direction"),
    pytest.param(
        trade("USA", "CHN", "tariff"), trade("USA", "CHN", "quota"), id="trade-another-measure"
    ),
    pytest.param(
        summit(Person(name="李在明"), Person(name="习近平")),
        summit(Person(name="石破茂"), Person(name="习近平")),
        id="summit-persons-without-country-in-chinese-script",
    ),
]


@pytest.mark.parametrize(("one", "other"), ONE_EVENT)
def test_two_reports_of_one_event_share_an_id(one: diplomev.Event, other: diplomev.Event) -> None:
    assert make_id(one) == make_id(other)


@pytest.mark.parametrize(("one", "other"), TWO_EVENTS)
def test_two_events_have_two_ids(one: diplomev.Event, other: diplomev.Event) -> None:
    assert make_id(one) != make_id(other)
