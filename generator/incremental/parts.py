"""The portfolio-wide views' per-account parts kept from one rebuild to the next (rows, team shares, the chart).

The portfolio and grouping pages hold a row for every account, the team pages an index of
every dossier's share; after an edit only the edited dossier's row and share change. Render
computes each part through :class:`generator.render.context.Parts`; :class:`KeptParts` keeps
each by what it is made of. Keys hold object identities where they stand for content: the
gathering memos hand back the very same dossier and score objects while a dossier's files are
unchanged, and each kept value holds those objects, so their ids stay theirs while it is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import jinja2

from ..diagnostics import Severity
from ..model.portfolio import Dossier
from ..render import portfolio, team
from ..render.context import Site
from ..render.paths import Links, account_page
from .memo import memo

T = TypeVar("T")

Key = tuple[Hashable, tuple[object, ...]]
"""A part's key, and the objects whose identities it holds (kept with the value)."""


def _row(site: Site, dossier: Dossier, links: Links, template: jinja2.Template) -> Key:
    """An account's row: its (kept) dossier and scores, its findings counts, the date, language and link depth."""
    score = site.account_score(dossier.slug)
    findings = site.findings.get(dossier.slug, [])
    counts = (sum(d.severity is Severity.ERROR for d in findings),
              sum(d.severity is Severity.WARNING for d in findings))
    key = (id(dossier), id(score), id(template), counts, site.today, site.settings.limits.weeks_window, site.t.lang,
           links.to(account_page(dossier.slug)))
    return key, (dossier, score, template)


def _share(dossier: Dossier, kinds: tuple[str, ...]) -> Key:
    """A dossier's share of the team index: the (kept) dossier and the meeting kinds."""
    return (id(dossier), kinds), (dossier,)


def _chart(points: list[dict[str, Any]], lang: str) -> Key:
    """The fit × revenue chart: its points and language."""
    return (lang, tuple(tuple(point.items()) for point in points)), ()


_KEYS: dict[str, Callable[..., Key]] = {portfolio.ROW: _row, team.SHARE: _share, portfolio.CHART: _chart}
"""The key of each part, from its arguments; each part has a memo of its name (:mod:`.memo`)."""


class KeptParts:
    """Computes the views' parts, reusing those of the previous build whose inputs are the same."""

    def __init__(self) -> None:
        for name in _KEYS:
            memo(name).start()

    def __call__(self, name: str, make: Callable[..., T], /, *args: Any) -> T:
        """``make(*args)``, or its value from the previous build when the part's key is the same."""
        key, anchors = _KEYS[name](*args)
        value = memo(name).get(key, lambda: (anchors, make(*args)))
        if any(a is not b for a, b in zip(value[0], anchors, strict=True)):  # pragma: no cover - an id reused
            value = (anchors, make(*args))
        return cast(T, value[1])
