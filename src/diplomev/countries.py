"""The ISO 3166-1 country table: alpha-3 codes, their English names and other codes.

The table is generated from ISO 3166-1 (codes and ISO short names, through pycountry) and
CLDR (English display names, through babel) by ``scripts/generate_countries.py`` and ships
as ``diplomev/data/countries.json``; neither package is needed at run time. Besides the ISO
codes it holds the user-assigned ``XKX`` (Kosovo). It is read on the first lookup, so
importing diplomev costs nothing until a country is needed.

Codes are exact: upper-case alpha-3 strings such as ``"KOR"``. Reading country names
and aliases in news text is the job of the resolver, not of this table.

>>> country_name("KOR")
'South Korea'
>>> is_country_code("XKX"), is_country_code("kor")
(True, False)
"""

from __future__ import annotations

import reprlib
from typing import TypeGuard

import attrs

from diplomev._tables import load_table
from diplomev.errors import ErrorCode, ValidationError

__all__ = [
    "CountryInfo",
    "alpha3_from_alpha2",
    "country_codes",
    "country_info",
    "country_name",
    "is_country_code",
]


@attrs.frozen(slots=True, kw_only=True)
class CountryInfo:
    """One row of the country table.

    ``name`` is the CLDR English name, the one news reports use; ``iso_name`` is the ISO
    3166-1 short name. ``numeric`` is the ISO numeric code as three digits, or None for a
    user-assigned code such as Kosovo's.

    >>> info = country_info("KOR")
    >>> info.alpha2, info.numeric, info.name, info.iso_name
    ('KR', '410', 'South Korea', 'Korea, Republic of')
    >>> country_info("XKX").numeric is None
    True
    """

    alpha3: str
    alpha2: str
    numeric: str | None
    name: str
    iso_name: str


@attrs.frozen(slots=True)
class _Table:
    codes: frozenset[str]
    by_alpha3: dict[str, CountryInfo]
    by_alpha2: dict[str, str]


# The loaded table, or None until the first lookup.
_TABLE: _Table | None = None


def _load() -> _Table:
    global _TABLE
    raw = load_table("countries.json")
    by_alpha3 = {
        row["alpha3"]: CountryInfo(
            alpha3=row["alpha3"],
            alpha2=row["alpha2"],
            numeric=row["numeric"],
            name=row["name"],
            iso_name=row["iso_name"],
        )
        for row in raw["countries"]
    }
    table = _Table(
        codes=frozenset(by_alpha3),
        by_alpha3=by_alpha3,
        by_alpha2={info.alpha2: info.alpha3 for info in by_alpha3.values()},
    )
    # A race between two first lookups only builds the same table twice.
    _TABLE = table
    return table


def _is_loaded() -> bool:
    """Whether the table has been read yet (for tests of the lazy loading)."""
    return _TABLE is not None


_short_repr = reprlib.Repr()
_short_repr.maxstring = 40
_short_repr.maxother = 40


def _unknown(code: object, table: _Table) -> ValidationError:
    message = f"unknown country code {_short_repr.repr(code)}"
    if isinstance(code, str):
        upper = code.strip().upper()
        if upper in table.codes:
            message += f" (codes are exact upper-case alpha-3: {upper!r})"
        elif upper in table.by_alpha2:
            message += f" (an alpha-2 code; the alpha-3 code is {table.by_alpha2[upper]!r})"
    else:
        message += f" (expected a str, got {type(code).__name__})"
    return ValidationError.at("$", message, ErrorCode.UNKNOWN_CODE)


def is_country_code(code: object) -> TypeGuard[str]:
    """Return True if ``code`` is a known alpha-3 code: an exact, upper-case str.

    Anything else, of any type, is False; this never raises.

    >>> is_country_code("KOR"), is_country_code("XKX")
    (True, True)
    >>> is_country_code("kor"), is_country_code("KR"), is_country_code("XXX")
    (False, False, False)
    >>> is_country_code(None), is_country_code(["KOR"])
    (False, False)
    """
    return isinstance(code, str) and code in (_TABLE or _load()).codes


def country_codes() -> frozenset[str]:
    """Return every known alpha-3 code: ISO 3166-1 plus the user-assigned ``XKX``.

    >>> codes = country_codes()
    >>> "KOR" in codes, "XKX" in codes, len(codes) > 240
    (True, True, True)
    """
    return (_TABLE or _load()).codes


def country_info(code: str) -> CountryInfo:
    """Return the table row for an alpha-3 code; raise `ValidationError` if unknown.

    >>> country_info("RUS").name
    'Russia'
    >>> country_info("RUS").iso_name
    'Russian Federation'
    """
    table = _TABLE or _load()
    try:
        return table.by_alpha3[code]
    except (KeyError, TypeError):
        raise _unknown(code, table) from None


def country_name(code: str) -> str:
    """Return the English (CLDR) name of an alpha-3 code; raise `ValidationError` if unknown.

    >>> country_name("PRK"), country_name("TUR"), country_name("XKX")
    ('North Korea', 'Türkiye', 'Kosovo')
    >>> country_name("XXX")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: unknown country code 'XXX'
    """
    return country_info(code).name


def alpha3_from_alpha2(code: str) -> str:
    """Return the alpha-3 code for an alpha-2 code; raise `ValidationError` if unknown.

    Codes are exact and upper-case, as for alpha-3.

    >>> alpha3_from_alpha2("KR"), alpha3_from_alpha2("GB"), alpha3_from_alpha2("XK")
    ('KOR', 'GBR', 'XKX')
    >>> alpha3_from_alpha2("UK")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: unknown alpha-2 country code 'UK'
    """
    table = _TABLE or _load()
    try:
        return table.by_alpha2[code]
    except (KeyError, TypeError):
        message = f"unknown alpha-2 country code {_short_repr.repr(code)}"
        if not isinstance(code, str):
            message += f" (expected a str, got {type(code).__name__})"
        raise ValidationError.at("$", message, ErrorCode.UNKNOWN_CODE) from None
