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
with `diplomev.register_event_type` works too, its own fields drawn from their shapes and
its declared rules obeyed), to dates from a strategy of your own, to a list of country
codes.

`invalid_records` draws the other side: wire dicts of valid events with targeted
corruptions, each labelled with the JSON path an error must name, for testing how a tool
handles what diplomev refuses.

Every record class is drawn by one generator (`diplomev.strategies.kit`), field by field
from its plan, with the realistic values of `diplomev.strategies.realistic` (drawn from
the lists of `diplomev.strategies.vocabulary`) where diplomev knows better than a field's
shape; invalid records (`diplomev.strategies.invalid`) take corruptions derived from the
same shapes and declared rules.

Installing diplomev also registers these strategies with hypothesis (through its
``hypothesis`` entry point), so ``st.from_type(diplomev.Visit)``, or `st.builds` of a class
with diplomev fields, works without importing this module.
"""

from __future__ import annotations

from diplomev.strategies.invalid import Corruption, InvalidRecord, invalid_records
from diplomev.strategies.valid import (
    actors,
    agreements,
    amounts,
    ballots,
    countries,
    country_codes,
    diplomatic_actions,
    dispute_parties,
    disputes,
    event_dates,
    events,
    extensions,
    links,
    locations,
    meetings,
    organizations,
    partial_dates,
    persons,
    quotes,
    sources,
    statements,
    summits,
    tallies,
    trade_issues,
    visits,
    votes,
)

__all__ = [
    "Corruption",
    "InvalidRecord",
    "actors",
    "agreements",
    "amounts",
    "ballots",
    "countries",
    "country_codes",
    "diplomatic_actions",
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
    "statements",
    "summits",
    "tallies",
    "trade_issues",
    "visits",
    "votes",
]
