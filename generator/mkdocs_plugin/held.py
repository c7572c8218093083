"""Generated pages' HTML held compressed from conversion until MkDocs writes the page.

MkDocs converts every page (``on_page_content``) before it writes the first one
(``on_page_context`` … ``on_post_page``), so each page's finished HTML waits in
``page.content`` for the whole of the first pass: at 1,000 accounts about 1,500 pages of
150 KiB, mostly SVG, which compresses about tenfold. After every other plugin has seen a
generated page's HTML, it is kept here compressed and ``page.content`` left empty; before any
plugin reads it again, the page gets it back, and once written it is dropped
(:func:`generator.mkdocs_plugin.direct.done`).
"""

from __future__ import annotations

from mkdocs.structure.pages import Page

from generator.render.parallel import pack, unpack


class Held:
    """The compressed HTML of converted generated pages not yet written, by source path."""

    def __init__(self) -> None:
        self._pages: dict[str, bytes] = {}

    def hold(self, page: Page, html: str, packed: bytes | None = None) -> str:
        """Keep ``html`` compressed for ``page`` (``packed``: compressed already, by the worker that made it); what
        ``page.content`` holds meanwhile (nothing)."""
        self._pages[page.file.src_uri] = packed if packed is not None else pack(html)
        return ""

    def give_back(self, page: Page) -> None:
        """Put a held page's HTML back into ``page.content`` (no longer held here)."""
        packed = self._pages.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = unpack(packed)
