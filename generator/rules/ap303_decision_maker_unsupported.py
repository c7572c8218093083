"""A decision maker is neutral or against us, and no open plan aims to change that.

## What it does
For each contact still at the customer whose `role` decides (decision-maker,
economic-buyer, approver) and whose `support` is 3 (neutral) or lower, looks for a
plan in `account.md` with `layer: key`, `target:` that contact and status `planned`
or `in-progress`. A `support: unknown` is not judged here: not knowing where someone
stands is an information gap (AP316), not evidence that they are against us.

## Why is this bad
Key relationships (关键客户关系, "the point") decide the first order and strategic
projects. A decision maker who does not support us, with nobody working on it, is the
most expensive gap in an account plan.

## Example
```yaml
# contacts/c-cfo.md
role: economic-buyer
support: 2
# account.md has no key plan targeting c-cfo
```

## Use instead
```yaml
# account.md
plans:
  - {id: pl-cfo, layer: key, target: c-cfo, goal: Raise support to 4 via a TCO workshop,
     owner: p-ann, due: 2027-02-28, status: in-progress}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster, scales
from ..model.contact import DECIDING_ROLES
from ..model.document import Document
from ..model.portfolio import Dossier, current_contacts
from .base import OPEN_STATUSES

CODE = "AP303"
NAME = "decision-maker-unsupported"
SEVERITY = Severity.ERROR


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at the ``support`` of each unsupported decision maker without an open key plan."""
    planned = {p.target for p in dossier.account.data.plans if p.layer == "key" and p.status in OPEN_STATUSES}
    for doc in current_contacts(dossier):
        c = doc.data
        if c.role in DECIDING_ROLES and c.support is not None and c.support <= 3 and c.id not in planned:
            yield doc.diagnostic(
                CODE, SEVERITY,
                f"{c.role} '{c.id}' has support {c.support} ({scales.SUPPORT[c.support][0]}) and no open key "
                "plan targets them; expected a plan with layer key, target "
                f"{c.id}, status planned or in-progress",
                f"add to account.md plans: {{layer: key, target: {c.id}, status: planned, ...}}", ("support",),
            )
