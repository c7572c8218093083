"""The whitespace grid: the customer's business units × our offerings, each cell derived, never typed.

A cell is, in this order of precedence:

1. ``installed`` — the account's ``footprint`` says ours is installed, or an opportunity for it was won
   (reached the first closed stage, ``won`` by default);
2. ``pursuit`` — an open opportunity of that unit names the offering;
3. ``competitor`` — the footprint says a competitor's product is installed (the competitor is shown);
4. ``not-relevant`` — the footprint says the offering does not apply to that unit;
5. ``open`` — none of the above: whitespace, where the general-relationship team digs for
   opportunities (寻找机会点).

Rows are the units named in the footprint and the opportunities, columns the offerings, both in
order of first appearance; units and offerings match without regard to case. Lost and dropped
opportunities leave their cell as the footprint has it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .portfolio import Dossier
from .stages import Stages

STATES = ("installed", "pursuit", "competitor", "not-relevant", "open")


@dataclass(frozen=True)
class Cell:
    """One cell: its state, and the competitor or opportunity ids behind it."""

    state: str
    detail: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grid:
    """Units (rows) × offerings (columns) with one :class:`Cell` each, row by row."""

    units: tuple[str, ...]
    offerings: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]

    def count(self, state: str) -> int:
        """How many cells are in ``state``."""
        return sum(cell.state == state for row in self.cells for cell in row)


def _first(names: list[str]) -> tuple[str, ...]:
    """Each name once, as first written, compared without case."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def whitespace(dossier: Dossier, stages: Stages) -> Grid:
    """The whitespace grid of a dossier (empty when it has no footprint and no opportunities)."""
    footprint = dossier.account.data.footprint
    opportunities = [doc.data for doc in dossier.opportunities]
    units = _first([f.unit for f in footprint] + [o.unit for o in opportunities])
    offerings = _first([f.offering for f in footprint] + [x for o in opportunities for x in o.offerings])
    marks: dict[tuple[str, str], dict[str, list[str]]] = {}

    def mark(unit: str, offering: str, state: str, detail: str) -> None:
        marks.setdefault((unit.casefold(), offering.casefold()), {}).setdefault(state, []).append(detail)

    for f in footprint:
        mark(f.unit, f.offering, f.state, f.competitor or "")
    for o in opportunities:
        state = "installed" if o.stage == stages.won else "pursuit" if stages.is_open(o.stage) else ""
        for offering in o.offerings if state else ():
            mark(o.unit, offering, state, o.id)
    cells = tuple(tuple(_cell(marks.get((u.casefold(), x.casefold()), {})) for x in offerings) for u in units)
    return Grid(units, offerings, cells)


def _cell(found: dict[str, list[str]]) -> Cell:
    for state in STATES[:-1]:
        if state in found:
            return Cell(state, tuple(d for d in found[state] if d))
    return Cell("open")
