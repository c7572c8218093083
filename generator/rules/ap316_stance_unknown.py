"""A decision maker's support is not known yet: find out where they stand.

## What it does
For each contact still at the customer whose `role` decides (decision-maker,
economic-buyer, approver) and whose `support` is `unknown`, asks to find out where
they stand.

## Why is this bad
The article names support (支持度) and intimacy (亲密度) as the two dimensions of a key
relationship; a decision maker's support decides the first order. Not knowing it is an
information gap (信息完整度), milder than a known opponent (AP303) but just as worth a
visit. Writing a guessed `3` would hide the gap and invent a neutral opinion.

## Example
```yaml
# contacts/c-cfo.md
role: economic-buyer
support: unknown
```

## Use instead
```yaml
support: 2        # learnt at the TCO workshop; AP303 then asks for a key plan
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import current_deciders

CODE = "AP316"
NAME = "stance-unknown"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at the ``support`` of each current decision maker whose support is unknown."""
    for doc in current_deciders(dossier):
        c = doc.data
        if c.support is None:
            yield doc.diagnostic(
                CODE, SEVERITY,
                f"{c.role} '{c.id}': support is unknown; find out where {c.name} stands",
                "meet them (or ask your coach) and record support 1–5; a key plan can target them meanwhile",
                ("support",),
            )
