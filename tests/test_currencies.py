"""The ISO 4217 table: generated from pycountry and CLDR, shipped, checked against its source."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from diplomev import ValidationError, currency_name, is_currency_code
from diplomev.currencies import currency_codes

REPO = Path(__file__).resolve().parents[1]


def test_the_generated_table_is_current() -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_currencies.py"), "--check"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr


def test_every_code_is_iso_4217_and_money() -> None:
    iso = {currency.alpha_3 for currency in pycountry.currencies}
    assert currency_codes() <= iso
    assert {"USD", "EUR", "CNY", "JPY", "KRW", "INR", "XDR", "XOF"} <= currency_codes()
    assert not {"XAU", "XTS", "XXX"} & currency_codes()  # gold, testing, "no currency"


@pytest.mark.parametrize("code", ["usd", "US$", "", "EURO", None, 840])
def test_anything_else_is_not_a_currency(code: object) -> None:
    assert not is_currency_code(code)


def test_names_come_from_cldr() -> None:
    assert (currency_name("USD"), currency_name("CNY")) == ("US Dollar", "Chinese Yuan")
    with pytest.raises(ValidationError) as excinfo:
        currency_name("ZZZ")
    assert excinfo.value.codes == ("unknown_code",)


def test_an_amount_names_its_currency_problem() -> None:
    import diplomev

    with pytest.raises(ValidationError) as excinfo:
        diplomev.Amount(value=5.0, currency="usd")
    assert (
        excinfo.value.errors[0].message
        == "unknown currency code 'usd' (codes are upper case: 'USD')"
    )
