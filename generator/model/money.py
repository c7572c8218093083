"""Money across currencies: a reporting currency and a dated table of exchange rates.

Dossiers record each amount in its own currency (an account's KPI figures in ``currency``,
each gift in its own). Limits, thresholds, roll-ups and the portfolio chart compare amounts,
and 300 CNY is not 300 EUR, so they convert to the reporting currency first::

    plugins:
      accountplan:
        money:
          currency: EUR          # the reporting currency: limits and thresholds are in it
          rates_date: 2026-06-30 # the day the rates were taken; charts state it
          rates: {CNY: 0.128, USD: 0.92}   # one unit of the code is worth this much EUR

An amount in a currency with no rate is never guessed: :meth:`Money.convert` gives ``None``,
rule AP314 points at the currency in the dossier, and the chart lists the account apart.
With no reporting currency set, amounts are compared only within one currency: limits then
apply to each amount in its own currency (the single-currency team's reading), and a chart
across several currencies is refused with a note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

CODE = re.compile(r"[A-Z]{3}")
"""An ISO 4217 currency code."""
MAX_AMOUNT = 1e15
"""The largest number a dossier may write in a decimal field (a thousand trillion): above it a value is a typo
or an attack, and the loader refuses it (AP104) rather than render a 309-digit figure."""
_SCIENTIFIC = 10**12


def figure(value: float, decimals: int = 2) -> str:
    """An amount as people read it: ``1,200``, ``153.6``; from a trillion on ``1.2e+12`` (never hundreds of digits)."""
    if abs(value) >= _SCIENTIFIC:
        return f"{value:.3g}"
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"


@dataclass(frozen=True)
class Money:
    """The reporting currency and the rates into it."""

    currency: str | None = None
    """Reporting currency (ISO code); ``None``: no conversion, each amount in its own currency."""
    rates_date: dt.date | None = None
    """The day the rates were taken, shown wherever converted amounts are."""
    rates: dict[str, float] = field(default_factory=dict)
    """Currency code → value of one unit in the reporting currency."""

    @classmethod
    def from_mapping(cls, data: Any) -> Money:
        """The ``money:`` settings; ``ValueError`` naming the key for anything malformed."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("money: expected a mapping with currency, rates_date and rates")
        unknown = set(data) - {"currency", "rates_date", "rates"}
        if unknown:
            names = ", ".join(sorted(map(str, unknown)))
            raise ValueError(f"money: unknown {names}; known: currency, rates, rates_date")
        currency = data.get("currency")
        if currency is not None and not (isinstance(currency, str) and CODE.fullmatch(currency)):
            raise ValueError(f"money.currency: expected a three-letter ISO code such as EUR, found {currency!r}")
        rates_date = data.get("rates_date")
        if rates_date is not None and not isinstance(rates_date, dt.date):
            try:
                rates_date = dt.date.fromisoformat(str(rates_date))
            except ValueError:
                raise ValueError(f"money.rates_date: expected a date YYYY-MM-DD, found {rates_date!r}") from None
        rates = data.get("rates") or {}
        if not isinstance(rates, dict):
            raise ValueError("money.rates: expected a mapping of currency code to rate")
        checked: dict[str, float] = {}
        for code, rate in rates.items():
            if not (isinstance(code, str) and CODE.fullmatch(code)):
                raise ValueError(f"money.rates: '{code}' is not a three-letter ISO currency code")
            if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
                raise ValueError(f"money.rates.{code}: expected a number above 0, found {rate!r}")
            checked[code] = float(rate)
        if checked and currency is None:
            raise ValueError("money.rates: set money.currency, the currency the rates convert into")
        if checked and rates_date is None:
            raise ValueError("money.rates_date: say on which day the rates were taken")
        return cls(currency, rates_date, checked)

    def convertible(self, code: str) -> bool:
        """An amount in ``code`` can be compared with the limits (no reporting currency: always)."""
        return self.currency is None or code == self.currency or code in self.rates

    def convert(self, amount: float, code: str) -> float | None:
        """``amount`` in the reporting currency; unchanged with none set; ``None`` without a rate."""
        if self.currency is None or code == self.currency:
            return amount
        rate = self.rates.get(code)
        return None if rate is None else amount * rate

    def unit(self, code: str) -> str:
        """The currency a converted amount is in: the reporting one, else ``code`` itself."""
        return self.currency or code

    def amount(self, value: float, code: str) -> str:
        """``151 EUR``, or ``1,200 CNY (153.6 EUR at rates of 2026-06-30)`` when converted."""
        own = f"{figure(value)} {code}"
        converted = self.convert(value, code)
        if self.currency is None or code == self.currency or converted is None:
            return own
        shown = figure(converted)
        when = f" at rates of {self.rates_date.isoformat()}" if self.rates_date else ""
        return f"{own} ({shown} {self.currency}{when})"

    def limit(self, value: float) -> str:
        """A limit as the messages show it: ``150 EUR`` in the reporting currency, else just ``150``."""
        return f"{value:g} {self.currency}" if self.currency else f"{value:g}"

    def describe(self) -> str:
        """``EUR, rates of 2026-06-30`` — how converted amounts say what they are in."""
        if self.currency is None:
            return ""
        when = f", rates of {self.rates_date.isoformat()}" if self.rates_date and self.rates else ""
        return f"{self.currency}{when}"
