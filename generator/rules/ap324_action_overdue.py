"""An action item is past its due date and still open.

## What it does
Reports each action (`actions/<id>.md`) whose `status` is `open` and whose `due` date is
before today, naming its owner.

## Why is this bad
A next step nobody took is a relationship that cooled: the customer waited for the TCO
model, the visit was never booked. Closing the loop is the method's discipline, as for
plans (AP310) and issues (AP312).

## Example
```yaml
# actions/a-send-tco-model.md
owner: p-tom-hale
due: 2026-11-15      # today is 2026-11-27
status: open
```

## Use instead
```yaml
status: done         # or dropped; or a new due date agreed with the owner
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier

CODE = "AP324"
NAME = "action-overdue"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``due`` of each open action whose due date has passed."""
    today = settings.today
    for doc in dossier.actions:
        action = doc.data
        if action.status == "open" and action.due < today:
            yield doc.diagnostic(
                CODE, SEVERITY, f"action '{action.id}' of {action.owner} was due on {action.due} and is still open",
                "set status done or dropped, or agree a new due date", ("due",),
            )
