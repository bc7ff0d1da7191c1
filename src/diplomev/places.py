"""Where an event happens.

>>> Location(name="Beijing", country="CHN", kind="city").kind
<LocationKind.CITY: 'city'>
"""

from __future__ import annotations

import enum

import attrs

from diplomev.model.convert import to_optional_enum
from diplomev.model.plans import CountryCode, Validated, limits
from diplomev.model.rules import AnyOf, Together

__all__ = ["Location", "LocationKind"]


class LocationKind(enum.StrEnum):
    """What sort of place a `Location` is.

    >>> LocationKind.SEA.value
    'sea'
    """

    CITY = "city"
    REGION = "region"
    COUNTRY = "country"
    SEA = "sea"
    ISLAND = "island"
    SITE = "site"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Location(Validated):
    """A place: a name, the country it lies in, optional coordinates (WGS 84 degrees).

    ``lat`` and ``lon`` come together or not at all; a disputed sea may have no country.

    >>> Location(name="Beijing", country="CHN", lat=39.9, lon=116.4).lat
    39.9
    >>> Location(name="Beijing", lat=139.9, lon=116.4)
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $.lat: must be at most 90, got 139.9
    """

    name: str | None = None
    country: CountryCode | None = None
    kind: LocationKind | None = attrs.field(default=None, converter=to_optional_enum[LocationKind])
    lat: float | None = attrs.field(default=None, metadata=limits(ge=-90.0, le=90.0))
    lon: float | None = attrs.field(default=None, metadata=limits(ge=-180.0, le=180.0))

    constraints = (
        Together("lat", "lon"),
        AnyOf(
            "name", "country", "lat", message="a location needs a name, a country or coordinates"
        ),
    )
