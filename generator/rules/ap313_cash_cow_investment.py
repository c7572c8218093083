"""A cash cow whose investment is not shrinking.

## What it does
For an account the cash-cow rule (AP309) classes as a cash cow, compares our headcount
serving it (`kpi[].headcount`) in the latest KPI year with the year before, and warns
when it did not fall — or when no earlier year is recorded to tell.

## Why is this bad
The article's strategy for a cash cow is "对它整个的投资策略是逐步的收缩，将资源转移到高价值客户上面":
investment shrinks step by step and resources move to higher-value customers. Calling an
account a cash cow while staffing it as before is a label, not a decision.

## Example
```yaml
strategy: {trend: diverging, ...}
kpi:
  - {year: 2026, sales: 4200000, profit: 900000, headcount: 6}
  - {year: 2025, sales: 4600000, profit: 950000, headcount: 6}
```

## Use instead
```yaml
kpi:
  - {year: 2026, sales: 4200000, profit: 900000, headcount: 4}   # two people moved to a growth account
  - {year: 2025, sales: 4600000, profit: 950000, headcount: 6}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..method import cash_cow, investment, kpi_year
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier

CODE = "AP313"
NAME = "cash-cow-investment"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at the latest KPI year's ``headcount`` of each cash cow whose headcount did not fall."""
    today = settings.today
    account = dossier.account.data
    if cash_cow(account, today, settings.limits, settings.money) is None:
        return
    record, _ = kpi_year(account, today)
    if record is None:
        return
    now, before = investment(account, today)
    index = account.kpi.index(record)
    if before is None:
        message = (f"cash-cow account: {record.year} headcount {record.headcount:g} but no "
                   f"{record.year - 1} record to show investment shrinking")
        hint = f"add the {record.year - 1} KPI record with its headcount"
    elif now is not None and now >= before:
        message = (f"cash-cow account: headcount {now:g} in {record.year} against {before:g} in "
                   f"{record.year - 1}; investment is not shrinking")
        hint = "plan to move people to higher-value accounts step by step, or record why not"
    else:
        return
    yield dossier.account.diagnostic(CODE, SEVERITY, message, hint, ("kpi", index, "headcount"))
