"""A source is past its review date, or too old.

## What it does
Warns at a source whose `review_by` has passed (after `limits.review_grace_days`), or
whose information is more than `limits.source_max_age_days` old (365 by default): counted
from `published` when given (a 2023 annual report collected today is not today's news),
else from `collected`.

## Why is this bad
Customer strategy and organizations change; insight built on last year's annual report
drifts from the truth without anyone noticing.

## Example
```yaml
sources:
  - {id: s-ar2023, channel: annual-report, title: Annual report 2023, published: 2024-03-28, collected: 2026-11-20}
```

## Use instead
```yaml
sources:
  - {id: s-ar2025, channel: annual-report, title: Annual report 2025, collected: 2026-04-02,
     review_by: 2027-04-30}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import account_entries, overdue

CODE = "AP307"
NAME = "stale-source"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield once per stale source: at ``review_by`` when that passed, else at ``collected``."""
    max_age = settings.limits.source_max_age_days
    today = settings.today
    for doc, i, source in account_entries(dossier, "sources"):
        age = (today - source.dated).days
        field = "published" if source.dated != source.collected else "collected"
        when = "published" if field == "published" else "collected"
        if source.review_by is not None and overdue(source.review_by, settings):
            yield doc.diagnostic(
                CODE, SEVERITY, f"source '{source.id}' was due for review on {source.review_by}; today is {today}",
                "check the source again, then update 'collected' and 'review_by'", ("sources", i, "review_by"),
            )
        elif age > max_age:
            yield doc.diagnostic(
                CODE, SEVERITY,
                f"source '{source.id}' was {when} {age} days ago ({source.dated}); expected at most {max_age}",
                "find a fresher source or re-check this one and update 'collected'", ("sources", i, field),
            )
