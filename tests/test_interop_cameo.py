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

from diplomev import (
    Actor,
    Country,
    Dispute,
    DisputeKind,
    DisputeParty,
    DisputeStage,
    Event,
    Person,
    Status,
    Summit,
    TradeIssue,
    TradeMeasure,
    TradeStage,
    ValidationError,
    Visit,
    event_type_name,
    limits,
    parse_date,
)
from diplomev.interop import cameo
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
class Agreement(Event):  # a user's kind (left unregistered: registering is global)
    signatories: tuple[Actor, ...] = attrs.field(metadata=limits(min_items=1))


def test_kinds_cameo_cannot_code_are_refused() -> None:
    agreement = Agreement(id="a", date=DAY, signatories=(Country(code="KOR"),))
    with pytest.raises(ValidationError, match="no event code for the kind 'Agreement'"):
        event_code(agreement)


# --- codes as records -------------------------------------------------------------------------


def every_exported_code() -> dict[str, list[Event]]:
    events: list[Event] = [visit(), visit(status=Status.PLANNED), visit(status=Status.CANCELLED)]
    events += [summit(), summit(host="USA"), summit(status=Status.PLANNED)]
    events += [summit(status=Status.CANCELLED)]
    events += [trade(stage) for stage in (None, *TradeStage)]
    events += [dispute(kind, stage) for kind in DisputeKind for stage in (None, *DisputeStage)]
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


def test_codes_read_back_to_the_kind_stage_and_measure_they_stand_for() -> None:
    assert code_meaning("1382").dispute_kind is DisputeKind.TERRITORIAL  # type: ignore[union-attr]
    assert code_meaning("138").dispute_kind is DisputeKind.SECURITY  # type: ignore[union-attr]
    assert code_meaning("037").dispute_stage is DisputeStage.EASING  # type: ignore[union-attr]
    assert code_meaning("163").trade_stage is TradeStage.IN_FORCE  # type: ignore[union-attr]
    assert code_meaning("1312").trade_stage is TradeStage.THREATENED  # type: ignore[union-attr]
    assert code_meaning("036").status is Status.PLANNED  # type: ignore[union-attr]
    assert code_meaning("044").third_location  # type: ignore[union-attr]
    assert code_meaning("043").source_hosts  # type: ignore[union-attr]


def test_the_mapped_codes_are_exactly_these() -> None:
    mapped = {code for code in event_codes() if code_meaning(code) is not None}
    assert mapped == {
        "036", "040", "044", "046", "125", "042", "043",  # summits and visits
        "037", "112", "115", "130", "138", "1313", "1382",  # disputes
        "085", "1312", "163",  # trade issues
    }  # fmt: skip


def test_every_other_code_says_why_it_does_not_map() -> None:
    reasons = Counter(unmapped_reason(code).split(": ", 1)[1] for code in event_codes()
                      if code_meaning(code) is None)  # fmt: skip
    assert reasons["no diplomev kind"] > 250
    assert unmapped_reason("041").endswith("diplomev has no kind for calls")
    assert unmapped_reason("057").startswith("057 Sign formal agreement: signing an agreement")
    assert unmapped_reason("(none)") == "(none): not a CAMEO event code"


def test_the_existing_actor_codes_are_unchanged() -> None:
    assert cameo.cameo_code(Country(code="KOR")) == "KOR"
    assert (
        cameo.cameo_code(Person(name="Lee Jae Myung", office="President", country="KOR"))
        == "KORGOV"
    )
