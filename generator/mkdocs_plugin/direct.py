"""Generated pages skip MkDocs' Markdown conversion and the search plugin's HTML parse (issue 18).

The search entries of a generated page are made from its HTML by a walk over its tags
(:mod:`generator.render.search_text`) just before the search plugin's turn, which then
skips the page; the entries are the ones the plugin would have made.

Wiring only: :mod:`generator.render.direct` writes a generated page's HTML, and this module
hands it to MkDocs in place of ``Page.render`` — with what the theme's page template reads
from a rendered page: ``page.content``, ``page.toc`` (the Markdown headings, as the ``toc``
extension makes them, so the sidebar outline and ``toc.follow`` are as before) and the
anchor ids MkDocs validates links against.

Only for sites whose Markdown settings cannot change how such a page converts: the ``toc``
extension with at most its permalink options, and extensions known to leave HTML blocks and
plain ``{ #id }`` headings alone. Any other setup converts with Markdown as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown.extensions.toc import nest_toc_tokens  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..render.direct import Converted, Permalink, convert
from ..render.search_text import Section, sections

NEUTRAL_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "def_list", "footnotes",
    "abbr", "sane_lists", "codehilite", "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.tabbed", "pymdownx.snippets",
})
"""Extensions that leave a generated page's HTML blocks and ``## text { #id }`` headings as the bypass writes them."""
TOC_OPTIONS = frozenset({"permalink", "permalink_title"})
_MARK = "accountplan-indexed"
"""Key in ``page.meta["search"]`` while a page is marked as indexed already (``True``: it had search metadata)."""


def permalink_settings(config: MkDocsConfig) -> Permalink | None:
    """The ``toc`` permalink settings when generated pages may bypass Markdown, else ``None``."""
    extensions = {str(e) for e in config.markdown_extensions}
    if not extensions <= NEUTRAL_EXTENSIONS:
        return None
    options: dict[str, Any] = dict((config.mdx_configs or {}).get("toc") or {})
    if not set(options) <= TOC_OPTIONS:
        return None
    mark = options.get("permalink", False)
    if mark is True:
        text: str | None = "&para;"
    elif isinstance(mark, str) and mark:
        text = mark
    else:
        text = None
    title = options.get("permalink_title", "Permanent link")
    return Permalink(text, str(title) if title else "")


def bypass(page: Page, markdown: str, permalink: Permalink,
           converter: Callable[[str, Permalink], Converted | None] = convert) -> bool:
    """Make ``page.render`` give the page's direct HTML instead of converting ``markdown``; whether it could.

    ``converter``: :func:`generator.render.direct.convert`, or what gives its result made beforehand.
    """
    converted = converter(markdown, permalink)
    if converted is None:
        return False

    def render(config: MkDocsConfig, files: Files) -> None:
        _apply(page, converted)
        del page.render  # this closure holds the page's HTML: it goes with the page's content (see ``done``)

    page.render = render  # type: ignore[method-assign]  # this page only; MkDocs calls it next
    return True


def _apply(page: Page, converted: Converted) -> None:
    """What ``Page.render`` sets, from the direct conversion."""
    page.content = converted.html
    page.toc = get_toc(nest_toc_tokens(converted.toc_tokens))
    page._title_from_render = converted.title
    page.present_anchor_ids = converted.anchor_ids
    page.links_to_anchors = {}  # links in HTML blocks are not Markdown links: MkDocs registers none for them


def done(page: Page) -> None:
    """Drop a generated page's HTML once MkDocs has written it (``on_post_page``): nothing reads it again.

    MkDocs converts every page before it writes the first one and keeps each page's content to
    the end of the build, so the HTML of every page stayed in memory beside the search index.
    """
    page.content = None


def search_index(config: MkDocsConfig) -> Any | None:
    """The search plugin's index (Material's ``SearchIndex``), if the site has that plugin."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "create_entry_for_section") and \
                type(index).__module__.startswith("material."):  # MkDocs' own index takes no page
            return index
    return None


def index_page(page: Page, config: MkDocsConfig,
               find: Callable[[str], list[Section] | None] = sections) -> bool:
    """Add a generated page's search entries without the search plugin's HTML parse; whether it could.

    The sections come from :func:`generator.render.search_text.sections` (or ``find``, which may
    hand back those of the previous build); the index itself turns
    each into an entry (its link from the page's outline, Chinese segmentation, tags). The page is
    then marked excluded for the search plugin's own pass, until :func:`unmark` takes the mark off.
    """
    index = search_index(config)
    meta = page.meta.get("search")
    if index is None or page.content is None or (meta is not None and not isinstance(meta, dict)):
        return False
    if (meta or {}).get("exclude"):
        return False
    found = find(page.content)
    if found is None:
        return False
    for section in found:
        index.create_entry_for_section(section, page.toc, page.url, page)
    page.meta["search"] = {**(meta or {}), "exclude": True, _MARK: meta is not None}
    return True


def unmark(page: Page) -> None:
    """Take off the exclusion :func:`index_page` put on the page's metadata for the search plugin's pass."""
    meta = page.meta.get("search")
    if isinstance(meta, dict) and _MARK in meta:
        had = meta.pop(_MARK)
        meta.pop("exclude")
        if not had:
            del page.meta["search"]
