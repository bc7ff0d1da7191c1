"""The kinds beyond the first four: agreements, statements, diplomatic actions and votes.

Each fact type the issue names is expressible natively and survives every format: an
agreement signed or cancelled with its parties and signatories, an ambassador recalled or
an envoy summoned with the envoy named, a congratulation message and a phone call, a vote
with its tally and named abstainers.
"""

from __future__ import annotations

import io
import json
from typing import Any

import attrs
import jsonschema
import pytest

import diplomev
from diplomev import (
    Agreement,
    Amount,
    Ballot,
    Country,
    DiplomaticAction,
    Meeting,
    Organization,
    Person,
    Statement,
    Summit,
    Tally,
    TradeIssue,
    ValidationError,
    Visit,
    Vote,
)
from diplomev.io import read_csv, read_jsonl, write_csv, write_jsonl
from diplomev.schema import json_schema

IND, CAN, CHN, RUS, USA, KOR = (Country(code=c) for c in ("IND", "CAN", "CHN", "RUS", "USA", "KOR"))
COUNCIL = Organization(name="UN Security Council", kind="igo")
MODI = Person(name="Narendra Modi", office="Prime Minister", country="IND")
XI = Person(name="Xi Jinping", office="President", country="CHN")

FACTS: dict[str, diplomev.Event] = {
    "agreement signed, with parties and signatories": Agreement(
        id="a1",
        date="2026-01-05",
        parties=[KOR, CHN],
        signatories=[Person(name="Cho Hyun", office="Foreign Minister", country="KOR")],
        instrument="memorandum",
        title="Memorandum on supply-chain cooperation",
        terms=["a joint working group meets twice a year"],
        value=Amount(value=2.5e9, currency="USD"),
    ),
    "agreement cancelled": Agreement(
        id="a2", date="2019-08-02", parties=[USA, RUS], instrument="treaty",
        title="Intermediate-Range Nuclear Forces Treaty", stage="withdrawn",
    ),
    "ambassador recalled, the envoy named": DiplomaticAction(
        id="d1", date="2023-10-14", actor=IND, target=CAN, action="recall_ambassador",
        envoys=[Person(name="Sanjay Kumar Verma", office="High Commissioner", country="IND")],
    ),
    "envoy summoned": DiplomaticAction(
        id="d2", date="2023-09-19", actor=IND, target=CAN, action="summon_envoy",
        envoys=[Person(name="Cameron MacKay", office="High Commissioner", country="CAN")],
    ),
    "diplomats expelled, with a count": DiplomaticAction(
        id="d3", date="2023-10-19", actor=IND, target=CAN, action="expel_diplomats", count=41,
    ),
    "congratulation message": Statement(
        id="s1", date="2024-06-05", speakers=[XI], addressees=[MODI],
        purpose="congratulation", channel="message",
    ),
    "phone call between leaders": Summit(
        id="c1", date="2024-06-10", participants=[MODI, XI], channel="phone",
    ),
    "vote with tally and named abstainers": Vote(
        id="v1", date="2011-03-17", body=COUNCIL, motion="Resolution 1973", result="adopted",
        tally=Tally(yes=10, no=0, abstain=5),
        ballots=[Ballot(actor=Country(code=c), vote="abstain") for c in ("BRA", "CHN", "DEU", "IND", "RUS")],
        sponsors=[Country(code=c) for c in ("FRA", "GBR", "LBN", "USA")],
    ),
}  # fmt: skip
SCHEMA = jsonschema.Draft202012Validator(json_schema())


@pytest.mark.parametrize("event", FACTS.values(), ids=FACTS.keys())
def test_each_fact_round_trips_through_every_format(event: diplomev.Event, tmp_path: Any) -> None:
    assert diplomev.from_dict(diplomev.to_dict(event)) == event
    assert diplomev.loads(diplomev.dumps(event)) == event
    assert list(SCHEMA.iter_errors(diplomev.to_dict(event))) == []
    for write, read, name in ((write_jsonl, read_jsonl, "e.jsonl"), (write_csv, read_csv, "e.csv")):
        write([event], tmp_path / name)
        with read(tmp_path / name) as reader:
            assert list(reader) == [event]


def test_every_kind_has_its_vocabularies_and_defaults() -> None:
    agreement = Agreement(id="a", date="2026", parties=[KOR])
    assert (agreement.instrument.value, agreement.stage.value) == ("other", "signed")
    statement = Statement(id="s", date="2026", speakers=[KOR])
    assert (statement.channel.value, statement.purpose.value) == ("statement", "position")
    assert Summit(id="c", date="2026", participants=[KOR, CHN]).channel.value == "in_person"
    meeting = Meeting(counterparts=[XI], location=diplomev.Location(name="Beijing"))
    assert meeting.status.value == "occurred"
    assert TradeIssue(id="t", date="2024", imposers=[USA], measure="entity_listing").targets == ()


@pytest.mark.parametrize(
    ("data", "paths"),
    [
        ({"type": "agreement", "id": "a", "date": "2026", "parties": []}, ["$.parties"]),
        ({"type": "statement", "id": "s", "date": "2026"}, ["$.speakers"]),
        (
            {"type": "diplomatic_action", "id": "d", "date": "2026"},
            ["$.actor", "$.target", "$.action"],
        ),
        ({"type": "vote", "id": "v", "date": "2026"}, ["$.body", "$.motion", "$.result"]),
        (
            {"type": "diplomatic_action", "id": "d", "date": "2026", "action": "sulk", "count": 0,
             "actor": {"type": "country", "code": "IND"}, "target": {"type": "country", "code": "CAN"}},
            ["$.action", "$.count"],
        ),
        (
            {"type": "agreement", "id": "a", "date": "2026", "parties": [{"type": "country", "code": "KOR"}],
             "value": {"value": -1, "currency": "usd"}},
            ["$.value.value", "$.value.currency"],
        ),
        (
            {"type": "vote", "id": "v", "date": "2026", "motion": "m", "result": "adopted",
             "body": {"type": "organization", "name": "Senate"}, "tally": {}},
            ["$.tally"],
        ),
    ],
)  # fmt: skip
def test_what_each_kind_requires_is_reported_with_its_path(
    data: dict[str, Any], paths: list[str]
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict(data)
    assert list(excinfo.value.paths) == paths


def test_named_ballots_never_outnumber_the_tally() -> None:
    vote = FACTS["vote with tally and named abstainers"]
    assert isinstance(vote, Vote)
    with pytest.raises(ValidationError) as excinfo:
        attrs.evolve(vote, tally=Tally(yes=10, no=0, abstain=4))
    (detail,) = excinfo.value.errors
    assert (detail.path, detail.code) == ("$.ballots", "inconsistent")
    assert "5 ballots say 'abstain' but the tally counts 4" in detail.message
    # A tally that leaves a choice out does not limit it; ballots without a tally are fine.
    attrs.evolve(vote, tally=Tally(yes=10))
    attrs.evolve(vote, tally=None)


def test_the_show_command_says_who_did_what() -> None:
    from diplomev.display import participants_label

    labels = [participants_label(event) for event in FACTS.values()]
    assert labels == [
        "South Korea & China: “Memorandum on supply-chain cooperation” signed",
        "United States & Russia: “Intermediate-Range Nuclear Forces Treaty” withdrawn",
        "India → Canada: recall ambassador",
        "India → Canada: summon envoy",
        "India → Canada: expel diplomats",
        "Xi Jinping (CHN) to Narendra Modi (IND): congratulation",
        "Narendra Modi (IND) & Xi Jinping (CHN) by phone",
        "UN Security Council: Resolution 1973 adopted (10-0-5)",
    ]


def test_csv_has_a_column_for_each_new_field() -> None:
    from diplomev._csv import columns

    new = {"channel", "parties", "signatories", "witnesses", "instrument", "title", "terms", "value",
           "speakers", "addressees", "purpose", "actor", "target", "action", "envoys", "count",
           "body", "motion", "result", "tally", "ballots", "sponsors"}  # fmt: skip
    assert new <= set(columns())
    buffer = io.BytesIO()
    write_csv(list(FACTS.values()), buffer)
    header = buffer.getvalue().decode().splitlines()[0].split(",")
    assert new <= set(header)


def test_the_json_schema_says_each_kind() -> None:
    defs = json_schema()["$defs"]
    assert set(defs["vote"]["required"]) == {"type", "id", "date", "body", "motion", "result"}
    assert defs["amount"]["properties"]["currency"] == {"$ref": "#/$defs/currency_code"}
    assert "USD" in defs["currency_code"]["enum"]
    assert [branch["required"] for branch in defs["tally"]["anyOf"]] == [
        ["yes"],
        ["no"],
        ["abstain"],
        ["absent"],
    ]
    # A count written as null gives no count, in the schema as in diplomev.
    assert defs["tally"]["anyOf"][0]["properties"] == {"yes": {"not": {"type": "null"}}}
    assert json.loads(json.dumps(defs["summit"]["properties"]["channel"])) == {
        "enum": ["in_person", "video", "phone"]
    }


def test_a_visit_meeting_has_its_own_status_and_place() -> None:
    planned = Meeting(counterparts=[XI], kind="talks", status="planned",
                      location=diplomev.Location(name="Gyeongju", country="KOR"))  # fmt: skip
    visit = Visit(id="v", date="2025-10", visitor=XI, host="KOR", meetings=[planned])
    data = diplomev.to_dict(visit)
    assert data["meetings"][0]["status"] == "planned"
    assert diplomev.from_dict(data) == visit
    assert "status" not in diplomev.to_dict(attrs.evolve(planned, status="occurred"))
