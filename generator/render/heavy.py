"""Heavy blocks: finished HTML that a page holds but search indexers should skip.

The portfolio and grouping pages hold a row for every account (about 3 MB of HTML at 1,000
accounts), account pages their charts. Templates mark such blocks with ``<!--ap:lift-->`` …
``<!--/ap:lift-->``; the page functions of :mod:`.pages` keep the marks, and :func:`settle`
turns each marked block into the block inside ``<div data-search-exclude>``, which keeps it out
of the search index of Material for MkDocs and Zensical alike (without it, the portfolio page's
one search entry grows with every account, past Zensical's 64 KiB per field at about 1,000
accounts). The MkDocs plugin takes the marked blocks out of what MkDocs converts instead, and puts
back the same wrapped block (:mod:`generator.incremental`), so both ways give the same HTML.
"""

from __future__ import annotations

import re

MARKED = re.compile(r"<!--ap:lift-->\n?(.*?)<!--/ap:lift-->\n?", re.DOTALL)
"""A marked block; group 1 is the block."""


def unindexed(block: str) -> str:
    """A block in a wrapper search indexers skip (Material for MkDocs' and Zensical's)."""
    return f"<div data-search-exclude>\n{block}\n</div>"


def _excluded(match: re.Match[str]) -> str:
    block = match.group(1)
    end = "\n" if block.endswith("\n") else ""
    return unindexed(block.removesuffix(end)) + end


def settle(text: str) -> str:
    """``text`` with each marked block kept in place but out of the search index."""
    return MARKED.sub(_excluded, text)
