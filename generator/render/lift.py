"""Heavy HTML blocks kept out of the Markdown converter and the search index.

The portfolio and grouping pages hold a row for every account (about 3 MB of HTML at 1,000
accounts). MkDocs would parse all of it twice on every build — Python-Markdown's raw-HTML
pass and the search plugin's indexer — although it is finished HTML already, and under
``mkdocs serve --dirty`` these pages are rebuilt after almost every edit.

Templates mark such blocks with ``<!--ap:lift-->`` … ``<!--/ap:lift-->``. When lifting,
each block is replaced by a one-line placeholder naming the block by its content hash (so
the page's text still changes whenever the block does, which ``--dirty`` relies on), and
:func:`restore` puts the block back into the finished page after MkDocs has converted and
indexed it. The blocks' text is therefore not in the search index; every account it names
has its own page there. Without lifting (``accountplan render``, for other generators) each
block stays in the page inside ``<div data-search-exclude>``, which keeps it out of the search
index of Material for MkDocs and Zensical alike: without it, the portfolio page's one search
entry grows with every account (past Zensical's 64 KiB per field at about 1,000 accounts).
:func:`restore` puts back the same wrapped block, so both ways give the same HTML.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, MutableMapping

_MARKED = re.compile(r"<!--ap:lift-->\n?(.*?)<!--/ap:lift-->\n?", re.DOTALL)
_PLACEHOLDER = re.compile(r'<div class="ap-lift" data-ap-lift="([0-9a-f]{32})"></div>')


def _unindexed(block: str) -> str:
    """A block in a wrapper search indexers skip (Material for MkDocs' and Zensical's)."""
    return f"<div data-search-exclude>\n{block}\n</div>"


def _excluded(match: re.Match[str]) -> str:
    """A marked block kept in the page but out of the search index, as lifting keeps it out of MkDocs' index."""
    block = match.group(1)
    end = "\n" if block.endswith("\n") else ""
    return _unindexed(block.removesuffix(end)) + end


def lift(body: str, blocks: MutableMapping[str, str] | None) -> str:
    """``body`` with each marked block replaced by its placeholder (kept in ``blocks``); if ``None``, kept unindexed."""
    if blocks is None:
        return _MARKED.sub(_excluded, body)

    def placeholder(match: re.Match[str]) -> str:
        # The block's last line break stays in the page, so restoring gives exactly the text render writes.
        block = match.group(1)
        end = "\n" if block.endswith("\n") else ""
        block = _unindexed(block.removesuffix("\n"))
        name = hashlib.blake2b(block.encode("utf-8"), digest_size=16).hexdigest()
        blocks[name] = block
        return f'<div class="ap-lift" data-ap-lift="{name}"></div>{end}'

    return _MARKED.sub(placeholder, body)


def lifted(page_html: str, blocks: Mapping[str, str]) -> Iterator[str]:
    """The blocks whose placeholders ``page_html`` holds."""
    for match in _PLACEHOLDER.finditer(page_html):
        if match.group(1) in blocks:
            yield blocks[match.group(1)]


def restore(page_html: str, blocks: Mapping[str, str]) -> str:
    """``page_html`` with every placeholder replaced by its block."""
    if 'data-ap-lift="' not in page_html:
        return page_html
    return _PLACEHOLDER.sub(lambda m: blocks.get(m.group(1), m.group(0)), page_html)
