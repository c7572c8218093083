"""An improvement plan is past its due date and not closed.

## What it does
Warns at `due` of each plan whose date has passed while its status is still
`planned` or `in-progress`.

## Why is this bad
Improvement-plan completion is one of the nine key business actions the method
assesses. A plan left open after its date is either done and not recorded, or slipping
without anyone deciding so.

## Example
```yaml
plans:
  - {id: pl-cto, layer: key, target: c-cto, goal: Win the CTO, owner: p-ann,
     due: 2026-06-30, status: in-progress, progress: 40}
```

## Use instead
```yaml
plans:
  - {id: pl-cto, ..., due: 2027-01-31, status: in-progress, progress: 40}   # re-planned
  # or status: done / dropped
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import OPEN_STATUSES, account_entries

CODE = "AP310"
NAME = "plan-overdue"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``due`` of each open plan whose due date is before today."""
    today = settings.today
    for doc, i, plan in account_entries(dossier, "plans"):
        if plan.status in OPEN_STATUSES and plan.due < today:
            yield doc.diagnostic(
                CODE, SEVERITY, f"plan '{plan.id}' was due on {plan.due} and is still {plan.status}; today is {today}",
                "set status done or dropped, or agree a new due date", ("plans", i, "due"),
            )
