"""An S or A account team lacks the iron triangle (AR, SR, FR).

## What it does
Warns when the `team` of a tier S or A account does not name at least one account
responsible (AR), solution responsible (SR) and fulfilment responsible (FR).

## Why is this bad
Key accounts are served by the "iron triangle": one person for the relationship and
the business, one for the solution, one for delivery. A missing corner means nobody
answers the customer on that side.

## Example
```yaml
tier: A
team:
  - {person: p-ann, role: AR}
```

## Use instead
```yaml
tier: A
team:
  - {person: p-ann, role: AR}
  - {person: p-sam, role: SR}
  - {person: p-fay, role: FR}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import KEY_TIERS, where

CODE = "AP311"
NAME = "iron-triangle"
SEVERITY = Severity.WARNING
TRIANGLE = ("AR", "SR", "FR")


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``team`` (or ``tier``) of key accounts missing a triangle role."""
    account = dossier.account.data
    roles = {m.role for m in account.team}
    missing = [r for r in TRIANGLE if r not in roles]
    if account.tier in KEY_TIERS and missing:
        yield dossier.account.diagnostic(
            CODE, SEVERITY,
            f"tier {account.tier} team needs AR, SR and FR; missing {', '.join(missing)}",
            "add team members with the missing roles", where(dossier.account, ("team",), ("tier",)),
        )
