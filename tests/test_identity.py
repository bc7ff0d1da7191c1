"""make_id: deterministic, readable ids, equal for two reports of the same event."""

from __future__ import annotations

import json

import attrs
import pytest

import diplomev
from diplomev import Country, Dispute, DisputeParty, Person, Summit, TradeIssue, Visit, make_id

from .conftest import GOLDEN

EVENTS = [diplomev.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


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
