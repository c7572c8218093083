"""Build-time SVG graphics: pure functions from plain data to SVG text.

No JavaScript, no web fonts, no network: each function returns one self-contained
``<svg>`` element, escaped and deterministic, ready to inline in a page.
"""

from __future__ import annotations

from .charts import coverage_grid, weekly_bars
from .fitchart import FitPoint, fit_revenue_chart
from .labels import EN, ZH, for_language
from .matrix import intimacy_support_matrix
from .relmap import map_layout, relationship_map

__all__ = [
    "EN",
    "ZH",
    "FitPoint",
    "coverage_grid",
    "fit_revenue_chart",
    "for_language",
    "intimacy_support_matrix",
    "map_layout",
    "relationship_map",
    "weekly_bars",
]
