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

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from .base import Context

CODE = "AP206"
NAME = "unknown-parent"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Diagnostic]:
    """Yield for each ``parent`` that is not another account's slug."""
    slugs = {d.slug for d in ctx.portfolio.dossiers}
    for dossier in ctx.portfolio.dossiers:
        parent = dossier.account.data.parent
        if parent is None:
            continue
        if parent == dossier.slug:
            yield dossier.account.diagnostic(CODE, SEVERITY, f"account '{parent}' names itself as its parent",
                                             "remove 'parent' or name the group's folder", ("parent",))
        elif parent not in slugs:
            yield dossier.account.diagnostic(
                CODE, SEVERITY, f"parent '{parent}' is not an account folder; expected one of the slugs in accounts/",
                "use the folder name of the parent account", ("parent",),
            )
