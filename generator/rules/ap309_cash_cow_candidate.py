"""A diverging strategy with high sales: a cash-cow candidate.

## What it does
Notes accounts whose `strategy.trend` is `diverging` while the latest KPI year's sales
reach `limits.cash_cow_min_sales`.

## Why is this bad
It is not an error but a decision to take. The method calls such customers cash cows
(现金牛/现金流客户): large revenue today, but a strategy moving away from ours. Investment
should shrink step by step and resources move to higher-value customers.

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

from ..diagnostics import Diagnostic, Severity
from .base import Context, latest_kpi

CODE = "AP309"
NAME = "cash-cow-candidate"
SEVERITY = Severity.INFO


def check(ctx: Context) -> Iterator[Diagnostic]:
    """Yield at ``strategy.trend`` of each diverging account with high latest sales."""
    threshold = ctx.settings.limits.cash_cow_min_sales
    for dossier in ctx.portfolio.dossiers:
        account = dossier.account.data
        kpi = latest_kpi(account)
        if account.strategy and account.strategy.trend == "diverging" and kpi and kpi.sales >= threshold:
            yield dossier.account.diagnostic(
                CODE, SEVERITY,
                f"strategy is diverging while {kpi.year} sales are {kpi.sales:,.0f} {account.currency} "
                f"(at least {threshold:,.0f}): a cash-cow candidate",
                "decide whether to shrink investment step by step and move resources to higher-value accounts",
                ("strategy", "trend"),
            )
