"""Amounts are shown as people read them, and never as hundreds of digits."""

from __future__ import annotations

from generator.model.money import MAX_AMOUNT, Money, figure


def test_ordinary_amounts_have_thousands_separators_and_no_trailing_zeros() -> None:
    assert figure(1200) == "1,200"
    assert figure(153.6) == "153.6"
    assert figure(153.6, 0) == "154"
    assert figure(999_999_999_999) == "999,999,999,999"


def test_figures_from_a_trillion_on_are_compact() -> None:
    assert figure(2.5e12) == "2.5e+12"
    assert figure(MAX_AMOUNT, 0) == "1e+15"
    assert figure(1.0e308) == "1e+308"  # what the loader refuses (AP104) cannot reach a page; even so, 6 characters
    assert figure(-1.0e308, 0) == "-1e+308"


def test_a_converted_amount_uses_the_same_display() -> None:
    money = Money("EUR", None, {"KRW": 0.0007})
    assert money.amount(3.0e12, "KRW") == "3e+12 KRW (2,100,000,000 EUR)"
