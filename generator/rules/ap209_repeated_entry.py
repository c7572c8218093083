"""The same entry is written twice in one list.

## What it does
In every record kind, points at an entry that repeats an earlier one in the same list:
the same offering twice in an opportunity's `offerings`, the same contact in an
activity's `contacts`, an identical stance or `knows` entry, the same owner twice. The
second one is reported, naming the line of the first. (Two entries for one key that say
different things are AP208; ids in account.md and KPI years are AP204.)

## Why is this bad
Nothing contradicts, but counts go wrong: an offering written twice counts twice in the
whitespace grid's pursuit, a person listed twice as knowing a contact looks like two
relationships. Usually it is a copy-paste or a merge of two pull requests.

## Example
```yaml
offerings: [5g-core, network-automation, 5g-core]
```

## Use instead
```yaml
offerings: [5g-core, network-automation]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .entries import repeats

CODE = "AP209"
NAME = "repeated-entry"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at each entry that repeats an earlier one of the same list exactly."""
    for found in repeats(dossier):
        if found.same:
            yield found.doc.diagnostic(
                CODE, SEVERITY, f"'{found.key}' is written twice in '{found.field}' (first on line {found.line})",
                f"delete the second '{found.key}'", found.loc)
