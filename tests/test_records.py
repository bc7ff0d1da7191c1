"""Records: construction, validation on construction and on evolve, immutability, custom kinds."""

from __future__ import annotations

import datetime
import pickle

import attrs
import pytest
from hypothesis import given, settings

import diplomev
from diplomev import (
    Country,
    Dispute,
    DisputeParty,
    Event,
    EventDate,
    Link,
    LinkRel,
    Location,
    Meeting,
    Organization,
    OrganizationKind,
    Person,
    Quote,
    Source,
    Status,
    Summit,
    TradeIssue,
    TradeMeasure,
    ValidationError,
    Visit,
    VisitKind,
    parse_date,
)
from diplomev.strategies import events

LEE = Person(name="Lee Jae Myung", office="President", country="KOR")
XI = Person(name="Xi Jinping", office="President", country="CHN")
DAY = parse_date("2026-01-05")


def summit(**changes: object) -> Summit:
    fields: dict[str, object] = {"id": "s", "date": DAY, "participants": (LEE, XI)}
    fields.update(changes)
    return Summit(**fields)  # type: ignore[arg-type]


def paths(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [detail.path for detail in excinfo.value.errors]


class TestDefaults:
    def test_event_defaults_follow_the_design(self) -> None:
        s = summit()
        assert s.status is Status.OCCURRED
        assert (s.location, s.summary, s.host, s.forum) == (None, None, None, None)
        assert s.topics == s.links == s.sources == s.outcomes == ()
        assert dict(s.extensions) == {}

    def test_kind_defaults(self) -> None:
        visit = Visit(id="v", date=DAY, visitor=LEE, host="CHN")
        assert visit.kind is VisitKind.UNSPECIFIED
        dispute = Dispute(id="d", date=DAY, parties=(DisputeParty(actor=LEE),))
        assert dispute.kind is diplomev.DisputeKind.OTHER
        assert Organization(name="NPC").kind is OrganizationKind.OTHER
        assert Meeting(counterparts=(XI,)).kind is diplomev.MeetingKind.MEETING

    def test_fields_are_keyword_only(self) -> None:
        with pytest.raises(TypeError):
            Country("KOR")  # type: ignore[misc]


class TestImmutability:
    def test_records_are_frozen(self) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            summit().id = "other"  # type: ignore[misc]

    def test_records_are_slotted(self) -> None:
        assert not hasattr(summit(), "__dict__")

    def test_records_with_extensions_are_hashable(self) -> None:
        a = summit(extensions={"x_tags": ["a", {"b": [1, 2.5]}]})
        b = summit(extensions={"x_tags": ["a", {"b": [1, 2.5]}]})
        assert a == b
        assert hash(a) == hash(b)
        assert len({a, b, summit()}) == 2

    def test_extension_values_cannot_be_changed_through_the_record(self) -> None:
        source = {"x_tags": ["a"]}
        record = summit(extensions=source)
        source["x_tags"].append("b")
        assert record.extensions["x_tags"] == ("a",)
        with pytest.raises(TypeError):
            record.extensions["x_tags"] = ()  # type: ignore[index]

    def test_records_pickle(self) -> None:
        record = summit(extensions={"x_a": 1})
        assert pickle.loads(pickle.dumps(record)) == record


class TestFriendlyConstruction:
    """Python callers may pass what the wire form holds; the record normalizes it."""

    def test_lists_become_tuples(self) -> None:
        s = summit(participants=[LEE, XI], topics=["security"])
        assert s.participants == (LEE, XI)
        assert s.topics == ("security",)

    def test_enum_values_become_members(self) -> None:
        s = summit(status="planned")
        assert s.status is Status.PLANNED

    def test_edtf_text_becomes_an_event_date(self) -> None:
        assert summit(date="2026-01-04/2026-01-06").date == EventDate.interval(
            EventDate.day(2026, 1, 4), EventDate.day(2026, 1, 6)
        )

    def test_iso_day_text_becomes_a_date(self) -> None:
        assert Source(title="t", published="2026-01-05").published == datetime.date(2026, 1, 5)

    def test_integers_become_floats(self) -> None:
        location = Location(name="Beijing", lat=40, lon=116)
        assert (location.lat, location.lon) == (40.0, 116.0)
        assert type(location.lat) is float


class TestValidation:
    def test_every_problem_is_reported_with_its_path(self) -> None:
        with pytest.raises(ValidationError) as excinfo:
            Summit(
                id="",
                date="2026-02-30",
                status="done",
                participants=(LEE,),
                host="kor",
                topics=("ok", 3),
            )  # type: ignore[arg-type]
        assert paths(excinfo) == [
            "$.id",
            "$.date",
            "$.status",
            "$.topics[1]",
            "$.participants",
            "$.host",
        ]
        messages = [d.message for d in excinfo.value.errors]
        assert "must not be blank" in messages[0]
        assert "needs at least 2 items, got 1" in messages[4]
        assert messages[5] == "unknown country code 'kor' (codes are upper case: 'KOR')"

    def test_evolve_validates_again(self) -> None:
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(summit(), participants=(LEE,))
        assert paths(excinfo) == ["$.participants"]

    def test_scalars_are_strict(self) -> None:
        with pytest.raises(ValidationError) as excinfo:
            Quote(text="abc", start=True, end=3.0)  # type: ignore[arg-type]
        assert paths(excinfo) == ["$.start", "$.end"]
        with pytest.raises(ValidationError) as excinfo:
            TradeIssue(
                id="t",
                date=DAY,
                imposers=(XI,),
                targets=(LEE,),
                measure=TradeMeasure.TARIFF,
                official="yes",
                rate_percent="80.5",
            )  # type: ignore[arg-type]
        assert paths(excinfo) == ["$.official", "$.rate_percent"]

    def test_numbers_must_be_finite_and_in_range(self) -> None:
        with pytest.raises(ValidationError) as excinfo:
            Location(name="x", lat=float("nan"), lon=181.0)
        assert paths(excinfo) == ["$.lat", "$.lon"]

    def test_actor_fields_take_only_actors(self) -> None:
        with pytest.raises(ValidationError) as excinfo:
            Visit(id="v", date=DAY, visitor="KOR", host="CHN")  # type: ignore[arg-type]
        assert paths(excinfo) == ["$.visitor"]
        assert "expected one of Country, Person, Organization, got str" in str(excinfo.value)

    @pytest.mark.parametrize(
        ("build", "path", "message"),
        [
            (lambda: Person(country="KOR"), "$", "a person needs a name or an office"),
            (lambda: Source(publisher="Yonhap"), "$", "a source needs a url or a title"),
            (lambda: Location(kind="sea"), "$", "a location needs a name"),
            (lambda: Location(name="x", lat=1.0), "$", "lat and lon come together"),
            (lambda: Quote(text="abc", start=1), "$", "start and end come together"),
            (lambda: Quote(text="abc", start=1, end=3), "$.end", "holds 2 characters"),
            (lambda: Quote(text="abc", start=-3, end=0), "$.start", "at least 0"),
            (lambda: Meeting(counterparts=()), "$.counterparts", "at least 1 item"),
            (lambda: Link(rel="sibling", target="x"), "$.rel", "expected one of"),
            (lambda: Country(code="XXX"), "$.code", "unknown country code 'XXX'"),
            (lambda: Organization(name="   "), "$.name", "must not be blank"),
        ],
    )
    def test_invariants(self, build: object, path: str, message: str) -> None:
        with pytest.raises(ValidationError) as excinfo:
            build()  # type: ignore[operator]
        assert paths(excinfo) == [path]
        assert message in excinfo.value.errors[0].message

    def test_invariants_real_reports_break_are_not_enforced(self) -> None:
        # A president visiting islands his own country holds but another claims is a visit.
        visit = Visit(id="v", date=DAY, visitor=LEE, host="KOR")
        assert visit.host == "KOR"
        # A sanction can target a person.
        sanction = TradeIssue(
            id="t", date=DAY, imposers=(Country(code="USA"),), targets=(XI,), measure="sanction"
        )
        assert sanction.targets == (XI,)
        # A summit may be held at a third-country venue.
        assert summit(host=None, location=Location(name="Geneva", country="CHE")).host is None

    def test_extension_keys_must_start_with_x(self) -> None:
        with pytest.raises(ValidationError) as excinfo:
            summit(extensions={"x_ok": 1, "coder": "me", "x_": 2, "x_bad": float("inf")})
        assert paths(excinfo) == ["$.extensions", "$.extensions", "$.extensions.x_bad"]

    def test_event_itself_is_abstract(self) -> None:
        with pytest.raises(TypeError, match="common base"):
            Event(id="e", date=DAY)

    def test_validation_error_is_a_value_error(self) -> None:
        with pytest.raises(ValueError, match="a person needs a name or an office"):
            Person()


class TestActors:
    def test_country_name_is_derived(self) -> None:
        assert Country(code="KOR").name == "South Korea"
        assert Country(code="XKX").name == "Kosovo"

    def test_link_rel(self) -> None:
        assert Link(rel=LinkRel.CAUSED_BY, target="x", note="believed").rel is LinkRel.CAUSED_BY


@attrs.frozen(kw_only=True)
class Agreement(Event):
    signatories: tuple[diplomev.Actor, ...] = attrs.field(metadata=diplomev.limits(min_items=2))
    title: str | None = None


class TestCustomKinds:
    def test_registration_makes_a_kind_readable_and_writable(self) -> None:
        diplomev.register_event_type("test_agreement")(Agreement)
        record = Agreement(
            id="a", date=DAY, signatories=(Country(code="KOR"), Country(code="JPN")), title="GSOMIA"
        )
        data = diplomev.to_dict(record)
        assert data["type"] == "test_agreement"
        assert diplomev.from_dict(data) == record
        assert diplomev.loads(diplomev.dumps(record)) == record

    def test_custom_kinds_validate_their_own_fields(self) -> None:
        with pytest.raises(ValidationError) as excinfo:
            Agreement(id="a", date=DAY, signatories=(Country(code="KOR"),), title=5)  # type: ignore[arg-type]
        assert paths(excinfo) == ["$.signatories", "$.title"]

    def test_a_name_cannot_be_taken_twice(self) -> None:
        @attrs.frozen(kw_only=True)
        class Other(Event):
            pass

        with pytest.raises(ValueError, match="taken"):
            diplomev.register_event_type("summit")(Other)

    @pytest.mark.parametrize("name", ["Summit", "my-kind", "", "class", "9lives"])
    def test_type_names_are_lowercase_words(self, name: str) -> None:
        with pytest.raises(ValueError, match="lowercase"):
            diplomev.register_event_type(name)(Agreement)

    def test_wire_keys_are_reserved(self) -> None:
        @attrs.frozen(kw_only=True)
        class Clash(Event):
            x_note: str | None = None

        with pytest.raises(ValueError, match="reserved"):
            diplomev.register_event_type("clash")(Clash)

    def test_only_attrs_subclasses_of_event(self) -> None:
        with pytest.raises(TypeError):
            diplomev.register_event_type("plain")(dict)  # type: ignore[type-var]

        @attrs.frozen(kw_only=True)
        class Undecorated(Summit):
            pass

        class Subclass(Undecorated):  # not decorated: has no attrs fields of its own
            pass

        with pytest.raises(TypeError, match="decorate"):
            diplomev.register_event_type("undecorated")(Subclass)

    def test_unsupported_field_types_are_refused_when_used(self) -> None:
        @attrs.frozen(kw_only=True)
        class Listy(Event):
            names: list[str] = attrs.Factory(list)

        with pytest.raises(TypeError, match="cannot hold fields of type"):
            Listy(id="l", date=DAY)


def test_repr_is_readable() -> None:
    text = repr(Country(code="KOR"))
    assert text == "Country(code='KOR')"
    assert "extensions={}" in repr(summit())


class TestQuoteFind:
    ARTICLE = (
        "Lee said the visit \u201copens a new chapter\u201d.\nChina's  ministry   welcomed it."
    )

    def test_finds_the_words_and_their_offsets(self) -> None:
        quote = Quote.find(self.ARTICLE, "opens a new chapter", speaker=LEE)
        assert self.ARTICLE[quote.start : quote.end] == quote.text == "opens a new chapter"  # type: ignore[misc]
        assert quote.speaker == LEE

    def test_quotation_marks_and_white_space_may_differ_and_the_article_wins(self) -> None:
        quote = Quote.find(self.ARTICLE, '"opens a new chapter"')
        assert quote.text == "\u201copens a new chapter\u201d"
        quote = Quote.find(self.ARTICLE, "China\u2019s ministry welcomed")
        assert quote.text == "China's  ministry   welcomed"
        assert self.ARTICLE[quote.start : quote.end] == quote.text  # type: ignore[misc]

    def test_after_skips_earlier_occurrences(self) -> None:
        article = "talks, then more talks"
        assert Quote.find(article, "talks").start == 0
        assert Quote.find(article, "talks", after=1).start == 17

    def test_words_not_in_the_article_are_a_validation_error(self) -> None:
        with pytest.raises(ValidationError) as excinfo:
            Quote.find(self.ARTICLE, "closes the book")
        assert excinfo.value.codes == ("span",)


@settings(max_examples=200)
@given(events())
def test_every_record_pickles_on_every_protocol(event: diplomev.Event) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(event, protocol=protocol))
        assert copy == event
        assert type(copy) is type(event)
        assert diplomev.dumps(copy) == diplomev.dumps(event)
