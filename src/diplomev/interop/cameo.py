"""CAMEO actor codes for diplomev's actors.

A CAMEO actor code is a run of 3-letter groups, general to specific: the country, then the
role ("sector") groups. diplomev stores the parts (a person's country and office, an
organization's kind and country) and derives the code here, as PETRARCH does when it
multiplies an actor by an agent: ``KOR`` + President (``GOV``) is ``KORGOV``.

- A `Country` is its code: ISO 3166-1 alpha-3, which CAMEO uses, except where
  `CAMEO_COUNTRY_CODES` overrides it (Kosovo: diplomev's user-assigned ``XKX``, CAMEO's
  ``KSV``).
- A `Person` is their country (``---`` when unknown, as PETRARCH writes an agent found
  without an actor) and the sector of their office from the office table
  (`diplomev.reading.actors.lookup_office`): President, Premier, Foreign Minister are
  ``GOV``, a defence minister ``GOVMIL``, a speaker ``LEG``, the chairman of China's
  National People's Congress ``GOVLEG`` (PETRARCH's code for the NPC), a professor ``EDU``,
  a former official ``ELI``. Without a country, the office's own country is used (the NPC
  chairman is Chinese); an official of an IGO with no country takes the IGO's code. An
  office with no sector borrows one from the affiliation's kind.
- An `Organization` known to the organization table has its own code (the EU is
  ``IGOEUREEC``, the UN ``IGOUNO``, the NPC ``CHNGOVLEG``). Otherwise its country and kind
  make it: government ``GOV`` (a ministry takes its minister's sector: a defence ministry is
  ``GOVMIL``), legislature ``LEG``, military ``MIL``, court ``JUD``, party ``PTY``,
  university ``EDU``, company ``BUS``, media ``MED``, community ``CVL``, NGO ``NGO``; an
  IGO is ``IGO`` and an NGO without a country ``NGO``.

>>> from diplomev.actors import Country, Person
>>> cameo_code(Person(name="Lee Jae Myung", office="President", country="KOR"))
'KORGOV'
>>> cameo_code(Person(name="Li Qiang", office="Premier")), cameo_code(Country(code="XKX"))
('---GOV', 'KSV')
"""

from __future__ import annotations

from types import MappingProxyType

from diplomev._json import json_type_name
from diplomev.actors import Actor, Country, Organization, OrganizationKind, Person
from diplomev.errors import ValidationError
from diplomev.reading.actors import lookup_office, lookup_organization

__all__ = ["CAMEO_COUNTRY_CODES", "UNKNOWN_COUNTRY", "cameo_code", "cameo_country"]

#: Where CAMEO's country code differs from diplomev's alpha-3 code.
CAMEO_COUNTRY_CODES = MappingProxyType({"XKX": "KSV"})

#: CAMEO's country group for an actor whose country is unknown.
UNKNOWN_COUNTRY = "---"

_KIND_SECTORS = MappingProxyType(
    {
        OrganizationKind.GOVERNMENT: "GOV",
        OrganizationKind.LEGISLATURE: "LEG",
        OrganizationKind.MILITARY: "MIL",
        OrganizationKind.COURT: "JUD",
        OrganizationKind.PARTY: "PTY",
        OrganizationKind.UNIVERSITY: "EDU",
        OrganizationKind.COMPANY: "BUS",
        OrganizationKind.MEDIA: "MED",
        OrganizationKind.COMMUNITY: "CVL",
        OrganizationKind.NGO: "NGO",
        OrganizationKind.IGO: "IGO",
        OrganizationKind.OTHER: "",
    }
)


def cameo_country(code: str | None) -> str:
    """Return CAMEO's country group for an alpha-3 code, or ``---`` for None.

    >>> cameo_country("KOR"), cameo_country("XKX"), cameo_country(None)
    ('KOR', 'KSV', '---')
    """
    if code is None:
        return UNKNOWN_COUNTRY
    return CAMEO_COUNTRY_CODES.get(code, code)


def _ministry_sector(name: str) -> str | None:
    """Return the sector of a ministry's minister: "Ministry of Defense" is GOVMIL."""
    words = name.split()
    for index, word in enumerate(words):
        if word.casefold() == "ministry":
            office = lookup_office(" ".join([*words[:index], "Minister", *words[index + 1 :]]))
            if office is not None and office.sector is not None:
                return office.sector
    return None


def _organization_code(org: Organization) -> str:
    known = lookup_organization(org.name)
    if known is not None and known.cameo is not None:
        return known.cameo
    if org.kind is OrganizationKind.IGO:
        return "IGO"
    if org.kind is OrganizationKind.NGO and org.country is None:
        return "NGO"
    sector = _KIND_SECTORS[org.kind]
    if org.kind is OrganizationKind.GOVERNMENT:
        sector = _ministry_sector(org.name) or sector
    return cameo_country(org.country) + sector


def _person_code(person: Person) -> str:
    office = lookup_office(person.office) if person.office is not None else None
    sector = office.sector if office is not None else None
    affiliation = person.affiliation
    country: str | None = person.country
    if country is None and affiliation is not None:
        if affiliation.kind is OrganizationKind.IGO:
            return _organization_code(affiliation)
        country = affiliation.country
    if country is None and office is not None:
        country = office.country
    if sector is None and affiliation is not None:
        sector = _KIND_SECTORS[affiliation.kind]
        if affiliation.kind is OrganizationKind.GOVERNMENT:
            sector = _ministry_sector(affiliation.name) or sector
    return cameo_country(country) + (sector or "")


def cameo_code(actor: Actor) -> str:
    """Return the CAMEO actor code of a `Country`, `Person` or `Organization`.

    >>> from diplomev.actors import Organization, Person
    >>> cameo_code(Person(name="Zhao Leji", office="Chairman of the National People's Congress", country="CHN"))
    'CHNGOVLEG'
    >>> cameo_code(Organization(name="European Union", kind="igo"))
    'IGOEUREEC'
    >>> cameo_code(Organization(name="Ministry of Commerce", kind="government", country="CHN"))
    'CHNGOV'
    >>> cameo_code(Person(name="Nancy Pelosi", office="Speaker of the House of Representatives", country="USA"))
    'USALEG'
    """
    if isinstance(actor, Country):
        return cameo_country(actor.code)
    if isinstance(actor, Person):
        return _person_code(actor)
    if isinstance(actor, Organization):
        return _organization_code(actor)
    raise ValidationError.at(
        "$", f"expected a country, person or organization, got {json_type_name(actor)}"
    )
