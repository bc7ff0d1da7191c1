"""The kinds' definitions as rules on records: what `breaks` finds and what `hold` does."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from diplomev import (
    Actor,
    Agreement,
    Country,
    Dispute,
    DisputeParty,
    Location,
    Organization,
    Person,
    Summit,
    TradeIssue,
    Visit,
)
from diplomev.interop.definitions import NOTES, UNFIXABLE, breaks, hold, summit_mode
from diplomev.records import Event
from diplomev.strategies import events

MODI = Person(name="Narendra Modi", office="Prime Minister", country="IND")
XI = Person(name="Xi Jinping", office="President", country="CHN")
G20 = Organization(name="G20", kind="igo")


def _summit(*participants: Actor, **fields: Any) -> Summit:
    return Summit(id="s", date="2024-06-01", participants=participants, **fields)


def _codes(event: Event) -> list[str]:
    return [b.code for b in breaks(event)]


class TestVisits:
    def test_a_visit_to_the_visitors_own_country_breaks_the_definition(self) -> None:
        visit = Visit(id="v", date="2024", visitor=MODI, host="IND")
        assert _codes(visit) == ["domestic_visit"]
        assert hold(visit) == ("a visit crosses a border: the visitor is from the host country IND")

    def test_a_body_of_the_host_country_does_not_visit_it(self) -> None:
        party = Organization(name="Bharatiya Janata Party", kind="party", country="IND")
        assert _codes(Visit(id="v", date="2024", visitor=party, host="IND")) == ["domestic_visit"]

    def test_a_visitor_of_unknown_country_may_visit_anywhere(self) -> None:
        visit = Visit(id="v", date="2024", visitor=Person(name="Someone"), host="IND")
        assert breaks(visit) == ()
        assert hold(visit) is visit

    def test_a_location_outside_the_host_is_left_out_with_a_note(self) -> None:
        visit = Visit(id="v", date="2019-10-24", visitor=Country(code="BRA"), host="CHN",
                      location=Location(name="Tokyo", country="JPN"))  # fmt: skip
        assert _codes(visit) == ["location_outside_host"]
        held = hold(visit)
        assert isinstance(held, Visit)
        assert held.location is None
        assert [n["code"] for n in held.extensions[NOTES]] == ["location_outside_host"]
        assert breaks(held) == ()

    def test_a_location_in_the_host_country_is_kept(self) -> None:
        visit = Visit(id="v", date="2019", visitor=Country(code="BRA"), host="CHN",
                      location=Location(name="Beijing", country="CHN"))  # fmt: skip
        assert hold(visit) is visit


class TestSummits:
    def test_one_countrys_actors_are_not_a_summit(self) -> None:
        summit = _summit(Country(code="IND"), MODI)
        assert _codes(summit) == ["country_beside_leader", "one_country_summit"]
        reason = hold(summit)
        assert isinstance(reason, str)
        assert "all are from IND" in reason

    def test_a_forum_makes_a_summit_of_one_country_a_summit(self) -> None:
        summit = _summit(MODI, Person(name="Rahul Gandhi", country="IND"), forum=G20)
        assert breaks(summit) == ()
        assert hold(summit) is summit

    def test_participants_of_unknown_country_do_not_count_as_two(self) -> None:
        summit = _summit(Person(name="A"), Person(name="B"))
        assert _codes(summit) == ["one_country_summit"]

    def test_a_country_beside_its_own_leader_is_dropped_with_a_note(self) -> None:
        erdogan = Person(name="Recep Tayyip Erdogan", country="TUR")
        maduro = Person(name="Nicolas Maduro", country="VEN")
        summit = _summit(Country(code="TUR"), erdogan, Country(code="VEN"), maduro)
        assert [b.path for b in breaks(summit)] == ["$.participants[0]", "$.participants[2]"]
        held = hold(summit)
        assert isinstance(held, Summit)
        assert held.participants == (erdogan, maduro)
        assert [n["code"] for n in held.extensions[NOTES]] == ["country_beside_leader"] * 2
        assert breaks(held) == ()

    def test_a_country_and_its_own_protesters_are_no_summit(self) -> None:
        protesters = Organization(name="Protester", kind="community", country="HTI")
        assert isinstance(hold(_summit(Country(code="HTI"), protesters)), str)

    def test_notes_are_added_to_the_notes_already_there(self) -> None:
        old = {NOTES: [{"code": "x", "message": "before"}], "x_icews": [1]}
        summit = _summit(Country(code="TUR"), Person(name="E", country="TUR"), XI,
                         extensions=old)  # fmt: skip
        held = hold(summit)
        assert isinstance(held, Summit)
        assert [n["code"] for n in held.extensions[NOTES]] == ["x", "country_beside_leader"]
        assert held.extensions["x_icews"] == (1,)  # extensions are frozen JSON

    def test_a_hosted_summit_located_elsewhere_loses_its_location(self) -> None:
        summit = _summit(MODI, XI, host="CHN", location=Location(name="Delhi", country="IND"))
        held = hold(summit)
        assert isinstance(held, Summit)
        assert held.location is None
        assert held.host == "CHN"


class TestMediaAndCitizens:
    def test_a_leader_and_a_foreign_newspaper_are_no_summit(self) -> None:
        trump = Person(name="Donald Trump", country="USA")
        outlet = Organization(name="Al Jazeera", kind="media", country="QAT")
        assert _codes(_summit(trump, outlet)) == ["one_country_summit"]

    def test_two_countries_citizens_are_no_summit(self) -> None:
        citizens = [
            Organization(name="Citizen", kind="community", country=c) for c in ["SGP", "PRK"]
        ]
        assert _codes(_summit(*citizens)) == ["one_country_summit"]

    def test_an_international_organization_is_a_side_of_its_own(self) -> None:
        # ICEWS 32891185: the European Union and Ukraine at Brussels (040).
        eu = Organization(name="European Union", kind="igo")
        assert breaks(_summit(eu, Country(code="UKR"))) == ()
        assert _codes(_summit(eu, Organization(name="European Union", kind="igo"))) == [
            "one_country_summit"
        ]

    def test_a_leader_and_a_foreign_party_are_a_summit(self) -> None:
        party = Organization(name="Bharatiya Janata Party", kind="party", country="IND")
        assert breaks(_summit(XI, party)) == ()


class TestAgreementsAndDisputes:
    RUS, IND = Country(code="RUS"), Country(code="IND")

    def test_an_agreement_of_one_party_is_none(self) -> None:
        pledge = Agreement(id="a", date="2016-10-13", parties=[self.RUS])
        assert _codes(pledge) == ["one_party_agreement"]
        assert hold(pledge) == "an agreement binds two parties or more: 1 is given"

    def test_a_country_beside_its_own_body_is_dropped_and_then_counted(self) -> None:
        # GDELT 057 "Russia, India sign deal": MOSCOW (Russia) with RUSMED (Russia's media).
        media = Organization(name="Media", kind="media", country="RUS")
        deal = Agreement(id="a", date="2016-10-13", parties=[self.RUS, media])
        assert _codes(deal) == ["country_beside_leader", "one_party_agreement"]
        assert isinstance(hold(deal), str)  # one party left: no agreement
        santos = Person(name="Juan Manuel Santos", country="COL")
        peace = Agreement(id="a", date="2016", parties=[Country(code="COL"), santos, self.IND])
        held = hold(peace)
        assert isinstance(held, Agreement)
        assert held.parties == (santos, self.IND)
        assert [n["code"] for n in held.extensions[NOTES]] == ["country_beside_leader"]

    def test_a_dispute_has_two_sides(self) -> None:
        alone = Dispute(
            id="d", date="2016-10-13", parties=[DisputeParty(actor=Country(code="SYR"))]
        )
        assert _codes(alone) == ["one_sided_dispute"]
        assert hold(alone) == "a dispute has two sides or more: 1 is given"
        pair = Dispute(
            id="d",
            date="2016",
            parties=[DisputeParty(actor=self.RUS), DisputeParty(actor=self.IND)],
        )
        assert hold(pair) is pair


class TestSummitModes:
    PAIR = (Country(code="USA"), Country(code="PRK"))

    def test_two_countries_meeting_in_a_third_are_third_party(self) -> None:
        where = Location(name="Singapore", country="SGP")
        assert summit_mode(_summit(*self.PAIR, location=where)) == "third-party"

    @pytest.mark.parametrize(
        "location", [None, Location(name="Pyongyang", country="PRK"), Location(name="Hanoi")]
    )
    def test_no_third_party_without_a_third_country_shown(self, location: Location | None) -> None:
        assert summit_mode(_summit(*self.PAIR, location=location)) is None

    def test_three_participants_of_two_countries_are_bilateral(self) -> None:
        pompeo = Person(name="Mike Pompeo", country="USA")
        assert summit_mode(_summit(*self.PAIR, pompeo, host="USA")) is None

    def test_a_forum_or_three_countries_are_multilateral(self) -> None:
        assert summit_mode(_summit(*self.PAIR, forum=G20)) == "multilateral"
        assert summit_mode(_summit(*self.PAIR, Country(code="KOR"))) == "multilateral"

    def test_a_call_is_phone(self) -> None:
        assert summit_mode(_summit(*self.PAIR, forum=G20, channel="phone")) == "phone"


@given(events())
def test_what_hold_returns_holds_its_definition(event: Event) -> None:
    held = hold(event)
    if isinstance(held, str):
        assert any(b.code in UNFIXABLE for b in breaks(event))
    else:
        assert breaks(held) == ()
        assert (held is event) == (breaks(event) == ())


class TestTradeMeasures:
    FRA = Country(code="FRA")

    def test_a_measure_is_a_states_or_an_igos(self) -> None:
        # PLOVER-GSR01-THREATEN-0015: French farmers threaten to blockade Paris.
        farmers = Organization(name="French farmers", kind="community", country="FRA")
        blockade = TradeIssue(id="t", date="2000", imposers=[farmers], measure="sanction")
        assert _codes(blockade) == ["non_state_measure"]
        assert hold(blockade) == UNFIXABLE["non_state_measure"].removeprefix(
            "not a trade measure: "
        )

    def test_citizens_may_boycott_and_a_body_of_no_known_country_may_sanction(self) -> None:
        citizens = Organization(name="Citizens", kind="community", country="CHN")
        boycott = TradeIssue(id="t", date="2012", imposers=[citizens], measure="boycott")
        assert breaks(boycott) == ()
        ministry = Organization(name="Ministry of Trade", kind="government")
        assert breaks(TradeIssue(id="t", date="2012", imposers=[ministry], measure="tariff")) == ()
