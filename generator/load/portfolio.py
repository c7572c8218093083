"""Gather every file under ``accounts/`` into a :class:`~generator.model.portfolio.Portfolio`, with all problems found.

Discovery (:mod:`.discover`), loading each file (:mod:`.tasks`, in a process pool when there are many, through
the content-keyed :mod:`.cache`), then grouping into dossiers (:mod:`.assemble`).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator

from ..model import codes
from ..model.portfolio import Portfolio, gc_paused
from .assemble import assemble
from .cache import LoadCache
from .discover import discover, display
from .files import error
from .tasks import Result, Task, load_task

PARALLEL_THRESHOLD = 600
"""Below this many files a process pool costs more than it saves."""
CHUNKSIZE = 512
"""Most files per message to and from a pool worker (measured best of 64–2048 at N=100 and N=1000 on 2 cores)."""


def load_portfolio(root: str, *, jobs: int | None = None,
                   progress: Callable[[int, int], None] | None = None, cache: str | None = None) -> Portfolio:
    """Load and schema-check every file under ``root``; never raises for bad data.

    ``cache`` is a folder for the content-keyed load cache (:mod:`.cache`); only files
    whose bytes changed are parsed again. ``progress(done, total)`` is called as files load.
    """
    if not os.path.isdir(root):
        diag = error(display(root), 0, 0, codes.FRONTMATTER_MISSING,
                     "accounts folder not found", "create it or pass its path")
        return Portfolio(root, None, [], [diag])
    with gc_paused():
        tasks, diagnostics = discover(root)
        return assemble(root, load_files(tasks, jobs=jobs, progress=progress, cache=cache), diagnostics)


def load_files(tasks: list[Task], *, jobs: int | None = None, progress: Callable[[int, int], None] | None = None,
               cache: str | None = None) -> list[Result]:
    """The load result of each task, in task order: from the cache where the file is unchanged, else parsed."""
    store = LoadCache(cache) if cache else None
    cached, todo = store.lookup(tasks) if store else ([], tasks)
    fresh = list(_parse(todo, jobs, progress, len(cached), len(tasks)))
    if store:
        store.store(fresh)
    order = {task.path: i for i, task in enumerate(tasks)}
    return sorted(cached + fresh, key=lambda r: order[r[0].path])


def _parse(tasks: list[Task], jobs: int | None, progress: Callable[[int, int], None] | None,
           done: int, total: int) -> Iterator[Result]:
    """Load ``tasks`` in a process pool when there are enough of them, reporting progress."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(tasks) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor  # only here: a re-check rarely needs it

        # The collector is paused in workers too: they only build objects and send them back.
        with ProcessPoolExecutor(max_workers=workers, initializer=gc.disable) as pool:
            loaded: Iterator[Result] = pool.map(
                load_task, tasks, chunksize=max(16, min(CHUNKSIZE, len(tasks) // (4 * workers))))
            yield from _counted(loaded, progress, done, total)
    else:
        yield from _counted(map(load_task, tasks), progress, done, total)


def _counted(results: Iterator[Result], progress: Callable[[int, int], None] | None, done: int,
             total: int) -> Iterator[Result]:
    if progress and done:
        progress(done, total)
    for result in results:
        done += 1
        if progress and (done % 200 == 0 or done == total):
            progress(done, total)
        yield result
