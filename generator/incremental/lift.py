"""Heavy HTML blocks kept out of MkDocs' Markdown converter and search index (the plugin's speed device).

The portfolio and grouping pages hold a row for every account (about 3 MB of HTML at 1,000
accounts). MkDocs would parse all of it twice on every build — Python-Markdown's raw-HTML
pass and the search plugin's indexer — although it is finished HTML already, and under
``mkdocs serve --dirty`` these pages are rebuilt after almost every edit.

Render marks such blocks (:mod:`generator.render.heavy`). When lifting, each block is replaced
by a one-line placeholder naming the block by its content hash (so the page's text still
changes whenever the block does, which ``--dirty`` relies on), and :func:`restore` puts the
block back into the finished page after MkDocs has converted and indexed it. The blocks' text
is therefore not in the search index; every account it names has its own page there.
:func:`restore` puts back the block wrapped as :func:`generator.render.heavy.settle` leaves it in
place (``accountplan render``), so both ways give the same HTML.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, MutableMapping
from typing import TypeVar

from ..render.heavy import sub_marked, unindexed

T = TypeVar("T")
_PLACEHOLDER = re.compile(r'<div class="ap-lift" data-ap-lift="([0-9a-f]{32})"></div>')


def lift(body: str, blocks: MutableMapping[str, str]) -> str:
    """``body`` with each marked block replaced by its placeholder (the block kept in ``blocks``)."""

    def placeholder(block: str) -> str:
        # The block's last line break stays in the page, so restoring gives exactly the text render writes.
        end = "\n" if block.endswith("\n") else ""
        block = unindexed(block.removesuffix("\n"))
        name = hashlib.blake2b(block.encode("utf-8"), digest_size=16).hexdigest()
        blocks[name] = block
        return f'<div class="ap-lift" data-ap-lift="{name}"></div>{end}'

    return sub_marked(body, placeholder)


def lifted(page_html: str, blocks: Mapping[str, T]) -> Iterator[tuple[str, T]]:
    """The name and block (or what ``blocks`` holds for it) of each placeholder of ``page_html`` it holds."""
    for match in _PLACEHOLDER.finditer(page_html):
        if match.group(1) in blocks:
            yield match.group(1), blocks[match.group(1)]


def restore(page_html: str, blocks: Mapping[str, str]) -> str:
    """``page_html`` with every placeholder replaced by its block."""
    if 'data-ap-lift="' not in page_html:
        return page_html
    return _PLACEHOLDER.sub(lambda m: blocks.get(m.group(1), m.group(0)), page_html)
