"""ISO 4217 currency codes, for the amounts agreements are worth.

The table (``data/currencies.json``) is generated from pycountry's ISO 4217 data and
CLDR's English names by ``scripts/generate_currencies.py`` and read on first use.

>>> is_currency_code("USD"), is_currency_code("usd"), is_currency_code("XAU")
(True, False, False)
>>> currency_name("CNY")
'Chinese Yuan'
"""

from __future__ import annotations

import functools
from typing import TypeGuard

from diplomev._tables import load_table
from diplomev.errors import ErrorCode, ValidationError

__all__ = ["currency_codes", "currency_name", "is_currency_code"]

_NAMES: dict[str, str] | None = None


def _names() -> dict[str, str]:
    global _NAMES
    if _NAMES is None:
        _NAMES = {row["code"]: row["name"] for row in load_table("currencies.json")["currencies"]}
    return _NAMES


def is_currency_code(code: object) -> TypeGuard[str]:
    """Return True if ``code`` is a known ISO 4217 code: an exact, upper-case str.

    >>> is_currency_code("EUR"), is_currency_code(978)
    (True, False)
    """
    return isinstance(code, str) and code in _names()


@functools.cache
def currency_codes() -> frozenset[str]:
    """Return every known ISO 4217 code (money only: no metals or test codes).

    >>> {"USD", "EUR", "XDR"} <= currency_codes()
    True
    """
    return frozenset(_names())


def currency_name(code: str) -> str:
    """Return the English (CLDR) name of a currency; raise `ValidationError` if unknown.

    >>> currency_name("XXX")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: unknown currency code 'XXX'
    """
    try:
        return _names()[code]
    except (KeyError, TypeError):
        raise ValidationError.at(
            "$", f"unknown currency code {str(code)[:40]!r}", ErrorCode.UNKNOWN_CODE
        ) from None
