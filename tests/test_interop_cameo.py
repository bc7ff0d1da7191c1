"""CAMEO event codes: the codebook table, Goldstein dialects, records as codes and back.

The codebook checks run on the real data: every ICEWS row's Event Text and Intensity, and
every GDELT row's GoldsteinScale and QuadClass, must agree with the generated table.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter
from pathlib import Path

import attrs
import pytest

import diplomev
from diplomev import (
    Actor,
    Agreement,
    AgreementInstrument,
    Country,
    DiplomaticAction,
    DiplomaticActionKind,
    Dispute,
    DisputeKind,
    DisputeParty,
    DisputeStage,
    Event,
    Organization,
    Person,
    Statement,
    StatementPurpose,
    Status,
    Summit,
    TradeIssue,
    TradeMeasure,
    TradeStage,
    ValidationError,
    Visit,
    Vote,
    event_type_name,
    limits,
    parse_date,
)
from diplomev.interop import cameo
from diplomev.interop._cameo_meanings import WRITTEN_AS
from diplomev.interop.cameo import (
    DIALECTS,
    code_meaning,
    dyads,
    event_code,
    event_codes,
    event_name,
    goldstein,
    quad_class,
    unmapped_reason,
)
from diplomev.interop.gdelt import GDELT_COLUMNS

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "event-standards"
COPIES = Path(__file__).parent / "data" / "interop"


def sample(name: str) -> Path:
    """The shared sample file if this checkout sits beside it, else the test copy."""
    return SHARED / name if (SHARED / name).exists() else COPIES / name


ICEWS = sample("icews__events.2018.sample.tab")
GDELT = sample("gdelt2__20161013151500.export.CSV")

DAY = parse_date("2018-06-01")
KIM = Person(name="Kim Yong-chol", country="PRK")
POMPEO = Person(name="Mike Pompeo", country="USA")


def icews_rows() -> list[dict[str, str]]:
    with ICEWS.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def gdelt_rows() -> list[dict[str, str]]:
    with GDELT.open(encoding="utf-8", newline="") as stream:
        return [
            dict(zip(GDELT_COLUMNS, row, strict=True)) for row in csv.reader(stream, delimiter="\t")
        ]


# --- the codebook -----------------------------------------------------------------------------


def test_the_codebook_has_every_cameo_code() -> None:
    codes = event_codes()
    assert len(codes) == 312
    assert len([code for code in codes if len(code) == 2]) == 20  # the root codes
    assert all(code.isdigit() and 2 <= len(code) <= 4 for code in codes)


def test_icews_event_text_is_the_codebook_name() -> None:
    mismatches = {
        (row["CAMEO Code"], row["Event Text"])
        for row in icews_rows()
        if event_name(row["CAMEO Code"]) != row["Event Text"]
    }
    assert mismatches == set()


def test_icews_intensity_is_the_icews_goldstein_score() -> None:
    rows = icews_rows()
    assert len(rows) == 3705
    for row in rows:
        assert goldstein(row["CAMEO Code"], dialect="icews") == float(row["Intensity"]), row


def test_gdelt_goldstein_scale_and_quad_class_are_the_gdelt_dialect() -> None:
    rows = gdelt_rows()
    assert len(rows) == 3566
    for row in rows:
        code = row["EventCode"]
        assert goldstein(code, dialect="gdelt") == float(row["GoldsteinScale"]), row
        assert quad_class(code, dialect="gdelt") == int(row["QuadClass"]), row


def test_the_dialects_differ_only_where_the_research_note_says() -> None:
    differ = {
        code: (goldstein(code, dialect="icews"), goldstein(code, dialect="gdelt"))
        for code in event_codes()
        if code != "1213" and goldstein(code, dialect="icews") != goldstein(code, dialect="gdelt")
    }
    assert differ == {
        "016": (-5.0, -2.0),
        "022": (3.4, 3.2),
        "164": (-6.5, -7.0),
        "165": (-7.0, -6.5),
    }
    assert goldstein("1213", dialect="icews") == -4.0
    with pytest.raises(ValidationError, match="no Goldstein score in the gdelt dialect"):
        goldstein("1213", dialect="gdelt")


@pytest.mark.parametrize(
    ("root", "icews", "gdelt"),
    [("01", 1, 1), ("05", 1, 1), ("06", 2, 2), ("08", 2, 2), ("09", 3, 2), ("13", 3, 3),
     ("14", 4, 3), ("15", 4, 4), ("20", 4, 4)],
)  # fmt: skip
def test_quad_classes_by_dialect(root: str, icews: int, gdelt: int) -> None:
    assert quad_class(root, dialect="icews") == icews
    assert quad_class(root, dialect="gdelt") == gdelt


def test_the_dialect_is_explicit_and_checked() -> None:
    assert DIALECTS == ("icews", "gdelt")
    with pytest.raises(TypeError):
        goldstein("042")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="dialect must be one of"):
        goldstein("042", dialect="phoenix")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="unknown CAMEO event code"):
        quad_class("13y", dialect="icews")


def test_codebook_names_are_repaired_text() -> None:
    assert event_name("044") == "Meet at a 'third' location"
    assert all(event_name(code).isascii() for code in event_codes())


# --- records as codes -------------------------------------------------------------------------


def summit(**fields: object) -> Summit:
    return Summit(id="s", date=DAY, participants=(KIM, POMPEO), **fields)  # type: ignore[arg-type]


def visit(**fields: object) -> Visit:
    return Visit(id="v", date=DAY, visitor=KIM, host="USA", **fields)  # type: ignore[arg-type]


def dispute(kind: DisputeKind = DisputeKind.OTHER, stage: DisputeStage | None = None) -> Dispute:
    parties = (DisputeParty(actor=Country(code="KOR")), DisputeParty(actor=Country(code="JPN")))
    return Dispute(id="d", date=DAY, parties=parties, kind=kind, stage=stage)


def statement(purpose: StatementPurpose) -> Statement:
    return Statement(id="s", date=DAY, speakers=(KIM,), addressees=(POMPEO,), purpose=purpose)


def action(kind: DiplomaticActionKind) -> DiplomaticAction:
    return DiplomaticAction(id="a", date=DAY, action=kind, actor=Country(code="IND"),
                            target=Country(code="CAN"))  # fmt: skip


def agreement(stage: str, instrument: AgreementInstrument | str = "other") -> Agreement:
    return Agreement(id="a", date=DAY, parties=(KIM, POMPEO), stage=stage, instrument=instrument)


def trade(
    stage: TradeStage | None = None, measure: TradeMeasure = TradeMeasure.SANCTION
) -> TradeIssue:
    return TradeIssue(id="t", date=DAY, measure=measure, stage=stage,
                      imposers=(Country(code="USA"),), targets=(Country(code="PRK"),))  # fmt: skip


@pytest.mark.parametrize(
    ("event", "code"),
    [
        (visit(), "042"),
        (visit(status=Status.ONGOING), "042"),
        (visit(status=Status.PLANNED), "036"),
        (visit(status=Status.CANCELLED), "125"),
        (summit(host="USA"), "040"),
        (summit(), "044"),
        (summit(status=Status.PLANNED), "036"),
        (summit(status=Status.CANCELLED), "125"),
        (trade(), "163"),
        (trade(TradeStage.IN_FORCE, TradeMeasure.TARIFF), "163"),
        (trade(TradeStage.THREATENED), "1312"),
        (trade(TradeStage.LIFTED), "085"),
        (trade(TradeStage.SUSPENDED), "085"),
        (dispute(), "112"),
        (dispute(DisputeKind.TERRITORIAL, DisputeStage.ESCALATING), "1382"),
        (dispute(DisputeKind.MARITIME, DisputeStage.ESCALATING), "1382"),
        (dispute(DisputeKind.SECURITY, DisputeStage.ESCALATING), "138"),
        (dispute(DisputeKind.DIPLOMATIC, DisputeStage.ESCALATING), "1313"),
        (dispute(DisputeKind.ECONOMIC, DisputeStage.ESCALATING), "130"),
        (dispute(DisputeKind.OTHER, DisputeStage.EASING), "037"),
        (dispute(DisputeKind.OTHER, DisputeStage.RESOLVED), "037"),
        (dispute(DisputeKind.OTHER, DisputeStage.ADJUDICATED), "115"),
        (dispute(DisputeKind.OTHER, DisputeStage.ACTIVE), "112"),
        (dispute(DisputeKind.OTHER, DisputeStage.FROZEN), "112"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_the_code_a_record_stands_for(event: Event, code: str) -> None:
    assert event_code(event) == code


def test_a_visit_is_042_from_the_visitor_and_043_from_the_host() -> None:
    rows = [(d.source, d.code, d.target) for d in dyads(visit())]
    assert rows == [(KIM, "042", Country(code="USA")), (Country(code="USA"), "043", KIM)]


def test_a_planned_visit_is_one_row_of_intent() -> None:
    assert [(d.source, d.code) for d in dyads(visit(status=Status.PLANNED))] == [(KIM, "036")]


def test_reciprocal_events_give_every_ordered_pair() -> None:
    third = Person(name="Sergey Lavrov", country="RUS")
    three = Summit(id="s", date=DAY, participants=(KIM, POMPEO, third))
    pairs = [(d.source, d.target) for d in dyads(three)]
    assert pairs == [(a, b) for a, b in itertools.permutations((KIM, POMPEO, third), 2)]


def test_a_one_party_dispute_has_no_target() -> None:
    alone = Dispute(id="d", date=DAY, parties=(DisputeParty(actor=Country(code="KOR")),))
    assert [(d.source, d.target) for d in dyads(alone)] == [(Country(code="KOR"), None)]


def test_trade_rows_pair_every_imposer_with_every_target() -> None:
    issue = TradeIssue(id="t", date=DAY, measure="tariff",
                       imposers=(Country(code="USA"), Country(code="CAN")),
                       targets=(Country(code="CHN"), Country(code="MEX")))  # fmt: skip
    assert [(d.source.code, d.target.code) for d in dyads(issue)] == [  # type: ignore[union-attr]
        ("USA", "CHN"), ("USA", "MEX"), ("CAN", "CHN"), ("CAN", "MEX")
    ]  # fmt: skip


@attrs.frozen(kw_only=True)
class Treaty(Event):  # a user's kind (left unregistered: registering is global)
    signatories: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=1))


def test_kinds_cameo_cannot_code_are_refused() -> None:
    treaty = Treaty(id="a", date=DAY, signatories=(Country(code="KOR"),))
    with pytest.raises(ValidationError, match="no event code for the kind 'Treaty'"):
        event_code(treaty)
    council = Organization(name="UN Security Council", kind="igo")
    with pytest.raises(ValidationError, match="no event code for the kind 'vote'"):
        event_code(Vote(id="v", date=DAY, body=council, motion="R", result="vetoed"))


def test_an_agreement_has_a_code_once_signed() -> None:
    assert event_code(agreement("signed")) == event_code(agreement("ratified")) == "057"
    assert event_code(agreement("concluded", "ceasefire")) == "0871"
    with pytest.raises(ValidationError, match="an agreement at stage 'negotiating'"):
        event_code(agreement("negotiating"))


def test_a_diplomatic_action_cameo_has_no_code_of_is_refused() -> None:
    # 050 is the residual of any cooperation; nothing tells an upgrade or a new mission.
    for kind in ("other", "upgrade_relations", "open_mission"):
        with pytest.raises(ValidationError, match=f"a diplomatic action of kind '{kind}'"):
            event_code(action(DiplomaticActionKind(kind)))


@pytest.mark.parametrize(
    ("event", "code"),
    [
        (statement(StatementPurpose.POSITION), "010"),
        (statement(StatementPurpose.APPEAL), "020"),
        (statement(StatementPurpose.PRAISE), "051"),
        (statement(StatementPurpose.CRITICISM), "111"),
        (statement(StatementPurpose.THREAT), "131"),
        (action(DiplomaticActionKind.BREAK_RELATIONS), "161"),
        (action(DiplomaticActionKind.EXPEL_DIPLOMATS), "161"),
        (action(DiplomaticActionKind.RECOGNIZE), "054"),
        (action(DiplomaticActionKind.LODGE_PROTEST), "114"),
        (summit(channel="phone"), "041"),
        (summit(channel="phone", status=Status.PLANNED), "036"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_the_code_a_record_of_the_new_kinds_stands_for(event: Event, code: str) -> None:
    assert event_code(event) == code


def test_statements_and_actions_give_their_directed_rows() -> None:
    said = Statement(id="s", date=DAY, speakers=[KIM, POMPEO], addressees=[Country(code="CHN")])
    assert [(d.source, d.target) for d in dyads(said)] == [
        (KIM, Country(code="CHN")), (POMPEO, Country(code="CHN"))
    ]  # fmt: skip
    alone = Statement(id="s", date=DAY, speakers=[KIM])
    assert [(d.source, d.target) for d in dyads(alone)] == [(KIM, None)]
    expel = action(DiplomaticActionKind.EXPEL_DIPLOMATS)
    assert [(d.source, d.code, d.target) for d in dyads(expel)] == [
        (Country(code="IND"), "161", Country(code="CAN"))
    ]  # fmt: skip
    deal = agreement("signed")
    assert [(d.source, d.target) for d in dyads(deal)] == [(KIM, POMPEO), (POMPEO, KIM)]


# --- codes as records -------------------------------------------------------------------------


def every_exported_code() -> dict[str, list[Event]]:
    events: list[Event] = [visit(), visit(status=Status.PLANNED), visit(status=Status.CANCELLED)]
    events += [summit(), summit(host="USA"), summit(status=Status.PLANNED)]
    events += [summit(status=Status.CANCELLED), summit(channel="phone")]
    events += [trade(stage) for stage in (None, *TradeStage)]
    events += [dispute(kind, stage) for kind in DisputeKind for stage in (None, *DisputeStage)]
    events += [statement(purpose) for purpose in StatementPurpose]
    events += [
        action(kind)
        for kind in DiplomaticActionKind
        if kind.value in WRITTEN_AS["diplomatic_action"]
    ]
    events += [agreement(stage, instrument) for stage in ("concluded", "signed", "ratified",
               "in_force") for instrument in AgreementInstrument]  # fmt: skip
    by_code: dict[str, list[Event]] = {}
    for event in events:
        by_code.setdefault(event_code(event), []).append(event)
    return by_code


def test_every_code_diplomev_writes_reads_back_as_a_record() -> None:
    for code, events in every_exported_code().items():
        meaning = code_meaning(code)
        assert meaning is not None, code
        for event in events:
            expected = event_type_name(type(event))
            if isinstance(event, Visit) and event.status is not Status.OCCURRED:
                expected = "summit"  # 036 and 125 say nothing of who travels
            assert meaning.kind == expected, (code, event)


def test_the_fields_a_code_says_are_values_of_the_kind() -> None:
    for code in event_codes():
        meaning = code_meaning(code)
        if meaning is None:
            continue
        record = next(iter(every_exported_code()[_a_written_code(meaning.kind)]))
        data = {**diplomev.to_dict(record), **meaning.fields, "status": meaning.status.value}
        assert diplomev.from_dict(data), code  # the values are in the kind's vocabularies


def _a_written_code(kind: str) -> str:
    return next(code for code, events in every_exported_code().items()
                if event_type_name(type(events[0])) == kind)  # fmt: skip


def test_each_value_is_written_as_a_code_that_reads_back_as_it_where_cameo_has_one() -> None:
    # The written code says the value itself, or the nearest the codebook has (docs/interop.md).
    said_back = {
        (type(e).__name__, code_meaning(code).fields.get(field))  # type: ignore[union-attr]
        for code, events in every_exported_code().items()
        for e in events
        for field in ("purpose", "action")
        if field in code_meaning(code).fields  # type: ignore[union-attr]
    }
    assert {value for kind, value in said_back if kind == "Statement"} == {
        "position", "denial", "condolence", "support", "appeal", "proposal", "praise",
        "apology", "demand", "criticism", "threat", "warning",
    }  # fmt: skip
    assert {value for kind, value in said_back if kind == "DiplomaticAction"} == {
        "recognize", "lodge_protest", "downgrade_relations"
    }  # fmt: skip


def test_codes_read_back_to_the_kind_stage_and_measure_they_stand_for() -> None:
    def said(code: str) -> dict[str, str]:
        meaning = code_meaning(code)
        assert meaning is not None
        return dict(meaning.fields)

    assert said("1382") == {"kind": "territorial", "stage": "escalating"}
    assert said("138") == {"kind": "security", "stage": "escalating"}
    assert said("037") == {"kind": "other", "stage": "easing"}
    assert said("163") == {"measure": "sanction", "stage": "in_force"}
    assert said("1312") == {"measure": "sanction", "stage": "threatened"}
    assert said("041") == {"channel": "phone"}
    assert said("057") == {"stage": "signed"}
    assert said("161") == {"action": "downgrade_relations"}
    assert said("054") == {"action": "recognize"}
    assert said("051") == {"purpose": "praise"}
    assert code_meaning("036").status is Status.PLANNED  # type: ignore[union-attr]
    assert code_meaning("044").third_location  # type: ignore[union-attr]
    assert code_meaning("043").source_hosts  # type: ignore[union-attr]


def codes_of(kind: str) -> set[str]:
    return {code for code in event_codes() if getattr(code_meaning(code), "kind", None) == kind}


def family(*roots: str) -> set[str]:
    return {code for code in event_codes() if len(code) > 2 and code.startswith(roots)}


def test_the_mapped_codes_are_exactly_these() -> None:
    assert codes_of("summit") == {"036", "040", "041", "044", "046", "125"}
    assert codes_of("visit") == {"042", "043"}
    assert codes_of("dispute") == {"037", "115", "130", "1313"} | family("112", "138")
    assert codes_of("trade_issue") == {"085", "1312", "163"}
    assert codes_of("agreement") == {"057", "0871"}
    assert codes_of("diplomatic_action") == {"054", "114", "160", "161"}
    # Statements: statements (01), appeals (02), intents (03), demands (10), disapproval
    # (11) and threats (13) but for the codes above and the acts among them.
    statements = family("01", "02", "03", "10", "110", "111", "113", "13") | {
        "051", "052", "053", "055", "056"
    }  # fmt: skip
    statements -= {"011", "017", "036", "037"} | codes_of("dispute") | codes_of("trade_issue")
    assert codes_of("statement") == statements


def test_every_other_code_says_why_it_does_not_map() -> None:
    reasons = Counter(unmapped_reason(code).split(": ", 1)[1] for code in event_codes()
                      if code_meaning(code) is None)  # fmt: skip
    assert reasons["no diplomev kind"] > 100
    assert unmapped_reason("129").startswith("129 Veto: a veto: a vote needs the body")
    assert unmapped_reason("174").endswith("diplomats expelled are coded 161")
    assert unmapped_reason("(none)") == "(none): not a CAMEO event code"


def test_the_table_in_the_docs_is_the_code_table() -> None:
    text = (Path(__file__).parent.parent / "docs" / "interop.md").read_text(encoding="utf-8")
    begin, end = "<!-- cameo-mapping: begin -->\n", "\n<!-- cameo-mapping: end -->"
    assert text[text.index(begin) + len(begin) : text.index(end)] == cameo.mapping_table()


def test_the_existing_actor_codes_are_unchanged() -> None:
    assert cameo.cameo_code(Country(code="KOR")) == "KOR"
    assert (
        cameo.cameo_code(Person(name="Lee Jae Myung", office="President", country="KOR"))
        == "KORGOV"
    )
