"""Gifts to one person in one calendar year add up to more than the yearly limit.

## What it does
Adds up, per recipient and calendar year, the `value` of gifts in date order and
reports the gift at which the total first exceeds `limits.gift_max_per_person_year`
(in the reporting currency `money.currency`: gifts in other currencies are converted),
or `limits.gift_max_per_person_year_official` when any of that person's gifts marks
them as a public official.

## Why is this bad
Many small gifts to the same person are one large gift. Anti-bribery policies cap the
yearly total, not just each item.

## Example
```yaml
gifts:
  - {id: g-1, recipient: c-bob, date: 2026-03-01, value: 140, ...}
  - {id: g-2, recipient: c-bob, date: 2026-09-01, value: 140, ...}
  - {id: g-3, recipient: c-bob, date: 2026-12-01, value: 140, ...}   # total 420 > 300
```

## Use instead
```yaml
gifts:
  - {id: g-1, recipient: c-bob, date: 2026-03-01, value: 140, ...}
  - {id: g-2, recipient: c-bob, date: 2026-09-01, value: 140, ...}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Gift, Roster
from ..model.document import Document
from ..model.portfolio import Dossier

CODE = "AP402"
NAME = "gifts-per-person-year"
SEVERITY = Severity.ERROR


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``value`` of the gift that takes a person's yearly total over the limit."""
    limits, money = settings.limits, settings.money
    groups: dict[tuple[str, int], list[tuple[int, Gift]]] = {}
    for i, gift in enumerate(dossier.account.data.gifts):
        groups.setdefault((gift.recipient, gift.date.year), []).append((i, gift))
    for (recipient, year), gifts in groups.items():
        official = any(g.public_official for _, g in gifts)
        limit = limits.gift_max_per_person_year_official if official else limits.gift_max_per_person_year
        total = 0.0
        for i, gift in sorted(gifts, key=lambda pair: (pair[1].date, pair[0])):
            value = money.convert(gift.value, gift.currency)  # None: no rate, AP314 says so
            total += value or 0.0
            if total > limit:
                yield dossier.account.diagnostic(
                    CODE, SEVERITY,
                    f"gifts to '{recipient}' in {year} reach {round(total, 2):g}"
                    f"{' ' + money.currency if money.currency else ''} with '{gift.id}'; the yearly limit "
                    f"{'for a public official ' if official else ''}is {money.limit(limit)}",
                    "stop giving to this person this year, or decline and record it", ("gifts", i, "value"),
                )
                break
