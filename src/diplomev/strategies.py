"""Hypothesis strategies for every public diplomev record type.

This module needs `hypothesis <https://hypothesis.readthedocs.io>`_, which diplomev does
not install by default. Each strategy draws valid records (they never raise
`diplomev.ValidationError`) whose values look like what a coder reads in the news: real
country codes, leaders with offices, capitals with their coordinates, EDTF dates that never
end before they start, quotes whose offsets match their text. Collections stay small and
every choice comes from a short list, so a failing example shrinks to something readable,
such as a summit of China and South Korea.

>>> import diplomev
>>> from hypothesis import given, settings
>>> @settings(max_examples=20, derandomize=True)
... @given(events())
... def test_events_survive_json(event):
...     assert diplomev.loads(diplomev.dumps(event)) == event
>>> test_events_survive_json()

`events` draws every built-in kind and narrows on request: to some kinds (a kind registered
with `diplomev.register_event_type` works too, its own fields drawn from their
annotations), to dates from a strategy of your own, to a list of country codes.

`invalid_records` draws the other side: wire dicts of valid events with targeted
corruptions, each labelled with the JSON path an error must name, for testing how a tool
handles what diplomev refuses.

Installing diplomev also registers these strategies with hypothesis (through its
``hypothesis`` entry point), so ``st.from_type(diplomev.Visit)``, or `st.builds` of a class
with diplomev fields, works without importing this module.
"""

from __future__ import annotations

import copy
import datetime
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from diplomev._json import MAX_DEPTH as MAX_JSON_DEPTH
from diplomev.actors import Actor, Country, CountryCode, Organization, OrganizationKind, Person
from diplomev.codec import to_dict
from diplomev.countries import country_codes as _known_codes
from diplomev.countries import country_name, is_country_code
from diplomev.dates import Bound, EventDate, PartialDate
from diplomev.errors import ValidationError
from diplomev.model import plan_for
from diplomev.model.shapes import (
    Alpha3,
    Bool,
    Choice,
    Currency,
    Date,
    Day,
    ExtensionMap,
    Float,
    Int,
    Items,
    OneOf,
    Optional,
    Record,
    Shape,
    Str,
)
from diplomev.places import Location, LocationKind
from diplomev.records import (
    Dispute,
    DisputeKind,
    DisputeParty,
    DisputeStage,
    Event,
    Link,
    LinkRel,
    Meeting,
    MeetingKind,
    Status,
    Summit,
    TradeIssue,
    TradeMeasure,
    TradeStage,
    Visit,
    VisitKind,
    event_type_name,
)
from diplomev.sources import Quote, Source

__all__ = [
    "Corruption",
    "InvalidRecord",
    "actors",
    "countries",
    "country_codes",
    "dispute_parties",
    "disputes",
    "event_dates",
    "events",
    "extensions",
    "invalid_records",
    "links",
    "locations",
    "meetings",
    "organizations",
    "partial_dates",
    "persons",
    "quotes",
    "sources",
    "summits",
    "trade_issues",
    "visits",
]

T = TypeVar("T")
SearchStrategy = st.SearchStrategy

# --- vocabulary -----------------------------------------------------------------------------
# Short lists, so that values read like reports and shrink to the first entry.

# Countries that news about diplomacy names most; drawn half the time, and what codes
# shrink to. Every other known code is drawn the other half.
_COMMON_CODES = (
    "CHN", "KOR", "USA", "JPN", "PRK", "RUS", "GBR", "FRA", "DEU", "IND", "TWN", "UKR",
    "VNM", "PHL", "AUS", "CAN", "BRA", "ZAF", "TUR", "IRN", "ISR", "SAU", "EGY",
)  # fmt: skip

_GIVEN_NAMES = (
    "Jae-myung", "Jinping", "Qiang", "Leji", "Seung-chan", "Min-jun", "Shigeru", "Yuki",
    "Joe", "Mary", "Emmanuel", "Olaf", "Narendra", "Vladimir", "Olga", "Lucía", "Thanh",
    "Priya", "Chinedu", "Layla", "Recep", "Seán", "Zoë",
)  # fmt: skip
_FAMILY_NAMES = (
    "Lee", "Xi", "Li", "Zhao", "Park", "Kim", "Ishiba", "Tanaka", "Biden", "Smith",
    "Macron", "Scholz", "Modi", "Putin", "Ivanova", "García", "Nguyen", "Sharma", "Okafor",
    "Haddad", "Erdoğan", "O\u2019Brien", "Müller",
)  # fmt: skip
# Names written in their own script, as some sources print them.
_NATIVE_NAMES = ("李在明", "习近平", "石破茂", "Владимир Путин")

_OFFICES = (
    "President", "Prime Minister", "Foreign Minister", "Premier", "Chancellor",
    "Vice President", "Defense Minister", "Trade Minister", "Secretary of State",
    "Ambassador", "King", "Speaker of the National Assembly",
    "Chairman of the National People's Congress", "Secretary-General", "Spokesperson",
    "Chief of Staff", "Professor",
)  # fmt: skip

# Bodies every country has: named generically, so any country code fits them.
_NATIONAL_BODIES = (
    ("Ministry of Foreign Affairs", OrganizationKind.GOVERNMENT),
    ("Ministry of Commerce", OrganizationKind.GOVERNMENT),
    ("National Assembly", OrganizationKind.LEGISLATURE),
    ("Armed Forces", OrganizationKind.MILITARY),
    ("Coast Guard", OrganizationKind.MILITARY),
    ("Ruling Party", OrganizationKind.PARTY),
    ("Constitutional Court", OrganizationKind.COURT),
    ("National University", OrganizationKind.UNIVERSITY),
    ("State Broadcaster", OrganizationKind.MEDIA),
    ("Steel Corporation", OrganizationKind.COMPANY),
    ("Chamber of Commerce", OrganizationKind.OTHER),
    ("Residents' Association", OrganizationKind.COMMUNITY),
)
# International bodies, which have no country.
_INTERNATIONAL_BODIES = (
    ("United Nations", OrganizationKind.IGO),
    ("G20", OrganizationKind.IGO),
    ("APEC", OrganizationKind.IGO),
    ("ASEAN", OrganizationKind.IGO),
    ("European Union", OrganizationKind.IGO),
    ("World Trade Organization", OrganizationKind.IGO),
    ("International Court of Justice", OrganizationKind.COURT),
    ("Permanent Court of Arbitration", OrganizationKind.COURT),
    ("International Committee of the Red Cross", OrganizationKind.NGO),
    ("Amnesty International", OrganizationKind.NGO),
)
_FORUMS = ("G20", "APEC", "ASEAN", "G7", "BRICS", "Shanghai Cooperation Organisation")

# (name, country or None where it is disputed or international, kind, lat, lon)
_PLACE_ROWS: tuple[tuple[str, str | None, LocationKind, float, float], ...] = (
    ("Beijing", "CHN", LocationKind.CITY, 39.9042, 116.4074),
    ("Seoul", "KOR", LocationKind.CITY, 37.5665, 126.978),
    ("Tokyo", "JPN", LocationKind.CITY, 35.6762, 139.6503),
    ("Washington", "USA", LocationKind.CITY, 38.9072, -77.0369),
    ("Moscow", "RUS", LocationKind.CITY, 55.7558, 37.6173),
    ("Pyongyang", "PRK", LocationKind.CITY, 39.0392, 125.7625),
    ("New Delhi", "IND", LocationKind.CITY, 28.6139, 77.209),
    ("Kyiv", "UKR", LocationKind.CITY, 50.4501, 30.5234),
    ("Brussels", "BEL", LocationKind.CITY, 50.8503, 4.3517),
    ("Geneva", "CHE", LocationKind.CITY, 46.2044, 6.1432),
    ("São Paulo", "BRA", LocationKind.CITY, -23.5505, -46.6333),
    ("Canberra", "AUS", LocationKind.CITY, -35.2809, 149.13),
    ("Singapore", "SGP", LocationKind.CITY, 1.3521, 103.8198),
    ("Gyeongju", "KOR", LocationKind.CITY, 35.8562, 129.2247),
    ("Hokkaido", "JPN", LocationKind.REGION, 43.2203, 142.8635),
    ("Camp David", "USA", LocationKind.SITE, 39.6483, -77.465),
    ("Panmunjom", None, LocationKind.SITE, 37.9558, 126.6772),
    ("Yellow Sea", None, LocationKind.SEA, 35.0, 123.0),
    ("South China Sea", None, LocationKind.SEA, 12.0, 113.0),
    ("Taiwan Strait", None, LocationKind.SEA, 24.0, 119.5),
    ("Dokdo", None, LocationKind.ISLAND, 37.2417, 131.8647),
    ("Scarborough Shoal", None, LocationKind.ISLAND, 15.15, 117.7625),
)
_Place = tuple[str, CountryCode | None, LocationKind, float, float]
_PLACES: tuple[_Place, ...] = tuple(
    (name, None if country is None else CountryCode(country), kind, lat, lon)
    for name, country, kind, lat, lon in _PLACE_ROWS
)

_TOPICS = (
    "regional security", "economic cooperation", "Korean Peninsula denuclearization",
    "supply chains", "climate change", "Taiwan", "semiconductors", "fisheries", "tourism",
    "cultural exchange", "maritime boundaries", "energy security", "humanitarian aid",
)  # fmt: skip
_OUTCOMES = (
    "joint statement", "memorandum of understanding on supply chains",
    "agreement to resume the hotline", "currency swap agreement", "visa waiver extension",
    "declaration on climate cooperation",
)  # fmt: skip
_SUBJECTS = (
    "Taiwan", "sovereignty over the islands", "maritime construction in disputed waters",
    "deployment of a missile defense system", "fishing rights", "expulsion of diplomats",
    "wartime forced labour", "the maritime boundary",
)  # fmt: skip
_POSITIONS = (
    "fish-farming equipment", "security threat", "inherent territory",
    "a violation of sovereignty", "an internal affair", "purely defensive",
    "“a matter of principle”", "calls for dialogue",
)  # fmt: skip
_SECTORS = (
    "steel", "semiconductors", "entertainment", "cultural content", "agriculture",
    "automobiles", "rare earths", "solar panels", "shipbuilding", "tourism",
)  # fmt: skip
_PRODUCTS = (
    "electric vehicles", "soybeans", "lithium batteries", "beef", "memory chips", "wine",
    "gallium", "K-pop concerts", "canola oil", "drones",
)  # fmt: skip
_DUTIES = frozenset(
    (TradeMeasure.TARIFF, TradeMeasure.ANTI_DUMPING_DUTY, TradeMeasure.COUNTERVAILING_DUTY)
)
_RATES = (25.0, 10.0, 5.0, 7.5, 34.0, 100.0, 145.0, 15.0)
_NOTES = (
    "believed to be retaliation", "second meeting since November", "as reported",
    "announced the same day", "context given by the article",
)  # fmt: skip
_SLUG_WORDS = (
    "lee", "xi", "china", "korea", "japan", "us", "visit", "summit", "talks", "tariffs",
    "steel", "thaad", "yellow-sea", "dispute", "apec", "g20", "2019", "2025", "2026",
)  # fmt: skip
_QUOTES = (
    "a new starting point to fill in the gaps in Korea-China relations",
    "The talks were frank and constructive.",
    "We will never accept any attempt to change the status quo by force.",
    "fish-farming equipment",
    "Both sides agreed to resume the dialogue “at an early date.”",
    'The ministry called the tariffs "unjustified and discriminatory".',
    "The Monday summit—their second since November—addressed critical issues.",
    "China\u2019s unofficial restrictions on Korean cultural exports",
    "这是两国关系的新起点",
    "한중 관계의 새로운 출발점",
    "Great meeting with President Lee today 🇰🇷🇺🇸",
)
_PUBLISHERS = (
    "The Korea Herald", "Reuters", "Xinhua", "Associated Press", "Yonhap",
    "South China Morning Post", "NHK World", "BBC News", "Le Monde", "Al Jazeera",
)  # fmt: skip
_DOMAINS = (
    "www.koreaherald.com", "www.reuters.com", "english.news.cn", "apnews.com",
    "en.yna.co.kr", "www.scmp.com", "www3.nhk.or.jp", "www.bbc.com",
)  # fmt: skip
_SECTIONS = ("world", "politics", "diplomacy", "business", "asia-pacific")
_EXTENSION_KEYS = (
    "x_coder", "x_confidence", "x_pipeline", "x_model", "x_cameo", "x_plover", "x_reviewed",
    "x_tags", "x_notes", "x_article_id", "x_geo",
)  # fmt: skip
_JSON_KEYS = ("label", "score", "source", "version", "model", "spans", "by", "lang")
_JSON_WORDS = ("hand", "rule-based", "llm", "reviewed", "042", "Beijing", "0.9", "")

_SUMMIT_SUMMARIES = (
    "{a} and {b} hold a summit",
    "{a} meets {b}",
    "Talks between {a} and {b}",
    "{a} and {b} agree to deepen cooperation",
)
_VISIT_SUMMARIES = (
    "{visitor}'s visit to {host}",
    "{visitor} travels to {host} for talks",
    "{visitor} arrives in {host}, the first such visit since 2019",
)
_DISPUTE_SUMMARIES = (
    "Tensions between {a} and {b}",
    "{a} protests against {b}",
    "{a} and {b} trade accusations over {subject}",
)
_TRADE_SUMMARIES = (
    "{imposer} imposes {measure} on {target}",
    "{target} hit by {imposer}'s {measure}",
    "{imposer} announces {measure} against {target}",
)
_HEADLINES = (
    "{a} and {b} hold talks",
    "{a} says ties with {b} at a “new starting point”",
    "{a} slaps tariffs on {b} steel",
    "{a} protests {b}'s maritime structures",
)

# --- small helpers --------------------------------------------------------------------------


def _tuples(
    elements: SearchStrategy[T], *, min_size: int = 0, max_size: int, unique: bool = False
) -> SearchStrategy[tuple[T, ...]]:
    """Draw tuples of a few elements, as records hold them."""
    return st.lists(elements, min_size=min_size, max_size=max_size, unique=unique).map(tuple)


def _words(vocabulary: Sequence[str], *, max_size: int = 3) -> SearchStrategy[tuple[str, ...]]:
    """Draw a few distinct entries of a vocabulary (topics, sectors, ...)."""
    return _tuples(st.sampled_from(vocabulary), max_size=max_size, unique=True)


def _rarely(strategy: SearchStrategy[T], *, odds: int = 4) -> SearchStrategy[T | None]:
    """Draw None, except one time in ``odds`` a value; shrink to None."""

    def pick(n: int) -> SearchStrategy[T | None]:
        return strategy if n == odds - 1 else st.none()

    return st.integers(0, odds - 1).flatmap(pick)


def _mostly(
    common: SearchStrategy[T], rare: SearchStrategy[T], *, odds: int = 5
) -> SearchStrategy[T]:
    """Draw ``common`` values, but one time in ``odds`` a ``rare`` one; shrink to ``common``."""

    def pick(n: int) -> SearchStrategy[T]:
        return rare if n == odds - 1 else common

    return st.integers(0, odds - 1).flatmap(pick)


def _maybe(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    """Draw None or a value, about half and half; shrink to None."""
    return st.none() | strategy


# Hypothesis validates each new strategy object on its first draw, which costs far more than
# drawing from it; so composites below only draw from strategies built once, up front.
_FRACTION = st.integers(0, 1000)
_STATUSES = st.sampled_from(Status)
_MEETING_KINDS = st.sampled_from(MeetingKind)
_NATIONAL_BODY_NAMES = st.sampled_from(_NATIONAL_BODIES)
_TOPIC_TUPLES = _words(_TOPICS)
_OUTCOME_TUPLES = _words(_OUTCOMES)
_SECTOR_TUPLES = _words(_SECTORS)
_PRODUCT_TUPLES = _words(_PRODUCTS)
_MAYBE_SUBJECT = _maybe(st.sampled_from(_SUBJECTS))
_MAYBE_POSITION = _maybe(st.sampled_from(_POSITIONS))
_MAYBE_PUBLISHER = _maybe(st.sampled_from(_PUBLISHERS))
_MAYBE_OFFSET = _maybe(st.integers(0, 20_000))
_MAYBE_OFFICIAL = _maybe(st.booleans())
_MAYBE_DISPUTE_STAGE = _maybe(st.sampled_from(DisputeStage))
_MAYBE_TRADE_STAGE = _maybe(st.sampled_from(TradeStage))
_MAYBE_RATE = _maybe(
    _mostly(st.sampled_from(_RATES), st.floats(0.0, 1000.0, allow_nan=False, allow_infinity=False))
)
_QUOTE_TEXTS = st.sampled_from(_QUOTES)
_SOURCE_FORMS = st.sampled_from(("title", "url", "url and title"))
_PERSON_NAMES = _mostly(
    st.builds("{} {}".format, st.sampled_from(_GIVEN_NAMES), st.sampled_from(_FAMILY_NAMES))
    | st.builds("{} {}".format, st.sampled_from(_FAMILY_NAMES), st.sampled_from(_GIVEN_NAMES)),
    st.sampled_from(_NATIVE_NAMES),
)
_OFFICE_NAMES = st.sampled_from(_OFFICES)
_SLUGS = st.builds(
    "-".join, st.lists(st.sampled_from(_SLUG_WORDS), min_size=2, max_size=4, unique=True)
)
_URLS = st.builds(
    "https://{}/{}/{}/{}".format,
    st.sampled_from(_DOMAINS),
    st.sampled_from(_SECTIONS),
    st.integers(1990, 2030),
    _SLUGS,
)
_DAYS = st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31))
_MAYBE_DAY = _maybe(_DAYS)
_ANY_COORDINATES = st.tuples(st.floats(-90.0, 90.0), st.floats(-180.0, 180.0))
_COORDINATE_FORMS = st.sampled_from(("none", "the place's", "any"))
_LINKS = st.builds(
    Link,
    rel=st.sampled_from(LinkRel),
    target=_SLUGS,
    note=_rarely(st.sampled_from(_NOTES)),
)
_LINK_TUPLES = _tuples(_LINKS, max_size=2)
# Built on the first draw: the first record built reads the country table.
_INTERNATIONAL = st.deferred(
    lambda: st.sampled_from([Organization(name=n, kind=k) for n, k in _INTERNATIONAL_BODIES])
)
_FORUMS_OR_NONE = _rarely(
    st.deferred(
        lambda: st.sampled_from(
            [Organization(name=name, kind=OrganizationKind.IGO) for name in _FORUMS]
        )
    )
)

# JSON values as a tool writes them into x_ fields.
_JSON_SCALARS: SearchStrategy[Any] = (
    # Mostly words a tool would write; now and then any text (no lone surrogates: UTF-8).
    _mostly(st.sampled_from(_JSON_WORDS), st.text(st.characters(codec="utf-8"), max_size=12))
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.none()
)
_JSON_VALUES: SearchStrategy[Any] = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(_JSON_KEYS), inner, max_size=3)
    ),
    max_leaves=6,
)
_EXTENSIONS = st.dictionaries(st.sampled_from(_EXTENSION_KEYS), _JSON_VALUES, max_size=3)
_EVENT_EXTENSIONS = _rarely(
    st.dictionaries(st.sampled_from(_EXTENSION_KEYS), _JSON_VALUES, min_size=1, max_size=3)
)


def _display_name(actor: Actor) -> str:
    """Name an actor as a summary would."""
    if isinstance(actor, Country):
        return actor.name
    if isinstance(actor, Organization):
        return actor.name
    return actor.name or actor.office or "an official"


def _day_between(draw: st.DrawFn, low: datetime.date, high: datetime.date) -> EventDate:
    """Draw a single day from ``low`` to ``high``; shrink to ``low``."""
    day = low + datetime.timedelta(days=(high - low).days * draw(_FRACTION) // 1000)
    return EventDate.day(day.year, day.month, day.day)


# --- dates ----------------------------------------------------------------------------------

# Most events are recent (1986-2030); a few are historical, down to the year 1.
_YEARS = _mostly(st.integers(-4, 40).map(lambda back: 2026 - back), st.integers(1, 2100), odds=10)
_PRECISIONS = st.sampled_from(("day", "month", "year"))
# Qualifiers are the exception: "" (none) most of the time.
_QUALIFIERS = st.sampled_from(("", "", "", "", "", "?", "~", "%"))
_MONTHS = st.integers(1, 12)
_DAYS_OF_MONTH = st.integers(1, 31)


@st.composite
def _partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(_YEARS)
    precision = draw(_PRECISIONS)
    qualifier = draw(_QUALIFIERS)
    month = day = None
    if precision != "year":
        month = draw(_MONTHS)
        if precision == "day":
            # Clamped rather than filtered, so that every draw is a valid day.
            day = min(draw(_DAYS_OF_MONTH), PartialDate(year, month).upper().day)
    return PartialDate(
        year, month, day, uncertain=qualifier in ("?", "%"), approximate=qualifier in ("~", "%")
    )


_PARTIAL_DATES = _partial_dates()
_INTERVAL_FORMS = st.sampled_from(
    ("dates", "open end", "unknown end", "open start", "unknown start")
)


@st.composite
def _intervals(draw: st.DrawFn) -> EventDate:
    form = draw(_INTERVAL_FORMS)
    if form == "dates":
        # Sorted by their first day, the later end cannot end before the earlier starts.
        first, second = sorted(
            (draw(_PARTIAL_DATES), draw(_PARTIAL_DATES)), key=lambda d: (d.lower(), d.upper())
        )
        return EventDate(first, second)
    known = draw(_PARTIAL_DATES)
    bound = Bound.OPEN if form.startswith("open") else Bound.UNKNOWN
    if form.endswith("end"):
        return EventDate(known, bound)
    return EventDate(bound, known)


_EVENT_DATES = _mostly(st.builds(EventDate, _PARTIAL_DATES), _intervals(), odds=3)
_MAYBE_EVENT_DATE = _maybe(_EVENT_DATES)


def partial_dates() -> SearchStrategy[PartialDate]:
    """`PartialDate` values known to the day, month or year, now and then ``?``, ``~`` or ``%``.

    Years are mostly recent (1986-2030) and shrink to 2026; now and then any year 1-2100.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(partial_dates())
    ... def test_partial_dates_cover_days(date):
    ...     assert date.lower() <= date.upper()
    >>> test_partial_dates_cover_days()
    """
    return _PARTIAL_DATES


def event_dates() -> SearchStrategy[EventDate]:
    """`EventDate` values: mostly single dates, sometimes intervals.

    Intervals have two date ends that never end before they start, or one date end and an
    open (``..``) or unknown (empty) one: ``2026-01-04/2026-01-06``, ``2016?/..``,
    ``/2006``.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(event_dates())
    ... def test_dates_are_in_order(date):
    ...     assert date.lower() <= date.upper()
    >>> test_dates_are_in_order()
    """
    return _EVENT_DATES


# --- everything that refers to countries -----------------------------------------------------


@st.composite
def _national_bodies(draw: st.DrawFn, kit: _Kit) -> Organization:
    name, kind = draw(_NATIONAL_BODY_NAMES)
    return Organization(name=name, kind=kind, country=draw(kit.maybe_code))


class _Kit:
    """The strategies of one set of country codes (all known codes, or a caller's list)."""

    def __init__(self, codes: tuple[CountryCode, ...] | None) -> None:
        if codes is None:
            # Deferred, so that the country table is read on the first draw, not before.
            self.code: SearchStrategy[CountryCode] = st.deferred(lambda: _default_codes())
            self.places = _PLACES
        else:
            self.code = st.sampled_from(codes)
            self.places = tuple(p for p in _PLACES if p[1] is None or p[1] in codes)
        self.maybe_code = _maybe(self.code)
        self.country_name = self.code.map(country_name)
        self.country = st.builds(Country, code=self.code)
        self.organization = _national_bodies(self) | _INTERNATIONAL
        who = {"country": self.maybe_code, "affiliation": _rarely(self.organization)}
        self.person = (
            st.builds(Person, name=_PERSON_NAMES, office=_OFFICE_NAMES, **who)
            | st.builds(Person, name=_PERSON_NAMES, **who)
            | st.builds(Person, office=_OFFICE_NAMES, **who)
        )
        self.actor: SearchStrategy[Actor] = self.country | self.person | self.organization
        self.visitor = _mostly(self.person, self.actor, odds=4)
        self.speaker = _maybe(self.person | self.actor)
        self.place = st.sampled_from(self.places)
        self.location = _locations(self)
        self.maybe_location = _maybe(self.location)
        self.quote = _quotes(self)
        self.headline = st.builds(
            lambda template, a, b: template.format(a=a, b=b),
            st.sampled_from(_HEADLINES),
            self.country_name,
            self.country_name,
        )
        self.source = _sources(self)
        self.source_tuples = _tuples(self.source, max_size=2)
        self.quote_tuples = _tuples(self.quote, max_size=3)
        self.dispute_party = st.builds(DisputeParty, actor=self.actor, position=_MAYBE_POSITION)
        self.counterparts = _tuples(self.actor, min_size=1, max_size=3, unique=True)
        self.meeting = st.builds(
            Meeting,
            counterparts=self.counterparts,
            kind=_MEETING_KINDS,
            date=_MAYBE_EVENT_DATE,
        )
        self.meeting_count = st.integers(0, 3)
        self.participants = _tuples(self.actor, min_size=2, max_size=4, unique=True)
        self.delegation = _tuples(self.actor, max_size=3, unique=True)
        self.parties = st.lists(
            self.dispute_party, min_size=1, max_size=3, unique_by=lambda party: party.actor
        ).map(tuple)
        self.third_parties = _tuples(self.country | self.organization, max_size=2, unique=True)
        self.imposers = _tuples(self.actor, min_size=1, max_size=2, unique=True)
        self.targets = _tuples(self.actor, min_size=1, max_size=3, unique=True)
        self.shapes: dict[Shape, SearchStrategy[Any]] = {}


@functools.cache
def _default_codes() -> SearchStrategy[CountryCode]:
    common = tuple(CountryCode(code) for code in _COMMON_CODES)
    every = tuple(CountryCode(code) for code in sorted(_known_codes()))
    return st.sampled_from(common) | st.sampled_from(every)


@functools.cache
def _kit(codes: tuple[CountryCode, ...] | None = None) -> _Kit:
    return _Kit(codes)


@st.composite
def _locations(draw: st.DrawFn, kit: _Kit) -> Location:
    if draw(st.booleans()):
        code = draw(kit.code)
        name = country_name(code) if draw(st.booleans()) else None
        return Location(name=name, country=code, kind=LocationKind.COUNTRY)
    name, country, kind, lat, lon = draw(kit.place)
    keep_country = country is not None and draw(st.booleans())
    keep_kind = draw(st.booleans())
    coordinates = draw(_COORDINATE_FORMS)
    if coordinates == "any":
        lat, lon = draw(_ANY_COORDINATES)
    has_coordinates = coordinates != "none"
    keep_name = draw(st.booleans()) or not (keep_country or has_coordinates)
    return Location(
        name=name if keep_name else None,
        country=country if keep_country else None,
        kind=kind if keep_kind else None,
        lat=lat if has_coordinates else None,
        lon=lon if has_coordinates else None,
    )


@st.composite
def _quotes(draw: st.DrawFn, kit: _Kit) -> Quote:
    text = draw(_QUOTE_TEXTS)
    start = draw(_MAYBE_OFFSET)
    speaker = draw(kit.speaker)
    if start is None:
        return Quote(text=text, speaker=speaker)
    return Quote(text=text, start=start, end=start + len(text), speaker=speaker)


@st.composite
def _sources(draw: st.DrawFn, kit: _Kit) -> Source:
    form = draw(_SOURCE_FORMS)
    return Source(
        url=None if form == "title" else draw(_URLS),
        title=None if form == "url" else draw(kit.headline),
        publisher=draw(_MAYBE_PUBLISHER),
        published=draw(_MAYBE_DAY),
        quotes=draw(kit.quote_tuples),
    )


# --- building blocks ------------------------------------------------------------------------


def country_codes() -> SearchStrategy[CountryCode]:
    """ISO 3166-1 alpha-3 codes known to diplomev, as fields typed as a country hold them.

    Half the draws come from countries often in the news (China, South Korea, the United
    States, Japan, ...), and a code shrinks to ``"CHN"``; every other known code, ``XKX``
    (Kosovo) included, is drawn too.

    >>> from diplomev import is_country_code
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(country_codes())
    ... def test_codes_are_known(code):
    ...     assert is_country_code(code)
    >>> test_codes_are_known()
    """
    return _kit().code


def countries() -> SearchStrategy[Country]:
    """`Country` actors, with codes drawn as `country_codes` draws them.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(countries())
    ... def test_countries_have_names(country):
    ...     assert country.name
    >>> test_countries_have_names()
    """
    return _kit().country


def persons() -> SearchStrategy[Person]:
    """`Person` actors: a name, an office or both, often a country, rarely an affiliation.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(persons())
    ... def test_persons_are_identified(person):
    ...     assert person.name or person.office
    >>> test_persons_are_identified()
    """
    return _kit().person


def organizations() -> SearchStrategy[Organization]:
    """`Organization` actors: ministries, legislatures, parties, firms, IGOs, courts.

    National bodies may carry a country; international ones (the United Nations, the
    WTO, the International Court of Justice) carry none.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(organizations())
    ... def test_organizations_are_named(organization):
    ...     assert organization.name.strip()
    >>> test_organizations_are_named()
    """
    return _kit().organization


def actors() -> SearchStrategy[Actor]:
    """Any actor: a `Country`, a `Person` or an `Organization`; shrinks to a country.

    >>> from diplomev import Country, Organization, Person
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(actors())
    ... def test_actors(actor):
    ...     assert isinstance(actor, (Country, Person, Organization))
    >>> test_actors()
    """
    return _kit().actor


def locations() -> SearchStrategy[Location]:
    """`Location` records: capitals, sites, seas and islands, or a whole country.

    Coordinates are the place's own or any valid pair, always together; disputed seas
    and islands carry no country; a location always has a name, a country or coordinates.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(locations())
    ... def test_coordinates_come_in_pairs(location):
    ...     assert (location.lat is None) == (location.lon is None)
    >>> test_coordinates_come_in_pairs()
    """
    return _kit().location


def quotes() -> SearchStrategy[Quote]:
    """`Quote` records: real-looking spans, with offsets that match the text or none.

    ``end - start == len(text)`` whenever there are offsets; the speaker is optional.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(quotes())
    ... def test_offsets_match_text(quote):
    ...     assert quote.start is None or quote.end - quote.start == len(quote.text)
    >>> test_offsets_match_text()
    """
    return _kit().quote


def sources() -> SearchStrategy[Source]:
    """`Source` records: a url, a headline or both, maybe a publisher, a day and quotes.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(sources())
    ... def test_sources_are_identified(source):
    ...     assert source.url or source.title
    >>> test_sources_are_identified()
    """
    return _kit().source


def links() -> SearchStrategy[Link]:
    """`Link` records: a relation, the id of another event, now and then a note.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(links())
    ... def test_links_have_targets(link):
    ...     assert link.target
    >>> test_links_have_targets()
    """
    return _LINKS


def meetings() -> SearchStrategy[Meeting]:
    """`Meeting` records: one to three counterparts, a kind, maybe a date.

    Within `visits`, a meeting's date is a day of the visit.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(meetings())
    ... def test_meetings_have_counterparts(meeting):
    ...     assert 1 <= len(meeting.counterparts) <= 3
    >>> test_meetings_have_counterparts()
    """
    return _kit().meeting


def dispute_parties() -> SearchStrategy[DisputeParty]:
    """`DisputeParty` records: an actor and, maybe, the position it states.

    >>> from diplomev import Country, Organization, Person
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(dispute_parties())
    ... def test_parties_are_actors(party):
    ...     assert isinstance(party.actor, (Country, Person, Organization))
    >>> test_parties_are_actors()
    """
    return _kit().dispute_party


def extensions() -> SearchStrategy[dict[str, Any]]:
    """Draw custom fields for `Event.extensions`: ``x_`` names to JSON values, as plain dicts.

    Values are what ``json.loads`` gives: null, booleans, integers, finite floats, strings
    (any text now and then) and small nested lists and objects. Events hold them frozen.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(extensions())
    ... def test_extension_names(custom):
    ...     assert all(name.startswith("x_") for name in custom)
    >>> test_extension_names()
    """
    return _EXTENSIONS


# --- events ---------------------------------------------------------------------------------


def _draw_event_fields(
    draw: st.DrawFn,
    kit: _Kit,
    dates: SearchStrategy[EventDate],
    summaries: Sequence[str],
    **names: str,
) -> dict[str, Any]:
    """Draw the fields every event has, as keyword arguments; summaries name the actors."""
    fields: dict[str, Any] = {
        "id": draw(_SLUGS),
        "date": draw(dates),
        "status": draw(_STATUSES),
        "location": draw(kit.maybe_location),
        "topics": draw(_TOPIC_TUPLES),
        "links": draw(_LINK_TUPLES),
        "sources": draw(kit.source_tuples),
    }
    if draw(st.booleans()):
        fields["summary"] = draw(st.sampled_from(summaries)).format(**names)
    custom = draw(_EVENT_EXTENSIONS)
    if custom:
        fields["extensions"] = custom
    return fields


@st.composite
def _summits(draw: st.DrawFn, kit: _Kit, dates: SearchStrategy[EventDate]) -> Summit:
    participants = draw(kit.participants)
    a, b = (_display_name(actor) for actor in participants[:2])
    return Summit(
        **_draw_event_fields(draw, kit, dates, _SUMMIT_SUMMARIES, a=a, b=b),
        participants=participants,
        host=draw(kit.maybe_code),
        forum=draw(_FORUMS_OR_NONE),
        outcomes=draw(_OUTCOME_TUPLES),
    )


@st.composite
def _visits(draw: st.DrawFn, kit: _Kit, dates: SearchStrategy[EventDate]) -> Visit:
    visitor = draw(kit.visitor)
    host = draw(kit.code)
    names = {"visitor": _display_name(visitor), "host": country_name(host)}
    fields = _draw_event_fields(draw, kit, dates, _VISIT_SUMMARIES, **names)
    # Meetings happen during the visit: on one of its days, a year at most from a known end.
    low, high = fields["date"].lower(), fields["date"].upper()
    year = datetime.timedelta(days=365)
    if low == datetime.date.min and high - low > year:
        low = high - year
    if high == datetime.date.max and high - low > year:
        high = low + year
    meetings = []
    for _ in range(draw(kit.meeting_count)):
        meetings.append(
            Meeting(
                counterparts=draw(kit.counterparts),
                kind=draw(_MEETING_KINDS),
                date=_day_between(draw, low, high) if draw(st.booleans()) else None,
            )
        )
    return Visit(
        **fields,
        visitor=visitor,
        host=host,
        kind=draw(st.sampled_from(VisitKind)),
        meetings=tuple(meetings),
        delegation=draw(kit.delegation),
    )


@st.composite
def _disputes(draw: st.DrawFn, kit: _Kit, dates: SearchStrategy[EventDate]) -> Dispute:
    parties = draw(kit.parties)
    subject = draw(_MAYBE_SUBJECT)
    names = {
        "a": _display_name(parties[0].actor),
        "b": _display_name(parties[1].actor) if len(parties) > 1 else "its neighbours",
        "subject": subject or "the issue",
    }
    return Dispute(
        **_draw_event_fields(draw, kit, dates, _DISPUTE_SUMMARIES, **names),
        parties=parties,
        kind=draw(st.sampled_from(DisputeKind)),
        subject=subject,
        stage=draw(_MAYBE_DISPUTE_STAGE),
        third_parties=draw(kit.third_parties),
    )


@st.composite
def _trade_issues(draw: st.DrawFn, kit: _Kit, dates: SearchStrategy[EventDate]) -> TradeIssue:
    imposers = draw(kit.imposers)
    targets = draw(kit.targets)
    measure = draw(st.sampled_from(TradeMeasure))
    names = {
        "imposer": _display_name(imposers[0]),
        "target": _display_name(targets[0]),
        "measure": measure.value.replace("_", " "),
    }
    return TradeIssue(
        **_draw_event_fields(draw, kit, dates, _TRADE_SUMMARIES, **names),
        imposers=imposers,
        targets=targets,
        measure=measure,
        official=draw(_MAYBE_OFFICIAL),
        sectors=draw(_SECTOR_TUPLES),
        products=draw(_PRODUCT_TUPLES),
        # Only duties have a rate.
        rate_percent=draw(_MAYBE_RATE) if measure in _DUTIES else None,
        stage=draw(_MAYBE_TRADE_STAGE),
    )


def summits() -> SearchStrategy[Summit]:
    """`Summit` events: two to four distinct participants, maybe a host, a forum, outcomes.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(summits())
    ... def test_summits_have_participants(summit):
    ...     assert len(set(summit.participants)) >= 2
    >>> test_summits_have_participants()
    """
    return _summits(_kit(), _EVENT_DATES)


def visits() -> SearchStrategy[Visit]:
    """`Visit` events: a visitor (usually a person), a host country, meetings on its days.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(visits())
    ... def test_meetings_fall_within_the_visit(visit):
    ...     for meeting in visit.meetings:
    ...         if meeting.date is not None:
    ...             assert visit.date.lower() <= meeting.date.lower() <= visit.date.upper()
    >>> test_meetings_fall_within_the_visit()
    """
    return _visits(_kit(), _EVENT_DATES)


def disputes() -> SearchStrategy[Dispute]:
    """`Dispute` events: one to three parties with positions, a kind, maybe a subject.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(disputes())
    ... def test_disputes_have_parties(dispute):
    ...     assert 1 <= len(dispute.parties) <= 3
    >>> test_disputes_have_parties()
    """
    return _disputes(_kit(), _EVENT_DATES)


def trade_issues() -> SearchStrategy[TradeIssue]:
    """`TradeIssue` events: imposers, targets and a measure; duties may carry a rate.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(trade_issues())
    ... def test_rates_are_not_negative(issue):
    ...     assert issue.rate_percent is None or issue.rate_percent >= 0
    >>> test_rates_are_not_negative()
    """
    return _trade_issues(_kit(), _EVENT_DATES)


_BUILT_IN: dict[type[Event], Callable[[_Kit, SearchStrategy[EventDate]], SearchStrategy[Any]]] = {
    Summit: _summits,
    Visit: _visits,
    Dispute: _disputes,
    TradeIssue: _trade_issues,
}


def events(
    kinds: Iterable[type[Event]] | None = None,
    *,
    dates: SearchStrategy[EventDate] | None = None,
    countries: Sequence[str] | None = None,
) -> SearchStrategy[Event]:
    """Events of the built-in kinds, or of ``kinds``; shrinks towards the first kind.

    ``dates`` replaces `event_dates` for the events' own dates; ``countries`` is a list of
    alpha-3 codes that every country in the event (actors, hosts, places) is drawn from.
    A kind registered with `diplomev.register_event_type` may be listed: the fields it adds
    are drawn from their annotations, and drawn values its own checks reject are discarded.

    >>> from diplomev import Dispute, Summit
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(events([Summit, Dispute], countries=["KOR", "JPN"]))
    ... def test_narrowed(event):
    ...     assert isinstance(event, (Summit, Dispute))
    ...     assert event.location is None or event.location.country in (None, "KOR", "JPN")
    >>> test_narrowed()
    """
    chosen = tuple(_BUILT_IN) if kinds is None else tuple(kinds)
    if not chosen:
        raise InvalidArgument("events() needs at least one kind")
    for kind in chosen:
        try:
            event_type_name(kind)
        except (TypeError, KeyError):
            raise InvalidArgument(
                f"kinds must be registered Event subclasses, got {kind!r}"
            ) from None
    if dates is None:
        dates = _EVENT_DATES
    elif not isinstance(dates, SearchStrategy):
        raise InvalidArgument(f"dates must be a strategy of EventDate, got {dates!r}")
    kit = _kit()
    if countries is not None:
        if isinstance(countries, str):
            raise InvalidArgument(f"countries is a list of codes, not one string: {countries!r}")
        codes = tuple(CountryCode(code) for code in countries)
        unknown = [code for code in codes if code not in _known_codes()]
        if not codes or unknown:
            raise InvalidArgument(f"countries must be known alpha-3 codes, got {list(codes)!r}")
        kit = _kit(codes)
    return st.one_of(
        [
            _BUILT_IN[kind](kit, dates) if kind in _BUILT_IN else _custom_events(kind, kit, dates)
            for kind in chosen
        ]
    )


# --- kinds registered by users --------------------------------------------------------------


def _for_shape(shape: Shape, kit: _Kit) -> SearchStrategy[Any]:
    """Return the strategy of a field shape (for fields of kinds diplomev does not know)."""
    if shape not in kit.shapes:
        kit.shapes[shape] = _build_for_shape(shape, kit)
    return kit.shapes[shape]


def _build_for_shape(shape: Shape, kit: _Kit) -> SearchStrategy[Any]:
    if isinstance(shape, Str):
        return st.sampled_from(_TOPICS + _SUBJECTS + _OUTCOMES)
    if isinstance(shape, Alpha3):
        return kit.code
    if isinstance(shape, Currency):
        return st.sampled_from(("USD", "EUR", "CNY", "JPY", "KRW", "GBP", "INR", "RUB"))
    if isinstance(shape, Int):
        low = -1000 if shape.ge is None else shape.ge
        return st.integers(low, low + 2000)
    if isinstance(shape, Float):
        return st.floats(shape.ge, shape.le, allow_nan=False, allow_infinity=False)
    if isinstance(shape, Bool):
        return st.booleans()
    if isinstance(shape, Choice):
        return st.sampled_from(shape.enum)
    if isinstance(shape, Date):
        return _EVENT_DATES
    if isinstance(shape, Day):
        return _DAYS
    if isinstance(shape, OneOf):
        return st.one_of([_records_of(cls, kit) for cls in shape.classes])
    if isinstance(shape, Record):
        return _records_of(shape.cls, kit)
    if isinstance(shape, Optional):
        return _maybe(_for_shape(shape.inner, kit))
    if isinstance(shape, Items):
        inner = _for_shape(shape.inner, kit)
        return _tuples(inner, min_size=shape.min_items, max_size=shape.min_items + 2)
    if isinstance(shape, ExtensionMap):
        return _EXTENSIONS
    raise InvalidArgument(f"no strategy for fields of shape {shape!r}")


def _records_of(cls: type, kit: _Kit) -> SearchStrategy[Any]:
    known: dict[type, SearchStrategy[Any]] = {
        Country: kit.country,
        Person: kit.person,
        Organization: kit.organization,
        Location: kit.location,
        Source: kit.source,
        Quote: kit.quote,
        Link: _LINKS,
        Meeting: kit.meeting,
        DisputeParty: kit.dispute_party,
    }
    if cls in known:
        return known[cls]
    if cls in _BUILT_IN:
        return _BUILT_IN[cls](kit, _EVENT_DATES)
    return st.deferred(lambda: _derived(cls, kit))


def _draw_derived(draw: st.DrawFn, cls: type, kit: _Kit, given: Mapping[str, Any]) -> Any:
    """Draw a record of ``cls``, its fields from their shapes except those ``given``."""
    kwargs = dict(given)
    for field in plan_for(cls).fields:
        if field.name not in kwargs:
            kwargs[field.name] = draw(_for_shape(field.shape, kit))
    try:
        return cls(**kwargs)
    except ValidationError:
        reject()


@st.composite
def _derived(draw: st.DrawFn, cls: type, kit: _Kit) -> Any:
    return _draw_derived(draw, cls, kit, {})


@st.composite
def _custom_events(
    draw: st.DrawFn, cls: type[Event], kit: _Kit, dates: SearchStrategy[EventDate]
) -> Event:
    summary = "A {kind} reported in the news"
    kind = event_type_name(cls).replace("_", " ")
    common = _draw_event_fields(draw, kit, dates, (summary,), kind=kind)
    event: Event = _draw_derived(draw, cls, kit, common)
    return event


# --- invalid records ------------------------------------------------------------------------

_Step = str | int
_Steps = tuple[_Step, ...]


@attrs.frozen
class Corruption:
    """One targeted change made to a valid record, with the JSON path an error must name.

    ``kind`` is the sort of change (`invalid_records` lists them); ``detail`` says what
    was done, for people reading a failing example.

    >>> Corruption("$.participants[1].code", "unknown country code", "replaced 'CHN' with 'XXX'")
    Corruption(path='$.participants[1].code', kind='unknown country code', detail="replaced 'CHN' with 'XXX'")
    """

    path: str
    kind: str
    detail: str


@attrs.frozen
class InvalidRecord:
    """The wire dict of a valid event with targeted corruptions, which must all be reported.

    ``data`` is `diplomev.to_dict` of a valid event with every change in ``corruptions``
    made; ``paths`` are the JSON paths of the corruptions. `diplomev.from_dict` refuses
    ``data`` with a `diplomev.ValidationError` whose paths include every one of them.

    >>> import diplomev
    >>> record = InvalidRecord(
    ...     {"type": "visit", "id": "v", "date": "2026-02-30", "status": "occurred",
    ...      "visitor": {"type": "country", "code": "KOR"}, "host": "XXX"},
    ...     (Corruption("$.date", "impossible date", "replaced '2026-01-05' with '2026-02-30'"),
    ...      Corruption("$.host", "unknown country code", "replaced 'CHN' with 'XXX'")))
    >>> sorted(record.paths)
    ['$.date', '$.host']
    >>> try:
    ...     diplomev.from_dict(record.data)
    ... except diplomev.ValidationError as e:
    ...     print(record.paths <= set(e.paths))
    True
    """

    data: dict[str, Any]
    corruptions: tuple[Corruption, ...]

    @property
    def paths(self) -> frozenset[str]:
        """The JSON paths every error report of ``data`` must name.

        >>> InvalidRecord({}, (Corruption("$.id", "missing field", "deleted 'id'"),)).paths
        frozenset({'$.id'})
        """
        return frozenset(corruption.path for corruption in self.corruptions)


class _Variant(NamedTuple):
    """One concrete corruption: what to set and delete, and what it may not overlap."""

    kind: str
    # The part of the record the corruption owns: no other corruption may touch it, or
    # anything inside it, since the report of one could then hide the other.
    footprint: _Steps
    label: _Steps
    detail: str
    sets: tuple[tuple[_Steps, Any], ...] = ()
    deletes: tuple[_Steps, ...] = ()


_Groups = list[list[_Variant]]
_ACTOR_CLASSES_BY_TAG: dict[str, type] = {
    "country": Country,
    "person": Person,
    "organization": Organization,
}
_ACTOR_TAGS = {cls: tag for tag, cls in _ACTOR_CLASSES_BY_TAG.items()}
# Keys that are no field of any record; "x_" is no custom field either (a name must follow).
_UNKNOWN_KEYS = ("venue", "notes", "extensions", "Type", "id", "name", "code")
_EVENT_UNKNOWN_KEYS = ("venue", "extensions", "x_", "Type", "notes", "participants", "host")
_NESTED_UNKNOWN_KEYS = (*_UNKNOWN_KEYS, "x_note", "diplomev", "type")
_CODES_THAT_ARE_NOT = ("XXX", "CN", "EU", "UK", "ZZZ", "")
_VOCABULARY_MISTAKES = ("finished", "in force", "unknown", "Other")
_IMPOSSIBLE_DATES = ("2026-02-30", "2025-13-01", "2026-01-07/2026-01-04", "2023-02-29")
_MALFORMED_DATES = ("20260105", "2026-W02-1", "2026-01-05T10:00", "../..", "5 January 2026")
_IMPOSSIBLE_DAYS = ("2026-02-30", "2025-13-01", "2023-02-29")
_MALFORMED_DAYS = ("2026-01", "2026-01-05?", "05/01/2026", "2026-01-05/2026-01-06", "2026")
_TOO_BIG = 10**400  # an integer no float holds: JSON text carries it, no record can
_NAN_EXTENSIONS: tuple[tuple[str, Any, _Steps], ...] = (
    ("x_score", math.nan, ()),
    ("x_scores", [0.5, math.nan], (1,)),
    ("x_meta", {"model": "llm", "confidence": math.inf}, ("confidence",)),
)


def _path(steps: _Steps) -> str:
    """Write steps as a JSON path: ``("sources", 0, "url")`` is ``$.sources[0].url``."""
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in steps)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@functools.cache
def _indices(count: int) -> SearchStrategy[int]:
    # Built once per count: a new strategy costs more on its first draw than a draw does.
    return st.integers(0, count - 1)


def _pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """Draw one of ``items``; shrinks towards the first."""
    return items[draw(_indices(len(items)))] if len(items) > 1 else items[0]


def _overlap(a: _Steps, b: _Steps) -> bool:
    return a == b[: len(a)] or b == a[: len(b)]


def _replace(steps: _Steps, old: Any, kind: str, values: Iterable[Any]) -> list[_Variant]:
    """Variants that put each of ``values`` at ``steps`` (where ``old`` was, or nothing)."""
    verb = "added" if old is _ABSENT else f"replaced {_short(old)} with"
    return [
        _Variant(kind, steps, steps, f"{verb} {_short(value)}", sets=((steps, value),))
        for value in values
    ]


def _groups(*groups: list[_Variant]) -> _Groups:
    return [group for group in groups if group]


class _Absent:
    def __repr__(self) -> str:
        return "<absent>"


_ABSENT: Any = _Absent()


def _bad_scalars(
    shape: Shape, value: Any, nullable: bool, allow_nan: bool
) -> list[tuple[str, list[Any]]]:
    """Return wrong values for a field of a scalar shape, by kind of corruption."""
    nulls: list[Any] = [] if nullable else [None]
    if isinstance(shape, Str):
        return [
            ("wrong type", [12345, True, ["text"], {"text": "text"}, *nulls]),
            ("blank string", ["", " ", "\t\n"]),
        ]
    if isinstance(shape, Alpha3):
        codes = [*_CODES_THAT_ARE_NOT, value.lower() if isinstance(value, str) else "chn"]
        return [
            ("unknown country code", [c for c in codes if not is_country_code(c)]),
            ("wrong type", [410, ["CHN"], *nulls]),
        ]
    if isinstance(shape, Int):
        low = [] if shape.ge is None else [shape.ge - 1, shape.ge - 1000]
        return [("out of range", low), ("wrong type", ["3", 3.5, True, *nulls])]
    if isinstance(shape, Float):
        out: list[Any] = [_TOO_BIG, -_TOO_BIG]
        if shape.le is not None:
            out.insert(0, shape.le + 0.5)
        if shape.ge is not None:
            out.insert(0, shape.ge - 0.5)
        return [
            ("out of range", out),
            ("not finite", [math.nan, math.inf, -math.inf] if allow_nan else []),
            ("wrong type", ["39.9", True, [1.5], *nulls]),
        ]
    if isinstance(shape, Bool):
        return [("wrong type", ["true", 1, 0, "yes", *nulls])]
    if isinstance(shape, Choice):
        valid = {member.value for member in shape.enum}
        first = next(iter(shape.enum)).value
        mistakes = [*_VOCABULARY_MISTAKES, str(first).upper()]
        if isinstance(value, str):
            mistakes.append(value.upper())
        return [
            ("unknown vocabulary value", [m for m in dict.fromkeys(mistakes) if m not in valid]),
            ("wrong type", [3, True, ["text"], *nulls]),
        ]
    if isinstance(shape, Date):
        return [
            ("impossible date", list(_IMPOSSIBLE_DATES)),
            ("malformed date", list(_MALFORMED_DATES)),
            ("wrong type", [2026, ["2026"], {"year": 2026}, *nulls]),
        ]
    if isinstance(shape, Day):
        return [
            ("impossible date", list(_IMPOSSIBLE_DAYS)),
            ("malformed date", list(_MALFORMED_DAYS)),
            ("wrong type", [20260105, ["2026-01-05"], *nulls]),
        ]
    return []


def _scalar_groups(
    steps: _Steps, shape: Shape, value: Any, nullable: bool, allow_nan: bool
) -> _Groups:
    return _groups(
        *(
            _replace(steps, value, kind, values)
            for kind, values in _bad_scalars(shape, value, nullable, allow_nan)
        )
    )


def _absent_groups(steps: _Steps, shape: Shape, allow_nan: bool) -> _Groups:
    """Corruptions that add a bad value for an optional field the record leaves out."""
    inner = shape.inner if isinstance(shape, Optional) else shape
    nullable = isinstance(shape, Optional)
    if isinstance(inner, Record | OneOf):
        return [_replace(steps, _ABSENT, "wrong type", ["text", 7])]
    if isinstance(inner, Items):
        bad_item: Any = "text"
        for _kind, values in _bad_scalars(inner.inner, _ABSENT, False, allow_nan):
            bad_item = values[0]
            break
        one_bad = _Variant(
            "wrong type",
            steps,
            (*steps, 0),
            f"added [{_short(bad_item)}]",
            sets=((steps, [bad_item]),),
        )
        return [_replace(steps, _ABSENT, "wrong type", ["text", 7, None]), [one_bad]]
    return _scalar_groups(steps, inner, _ABSENT, nullable, allow_nan)


def _list_groups(steps: _Steps, shape: Items, value: list[Any]) -> _Groups:
    wrong = _replace(steps, value, "wrong type", ["text", {"item": 1}, 7, None])
    too_few = []
    if shape.min_items:
        kept = value[: shape.min_items - 1]
        detail = f"kept {len(kept)} of {len(value)} items"
        too_few.append(_Variant("too few items", steps, steps, detail, sets=((steps, kept),)))
    return _groups(wrong, too_few)


def _unknown_keys(steps: _Steps, value: dict[str, Any], keys: Iterable[str]) -> list[_Variant]:
    return [
        _Variant(
            "unknown key",
            (*steps, key),
            (*steps, key),
            f"added {key!r}",
            sets=(((*steps, key), 7),),
        )
        for key in keys
        if key not in value
    ]


def _missing_fields(steps: _Steps, value: dict[str, Any], cls: type) -> list[_Variant]:
    return [
        _Variant(
            "missing field",
            (*steps, field.name),
            (*steps, field.name),
            f"deleted {field.name!r}",
            deletes=((*steps, field.name),),
        )
        for field in plan_for(cls).fields
        if field.required and field.name in value
    ]


def _deleting(steps: _Steps, value: dict[str, Any], keys: Sequence[str]) -> list[_Variant]:
    """One variant that deletes whichever of ``keys`` the record has (a rule then breaks)."""
    present = [key for key in keys if key in value]
    if not present:
        return []
    detail = "deleted " + " and ".join(repr(key) for key in present)
    deletes = tuple((*steps, key) for key in present)
    return [_Variant("incomplete record", steps, steps, detail, deletes=deletes)]


def _broken_spans(steps: _Steps, value: dict[str, Any]) -> list[_Variant]:
    """Quote offsets that disagree with the text, or come without their partner."""
    length = len(value["text"])
    start, end = (*steps, "start"), (*steps, "end")
    kind = "broken quote span"
    if "start" not in value:
        return [
            _Variant(kind, steps, steps, "added 'start' alone", sets=((start, 0),)),
            _Variant(
                kind, steps, end, f"added 0..{length + 2}", sets=((start, 0), (end, length + 2))
            ),
        ]
    first = value["start"]
    return [
        _Variant(kind, steps, end, "made the span one longer", sets=((end, first + length + 1),)),
        _Variant(kind, steps, end, "made the span one shorter", sets=((end, first + length - 1),)),
        _Variant(kind, steps, end, "moved the start only", sets=((start, first + 1),)),
        _Variant(kind, steps, steps, "deleted 'end'", deletes=(end,)),
    ]


def _record_groups(
    steps: _Steps,
    value: dict[str, Any],
    cls: type,
    tag: str | None,
    single: bool,
    nullable: bool,
) -> _Groups:
    """Corruptions of a nested record as a whole: its type, tag, keys and cross-field rules."""
    wrong = _replace(
        steps, value, "wrong type", ["text", ["text"], 7, *([] if nullable else [None])]
    )
    tags = []
    if tag is not None:
        at = (*steps, "type")
        others = [other for other in _ACTOR_CLASSES_BY_TAG if other != tag][:1] if single else []
        tags = [
            _Variant("bad tag", steps, at, f"{tag!r} became {bad!r}", sets=((at, bad),))
            for bad in ("robot", 3, *others)
        ]
        tags.append(_Variant("bad tag", steps, at, "deleted 'type'", deletes=(at,)))
    fields = {field.name for field in plan_for(cls).fields}
    # "type" is a field of tagged records only: elsewhere it is an unknown key.
    keys = [key for key in _NESTED_UNKNOWN_KEYS if key not in fields]
    if tag is not None:
        keys.remove("type")
    rules: list[_Variant] = []
    if cls is Person:
        rules = _deleting(steps, value, ("name", "office"))
    elif cls is Source:
        rules = _deleting(steps, value, ("url", "title"))
    elif cls is Location:
        rules = _deleting(steps, value, ("name", "country", "lat", "lon"))
        if "lat" in value:
            rules += _deleting(steps, value, ("lon",)) + _deleting(steps, value, ("lat",))
    spans = _broken_spans(steps, value) if cls is Quote else []
    return _groups(
        wrong,
        tags,
        _unknown_keys(steps, value, keys),
        _missing_fields(steps, value, cls),
        rules,
        spans,
    )


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


# Deeper than the codec reads custom values; the error names the innermost array it reads.
_TOO_DEEP = _nested(MAX_JSON_DEPTH + 2)


def _event_groups(value: dict[str, Any], cls: type, allow_nan: bool) -> _Groups:
    """Corruptions of the event as a whole: its tag, keys, version and custom fields."""
    at = ("type",)
    tags = [
        _Variant("bad tag", (), at, f"'type' became {bad!r}", sets=((at, bad),))
        for bad in ("coup", 3)
    ]
    tags.append(_Variant("bad tag", (), at, "deleted 'type'", deletes=(at,)))
    fields = {field.name for field in plan_for(cls).fields}
    version = _replace(("diplomev",), _ABSENT, "unsupported version", ["2", "0.9", 1])
    nan = []
    if allow_nan:
        nan = [
            _Variant(
                "not finite",
                (key,),
                (key, *inner),
                f"added {key!r}: {_short(bad)}",
                sets=(((key,), bad),),
            )
            for key, bad, inner in _NAN_EXTENSIONS
            if key not in value
        ]
    deep = []
    if "x_deep" not in value:
        label: _Steps = ("x_deep", *(0,) * (MAX_JSON_DEPTH - 1))
        detail = f"added 'x_deep' nested {MAX_JSON_DEPTH + 2} deep"
        deep.append(
            _Variant(
                "nested too deeply",
                ("x_deep",),
                label,
                detail,
                sets=((("x_deep",), _TOO_DEEP),),
            )
        )
    return _groups(
        _unknown_keys((), value, [key for key in _EVENT_UNKNOWN_KEYS if key not in fields]),
        _missing_fields((), value, cls),
        version,
        nan,
        deep,
        tags,
    )


def _json_leaves(value: Any, steps: _Steps) -> Iterable[_Steps]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_leaves(item, (*steps, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _json_leaves(item, (*steps, key))
    else:
        yield steps


def _extension_groups(steps: _Steps, value: Any, allow_nan: bool) -> _Groups:
    """Corruptions of a custom ``x_`` field: a non-finite number inside it, or depth."""
    nan = []
    if allow_nan:
        for leaf in [steps, *list(_json_leaves(value, steps))[:3]]:
            nan.append(_Variant("not finite", leaf, leaf, "put nan in", sets=((leaf, math.nan),)))
    label = (*steps, *(0,) * (MAX_JSON_DEPTH - 1))
    deep = _Variant(
        "nested too deeply",
        steps,
        label,
        f"nested the value {MAX_JSON_DEPTH + 2} deep",
        sets=((steps, _TOO_DEEP),),
    )
    return _groups(nan, [deep])


_Node = tuple[int, Callable[[], _Groups]]


def _walk_record(
    value: dict[str, Any],
    cls: type,
    steps: _Steps,
    nodes: list[_Node],
    allow_nan: bool,
    *,
    tag: str | None = None,
    single: bool = True,
    nullable: bool = False,
) -> None:
    if steps:
        nodes.append(
            (
                len(steps),
                functools.partial(_record_groups, steps, value, cls, tag, single, nullable),
            )
        )
    else:
        nodes.append((0, functools.partial(_event_groups, value, cls, allow_nan)))
    for field in plan_for(cls).fields:
        if isinstance(field.shape, ExtensionMap):
            continue
        at = (*steps, field.name)
        if field.name in value:
            _walk_value(value[field.name], field.shape, at, nodes, allow_nan, nullable=False)
        else:
            nodes.append((len(at), functools.partial(_absent_groups, at, field.shape, allow_nan)))
    if not steps:
        for key, item in value.items():
            if isinstance(key, str) and key.startswith("x_"):
                nodes.append((1, functools.partial(_extension_groups, (key,), item, allow_nan)))


def _walk_value(
    value: Any, shape: Shape, steps: _Steps, nodes: list[_Node], allow_nan: bool, *, nullable: bool
) -> None:
    if isinstance(shape, Optional):
        _walk_value(value, shape.inner, steps, nodes, allow_nan, nullable=True)
    elif isinstance(shape, Record):
        tag = _ACTOR_TAGS.get(shape.cls)
        _walk_record(value, shape.cls, steps, nodes, allow_nan, tag=tag, nullable=nullable)
    elif isinstance(shape, OneOf):
        tag = value["type"]
        cls = _ACTOR_CLASSES_BY_TAG[tag]
        _walk_record(value, cls, steps, nodes, allow_nan, tag=tag, single=False, nullable=nullable)
    elif isinstance(shape, Items):
        nodes.append((len(steps), functools.partial(_list_groups, steps, shape, value)))
        for index, item in enumerate(value):
            _walk_value(item, shape.inner, (*steps, index), nodes, allow_nan, nullable=False)
    else:
        groups = functools.partial(_scalar_groups, steps, shape, value, nullable, allow_nan)
        nodes.append((len(steps), groups))


def _apply(data: dict[str, Any], variant: _Variant) -> None:
    for steps in variant.deletes:
        parent: Any = data
        for step in steps[:-1]:
            parent = parent[step]
        parent.pop(steps[-1], None)
    for steps, value in variant.sets:
        parent = data
        for step in steps[:-1]:
            parent = parent[step]
        parent[steps[-1]] = copy.deepcopy(value)


# Every kind of corruption, in the order examples shrink towards.
_KINDS = (
    "unknown key",
    "wrong type",
    "missing field",
    "blank string",
    "unknown country code",
    "unknown vocabulary value",
    "impossible date",
    "malformed date",
    "out of range",
    "not finite",
    "too few items",
    "bad tag",
    "incomplete record",
    "broken quote span",
    "unsupported version",
    "nested too deeply",
)


@st.composite
def _invalid_records(
    draw: st.DrawFn,
    records: SearchStrategy[Event],
    counts: SearchStrategy[int],
    allow_nan: bool,
) -> InvalidRecord:
    event = draw(records)
    data = copy.deepcopy(to_dict(event))
    nodes: list[_Node] = []
    _walk_record(data, type(event), (), nodes, allow_nan)
    # Corruptions by kind, shallow parts first. Drawing the kind first keeps a failing
    # example's kind of corruption while the event under it shrinks.
    by_kind: dict[str, list[list[_Variant]]] = {}
    for _, groups in sorted(nodes, key=lambda node: node[0]):
        for group in groups():
            by_kind.setdefault(group[0].kind, []).append(group)
    chosen: list[_Variant] = []
    for _ in range(draw(counts)):
        first = draw(_indices(len(_KINDS)))
        kind = next(
            kind
            for kind in (_KINDS[(first + offset) % len(_KINDS)] for offset in range(len(_KINDS)))
            if kind in by_kind
        )
        variant = _pick(draw, _pick(draw, by_kind[kind]))
        if not any(_overlap(variant.footprint, other.footprint) for other in chosen):
            chosen.append(variant)
    for variant in chosen:
        _apply(data, variant)
    corruptions = tuple(Corruption(_path(v.label), v.kind, v.detail) for v in chosen)
    return InvalidRecord(data, corruptions)


def invalid_records(
    kinds: Iterable[type[Event]] | None = None,
    *,
    max_corruptions: int = 3,
    allow_nan: bool = True,
) -> SearchStrategy[InvalidRecord]:
    """Wire dicts of valid events with one to ``max_corruptions`` targeted corruptions.

    Each draw is an `InvalidRecord`: ``data``, the ``to_dict`` of an event drawn by
    `events` (of ``kinds``) with changes made at any depth, and ``corruptions``, each
    with the JSON path that an error report must name. Corruptions never hide one
    another, so `diplomev.from_dict` reports every path in ``paths``. Kinds of corruption:

    - ``wrong type`` (``12345`` for a string, an object for an array, ``null`` where a
      value is required), ``blank string``, ``unknown key`` (``x_`` keys too, except at
      the top of an event), ``missing field`` (a required one), ``too few items``;
    - ``out of range`` (a latitude of 90.5, a negative offset, a rate of ``10**400``),
      ``not finite`` (NaN or infinity, in a number field or inside an ``x_`` value);
    - ``impossible date`` (``2026-02-30``, an interval that ends before it starts),
      ``malformed date`` (``20260105``, ``2026-W02-1``, times);
    - ``unknown country code``, ``unknown vocabulary value`` (``"finished"`` as a status),
      ``bad tag`` (an unknown or missing ``"type"``), ``unsupported version``;
    - ``incomplete record`` (a person with neither name nor office, a source with
      neither url nor title, a latitude without its longitude), ``broken quote span``
      (offsets that do not fit the text), ``nested too deeply`` (an ``x_`` value).

    With ``allow_nan=False`` no corruption puts NaN or infinity in the record, so
    ``json.dumps(record.data, allow_nan=False)`` is JSON text that `diplomev.loads`
    refuses at the same paths.

    >>> import diplomev
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(invalid_records())
    ... def test_refused_where_labelled(record):
    ...     try:
    ...         diplomev.from_dict(record.data)
    ...     except diplomev.ValidationError as e:
    ...         assert record.paths <= set(e.paths)
    ...     else:
    ...         raise AssertionError(f"accepted {record}")
    >>> test_refused_where_labelled()
    """
    if isinstance(max_corruptions, bool) or not isinstance(max_corruptions, int):
        raise InvalidArgument(f"max_corruptions must be an integer, got {max_corruptions!r}")
    if max_corruptions < 1:
        raise InvalidArgument(f"max_corruptions must be at least 1, got {max_corruptions}")
    return _invalid_records(events(kinds), st.integers(1, max_corruptions), bool(allow_nan))
