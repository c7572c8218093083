"""The MkDocs plugin's pages: render's page functions, with kept pages reused and heavy blocks lifted.

The same pages :func:`generator.render.generate.generate` gives, by the same functions
(:mod:`generator.render.pages`), with two differences for speed: account and person pages whose
inputs did not change come from the previous build (:class:`.pages.KeptPages`), with the views'
per-account parts (:class:`.parts.KeptParts`), and heavy blocks are lifted out of the text MkDocs
converts (:mod:`.lift`) instead of settled in place.
"""

from __future__ import annotations

from collections.abc import MutableMapping

from ..config import Settings
from ..render import paths
from ..render.context import computed
from ..render.generate import Gathered, site_of
from ..render.pages import account_page, assemble, person_page
from ..render.parallel import Pages, account_pages
from .lift import lift
from .pages import KeptPages
from .parts import KeptParts


def compose(gathered: Gathered, settings: Settings, lang: str, blocks: MutableMapping[str, str], *,
            directory_urls: bool = True, kept: KeptPages | None = None) -> Pages:
    """Every page of ``gathered`` in ``lang``, account and person pages from ``kept`` where none of their inputs
    changed.

    The portfolio-wide pages' heavy blocks are lifted into ``blocks``; account and person pages
    keep theirs marked (they are rendered in workers or kept from an earlier build): the plugin
    lifts them when MkDocs reads them. Account pages to render go to worker processes when many.
    """
    site = site_of(gathered, settings, lang, directory_urls=directory_urls,
                   parts=KeptParts() if kept is not None else computed)
    dossiers = site.portfolio.dossiers
    sources = [paths.account_page(d.slug) for d in dossiers]
    reused = {i: text for i, d in enumerate(dossiers) if kept and (text := kept.account(site, d)) is not None}
    todo = [i for i in range(len(dossiers)) if i not in reused]
    pages = account_pages(len(todo), [sources[i] for i in todo],
                          lambda k: (sources[todo[k]], account_page(site, dossiers[todo[k]])))
    for i, text in reused.items():
        pages[sources[i]] = text

    def person(person_id: str) -> str:
        found = kept.person(site, person_id) if kept else None
        return found if found is not None else person_page(site, person_id)

    return assemble(site, pages, person, lambda text: lift(text, blocks))
