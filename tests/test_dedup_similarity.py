"""similarity: hard rules before scoring, every part explained and clamped to 0..1."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomev
from diplomev import Country, Location, Person, Source, Summit, TradeIssue, Visit
from diplomev import strategies as ds
from diplomev.dedup import DEFAULT_WEIGHTS, PARTS, RULES, similarity

LEE = Person(name="Lee Jae Myung", office="President", country="KOR")
XI = Person(name="Xi Jinping", office="President", country="CHN")
BEIJING = Location(name="Beijing", country="CHN", kind="city", lat=39.9, lon=116.4)
YONHAP = Source(url="https://en.yna.co.kr/view/AEN20260105", title="Lee meets Xi")


def visit(**changes: object) -> Visit:
    base = Visit(
        id="v1",
        date="2026-01-04/2026-01-07",
        visitor=LEE,
        host="CHN",
        kind="state",
        location=BEIJING,
        summary="Lee Jae Myung begins a state visit to China",
    )
    return attrs.evolve(base, **changes)


def summit(**changes: object) -> Summit:
    base = Summit(
        id="s1",
        date="2026-01-05",
        participants=[LEE, XI],
        host="CHN",
        location=BEIJING,
        summary="Lee and Xi hold talks in Beijing",
        sources=[YONHAP],
    )
    return attrs.evolve(base, **changes)


PAIRS = st.tuples(
    ds.events(countries=["KOR", "CHN", "JPN"]), ds.events(countries=["KOR", "CHN", "JPN"])
)


@settings(max_examples=200, deadline=None)
@given(PAIRS)
def test_similarity_is_symmetric_and_every_part_lies_in_0_1(
    pair: tuple[diplomev.Event, diplomev.Event],
) -> None:
    a, b = pair
    ab, ba = similarity(a, b), similarity(b, a)
    assert ab == ba
    assert 0.0 <= ab.total <= 1.0
    assert set(ab.parts) <= set(PARTS)
    assert all(0.0 <= score <= 1.0 for score in ab.parts.values())
    assert (ab.forbidden is None) or (ab.forbidden in RULES and ab.total == 0.0)


@settings(max_examples=200, deadline=None)
@given(ds.events())
def test_a_record_is_its_own_duplicate_with_a_total_of_1(event: diplomev.Event) -> None:
    found = similarity(event, event)
    assert found.forbidden is None
    assert found.total == 1.0
    assert set(found.parts.values()) == {1.0}


def test_two_reports_of_one_summit_score_high_and_say_why() -> None:
    other = summit(
        id="s2",
        date="2026-01-05~",
        participants=[Person(name="Xi", country="CHN"), Country(code="KOR")],
        summary="Xi hosts Lee at the Great Hall in Beijing",
        location=Location(name="Beijing", country="CHN", lat=39.91, lon=116.39),
    )
    found = similarity(summit(), other)
    assert found.forbidden is None
    assert found.parts["date"] > 0.5  # an approximate day still means the day
    assert found.parts["actors"] == pytest.approx((0.9 + 0.7) / 2)
    assert found.parts["location"] > 0.99  # a kilometre apart
    assert found.parts["sources"] == 1.0
    assert found.total > 0.8


@pytest.mark.parametrize(
    ("other", "rule"),
    [
        (visit(id="c", host="JPN", location=None), "host"),
        (Visit(id="c", date="2026-01-05", host="KOR", visitor=XI), "direction"),
        (visit(id="c", status="planned"), "status"),
        (visit(id="c", status="cancelled"), "status"),
        (visit(id="c", date="2026-01-11/2026-01-14"), "date"),
        (summit(id="c"), "kind"),
        # Two visitors of one host the same days: two visits.
        (visit(id="c", visitor=Person(name="Fumio Kishida", country="JPN"), host="CHN"), "actors"),
        (visit(id="c", visitor=Person(office="President", country="KOR"), host="CHN"), None),
    ],
)
def test_hard_rules_come_before_scoring(other: diplomev.Event, rule: str | None) -> None:
    found = similarity(visit(), other)
    assert found.forbidden == rule
    if rule is not None:
        assert (found.total, dict(found.parts)) == (0.0, {})


def test_the_same_leaders_a_week_apart_are_two_events() -> None:
    assert similarity(summit(), summit(id="s2", date="2026-01-12")).forbidden == "date"


def test_the_same_day_with_a_host_that_is_no_party_is_another_summit() -> None:
    elsewhere = summit(id="s2", host="JPN", location=None)
    assert similarity(summit(), elsewhere).forbidden == "host"
    unknown_host = summit(id="s3", host=None, location=None)
    assert similarity(summit(), unknown_host).forbidden is None


SEOUL = Location(name="Seoul", country="KOR", kind="city", lat=37.57, lon=126.98)


def test_a_summit_placed_in_either_sides_capital_is_no_host_clash() -> None:
    # Each side's press puts the meeting at home (Lavrov and Kim "in Moscow", "in Pyongyang").
    at_home = similarity(summit(), summit(id="s2", host="KOR", location=SEOUL))
    assert at_home.forbidden is None
    assert "host" not in at_home.parts
    assert at_home.parts["location"] == 0.5  # not the 0 of 950 km: no evidence against
    # A visit's host is where the visitor went: still a rule.
    assert similarity(visit(), visit(id="v2", host="KOR", location=SEOUL)).forbidden == "host"


def test_a_statement_placed_in_either_sides_country_keeps_half_the_place() -> None:
    said = diplomev.Statement(
        id="t1", date="2026-01-05", speakers=[Country(code="KOR")],
        addressees=[Country(code="CHN")], location=SEOUL, purpose="proposal",
    )  # fmt: skip
    there = attrs.evolve(said, id="t2", location=BEIJING)
    assert similarity(said, there).parts["location"] == 0.5
    elsewhere = attrs.evolve(said, id="t3", location=Location(name="Tokyo", country="JPN"))
    assert similarity(said, elsewhere).parts["location"] == 0.0


def test_a_minister_and_a_body_of_his_state_at_a_meeting_match_in_part() -> None:
    pompeo = Person(name="Mike Pompeo", country="USA")
    kim = Person(name="Kim Yong-chol", country="PRK")
    cabinet = diplomev.Organization(name="Cabinet", country="USA")
    talks = Summit(id="a", date="2018-06-01", participants=[kim, pompeo], host="USA")
    told = attrs.evolve(talks, id="b", participants=[kim, cabinet])
    found = similarity(talks, told)
    assert found.forbidden is None
    assert found.parts["actors"] == pytest.approx((1 + 0.6 + 1 + 0.6) / 4)
    trump = attrs.evolve(
        talks, id="c", participants=[kim, Person(name="Donald Trump", country="USA")]
    )
    assert similarity(talks, trump).forbidden == "actors"


def test_one_article_syndicated_under_several_sites_is_a_shared_source() -> None:
    slug = "14798288.Scottish_Government_set_to_publish_Bill_on_second_independence_vote"
    yeovil = Location(name="Yeovil", country="GBR", lat=50.94, lon=-2.63)
    clydebank = Location(name="Clydebank", country="GBR", lat=55.90, lon=-4.40)
    a = diplomev.Statement(
        id="a", date="2016-10-13", speakers=[Country(code="GBR")], purpose="position",
        location=yeovil, sources=[Source(url=f"http://www.yeovilexpress.co.uk/news/{slug}/")],
    )  # fmt: skip
    b = attrs.evolve(
        a, id="b", location=clydebank,
        sources=[Source(url=f"http://www.clydebankpost.co.uk/news/national/{slug}")],
    )  # fmt: skip
    found = similarity(a, b)
    assert found.parts["sources"] == 1.0
    assert found.parts["location"] == 0.5  # each paper geocoded it to its own town
    short = attrs.evolve(b, sources=[Source(url="http://www.clydebankpost.co.uk/news/index.html")])
    assert "sources" not in similarity(a, short).parts


def test_a_year_meets_the_days_inside_it_and_not_those_outside() -> None:
    inside = similarity(visit(), visit(id="y", date="2026"))
    assert inside.forbidden is None
    in_month = similarity(visit(), visit(id="m", date="2026-01")).parts["date"]
    # Coarser is weaker evidence, never none: the factor runs from 0.6 to 1.
    assert 0.6 < inside.parts["date"] < in_month < 1.0
    assert similarity(visit(), visit(id="y", date="2025")).forbidden == "date"


def test_an_approximate_day_meets_its_neighbours() -> None:
    exact = summit(date="2026-01-05")
    assert similarity(exact, summit(id="s2", date="2026-01-07~")).forbidden is None
    assert similarity(exact, summit(id="s2", date="2026-01-07")).forbidden == "date"


def test_distance_is_clamped_not_negative() -> None:
    # stix2 scored Paris against Sydney at -476.68.
    paris = Location(name="Paris", country="FRA", lat=48.86, lon=2.35)
    sydney = Location(name="Sydney", country="AUS", lat=-33.87, lon=151.21)
    # Each its own source: one article shared would lift the place part to 0.5.
    found = similarity(
        summit(host=None, location=paris, sources=[Source(url="https://paris.example/1")]),
        summit(id="s2", host=None, location=sydney, sources=[Source(url="https://au.example/1")]),
    )
    assert found.parts["location"] == 0.0
    assert 0.0 <= found.total <= 1.0


def test_what_compares_the_kinds_vocabulary_fields() -> None:
    tariff = TradeIssue(
        id="t1",
        date="2025-04-02",
        imposers=[Country(code="USA")],
        targets=[Country(code="CHN")],
        measure="tariff",
    )
    assert similarity(tariff, attrs.evolve(tariff, id="t2")).parts["what"] == 1.0
    assert (
        similarity(tariff, attrs.evolve(tariff, id="t2", measure="export_control")).parts["what"]
        == 0.0
    )
    # A visit's kind left at its default says nothing: the part drops out.
    assert "what" not in similarity(visit(), visit(id="v2", kind="unspecified")).parts


def test_weights_are_the_callers_for_one_call_and_defaults_stay_read_only() -> None:
    a, b = summit(), summit(id="s2", summary="A completely different wording", sources=())
    plain = similarity(a, b).total
    text_only = similarity(a, b, weights={"date": 0, "actors": 0, "host": 0, "location": 0})
    assert text_only.total == pytest.approx(b_text := similarity(a, b).parts["text"])
    assert text_only.total == b_text
    assert similarity(a, b, weights={"summit": {"text": 0}}).total > plain
    assert similarity(a, b, weights={"visit": {"text": 0}}).total == plain
    assert similarity(a, b).total == plain  # nothing was kept between calls
    with pytest.raises(TypeError):
        DEFAULT_WEIGHTS["summit"]["text"] = 0  # type: ignore[index]
    with pytest.raises(ValueError, match="unknown similarity part"):
        similarity(a, b, weights={"colour": 1.0})
    with pytest.raises(ValueError, match="finite number"):
        similarity(a, b, weights={"text": -1.0})
