"""A diverging strategy: a cash-cow customer, whatever its revenue.

## What it does
Notes accounts whose `strategy.trend` is `diverging`. A team may set
`limits.cash_cow_min_sales` (reporting currency) to leave smaller accounts out; the
default 0 follows the article.

## Why is this bad
It is not an error but a decision to take. The article: if a customer's strategy moves
away from ours, "即使现在它对我的营收贡献很大，我们也会把它定义为现金牛客户" — even if its
revenue is large today, it is a cash cow (现金牛/现金流客户). Investment shrinks step by step
and resources move to higher-value customers (AP313 follows the headcount).

## Example
```yaml
strategy: {trend: diverging, ...}
kpi:
  - {year: 2025, sales: 4200000, profit: 900000, headcount: 6}
```

## Use instead
```yaml
segment: cash-cow     # decided and recorded; or turn the rule to 'off' for this team
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..method import cash_cow
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier

WHY = {
    "article": "a cash cow even if its revenue is large",
    "floor": "its sales reach the team's cash-cow floor",
    "no_rate": "no exchange rate to apply the team's sales floor, so the article's reading stands",
}

CODE = "AP309"
NAME = "cash-cow-candidate"
SEVERITY = Severity.INFO


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``strategy.trend`` of each diverging account the cash-cow rule classes as a cash cow."""
    found = cash_cow(dossier.account.data, settings.today, settings.limits, settings.money)
    if found is not None:
        why, sales = found
        amount = f" ({sales:,.0f} {settings.money.currency or dossier.account.data.currency})" if sales else ""
        yield dossier.account.diagnostic(
            CODE, SEVERITY,
            f"strategy is diverging: a cash-cow customer (现金牛客户) — {WHY[why]}{amount}",
            "shrink investment step by step and move resources to higher-value accounts",
            ("strategy", "trend"),
        )
