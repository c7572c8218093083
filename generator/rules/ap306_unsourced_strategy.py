"""Strategy insight without a source.

## What it does
Warns when `strategy.summary` has no `strategy.sources`, and at each `strategy.facts`
entry that cites no source.

## Why is this bad
The method asks that every fact carry where it came from and when, so that readers can
judge freshness and the coverage of channels. An unsourced claim cannot be checked or
refreshed, and may be a guess repeated until it looks true.

## Example
```yaml
strategy:
  summary: Moving into cloud services.
  facts:
    - text: Capex for cloud doubles in 2027.
```

## Use instead
```yaml
strategy:
  summary: Moving into cloud services.
  sources: [s-ar2025]
  facts:
    - text: Capex for cloud doubles in 2027.
      sources: [s-analyst-day]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier

CODE = "AP306"
NAME = "unsourced-strategy"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at an unsourced summary and at each unsourced fact."""
    strategy = dossier.account.data.strategy
    if strategy is None:
        return
    if not strategy.sources:
        yield dossier.account.diagnostic(
            CODE, SEVERITY, "strategy summary cites no source; expected 'sources: [...]' in strategy",
            "list the source ids the summary rests on", ("strategy", "summary"),
        )
    for i, fact in enumerate(strategy.facts):
        if not fact.sources:
            yield dossier.account.diagnostic(
                CODE, SEVERITY, "strategy fact cites no source; expected at least one source id",
                "add 'sources: [...]' to the fact", ("strategy", "facts", i, "text"),
            )
