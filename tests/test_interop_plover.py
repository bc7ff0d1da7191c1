"""PLOVER: export to the diplomev profile (and its JSON Schema), tolerant import, round trips.

What PLOVER's own fields cannot hold is stated as data below (`PLOVER_CANNOT_HOLD`,
`PLOVER_HOLDS_IN_PART`) and checked against every drawn record: the profile's
``x_diplomev`` key carries exactly those fields, so diplomev -> PLOVER -> diplomev gives the
record back unchanged, and a plain PLOVER record keeps every other field.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import diplomev
from diplomev import (
    Actor,
    Agreement,
    Country,
    Dispute,
    DisputeParty,
    Event,
    Organization,
    Person,
    Summit,
    TradeIssue,
    ValidationError,
    Visit,
    parse_date,
    to_dict,
)
from diplomev import strategies as ds
from diplomev.interop import ImportReport, Unmapped
from diplomev.interop.plover import (
    CONTEXTS,
    EVENTS,
    EXTRAS_KEY,
    MODES,
    from_plover,
    plover_event,
    plover_losses,
    plover_schema,
    read_plover,
    to_plover,
    write_plover,
)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data" / "event-standards"
COPIES = REPO / "tests" / "data" / "interop"
GOLDEN = REPO / "tests" / "data" / "lee-beijing-visit.events.jsonl"
SCHEMA_FILE = REPO / "docs" / "plover-profile.schema.json"

# The kinds written to PLOVER (this file: summits, visits, disputes, trade issues; the
# others are tested in test_interop_plover_kinds.py).
MAPPED = [diplomev.Summit, diplomev.Visit, diplomev.Dispute, diplomev.TradeIssue]


def sample(name: str) -> Path:
    """The shared sample file if this checkout sits beside it, else the test copy."""
    return SHARED / name if (SHARED / name).exists() else COPIES / name


GSR = sample("plover__PLOVER_GSR_CAMEO.txt")
CAMEO2PLOVER = sample("plover__CAMEO2PLOVER-2021.txt")

#: Wire fields PLOVER's own fields never hold: with a value, they are always in x_diplomev.
PLOVER_CANNOT_HOLD = frozenset(
    {
        "summary", "topics", "links", "extensions",  # every kind
        "forum", "outcomes",  # summits
        "kind",  # visits (a dispute's kind is held in part, as contexts)
        "subject", "third_parties",  # disputes
        "official", "sectors", "products", "rate_percent",  # trade issues
    }
)  # fmt: skip

#: Wire fields PLOVER holds in part, and what of them it holds.
PLOVER_HOLDS_IN_PART = {
    "type": "CONSULT, REJECT meet, ACCUSE, THREATEN, SANCTION, COERCE restrict, RETREAT read "
    "as kinds; AGREE is an agreement, or a dispute easing with context territory, so "
    "planned meetings and other disputes easing are read as agreements (an AGREE whose text "
    "names no agreement is an offer, a statement)",
    "channel": "phone (CONSULT phone); video is lost",
    "date": "days only: date and enddate; EDTF precision, qualifiers and open ends are lost",
    "status": "occurred (CONSULT, ...), cancelled (REJECT meet); planned and ongoing are lost",
    "location": "event_loc: name, country code, coordinates, kind as GeoNames feature",
    "sources": "the first source as cite_info (url, title, publication); dates, quotes lost",
    "host": "a visit's host as recipient; a summit's host when event_loc is in its country",
    "participants": "actors as entities (code, sector, entity_text, office); affiliations lost",
    "visitor": "the first actor", "delegation": "the other actors",
    "meetings": "counterparts of a visit's host as recipients; kinds and dates lost",
    "parties": "actors and recipients; positions lost",
    "stage": "by event type and mode (ACCUSE active, THREATEN escalating, ...)",
    "kind_of_dispute": "contexts: territory, territory+legal (maritime), military, ...",
    "imposers": "actors", "targets": "recipients",
    "measure": "sanction only (SANCTION discontinue, THREATEN restrict, RETREAT)",
}  # fmt: skip
_PART_FIELDS = frozenset(PLOVER_HOLDS_IN_PART) - {"kind_of_dispute"} | {"kind"}

VALIDATOR = jsonschema.Draft202012Validator(
    plover_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def golden() -> list[Event]:
    return [diplomev.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


def wire_keys(event: Event) -> set[str]:
    """The event's wire keys, its x_ keys counted as "extensions"."""
    return {"extensions" if key.startswith("x_") else key for key in to_dict(event)}


def as_json(record: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(record))
    return loaded


# --- export and the profile's schema ----------------------------------------------------------


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(plover_schema())


def test_the_schema_file_in_docs_is_current() -> None:
    on_disk = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert on_disk == plover_schema(), (
        f"{SCHEMA_FILE} is stale: run scripts/generate_interop_tables.py"
    )


def test_the_vocabularies_are_the_manuals() -> None:
    assert len(EVENTS) == 16
    assert len(CONTEXTS) == 37
    assert set(MODES) <= set(EVENTS)
    assert MODES["CONSULT"] == ("visit", "third-party", "multilateral", "phone")


@pytest.mark.parametrize("event", golden(), ids=lambda e: e.id)
def test_golden_records_export_valid_plover(event: Event) -> None:
    record = as_json(to_plover(event))
    assert list(VALIDATOR.iter_errors(record)) == []
    assert list(VALIDATOR.iter_errors(as_json(to_plover(event, extras=False)))) == []


def writable(event: Event) -> bool:
    """PLOVER's SANCTION needs a recipient: a measure with no target is not written."""
    return not (isinstance(event, diplomev.TradeIssue) and not event.targets)


@given(ds.events(MAPPED).filter(writable))
def test_exported_plover_validates_against_the_profile(event: Event) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(as_json(to_plover(event)))]
    assert errors == []


def test_the_schema_rejects_what_the_profile_forbids() -> None:
    def invalid(record: dict[str, Any]) -> bool:
        return not VALIDATOR.is_valid(record)

    base = {"id": "1", "date": "2018-06-01", "actor": [{"code": "PRK"}], "event": ["CONSULT"]}
    assert VALIDATOR.is_valid(base)
    assert invalid({**base, "date": 20180601})
    assert invalid({**base, "event": ["MEET"]})
    assert invalid({**base, "mode": ["boycott"]})  # not a CONSULT mode
    assert invalid({**base, "event": ["SANCTION"]})  # SANCTION needs a recipient
    assert invalid({**base, "context": ["refugees"]})
    assert invalid({**base, "venue": "New York"})
    assert VALIDATOR.is_valid({**base, "x_coder": "hand"})


def test_a_visit_is_consult_visit_with_the_host_as_recipient() -> None:
    visit = golden()[0]
    record = to_plover(visit)
    assert record["event"] == ["CONSULT"]
    assert record["mode"] == ["visit"]
    assert record["actor"] == [
        {"code": "KOR", "sector": "GOV", "entity_text": "Lee Jae Myung", "office": "President"}
    ]
    assert record["recipient"] == [{"code": "CHN"}]
    assert (record["date"], record["enddate"]) == ("2026-01-04", "2026-01-06")
    assert record["event_loc"] == {"resolved_place": "Beijing", "country_code": "CHN",
                                   "feature_class": "P", "feature_code": "PPL", "resolution": 4}  # fmt: skip


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ({"type": "summit", "participants": 3}, ("CONSULT", "multilateral", ("diplomatic",))),
        ({"type": "summit", "host": None}, ("CONSULT", None, ("diplomatic",))),
        ({"type": "summit", "host": "CHN"}, ("CONSULT", None, ("diplomatic",))),
        ({"type": "summit", "status": "planned"}, ("AGREE", None, ("diplomatic",))),
        ({"type": "visit", "status": "cancelled"}, ("REJECT", "meet", ("diplomatic",))),
        ({"type": "dispute", "kind": "maritime"}, ("ACCUSE", "disapprove", ("territory", "legal"))),
        (
            {"type": "dispute", "kind": "security", "stage": "escalating"},
            ("THREATEN", "violence", ("military",)),
        ),
        (
            {"type": "dispute", "kind": "territorial", "stage": "escalating"},
            ("THREATEN", "territory", ("territory",)),
        ),
        ({"type": "dispute", "stage": "adjudicated"}, ("ACCUSE", "allege", ("legal",))),
        ({"type": "trade_issue"}, ("SANCTION", "discontinue", ("economic",))),
        ({"type": "trade_issue", "stage": "threatened"}, ("THREATEN", "restrict", ("economic",))),
        ({"type": "trade_issue", "stage": "lifted"}, ("RETREAT", None, ("economic",))),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else None,
)
def test_plover_types_of_records(wire: dict[str, Any], expected: tuple[object, ...]) -> None:
    assert plover_event(build(wire)) == expected


def build(wire: dict[str, Any]) -> Event:
    data = dict(wire)
    kind = data.pop("type")
    common: dict[str, Any] = {"id": "x", "date": parse_date("2018-06-01")}
    kor, chn, jpn = Country(code="KOR"), Country(code="CHN"), Country(code="JPN")
    if kind == "summit":
        count = data.pop("participants", 2)
        return Summit(**common, participants=(kor, chn, jpn)[:count], **data)
    if kind == "visit":
        return Visit(**common, visitor=kor, host="CHN", **data)
    if kind == "dispute":
        return Dispute(**common, parties=(DisputeParty(actor=kor),), **data)
    return TradeIssue(**common, imposers=(chn,), targets=(kor,), measure="sanction", **data)


# --- the sanctions decision -------------------------------------------------------------------


def cameo2plover_rows() -> dict[str, tuple[str, ...]]:
    rows = {}
    for line in CAMEO2PLOVER.read_text(encoding="utf-8").splitlines():
        code, _, rest = line.partition(":")
        if code.strip().isdigit() and len(code.strip()) >= 3:
            fields = tuple(part.strip() for part in rest.split("#")[0].split(","))
            rows[code.strip()] = fields
    return rows


def test_plover_disagrees_with_its_own_cameo_table_on_sanctions_and_we_follow_the_manual() -> None:
    table = cameo2plover_rows()
    assert table["163"][:2] == ("COERCE", "restrict")  # the table's reading of CAMEO 163
    sanction = build({"type": "trade_issue"})
    assert plover_event(sanction)[:2] == ("SANCTION", "discontinue")  # the manual's
    # ... and data coded with the table still reads as a sanction.
    table_coded = {"id": "t", "date": "2018-06-01", "event": ["COERCE"], "mode": ["restrict"],
                   "context": ["diplomatic"], "actor": [{"code": "USA"}],
                   "recipient": [{"code": "PRK"}]}  # fmt: skip
    read = from_plover(table_coded)
    assert isinstance(read, TradeIssue)
    assert read.measure.value == "sanction"


def test_the_other_dispute_and_trade_codes_agree_with_the_cameo_table() -> None:
    table = cameo2plover_rows()
    for wire, code in [
        ({"type": "dispute"}, "112"),
        ({"type": "dispute", "stage": "adjudicated"}, "115"),
        ({"type": "dispute", "kind": "security", "stage": "escalating"}, "138"),
        ({"type": "dispute", "kind": "diplomatic", "stage": "escalating"}, "1313"),
        ({"type": "dispute", "kind": "territorial", "stage": "escalating"}, "1382"),
        ({"type": "dispute", "stage": "easing"}, "037"),
        ({"type": "trade_issue", "stage": "threatened"}, "1312"),
    ]:
        kind, mode, _ = plover_event(build(wire))
        assert table[code][0] == kind, code
        if mode is not None and code != "112":  # 112 is "disapprove" both ways
            assert table[code][1] == mode, code


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("event", golden(), ids=lambda e: e.id)
def test_golden_records_survive_plover(event: Event) -> None:
    assert from_plover(as_json(to_plover(event))) == event


@given(ds.events(MAPPED).filter(writable))
def test_records_survive_plover(event: Event) -> None:
    assert from_plover(as_json(to_plover(event))) == event


@given(ds.events(MAPPED).filter(writable))
def test_plain_plover_loses_only_what_it_cannot_hold(event: Event) -> None:
    losses = {"extensions" if key.startswith("x_") else key for key in plover_losses(event)}
    assert losses <= PLOVER_CANNOT_HOLD | _PART_FIELDS
    # What PLOVER cannot hold is never held:
    present = wire_keys(event) & PLOVER_CANNOT_HOLD
    if isinstance(event, Dispute):
        present.discard("kind")
    assert present <= losses
    # ... and everything else comes back from the plain record.
    if "type" in losses:
        return
    back = from_plover(as_json(to_plover(event, extras=False)))
    original, again = to_dict(event), to_dict(back)
    for key, value in original.items():
        if key not in losses and not key.startswith("x_"):
            assert again.get(key) == value, key


def test_plain_plover_keeps_what_a_day_visit_has() -> None:
    visit = Visit(id="v", date=parse_date("2018-05-31"), host="USA",
                  visitor=Person(name="Kim Yong-chol", office="Vice Chairman", country="PRK"))  # fmt: skip
    record = to_plover(visit, extras=False)
    assert EXTRAS_KEY not in record
    assert from_plover(as_json(record)) == visit.__class__(
        id="v", date=visit.date, host="USA", visitor=visit.visitor,
        extensions={"x_plover": {"context": ["diplomatic"]}},
    )  # fmt: skip


def test_write_plover_writes_json_lines_and_reports(tmp_path: Path) -> None:
    target = tmp_path / "events.jsonl"
    report = write_plover(golden(), target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert report.records == len(lines) == 9
    assert report.lost == {}
    with read_plover(target) as reader:
        assert list(reader) == golden()
    assert reader.report.records == {"visit": 3, "summit": 2, "dispute": 3, "trade_issue": 1}
    plain = write_plover(golden(), tmp_path / "plain.jsonl", extras=False)
    assert plain.lost["summary"] == 9
    assert plain.lost["sources"] == 9


def test_write_plover_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "events.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def events() -> Any:
        yield golden()[0]
        raise RuntimeError("the source failed")

    with pytest.raises(RuntimeError):
        write_plover(events(), target)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["events.jsonl"]


# --- tolerant import --------------------------------------------------------------------------

# The shared gold-standard records: 322 events in the old draft's shape and a DOCUMENT.
GSR_RECORDS = {"agreement": 8, "diplomatic_action": 5, "statement": 107, "summit": 7,
               "trade_issue": 6, "visit": 9}  # fmt: skip
GSR_UNMAPPED = {
    "REJECT": 31, "PROTEST": 27, "COERCE": 18, "FIGHT": 17, "ASSAULT": 15, "RETREAT": 14, "CONCEDE": 12,
    "AID": 10, "INVESTIGATE": 9, "THREATEN": 8, "MOBILIZE": 6, "SANCTION": 6, "COOPERATE": 4,
    "CONSULT": 1, "DISAPPROVE": 1, "DOCUMENT": 1,
}  # fmt: skip


def test_the_gold_standard_file_is_accounted_for() -> None:
    with read_plover(GSR, errors="collect") as reader:
        events = list(reader)
    report: ImportReport = reader.report
    assert report.rows == 323
    assert dict(report.records) == GSR_RECORDS
    assert report.unmapped_by_code() == dict(
        sorted(GSR_UNMAPPED.items(), key=lambda item: (-item[1], item[0]))
    )
    # PLOVER-GSR01-AGREE-0007 has its context in "target" ("diplomatic"), not an entity.
    assert report.bad == 1
    assert [(bad.line, str(bad.errors[0])) for bad in reader.problems] == [
        (116, "$.recipient[0]: expected an entity object")
    ]
    assert report.is_complete()
    assert report.rows == sum(GSR_RECORDS.values()) + sum(GSR_UNMAPPED.values()) + report.bad
    assert len(events) == sum(GSR_RECORDS.values())
    assert len({event.id for event in events}) == len(events)


def test_gold_standard_visits_read_their_actors() -> None:
    with read_plover(GSR, errors="collect") as reader:
        visits = {event.id: event for event in reader if isinstance(event, Visit)}
    saddam = visits["PLOVER-GSR01-CONSULT-0004"]
    assert saddam.visitor == Person(name="Saddam Hussein", office="President", country="IRQ")
    assert saddam.host == "JOR"  # the target is "Amman"
    hosted = visits["PLOVER-GSR01-CONSULT-0005"]  # the old mode "host": the actor hosts
    assert hosted.visitor == Person(name="Ryutaro Hashimoto", office="Prime Minister",
                                    country="JPN")  # fmt: skip
    assert hosted.host == "RUS"
    assert hosted.meetings[0].counterparts == (
        Person(name="Boris Yeltsin", office="President", country="RUS"),
    )
    assert hosted.extensions["x_plover"]["event_text"] == "hosted"


def gsr_record(ident: str) -> dict[str, Any]:
    rows: list[dict[str, Any]] = json.loads(GSR.read_text(encoding="utf-8"))
    return next(row for row in rows if row.get("id") == ident)


def _gsr(*ids: str) -> dict[str, Any]:
    with read_plover(GSR, errors="collect") as reader:
        return {event.id: event for event in reader if event.id in ids}


def test_gold_standard_entities_of_the_third_spot_check() -> None:
    # Issue 14's third spot check: the real entities read as persons or bodies they are not.
    found = _gsr("PLOVER-GSR01-DEMAND-0011", "PLOVER-GSR01-THREATEN-0023",
                 "PLOVER-GSR01-AGREE-0010", "PLOVER-GSR01-AGREE-0018",
                 "PLOVER-GSR01-CONSULT-0009")  # fmt: skip
    # A group's code and a body's name: "Third World Water Forum" coded NGO is that body.
    assert found["PLOVER-GSR01-DEMAND-0011"].speakers == (
        Organization(name="Third World Water Forum", kind="ngo"),
    )
    # A people's plural is a group of that people, not a person named "Ethnic Albanians".
    assert found["PLOVER-GSR01-THREATEN-0023"].speakers == (
        Organization(name="Ethnic Albanians", kind="community", country="MKD"),
    )
    # A country after words that describe it is the country.
    assert found["PLOVER-GSR01-AGREE-0010"].speakers == (Country(code="NOR"),)
    # A title after words the reader does not know is its holder.
    assert found["PLOVER-GSR01-AGREE-0018"].speakers == (
        Person(name="Askar Akayev", office="President", country="KGZ"),
    )
    visit = found["PLOVER-GSR01-CONSULT-0009"]
    assert visit.meetings[0].counterparts == (Person(office="Emir", country="QAT"),)


@pytest.mark.parametrize(
    ("entity", "actor"),
    [
        ({"entity_text": "French farmers", "code": "FRA"},
         Organization(name="French farmers", kind="community", country="FRA")),
        ({"entity_text": "Christian missionaries", "code": "USA", "sector": "REL"},
         Organization(name="Christian missionaries", kind="other", country="USA")),
        ({"entity_text": "the embattled Syria", "code": "SYR", "sector": "GOV"},
         Country(code="SYR")),
        ({"entity_text": "Ceasefire Violations Committee (CFVC)", "code": "NGO"},
         Organization(name="Ceasefire Violations Committee", kind="ngo")),
        # A known body after a possessive is that body (PLOVER-GSR01-THREATEN-0021).
        ({"entity_text": "Osama bin Laden's al-Qaeda", "code": "IMG"},
         Organization(name="Al Qaeda", kind="other")),
        # Not a country: words relate the group to it; not the holder: his supporters.
        ({"entity_text": "villages near Macedonia", "code": "MKD", "sector": "CVL"},
         Organization(name="villages near Macedonia", kind="community", country="MKD")),
        ({"entity_text": "supporters of former President Ahmed Ben Bella", "code": "DZA",
          "sector": "OPP"},
         Organization(name="supporters of former President Ahmed Ben Bella", kind="other",
                      country="DZA")),
        # A person's name that ends in "s" is no plural; a country's name is the country.
        ({"entity_text": "Juan Carlos", "code": "ESP", "sector": "GOV"},
         Person(name="Juan Carlos", country="ESP")),
        ({"entity_text": "the Netherlands", "code": "NLD", "sector": "GOV"},
         Country(code="NLD")),
        ({"entity_text": "Papua New Guinea", "code": "PNG", "sector": "GOV"},
         Country(code="PNG")),
    ],
)  # fmt: skip
def test_entities_groups_countries_and_holders(entity: dict[str, str], actor: Actor) -> None:
    record = {"id": "e", "date": "2000-01-01", "event": "REQUEST", "actor": [entity],
              "recipient": [{"code": "USA"}]}  # fmt: skip
    assert from_plover(record).speakers == (actor,)  # type: ignore[attr-defined]


def test_a_group_code_with_a_role_restated_is_no_body() -> None:
    # PLOVER-GSR01-DISAPPROVE-0016: "human rights group" coded NGO names no particular
    # body (as GDELT's NGOHRI): the criticism has no speaker, and is not mapped.
    with read_plover(GSR, errors="collect") as reader:
        ids = {event.id for event in reader}
    assert "PLOVER-GSR01-DISAPPROVE-0016" not in ids
    assert reader.report.unmapped_by_code()["DISAPPROVE"] == 1


def test_gold_standard_visits_told_by_the_text() -> None:
    found = _gsr("PLOVER-GSR01-AGREE-0035", "PLOVER-GSR01-SANCTION-0002",
                 "PLOVER-GSR01-AGREE-0040")  # fmt: skip
    # AGREE "will visit Albania", its two actors coded SRC/TAR alike: a planned visit.
    planned = found["PLOVER-GSR01-AGREE-0035"]
    assert isinstance(planned, Visit)
    assert (planned.status.value, planned.host, planned.delegation) == ("planned", "ALB", ())
    assert planned.visitor == Person(name="Oskar Fischer", office="Foreign Minister",
                                     country="DEU")  # fmt: skip
    # SANCTION "has cancelled a planned visit to Haiti": a cancelled visit.
    cancelled = found["PLOVER-GSR01-SANCTION-0002"]
    assert isinstance(cancelled, Visit)
    assert (cancelled.status.value, cancelled.host) == ("cancelled", "HTI")
    # An invitation "to visit" is the invitee's trip, which the actors do not say: no visit.
    invited = dict(gsr_record("PLOVER-GSR01-AGREE-0035"))
    invited["text"] = "Albania invited German Foreign Minister Oskar Fischer to visit Tirana."
    assert not isinstance(from_plover(invited), Visit)
    # "will visit Mauritania and Senegal": one host kept, the other noted.
    two = found["PLOVER-GSR01-AGREE-0040"]
    assert isinstance(two, Visit)
    assert two.host == "MRT"
    assert two.extensions["x_import_notes"][0]["message"].endswith("not to SEN")


def test_gold_standard_signings_coded_support_are_agreements() -> None:
    found = _gsr("PLOVER-GSR01-SUPPORT-0011", "PLOVER-GSR01-SUPPORT-0012")
    treaty = found["PLOVER-GSR01-SUPPORT-0011"]  # "signed a treaty of friendship"
    assert isinstance(treaty, Agreement)
    assert treaty.stage.value == "signed"
    assert [p.country for p in treaty.parties] == ["LBY", "BGR"]  # type: ignore[union-attr]
    trade = found["PLOVER-GSR01-SUPPORT-0012"]  # "Czechia and China signed an agreement"
    assert isinstance(trade, Agreement)
    assert trade.parties == (Country(code="CZE"), Country(code="CHN"))


def test_unmapped_gold_standard_records_say_why() -> None:
    with read_plover(GSR, errors="collect") as reader:
        list(reader)
    reasons = {reason for (code, reason) in reader.report.unmapped if code == "CONSULT"}
    assert reasons == {"CONSULT: a visit needs a host country"}
    assert ("DOCUMENT", "DOCUMENT: file metadata, not an event") in reader.report.unmapped


OLD_SHAPE = """
{"id": "a", "date": "2016-07-24", "event": "SANCTION", "mode": "NULL",
 "context": "economic, legal", "eventText": "imposed sanctions",
 "source": [{"actorText": "United States", "code": "USA"}],
 "target": [{"actorText": "North Korea", "code": "PRK"}]}
{"id": "b", "date": "2016-07-24", "enddate": "2016-07-26", "event": ["CONSULT"],
 "mode": ["multilateral"], "actor": [{"code": "KOR"}, {"code": "JPN"}, {"code": "USA"}],
 "recipient": "", "eventLoc": {"name": "Geneva", "country code": "CH", "lat": "46.2",
 "lon": "6.15"}}
"""


def test_old_drafts_are_read_tolerantly() -> None:
    with read_plover(io.BytesIO(OLD_SHAPE.encode())) as reader:
        sanction, summit = list(reader)
    assert isinstance(sanction, TradeIssue)
    assert sanction.imposers == (Country(code="USA"),)
    assert sanction.targets == (Country(code="PRK"),)
    assert sanction.extensions["x_plover"] == {
        "event_text": "imposed sanctions", "context": "economic, legal"
    }  # fmt: skip
    assert isinstance(summit, Summit)
    assert str(summit.date) == "2016-07-24/2016-07-26"
    assert len(summit.participants) == 3
    assert summit.host is None
    assert summit.location is not None
    assert summit.location.country == "CHE"
    assert (summit.location.lat, summit.location.lon) == (46.2, 6.15)


def test_plover_2_entities_and_old_names() -> None:
    record = {"id": "c", "date": "2018-06-01", "event": ["DISAPPROVE"],
              "actor": [{"code": "CHN", "sector": "GOV", "entity_text": "Wang Yi",
                         "office": "Foreign Minister"}],
              "recipient": [{"code": "EUR"}], "context": ["territory", "legal"]}  # fmt: skip
    dispute = from_plover(record)
    assert isinstance(dispute, Dispute)
    assert dispute.kind.value == "maritime"
    assert dispute.stage is not None
    assert [party.actor for party in dispute.parties] == [
        Person(name="Wang Yi", office="Foreign Minister", country="CHN"),
        Organization(name="European Union", kind="igo"),
    ]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "x", "event": ["CONSULT"], "actor": [{"code": "KOR"}, {"code": "CHN"}]},
         "$.date: required field missing"),
        ({"id": "x", "date": "1/6/2018", "event": ["CONSULT"],
          "actor": [{"code": "KOR"}, {"code": "CHN"}]}, "$.date: expected a YYYY-MM-DD date"),
        ({"id": "x", "date": "2018-06-01", "actor": [{"code": "KOR"}]},
         "$.event: required field missing"),
        ({"id": "x", "date": "2018-06-01", "event": ["CONSULT"],
          "actor": ["KOR", {"code": "CHN"}]}, "$.actor[0]: expected an entity object"),
    ],
)  # fmt: skip
def test_malformed_records_are_validation_errors(record: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        from_plover(record)
    assert any(str(detail).startswith(message) for detail in caught.value.errors)


def test_bad_records_are_reported_with_their_line_and_the_rest_is_read() -> None:
    data = io.BytesIO(
        b'[\n{"id": "1", "date": "2018-06-01", "event": "CONSULT",\n'
        b' "actor": [{"code": "KOR"}, {"code": "CHN"}]},\n'
        b'{"id": "2", "event": "CONSULT", "actor": [{"code": "KOR"}, {"code": "CHN"}]},\n'
        b'{"id": "3", "date": "2018-06-02", "event": "ASSAULT", "actor": [{"code": "SYR"}]}\n]'
    )
    with read_plover(data, errors="collect") as reader:
        events = list(reader)
    assert [event.id for event in events] == ["1"]
    assert [(bad.line, bad.errors[0].path) for bad in reader.problems] == [(4, "$.date")]
    assert reader.report.is_complete()
    assert reader.report.rows == 3


def test_unmapped_records_raise_unmapped() -> None:
    with pytest.raises(Unmapped) as caught:
        from_plover({"id": "x", "date": "2018-06-01", "event": "ASSAULT", "mode": "aerial",
                     "actor": [{"code": "KOR"}]})  # fmt: skip
    assert (caught.value.code, caught.value.reason) == (
        "ASSAULT",
        "ASSAULT aerial: no diplomev kind",
    )


def test_a_measure_without_a_target_is_not_written_and_says_why() -> None:
    sanction = diplomev.TradeIssue(
        id="t", date="2024-05-01", imposers=[diplomev.Country(code="USA")], measure="sanction"
    )
    report = write_plover([sanction], io.BytesIO())
    assert report.records == 0
    assert list(report.skipped) == [
        "PLOVER's SANCTION needs a recipient, and the record names no target"
    ]
