"""The strategies of valid records, each a view of the one kit (see `diplomev.strategies.kit`).

Every record class is drawn by the same walk over its fields, with `realistic` values
where diplomev knows them; the strategies here pick the class, and for `events` the
kinds, the dates and the countries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from diplomev.actors import Actor, Country, CountryCode, Organization, Person
from diplomev.countries import country_codes as known_codes
from diplomev.dates import EventDate, PartialDate
from diplomev.places import Location
from diplomev.records import (
    Agreement,
    Amount,
    Ballot,
    DiplomaticAction,
    Dispute,
    DisputeParty,
    Event,
    Link,
    Meeting,
    Statement,
    Summit,
    Tally,
    TradeIssue,
    Visit,
    Vote,
    event_type_name,
)
from diplomev.sources import Quote, Source
from diplomev.strategies.kit import kit
from diplomev.strategies.values import EVENT_DATES, EXTENSIONS, PARTIAL_DATES, SearchStrategy

#: The kinds `events` draws unless told which.
BUILT_IN: tuple[type[Event], ...] = (
    Summit,
    Visit,
    Dispute,
    TradeIssue,
    Agreement,
    Statement,
    DiplomaticAction,
    Vote,
)


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
    return PARTIAL_DATES


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
    return EVENT_DATES


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
    return kit().code


def countries() -> SearchStrategy[Country]:
    """`Country` actors, with codes drawn as `country_codes` draws them.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(countries())
    ... def test_countries_have_names(country):
    ...     assert country.name
    >>> test_countries_have_names()
    """
    return kit().records(Country)


def persons() -> SearchStrategy[Person]:
    """`Person` actors: a name, an office or both, often a country, rarely an affiliation.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(persons())
    ... def test_persons_are_identified(person):
    ...     assert person.name or person.office
    >>> test_persons_are_identified()
    """
    return kit().records(Person)


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
    return kit().records(Organization)


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
    return kit().actor


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
    return kit().records(Location)


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
    return kit().records(Quote)


def sources() -> SearchStrategy[Source]:
    """`Source` records: a url, a headline or both, maybe a publisher, a day and quotes.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(sources())
    ... def test_sources_are_identified(source):
    ...     assert source.url or source.title
    >>> test_sources_are_identified()
    """
    return kit().records(Source)


def links() -> SearchStrategy[Link]:
    """`Link` records: a relation, the id of another event, now and then a note.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(links())
    ... def test_links_have_targets(link):
    ...     assert link.target
    >>> test_links_have_targets()
    """
    return kit().records(Link)


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
    return kit().records(Meeting)


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
    return kit().records(DisputeParty)


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
    return EXTENSIONS


def summits() -> SearchStrategy[Summit]:
    """`Summit` events: two to four distinct participants, maybe a host, a forum, outcomes.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(summits())
    ... def test_summits_have_participants(summit):
    ...     assert len(set(summit.participants)) >= 2
    >>> test_summits_have_participants()
    """
    return kit().records(Summit)


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
    return kit().records(Visit)


def disputes() -> SearchStrategy[Dispute]:
    """`Dispute` events: one to three parties with positions, a kind, maybe a subject.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(disputes())
    ... def test_disputes_have_parties(dispute):
    ...     assert 1 <= len(dispute.parties) <= 3
    >>> test_disputes_have_parties()
    """
    return kit().records(Dispute)


def trade_issues() -> SearchStrategy[TradeIssue]:
    """`TradeIssue` events: imposers, targets and a measure; duties may carry a rate.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(trade_issues())
    ... def test_rates_are_not_negative(issue):
    ...     assert issue.rate_percent is None or issue.rate_percent >= 0
    >>> test_rates_are_not_negative()
    """
    return kit().records(TradeIssue)


def agreements() -> SearchStrategy[Agreement]:
    """`Agreement` events: parties, maybe signatories and witnesses, an instrument and stage.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(agreements())
    ... def test_agreements_bind_someone(agreement):
    ...     assert agreement.parties
    >>> test_agreements_bind_someone()
    """
    return kit().records(Agreement)


def statements() -> SearchStrategy[Statement]:
    """`Statement` events: speakers, maybe addressees, a channel and a purpose.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(statements())
    ... def test_statements_have_speakers(statement):
    ...     assert statement.speakers
    >>> test_statements_have_speakers()
    """
    return kit().records(Statement)


def diplomatic_actions() -> SearchStrategy[DiplomaticAction]:
    """`DiplomaticAction` events: who acts on whom and how, maybe the envoys and a count.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(diplomatic_actions())
    ... def test_counts_are_positive(action):
    ...     assert action.count is None or action.count >= 1
    >>> test_counts_are_positive()
    """
    return kit().records(DiplomaticAction)


def votes() -> SearchStrategy[Vote]:
    """`Vote` events: a body, a motion, a result, maybe a tally and named ballots within it.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(votes())
    ... def test_ballots_fit_the_tally(vote):
    ...     if vote.tally is not None and vote.tally.abstain is not None:
    ...         assert sum(b.vote.value == "abstain" for b in vote.ballots) <= vote.tally.abstain
    >>> test_ballots_fit_the_tally()
    """
    return kit().records(Vote)


def amounts() -> SearchStrategy[Amount]:
    """`Amount` values: a sum of zero or more in an ISO 4217 currency.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(amounts())
    ... def test_amounts(amount):
    ...     assert amount.value >= 0 and len(amount.currency) == 3
    >>> test_amounts()
    """
    return kit().records(Amount)


def tallies() -> SearchStrategy[Tally]:
    """`Tally` values: at least one count, each zero or more.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(tallies())
    ... def test_tallies_count_something(tally):
    ...     assert any(n is not None for n in (tally.yes, tally.no, tally.abstain, tally.absent))
    >>> test_tallies_count_something()
    """
    return kit().records(Tally)


def ballots() -> SearchStrategy[Ballot]:
    """`Ballot` values: a member and how it voted.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(ballots())
    ... def test_ballots_say_how(ballot):
    ...     assert ballot.vote.value in ("yes", "no", "abstain", "absent")
    >>> test_ballots_say_how()
    """
    return kit().records(Ballot)


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
    are drawn from their shapes, its declared rules are obeyed (an `AnyOf` always gets one
    of its fields), and drawn values its other checks reject are discarded.

    >>> from diplomev import Dispute, Summit
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(events([Summit, Dispute], countries=["KOR", "JPN"]))
    ... def test_narrowed(event):
    ...     assert isinstance(event, (Summit, Dispute))
    ...     assert event.location is None or event.location.country in (None, "KOR", "JPN")
    >>> test_narrowed()
    """
    chosen = BUILT_IN if kinds is None else tuple(kinds)
    if not chosen:
        raise InvalidArgument("events() needs at least one kind")
    for kind in chosen:
        try:
            event_type_name(kind)
        except (TypeError, KeyError):
            raise InvalidArgument(
                f"kinds must be registered Event subclasses, got {kind!r}"
            ) from None
    if dates is not None and not isinstance(dates, SearchStrategy):
        raise InvalidArgument(f"dates must be a strategy of EventDate, got {dates!r}")
    drawn_from = kit()
    if countries is not None:
        if isinstance(countries, str):
            raise InvalidArgument(f"countries is a list of codes, not one string: {countries!r}")
        codes = tuple(CountryCode(code) for code in countries)
        unknown = [code for code in codes if code not in known_codes()]
        if not codes or unknown:
            raise InvalidArgument(f"countries must be known alpha-3 codes, got {list(codes)!r}")
        drawn_from = kit(codes)
    if dates is None:
        return st.one_of([drawn_from.records(kind) for kind in chosen])
    return st.one_of([drawn_from.drawn(kind, {"date": dates}) for kind in chosen])
