"""Make ``st.from_type`` draw diplomev records, through hypothesis's ``hypothesis`` entry point.

The package declares, in ``pyproject.toml``::

    [project.entry-points.hypothesis]
    diplomev = "diplomev._hypothesis_plugin:_hypothesis_setup_hook"

so that hypothesis, when it is imported in a project where diplomev is installed, calls
`_hypothesis_setup_hook`. The hook registers a resolver for every public record type,
`EventDate`, `PartialDate` and the abstract `Event` (a country code is a plain
``str`` to hypothesis, as to a type checker: draw one with ``strategies.country_codes()``): a user's test can then
write ``@given(st.from_type(diplomev.Visit))`` without importing `diplomev.strategies`.

A kind a user registers with `diplomev.register_event_type` is not known here; register
it the same way: ``st.register_type_strategy(Ceasefire, events([Ceasefire]))``.

Importing this module is cheap and never imports hypothesis; the hook imports it (it is
always installed when the hook runs) and `diplomev.strategies` is imported only when
``st.from_type`` first asks for one of diplomev's types.

>>> sorted(_STRATEGIES)[:3]
['Agreement', 'Amount', 'Ballot']
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

# The name of each type in the ``diplomev`` namespace, and of its strategy in
# `diplomev.strategies`: as text, so that neither is imported before it is needed.
_STRATEGIES = {
    "Event": "events",
    "Summit": "summits",
    "Visit": "visits",
    "Dispute": "disputes",
    "TradeIssue": "trade_issues",
    "Country": "countries",
    "Person": "persons",
    "Organization": "organizations",
    "Location": "locations",
    "Source": "sources",
    "Quote": "quotes",
    "Link": "links",
    "Meeting": "meetings",
    "DisputeParty": "dispute_parties",
    "Agreement": "agreements",
    "Statement": "statements",
    "DiplomaticAction": "diplomatic_actions",
    "Vote": "votes",
    "Amount": "amounts",
    "Tally": "tallies",
    "Ballot": "ballots",
    "EventDate": "event_dates",
    "PartialDate": "partial_dates",
}


@functools.cache
def _strategy(name: str) -> SearchStrategy[Any]:
    """Return the strategy `diplomev.strategies` names ``name``, built once."""
    module = importlib.import_module("diplomev.strategies")
    strategy: SearchStrategy[Any] = getattr(module, name)()
    return strategy


def _resolver(name: str, _type: object) -> SearchStrategy[Any]:
    """Resolve a registered type: hypothesis calls this each time it needs the strategy."""
    return _strategy(name)


def _hypothesis_setup_hook() -> None:
    """Register diplomev's strategies with ``st.from_type``; hypothesis calls this on import.

    Registering is lazy: `diplomev.strategies` is imported on first use, not here.

    >>> import diplomev
    >>> from hypothesis import given, settings
    >>> from hypothesis import strategies as st
    >>> _hypothesis_setup_hook()
    >>> @settings(max_examples=5, derandomize=True)
    ... @given(st.from_type(diplomev.Summit))
    ... def test_summits(summit):
    ...     assert diplomev.loads(diplomev.dumps(summit)) == summit
    >>> test_summits()
    """
    from hypothesis import strategies as st

    import diplomev

    for type_name, strategy_name in _STRATEGIES.items():
        st.register_type_strategy(
            getattr(diplomev, type_name), functools.partial(_resolver, strategy_name)
        )
