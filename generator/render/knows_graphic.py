"""The account page's who-knows-whom view, drawn at build time by :mod:`generator.render.svg.knowsmap`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup

from ..model import Contact, Person
from . import svg


def knows_map(contacts: Sequence[Contact], people: Mapping[str, Person], lang: str) -> Markup:
    """Our people beside their contacts, a line per relationship weighted by its strength (escaped SVG)."""
    return Markup(svg.knows_map(contacts, people, svg.for_language(lang)))
