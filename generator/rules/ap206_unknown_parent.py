"""`parent` names an account folder that does not exist.

## What it does
Checks each account's `parent` against the slugs of the other account folders.

## Why is this bad
Group roll-ups (a subsidiary under its group) silently lose the account.

## Example
```yaml
# accounts/acme-retail/account.md
parent: acme-grop
```

## Use instead
```yaml
parent: acme-group      # the folder accounts/acme-group/
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..diagnostics import Diagnostic, Severity
from .base import ACCOUNTS, AccountSummary

CODE = "AP206"
NAME = "unknown-parent"
SEVERITY = Severity.ERROR
SCOPE = ACCOUNTS



def check_accounts(accounts: Sequence[AccountSummary]) -> Iterator[Diagnostic]:
    """The check over account summaries."""
    slugs = {a.slug for a in accounts}
    for account in accounts:
        parent = account.parent
        if parent is None:
            continue
        if parent == account.slug:
            yield account.diagnostic(CODE, SEVERITY, f"account '{parent}' names itself as its parent",
                                     "remove 'parent' or name the group's folder", "parent")
        elif parent not in slugs:
            yield account.diagnostic(
                CODE, SEVERITY, f"parent '{parent}' is not an account folder; expected one of the slugs in accounts/",
                "use the folder name of the parent account", "parent",
            )
