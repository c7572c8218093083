"""Generated pages skip MkDocs' Markdown conversion and the search plugin's HTML parse (issue 18).

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

from typing import Any

from markdown.extensions.toc import nest_toc_tokens  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .render.direct import Converted, Permalink, convert

NEUTRAL_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "def_list", "footnotes",
    "abbr", "sane_lists", "codehilite", "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.tabbed", "pymdownx.snippets",
})
"""Extensions that leave a generated page's HTML blocks and ``## text { #id }`` headings as the bypass writes them."""
TOC_OPTIONS = frozenset({"permalink", "permalink_title"})


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


def bypass(page: Page, markdown: str, permalink: Permalink) -> bool:
    """Make ``page.render`` give the page's direct HTML instead of converting ``markdown``; whether it could."""
    converted = convert(markdown, permalink)
    if converted is None:
        return False

    def render(config: MkDocsConfig, files: Files) -> None:
        _apply(page, converted)

    page.render = render  # type: ignore[method-assign]  # this page only; MkDocs calls it next
    return True


def _apply(page: Page, converted: Converted) -> None:
    """What ``Page.render`` sets, from the direct conversion."""
    page.content = converted.html
    page.toc = get_toc(nest_toc_tokens(converted.toc_tokens))
    page._title_from_render = converted.title
    page.present_anchor_ids = converted.anchor_ids
    page.links_to_anchors = {}  # links in HTML blocks are not Markdown links: MkDocs registers none for them
