"""Two account folders carry the same customer name.

## What it does
Compares account names across all dossiers, ignoring case and repeated spaces, and
reports the second folder (in slug order), naming the first.

## Why is this bad
It is most likely one customer filed twice: contacts, activities and KPI figures are
split between the two, and portfolio totals count the customer twice.

## Example
```yaml
# accounts/acme/account.md
name: Acme Corp
# accounts/acme-corp/account.md
name: ACME  Corp
```

## Use instead
```yaml
# merge both into accounts/acme/; for a subsidiary use a distinct name and
parent: acme
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..diagnostics import Diagnostic, Severity
from .base import ACCOUNTS, AccountSummary, repeats

CODE = "AP205"
NAME = "duplicate-account-name"
SEVERITY = Severity.WARNING
SCOPE = ACCOUNTS



def check_accounts(accounts: Sequence[AccountSummary]) -> Iterator[Diagnostic]:
    """The check over account summaries in slug order."""
    names = ((" ".join(a.name.casefold().split()), (i,)) for i, a in enumerate(accounts))
    for _, (i,), (first,) in repeats(names):
        account, earlier = accounts[int(i)], accounts[int(first)]
        yield account.diagnostic(
            CODE, SEVERITY,
            f"account name '{account.name}' is already used by {earlier.path} line {earlier.positions[0][0]}",
            "merge the two folders if they are one customer, or make the names distinct", "name",
        )
