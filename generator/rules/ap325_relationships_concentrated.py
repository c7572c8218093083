"""One of our people holds most of an account's key relationships.

## What it does
Counts an account's key contacts — still at the customer, with a deciding role
(decision-maker, economic-buyer, approver) or influence 4 or more — and, for each of our
people, how many of them they know (in `owners` or `knows`). Warns when one person knows
more than `limits.key_share_max` (default 70%) of them, in accounts with at least
`limits.key_share_min_contacts` (default 4) key contacts. Reported once per person, at the
account's `name`.

## Why is this bad
The article's "一多": 过度依赖销售精英，关键客户掌握在少数销售精英手中 — key customers
held by a few sales stars leave with them. AP317 looks at one decider at a time; this
rule looks at the account: the whole decision chain running through one of our people.

## Example
```yaml
# five key contacts; p-ann is in owners or knows of all five
```

## Use instead
```yaml
knows:
  - {person: p-jon, strength: 2, since: 2026-11-01}   # plan how a second person builds each relationship
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier, current_contacts

CODE = "AP325"
NAME = "relationships-concentrated"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at the account's ``name`` for each person who knows too large a share of its key contacts."""
    limits = settings.limits
    key = [doc.data for doc in current_contacts(dossier) if doc.data.key]
    if len(key) < limits.key_share_min_contacts:
        return
    held = Counter(person for contact in key for person in contact.known_by)
    for person, count in sorted(held.items()):
        if count / len(key) > limits.key_share_max:
            yield dossier.account.diagnostic(
                CODE, SEVERITY,
                f"{person} knows {count} of the {len(key)} key contacts ({count / len(key):.0%}; most allowed "
                f"{limits.key_share_max:.0%}): 一多, the account's relationships run through one person",
                "give each key contact a second person of ours (knows) and plan how they will meet", ("name",),
            )
