"""What a file watcher saw change under an ``accounts/`` folder, for a serving process's next load.

A rebuild under ``mkdocs serve`` loaded the whole folder again to find the one dossier a save
changed: listing and stat-ing every file (61,000 at N=1000) although the server's watcher
(:mod:`generator.mkdocs_plugin.watch`) had been told by the operating system which files those
were. The watcher records each changed path here (:meth:`Changes.saw`); the next load takes them
(:meth:`Changes.take`) and lists again only the account folders they lie in
(:func:`generator.incremental.load.load_portfolio`).

Correctness comes first: :meth:`Changes.take` gives ``None`` — list everything, as without a
watcher — until the watcher has recorded since before the load it follows, and after anything it
cannot vouch for (:meth:`Changes.lost`: the kernel's event queue overflowed). :func:`folders`
gives ``None`` as well for any path that is not inside an account folder the last load found
and that is still a folder: the roster, a new, renamed or deleted account folder, a file at the
top of ``accounts/``, the folder itself. A ``None`` costs one full listing, never a wrong page.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Collection, Iterable


class Changes:
    """The paths changed under one ``accounts/`` folder since the last load took them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] | None = None
        """``None``: unknown (nothing recorded yet, or events were lost): the next load lists everything."""

    def saw(self, paths: Iterable[str]) -> None:
        """Record changed paths (from the watcher's thread)."""
        with self._lock:
            if self._paths is not None:
                self._paths.update(paths)

    def lost(self) -> None:
        """Events may have been lost: the next load lists everything."""
        with self._lock:
            self._paths = None

    def take(self) -> set[str] | None:
        """The paths recorded since the last call (``None``: unknown), and record afresh from now on.

        Taken before a load starts listing: a change made while it runs stays recorded for the next one.
        """
        with self._lock:
            taken, self._paths = self._paths, set()
            return taken


_watched: dict[str, Changes] = {}
"""Per ``accounts/`` folder (absolute path): the changes its watcher records."""


def watching(root: str) -> Changes:
    """The record of changes under ``root``, kept while a watcher feeds it (until :func:`unwatched`)."""
    return _watched.setdefault(os.path.abspath(root), Changes())


def unwatched(root: str) -> None:
    """No watcher records ``root`` any more: every later load lists everything."""
    _watched.pop(os.path.abspath(root), None)


def lost(root: str) -> None:
    """The changes taken from ``root``'s record were not loaded: its next load lists everything."""
    changes = _watched.get(os.path.abspath(root))
    if changes is not None:
        changes.lost()


LIST_ALL = "ACCOUNTPLAN_SERVE_LIST_ALL"
"""Set (to anything but empty): every load lists everything, for folders whose changes the operating system does not
report to the watcher (a network or shared folder, edits through a hard link from outside, a Windows editor on a WSL
folder). Without it such a change shows only once the watcher reports another change beside it, or at a restart."""


def take(root: str) -> set[str] | None:
    """The paths changed under ``root`` since its last load; ``None`` when unknown (no watcher, events lost, or
    :data:`LIST_ALL` set)."""
    changes = _watched.get(os.path.abspath(root))
    taken = changes.take() if changes is not None else None
    return None if os.environ.get(LIST_ALL) else taken


def folders(root: str, paths: Iterable[str], known: Collection[str]) -> set[str] | None:
    """The account folders (slugs) holding ``paths``; ``None`` when a path may change more than its folder.

    That is a path not inside one of the ``known`` folders (the roster, a file or folder at the top of
    ``accounts/``, ``accounts/`` itself, a path outside it), or a folder that is no longer a folder.
    """
    root = os.path.abspath(root)
    slugs: set[str] = set()
    for path in paths:
        rel = os.path.relpath(os.path.abspath(path), root)
        slug = rel.split(os.sep, 1)[0]
        if slug in (".", "..") or slug not in known:
            return None
        slugs.add(slug)
    for slug in slugs:
        try:
            if not stat.S_ISDIR(os.lstat(os.path.join(root, slug)).st_mode):
                return None
        except OSError:
            return None
    return slugs


def watched(root: str) -> bool:
    """Whether a watcher records the changes under ``root``."""
    return os.path.abspath(root) in _watched
