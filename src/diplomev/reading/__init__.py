"""Readers of news phrasing: dates, countries and actors as reporters write them.

These turn phrases ("Monday", "since November", "South Korean President Lee Jae Myung")
into the small value types of diplomev, correctly or with a `ValidationError` that says
why, never with a silent guess. They are kept apart from the value types, so that
`EventDate` or `Person` can be used without the grammar around them.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diplomev.reading import actors as actors
    from diplomev.reading import countries as countries
    from diplomev.reading import dates as dates
else:
    from diplomev._lazy import lazy_attributes

    # ``diplomev.reading.dates`` and the others work as attributes, imported on first use.
    __getattr__, __dir__ = lazy_attributes(
        globals(),
        {
            "actors": "diplomev.reading.actors",
            "countries": "diplomev.reading.countries",
            "dates": "diplomev.reading.dates",
        },
    )
