"""Build-time SVG graphics: pure functions from plain data to SVG text.

No JavaScript, no web fonts, no network: each function returns one self-contained
``<svg>`` element, escaped and deterministic, ready to inline in a page.

* :func:`relationship_map` — contacts as an org chart; cards have ids ``contact-<id>``
  (``id_prefix`` changes that; an HTML page may use an id only once).
* :func:`knows_map` — our people beside their contacts, a line per relationship, weighted by strength.
* :func:`intimacy_support_matrix` — the 5×5 key-relationship grid, linking to the map.
* :func:`fit_revenue_chart` — portfolio accounts (:class:`FitPoint`) by fit and sales.
* :func:`weekly_bars` — contacts per week against the expectation.
* :func:`coverage_grid` — contacts per department × level.

Every function takes a ``labels`` mapping: :data:`EN`, :data:`ZH` or ``for_language(lang)``.
Each root has the class ``ap-svg ap-<kind>``, an intrinsic ``width``/``height``, a
``viewBox`` and ``max-width:100%; height:auto``: it shrinks to a narrow column and
keeps its aspect ratio. Text is sized for 1:1 display (at least 11 px); a chart squeezed
to half its width becomes hard to read, so give the map the full content width.
"""

from __future__ import annotations

from .charts import coverage_grid, weekly_bars
from .fitchart import FitPoint, fit_revenue_chart
from .knowsmap import knows_map
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
    "knows_map",
    "map_layout",
    "relationship_map",
    "weekly_bars",
]
