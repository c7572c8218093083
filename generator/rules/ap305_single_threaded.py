"""Fewer than two warm relationships: the account hangs on one thread.

## What it does
Counts contacts still at the customer who are warm — a supporter or better (support 4
or more) and trusted or closer (intimacy 4 or more), the same definition as the "warm"
column of the pages — and warns when there are fewer than two. An `unknown` level is
never warm.

## Why is this bad
When the one friendly contact moves on, the account is lost with them. General
relationships (普遍客户关系, "the surface") mean many people, not a single champion.

## Example
```yaml
# only contacts/c-bob.md has support: 5, intimacy: 4 (c-lin has support 4 but intimacy 3: familiar, not trusted)
```

## Use instead
```yaml
# a second contact, e.g. contacts/c-lin.md
support: 4
intimacy: 4
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.contact import WARM_LEVEL
from ..model.document import Document
from ..model.portfolio import Dossier, current_contacts

CODE = "AP305"
NAME = "single-threaded"
SEVERITY = Severity.WARNING
MIN_WARM = 2


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at the account ``name`` when fewer than two current contacts are warm."""
    warm = sorted(doc.data.id for doc in current_contacts(dossier) if doc.data.warm)
    if len(warm) < MIN_WARM:
        found = ", ".join(warm) or "none"
        yield dossier.account.diagnostic(
            CODE, SEVERITY,
            f"expected at least {MIN_WARM} warm contacts (support >= {WARM_LEVEL}, intimacy >= {WARM_LEVEL}); "
            f"found {len(warm)} ({found})",
            "build a second relationship: add an improvement plan for another contact", ("name",),
        )
