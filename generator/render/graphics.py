"""The charts each page embeds, drawn at build time by :mod:`generator.render.svg`.

This module only adapts page data to the chart functions and marks their output as safe
markup: the SVG package escapes every text it places.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from markupsafe import Markup

from ..model import Contact, Person
from . import svg


@cache
def _labels(lang: str) -> dict[str, str]:
    return svg.for_language(lang)


def relationship_map(contacts: Sequence[Contact], people: Mapping[str, Person], lang: str,
                     anchor: Any) -> Markup:
    """The account's contacts laid out by reporting line, each card linking to its table row."""
    hrefs = {c.id: f"#{anchor(c.id)}" for c in contacts}
    return Markup(svg.relationship_map(contacts, people, _labels(lang), id_prefix="map-", href_for=hrefs))


def intimacy_support_matrix(contacts: Sequence[Contact], lang: str, link_prefix: str) -> Markup:
    """Contacts placed by intimacy and support."""
    return Markup(svg.intimacy_support_matrix(contacts, _labels(lang), link_prefix=link_prefix))


def fit_revenue_chart(points: Sequence[dict[str, Any]], lang: str) -> Markup:
    """Accounts placed by strategic fit and revenue, cash cows marked."""
    currencies = {p["currency"] for p in points if p.get("currency")}
    fit_points = [svg.FitPoint(name=p["name"], fit=p["fit"], sales=p["revenue"], tier=p["tier"],
                               cash_cow=p["cash_cow"], trend=p.get("trend"), href=p.get("href")) for p in points]
    unit = next(iter(currencies)) if len(currencies) == 1 else ""
    return Markup(svg.fit_revenue_chart(fit_points, _labels(lang), unit=unit))


def weekly_bars(mondays: Sequence[dt.date], values: Sequence[int], expectation: float | None, lang: str) -> Markup:
    """Activities per week as bars, with the expectation line when given."""
    captions = [m.strftime("%m-%d") for m in mondays]
    return Markup(svg.weekly_bars(captions, [float(v) for v in values], expectation, _labels(lang)))


def coverage_grid(rows: Sequence[str], cols: Sequence[str], counts: Mapping[tuple[str, str], int],
                  lang: str) -> Markup:
    """Contacts per department and level."""
    return Markup(svg.coverage_grid(rows, cols, counts, _labels(lang)))
