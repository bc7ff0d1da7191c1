"""Read actors as news text names them: "South Korean President Lee Jae Myung", "Seoul".

`parse_actor` turns a phrase into a `Country`, `Person` or `Organization`:

>>> parse_actor("South Korean President Lee Jae Myung")
Person(name='Lee Jae Myung', office='President', country='KOR', affiliation=None)
>>> parse_actor("Seoul")
Country(code='KOR')
>>> parse_actor("China\u2019s Ministry of Commerce")
Organization(name='Ministry of Commerce', kind=<OrganizationKind.GOVERNMENT: 'government'>, country='CHN')

What it reads
-------------
- A country as the whole phrase: a code, name, alias, demonym or capital ("Seoul",
  "the United States"), through `diplomev.reading.countries`. Capitals are metonyms for the
  state: "Seoul" is ``Country(code="KOR")``.
- A known organization ("the European Union", "NATO", "National People's Congress").
- A person: ``[modifier] [country] [modifier] title [of country] [name] [of|for organization]``:
  "U.S. House Speaker Nancy Pelosi", "Premier Li Qiang", "the South Korean president"
  (an office without a name), "former President Moon Jae-in", "Foreign Minister Wang Yi of
  China", "Professor Park Seung-chan of Yongin University" (the organization becomes the
  affiliation). The country comes from a demonym, a name or a possessive before the office
  ("China's"), from "of <country>", or from the office itself when the office exists in
  one country only (the chairman of the National People's Congress is Chinese). It is never
  guessed: "Premier Li Qiang" has no country. An appositive works too: "Xi Jinping, China's
  president". Modifiers may stand before the country ("former U.S. President Donald Trump",
  "then-U.S. Secretary of State Mike Pompeo"); "then" and "unnamed" add nothing to the title.
- A title is an office of the table with its modifiers, extended by ``of`` and ``for`` and a
  portfolio ("Under Secretary of Commerce for Industry and Security", "Special Envoy for
  Climate", "Special Envoy for North Korea"), and, for an envoy, by ``to`` and the receiving
  country or organization ("U.S. Ambassador to India Eric Garcetti": the United States
  sends him, India is in his title; "Ambassador to Belgrade" is "Ambassador to Serbia").
- A person of an organization: ``organization title [name]`` or ``title [name] for|of
  organization`` ("China Coast Guard spokesperson Gan Yu", "Chinese Foreign Ministry
  spokesperson Mao Ning", "Gan Yu, spokesperson for China Coast Guard"): the organization
  is the affiliation, and the country of a state body or a party is the person's.
- An office holder the text does not name: "a senior U.S. official", "Indian officials" (a
  plural title at the end of the phrase), "the South Korean president". An article ("a",
  "an") introduces no one else: "a Chinese company" is refused.
- An organization: ``[country's] name``, its kind told by the head word of its name
  ("Ministry of Commerce": government; "Yongin University": university). A country before a
  state body (government, legislature, military, court) is split off as its country
  ("Chinese Ministry of Commerce"); before a proper name (a university, a company, a
  newspaper) it stays part of the name ("Korea University", country unknown), unless it is
  a possessive ("Korea's Samsung Electronics").
- A bare name of two or more words, as a person ("Xi Jinping").

Offices are normalized through a reviewed table: "FM", "Foreign Minister", "foreign
minister" and "Minister of Foreign Affairs" are all ``"Foreign Minister"``. "Leader" is a
description, not an office: "Chinese leader Xi Jinping" is Xi, of China, with no office (the
text does not say which office he holds), while "Supreme Leader" is an office.
Text it cannot read, or that names more than one country ("Korean President Lee"), raises
`ValidationError` saying why.

The tables
----------
``diplomev/data/offices.json`` holds five tables and ``diplomev/data/organizations.json``
the sixth, ``organizations``, loaded on the first use:

.. code-block:: json

    {
      "format": 1,
      "notes": ["free text: provenance and policy"],
      "offices": {
        "Foreign Minister": {"sector": "GOV", "variants": ["FM", "Minister of Foreign Affairs"]},
        "Chairman of the National People's Congress":
            {"sector": "GOVLEG", "country": "CHN", "variants": ["NPC Chairman"]}
      },
      "modifiers": {"former": {"prefix": "Former", "sector": "ELI"},
                    "vice": {"prefix": "Vice", "sector": null}},
      "heads": {"government": ["ministry", "department"], "university": ["university"]},
      "descriptions": ["leader"],
      "portfolios": ["affairs", "security", "industry"]
    }

.. code-block:: json

    {
      "format": 1,
      "notes": ["free text: where each part came from, and its licence"],
      "organizations": {
        "European Union": {"kind": "igo", "cameo": "IGOEUREEC", "variants": ["EU", "E.U."]},
        "Taliban": {"kind": "other", "country": "AFG", "cameo": "AFGREB"}
      },
      "name_words": {"party": "party", "forum": null},
      "places": ["West Bank"],
      "place_words": ["strip"]
    }

- ``offices``: each normalized title with its CAMEO role suffix (``sector``, one or more
  3-letter groups such as ``GOV``, ``GOVMIL``, ``LEG``, ``EDU``; null when the title alone
  tells no sector), the country of a country-specific office, the variants news writes, and
  ``"mission": true`` for an envoy's title, which takes ``to`` ("Ambassador to India").
- ``modifiers``: words before a title; the prefix joins the title ("Vice Foreign
  Minister"), and a sector replaces the title's (a former official is ``ELI``).
- ``organizations``: the bodies news and event files name most (IGOs, parties, armed
  groups, central banks and agencies, NGOs, news media), with their kind, country (none for
  an international body, or for a name several countries' bodies share) and CAMEO actor
  code (null: the code follows from kind and country). ``name_words``, ``places`` and
  ``place_words`` are for the event-file importers (`diplomev.interop`): words that make a
  name an organization's, and names and last words that make it a place's.
- ``heads``: head words of organization names and the kind each tells.
- ``descriptions``: words that stand where a title would but name no office; a person so
  described has a name and a country, and no office.
- ``portfolios``: the words a portfolio may end with; the words before them may be any, so
  that "for Industry and Security Alan Estevez" is a portfolio and a name, not one or the
  other. A portfolio that is an organization's name ("of the Ministry of Foreign Affairs")
  is the affiliation instead.

Titles, variants and names match whole words, case-insensitively, ignoring accents, dots
("U.S."), apostrophes (typographic or not) and hyphens or dashes ("Vice-President"): words
are folded by `diplomev._text.fold`, as every reader of names does. Text longer than
`diplomev._text.MAX_NAME_LENGTH` characters names no actor.
"""

from __future__ import annotations

import re

import attrs

from diplomev._json import json_type_name
from diplomev._text import is_too_long
from diplomev.actors import Actor, Country, CountryCode, Person
from diplomev.errors import ValidationError
from diplomev.reading._actor_grammar import (
    _AMBIGUOUS_RANK,
    _name_problem,
    _read,
    _short_repr,
    _Unreadable,
)
from diplomev.reading._offices import (
    _APOSTROPHES,
    OfficeInfo,
    OrganizationInfo,
    _Tables,
    _tables,
    _tokens,
    lookup_office,
    lookup_organization,
)
from diplomev.reading.countries import _describe, country_candidates

__all__ = ["OfficeInfo", "OrganizationInfo", "lookup_office", "lookup_organization", "parse_actor"]


# An abbreviation after a name, "(AFP)": dropped before reading.
_ABBREVIATION = re.compile(r" \((?:[A-Z]\.?){2,8}\)(?= |$)")


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = _ABBREVIATION.sub("", text)
    text = text.rstrip(",;:")
    last = text.rsplit(" ", 1)[-1]
    if last.endswith(".") and len(last) > 4 and "." not in last[:-1]:
        text = text[:-1]  # a sentence's full stop, not an abbreviation's ("Inc.", "U.S.")
    if text[:4].casefold() == "the ":
        text = text[4:]
    return text.strip()


def parse_actor(text: str) -> Actor:
    """Read a news phrase naming an actor; raise `ValidationError` (path ``$``) saying why not.

    See the module docstring for the forms it reads.

    >>> parse_actor("Premier Li Qiang")
    Person(name='Li Qiang', office='Premier', country=None, affiliation=None)
    >>> parse_actor("National People\u2019s Congress Chairman Zhao Leji").office
    "Chairman of the National People's Congress"
    >>> parse_actor("the South Korean president")
    Person(name=None, office='President', country='KOR', affiliation=None)
    >>> parse_actor("Professor Park Seung-chan of Yongin University").affiliation
    Organization(name='Yongin University', kind=<OrganizationKind.UNIVERSITY: 'university'>, country=None)
    >>> parse_actor("the European Union")
    Organization(name='European Union', kind=<OrganizationKind.IGO: 'igo'>, country=None)
    >>> parse_actor("Korean President Lee")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: ambiguous country 'Korean' in 'Korean President Lee': could be KOR (South Korea), PRK (North Korea)
    """
    if not isinstance(text, str):
        raise ValidationError.at("$", f"expected a string, got {json_type_name(text)}")
    if is_too_long(text):
        raise ValidationError.at(
            "$", f"text of {len(text)} characters is too long to read as an actor"
        )
    tables = _tables()
    cleaned = _clean(text.translate(_APOSTROPHES))
    if not cleaned:
        raise ValidationError.at("$", "empty text names no actor")
    codes = country_candidates(cleaned)
    if len(codes) == 1:
        return Country(code=CountryCode(codes[0]))
    if codes:
        raise ValidationError.at(
            "$", f"ambiguous country {_short_repr.repr(cleaned)}: could be {_describe(codes)}"
        )
    known = lookup_organization(cleaned)
    if known is not None:
        return known.to_organization()
    try:
        indefinite = _read_indefinite(tables, cleaned)
        if indefinite is not None:
            return indefinite
        if ", " in cleaned:
            try:
                return _read_appositive(tables, cleaned)
            except _Unreadable:
                pass
        return _read(tables, cleaned)
    except _Unreadable as failure:
        message = failure.reason
        if failure.rank < _AMBIGUOUS_RANK:
            message = f"cannot read {_short_repr.repr(text)} as an actor: {message}"
        raise ValidationError.at("$", message) from None


def _read_indefinite(tables: _Tables, text: str) -> Person | None:
    """Read "a senior U.S. official": an office holder the text does not name.

    Returns None when the first word is no article ("An Cheol-soo" is a name).
    """
    first, _, rest = text.partition(" ")
    if first.casefold() not in ("a", "an") or not rest:
        return None
    article = first.islower() or rest[:1].islower()  # not a name's first word
    try:
        actor: Actor | None = _read(tables, rest)
    except _Unreadable:
        if article:
            raise
        actor = None
    if isinstance(actor, Person) and actor.name is None:
        return actor
    if article:
        raise _Unreadable(
            f"{first!r} introduces an actor the text does not name, and only a title ('a "
            "senior official') can stand for one"
        )
    return None


def _read_appositive(tables: _Tables, text: str) -> Actor:
    """Read "Xi Jinping, China's president": a name, then what the person is."""
    name, _, description = text.partition(", ")
    description = _clean(description)
    name_tokens = _tokens(name)
    problem = _name_problem(name_tokens) if name_tokens else "no name before the comma"
    if problem is not None:
        raise _Unreadable(problem)
    codes = country_candidates(description)
    if len(codes) == 1:
        return Person(name=name, country=CountryCode(codes[0]))
    described = _read(tables, description)
    if isinstance(described, Person) and described.name is None:
        return attrs.evolve(described, name=name)
    raise _Unreadable(f"{description!r} does not describe a person")
