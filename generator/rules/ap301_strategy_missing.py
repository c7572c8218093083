"""An S or A account has no strategy insight.

## What it does
Flags tier S and A accounts whose `account.md` has no `strategy:` block.

## Why is this bad
The method requires deep insight into key accounts: the customer's 3–5-year strategy,
investment areas, business scope and organization, and how well we fit (战略匹配度).
Without it the account is managed by projects and opportunities alone.

## Example
```yaml
tier: S
# no strategy
```

## Use instead
```yaml
tier: S
strategy:
  horizon: 2026-2030
  summary: Moving from fixed-line to converged cloud services.
  fit: 4
  trend: converging
  position: main-channel
  sources: [s-ar2025]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier

CODE = "AP301"
NAME = "strategy-missing"
SEVERITY = Severity.ERROR


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield for each S/A account without ``strategy``."""
    account = dossier.account.data
    if account.tier in ("S", "A") and account.strategy is None:
        yield dossier.account.diagnostic(
            CODE, SEVERITY, f"tier {account.tier} account has no strategy insight",
            "add a 'strategy:' block (horizon, summary, fit, trend, position)", ("tier",),
        )
