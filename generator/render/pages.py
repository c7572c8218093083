"""``render_site``: every generated page as text, independent of MkDocs.

A page is a pure function of the site's data (:class:`.context.Site`): :func:`account_page` for a
dossier, :func:`person_page` for a team member, and the portfolio-wide pages :func:`assemble`
writes in their order. :func:`render_site` renders them all; the MkDocs plugin's incremental seam
(:mod:`generator.incremental`) wraps the same functions, so that an edit renders only what it changed.
The text of a page (frontmatter, escaping) is :func:`.page.page`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Protocol

from .. import translate
from ..config import Settings
from ..diagnostics import Diagnostic
from ..history.records import Movement
from ..model.portfolio import Dossier, Portfolio
from ..score.types import PortfolioScores
from ..translate.language import normalize
from . import compliance, heavy, movement, paths, portfolio, team
from .account import account_view
from .context import Parts, Site, computed
from .glossary import GLOSSARY, glossary_view
from .guide import guide_view
from .i18n import Translator
from .page import page
from .parallel import Pages, account_pages
from .rules import rules_view


class Change(Protocol):
    """A figure's change since the start of the quarter (``generator.history.quarter.Delta``)."""

    @property
    def scope(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def change(self) -> float | None: ...


def site_for(portfolio_: Portfolio, diagnostics: Sequence[Diagnostic], scores: PortfolioScores | None,
             settings: Settings, lang: str = "en", *, directory_urls: bool = True, changes: Sequence[Change] = (),
             compliance: bool = False, history: Movement | None = None,
             changed: Mapping[str, dt.date] | None = None, parts: Parts = computed) -> Site:
    """What every page of one language reads (see :func:`render_site` for the arguments).

    ``parts`` computes the views' per-account parts (:class:`.context.Parts`).
    """
    t = Translator(normalize(lang))
    shown = translate.diagnostics(diagnostics, t.lang)  # findings on the pages speak the page's language
    site = Site(portfolio_, shown, scores, settings, t, directory_urls, compliance=compliance, parts=parts)
    site.changed = dict(changed or {})
    if history is not None:
        site.cache[movement.KEY] = history
    for c in changes:
        if c.change is not None:
            site.deltas.setdefault((c.scope, c.id), {})[c.key] = c.change
    return site


def account_page(site: Site, dossier: Dossier) -> str:
    """An account's page (its heavy blocks marked)."""
    links = paths.Links(paths.account_page(dossier.slug), site.directory_urls)
    view = account_view(site, dossier, links)
    # Account pages are not in the nav, so the navigation sidebar would be empty: give the room to content.
    return page("account.html", dossier.account.data.name, hide=("navigation",), as_of=site.today, a=view,
                t=site.t, h=movement.account_history(site, dossier, links))


def person_page(site: Site, person_id: str) -> str:
    """A team member's page."""
    links = paths.Links(paths.person_page(person_id), site.directory_urls)
    view = team.person_view(site, person_id, links)
    return page("person.html", view["name"], hide=("navigation",), as_of=site.today, p=view, t=site.t,
                ph=movement.person_history(site, person_id, links))


def assemble(site: Site, accounts: Pages, person: Callable[[str], str | None], finish: Callable[[str], str]) -> Pages:
    """Every page of the site: ``accounts`` (its account pages), then the portfolio-wide pages in their order.

    ``person(person_id)`` gives a team member's page, or ``None`` when the workers of ``accounts``
    render it (it is then only placed in the order); ``finish`` is applied to each other page
    (:func:`.heavy.settle`, or what the MkDocs plugin does with heavy blocks). A new page type is one more line here.
    """
    t, pages, dated = site.t, accounts, partial(page, as_of=site.today)  # every page states its date
    links = paths.Links(paths.PORTFOLIO, site.directory_urls)
    # Wide table: the sidebars give their room to it; the page links its views itself.
    pages[paths.PORTFOLIO] = finish(dated("portfolio.html", t("portfolio"), hide=("navigation", "toc"),
                                          p=portfolio.portfolio_view(site, links), t=t,
                                          mv=movement.portfolio_movement(site, links)))
    for by in paths.GROUPINGS:
        src = paths.grouping_page(by)
        view = portfolio.grouping_view(site, by, paths.Links(src, site.directory_urls))
        pages[src] = finish(dated("grouping.html", view["title"], hide=("toc",), g=view, t=t))
    team_view = team.team_view(site, paths.Links(paths.TEAM, site.directory_urls))
    pages[paths.TEAM] = finish(dated("team.html", t("team"), v=team_view, t=t))
    for person_id in sorted(site.people):
        text = person(person_id)
        if text is None:
            pages.place(paths.person_page(person_id))
        else:
            pages[paths.person_page(person_id)] = text
    home = paths.Links(movement.HOME, site.directory_urls)
    pages[movement.HOME] = finish(dated("home.html", t("home"), hide=("navigation",),
                                        d=movement.home_view(site, home), t=t))
    pages[paths.RULES] = finish(dated("rules.html", t("rules"), hide=("navigation",), r=rules_view(site), t=t))
    pages[paths.GUIDE] = finish(dated("guide.html", t("scoring_guide"), g=guide_view(t), t=t))
    pages[GLOSSARY] = finish(dated("glossary.html", t("glossary"), g=glossary_view(t), t=t))
    if site.compliance:
        pages[compliance.PAGE] = finish(compliance.compliance_page(site))
    return pages


def whole_site(site: Site) -> Pages:
    """Every page of ``site``, rendered now, heavy blocks settled (account pages on every core when many)."""
    dossiers = site.portfolio.dossiers
    sources = [paths.account_page(d.slug) for d in dossiers]

    def account(index: int) -> tuple[str, str]:
        return sources[index], heavy.settle(account_page(site, dossiers[index]))

    pages = account_pages(len(dossiers), sources, account)
    return assemble(site, pages, lambda person_id: heavy.settle(person_page(site, person_id)), heavy.settle)


def render_site(
    portfolio_: Portfolio,
    diagnostics: Sequence[Diagnostic],
    scores: PortfolioScores | None,
    settings: Settings,
    lang: str = "en",
    *,
    directory_urls: bool = True,
    changes: Sequence[Change] = (),
    compliance: bool = False,
    history: Movement | None = None,
    changed: Mapping[str, dt.date] | None = None,
) -> Pages:
    """Every generated page by its source path (``accounts/<slug>/index.md`` …), text ready to write.

    For large portfolios the account pages are still being rendered by worker processes
    when this returns; reading a page waits for it, and ``close()`` stops the workers.
    ``changes``: each figure's change since the quarter began. ``compliance``: the build shows
    the gifts register (:mod:`.compliance`). ``history``: the build's movement over time
    (account, portfolio and person history, and the home page's recent changes). ``changed``:
    each account's last change by slug (:func:`generator.history.changed.by_slug`, read while
    gathering: rendering reads no files).
    """
    return whole_site(site_for(portfolio_, diagnostics, scores, settings, lang, directory_urls=directory_urls,
                               changes=changes, compliance=compliance, history=history, changed=changed))
