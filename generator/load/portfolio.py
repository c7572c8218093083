"""Gather every file under ``accounts/`` into a :class:`~generator.model.portfolio.Portfolio`, with all problems found.

Discovery (:mod:`.discover`), loading each file (:mod:`.tasks`, in a process pool when there are many), then
grouping into dossiers (:mod:`.assemble`). :mod:`generator.incremental.load` loads through its cache instead.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator

from ..model import codes
from ..model.portfolio import Portfolio, gc_paused
from ..termination import ignored_in_workers
from .assemble import assemble
from .discover import discover, display
from .files import error
from .tasks import Result, Task, load_task

PARALLEL_THRESHOLD = 600
"""Below this many files a process pool costs more than it saves."""
CHUNKSIZE = 512
"""Most files per message to and from a pool worker (measured best of 64–2048 at N=100 and N=1000 on 2 cores)."""


Loader = Callable[[list[Task], int | None, Callable[[int, int], None] | None], list[Result]]
"""How the files are loaded: ``(tasks, jobs, progress)`` to each task's result, in task order."""


def load_files(tasks: list[Task], jobs: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> list[Result]:
    """The load result of each task, in task order."""
    return list(parse_files(tasks, jobs, progress, 0, len(tasks)))


def load_portfolio(root: str, *, jobs: int | None = None,
                   progress: Callable[[int, int], None] | None = None, load: Loader = load_files) -> Portfolio:
    """Load and schema-check every file under ``root``; never raises for bad data.

    ``progress(done, total)`` is called as files load; ``load`` loads them (the incremental
    package passes one that reads unchanged files from its cache).
    """
    if not os.path.isdir(root):
        diag = (error(display(root), 0, 0, codes.FRONTMATTER_MISSING, "the accounts folder is not a folder",
                      "set 'accounts' in mkdocs.yml to the folder of account folders, or pass its path")
                if os.path.lexists(root) else
                error(display(root), 0, 0, codes.FRONTMATTER_MISSING,
                      "accounts folder not found", "create it or pass its path"))
        return Portfolio(root, None, [], [diag])
    with gc_paused():
        tasks, diagnostics = discover(root)
        return assemble(root, load(tasks, jobs, progress), diagnostics)


def parse_files(tasks: list[Task], jobs: int | None, progress: Callable[[int, int], None] | None,
                done: int, total: int) -> Iterator[Result]:
    """Load ``tasks`` in a process pool when there are enough of them, reporting progress (``done`` of ``total``
    were loaded already)."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(tasks) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor  # only here: a re-check rarely needs it

        # The collector is paused in workers too: they only build objects and send them back.
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_start) as pool:
            loaded: Iterator[Result] = pool.map(
                load_task, tasks, chunksize=max(16, min(CHUNKSIZE, len(tasks) // (4 * workers))))
            yield from _counted(loaded, progress, done, total)
    else:
        yield from _counted(map(load_task, tasks), progress, done, total)


def _worker_start() -> None:
    """A loading worker: the collector paused, signals left to the parent (:func:`.termination.ignored_in_workers`)."""
    gc.disable()
    ignored_in_workers()


def _counted(results: Iterator[Result], progress: Callable[[int, int], None] | None, done: int,
             total: int) -> Iterator[Result]:
    if progress and done:
        progress(done, total)
    for result in results:
        done += 1
        if progress and (done % 200 == 0 or done == total):
            progress(done, total)
        yield result
