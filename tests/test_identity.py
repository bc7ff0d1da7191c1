"""make_id: deterministic, readable ids, equal for two reports of the same event."""

from __future__ import annotations

import enum
import json
import re
import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    identity,
    make_id,
)
from diplomev.strategies import countries, events, extensions, sources

from .conftest import GOLDEN

EVENTS = [diplomev.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DIGEST = re.compile(r"[0-9a-f]{6}")


def _words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return [word for word in re.split(r"[^a-z0-9]+", ascii_text.lower()) if word]


def _vocabulary(event: diplomev.Event) -> set[str]:
    """Every whole word of every text in the record, and the words make_id adds."""
    found = {"to", "in", "on", "planned", "etc"}

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(_words(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(diplomev.to_dict(event))
    # Vocabularies at their default are not written, but an id may name them (a statement's
    # purpose, an agreement's instrument).
    for field in attrs.fields(type(event)):
        value = getattr(event, field.name)
        if isinstance(value, enum.Enum):
            walk(value.value)
    return found


def assert_whole_words(made: str, event: diplomev.Event) -> None:
    vocabulary = _vocabulary(event)
    cut = [w for w in made.split("-") if w not in vocabulary and not DIGEST.fullmatch(w)]
    assert not cut, f"{made!r} has words that are not the record's: {cut}"


# --- the seed article ---------------------------------------------------------------------


def test_ids_of_the_seed_article() -> None:
    assert [make_id(event) for event in EVENTS] == [
        "visit-2026-01-04-kor-to-chn",
        "summit-2026-01-05-chn-kor-in-chn",
        "summit-2025-11-chn-kor",
        "visit-2019-kor-to-chn",
        "dispute-2026-01-chn-jpn-taiwan",
        "dispute-2026-01-chn-kor-maritime-construction-in-disputed-waters",
        "trade-issue-2016-chn-on-kor-informal-restriction",
        "dispute-2016-chn-kor-usa-deployment-of-a-u-s-anti-missile-system-in-south-korea",
        "visit-planned-2026-01-kor-to-jpn",
    ]


def test_ids_are_unique_within_the_article() -> None:
    ids = [make_id(event) for event in EVENTS]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("event", EVENTS, ids=[event.id for event in EVENTS])
def test_ids_of_the_article_are_short_and_keep_whole_words(event: diplomev.Event) -> None:
    made = make_id(event)
    assert len(made) < 80
    assert ID.fullmatch(made)
    assert_whole_words(made, event)
    if isinstance(event, Dispute) and event.subject:
        assert made.endswith("-" + "-".join(_words(event.subject)))  # the whole subject


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
    assert make_id(issue) == "trade-issue-2019-05-usa-on-huawei-technologies-export-control"


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
        summit(LEE, XI, host="CHN"), summit(LEE, XI, host="KOR"), id="summit-host-chn-vs-kor"
    ),
    pytest.param(
        summit(LEE, XI, host="CHN"), summit(LEE, XI), id="summit-host-known-vs-not-reported"
    ),
    pytest.param(
        summit(LEE, XI, date="2026-01-05"),
        summit(LEE, XI, date="2026-01"),
        id="summit-day-vs-month",
    ),
    pytest.param(visit(LEE, "CHN"), visit(XI, "KOR"), id="visit-opposite-direction"),
    pytest.param(
        visit(LEE, "JPN", status="planned"),
        visit(LEE, "JPN", status="occurred"),
        id="visit-planned-vs-occurred",
    ),
    pytest.param(
        summit(LEE, XI, status="planned"), summit(LEE, XI), id="summit-planned-vs-occurred"
    ),
    pytest.param(
        trade("USA", "CHN", "tariff"), trade("USA", "CHN", "quota"), id="trade-another-measure"
    ),
    pytest.param(
        trade("USA", "CHN", "tariff"),
        trade("CHN", "USA", "tariff"),
        id="trade-retaliation-on-the-same-day",
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


def test_the_coast_guard_disputes_read_well() -> None:
    assert [make_id(dispute(CCG, other)) for other in (PCG, JCG, VCG)] == [
        "dispute-2023-08-05-chn-china-coast-guard-phl-philippine-coast-guard-water",  # 79 at most
        "dispute-2023-08-05-chn-china-coast-guard-jpn-japan-coast-guard-water-cannon",
        "dispute-2023-08-05-chn-china-coast-guard-vnm-vietnam-coast-guard-water-cannon",
    ]


# --- too long to show whole ---------------------------------------------------------------


def test_a_long_subject_loses_whole_trailing_words() -> None:
    subject = "water cannon use against a resupply mission to the shoal"
    long = dispute(CCG, Country(code="PHL"), subject=subject)
    made = make_id(long)
    # "use-against" fits too, but a dangling preposition says no more than "use".
    assert made == "dispute-2023-08-05-chn-china-coast-guard-phl-water-cannon-use"
    assert_whole_words(made, long)


def test_too_many_actors_keep_the_first_keys_and_a_digest() -> None:
    codes = "ARG AUS BRA CAN CHN DEU FRA GBR IDN IND ITA JPN KOR MEX RUS SAU TUR USA ZAF"
    g20 = summit(*(Country(code=code) for code in codes.split()), host="ZAF")
    without_usa = summit(*(c for c in g20.participants if c != Country(code="USA")), host="ZAF")
    made = make_id(g20)
    assert re.fullmatch(r"summit-2026-01-05-arg-aus-(\w+-)+etc-[0-9a-f]{6}-in-zaf", made)
    assert len(made) < 80
    assert make_id(without_usa) != made


def test_a_visitor_too_long_to_show_keeps_its_first_words() -> None:
    body = Organization(name="Joint Delegation of the " + "Committee on Trade " * 8, country="KOR")
    made = make_id(visit(body, "CHN"))
    assert re.fullmatch(
        r"visit-2026-01-04-kor-joint-delegation-(\w+-)+etc-[0-9a-f]{6}-to-chn", made
    )
    assert len(made) < 80


def test_a_kind_whose_name_alone_is_too_long_still_fits() -> None:
    # No registered kind is needed: a name this long would have to be registered globally.
    made = identity._fit(["word"] * 30, ["kor"], [], [])
    assert len(made) <= identity.MAX_LENGTH
    assert set(made.split("-")[:-1]) == {"word"}
    assert DIGEST.fullmatch(made.split("-")[-1])


# --- generated records --------------------------------------------------------------------


@given(events())
def test_generated_ids_are_short_plain_and_deterministic(event: diplomev.Event) -> None:
    made = make_id(event)
    assert len(made) < 80
    assert ID.fullmatch(made), made
    assert make_id(event) == made
    assert make_id(diplomev.loads(diplomev.dumps(event))) == made
    assert_whole_words(made, event)


_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,30}", fullmatch=True)


@given(events(), st.data())
def test_what_varies_between_reports_keeps_the_id(
    event: diplomev.Event, data: st.DataObject
) -> None:
    other = attrs.evolve(
        event,
        id=data.draw(_IDS),
        summary=data.draw(st.none() | st.text(min_size=1, max_size=40).filter(str.strip)),
        sources=tuple(data.draw(st.lists(sources(), max_size=2))),
        extensions=data.draw(extensions()),
    )
    assert make_id(other) == make_id(event)


def _reworded(actor: diplomev.Actor) -> diplomev.Actor:
    """The same actor as another article names it: a person of a country by office only."""
    if isinstance(actor, Person) and actor.country is not None:
        return Person(office="Official", country=actor.country)
    return actor


@given(events())
def test_rewording_persons_and_dropping_qualifiers_keeps_the_id(event: diplomev.Event) -> None:
    changes: dict[str, Any] = {
        "date": diplomev.parse_edtf(re.sub(r"[?~%]", "", str(event.date))),
    }
    if isinstance(event, Summit):
        changes["participants"] = tuple(_reworded(a) for a in event.participants)
    elif isinstance(event, Visit):
        changes["visitor"] = _reworded(event.visitor)
    elif isinstance(event, Dispute):
        changes["parties"] = tuple(
            attrs.evolve(party, actor=_reworded(party.actor)) for party in event.parties
        )
    elif isinstance(event, TradeIssue):
        changes["imposers"] = tuple(_reworded(a) for a in event.imposers)
        changes["targets"] = tuple(_reworded(a) for a in event.targets)
    assert make_id(attrs.evolve(event, **changes)) == make_id(event)


_MANY_COUNTRIES = st.lists(countries(), min_size=2, max_size=40, unique=True)


@given(_MANY_COUNTRIES, _MANY_COUNTRIES)
def test_summits_of_many_countries_fit_and_stay_apart(
    some: list[Country], others: list[Country]
) -> None:
    one, other = summit(*some, host="CHN"), summit(*others, host="CHN")
    assert len(make_id(one)) < 80
    assert_whole_words(make_id(one), one)
    assert (make_id(one) == make_id(other)) == (set(some) == set(others))


_LONG_NAMES = st.text("abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=150).filter(str.strip)


@given(st.lists(_LONG_NAMES, min_size=1, max_size=6), _LONG_NAMES)
def test_long_names_and_subjects_fit_in_whole_words(names: list[str], subject: str) -> None:
    event = dispute(*(Organization(name=name, country="KOR") for name in names), subject=subject)
    made = make_id(event)
    assert len(made) < 80
    assert ID.fullmatch(made), made
    assert_whole_words(made, event)


# --- the kinds beyond the first four ------------------------------------------------------

KOR, CHN, IND, CAN = (Country(code=code) for code in ("KOR", "CHN", "IND", "CAN"))
COUNCIL = diplomev.Organization(name="UN Security Council", kind="igo")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            diplomev.Agreement(id="a", date="2026-01-05", parties=[KOR, CHN], title="MOU on trade"),
            diplomev.Agreement(
                id="b", date="2026-01-05", parties=[KOR, CHN], title="MOU on culture"
            ),
            id="agreements of the same parties and day, by title",
        ),
        pytest.param(
            diplomev.Agreement(id="a", date="2026-01-05", parties=[KOR, CHN], instrument="treaty"),
            diplomev.Agreement(
                id="b", date="2026-01-05", parties=[KOR, CHN], instrument="memorandum"
            ),
            id="untitled agreements, by instrument",
        ),
        pytest.param(
            diplomev.Statement(
                id="a",
                date="2024-06-05",
                speakers=[CHN],
                addressees=[IND],
                purpose="congratulation",
            ),
            diplomev.Statement(
                id="b",
                date="2024-06-05",
                speakers=[CHN],
                addressees=[KOR],
                purpose="congratulation",
            ),
            id="the same message to another addressee",
        ),
        pytest.param(
            diplomev.Statement(id="a", date="2024-06-05", speakers=[CHN], purpose="warning"),
            diplomev.Statement(id="b", date="2024-06-05", speakers=[CHN], purpose="denial"),
            id="statements of one speaker, by purpose",
        ),
        pytest.param(
            diplomev.DiplomaticAction(
                id="a", date="2023-10-19", actor=CAN, target=IND, action="expel_diplomats"
            ),
            diplomev.DiplomaticAction(
                id="b", date="2023-10-19", actor=IND, target=CAN, action="expel_diplomats"
            ),
            id="an expulsion and the retaliation for it",
        ),
        pytest.param(
            diplomev.Vote(
                id="a", date="2011-03-17", body=COUNCIL, motion="Resolution 1973", result="adopted"
            ),
            diplomev.Vote(
                id="b", date="2011-03-17", body=COUNCIL, motion="Resolution 1972", result="adopted"
            ),
            id="two resolutions the same day",
        ),
    ],
)
def test_the_new_kinds_tell_near_misses_apart(a: diplomev.Event, b: diplomev.Event) -> None:
    assert make_id(a) != make_id(b)
    assert len(make_id(a)) <= 79


def test_the_new_kinds_give_one_id_to_two_reports() -> None:
    xi_by_name = Person(name="Xi Jinping", country="CHN")
    xi_by_office = Person(office="President", country="CHN")
    modi = Person(name="Narendra Modi", office="Prime Minister", country="IND")
    one = diplomev.Statement(
        id="a",
        date="2024-06-05",
        speakers=[xi_by_name],
        addressees=[modi],
        purpose="congratulation",
        summary="Xi congratulates Modi",
    )
    other = diplomev.Statement(
        id="b",
        date="2024-06-05~",
        speakers=[xi_by_office],
        addressees=[IND],
        purpose="congratulation",
        channel="message",
    )
    assert make_id(one) == make_id(other) == "statement-2024-06-05-chn-to-ind-congratulation"
    vote = diplomev.Vote(
        id="v",
        date="2011-03-17",
        body=COUNCIL,
        motion="Resolution 1973",
        result="adopted",
        tally=diplomev.Tally(yes=10, no=0, abstain=5),
    )
    assert make_id(attrs.evolve(vote, tally=None)) == make_id(vote)
