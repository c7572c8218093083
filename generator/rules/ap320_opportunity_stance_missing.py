"""An opportunity past an early stage lacks a deciding contact's stance on it.

## What it does
For each open opportunity whose `stage` is past the early stages (default: `lead` and
`qualified`; see `stages` in the settings), finds the deciding contacts (decision-maker,
economic-buyer, approver, still at the customer) of that opportunity: those of its `unit`
(the contact's `department`, compared without case), every executive-level decider of the
account, and any decider already listed in `stances`. Each of them whose stance is missing
or `unknown` is reported once: at its stance's `support`, or at `stances` (or `stage`) when it has none.

## Why is this bad
The article: support "can only show in support for a project" (支持度只能表现在项目的
支持度上). A proposal whose deciders' stances are unknown is a guess; the team cannot tell
which relationship to work on before the decision.

## Example
```yaml
# opportunities/o-core-2027.md; contacts/c-cfo.md is the economic buyer
stage: proposal
stances:
  - {contact: c-cto, support: 4}
```

## Use instead
```yaml
stances:
  - {contact: c-cto, support: 4}
  - {contact: c-cfo, support: 2, note: "wants a TCO comparison"}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Contact, Opportunity, Roster
from ..model.document import Document
from ..model.opportunity import deciders as deciders_of
from ..model.portfolio import Dossier, current_contacts
from ..model.stages import stages_of

CODE = "AP320"
NAME = "opportunity-stance-missing"
SEVERITY = Severity.WARNING


def deciders(dossier: Dossier, opportunity: Opportunity) -> list[Contact]:
    """The deciding contacts of ``opportunity``: of its unit, executives, and deciders already in its stances."""
    return deciders_of((doc.data for doc in current_contacts(dossier)), opportunity)


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield once per deciding contact without a known stance on an opportunity past the early stages."""
    stages = stages_of(settings.stages)
    for doc in dossier.opportunities:
        opp = doc.data
        if not stages.past_early(opp.stage):
            continue
        for contact in deciders(dossier, opp):
            at = next((i for i, s in enumerate(opp.stances) if s.contact == contact.id), None)
            if at is None or opp.stances[at].support is None:
                state = "is not recorded" if at is None else "is unknown"
                loc = ("stances", at, "support") if at is not None else ("stances",) if opp.stances else ("stage",)
                yield doc.diagnostic(
                    CODE, SEVERITY,
                    f"opportunity '{opp.id}' is at {opp.stage}: the stance of {contact.role} "
                    f"'{contact.id}' ({contact.name}) {state}",
                    "find out where they stand on this project and record "
                    f"'{{contact: {contact.id}, support: 1-5}}' in stances", loc,
                )
