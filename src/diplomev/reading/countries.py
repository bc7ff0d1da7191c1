"""Read country names as news text writes them: codes, names, aliases, demonyms, capitals.

`resolve_country` turns "South Korea", "ROK", "South Korean", "Seoul", "kor" or "KR" into
the alpha-3 code ``"KOR"``, and raises `ValidationError` (path ``$``) for text that names no
country or more than one ("Korea", "Congolese"); the error names the candidates.
`country_candidates` gives the same answer as a tuple, for tools that handle ambiguity
themselves.

>>> resolve_country("South Korean"), resolve_country("Seoul"), resolve_country("U.S.")
('KOR', 'KOR', 'USA')
>>> country_candidates("Korea")
('KOR', 'PRK')

Where the forms come from
-------------------------
Codes and names come from the generated table `diplomev.countries` (``countries.json``): the
alpha-3 and alpha-2 codes, the CLDR English name and the ISO 3166-1 short name of each code.
Only what no standard provides is curated by hand, in ``diplomev/data/country_aliases.json``:

.. code-block:: json

    {
      "format": 1,
      "notes": ["free text: provenance and policy"],
      "countries": {
        "KOR": {"aliases": ["Republic of Korea", "ROK"],
                "demonyms": ["South Korean"],
                "capitals": ["Seoul"]}
      },
      "ambiguous": {"Korea": ["KOR", "PRK"]}
    }

- ``countries`` maps an alpha-3 code of the generated table to up to three lists of surface
  forms, each optional: ``aliases`` (other names and abbreviations: "UK", "Britain",
  "Turkey", "Burma"), ``demonyms`` (adjectives and nouns for the people, singular: "South
  Korean", "Emirati") and ``capitals`` (capitals and seats of government, read as metonyms:
  "Seoul said" means the South Korean state).
- ``ambiguous`` maps a text to the two or more codes it may name. A text listed there is
  never resolved to one code, whatever else the tables say ("Congo" is also the ISO short
  name of COG). Every text that two codes would claim must be listed there: the tests check.

Matching
--------
Text is normalized before lookup by `diplomev._text.fold`, as every reader of names does:
casefolded, NFKD, then ASCII only (accents dropped: "Türkiye" and "Turkiye" match), every
apostrophe made ``'`` and every hyphen or dash ``-``. Then ``.`` and apostrophes are dropped
("U.S." is "US"), ``-``, ``_``, ``,``, parentheses and whitespace collapsed to one space,
``&`` read as "and", and a leading "the " stripped. Text longer than
`diplomev._text.MAX_NAME_LENGTH` characters names no country, and is not normalized. Codes are therefore case-insensitive here, unlike in
`diplomev.countries`, which holds exact codes: this module reads text.

The tables load on the first lookup, so importing diplomev costs nothing until a country is
read; after that a lookup of a form as the tables spell it is one dictionary access.
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping, Sequence

import attrs

from diplomev._json import json_type_name
from diplomev._tables import load_table
from diplomev._text import fold, is_too_long
from diplomev.countries import country_codes, country_info, country_name
from diplomev.errors import ValidationError

__all__ = ["country_candidates", "resolve_country"]

#: What a form resolves to: one code, or the sorted candidates of an ambiguous form.
_Hit = str | tuple[str, ...]

# After `fold` (which makes every apostrophe ``'`` and every hyphen or dash ``-``): the
# characters dropped or turned into spaces.
_TRANSLATE = str.maketrans(
    {
        ".": None,
        "'": None,
        "-": " ",
        "_": " ",
        ",": " ",
        "(": " ",
        ")": " ",
        "&": " and ",
    }
)


def _normalize(text: str) -> str:
    """Return the lookup key of ``text`` (see the module docstring).

    Text too long to be a name (`diplomev._text.MAX_NAME_LENGTH`) has the key ``""``, which
    names nothing.

    >>> _normalize("  The  Republic of Türkiye ")
    'republic of turkiye'
    >>> _normalize("U.S."), _normalize("Côte d\u2019Ivoire"), _normalize("Bosnia & Herzegovina")
    ('us', 'cote divoire', 'bosnia and herzegovina')
    """
    if is_too_long(text):
        return ""
    text = " ".join(fold(text).translate(_TRANSLATE).split())
    if text.startswith("the "):
        text = text[4:]
    return text


@attrs.frozen(slots=True)
class _Table:
    # Normalized key -> code or candidates.
    keys: dict[str, _Hit]
    # The most words in a key (bounds the spans a phrase reader has to try).
    max_words: int


# Surface forms as the tables spell them (and their upper- and lower-case forms) -> hit.
# Empty until the first lookup; replaced whole, never mutated, so readers need no lock.
_EXACT: dict[str, _Hit] = {}
_TABLE: _Table | None = None


def _generated_forms(code: str) -> tuple[str, ...]:
    info = country_info(code)
    return (info.alpha3, info.alpha2, info.name, info.iso_name)


def _curated_forms(entry: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    return tuple(
        form for field in ("aliases", "demonyms", "capitals") for form in entry.get(field, ())
    )


def _load() -> _Table:
    global _EXACT, _TABLE
    data = load_table("country_aliases.json")
    curated: Mapping[str, Mapping[str, Sequence[str]]] = data["countries"]
    ambiguous: Mapping[str, Sequence[str]] = data["ambiguous"]

    claims: dict[str, set[str]] = {}
    surfaces: dict[str, set[str]] = {}
    for code in sorted(country_codes()):
        for form in (*_generated_forms(code), *_curated_forms(curated.get(code, {}))):
            key = _normalize(form)
            claims.setdefault(key, set()).add(code)
            surfaces.setdefault(key, set()).add(form)
    overrides = {_normalize(text): set(codes) for text, codes in ambiguous.items()}
    for text in ambiguous:
        surfaces.setdefault(_normalize(text), set()).add(text)
    claims.update(overrides)

    keys: dict[str, _Hit] = {
        key: next(iter(codes)) if len(codes) == 1 else tuple(sorted(codes))
        for key, codes in claims.items()
    }
    exact: dict[str, _Hit] = {}
    for key, forms in surfaces.items():
        hit = keys[key]
        for form in (key, *forms):
            for variant in (form, form.upper(), form.lower()):
                exact[variant] = hit
    table = _Table(keys=keys, max_words=max(len(key.split()) for key in keys))
    # A race between two first lookups only builds the same tables twice.
    _TABLE = table
    _EXACT = exact
    return table


def _is_loaded() -> bool:
    """Whether the alias table has been read yet (for tests of the lazy loading)."""
    return _TABLE is not None


def _lookup(text: str) -> _Hit | None:
    """Return what ``text`` names: a code, the candidates if ambiguous, or None."""
    hit = _EXACT.get(text)
    if hit is not None:
        return hit
    table = _TABLE or _load()
    hit = _EXACT.get(text)
    if hit is not None:
        return hit
    return table.keys.get(_normalize(text))


_short_repr = reprlib.Repr()
_short_repr.maxstring = 60
_short_repr.maxother = 60


def _describe(codes: tuple[str, ...]) -> str:
    return ", ".join(f"{code} ({country_name(code)})" for code in codes)


def _ambiguous_error(text: str, codes: tuple[str, ...]) -> ValidationError:
    return ValidationError.at(
        "$", f"ambiguous country {_short_repr.repr(text)}: could be {_describe(codes)}"
    )


def _unknown_error(text: object) -> ValidationError:
    if not isinstance(text, str):
        return ValidationError.at("$", f"expected a string, got {json_type_name(text)}")
    if not text.strip():
        return ValidationError.at("$", "empty text names no country")
    if is_too_long(text):
        return ValidationError.at(
            "$", f"text of {len(text)} characters is too long to name a country"
        )
    return ValidationError.at(
        "$",
        f"unknown country {_short_repr.repr(text)}: not a code, name, demonym or capital "
        "that diplomev knows",
    )


def resolve_country(text: str) -> str:
    """Return the alpha-3 code of the country ``text`` names; raise if none or several.

    Accepts codes (alpha-3 or alpha-2, any case), CLDR and ISO names, curated aliases,
    demonyms and capitals. Raises `ValidationError` (path ``$``) for unknown or ambiguous
    text; the message names the candidates.

    >>> resolve_country("Türkiye"), resolve_country("Turkey"), resolve_country("kr")
    ('TUR', 'TUR', 'KOR')
    >>> resolve_country("Emirati"), resolve_country("Kyiv"), resolve_country("DPRK")
    ('ARE', 'UKR', 'PRK')
    >>> resolve_country("Korea")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: ambiguous country 'Korea': could be KOR (South Korea), PRK (North Korea)
    >>> resolve_country("Narnia")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: unknown country 'Narnia': not a code, name, demonym or capital that diplomev knows
    """
    try:
        hit = _EXACT.get(text)
    except TypeError:  # unhashable input
        raise _unknown_error(text) from None
    if type(hit) is str:
        return hit
    if isinstance(text, str):
        hit = _lookup(text)
        if isinstance(hit, str):
            return hit
        if hit is not None:
            raise _ambiguous_error(text, hit)
    raise _unknown_error(text)


def country_candidates(text: str) -> tuple[str, ...]:
    """Return every country ``text`` may name: one code, the candidates, or ``()``.

    Never raises: text that is unknown, blank or not a string has no candidates.

    >>> country_candidates("Seoul"), country_candidates("Congolese")
    (('KOR',), ('COD', 'COG'))
    >>> country_candidates("Narnia"), country_candidates(None)  # type: ignore[arg-type]
    ((), ())
    """
    if not isinstance(text, str):
        return ()
    hit = _lookup(text)
    if hit is None:
        return ()
    return (hit,) if isinstance(hit, str) else hit


def _max_words() -> int:
    """Return the most words in any known form (readers of phrases try spans up to it)."""
    return (_TABLE or _load()).max_words
