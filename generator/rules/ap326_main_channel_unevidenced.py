"""An account typed as main channel whose whitespace grid shows nothing of ours where the customer invests.

## What it does
For each account whose `strategy.position` is `main-channel` and whose whitespace grid
(the `footprint` and the opportunities, see "Whitespace" in the guide) is not empty,
looks at the grid's rows that name one of the strategy's `investment_areas` (a unit
matches an area when one contains the other, without regard to case). When no row
names an investment area, the whole grid is looked at. Warns when none of those cells
is `installed` or `pursuit` — ours is neither installed nor pursued there. The warning
stands at `strategy.position`.

An `edge` position, a strategy without a position, or an empty grid give no finding:
the grid then has nothing to say.

## Why is this bad
The article asks each S and A account to place our offering in the customer's business:
主航道业务 (main channel) or 边缘业务 (edge), decided from the customer's future strategy
and its investment areas (投资领域), "我们需要知道现在和未来我们能不能给客户带来价值"; an
edge position calls for the analysis one level down (下沉分析). Typing `main-channel` is a
claim; the whitespace grid is the evidence. Where the customer puts its money and we have
nothing installed and nothing in pursuit, the claim is not yet true: either the position is
really `edge` (write `edge_detail`), or the team has to go and find the opportunities there
(挖土豆, 寻找机会点). It is a warning, not an error: the claim may be a fair forecast.

## Example
```yaml
strategy:
  position: main-channel
  investment_areas: [Private 5G for ports]
footprint:
  - {unit: Private 5G for ports, offering: private-5g, state: competitor, competitor: Norvik}
```

## Use instead
```yaml
# an opportunity for private-5g in that unit (accountplan new opportunity), or:
strategy:
  position: edge
  edge_detail: Ports buy from Norvik; our share is the backhaul one level down.
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
from ..model.whitespace import Grid, whitespace

CODE = "AP326"
NAME = "main-channel-unevidenced"
SEVERITY = Severity.WARNING

OURS = ("installed", "pursuit")
"""Cell states that evidence a main-channel position: ours is there, or we are going for it."""


def _matches(unit: str, area: str) -> bool:
    """Whether a grid unit names an investment area: one contains the other, case ignored."""
    u, a = unit.casefold().strip(), area.casefold().strip()
    return bool(u and a) and (u in a or a in u)


def invested_rows(grid: Grid, areas: list[str]) -> list[int]:
    """Indices of the grid's rows that name one of ``areas`` (empty when none does)."""
    return [i for i, unit in enumerate(grid.units) if any(_matches(unit, area) for area in areas)]


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at ``strategy.position`` when a main-channel account's grid has none of ours where it invests."""
    strategy = dossier.account.data.strategy
    if strategy is None or strategy.position != "main-channel":
        return
    grid = whitespace(dossier, stages_of(settings.stages))
    if not grid.units or not grid.offerings:
        return
    named = invested_rows(grid, strategy.investment_areas)
    rows = named or range(len(grid.units))
    if any(cell.state in OURS for i in rows for cell in grid.cells[i]):
        return
    if named:
        units = ", ".join(grid.units[i] for i in named)
        yield _warning(dossier, "typed as main channel (主航道), but nothing of ours is installed or in pursuit "
                                f"in the units that name its investment areas ({units})")
    else:
        yield _warning(dossier, "typed as main channel (主航道), but nothing of ours is installed or in pursuit "
                                "in the whole grid")


def _warning(dossier: Dossier, message: str) -> Diagnostic:
    """The finding at ``strategy.position``, with the one hint both cases share."""
    return dossier.account.diagnostic(
        CODE, SEVERITY, message,
        "find the opportunities there (accountplan new opportunity), or write position: edge with "
        "edge_detail (下沉分析); name the grid's units after the strategy's investment_areas",
        ("strategy", "position"),
    )
