"""A contact record is past its review date.

## What it does
Warns at `review_by` of every contact file whose date has passed (after
`limits.review_grace_days`), including people who have left.

## Why is this bad
Contact files hold personal data. Data-protection practice is to keep it accurate and
no longer than needed: each record is reviewed on a schedule, corrected, and trimmed
(for people who left, reduced to what the history needs).

## Example
```yaml
review_by: 2025-06-30
```

## Use instead
```yaml
review_by: 2027-06-30    # after checking title, reports_to, support, personal notes
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import overdue

CODE = "AP308"
NAME = "contact-review-due"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``review_by`` of each contact past it."""
    for doc in dossier.contacts:
        if overdue(doc.data.review_by, settings):
            yield doc.diagnostic(
                CODE, SEVERITY,
                f"contact record was due for review on {doc.data.review_by}; today is {settings.today}",
                "review the record (personal data upkeep) and set a new 'review_by'", ("review_by",),
            )
