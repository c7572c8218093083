"""The whitespace grid of an account page (:mod:`generator.model.whitespace`) as the template shows it."""

from __future__ import annotations

from typing import Any

from ..model.portfolio import Dossier
from ..model.stages import stages_of
from ..model.whitespace import STATES, whitespace
from .context import Site


def whitespace_view(site: Site, dossier: Dossier) -> dict[str, Any] | None:
    """Rows of labelled cells and a legend with counts; ``None`` when there is nothing to show."""
    t = site.t
    grid = whitespace(dossier, stages_of(site.settings.stages))
    if not grid.units or not grid.offerings:
        return None
    rows = [{"unit": unit, "cells": [{"state": cell.state, "label": t.enum("whitespace", cell.state),
                                      "detail": ", ".join(cell.detail)} for cell in row]}
            for unit, row in zip(grid.units, grid.cells, strict=True)]
    legend = [{"state": state, "label": t.enum("whitespace", state), "count": grid.count(state)} for state in STATES]
    return {"offerings": list(grid.offerings), "rows": rows, "legend": legend}
