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

from collections.abc import Callable

OPEN, CLOSE = "<!--ap:lift-->", "<!--/ap:lift-->"
"""The marks around a heavy block. Each mark may be followed by a line break, which belongs to the mark."""


def sub_marked(text: str, replace: Callable[[str], str]) -> str:
    """``text`` with each marked block, marks included, replaced by ``replace(block)``; a mark left open stays.

    As ``re.sub`` of ``<!--ap:lift-->\\n?(.*?)<!--/ap:lift-->\\n?`` (dot matching line breaks) would, but found
    with ``str.find``: that pattern tried the closing mark at each character, 0.05 s a save for the 4 MB
    portfolio page at N=1000.
    """
    out: list[str] = []
    at = 0
    while (start := text.find(OPEN, at)) >= 0:
        inner = start + len(OPEN) + text.startswith("\n", start + len(OPEN))
        end = text.find(CLOSE, inner)
        if end < 0:
            break
        out += (text[at:start], replace(text[inner:end]))
        at = end + len(CLOSE) + text.startswith("\n", end + len(CLOSE))
    out.append(text[at:])
    return "".join(out)


def unindexed(block: str) -> str:
    """A block in a wrapper search indexers skip (Material for MkDocs' and Zensical's)."""
    return f"<div data-search-exclude>\n{block}\n</div>"


def _excluded(block: str) -> str:
    end = "\n" if block.endswith("\n") else ""
    return unindexed(block.removesuffix(end)) + end


def settle(text: str) -> str:
    """``text`` with each marked block kept in place but out of the search index."""
    return sub_marked(text, _excluded)
