"""Reports-to or dotted-line links go round in a circle.

## What it does
Follows `reports_to` and `dotted_to` between the contacts of one account and reports,
at each contact on a cycle, the link that starts it, naming the whole cycle.

## Why is this bad
The relationship map is drawn as a hierarchy; a cycle has no top, so the chart cannot be
drawn and the levels of authority (who decides) are unknown. It is almost always a
link written the wrong way round.

## Example
```yaml
# contacts/c-ceo.md
reports_to: c-cto
# contacts/c-cto.md
reports_to: c-ceo
```

## Use instead
```yaml
# contacts/c-ceo.md
reports_to:          # the top of the account
# contacts/c-cto.md
reports_to: c-ceo
```
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Loc, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier

CODE = "AP203"
NAME = "reporting-cycle"
SEVERITY = Severity.ERROR


def _links(dossier: Dossier) -> dict[str, list[tuple[str, Loc]]]:
    """Manager links between loaded contacts: id -> [(manager id, loc of the link)]."""
    loaded = {doc.data.id for doc in dossier.contacts}
    links: dict[str, list[tuple[str, Loc]]] = {}
    for doc in dossier.contacts:
        c = doc.data
        out: list[tuple[str, Loc]] = [(c.reports_to, ("reports_to",))] if c.reports_to else []
        out += [(m, ("dotted_to", i)) for i, m in enumerate(c.dotted_to)]
        links[c.id] = [(m, loc) for m, loc in out if m in loaded]
    return links


def _path_back(links: dict[str, list[tuple[str, Loc]]], start: str, goal: str) -> list[str] | None:
    """Shortest chain of links from ``start`` to ``goal`` (breadth first), or ``None``."""
    came: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            chain: list[str] = []
            step: str | None = node
            while step is not None:
                chain.append(step)
                step = came[step]
            return chain[::-1]
        for manager, _ in links.get(node, []):
            if manager not in came:
                came[manager] = node
                queue.append(manager)
    return None


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield once per contact on a cycle, at the link that starts its shortest cycle."""
    links = _links(dossier)
    for doc in dossier.contacts:
        me = doc.data.id
        best: tuple[list[str], Loc] | None = None
        for manager, loc in links[me]:
            back = _path_back(links, manager, me)
            if back is not None and (best is None or len(back) < len(best[0])):
                best = (back, loc)
        if best is not None:
            cycle = " -> ".join([me, *best[0]])
            yield doc.diagnostic(
                CODE, SEVERITY, f"reporting links form a cycle: {cycle}",
                "one of these links points the wrong way; the top person has no reports_to", best[1],
            )
