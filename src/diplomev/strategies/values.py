"""Strategies of plain values (dates, ids, urls, JSON) and the combinators the others use.

Hypothesis validates each new strategy object on its first draw, which costs far more
than drawing from it; so what is drawn often is built once, here, at import.

>>> from hypothesis import given, settings
>>> @settings(max_examples=10, derandomize=True)
... @given(SLUGS, URLS)
... def test_ids_and_urls(slug, url):
...     assert "-" in slug and url.startswith("https://")
>>> test_ids_and_urls()
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from hypothesis import strategies as st

from diplomev._json import EMPTY_OBJECT
from diplomev.dates import Bound, EventDate, PartialDate
from diplomev.strategies import vocabulary as vocab

T = TypeVar("T")
SearchStrategy = st.SearchStrategy

# --- combinators ----------------------------------------------------------------------------


def tuples(
    elements: SearchStrategy[T], *, min_size: int = 0, max_size: int, unique: bool = False
) -> SearchStrategy[tuple[T, ...]]:
    """Draw tuples of a few elements, as records hold them."""
    return st.lists(elements, min_size=min_size, max_size=max_size, unique=unique).map(tuple)


def words(vocabulary: Sequence[str], *, max_size: int = 3) -> SearchStrategy[tuple[str, ...]]:
    """Draw a few distinct entries of a vocabulary (topics, sectors, ...)."""
    return tuples(st.sampled_from(vocabulary), max_size=max_size, unique=True)


def rarely(strategy: SearchStrategy[T], *, odds: int = 4) -> SearchStrategy[T | None]:
    """Draw None, except one time in ``odds`` a value; shrink to None."""

    def choose(n: int) -> SearchStrategy[T | None]:
        return strategy if n == odds - 1 else st.none()

    return st.integers(0, odds - 1).flatmap(choose)


def mostly(
    common: SearchStrategy[T], rare: SearchStrategy[T], *, odds: int = 5
) -> SearchStrategy[T]:
    """Draw ``common`` values, but one time in ``odds`` a ``rare`` one; shrink to ``common``."""

    def choose(n: int) -> SearchStrategy[T]:
        return rare if n == odds - 1 else common

    return st.integers(0, odds - 1).flatmap(choose)


def maybe(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    """Draw None or a value, about half and half; shrink to None."""
    return st.none() | strategy


@functools.cache
def _indices(count: int) -> SearchStrategy[int]:
    # Built once per count: a new strategy costs more on its first draw than a draw does.
    return st.integers(0, count - 1)


def pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """Draw one of ``items`` inside a composite strategy; shrinks towards the first.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, derandomize=True)
    ... @given(st.data())
    ... def test_pick(data):
    ...     assert pick(data.draw, "abc") in "abc"
    >>> test_pick()
    """
    return items[draw(_indices(len(items)))] if len(items) > 1 else items[0]


FRACTION = st.integers(0, 1000)


def day_between(draw: st.DrawFn, low: datetime.date, high: datetime.date) -> EventDate:
    """Draw a single day from ``low`` to ``high``; shrink to ``low``."""
    day = low + datetime.timedelta(days=(high - low).days * draw(FRACTION) // 1000)
    return EventDate.day(day.year, day.month, day.day)


# --- ids, urls, days ------------------------------------------------------------------------

SLUGS = st.builds(
    "-".join, st.lists(st.sampled_from(vocab.SLUG_WORDS), min_size=2, max_size=4, unique=True)
)
URLS = st.builds(
    "https://{}/{}/{}/{}".format,
    st.sampled_from(vocab.DOMAINS),
    st.sampled_from(vocab.SECTIONS),
    st.integers(1990, 2030),
    SLUGS,
)
DAYS = st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31))
PERSON_NAMES = mostly(
    st.builds(
        "{} {}".format, st.sampled_from(vocab.GIVEN_NAMES), st.sampled_from(vocab.FAMILY_NAMES)
    )
    | st.builds(
        "{} {}".format, st.sampled_from(vocab.FAMILY_NAMES), st.sampled_from(vocab.GIVEN_NAMES)
    ),
    st.sampled_from(vocab.NATIVE_NAMES),
)

# --- dates ----------------------------------------------------------------------------------

# Most events are recent (1986-2030); a few are historical, down to the year 1.
_YEARS = mostly(st.integers(-4, 40).map(lambda back: 2026 - back), st.integers(1, 2100), odds=10)
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


PARTIAL_DATES = _partial_dates()
_INTERVAL_FORMS = st.sampled_from(
    ("dates", "open end", "unknown end", "open start", "unknown start")
)


@st.composite
def _intervals(draw: st.DrawFn) -> EventDate:
    form = draw(_INTERVAL_FORMS)
    if form == "dates":
        # Sorted by their first day, the later end cannot end before the earlier starts.
        first, second = sorted(
            (draw(PARTIAL_DATES), draw(PARTIAL_DATES)), key=lambda d: (d.lower(), d.upper())
        )
        return EventDate(first, second)
    known = draw(PARTIAL_DATES)
    bound = Bound.OPEN if form.startswith("open") else Bound.UNKNOWN
    if form.endswith("end"):
        return EventDate(known, bound)
    return EventDate(bound, known)


EVENT_DATES = mostly(st.builds(EventDate, PARTIAL_DATES), _intervals(), odds=3)

# --- JSON, as a tool writes it into x_ fields ----------------------------------------------

# Any text but lone surrogates (which UTF-8 cannot encode). Said by category, not with
# codec="utf-8": hypothesis works a codec's characters out afresh, for seconds, in each
# new folder (its cache lives there), while it ships the categories.
_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
_ANY_TEXT = st.text(st.characters(exclude_categories=_SURROGATES), max_size=12)
_JSON_SCALARS: SearchStrategy[Any] = (
    # Mostly words a tool would write; now and then any text.
    mostly(st.sampled_from(vocab.JSON_WORDS), _ANY_TEXT)
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.none()
)
JSON_VALUES: SearchStrategy[Any] = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(vocab.JSON_KEYS), inner, max_size=3)
    ),
    max_leaves=6,
)
EXTENSIONS = st.dictionaries(st.sampled_from(vocab.EXTENSION_KEYS), JSON_VALUES, max_size=3)
# An event's own x_ fields: none (the field's default) most of the time.
EVENT_EXTENSIONS = rarely(
    st.dictionaries(st.sampled_from(vocab.EXTENSION_KEYS), JSON_VALUES, min_size=1, max_size=3)
).map(lambda custom: custom or EMPTY_OBJECT)
