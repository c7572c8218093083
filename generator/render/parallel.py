"""Account and person pages on every core: forked workers render while the caller goes on with other work.

Workers are forked, so they inherit the loaded site instead of receiving a pickled copy,
and results come back in task order. :class:`Pages` hands each page out as soon as it
is needed: MkDocs converts the first account pages while workers still render the last.
A worker may also do the next steps of a page's way into the site (``prepare``: for the
MkDocs plugin, its HTML and search sections, :mod:`generator.incremental.ready`), so they
are not left to the one process MkDocs runs in.

``ACCOUNTPLAN_WORKERS`` sets the number of workers (``1``: render here) whatever the page count.
"""

from __future__ import annotations

import multiprocessing
import os
import zlib
from collections.abc import Callable, Iterator, MutableMapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from ..termination import ignored_in_workers

PARALLEL_THRESHOLD = 150
"""From this many pages, account (and person) pages render in forked worker processes (one per core)."""
WORKERS = "ACCOUNTPLAN_WORKERS"
"""Environment variable: how many worker processes render pages, from any page count (``1``: none)."""

T = TypeVar("T")
Render = Callable[[int], tuple[str, str]]
"""Renders the page with this index: ``(source path, page text)``."""
Prepare = Callable[[str], Any]
"""What a worker computes from a page's text beside it (kept in :attr:`Pages.prepared`; ``None``: nothing)."""

_TASK: Callable[[int], Any] | None = None
"""The task forked workers inherit."""


def _run(index: int) -> Any:
    assert _TASK is not None
    return _TASK(index)


def _forked(count: int, task: Callable[[int], T], jobs: int) -> tuple[ProcessPoolExecutor, Iterator[T]]:
    """``task(i)`` for each ``i < count`` in ``jobs`` forked workers, started now; results in order."""
    global _TASK
    _TASK = task
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=ignored_in_workers)
        # map() submits every task at once, so all workers are forked now, while _TASK is set.
        results = pool.map(_run, range(count), chunksize=8)
    finally:
        _TASK = None
    return pool, results


def ahead(count: int, task: Callable[[int], T]) -> Iterator[T]:
    """``task(0)``, ``task(1)``, … in order: computed by forked workers started now when there are many (the
    caller goes on with other work meanwhile), else one by one here as they are asked for."""
    jobs = workers(count)
    if jobs < 2:
        return (task(i) for i in range(count))
    pool, results = _forked(count, task, jobs)

    def drain() -> Iterator[T]:
        try:
            yield from results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    return drain()


def workers(count: int) -> int:
    """Worker processes for ``count`` pages: one per core (at most 8) from :data:`PARALLEL_THRESHOLD` pages,
    or as :data:`WORKERS` says; ``1`` means the pages render in this process."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    wanted = os.environ.get(WORKERS, "")
    if wanted.isdigit():
        return max(1, min(int(wanted), 8))
    return 1 if count < PARALLEL_THRESHOLD else min(os.cpu_count() or 1, 8)


class Pages(MutableMapping[str, str]):
    """Generated pages by source path; pages still being rendered by workers arrive on first access."""

    def __init__(self, *, packed: bool = True) -> None:
        self._done: dict[str, str | bytes] = {}
        """Page texts by source path: compressed (:func:`pack`) while they wait to be read, so the pages rendered here
        and those a worker delivered early do not all wait as text (≈170 MB at 1,000 accounts)."""
        self._packed = packed
        """Whether waiting pages are compressed: not in a server, which holds every page's text in its page store
        anyway and reads each page twice a save (compressing cost ≈2 CPU s a save at 1,000 accounts)."""
        self._order: list[str] = []
        self._placed: set[str] = set()
        self.prepared: dict[str, Any] = {}
        """What the workers' ``prepare`` gave beside each page, by source path (taken by the caller)."""
        self._pending: Iterator[tuple[str, str | bytes, Any]] | None = None
        self._remaining = 0
        self._pool: ProcessPoolExecutor | None = None
        self._released: set[str] = set()

    def expect(self, count: int, results: Iterator[tuple[str, str | bytes, Any]], pool: ProcessPoolExecutor) -> None:
        """``count`` pages that ``results`` will deliver (each takes its place in the order with :meth:`place`)."""
        self._remaining = count
        self._pending = results
        self._pool = pool

    def place(self, src: str) -> None:
        """Put a page that was, or will be, delivered by the workers next in the order of pages."""
        if src not in self._placed:
            self._placed.add(src)
            self._order.append(src)

    def deliver(self, src: str, text: str | bytes, prepared: Any = None, *, asked: bool = False) -> None:
        """A rendered page (and what was prepared beside it), not yet placed in the order of pages: kept compressed
        unless it is the page being ``asked`` for, which is read at once (a page a worker compressed stays so)."""
        self._released.discard(src)
        self._done[src] = text if asked or not self._packed else pack(text)
        if prepared is not None:
            self.prepared[src] = prepared

    def __getitem__(self, src: str) -> str:
        if src in self._released:
            raise KeyError(f"{src}: page text was already handed over with release()")
        while src not in self._done and self._pending is not None:
            key, text, prepared = next(self._pending)
            self.deliver(key, text, prepared, asked=key == src)
            self._remaining -= 1
            if not self._remaining:
                self.close()
        kept = self._done[src]
        return kept if isinstance(kept, str) else unpack(kept)

    def __setitem__(self, src: str, text: str) -> None:
        self.place(src)
        self.deliver(src, text)

    def release(self, src: str) -> str:
        """The page's text, no longer kept here: MkDocs keeps its own copy once it has read a page."""
        return self.release_packed(src)[0]

    def release_packed(self, src: str) -> tuple[str, bytes | None]:
        """:meth:`release`, with the page's text as it was kept compressed (:func:`pack`), if it was."""
        text = self[src]
        kept = self._done.pop(src)
        self._released.add(src)
        return text, kept if isinstance(kept, bytes) else None

    def drop(self, src: str) -> None:
        """Forget a page nobody will read (a carried site's page that is not rebuilt), without unpacking it."""
        if src in self._done:
            del self._done[src]
            self._released.add(src)
        else:  # still with a worker: wait for it, as a reading would
            self.release(src)

    def __delitem__(self, src: str) -> None:
        raise TypeError("generated pages cannot be removed")

    def __contains__(self, src: object) -> bool:
        """Whether ``src`` is one of the pages, not handed over yet: answered without reading (or unpacking) it.

        ``Mapping``'s own test reads the page, which unpacked every kept page of a server's rebuild just to ask
        (0.4 CPU s a save at 1,000 accounts).
        """
        return src in self._placed and src not in self._released and (src in self._done or self._pending is not None)

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


def account_pages(count: int, sources: list[str], render: Render, *, prepare: Prepare | None = None,
                  placed: int | None = None, packed: bool = True) -> Pages:
    """Pages for ``count`` tasks (``sources[i]`` is the page ``render(i)`` gives): rendered here when few, else by
    forked workers, one per core, which also run ``prepare`` on each page's text.

    The first ``placed`` pages (all by default) take their places in the order of pages now;
    the caller places the others (:meth:`Pages.place`). ``packed``: see :class:`Pages`.
    """
    pages = Pages(packed=packed)
    placed = count if placed is None else placed
    jobs = workers(count)
    if jobs < 2:
        for index in range(count):
            src, text = render(index)
            pages.deliver(src, text)
    else:

        def task(index: int) -> tuple[str, str | bytes, Any]:
            # The worker compresses the page (unless a server keeps texts whole): the main process, the build's
            # bottleneck, then neither compresses it nor receives ten times the bytes through the pipe.
            src, text = render(index)
            return src, pack(text) if packed else text, prepare(text) if prepare is not None else None

        pool, results = _forked(count, task, jobs)
        pages.expect(count, results, pool)
    for src in sources[:placed]:
        pages.place(src)
    return pages
