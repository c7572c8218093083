"""No coach among the account's current contacts.

## What it does
Warns when no contact still at the customer has `coach: true`.

## Why is this bad
A coach (教练) inside the customer is one of the method's internal information channels:
they explain how decisions are really made and warn early. Without one, the account
plan rests on what the customer says in meetings.

## Example
```yaml
# every contacts/*.md
coach: false
```

## Use instead
```yaml
# contacts/c-lin.md — someone who guides us
coach: true
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier, current_contacts

CODE = "AP304"
NAME = "no-coach"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at the account ``name`` when no current contact is a coach."""
    current = list(current_contacts(dossier))
    if not any(doc.data.coach for doc in current):
        yield dossier.account.diagnostic(
            CODE, SEVERITY, f"no coach among the {len(current)} current contact(s); expected at least one",
            "set 'coach: true' on the contact who guides us, or plan to develop one", ("name",),
        )
