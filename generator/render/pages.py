"""``render_site``: every generated page as text, independent of MkDocs.

Each page is a YAML title line (escaped, so a hostile name cannot break out of the
``<title>`` element MkDocs writes), Markdown section headings for the outline and search,
and pre-rendered HTML blocks that the Markdown converter passes through untouched.

No dossier value reaches Markdown syntax (:mod:`generator.neutralise`): templates put data
only inside HTML elements, which Markdown leaves alone, and every value on a Markdown line
(a ``## heading { #id }``) goes through the ``md`` filter, which writes each Markdown-active
character as a character reference. ``tests/site/test_markdown_injection.py`` checks the
templates for it and builds a site with Markdown payloads in every string field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, Protocol

from markupsafe import escape

from .. import translate
from ..config import Settings
from ..diagnostics import Diagnostic
from ..incremental.memo import memo
from ..language import normalize
from ..model.portfolio import Dossier, Portfolio
from ..score.types import PortfolioScores
from . import lift, movement, paths, portfolio, team
from .account import account_view
from .context import Site
from .glossary import GLOSSARY, glossary_view
from .guide import guide_view
from .i18n import Translator
from .parallel import Pages, account_pages
from .rules import rules_view
from .templating import environment


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


MEMOS = ("rows", "team", "chart")
"""Memos of the views, started once per build when serving (:mod:`generator.memo`)."""

_NOT_YAML_TEXT = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters YAML refuses or reads as a line break inside a quoted title; JSON leaves them raw, so they are escaped.
(A refused one would make MkDocs read the whole frontmatter as Markdown text.)"""


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly."""
    return _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def page(template: str, title: str, *, hide: Sequence[str] = (), blocks: dict[str, str] | None = None,
         marked: bool = False, as_of: dt.date | None = None, **values: Any) -> str:
    """One page: frontmatter with the escaped title (and Material's ``hide``), then the rendered template.

    With ``blocks``, the template's heavy blocks are lifted out into it (:mod:`.lift`). ``marked``
    keeps the blocks and their markers: the plugin lifts them when MkDocs reads the page (pages
    rendered in workers or reused from an earlier build cannot hand blocks to ``pages.lifted``).
    ``as_of``: the date the data is judged as of, stated at the end of the page (``t`` labels it).
    """
    body = environment().get_template(template).render(**values)
    if as_of is not None:
        body += "\n\n" + environment().get_template("as_of.html").render(t=values["t"], date=as_of.isoformat())
    body = body if marked else lift.lift(body, blocks)
    # The title is HTML-escaped here because MkDocs and Material print ``page.meta.title`` unescaped.
    meta = f"title: {_yaml_string(str(escape(title)))}\n"
    if hide:
        meta += f"hide: {json.dumps(list(hide))}\n"
    return f"---\n{meta}---\n\n{body.strip()}\n"


def render_site(
    portfolio_: Portfolio,
    diagnostics: Sequence[Diagnostic],
    scores: PortfolioScores | None,
    settings: Settings,
    lang: str = "en",
    *,
    directory_urls: bool = True,
    changes: Sequence[Change] = (),
    reuse: Callable[[Site, Dossier], str | None] | None = None,
    reuse_person: Callable[[Site, str], str | None] | None = None,
    compliance: bool = False,
    lifting: bool = False,
    history: Any = None,
    changed: Mapping[str, dt.date] | None = None,
) -> Pages:
    """Every generated page by its source path (``accounts/<slug>/index.md`` …), text ready to write.

    For large portfolios the account pages are still being rendered by worker processes
    when this returns; reading a page waits for it, and ``close()`` stops the workers.
    ``reuse(site, dossier)`` may return an account page's text from an earlier build
    (``render/incremental.py``); only the accounts it returns ``None`` for are rendered.
    ``reuse_person(site, person_id)`` does the same for team members' pages. ``lifting``: the
    portfolio views' heavy blocks go to ``pages.lifted`` for the MkDocs plugin (:mod:`.lift`).
    ``history``: the build's :class:`generator.history.records.Movement` (account, portfolio and
    person history, and the home page's recent changes). ``changed``: each account's last change by slug
    (:func:`generator.history.changed.by_slug`, read while gathering: rendering reads no files).
    """
    t = Translator(normalize(lang))
    diagnostics = translate.diagnostics(diagnostics, t.lang)  # findings on the pages speak the page's language
    # Account pages reused from an earlier build mean a serving process: its views keep per-account memos too.
    site = Site(portfolio_, diagnostics, scores, settings, t, directory_urls, compliance=compliance,
                memos=reuse is not None)
    if site.memos:
        for name in MEMOS:
            memo(name).start()
    site.changed = dict(changed or {})
    dated = partial(page, as_of=site.today)  # every page states the date it is as of
    if history is not None:
        site.cache[movement.KEY] = history
    for c in changes:
        if c.change is not None:
            site.deltas.setdefault((c.scope, c.id), {})[c.key] = c.change
    dossiers = portfolio_.dossiers

    def account_page(index: int) -> tuple[str, str]:
        dossier = dossiers[index]
        src = paths.account_page(dossier.slug)
        view = account_view(site, dossier, paths.Links(src, directory_urls))
        # Account pages are not in the nav, so the navigation sidebar would be empty: give the room to content.
        h = movement.account_history(site, dossier, paths.Links(src, directory_urls))
        return src, dated("account.html", dossier.account.data.name, hide=("navigation",), marked=lifting, a=view,
                          t=t, h=h)

    sources = [paths.account_page(d.slug) for d in dossiers]
    reused = {i: text for i, d in enumerate(dossiers) if reuse and (text := reuse(site, d)) is not None}
    todo = [i for i in range(len(dossiers)) if i not in reused]
    pages = account_pages(len(todo), [sources[i] for i in todo], lambda k: account_page(todo[k]))
    for i, text in reused.items():
        pages[sources[i]] = text

    blocks = pages.lifted if lifting else None
    links = paths.Links(paths.PORTFOLIO, directory_urls)
    # Wide table: the sidebars give their room to it; the page links its views itself.
    pages[paths.PORTFOLIO] = dated("portfolio.html", t("portfolio"), hide=("navigation", "toc"),
                                   blocks=blocks, p=portfolio.portfolio_view(site, links), t=t,
                                   mv=movement.portfolio_movement(site, links))
    for by in paths.GROUPINGS:
        src = paths.grouping_page(by)
        view = portfolio.grouping_view(site, by, paths.Links(src, directory_urls))
        pages[src] = dated("grouping.html", view["title"], hide=("toc",), blocks=blocks, g=view, t=t)

    pages[paths.TEAM] = dated("team.html", t("team"), v=team.team_view(site, paths.Links(paths.TEAM, directory_urls)),
                             t=t)
    for person_id in sorted(site.people):
        src = paths.person_page(person_id)
        kept = reuse_person(site, person_id) if reuse_person else None
        if kept is not None:
            pages[src] = kept
            continue
        view = team.person_view(site, person_id, paths.Links(src, directory_urls))
        pages[src] = dated("person.html", view["name"], hide=("navigation",), p=view, t=t,
                           ph=movement.person_history(site, person_id, paths.Links(src, directory_urls)))

    home = paths.Links(movement.HOME, directory_urls)
    pages[movement.HOME] = dated("home.html", t("home"), hide=("navigation",), blocks=blocks,
                                 d=movement.home_view(site, home), t=t)
    pages[paths.RULES] = dated("rules.html", t("rules"), hide=("navigation",), r=rules_view(site), t=t)
    pages[paths.GUIDE] = dated("guide.html", t("scoring_guide"), g=guide_view(t), t=t)
    pages[GLOSSARY] = dated("glossary.html", t("glossary"), g=glossary_view(t), t=t)
    return pages
