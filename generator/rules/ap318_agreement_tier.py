"""A strategic cooperation agreement with an account outside the top tiers.

## What it does
Warns at each `cooperation-agreement` initiative (not dropped) of an account whose tier
is not S or A.

## Why is this bad
The article: "签署战略合作协议，签之前首先要做好客户选择，要跟20%的价值客户去签" — choose the
customer first and sign only with the 20% of value customers. The S (strategic) and A
(partner) tiers are those key accounts; an agreement with a B or C account spends the
company's commitment where the method says not to.

## Example
```yaml
tier: C
initiatives:
  - {id: i-sca, kind: cooperation-agreement, title: Framework agreement, status: planned}
```

## Use instead
```yaml
tier: A                     # if the account really is a value customer, tier it so
# or an executive visit or benchmarking meeting instead of an agreement
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import KEY_TIERS, account_entries

CODE = "AP318"
NAME = "agreement-outside-top-tiers"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``kind`` of each live cooperation agreement of a tier B or C account."""
    for doc, i, initiative in account_entries(dossier, "initiatives"):
        tier = doc.data.tier
        if initiative.kind == "cooperation-agreement" and initiative.status != "dropped" and tier not in KEY_TIERS:
            yield doc.diagnostic(
                CODE, SEVERITY,
                f"strategic cooperation agreement '{initiative.id}' on a tier {tier} account; the method signs "
                "them only with the top 20% of value customers (tiers S and A)",
                "re-tier the account if it is a value customer, or choose another initiative",
                ("initiatives", i, "kind"),
            )
