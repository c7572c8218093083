"""An amount in a currency the settings cannot convert.

## What it does
With a reporting currency set (`money.currency`), points at the `currency` of an account
that has KPI figures, of each gift, and of each opportunity with a value, when
`money.rates` has no rate for it.

## Why is this bad
Limits, thresholds, roll-ups and the fit × revenue chart compare amounts in the
reporting currency. Without a rate they cannot: the gift limits are not checked for that
gift, its account's sales are left off the chart (and listed under it), the person
figures say "n/a", and opportunity values in it cannot be compared or added up.
Guessing 1:1 would put 15.5 M CNY above 10.4 M EUR.

## Example
```yaml
# mkdocs.yml: money: {currency: EUR, rates_date: 2026-06-30, rates: {USD: 0.92}}
currency: CNY
```

## Use instead
```yaml
# mkdocs.yml
money: {currency: EUR, rates_date: 2026-06-30, rates: {USD: 0.92, CNY: 0.128}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier

CODE = "AP314"
NAME = "no-exchange-rate"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at each account, gift and opportunity ``currency`` the money settings cannot convert."""
    money = settings.money
    if money.currency is None:
        return
    hint = f"add it to money.rates in mkdocs.yml (one unit in {money.currency}), with the rates' date"
    account = dossier.account.data
    if account.kpi and not money.convertible(account.currency):
        yield dossier.account.diagnostic(
            CODE, SEVERITY, f"no exchange rate from {account.currency} to {money.currency}: KPI figures are "
            "left out of charts, roll-ups and thresholds", hint, ("currency",))
    for i, gift in enumerate(account.gifts):
        if not money.convertible(gift.currency):
            yield dossier.account.diagnostic(
                CODE, SEVERITY, f"no exchange rate from {gift.currency} to {money.currency}: gift '{gift.id}' "
                "cannot be checked against the limits", hint, ("gifts", i, "currency"))
    for doc in dossier.opportunities:
        opp = doc.data
        if opp.value is not None and opp.currency and not money.convertible(opp.currency):
            yield doc.diagnostic(
                CODE, SEVERITY, f"no exchange rate from {opp.currency} to {money.currency}: the value of "
                f"opportunity '{opp.id}' cannot be compared or added up", hint, ("currency",))
