"""Cash or a cash equivalent in the gifts register.

## What it does
Flags gifts of `kind` cash, voucher or gift-card, whatever their value.

## Why is this bad
Cash and its equivalents are never a business courtesy; anti-bribery policies forbid
them outright because they cannot be told apart from a payment.

## Example
```yaml
gifts:
  - {id: g-1, kind: gift-card, value: 20, ...}
```

## Use instead
```yaml
gifts:
  - {id: g-1, kind: gift, description: Company notebook, value: 20, ...}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.account import CASH_LIKE
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import account_entries

CODE = "AP404"
NAME = "cash-gift"
SEVERITY = Severity.ERROR


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``kind`` of each cash-like gift."""
    for doc, i, gift in account_entries(dossier, "gifts"):
        if gift.kind in CASH_LIKE:
            yield doc.diagnostic(
                CODE, SEVERITY,
                f"gift '{gift.id}' is {gift.kind}; cash and cash equivalents ({', '.join(sorted(CASH_LIKE))}) "
                "are never allowed",
                "do not give it; if it was given, report it to compliance", ("gifts", i, "kind"),
            )
