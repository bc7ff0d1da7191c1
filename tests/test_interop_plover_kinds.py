"""PLOVER for every kind: summits' modes as POLECAT defines them, the definitions held on
import, and agreements, statements, diplomatic actions and votes in and out.

The rules: whatever diplomev writes reads back unchanged through the ``x_diplomev``
profile; plain PLOVER reads back to the same kind with the fields PLOVER holds, or
`plover_losses` says it does not (``type``), and a plain record that cannot be read back
at all loses, by `plover_losses`, every field. They are checked on drawn records of every
kind and on rows of the PLOVER gold-standard file.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from diplomev import (
    Agreement,
    Country,
    DiplomaticAction,
    Dispute,
    DisputeParty,
    Event,
    Location,
    Organization,
    Person,
    Statement,
    Summit,
    TradeIssue,
    ValidationError,
    Visit,
    Vote,
    to_dict,
)
from diplomev import strategies as ds
from diplomev.interop import Unmapped
from diplomev.interop._plover_kinds import ACTIONS, STATEMENTS, VOTES
from diplomev.interop._plover_table import BEGIN, END, mapping_rows, markdown
from diplomev.interop.definitions import breaks, summit_mode
from diplomev.interop.plover import (
    EXTRAS_KEY,
    from_plover,
    plover_event,
    plover_losses,
    plover_schema,
    read_plover,
    to_plover,
    write_plover,
)

REPO = Path(__file__).resolve().parent.parent
COPIES = REPO / "tests" / "data" / "interop"
GSR = COPIES / "plover__PLOVER_GSR_CAMEO.txt"
CAMEO2PLOVER = COPIES / "plover__CAMEO2PLOVER-2021.txt"
DOC = REPO / "docs" / "interop.md"

VALIDATOR = jsonschema.Draft202012Validator(plover_schema())
KOR, JPN, CHN, USA = (Country(code=code) for code in ("KOR", "JPN", "CHN", "USA"))
DAY: dict[str, Any] = {"id": "x", "date": "2024-05-01"}


def as_json(record: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(record))
    return loaded


def plain(event: Event) -> dict[str, Any]:
    return as_json(to_plover(event, extras=False))


def gsr(ident: str) -> dict[str, Any]:
    rows: list[dict[str, Any]] = json.loads(GSR.read_text(encoding="utf-8"))
    return next(row for row in rows if row["id"] == ident)


# --- every kind, drawn ------------------------------------------------------------------------


def written(event: Event) -> dict[str, Any] | None:
    """The profile record of ``event``, or None when PLOVER has no type for it (and why)."""
    try:
        return as_json(to_plover(event))
    except ValidationError as e:
        message = e.errors[0].message
        assert message.startswith("PLOVER has no event type for") or "needs a recipient" in message
        return None


@given(ds.events())
def test_every_written_record_is_valid_and_reads_back_through_the_profile(event: Event) -> None:
    record = written(event)
    if record is None:
        return
    assert [error.message for error in VALIDATOR.iter_errors(record)] == []
    assert from_plover(record) == event


@given(ds.events())
def test_plain_plover_reads_back_what_it_holds_or_says_it_does_not(event: Event) -> None:
    if written(event) is None:
        return
    losses = plover_losses(event)
    original = to_dict(event)
    try:
        back = from_plover(plain(event))
    except Unmapped:
        assert losses == frozenset(original) - {"id"}
        return
    if type(back) is not type(event):
        assert "type" in losses
        return
    assert "type" not in losses
    again = to_dict(back)
    for key, value in original.items():
        if key not in losses:
            assert again.get(key) == value, key


@given(ds.statements())
def test_a_directed_statement_reads_back_as_a_statement(statement: Statement) -> None:
    pair = STATEMENTS.get(statement.purpose.value)
    if pair is None or pair[0] == "AGREE" or not statement.addressees:
        return
    back = from_plover(plain(statement))
    assert isinstance(back, Statement)
    assert STATEMENTS[back.purpose.value] == pair
    assert len(back.addressees) <= len(statement.addressees)  # entities equal once read merge
    if "addressees" not in plover_losses(statement):
        assert back.addressees == statement.addressees


@given(ds.diplomatic_actions())
def test_a_reduction_of_relations_reads_back_as_a_diplomatic_action(
    action: DiplomaticAction,
) -> None:
    pair = ACTIONS[action.action.value]
    if pair[0] == "SANCTION" and breaks(action):  # one country's actor and target: no record
        with pytest.raises(Unmapped, match="diplomatic relations are between states"):
            from_plover(plain(action))
        assert "type" in plover_losses(action)
        return
    back = from_plover(plain(action))
    if pair[0] != "SANCTION":
        assert isinstance(back, Statement)  # ACCUSE and SUPPORT are statements first
        assert "type" in plover_losses(action)
        return
    assert isinstance(back, DiplomaticAction)
    assert ACTIONS[back.action.value] == pair
    losses = plover_losses(action)
    for role in ("actor", "target"):
        if role not in losses:
            assert getattr(back, role) == getattr(action, role)


# --- summits' modes ---------------------------------------------------------------------------

SINGAPORE = Location(name="Singapore", country="SGP")
SEOUL = Location(name="Seoul", country="KOR")


@pytest.mark.parametrize(
    ("fields", "mode"),
    [
        ({"participants": [KOR, JPN], "host": "KOR"}, None),
        ({"participants": [KOR, JPN]}, None),  # no host, nowhere shown: not third-party
        ({"participants": [KOR, JPN], "location": SEOUL}, None),
        ({"participants": [KOR, JPN], "location": SINGAPORE}, "third-party"),
        ({"participants": [KOR, JPN, CHN]}, "multilateral"),
        (
            {
                "participants": [
                    Person(name="Lee Jae Myung", country="KOR"),
                    Person(name="Cho Hyun", country="KOR"),
                    JPN,
                ]
            },
            None,  # three participants, two countries: bilateral
        ),
        ({"participants": [KOR, JPN], "forum": Organization(name="G20", kind="igo")},
         "multilateral"),
        ({"participants": [KOR, JPN], "channel": "phone"}, "phone"),
    ],
)  # fmt: skip
def test_a_summit_is_written_with_polecats_mode(fields: dict[str, Any], mode: str | None) -> None:
    summit = Summit(**DAY, **fields)
    assert plover_event(summit) == ("CONSULT", mode, ("diplomatic",))
    assert summit_mode(summit) == mode


def test_consult_modes_read_as_what_they_mean() -> None:
    record = {"id": "c", "date": "2024-05-01", "event": ["CONSULT"],
              "actor": [{"code": "USA"}, {"code": "RUS"}]}  # fmt: skip
    phone = from_plover({**record, "mode": ["phone"]})
    assert isinstance(phone, Summit)
    assert phone.channel.value == "phone"
    bilateral = from_plover(record)
    assert isinstance(bilateral, Summit)
    assert (bilateral.host, bilateral.location) == (None, None)
    assert "mode" not in to_plover(bilateral, extras=False)  # not "third-party"
    elsewhere = {**record, "mode": ["third-party"],
                 "event_loc": {"resolved_place": "Geneva", "country_code": "CHE"}}  # fmt: skip
    geneva = from_plover(elsewhere)
    assert isinstance(geneva, Summit)
    assert geneva.host is None
    assert to_plover(geneva, extras=False)["mode"] == ["third-party"]
    visit = from_plover({**record, "mode": ["visit"], "actor": [{"code": "USA"}],
                         "recipient": [{"code": "RUS"}]})  # fmt: skip
    assert isinstance(visit, Visit)


def test_a_mode_the_record_does_not_show_is_kept() -> None:
    # Two countries and no forum: diplomev's summit is not multilateral, PLOVER's was.
    record = {"id": "m", "date": "2024-05-01", "event": ["CONSULT"], "mode": ["multilateral"],
              "actor": [{"code": "KOR"}, {"code": "JPN"}]}  # fmt: skip
    summit = from_plover(record)
    assert summit.extensions["x_plover"] == {"mode": ["multilateral"]}


# --- the definitions, held --------------------------------------------------------------------

HAITI = Summit(**DAY, participants=[Country(code="HTI"),
                                    Organization(name="Protester", kind="other", country="HTI")])  # fmt: skip


def test_a_record_plain_plover_cannot_give_back_says_so() -> None:
    # Haiti and a Haitian protester: plain PLOVER writes Haiti twice, read as one actor.
    record = plain(HAITI)
    assert [entity["code"] for entity in record["actor"]] == ["HTI", "HTI"]
    with pytest.raises(Unmapped) as caught:
        from_plover(record)
    assert caught.value.reason == "CONSULT: a summit needs two participants"
    assert plover_losses(HAITI) == frozenset(to_dict(HAITI)) - {"id"}
    report = write_plover([HAITI], io.BytesIO(), extras=False)
    assert report.lost["type"] == 1
    assert from_plover(as_json(to_plover(HAITI))) == HAITI  # the profile keeps it


def test_import_holds_the_definitions_and_accounts_for_every_row() -> None:
    modi = {"code": "IND", "entity_text": "Narendra Modi", "office": "Prime Minister"}
    rows = [
        {"id": "1", "date": "2024-05-01", "event": ["CONSULT"],
         "actor": [{"code": "IND"}, modi], "recipient": [{"code": "CHN"}]},
        {"id": "2", "date": "2024-05-01", "event": ["CONSULT"], "actor": [{"code": "IND"}, modi]},
        {"id": "3", "date": "2024-05-01", "event": ["CONSULT"], "mode": ["visit"],
         "actor": [modi], "recipient": [{"code": "IND"}]},
    ]  # fmt: skip
    data = "\n".join(json.dumps(row) for row in rows).encode()
    with read_plover(io.BytesIO(data)) as reader:
        [summit] = list(reader)
    assert isinstance(summit, Summit)
    assert summit.participants == (Person(name="Narendra Modi", office="Prime Minister",
                                          country="IND"), CHN)  # fmt: skip
    assert summit.extensions["x_import_notes"][0]["code"] == "country_beside_leader"
    report = reader.report
    assert (report.rows, sum(report.records.values()), report.bad) == (3, 1, 0)
    reasons = sorted(reason for _, reason in report.unmapped)
    assert reasons[0].startswith("a summit has participants from two countries")
    assert reasons[1].startswith("a visit crosses a border")
    assert report.is_complete()


# --- the kinds' tables ------------------------------------------------------------------------


def test_a_dispute_easing_is_agree_with_a_diplomatic_context_as_the_codebook_says() -> None:
    row = next(line for line in CAMEO2PLOVER.read_text(encoding="utf-8").splitlines()
               if line.startswith("037:"))  # fmt: skip
    assert [part.strip() for part in row.split("#")[0][4:].split(",")] == [
        "AGREE", "", "diplomatic"
    ]  # fmt: skip
    easing = Dispute(**DAY, parties=[DisputeParty(actor=KOR)], kind="security", stage="easing")
    kind, mode, contexts = plover_event(easing)
    assert (kind, mode) == ("AGREE", None)
    assert "diplomatic" in contexts


@pytest.mark.parametrize(("purpose", "pair"), sorted(STATEMENTS.items()))
def test_statements_by_purpose(purpose: str, pair: tuple[str, str | None]) -> None:
    statement = Statement(**DAY, speakers=[CHN], addressees=[USA], purpose=purpose)
    assert plover_event(statement) == (*pair, ("diplomatic",))


@pytest.mark.parametrize("purpose", ["position", "other"])
def test_a_statement_of_position_has_no_plover_type(purpose: str) -> None:
    statement = Statement(**DAY, speakers=[CHN], purpose=purpose)
    with pytest.raises(ValidationError, match="no event type for a statement of purpose"):
        to_plover(statement)
    report = write_plover([statement], io.BytesIO())
    assert (report.records, sum(report.skipped.values())) == (0, 1)


@pytest.mark.parametrize(("action", "pair"), sorted(ACTIONS.items()))
def test_diplomatic_actions_by_action(action: str, pair: tuple[str, str | None]) -> None:
    record = to_plover(DiplomaticAction(**DAY, actor=KOR, target=JPN, action=action))
    assert (record["event"], record.get("mode", [None])) == ([pair[0]], [pair[1]])
    assert (record["actor"], record["recipient"]) == ([{"code": "KOR"}], [{"code": "JPN"}])


def test_a_diplomatic_action_has_one_actor_and_one_target() -> None:
    record = {"id": "d", "date": "2024-05-01", "event": ["SANCTION"], "mode": ["expel"],
              "context": ["diplomatic"], "actor": [{"code": "KOR"}, {"code": "JPN"}],
              "recipient": [{"code": "PRK"}]}  # fmt: skip
    with pytest.raises(Unmapped, match="one actor and one target, not 2 and 1"):
        from_plover(record)


def test_an_agreement_is_agree_and_reads_back_with_its_parties() -> None:
    deal = Agreement(**DAY, parties=[KOR, CHN], instrument="memorandum", title="MOU")
    assert plover_event(deal) == ("AGREE", None, ("diplomatic",))
    back = from_plover(plain(deal))
    assert isinstance(back, Agreement)
    assert back.parties == deal.parties
    assert back.stage.value == "concluded"  # AGREE agrees or promises; it does not sign
    assert plover_losses(deal) == {"instrument", "title", "stage"}


@pytest.mark.parametrize(("result", "pair"), sorted(VOTES.items()))
def test_a_vote_travels_in_the_profile(result: str, pair: tuple[str, str | None]) -> None:
    council = Organization(name="UN Security Council", kind="igo")
    vote = Vote(**DAY, body=council, motion="Resolution 1973", result=result)
    record = as_json(to_plover(vote))
    assert record["event"] == [pair[0]]
    assert record[EXTRAS_KEY]["fields"]["type"] == "vote"
    assert from_plover(record) == vote
    assert {"type", "motion", "result"} <= plover_losses(vote)


@pytest.mark.parametrize("result", ["withdrawn", "postponed"])
def test_a_vote_withdrawn_or_postponed_has_no_plover_type(result: str) -> None:
    council = Organization(name="UN Security Council", kind="igo")
    vote = Vote(**DAY, body=council, motion="Resolution 1", result=result)
    with pytest.raises(ValidationError, match=f"a vote of result '{result}'"):
        plover_event(vote)


# --- the gold-standard file's rows ------------------------------------------------------------


def test_gold_standard_phone_call_is_a_summit_by_phone() -> None:
    call = from_plover(gsr("PLOVER-GSR01-CONSULT-0002"))
    assert isinstance(call, Summit)
    assert call.channel.value == "phone"
    assert [p.name for p in call.participants if isinstance(p, Person)] == [
        "Warren Christopher", "Andrei Kozyrev"
    ]  # fmt: skip


def test_gold_standard_consult_without_mode_is_a_bilateral_summit() -> None:
    talks = from_plover(gsr("PLOVER-GSR01-CONSULT-0010"))  # "Israel and Lebanon renewed ..."
    assert isinstance(talks, Summit)
    assert talks.participants == (Country(code="ISR"), Country(code="LBN"))
    assert summit_mode(talks) is None


def test_gold_standard_mediation_keeps_its_multilateral_mode() -> None:
    # The Arab League's Secretary-General between Syria and Arafat: two countries, no forum.
    mediation = from_plover(gsr("PLOVER-GSR01-CONSULT-0008"))
    assert isinstance(mediation, Summit)
    assert summit_mode(mediation) is None
    assert mediation.extensions["x_plover"]["mode"] == "multilateral"


def test_gold_standard_accusations_and_demands_are_statements() -> None:
    # "Summoned Niger's ambassador", "lodged an official protest with Albania": ACCUSE, as
    # the manual codes them, and acts on relations, as the text says.
    summoned = from_plover(gsr("PLOVER-GSR01-DISAPPROVE-0001"))
    assert isinstance(summoned, DiplomaticAction)
    assert summoned.action.value == "summon_envoy"
    assert (summoned.actor.country, summoned.target.country) == ("NGA", "NER")
    protest = from_plover(gsr("PLOVER-GSR01-DISAPPROVE-0013"))
    assert isinstance(protest, DiplomaticAction)
    assert protest.action.value == "lodge_protest"
    # "A rights group protested": its "human rights group" (NGO) names no particular body
    # (a statement needs a speaker), so the speaker is named here.
    protested = gsr("PLOVER-GSR01-DISAPPROVE-0016")
    with pytest.raises(Unmapped, match="a statement needs a speaker"):
        from_plover(protested)
    protested["source"] = [{"actorText": "Amnesty International", "code": "NGO"}]
    complaint = from_plover(protested)
    assert isinstance(complaint, Statement)
    assert complaint.purpose.value == "criticism"
    demand = from_plover(gsr("PLOVER-GSR01-DEMAND-0005"))  # "demanded that the US cancel"
    assert isinstance(demand, Statement)
    assert (demand.purpose.value, demand.addressees) == ("demand", (USA,))
    # "Refused to meet Jordan's visiting King": a meeting called off, as CAMEO's 125 is.
    refusal = from_plover(gsr("PLOVER-GSR01-REJECT-0024"))
    assert isinstance(refusal, Summit)
    assert refusal.status.value == "cancelled"
    # "Flatly rejected an Australian ultimatum": a rejection, which no kind holds (nor
    # CAMEO's 12x); only a denial is a statement.
    with pytest.raises(Unmapped, match="not a denial"):
        from_plover(gsr("PLOVER-GSR01-REJECT-0005"))
    denial = {**gsr("PLOVER-GSR01-REJECT-0005"), "text": "Serbia denied any involvement."}
    assert from_plover(denial).purpose.value == "denial"  # type: ignore[union-attr]


def test_gold_standard_agree_is_an_agreement_only_when_one_was_made() -> None:
    made = [
        "0001",
        "0003",
        "0004",
        "0006",
        "0031",
        "0032",
    ]  # "Bosnia and Slovenia agreed to a ceasefire"
    # Offers, promises and one side's consent: "will allow ... refugees ... as part of a
    # UN-brokered deal" (0020), "could lead to an agreement" (0022), "would meet ... if"
    # (0038), "Ethiopia has agreed to re-open its borders" (0029).
    offered = ["0020", "0022", "0029", "0038", "0012", "0017"]
    for number in made:
        assert isinstance(from_plover(gsr(f"PLOVER-GSR01-AGREE-{number}")), Agreement), number
    ceasefire = from_plover(gsr("PLOVER-GSR01-AGREE-0032"))
    assert ceasefire.instrument.value == "ceasefire"  # type: ignore[union-attr]
    for number in offered:
        said = from_plover(gsr(f"PLOVER-GSR01-AGREE-{number}"))
        assert isinstance(said, Statement), number
        assert said.purpose.value == "proposal"


def test_gold_standard_agreement_is_an_agreement_of_its_parties() -> None:
    pact = from_plover(gsr("PLOVER-GSR01-AGREE-0003"))  # the US-Jordan free-trade pact
    assert isinstance(pact, Agreement)
    assert pact.parties == (USA, Country(code="JOR"))


def test_gold_standard_codes_diplomatic_actions_as_we_write_them() -> None:
    ties = gsr("PLOVER-GSR01-SUPPORT-0008")  # Sri Lanka established diplomatic ties with Iran
    established = DiplomaticAction(**DAY, actor=Country(code="LKA"), target=Country(code="IRN"),
                                   action="establish_relations")  # fmt: skip
    assert plover_event(established) == (ties["event"], ties.get("mode"), (ties["context"],))
    expelled = gsr("PLOVER-GSR01-SANCTION-0003")  # Switzerland expelled two Russian diplomats
    action = from_plover(expelled)
    assert isinstance(action, DiplomaticAction)
    assert (action.actor, action.target.country) == (Country(code="CHE"), "RUS")
    assert action.action.value == "other"  # the GSR gives no mode; diplomev writes "expel"
    expel = DiplomaticAction(**DAY, actor=action.actor, target=action.target,
                             action="expel_diplomats")  # fmt: skip
    assert plover_event(expel)[0] == expelled["event"]


def test_gold_standard_records_by_kind() -> None:
    with read_plover(GSR, errors="collect") as reader:
        events = list(reader)
    kinds = {type(event) for event in events}
    assert {Agreement, Statement, DiplomaticAction, Summit, Visit, TradeIssue} == kinds
    # Every record diplomev reads from the file, written out, reads back unchanged.
    for event in events:
        assert from_plover(as_json(to_plover(event))) == event


# --- the published table ----------------------------------------------------------------------


def test_the_mapping_table_in_the_docs_is_the_codes() -> None:
    text = DOC.read_text(encoding="utf-8")
    published = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert published == markdown(), "run: python -m diplomev.interop._plover_table"


def test_the_mapping_table_says_what_plain_plover_reads_back() -> None:
    rows = {(kind, label): row for kind, label, *row in mapping_rows()}
    assert rows[("summit", "no host, no place")] == ["CONSULT", "", "diplomatic", "summit"]
    assert rows[("summit", "status planned")][3] == "agreement, stage concluded"
    assert rows[("vote", "result withdrawn")][0] == "not written"
    assert rows[("diplomatic_action", "action recall_ambassador")][3] == (
        "diplomatic_action, action recall_ambassador"
    )


def test_a_place_named_by_a_country_alone_is_in_that_country() -> None:
    # PLOVER-GSR01-DEMAND-0014: "eventLoc": {"name": "Serbia"}, no country code.
    demand = from_plover(gsr("PLOVER-GSR01-DEMAND-0014"))
    assert demand.location == Location(name="Serbia", country="SRB", kind="country")
