"""The portfolio-wide views' parts kept from one build to the next (rows, attention and due lines, the chart, rules,
team shares).

The portfolio and grouping pages hold a row for every account, the team pages an index of
every dossier's share; after an edit only the edited dossier's row and share change. Render
computes each part through :class:`generator.render.context.Parts`; :class:`KeptParts` keeps
each by what it is made of. Rows, due lines, the chart and the rule list are kept by content keys
(:mod:`.fragments`), so a build in a new process (a merge build, a server's first build) reuses
the previous process's. A team share is kept by object identity while the process lives: the
gathering memos hand back the very same dossier while its files are unchanged, and each kept
share holds that dossier, so its id stays its own while the share is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import jinja2

from ..diagnostics import Severity
from ..model.keys import digest, dossier_key
from ..model.portfolio import Dossier
from ..render import actions, portfolio, rules, team
from ..render.context import Site
from ..render.paths import Links, account_page
from .fragments import Fragments
from .memo import memo
from .versions import code_version, theme_version

T = TypeVar("T")

Key = tuple[Hashable, tuple[object, ...]]
"""A kept-by-identity part's key, and the objects whose identities it holds (kept with the value)."""


def _row(site: Site, dossier: Dossier, links: Links, template: jinja2.Template) -> list[str]:
    """An account's row: its dossier by content (its scores follow from it and the settings), its findings counts,
    the link to its page (the depth of the page showing it) and the template drawing it."""
    findings = site.findings.get(dossier.slug, [])
    counts = (sum(d.severity is Severity.ERROR for d in findings),
              sum(d.severity is Severity.WARNING for d in findings))
    return [dossier_key(dossier), repr(counts), links.to(account_page(dossier.slug)), str(template.name)]


def _attention(site: Site, dossier: Dossier, links: Links, template: jinja2.Template) -> list[str]:
    """An account's items of the attention list: its dossier by content (its name), its findings' codes and messages,
    the link to its page and the template drawing them."""
    findings = [(d.code, d.message) for d in site.findings.get(dossier.slug, [])]
    return [dossier_key(dossier), repr(findings), links.to(account_page(dossier.slug)), str(template.name)]


def _due(site: Site, dossier: Dossier, links: Links, horizon: dt.date) -> list[str]:
    """An account's lines of the due list: its dossier by content, the roster (owners' names), the page showing them
    and the horizon."""
    roster = site.portfolio.roster
    return [dossier_key(dossier), roster.digest if roster else "-", links.current, horizon.isoformat()]


def _chart(points: list[dict[str, Any]], lang: str) -> list[str]:
    """The fit × revenue chart: its points and language."""
    return [lang, repr(points)]


def _rules(site: Site) -> list[str]:
    """The rule list: the code, language and settings (each rule's configured severity) are in every key."""
    return []


_CONTENT: dict[str, Callable[..., list[str]]] = {portfolio.ROW: _row, portfolio.CHART: _chart, rules.VIEW: _rules,
                                                 actions.DUE: _due, portfolio.ATTENTION: _attention}
"""The content key of each part kept across processes, from its arguments (beside :meth:`KeptParts.common`)."""


def _share(dossier: Dossier, kinds: tuple[str, ...]) -> Key:
    """A dossier's share of the team index: the (kept) dossier and the meeting kinds."""
    return (id(dossier), kinds), (dossier,)


_IDENTITY: dict[str, Callable[..., Key]] = {team.SHARE: _share}
"""The key of each part kept in the process only; each has a memo of its name (:mod:`.memo`)."""


class KeptParts:
    """Computes the views' parts, reusing those of the previous build whose inputs are the same."""

    def __init__(self, kept: Fragments, site: Site, level: str) -> None:
        self.kept = kept
        self.common = digest([code_version(), theme_version(), site.t.lang, str(site.directory_urls),
                              repr(site.settings), level])
        """What every content key holds: code, theme, language, link style, settings (today included), audience."""
        kept.start()
        for name in _IDENTITY:
            memo(name).start()

    def __call__(self, name: str, make: Callable[..., T], /, *args: Any) -> T:
        """``make(*args)``, or its value from the previous build when the part's key is the same."""
        if name in _CONTENT:
            return self.kept.get(name, digest([self.common, *_CONTENT[name](*args)]), lambda: make(*args))
        key, anchors = _IDENTITY[name](*args)
        value = memo(name).get(key, lambda: (anchors, make(*args)))
        if any(a is not b for a, b in zip(value[0], anchors, strict=True)):  # pragma: no cover - an id reused
            value = (anchors, make(*args))
        return cast(T, value[1])
