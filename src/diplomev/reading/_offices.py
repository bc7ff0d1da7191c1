"""The office table of the actor reader: its words, its tables, and lookups in them.

``diplomev/data/offices.json`` and the organizations of ``diplomev/data/organizations.json``
(both described in `diplomev.reading.actors`) are read on first use, and their keys are
kept as the normalized words of each form, so that a phrase matches them word by word whatever its case, accents, dots, apostrophes or hyphens. `lookup_office`
and `lookup_organization` are public through `diplomev.reading.actors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from diplomev._tables import load_table
from diplomev._text import fold, is_too_long
from diplomev.actors import CountryCode, Organization, OrganizationKind
from diplomev.countries import country_info
from diplomev.reading.countries import _max_words, country_candidates


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
    descriptions: frozenset[Words]  # "leader": where a title would be, but no office
    missions: frozenset[str]  # titles of envoys, which take "to <country>"
    portfolios: frozenset[str]  # the words a portfolio ends with ("Affairs", "Security")


# What a description ("Chinese leader Xi Jinping") reads as, in place of an office.
_DESCRIPTION = OfficeInfo(title="", sector=None, country=None)


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
    for name, entry in load_table("organizations.json")["organizations"].items():
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
    descriptions = frozenset(_words(text) for text in data["descriptions"])
    missions = frozenset(title for title, entry in data["offices"].items() if entry.get("mission"))
    portfolios = frozenset(data["portfolios"])
    longest = max(
        len(key)
        for table in (offices, modifiers, organizations, heads, descriptions)
        for key in table
    )
    tables = _Tables(
        offices, modifiers, organizations, heads, longest, descriptions, missions, portfolios
    )
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
    tables: _Tables,
    tokens: Sequence[_Token],
    start: int,
    before: int | None = None,
    *,
    plurals: bool = False,
) -> tuple[int, OfficeInfo | None]:
    """Match ``[modifier ...] office`` at token ``start``; return (end, office) or (start, None).

    Modifiers may end inside a token ("Vice-President", "ex-minister"); the office must end
    with a token. A description ("leader") matches as `_DESCRIPTION`, modifiers dropped. With
    ``plurals``, the last word of the phrase may be a plural ("Indian officials"): there is
    no name after it. With ``before``, the office must end before that token.
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
            if end not in ends or (before is not None and ends[end] >= before):
                continue
            found = _office_or_description(tables, tuple(words[position:end]))
            if found is None and plurals and ends[end] == len(tokens):
                singular = _singular(words[end - 1])
                if singular is not None:
                    key = (*words[position : end - 1], singular)
                    found = _office_or_description(tables, key)
            if found is not None:
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
    if office is _DESCRIPTION or (not prefixes and sector_override is None):
        return end_token, office
    title = " ".join([*prefixes, office.title])
    sector = sector_override if sector_override is not None else office.sector
    return end_token, OfficeInfo(title=title, sector=sector, country=office.country)


def _office_or_description(tables: _Tables, key: Words) -> OfficeInfo | None:
    office = tables.offices.get(key)
    if office is None and key in tables.descriptions:
        return _DESCRIPTION
    return office


def _singular(word: str) -> str | None:
    """Return the singular of a plural title word ("officials", "spokesmen"), or None."""
    for plural, singular in (("people", "person"), ("men", "man"), ("ies", "y")):
        if word.endswith(plural) and len(word) > len(plural):
            return word[: -len(plural)] + singular
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return None


# --- compound titles: "X of Y for Z", "Ambassador to India" -----------------------------

_PREPOSITIONS = frozenset({"of", "for", "on", "in", "to", "at", "and"})
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "at", "a", "an"})
_MAX_PORTFOLIO = 8  # tokens


def _organization_kind(tables: _Tables, tokens: Sequence[_Token]) -> OrganizationKind | None:
    """Return the kind the head of an organization's name tells, or None."""
    words = tuple(word for token in tokens for word in token.words)
    head = words
    for index, word in enumerate(words):
        if word in _PREPOSITIONS and index > 0:
            head = words[:index]
            break
    for segment in (words, head):
        for size in range(min(len(segment), tables.longest), 0, -1):
            kind = tables.heads.get(segment[-size:])
            if kind is not None:
                return kind
    return None


def _titled(text: str) -> str:
    """Capitalize lower-case text as a title is written ("industry and security")."""
    if not text.islower():
        return text
    return " ".join(
        word if index and word in _SMALL_WORDS else word[:1].upper() + word[1:]
        for index, word in enumerate(text.split())
    )


def _country_at(tokens: Sequence[_Token], start: int) -> tuple[int, tuple[str, ...]]:
    """Return (end, codes) of the longest run from ``start`` naming a country, or (start, ())."""
    for end in range(min(len(tokens), start + _max_words()), start, -1):
        if tokens[end - 1].possessive:
            continue
        codes = country_candidates(" ".join(t.text for t in tokens[start:end]))
        if codes:
            return end, codes
    return start, ()


def _with_the(name: str) -> str:
    """Put "the" before a country name that takes it ("the Philippines")."""
    takes = name.startswith("United ") or name.endswith(
        ("Islands", "Republic", "Emirates", "Netherlands", "Philippines", "Bahamas", "Maldives")
    )
    return f"the {name}" if takes else name


def _body_at(tables: _Tables, tokens: Sequence[_Token], start: int) -> bool:
    """Whether an organization's name starts at ``start`` ("China Coast Guard", "the UN")."""
    if start < len(tokens) and tokens[start].words == ("the",):
        start += 1
    if _match(tables.organizations, tokens, start, tables.longest)[1] is not None:
        return True
    stop = min(len(tokens), start + _MAX_PORTFOLIO)
    return any(
        _organization_kind(tables, tokens[start:end]) is not None
        for end in range(start + 1, stop + 1)
    )


def _portfolio_end(tables: _Tables, tokens: Sequence[_Token], start: int) -> int | None:
    """Return the end of the longest portfolio from ``start`` ("Industry and Security")."""
    best = None
    for end in range(start + 1, min(len(tokens), start + _MAX_PORTFOLIO) + 1):
        token = tokens[end - 1]
        if not token.words or any(char.isdigit() for char in token.text):
            break
        if token.words[-1] in tables.portfolios:
            best = end
    if best is None or _organization_kind(tables, tokens[start:best]) is not None:
        return None  # "of the Ministry of Foreign Affairs" is a body, not a portfolio
    return best


class _TitleProblem(Exception):
    """A compound title that names a receiving country ambiguously ("Ambassador to Korea")."""

    def __init__(self, text: str, codes: tuple[str, ...]) -> None:
        super().__init__(text)
        self.text = text
        self.codes = codes


def _compound(
    tables: _Tables, tokens: Sequence[_Token], end: int, office: OfficeInfo
) -> tuple[int, OfficeInfo]:
    """Extend a title with "of <portfolio>", "for <portfolio or country>", "to <country>"."""
    title = office.title
    # "Director of National Intelligence"; "President of South Korea" is a country, which
    # the reader takes as the person's.
    if (
        end + 1 < len(tokens)
        and tokens[end].words == ("of",)
        and not _country_at(tokens, end + 1)[1]
    ):
        stop = _portfolio_end(tables, tokens, end + 1)
        if stop is not None:
            title += " of " + _titled(" ".join(t.text for t in tokens[end + 1 : stop]))
            end = stop
    if (
        end + 1 < len(tokens)
        and tokens[end].words == ("for",)
        and not _body_at(tables, tokens, end + 1)  # "spokesman for China Coast Guard"
    ):
        stop, codes = _country_at(tokens, end + 1)
        if len(codes) == 1:
            title += " for " + _with_the(country_info(codes[0]).name)
            end = stop
        elif not codes:
            stop_ = _portfolio_end(tables, tokens, end + 1)
            if stop_ is not None:
                title += " for " + _titled(" ".join(t.text for t in tokens[end + 1 : stop_]))
                end = stop_
    if office.title in tables.missions and end + 1 < len(tokens) and tokens[end].words == ("to",):
        start = end + 2 if tokens[end + 1].words == ("the",) else end + 1
        stop, codes = _country_at(tokens, start)
        if len(codes) > 1:
            raise _TitleProblem(" ".join(t.text for t in tokens[start:stop]), codes)
        if codes:
            title += " to " + _with_the(country_info(codes[0]).name)
            end = stop
        else:
            stop, known = _match(tables.organizations, tokens, start, tables.longest)
            if known is not None:
                name = known.name if known.name.isupper() else f"the {known.name}"
                title += " to " + name
                end = stop
    if title == office.title:
        return end, office
    return end, OfficeInfo(title=title, sector=office.sector, country=office.country)


def _match_title(
    tables: _Tables, tokens: Sequence[_Token], start: int, *, plurals: bool = False
) -> tuple[int, OfficeInfo | None]:
    """Match a title at ``start``: ``[modifier ...] office`` and its compounds.

    `lookup_office` reads titles, so it matches no plural; `parse_actor` reads a plural at
    the end of a phrase ("Indian officials") as the title's holder.
    """
    end, office = _match_office(tables, tokens, start, plurals=plurals)
    if office is None or office is _DESCRIPTION:
        return end, office
    best = _compound(tables, tokens, end, office)
    # "Minister for Trade and Industry": the table's "Minister for Trade" stops inside the
    # portfolio; a shorter title ("Minister") whose portfolio goes further is the title.
    limit = end
    while best[0] < len(tokens) and tokens[best[0]].words == ("and",):
        shorter_end, shorter = _match_office(tables, tokens, start, before=limit, plurals=plurals)
        if shorter is None or shorter is _DESCRIPTION:
            break
        candidate = _compound(tables, tokens, shorter_end, shorter)
        if candidate[0] > best[0]:
            best = candidate
            break
        limit = shorter_end
    return best


def lookup_office(text: str) -> OfficeInfo | None:
    """Return the office a title names, modifiers included, or None if the table lacks it.

    >>> lookup_office("foreign minister") == lookup_office("Minister of Foreign Affairs")
    True
    >>> lookup_office("FM").title, lookup_office("House Speaker").title
    ('Foreign Minister', 'Speaker of the House of Representatives')
    >>> lookup_office("former Vice-President")
    OfficeInfo(title='Former Vice President', sector='ELI', country=None)
    >>> lookup_office("Under Secretary of Commerce for Industry and Security")
    OfficeInfo(title='Under Secretary of Commerce for Industry and Security', sector='GOV', country=None)
    >>> lookup_office("ambassador to the Philippines").title
    'Ambassador to the Philippines'
    >>> lookup_office("astronaut") is None, lookup_office("leader") is None
    (True, True)
    """
    if not isinstance(text, str) or is_too_long(text):
        return None
    tables = _tables()
    tokens = _tokens(text.translate(_APOSTROPHES))
    try:
        end, office = _match_title(tables, tokens, 0)
    except _TitleProblem:
        return None
    if office is None or office is _DESCRIPTION or end != len(tokens):
        return None
    return office


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
