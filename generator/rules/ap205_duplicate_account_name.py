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

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from .base import Context, repeats

CODE = "AP205"
NAME = "duplicate-account-name"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Diagnostic]:
    """Yield at the ``name`` of each account whose name an earlier folder already uses."""
    dossiers = {d.slug: d for d in ctx.portfolio.dossiers}
    names = ((" ".join(d.account.data.name.casefold().split()), (d.slug,)) for d in ctx.portfolio.dossiers)
    for _, (slug,), (first,) in repeats(names):
        doc, earlier = dossiers[str(slug)].account, dossiers[str(first)].account
        yield doc.diagnostic(
            CODE, SEVERITY,
            f"account name '{doc.data.name}' is already used by {earlier.path} line {earlier.at(('name',))[0]}",
            "merge the two folders if they are one customer, or make the names distinct", ("name",),
        )
