"""An S or A account has no organizational-relationship plan.

## What it does
Flags tier S and A accounts without any plan of `layer: organizational`.

## Why is this bad
Organizational relationships (组织客户关系, "the momentum") decide long-term survival in a
key account: strategic benchmarking, executive visits, cooperation agreements, joint
innovation. Without a plan they depend on a few people ("一多二少三无").

## Example
```yaml
tier: S
plans:
  - {id: pl-cto, layer: key, goal: Win the CTO, owner: p-ann, due: 2027-03-31, status: planned}
```

## Use instead
```yaml
tier: S
plans:
  - {id: pl-bench, layer: organizational, goal: Annual strategic benchmarking meeting,
     owner: p-ann, due: 2027-03-31, status: planned}
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

CODE = "AP302"
NAME = "org-plan-missing"
SEVERITY = Severity.ERROR


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield for each key account without an organizational plan."""
    account = dossier.account.data
    if account.tier in KEY_TIERS and not any(p.layer == "organizational" for p in account.plans):
        found = ", ".join(sorted({p.layer for p in account.plans})) or "no plans"
        yield dossier.account.diagnostic(
            CODE, SEVERITY,
            f"tier {account.tier} account needs a plan with layer 'organizational'; found {found}",
            "add a plan (layer: organizational) for benchmarking, executive visits, an agreement or a "
            "joint innovation centre", where(dossier.account, ("plans",), ("tier",)),
        )
