"""A gift above the approval threshold has no approver, or the giver approved it.

## What it does
A gift worth more than `limits.gift_approval_above` needs `approved_by`, and the
approver must not be the person who gave it (`given_by`).

## Why is this bad
The register is only a control if someone other than the giver signs off; a
self-approved gift is an unapproved gift.

## Example
```yaml
gifts:
  - {id: g-1, value: 120, given_by: p-ann, approved_by: p-ann, ...}
```

## Use instead
```yaml
gifts:
  - {id: g-1, value: 120, given_by: p-ann, approved_by: p-lead, ...}
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

CODE = "AP403"
NAME = "gift-unapproved"
SEVERITY = Severity.ERROR


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at each gift missing an independent approver."""
    threshold, money = settings.limits.gift_approval_above, settings.money
    for doc, i, gift in account_entries(dossier, "gifts"):
        value = money.convert(gift.value, gift.currency)
        if gift.approved_by is not None and gift.approved_by == gift.given_by:
            yield doc.diagnostic(
                CODE, SEVERITY, f"gift '{gift.id}' is approved by its own giver '{gift.given_by}'",
                "have a manager or compliance approve it", ("gifts", i, "approved_by"),
            )
        elif (value is None or value > threshold) and gift.approved_by is None:  # no rate: cannot be shown small
            yield doc.diagnostic(
                CODE, SEVERITY,
                f"gift '{gift.id}' is worth {money.amount(gift.value, gift.currency)}, above {money.limit(threshold)}, "
                "and has no approved_by",
                "record who approved it: 'approved_by: <roster id>'", ("gifts", i, "value"),
            )
