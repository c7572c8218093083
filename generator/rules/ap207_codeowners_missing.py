"""An account folder has no line of its own in CODEOWNERS.

## What it does
When the repository has a CODEOWNERS file (`.github/CODEOWNERS`, `CODEOWNERS` or
`docs/CODEOWNERS`), checks that the line GitHub applies to each account folder is one written
for the accounts folder and names owners. A catch-all such as `*` does not count.

## Why is this bad
GitHub asks the owners of every changed path to review a pull request. Without a line of
its own, a change to the account is reviewed by whoever owns the catch-all — not by the
account team (AR, SR, FR) that knows the customer.

## Example
```text
*                          @example-org/account-plans-maintainers
/accounts/atlas-freight/   @example-org/atlas-freight-team
# accounts/helios-enterprise/ has no line
```

## Use instead
```text
/accounts/helios-enterprise/   @example-org/helios-enterprise-team
```
`accountplan new account` adds the line when it creates the folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from ..diagnostics import Diagnostic, Severity
from ..load import codeowners
from .base import ACCOUNTS, AccountSummary

CODE = "AP207"
NAME = "codeowners-missing"
SEVERITY = Severity.WARNING
SCOPE = ACCOUNTS



def check_accounts(accounts: Sequence[AccountSummary]) -> Iterator[Diagnostic]:
    """The check over account summaries."""
    if not accounts:
        return
    repository = codeowners.repository_of(os.path.dirname(os.path.abspath(accounts[0].folder)))
    found = codeowners.load(repository)  # a linked, piped or unreadable CODEOWNERS counts as absent
    if found is None:
        return
    lines = list(found.lines)
    shown = found.name
    for account in accounts:
        folder = codeowners.folder_of(repository, account.folder)
        if not codeowners.covers(lines, folder):
            yield account.diagnostic(CODE, SEVERITY, f"account folder '{folder}/' has no line of its own in {shown}",
                                     f"add '/{folder}/  @your-org/{account.slug}-team' to {shown}", "name")
