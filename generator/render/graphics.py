"""The charts each page embeds, drawn at build time by :mod:`generator.render.svg`.

PLACEHOLDER: until the SVG package lands, each function returns a clearly marked
placeholder figure so that pages build; the calls below are replaced by the real ones.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def _placeholder(name: str) -> Markup:
    return Markup('<div class="ap-placeholder" data-chart="{0}">[chart placeholder: {0}]</div>').format(escape(name))


def relationship_map(contacts: list[Any], owners_by_id: dict[str, str], lang: str) -> Markup:
    """The account's contacts laid out by reporting line (SVG)."""
    return _placeholder("relationship_map")


def intimacy_support_matrix(contacts: list[Any], lang: str) -> Markup:
    """Contacts placed by intimacy and support (SVG)."""
    return _placeholder("intimacy_support_matrix")


def fit_revenue_chart(points: list[Any], lang: str) -> Markup:
    """Accounts placed by strategic fit and revenue, cash cows marked (SVG)."""
    return _placeholder("fit_revenue_chart")


def weekly_bars(weeks: list[Any], values: list[int], expectation: float | None, lang: str) -> Markup:
    """Activities per week as bars, with the expectation line when given (SVG)."""
    return _placeholder("weekly_bars")


def coverage_grid(rows: list[str], cols: list[str], counts: dict[tuple[str, str], int], lang: str) -> Markup:
    """Contacts per department and level (SVG)."""
    return _placeholder("coverage_grid")
