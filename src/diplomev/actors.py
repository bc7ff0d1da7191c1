"""Who acts in an event: countries, persons and organizations.

Fields that take any actor hold one of these three classes; on the wire each carries its
own ``"type"`` tag (``country``, ``person``, ``organization``). Fields typed as a country
(a visit's ``host``, a person's ``country``) hold the alpha-3 code as a plain string.

>>> lee = Person(name="Lee Jae Myung", office="President", country="KOR")
>>> lee.country
'KOR'
>>> Country(code="CHN").name
'China'
"""

from __future__ import annotations

import enum
from typing import TypeAlias

import attrs

from diplomev.countries import country_name
from diplomev.model.convert import to_enum
from diplomev.model.plans import CountryCode, Validated
from diplomev.model.registry import actor_type
from diplomev.model.rules import AnyOf

__all__ = ["Actor", "Country", "CountryCode", "Organization", "OrganizationKind", "Person"]


class OrganizationKind(enum.StrEnum):
    """What sort of body an `Organization` is.

    >>> OrganizationKind("university") is OrganizationKind.UNIVERSITY
    True
    """

    GOVERNMENT = "government"
    LEGISLATURE = "legislature"
    MILITARY = "military"
    PARTY = "party"
    IGO = "igo"
    NGO = "ngo"
    COURT = "court"
    COMPANY = "company"
    UNIVERSITY = "university"
    MEDIA = "media"
    COMMUNITY = "community"
    OTHER = "other"


@actor_type("country")
@attrs.frozen(kw_only=True)
class Country(Validated):
    """A state acting as such ("China", "Seoul said"), by ISO 3166-1 alpha-3 code.

    The name is derived from the code, not stored.

    >>> Country(code="KOR")
    Country(code='KOR')
    >>> Country(code="KOR").name
    'South Korea'
    """

    code: CountryCode

    @property
    def name(self) -> str:
        """The English (CLDR) name of the country.

        >>> Country(code="XKX").name
        'Kosovo'
        """
        return country_name(self.code)


@actor_type("organization")
@attrs.frozen(kw_only=True)
class Organization(Validated):
    """A body that acts or is met: a ministry, a legislature, a university, a community.

    >>> Organization(name="Yongin University", kind="university", country="KOR").kind
    <OrganizationKind.UNIVERSITY: 'university'>
    """

    name: str
    kind: OrganizationKind = attrs.field(
        default=OrganizationKind.OTHER, converter=to_enum[OrganizationKind]
    )
    country: CountryCode | None = None


@actor_type("person")
@attrs.frozen(kw_only=True)
class Person(Validated):
    """A named person, or an office holder the article does not name.

    At least one of ``name`` and ``office`` is given. ``office`` is normalized by the
    tool that builds the record ("Chairman of the National People's Congress").

    >>> Person(office="President", country="KOR").name is None
    True
    >>> Person(country="KOR")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: a person needs a name or an office
    """

    name: str | None = None
    office: str | None = None
    country: CountryCode | None = None
    affiliation: Organization | None = None

    constraints = (AnyOf("name", "office", message="a person needs a name or an office"),)


#: Any actor: a `Country`, a `Person` or an `Organization`.
Actor: TypeAlias = Country | Person | Organization
