"""A decision maker whom only one of our people knows.

## What it does
For each contact still at the customer whose `role` decides (decision-maker,
economic-buyer, approver), counts our people who know them — in `owners` or in the
who-knows-whom records of `knows` — and warns when there is only one, or none.

## Why is this bad
The article's first failure mode, "一多": 过度依赖销售精英，关键客户掌握在少数销售精英手中 —
key customers held by a few sales stars, lost when they move on (客户关系…总随人员流动而流失).
A decision maker known to a single person of ours is exactly that risk.

## Example
```yaml
# contacts/c-cfo.md
role: economic-buyer
owners: [p-ann]
```

## Use instead
```yaml
owners: [p-ann]
knows:
  - {person: p-jon, strength: 3, since: 2026-05-01}   # a second person of ours knows them too
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import current_deciders, where

CODE = "AP317"
NAME = "single-owner"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``owners`` (or ``knows``, ``role``) of each current decider known to fewer than two of our people."""
    for doc in current_deciders(dossier):
        c = doc.data
        owners = c.known_by
        if len(owners) >= 2:
            continue
        who = f"only {owners[0]} knows them" if owners else "none of our people owns the relationship"
        yield doc.diagnostic(
            CODE, SEVERITY, f"{c.role} '{c.id}': {who} (一多: a key customer held by one person)",
            "add a second owner from the account team and plan how they will meet",
            where(doc, ("owners",), ("knows",), ("role",)),
        )
