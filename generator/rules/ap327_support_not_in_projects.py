"""A contact marked as a supporter who supports none of the open opportunities they are involved in.

## What it does
For each contact still at the customer whose overall `support` is 4 or 5 (supporter,
champion), looks at their stances on the account's open opportunities (any stage not
closed). When they have a stance on at least one open opportunity and none of those
stances is 4 or more, reports it at the contact's `support`: they oppose or are neutral
on every project, or their stance on every project is `unknown`. A contact with no stance
on any open opportunity gives no finding: there is no project to show the support yet.

## Why is this bad
The article: a key relationship never leads straight to a contract, "从来不会因为客户关系好就
能直接签合同，只能表现在项目的支持度上" — support can only show as support for a project. The
overall `support` is the team's summary; the per-project stances are where it shows. A
"supporter" who backs none of the projects in play is a claim the projects do not bear
out: either the overall mark is too kind (a story from the front line, "千万不要只听一线销售
人员讲故事"), or the stances are stale or unknown and someone has to ask. It is a warning,
not an error: both records may be honest, and the contradiction is what to look at.

A team that reads the overall `support` as independent of projects turns the rule off
(`rules: {AP327: "off"}` in the plugin settings).

## Example
```yaml
# contacts/c-cto.md
support: 5
# opportunities/o-core.md (stage: proposal)
stances:
  - {contact: c-cto, support: 2, favours: Norvik}
```

## Use instead
```yaml
# contacts/c-cto.md: the overall mark follows the projects
support: 3
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Contact, Roster
from ..model.contact import WARM_LEVEL
from ..model.document import Document
from ..model.portfolio import Dossier, current_contacts
from ..model.stages import stages_of

CODE = "AP327"
NAME = "support-not-in-projects"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at the ``support`` of each overall supporter who supports none of their open opportunities."""
    stages = stages_of(settings.stages)
    open_ones = [doc.data for doc in dossier.opportunities if stages.is_open(doc.data.stage)]
    for doc in current_contacts(dossier):
        contact = doc.data
        if (contact.support or 0) < WARM_LEVEL:
            continue
        stances = {o.id: s.support for o in open_ones if (s := o.stance(contact.id)) is not None}
        if not stances or any((v or 0) >= WARM_LEVEL for v in stances.values()):
            continue
        ids = ", ".join(sorted(stances))
        level = contact.support
        if all(v is None for v in stances.values()):
            yield _warning(doc, f"'{contact.id}' is marked support {level} overall, but their stance is unknown "
                                f"on every open opportunity they are in ({ids}): support shows only in projects "
                                "(只能表现在项目的支持度上)")
        else:
            yield _warning(doc, f"'{contact.id}' is marked support {level} overall, but they support none of "
                                f"the open opportunities they are in ({ids}): support shows only in projects "
                                "(只能表现在项目的支持度上)")


def _warning(doc: Document[Contact], message: str) -> Diagnostic:
    """The finding at the contact's ``support``, with the one hint both cases share."""
    return doc.diagnostic(CODE, SEVERITY, message, "ask where they stand on each project and update the stances, "
                          "or lower the overall support", ("support",))
