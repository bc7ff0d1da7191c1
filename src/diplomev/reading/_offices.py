"""The office table of the actor reader: its words, its four tables, and lookups in them.

``diplomev/data/offices.json`` (described in `diplomev.reading.actors`) is read on first
use, and its keys are kept as the normalized words of each form, so that a phrase matches
them word by word whatever its case, accents, dots, apostrophes or hyphens. `lookup_office`
and `lookup_organization` are public through `diplomev.reading.actors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from diplomev._tables import load_table
from diplomev._text import fold, is_too_long
from diplomev.actors import CountryCode, Organization, OrganizationKind


@attrs.frozen(slots=True, kw_only=True)
class OfficeInfo:
    """A title as the office table reads it.

    ``title`` is the normalized office, ``sector`` its CAMEO role suffix (``"GOV"``,
    ``"GOVLEG"``, ``"EDU"``, ... or None when the title alone tells none) and ``country``
    the alpha-3 code of an office that exists in one country only.

    >>> lookup_office("NPC Chairman")
    OfficeInfo(title="Chairman of the National People's Congress", sector='GOVLEG', country='CHN')
    """

    title: str
    sector: str | None
    country: CountryCode | None


@attrs.frozen(slots=True, kw_only=True)
class OrganizationInfo:
    """A known organization: its name, kind, country and CAMEO code (None: by kind).

    >>> lookup_organization("E.U.")
    OrganizationInfo(name='European Union', kind=<OrganizationKind.IGO: 'igo'>, country=None, cameo='IGOEUREEC')
    """

    name: str
    kind: OrganizationKind
    country: CountryCode | None
    cameo: str | None

    def to_organization(self) -> Organization:
        """Return the `Organization` record for this body.

        >>> lookup_organization("NPC").to_organization().country
        'CHN'
        """
        return Organization(name=self.name, kind=self.kind, country=self.country)


# --- words ---------------------------------------------------------------------------

# Typographic apostrophes made straight in the text itself, before it is read: the text is
# kept (names, organizations), and possessives are told by "'s". The okina (U+02BB) is
# left alone here: it is a letter of Hawaiian and Tongan names, not an apostrophe.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# After `fold` (every apostrophe ``'``, every hyphen or dash ``-``, ASCII only): dropped.
_WORD_DROP = str.maketrans({".": None, "'": None, ",": None, '"': None})

Words = tuple[str, ...]


def _token_words(token: str) -> Words:
    """Return the normalized words of one token (hyphens and dashes split words).

    Tokens come from text no longer than `diplomev._text.MAX_NAME_LENGTH`, which the
    public readers check first.
    """
    parts = (part.translate(_WORD_DROP) for part in fold(token).split("-"))
    return tuple(part for part in parts if part)


def _words(text: str) -> Words:
    return tuple(word for token in text.split() for word in _token_words(token))


@attrs.frozen(slots=True)
class _Token:
    text: str
    words: Words

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("'s", "\u2019s", "s'", "s\u2019"))


def _tokens(text: str) -> list[_Token]:
    return [_Token(t, _token_words(t)) for t in text.split()]


# --- tables --------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Modifier:
    prefix: str
    sector: str | None


@attrs.frozen(slots=True)
class _Tables:
    offices: dict[Words, OfficeInfo]
    modifiers: dict[Words, _Modifier]
    organizations: dict[Words, OrganizationInfo]
    heads: dict[Words, OrganizationKind]
    longest: int  # the most words in any key of the tables above


_TABLES: _Tables | None = None


def _code(code: str | None) -> CountryCode | None:
    return None if code is None else CountryCode(code)


def _load() -> _Tables:
    global _TABLES
    data = load_table("offices.json")
    offices: dict[Words, OfficeInfo] = {}
    for title, entry in data["offices"].items():
        info = OfficeInfo(title=title, sector=entry["sector"], country=_code(entry.get("country")))
        for form in (title, *entry.get("variants", ())):
            offices[_words(form)] = info
    modifiers = {
        _words(word): _Modifier(prefix=entry["prefix"], sector=entry["sector"])
        for word, entry in data["modifiers"].items()
    }
    organizations: dict[Words, OrganizationInfo] = {}
    for name, entry in data["organizations"].items():
        org = OrganizationInfo(
            name=name,
            kind=OrganizationKind(entry["kind"]),
            country=_code(entry.get("country")),
            cameo=entry["cameo"],
        )
        for form in (name, *entry.get("variants", ())):
            organizations[_words(form)] = org
    heads = {
        _words(head): OrganizationKind(kind)
        for kind, words in data["heads"].items()
        for head in words
    }
    longest = max(len(key) for table in (offices, modifiers, organizations, heads) for key in table)
    tables = _Tables(offices, modifiers, organizations, heads, longest)
    _TABLES = tables
    return tables


def _tables() -> _Tables:
    return _TABLES or _load()


def _is_loaded() -> bool:
    """Whether the office table has been read yet (for tests of the lazy loading)."""
    return _TABLES is not None


def _match(
    table: dict[Words, Any], tokens: Sequence[_Token], start: int, limit: int
) -> tuple[int, Any]:
    """Return (end, value) of the longest run of whole tokens from ``start`` that is a key."""
    best: tuple[int, Any] = (start, None)
    words: Words = ()
    for end in range(start + 1, min(len(tokens), start + limit) + 1):
        words += tokens[end - 1].words
        value = table.get(words)
        if value is not None:
            best = (end, value)
    return best


def _match_office(
    tables: _Tables, tokens: Sequence[_Token], start: int
) -> tuple[int, OfficeInfo | None]:
    """Match ``[modifier ...] office`` at token ``start``; return (end, office) or (start, None).

    Modifiers may end inside a token ("Vice-President", "ex-minister"); the office must end
    with a token.
    """
    words: list[str] = []
    ends: dict[int, int] = {}  # word count at which a token ends -> the index after it
    for index in range(start, min(len(tokens), start + tables.longest + 4)):
        words.extend(tokens[index].words)
        ends[len(words)] = index + 1
    prefixes: list[str] = []
    sector_override: str | None = None
    position = 0
    while True:
        office: OfficeInfo | None = None
        office_end = position
        for end in range(position + 1, min(len(words), position + tables.longest) + 1):
            found = tables.offices.get(tuple(words[position:end]))
            if found is not None and end in ends:
                office, office_end = found, end
        if office is not None:
            break
        modifier: _Modifier | None = None
        for end in range(position + 1, min(len(words), position + tables.longest) + 1):
            found_modifier = tables.modifiers.get(tuple(words[position:end]))
            if found_modifier is not None:
                modifier, office_end = found_modifier, end
        if modifier is None:
            return start, None
        if modifier.prefix:
            prefixes.append(modifier.prefix)
        if modifier.sector is not None:
            sector_override = modifier.sector
        position = office_end
    end_token = ends[office_end]
    if not prefixes and sector_override is None:
        return end_token, office
    title = " ".join([*prefixes, office.title])
    sector = sector_override if sector_override is not None else office.sector
    return end_token, OfficeInfo(title=title, sector=sector, country=office.country)


def lookup_office(text: str) -> OfficeInfo | None:
    """Return the office a title names, modifiers included, or None if the table lacks it.

    >>> lookup_office("foreign minister") == lookup_office("Minister of Foreign Affairs")
    True
    >>> lookup_office("FM").title, lookup_office("House Speaker").title
    ('Foreign Minister', 'Speaker of the House of Representatives')
    >>> lookup_office("former Vice-President")
    OfficeInfo(title='Former Vice President', sector='ELI', country=None)
    >>> lookup_office("astronaut") is None
    True
    """
    if not isinstance(text, str) or is_too_long(text):
        return None
    tables = _tables()
    tokens = _tokens(text.translate(_APOSTROPHES))
    end, office = _match_office(tables, tokens, 0)
    return office if office is not None and end == len(tokens) else None


def lookup_organization(text: str) -> OrganizationInfo | None:
    """Return the known organization ``text`` names, or None.

    Only the organizations of the table are known; others are read by `parse_actor`.

    >>> lookup_organization("the United Nations").cameo
    'IGOUNO'
    >>> lookup_organization("National People\u2019s Congress").cameo
    'CHNGOVLEG'
    >>> lookup_organization("Yongin University") is None
    True
    """
    if not isinstance(text, str) or is_too_long(text):
        return None
    tables = _tables()
    words = _words(text.translate(_APOSTROPHES))
    if words[:1] == ("the",):
        words = words[1:]
    return tables.organizations.get(words)
