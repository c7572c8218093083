"""An issue's status and its `closed` date disagree.

## What it does
Checks each entry of `issues`: an `open` issue has no `closed` date, a `closed` one has
one, and it is not before `opened`.

## Why is this bad
Closing issues and complaints in a loop is one of the method's satisfaction actions;
time-to-close is scored from these dates. Inconsistent entries make open complaints
look handled, or handled ones look open.

## Example
```yaml
issues:
  - {id: i-1, title: Late delivery, kind: complaint, opened: 2026-10-02, status: closed}
```

## Use instead
```yaml
issues:
  - {id: i-1, title: Late delivery, kind: complaint, opened: 2026-10-02, status: closed,
     closed: 2026-10-20}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import account_entries

CODE = "AP312"
NAME = "issue-status"
SEVERITY = Severity.ERROR


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at the ``closed`` date or ``status`` of each inconsistent issue."""
    for doc, i, issue in account_entries(dossier, "issues"):
        if issue.status == "open" and issue.closed is not None:
            yield doc.diagnostic(CODE, SEVERITY, f"issue '{issue.id}' is open but has a closed date ({issue.closed})",
                                 "set 'status: closed', or remove the date", ("issues", i, "closed"))
        elif issue.status == "closed" and issue.closed is None:
            yield doc.diagnostic(CODE, SEVERITY, f"issue '{issue.id}' is closed but has no 'closed' date",
                                 "add 'closed: YYYY-MM-DD'", ("issues", i, "status"))
        elif issue.closed is not None and issue.closed < issue.opened:
            yield doc.diagnostic(CODE, SEVERITY,
                                 f"issue '{issue.id}' closed on {issue.closed}, before it was opened ({issue.opened})",
                                 "correct one of the two dates", ("issues", i, "closed"))
