"""A strategic cooperation agreement names no opportunities it pins down.

## What it does
Reports each `cooperation-agreement` initiative that is not `dropped` and whose
`opportunities` list is empty.

## Why is this bad
The article: a strategic cooperation agreement (战略合作协议) is worth signing when it
pins next year's projects down in advance (把年度的项目提前圈定下来). An agreement that
names no projects is a ceremony; the plan cannot show what it secured.

## Example
```yaml
initiatives:
  - {id: in-sca, kind: cooperation-agreement, title: Strategic cooperation 2027-2028, status: planned}
```

## Use instead
```yaml
  - {id: in-sca, kind: cooperation-agreement, title: Strategic cooperation 2027-2028, status: planned,
     opportunities: [o-core-2027, o-ran-2028]}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import account_entries

CODE = "AP322"
NAME = "agreement-pins-nothing"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at the ``kind`` of each live cooperation agreement that names no opportunities."""
    for doc, i, item in account_entries(dossier, "initiatives"):
        if item.kind == "cooperation-agreement" and item.status != "dropped" and not item.opportunities:
            yield doc.diagnostic(
                CODE, SEVERITY, f"cooperation agreement '{item.id}' names no opportunities it pins down",
                "list the projects it secures in 'opportunities: [o-...]' (create them with "
                "'accountplan new opportunity')", ("initiatives", i, "kind"),
            )
