"""One load of ``accounts/`` kept folder by folder, so that the next load lists again only the folders that changed.

:func:`generator.load.portfolio.load_portfolio` discovers every file, loads each and groups them
into dossiers. :class:`Scan` does the same steps (:mod:`generator.load.discover`,
:mod:`generator.load.assemble`) but keeps what each account folder gave: its discovery problems,
its files' load results, its dossier and the problems of grouping it. :meth:`Scan.update` then
discovers, loads and groups again only the folders a watcher saw change
(:mod:`.changes`), and :meth:`Scan.portfolio` gives exactly the portfolio — dossiers and
diagnostics in the same order — that a whole load would.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..load.assemble import assemble_dossier, roster_problems
from ..load.discover import discover_folder, discover_root
from ..load.tasks import Result, Task
from ..model.portfolio import Dossier, Portfolio
from . import changes

Load = Callable[[list[Task]], list[Result]]
"""Each task's load result, in task order (the load cache's :func:`generator.incremental.load.load_files`)."""


@dataclass
class _Folder:
    """What one account folder gave a load."""

    path: str
    found: list[Diagnostic]
    """Problems of names met discovering its files."""
    results: list[Result]
    dossier: Dossier | None
    grouped: list[Diagnostic]
    """Its files' load problems and those of grouping them (:func:`generator.load.assemble.assemble_dossier`)."""
    newest: tuple[float | None] | None = None
    """The newest time of its files once asked (:meth:`Scan.newest`); a folder listed again is a new ``_Folder``."""


def _folders(paths: dict[str, str], load: Load) -> dict[str, _Folder]:
    """Discover, load and group the account folders ``paths`` (slug to path)."""
    cwd = os.getcwd()
    discovered = {slug: discover_folder(path, cwd) for slug, path in paths.items()}
    results: dict[str, list[Result]] = {slug: [] for slug in paths}
    for result in load([task for tasks, _ in discovered.values() for task in tasks]):
        results[result[0].slug].append(result)
    folders = {}
    for slug, (_, found) in discovered.items():
        dossier, grouped = assemble_dossier(slug, results[slug])
        folders[slug] = _Folder(paths[slug], found, results[slug], dossier, grouped)
    return folders


@dataclass
class Scan:
    """A load of ``root``, folder by folder."""

    root: str
    order: list[str | Diagnostic]
    """The top of ``root`` in discovery order: account folders (slugs) and the problems of its other entries."""
    roster: list[Result]
    folders: dict[str, _Folder]
    _paths: dict[str, _Folder] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def full(cls, root: str, load: Load) -> Scan:
        """Discover and load everything under ``root``."""
        problems: list[Diagnostic] = []
        order: list[str | Diagnostic] = []
        rosters: list[Task] = []
        paths: dict[str, str] = {}
        for item in discover_root(root, problems, os.getcwd()):
            order += problems[len(order) - len(paths):]  # problems met before this entry (the listing adds them lazily)
            if isinstance(item, Task):
                rosters.append(item)
            else:
                order.append(item.name)
                paths[item.name] = item.path
        order += problems[len(order) - len(paths):]
        return cls(root, order, load(rosters), _folders(paths, load))

    def update(self, changed: Collection[str], load: Load) -> Scan | None:
        """This load with the account folders holding ``changed`` paths discovered and loaded again;
        ``None`` when a path may change more than its folder (:func:`.changes.folders`)."""
        slugs = changes.folders(self.root, changed, self.folders)
        if slugs is None:
            return None
        if not slugs:
            return self
        folders = dict(self.folders)
        folders.update(_folders({slug: self.folders[slug].path for slug in sorted(slugs)}, load))
        return Scan(self.root, self.order, self.roster, folders)

    def newest(self, path: str, compute: Callable[[str], float | None]) -> float | None:
        """``compute(path)``, the newest file time of an account folder, kept with the folder while it is unchanged.

        For a folder of this load (by path) the first answer is kept; a watcher that sees a change in it makes
        :meth:`update` list it again into a new folder record, so a kept time is never older than its files.
        """
        folder = self._by_path().get(path)
        if folder is None:
            return compute(path)
        if folder.newest is None:
            folder.newest = (compute(path),)
        return folder.newest[0]

    def date(self, mtimes: dict[str, int]) -> None:
        """Keep the newest file time of each folder not dated yet from ``mtimes`` (nanoseconds by path, as the load
        stat-ed its files), where those files are all it holds: a folder whose discovery met anything else (an
        unexpected file or folder, a link) or one of whose files was not stat-ed is left to be read when asked."""
        for folder in self.folders.values():
            if folder.newest is not None or folder.found:
                continue
            times = [mtimes.get(task.path) for task, _, _ in folder.results]
            if times and None not in times:
                seconds, nanoseconds = divmod(max(t for t in times if t is not None), 10**9)
                folder.newest = (seconds + nanoseconds * 1e-9,)  # as os.stat makes st_mtime: the same date

    def dates(self) -> dict[str, float]:
        """The newest file time of each folder dated (:meth:`date`), by absolute path."""
        return {path: folder.newest[0] for path, folder in self._by_path().items()
                if folder.newest is not None and folder.newest[0] is not None}

    def _by_path(self) -> dict[str, _Folder]:
        if self._paths is None:
            self._paths = {os.path.abspath(folder.path): folder for folder in self.folders.values()}
        return self._paths

    def portfolio(self) -> Portfolio:
        """The portfolio a whole load gives: dossiers in slug order, diagnostics in the order they are met."""
        diagnostics: list[Diagnostic] = []
        for item in self.order:
            if isinstance(item, str):
                diagnostics += self.folders[item].found
            else:
                diagnostics.append(item)
        roster = None
        for _, doc, problems in self.roster:
            diagnostics += problems
            roster = doc if doc is not None and not doc.partial else roster
        dossiers = []
        for slug in sorted(self.folders):
            folder = self.folders[slug]
            diagnostics += folder.grouped
            if folder.dossier is not None:
                dossiers.append(folder.dossier)
        diagnostics += roster_problems(self.root, roster)
        return Portfolio(self.root, roster, dossiers, diagnostics)
