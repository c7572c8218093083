"""A key contact whom none of our people owns or knows.

## What it does
For each contact still at the customer who is a key relationship by influence (4 or
more) without a deciding role — an executive sponsor, an influential evaluator or
influencer — warns when neither `owners` nor `knows` names one of our people. (Deciding
roles are AP317's, which also warns at a single owner.)

## Why is this bad
The article's key relationships (关键客户关系) are relationships someone of ours holds:
each must have an owner and a plan (规划客户关系). A key person nobody owns is visited by
chance, their support is not kept up, and no one is accountable when it cools; the
who-knows-whom map shows them unconnected. Ordinary contacts (the general relationships,
普遍客户关系) need not each have an owner, so they are not flagged.

## Example
```yaml
# contacts/c-chief-architect.md
role: technical-evaluator
influence: 4
owners: []
```

## Use instead
```yaml
owners: [p-jon]
knows:
  - {person: p-jon, strength: 2}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.contact import DECIDING_ROLES
from ..model.document import Document
from ..model.portfolio import Dossier, current_contacts
from .base import where

CODE = "AP319"
NAME = "key-contact-unowned"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``owners`` (or ``influence``) of each current key contact, not a decider, that no one of ours knows."""
    for doc in current_contacts(dossier):
        c = doc.data
        if c.key and c.role not in DECIDING_ROLES and not c.known_by:
            yield doc.diagnostic(
                CODE, SEVERITY, f"{c.role} '{c.id}' (influence {c.influence}) is a key contact, and none of our "
                "people owns or knows them",
                "add an owner from the account team to 'owners' and to 'knows', with how well they know them",
                where(doc, ("owners",), ("knows",), ("influence",)),
            )
