"""The grammar of actor phrases: country prefixes, titles, names, organizations.

`diplomev.reading.actors` reads a phrase with it; this module holds the parts of a phrase
and how each is recognized (a country before a title, the title, the name after it, an
organization by name), and the reasons a phrase is refused.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Callable, Sequence

import attrs

from diplomev.actors import Actor, Organization, OrganizationKind, Person
from diplomev.countries import country_info
from diplomev.reading._offices import (
    _APOSTROPHES,
    _DESCRIPTION,
    _SMALL_WORDS,
    OfficeInfo,
    _code,
    _match,
    _match_title,
    _Modifier,
    _organization_kind,
    _Tables,
    _TitleProblem,
    _Token,
    _token_words,
    _tokens,
    _words,
    lookup_organization,
)
from diplomev.reading.countries import _describe, _max_words, country_candidates

# --- organizations -------------------------------------------------------------------

_STATE_KINDS = frozenset(
    {
        OrganizationKind.GOVERNMENT,
        OrganizationKind.LEGISLATURE,
        OrganizationKind.MILITARY,
        OrganizationKind.COURT,
    }
)
# Bodies whose office holders are of the body's country: a spokesperson of China's coast
# guard or of its ruling party is Chinese; a reporter of a Chinese newspaper may not be.
_NATIONAL_KINDS = _STATE_KINDS | {OrganizationKind.PARTY}


def _organization_name(tokens: Sequence[_Token]) -> str:
    text = " ".join(token.text for token in tokens)
    if text.islower():
        text = " ".join(
            word if index and word in _SMALL_WORDS else word[:1].upper() + word[1:]
            for index, word in enumerate(text.split())
        )
    return text


# --- names ---------------------------------------------------------------------------

_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "bin",
        "ibn",
        "abu",
        "bint",
        "de",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "di",
        "da",
        "du",
        "la",
        "le",
        "dos",
        "das",
        "do",
        "y",
        "zu",
        "ter",
    }
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "madam", "sir"})


def _name_problem(tokens: Sequence[_Token]) -> str | None:
    """Why these tokens are not a person's name, or None if they may be one."""
    for token in tokens:
        text = token.text.strip("\"'\u201c\u201d\u2018\u2019")
        if not text or not any(char.isalpha() for char in text):
            return f"{token.text!r} is not part of a name"
        if any(char.isdigit() for char in text):
            return f"{token.text!r} is not part of a name"
        if text[0].isupper():
            continue
        lower = text.casefold()
        if lower in _PARTICLES:
            continue
        head, sep, _ = lower.partition("-")
        if not sep:
            head, sep, _ = lower.translate(_APOSTROPHES).partition("'")
        if (
            sep
            and head in _PARTICLES | {"d", "o"}
            and text[len(head) + 1 : len(head) + 2].isupper()
        ):
            continue
        return f"{token.text!r} is not a title diplomev knows nor part of a name"
    return None


# --- the reader ----------------------------------------------------------------------

_short_repr = reprlib.Repr()
_short_repr.maxstring = 80
_short_repr.maxother = 80


_AMBIGUOUS_RANK = 4


class _Unreadable(Exception):
    """A reading that failed, with the reason; `parse_actor` reports the most telling one."""

    def __init__(self, reason: str, *, rank: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.rank = rank  # higher: more specific, reported in preference


@attrs.frozen(slots=True)
class _CountryPrefix:
    end: int
    codes: tuple[str, ...]
    text: str
    possessive: bool
    is_name: bool  # a name or code ("Jordan"), not a demonym or capital


def _country_prefix(tokens: Sequence[_Token], start: int) -> _CountryPrefix | None:
    """Return the longest run of tokens from ``start`` naming a country, possessive or not."""
    if start >= len(tokens) or not tokens[start].text[:1].isupper():
        return None
    limit = min(len(tokens), start + _max_words())
    for end in range(limit, start, -1):
        last = tokens[end - 1]
        possessive = last.possessive
        texts = [token.text for token in tokens[start:end]]
        if possessive:
            texts[-1] = texts[-1][:-2]
        text = " ".join(texts)
        codes = country_candidates(text)
        if codes:
            return _CountryPrefix(end, codes, text, possessive, _is_country_name(text, codes))
    return None


def _is_country_name(text: str, codes: tuple[str, ...]) -> bool:
    words = _words(text)
    for code in codes:
        info = country_info(code)
        if words in {_words(form) for form in (info.alpha3, info.alpha2, info.name, info.iso_name)}:
            return True
    return False


def _conflict(office: OfficeInfo, country: str) -> _Unreadable:
    return _Unreadable(
        f"{office.title!r} is an office of {office.country}, but the text says {country}",
        rank=3,
    )


def _ambiguous(prefix: _CountryPrefix, text: str) -> _Unreadable:
    return _Unreadable(
        f"ambiguous country {prefix.text!r} in {_short_repr.repr(text)}: could be "
        f"{_describe(prefix.codes)}",
        rank=_AMBIGUOUS_RANK,
    )


def _read_place_or_body(
    tables: _Tables, tokens: Sequence[_Token]
) -> tuple[str | None, Organization | None]:
    """Read what follows "of": a country, or an organization (of any kind)."""
    if len(tokens) > 1 and tokens[0].words == ("the",):
        tokens = tokens[1:]
    text = " ".join(token.text for token in tokens)
    codes = country_candidates(text)
    if len(codes) == 1:
        return codes[0], None
    known = lookup_organization(text)
    if known is not None:
        return None, known.to_organization()
    body = _read_body(tables, tokens)  # "the Chinese Ministry of National Defense"
    if body is not None:
        return None, body
    kind = _organization_kind(tables, tokens) or OrganizationKind.OTHER
    return None, Organization(name=_organization_name(tokens), kind=kind)


def _title_at(
    tables: _Tables, tokens: Sequence[_Token], start: int
) -> tuple[int, OfficeInfo | None]:
    """Match a title at ``start`` (`_match_title`), an ambiguous country in it unreadable."""
    try:
        return _match_title(tables, tokens, start, plurals=True)
    except _TitleProblem as ambiguity:
        raise _Unreadable(
            f"ambiguous country {ambiguity.text!r} after 'to': could be "
            f"{_describe(ambiguity.codes)}",
            rank=_AMBIGUOUS_RANK,
        ) from None


def _read_person(
    tables: _Tables,
    tokens: Sequence[_Token],
    start: int,
    country: str | None,
    affiliation: Organization | None = None,
) -> Person | None:
    """Read ``[modifier] title [of country] [name] [of|for organization]`` from ``start``."""
    end, office = _title_at(tables, tokens, start)
    if office is None:
        return None
    if office.country is not None:
        if country is not None and country != office.country:
            raise _conflict(office, country)
        country = office.country
    position = end
    if position < len(tokens) and tokens[position].words == ("of",):
        # "President of South Korea Lee Jae Myung": a country right after the office.
        prefix = _country_prefix(tokens, position + 1)
        if prefix is not None and len(prefix.codes) == 1 and not prefix.possessive:
            code = prefix.codes[0]
            if country is not None and country != code:
                raise _Unreadable(f"the text names two countries: {country} and {code}", rank=3)
            country = code
            position = prefix.end
    name_end = position
    body_for: Organization | None = None
    while name_end < len(tokens) and tokens[name_end].words != ("of",):
        if tokens[name_end].words == ("for",):
            # "spokesperson for China Coast Guard": "for" and a body, the affiliation.
            body_for = _read_body(tables, tokens[name_end + 1 :])
            if body_for is not None:
                break
        name_end += 1
    name_tokens = [
        t for t in tokens[position:name_end] if t.words not in {(h,) for h in _HONORIFICS}
    ]
    if name_tokens:
        # "spokesperson Col. Medel Aguilar": a rank after the office is a second title,
        # which a person record has no place for.
        # A title word may also be a name ("Gen Nakatani"): only an abbreviation ("Col.")
        # or a title with a name of two words after it is taken for a title.
        second_end, second = _title_at(tables, tokens, position)
        if (
            second is not None
            and second is not _DESCRIPTION
            and second_end > position
            and (tokens[second_end - 1].text.endswith(".") or name_end - second_end >= 2)
        ):
            second_title = " ".join(t.text for t in tokens[position:second_end])
            raise _Unreadable(
                f"two titles, {office.title!r} and {second_title!r}: a person record holds "
                "one office",
                rank=2,
            )
    if body_for is not None:
        if affiliation is not None:
            raise _Unreadable("the text names two organizations", rank=2)
        affiliation = body_for
    elif name_end < len(tokens):
        if name_end + 1 == len(tokens):
            raise _Unreadable("nothing follows 'of'", rank=2)
        place, body = _read_place_or_body(tables, tokens[name_end + 1 :])
        if place is not None:
            if country is not None and country != place:
                raise _Unreadable(f"the text names two countries: {country} and {place}", rank=3)
            country = place
        elif body is not None:
            if affiliation is not None:
                raise _Unreadable("the text names two organizations", rank=2)
            affiliation = body
    if name_tokens:
        problem = _name_problem(name_tokens)
        if problem is not None:
            for index in range(position, name_end):
                found_end, found = _title_at(tables, tokens, index)
                if found is not None and found is not _DESCRIPTION:
                    found_title = " ".join(t.text for t in tokens[index:found_end])
                    problem = (
                        f"two titles, {office.title!r} and {found_title!r}: a person record "
                        "holds one office"
                    )
                    break
            raise _Unreadable(problem, rank=2)
    elif office is _DESCRIPTION:
        described = " ".join(token.text for token in tokens[start:end])
        raise _Unreadable(
            f"{described!r} describes a person without naming an office, and no name follows",
            rank=2,
        )
    name = " ".join(token.text for token in name_tokens) or None
    if (
        country is None
        and affiliation is not None
        and affiliation.kind in _NATIONAL_KINDS
        and affiliation.country is not None
    ):
        country = affiliation.country
    return Person(
        name=name,
        office=office.title or None,  # a description ("leader") names no office
        country=_code(country),
        affiliation=affiliation,
    )


def _read_organization(
    tables: _Tables, tokens: Sequence[_Token], country: str | None
) -> Organization | None:
    text = " ".join(token.text for token in tokens)
    known = lookup_organization(text)
    if known is not None:
        if country is not None and known.country is not None and country != known.country:
            raise _Unreadable(
                f"{known.name!r} is an organization of {known.country}, but the text says "
                f"{country}",
                rank=3,
            )
        return Organization(
            name=known.name, kind=known.kind, country=known.country or _code(country)
        )
    kind = _organization_kind(tables, tokens)
    if kind is None or _holds_a_title(tables, tokens):
        return None
    return Organization(name=_organization_name(tokens), kind=kind, country=_code(country))


def _holds_a_title(tables: _Tables, tokens: Sequence[_Token]) -> bool:
    """Tell whether a title stands inside the name, as a person's would.

    "Armed Forces of the Philippines spokesperson Col. Medel Aguilar" holds one; "Office of
    the President" does not: a title after "of the" is part of a name.
    """
    for index in range(1, len(tokens)):
        if tokens[index - 1].words and tokens[index - 1].words[-1] in _SMALL_WORDS:
            continue
        try:
            office = _match_title(tables, tokens, index, plurals=True)[1]
        except _TitleProblem:
            continue
        if office is not None and office is not _DESCRIPTION:
            return True
    return False


def _read_with_prefix(
    tables: _Tables, tokens: Sequence[_Token], prefix: _CountryPrefix, text: str
) -> Actor | None:
    """Read a phrase that starts with a country: an office holder, a body, a named person."""
    rest = tokens[prefix.end :]
    unique = prefix.codes[0] if len(prefix.codes) == 1 else None
    if not rest:
        return None
    person = _read_person(tables, rest, 0, unique)
    if person is not None:
        if unique is None:
            raise _ambiguous(prefix, text)
        return person
    org = _prefixed_organization(tables, tokens, prefix, text)
    if org is not None:
        return org
    if prefix.possessive:
        # "China's Xi Jinping": a named person of that country.
        problem = _name_problem(rest)
        if problem is None and unique is not None:
            return Person(name=" ".join(t.text for t in rest), country=_code(unique))
        if problem is None:
            raise _ambiguous(prefix, text)
    return None


def _prefixed_organization(
    tables: _Tables, tokens: Sequence[_Token], prefix: _CountryPrefix, text: str
) -> Organization | None:
    """Read an organization named after a country: "China's Ministry of Commerce"."""
    rest = tokens[prefix.end :]
    unique = prefix.codes[0] if len(prefix.codes) == 1 else None
    org = _read_organization(tables, rest, unique)
    if org is None:
        return None
    if (
        prefix.possessive
        or org.kind in _STATE_KINDS
        or lookup_organization(" ".join(t.text for t in rest))
    ):
        if unique is None:
            raise _ambiguous(prefix, text)
        return org
    # A proper name that starts with a place ("Korea University", "Seoul National
    # University"): the place is part of the name, and says nothing sure of the country.
    return _read_organization(tables, tokens, None)


def _read_body(tables: _Tables, tokens: Sequence[_Token]) -> Organization | None:
    """Read tokens that name an organization only, or return None: "China Coast Guard"."""
    if tokens and tokens[0].words == ("the",):
        tokens = tokens[1:]
    if not tokens or tokens[0].words in tables.modifiers:
        return None  # "senior State Department official": the modifier is the person's
    text = " ".join(token.text for token in tokens)
    if country_candidates(text):
        return None
    known = lookup_organization(text)
    if known is not None:
        return known.to_organization()
    prefix = _country_prefix(tokens, 0)
    if prefix is not None and prefix.end < len(tokens):
        return _prefixed_organization(tables, tokens, prefix, text)
    return _read_organization(tables, tokens, None)


def _read_office_of_body(tables: _Tables, tokens: Sequence[_Token]) -> Person | None:
    """Read ``organization title [name]``: "China Coast Guard spokesperson Gan Yu"."""
    for start in range(1, len(tokens)):
        if tokens[start - 1].words[-1:] and tokens[start - 1].words[-1] in _SMALL_WORDS:
            continue  # "Office of the President" is one name
        if _title_at(tables, tokens, start)[1] is None:
            continue
        body = _read_body(tables, tokens[:start])
        if body is None:
            continue
        return _read_person(tables, tokens, start, None, body)
    return None


_DASH = re.compile(r"[-\u2010-\u2015\u2212]")


def _leading_modifiers(
    tables: _Tables, tokens: Sequence[_Token]
) -> tuple[list[_Modifier], list[_Token]] | None:
    """Split modifiers off the front: "former U.S. President" -> [former], "U.S. President".

    A modifier may be joined to the next word by a hyphen ("then-U.S.", "ex-Chinese").
    """
    modifiers: list[_Modifier] = []
    rest = list(tokens)
    while rest:
        end, modifier = _match(tables.modifiers, rest, 0, tables.longest)
        if modifier is not None:
            modifiers.append(modifier)
            rest = rest[end:]
            continue
        parts = _DASH.split(rest[0].text, maxsplit=1)
        if len(parts) == 2 and parts[1] and _token_words(parts[0]) in tables.modifiers:
            modifiers.append(tables.modifiers[_token_words(parts[0])])
            rest = [_Token(parts[1], _token_words(parts[1])), *rest[1:]]
            continue
        break
    return (modifiers, rest) if modifiers and rest else None


def _read_after_modifiers(
    tables: _Tables, modifiers: list[_Modifier], rest: Sequence[_Token]
) -> Person | None:
    """Read "former U.S. President Donald Trump": the modifiers join the office read after."""
    actor = _read(tables, " ".join(token.text for token in rest))
    if not isinstance(actor, Person):
        return None
    prefixes = [modifier.prefix for modifier in modifiers if modifier.prefix]
    if actor.office is None or not prefixes:
        return actor
    return attrs.evolve(actor, office=" ".join([*prefixes, actor.office]))


def _read(tables: _Tables, text: str) -> Actor:
    tokens = _tokens(text)
    failures: list[_Unreadable] = []

    def attempt(reader: Callable[[], Actor | None]) -> Actor | None:
        try:
            return reader()
        except _Unreadable as failure:
            failures.append(failure)
            return None

    # An office first: "Premier Li Qiang", "National People's Congress Chairman Zhao Leji".
    actor = attempt(lambda: _read_person(tables, tokens, 0, None))
    if actor is not None:
        return actor
    # A country first: "South Korean President Lee", "China's Ministry of Commerce".
    prefix = _country_prefix(tokens, 0)
    if prefix is not None:
        actor = attempt(lambda: _read_with_prefix(tables, tokens, prefix, text))
        if actor is not None:
            return actor
        if failures and failures[-1].rank >= 3:
            # The phrase reads, but names two countries or an ambiguous one: say so.
            raise failures[-1]
    # A known organization first: "UN Secretary-General Antonio Guterres".
    end, known = _match(tables.organizations, tokens, 0, tables.longest)
    if known is not None and end < len(tokens):
        org = known.to_organization()
        actor = attempt(lambda: _read_person(tables, tokens, end, known.country, org))
        if actor is not None:
            return actor
    # An organization, then a title: "Chinese Foreign Ministry spokesperson Mao Ning".
    actor = attempt(lambda: _read_office_of_body(tables, tokens))
    if actor is not None:
        return actor
    # An organization: "Yongin University", "Ministry of Commerce".
    actor = attempt(lambda: _read_organization(tables, tokens, None))
    if actor is not None:
        return actor
    # Modifiers before a country or a body: "former U.S. President Donald Trump".
    leading = _leading_modifiers(tables, tokens)
    if leading is not None:
        modifiers, rest = leading
        actor = attempt(lambda: _read_after_modifiers(tables, modifiers, rest))
        if actor is not None:
            return actor
    # A bare name: "Xi Jinping".
    if failures:
        raise max(failures, key=lambda failure: failure.rank)
    if prefix is not None and not prefix.is_name:
        raise _Unreadable(
            f"{prefix.text!r} names a country, but no title or organization diplomev knows "
            "follows it"
        )
    name_tokens = [t for t in tokens if t.words not in {(h,) for h in _HONORIFICS}]
    if len(name_tokens) < 2:
        raise _Unreadable(
            "not a country, organization or title diplomev knows, and one word is too "
            "little to read as a person's name"
        )
    problem = _name_problem(name_tokens)
    if problem is not None:
        raise _Unreadable(_title_inside(tables, tokens) or problem)
    return Person(name=" ".join(t.text for t in name_tokens))


def _title_inside(tables: _Tables, tokens: Sequence[_Token]) -> str | None:
    """Say what stands before a title that no reading could attach it to, or None."""
    for start in range(1, len(tokens)):
        try:
            end, office = _match_title(tables, tokens, start, plurals=True)
        except _TitleProblem:
            continue
        if office is not None:
            before = " ".join(token.text for token in tokens[:start])
            title = " ".join(token.text for token in tokens[start:end])
            return (
                f"{before!r}, before the title {title!r}, is not a country, organization or "
                "title diplomev knows"
            )
    return None


# An abbreviation in parentheses after a name: "Armed Forces of the Philippines (AFP)".
