"""Account pages on every core: forked workers render while the caller goes on with other work.

Workers are forked, so they inherit the loaded site instead of receiving a pickled copy,
and results come back in dossier order. :class:`Pages` hands each page out as soon as it
is needed: MkDocs converts the first account pages while workers still render the last.
"""

from __future__ import annotations

import multiprocessing
import os
import zlib
from collections.abc import Callable, Iterator, MutableMapping
from concurrent.futures import ProcessPoolExecutor

PARALLEL_THRESHOLD = 150
"""From this many accounts, account pages render in forked worker processes (one per core)."""

Render = Callable[[int], tuple[str, str]]
"""Renders the account with this index: ``(source path, page text)``."""

_RENDER: Render | None = None
"""The renderer forked workers inherit."""


def _work(index: int) -> tuple[str, str]:
    assert _RENDER is not None
    return _RENDER(index)


class Pages(MutableMapping[str, str]):
    """Generated pages by source path; pages still being rendered by workers arrive on first access."""

    def __init__(self) -> None:
        self._done: dict[str, str | bytes] = {}
        """Page texts by source path: compressed (:func:`pack`) while they wait to be read, so the pages rendered here
        and those a worker delivered early do not all wait as text (≈170 MB at 1,000 accounts)."""
        self._order: list[str] = []
        self._pending: Iterator[tuple[str, str]] | None = None
        self._remaining = 0
        self._pool: ProcessPoolExecutor | None = None
        self._released: set[str] = set()

    def expect(self, sources: list[str], results: Iterator[tuple[str, str]], pool: ProcessPoolExecutor) -> None:
        """Pages that ``results`` will deliver, in this order."""
        self._order.extend(sources)
        self._remaining = len(sources)
        self._pending = results
        self._pool = pool

    def __getitem__(self, src: str) -> str:
        if src in self._released:
            raise KeyError(f"{src}: page text was already handed over with release()")
        while src not in self._done and self._pending is not None:
            key, text = next(self._pending)
            self._done[key] = text if key == src else pack(text)  # the page asked for is read at once
            self._remaining -= 1
            if not self._remaining:
                self.close()
        kept = self._done[src]
        return kept if isinstance(kept, str) else unpack(kept)

    def __setitem__(self, src: str, text: str) -> None:
        if src not in self._done and src not in self._order:
            self._order.append(src)
        self._released.discard(src)
        self._done[src] = pack(text)

    def release(self, src: str) -> str:
        """The page's text, no longer kept here: MkDocs keeps its own copy once it has read a page."""
        text = self[src]
        del self._done[src]
        self._released.add(src)
        return text

    def __delitem__(self, src: str) -> None:
        raise TypeError("generated pages cannot be removed")

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)

    def close(self) -> None:
        """Stop the workers (after the last page, or when a build gives up half-way)."""
        self._pending = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def pack(text: str | bytes) -> bytes:
    """A page's text compressed, to be kept until the build ends (bytes are packed already).

    The account memo carries every account and person page to the next build: as text that was
    about 190 KB a page (≈190 MB at 1,000 accounts, held from the page's reading to the end of
    the build, and pickled whole); compressed, about a tenth.
    """
    return text if isinstance(text, bytes) else zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def unpack(data: bytes) -> str:
    """The text :func:`pack` compressed."""
    return zlib.decompress(data).decode("utf-8", "surrogatepass")


def account_pages(count: int, sources: list[str], render: Render) -> Pages:
    """Pages for ``count`` accounts: rendered here when few, else by forked workers, one per core."""
    global _RENDER
    pages = Pages()
    workers = min(os.cpu_count() or 1, 8)
    if count < PARALLEL_THRESHOLD or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for index in range(count):
            src, text = render(index)
            pages[src] = text
        return pages
    _RENDER = render
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        # map() submits every task at once, so all workers are forked now, while _RENDER is set.
        results = pool.map(_work, range(count), chunksize=8)
    finally:
        _RENDER = None
    pages.expect(sources, results, pool)
    return pages
