"""An opportunity is past its expected decision date and still open.

## What it does
Reports each opportunity whose `stage` is open (not `won`, `lost`, `dropped` or another
configured closed stage) and whose `decision` date is before today.

## Why is this bad
A pipeline of projects whose decisions "should have happened" overstates what the
relationship work is about to win; either the customer decided (record it) or the date
moved (find out why, and from whom).

## Example
```yaml
stage: negotiation
decision: 2026-09-30     # today is 2026-11-27
```

## Use instead
```yaml
stage: won               # or lost / dropped; or a new decision date learnt from the customer
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from ..model.stages import stages_of

CODE = "AP321"
NAME = "opportunity-overdue"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``decision`` of each open opportunity whose decision date has passed."""
    stages = stages_of(settings.stages)
    today = settings.today
    for doc in dossier.opportunities:
        opp = doc.data
        if opp.decision is not None and opp.decision < today and stages.is_open(opp.stage):
            yield doc.diagnostic(
                CODE, SEVERITY,
                f"opportunity '{opp.id}' was to be decided on {opp.decision} and is still at {opp.stage}",
                "record the outcome (won, lost, dropped) or the new decision date", ("decision",),
            )
