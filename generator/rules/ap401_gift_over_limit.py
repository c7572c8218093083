"""A gift is worth more than the per-gift limit.

## What it does
Compares each gift's `value` with `limits.gift_max_value`, or with the stricter
`limits.gift_max_value_official` when the recipient is a public official or works for
a state-owned enterprise (`public_official: true`). The limits are in the reporting
currency (`money.currency`); a gift in another currency is converted with `money.rates`
first (300 CNY is not 300 EUR), and one with no rate is reported by AP314 instead. With
no reporting currency set, values are compared as written.

## Why is this bad
Relationship upkeep allows small, thoughtful courtesies of low value; above the limit
a gift can be a bribe under anti-bribery law, most strictly for public officials.

## Example
```yaml
gifts:
  - {id: g-1, value: 400, public_official: false, ...}
```

## Use instead
```yaml
gifts:
  - {id: g-1, value: 60, public_official: false, ...}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Gift, Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import account_entries

CODE = "AP401"
NAME = "gift-over-limit"
SEVERITY = Severity.ERROR


def per_gift_limit(gift: Gift, settings: Settings) -> float:
    """The per-gift limit that applies to this recipient."""
    limits = settings.limits
    return limits.gift_max_value_official if gift.public_official else limits.gift_max_value


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``value`` of each gift above its limit."""
    money = settings.money
    for doc, i, gift in account_entries(dossier, "gifts"):
        limit = per_gift_limit(gift, settings)
        value = money.convert(gift.value, gift.currency)  # None: no rate, AP314 says so
        if value is not None and value > limit:
            who = "a public official" if gift.public_official else "one recipient"
            yield doc.diagnostic(
                CODE, SEVERITY,
                f"gift '{gift.id}' is worth {money.amount(gift.value, gift.currency)}; the limit for {who} is "
                f"{money.limit(limit)}",
                "give something of lower value, or decline and record it", ("gifts", i, "value"),
            )
