"""The MkDocs plugin's pages: render's page functions, with kept pages reused and heavy blocks lifted.

The same pages :func:`generator.render.generate.generate` gives, by the same functions
(:mod:`generator.render.pages`), with two differences for speed: account and person pages whose
inputs did not change come from the previous build (:class:`.pages.KeptPages`), with the views'
per-account parts (:class:`.parts.KeptParts`), and heavy blocks are lifted out of the text MkDocs
converts (:mod:`.lift`) instead of settled in place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import NamedTuple, cast

from ..config import Settings
from ..render import paths
from ..render.context import Site
from ..render.generate import Gathered, site_of
from ..render.pages import account_page, assemble, person_page
from ..render.parallel import Pages, Prepare, account_pages
from .fragments import fragments
from .lift import lift
from .pages import KeptPages
from .parts import KeptParts


@dataclass(frozen=True)
class Whole:
    """A server's last whole rebuild: its pages' order, the portfolio-wide pages' text (lifted) and their lifted
    blocks, and what every account and person page's key held then (:meth:`.pages.KeptPages.common`)."""

    order: list[str]
    wide: Mapping[str, str]
    blocks: Mapping[str, str]
    common: str


class Accounts(NamedTuple):
    """The site of a build, its account pages' paths, and the account pages kept as their inputs are (by index)."""

    site: Site
    sources: list[str]
    reused: dict[int, str | bytes]


def compose(gathered: Gathered, settings: Settings, lang: str, blocks: MutableMapping[str, str], *,
            directory_urls: bool = True, kept: KeptPages | None = None, prepare: Prepare | None = None,
            packed: bool = True, accounts: Accounts | None = None) -> Pages:
    """Every page of ``gathered`` in ``lang``, account and person pages from ``kept`` where none of their inputs
    changed.

    The portfolio-wide pages' heavy blocks are lifted into ``blocks``; account and person pages
    keep theirs marked (they are rendered in workers or kept from an earlier build): the plugin
    lifts them when MkDocs reads them. Account and person pages to render go to worker processes
    when many, which also run ``prepare`` on each (:attr:`generator.render.parallel.Pages.prepared`).
    ``packed``: whether pages wait compressed (:class:`generator.render.parallel.Pages`; not in a server).
    ``accounts``: :func:`accounts_of` for ``kept``, when already made.
    """
    site, sources, reused = accounts or accounts_of(gathered, settings, lang, kept, directory_urls=directory_urls)
    dossiers = site.portfolio.dossiers
    kept_people = {p: text for p in sorted(site.people) if kept and (text := kept.person(site, p)) is not None}
    todo = [i for i in range(len(dossiers)) if i not in reused]
    people = [p for p in sorted(site.people) if p not in kept_people]
    tasks = [sources[i] for i in todo] + [paths.person_page(p) for p in people]

    def render(k: int) -> tuple[str, str]:
        if k < len(todo):
            return tasks[k], account_page(site, dossiers[todo[k]])
        return tasks[k], person_page(site, people[k - len(todo)])

    # Person pages are placed later, in their turn among the portfolio-wide pages (assemble). Account pages take
    # their places in the portfolio's order, rendered or kept alike: MkDocs builds, and indexes for search, the
    # pages in that order, so kept pages placed after the rendered ones gave another search index than a cold build.
    pages = account_pages(len(tasks), tasks, render, prepare=prepare, placed=0, packed=packed)
    for i, src in enumerate(sources):
        if i in reused:  # a kept page may come compressed (KeptPages): Pages keeps it as it is (pack passes bytes)
            pages[src] = cast(str, reused[i])
        else:
            pages.place(src)
    return assemble(site, pages, cast(Callable[[str], str | None], kept_people.get), lambda text: lift(text, blocks))


def accounts_of(gathered: Gathered, settings: Settings, lang: str, kept: KeptPages | None, *,
                directory_urls: bool = True) -> Accounts:
    """The site of ``gathered``, and which account pages ``kept`` has as their inputs are."""
    site = site_of(gathered, settings, lang, directory_urls=directory_urls)
    if kept is not None:
        site.parts = KeptParts(fragments(kept.store), site, kept.level)
    sources = [paths.account_page(d.slug) for d in site.portfolio.dossiers]
    reused = {i: text for i, d in enumerate(site.portfolio.dossiers)
              if kept and (text := kept.account(site, d)) is not None}
    return Accounts(site, sources, reused)


def accounts_first(accounts: Accounts, kept: KeptPages, whole: Whole) -> Pages | None:
    """The pages of a server's save, the account pages whose inputs changed alone rendered: people's and the
    portfolio-wide pages as ``whole`` (or ``kept``) had them. ``None`` (a whole rebuild) when no account page
    changed (a hand-written page saved, say: one rebuild, not two), when the settings, date, roster or history
    changed (every account page would be rendered twice), or when an account or a person came or went."""
    site, sources, reused = accounts
    if len(reused) == len(sources) or kept.common(site) != whole.common:
        return None
    people = [paths.person_page(p) for p in sorted(site.people)]
    if set(whole.order) != {*sources, *people, *whole.wide}:
        return None
    earlier = {src: text for src in people if (text := kept.previous(src)) is not None}
    if len(earlier) != len(people):
        return None
    dossiers = site.portfolio.dossiers
    todo = [i for i in range(len(dossiers)) if i not in reused]
    index = {src: i for i, src in enumerate(sources)}

    def render(k: int) -> tuple[str, str]:
        return sources[todo[k]], account_page(site, dossiers[todo[k]])

    pages = account_pages(len(todo), [sources[i] for i in todo], render, placed=0, packed=False)
    for src in whole.order:  # the order of a whole rebuild, which MkDocs builds and indexes the pages in
        i = index.get(src)
        if i is None:
            pages[src] = cast(str, earlier.get(src) or whole.wide[src])
        elif i in reused:
            pages[src] = cast(str, reused[i])
        else:
            pages.place(src)
    return pages
