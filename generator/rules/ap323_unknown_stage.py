"""An opportunity's stage is not one of the configured stages.

## What it does
Checks each opportunity's `stage` against the configured stages (default: lead, qualified,
proposal, negotiation, won, lost, dropped; a team sets its own under `stages` in the plugin
settings).

## Why is this bad
A misspelt stage (`propsal`) is neither open nor closed: the opportunity would drop out of
the pipeline views and the stance rule (AP320).

## Example
```yaml
stage: propsal
```

## Use instead
```yaml
stage: proposal
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from ..model.stages import stages_of

CODE = "AP323"
NAME = "unknown-stage"
SEVERITY = Severity.ERROR


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``stage`` of each opportunity whose stage is not configured."""
    stages = stages_of(settings.stages)
    for doc in dossier.opportunities:
        if doc.data.stage not in stages.all:
            yield doc.diagnostic(CODE, SEVERITY, f"unknown stage '{doc.data.stage}'",
                                 f"use one of: {', '.join(stages.all)}", ("stage",))
