"""When each dossier last changed: the latest git commit touching its folder, else file times.

One ``git log`` call covers every account folder (one call per account would cost a
process per page at portfolio scale). Outside a git repository, or for folders git does
not know, the newest modification time of its visible files is used (hidden ones are skipped,
as the loader skips them).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable

from ..model import keys
from ..model.portfolio import Portfolio
from .git import RevisionError, git

Newest = Callable[[str], float | None]
"""The newest modification time of the visible files under a folder (absolute path), ``None`` when it has none."""


def last_changed(root: str, folders: Iterable[str], *, remember: bool = False,
                 newest: Newest | None = None) -> dict[str, dt.date]:
    """Date of the last change of each folder in ``folders`` (absolute or relative paths).

    ``remember`` (a serving process): directory listings are kept between calls while the
    directory's own stat is unchanged, so a rebuild stats each file but lists no folder again.
    ``newest``: the newest file time of a folder, in place of stat-ing its files (a server passes one
    that keeps it for the folders its watcher saw unchanged: :mod:`generator.incremental.load`).
    """
    wanted = {os.path.abspath(f): f for f in folders}
    found: dict[str, dt.date] = {}
    for path, date in _git_dates(root, list(wanted)).items():
        found[wanted[path]] = date
    listings: dict[str, _Listing] | None = None
    if remember:
        listings = {}
    for absolute, original in wanted.items():
        if original not in found:
            stamp = newest(absolute) if newest is not None else _newest_mtime(absolute, listings)
            if stamp is not None:
                found[original] = dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date()
    if listings is not None:  # only the folders of this call are kept
        _listings.clear()
        _listings.update(listings)
    return found


def by_slug(portfolio: Portfolio, *, remember: bool = False, newest: Newest | None = None) -> dict[str, dt.date]:
    """Date of the last change of each dossier of ``portfolio`` whose folder exists, by slug.

    See :func:`last_changed`; the pipeline reads these while gathering, so rendering reads no files.
    """
    folders = {d.folder: d.slug for d in portfolio.dossiers}
    dates = last_changed(portfolio.root, folders, remember=remember, newest=newest)
    return {folders[f]: date for f, date in dates.items() if os.path.isdir(f)}


def _git_dates(root: str, folders: list[str]) -> dict[str, dt.date]:
    """Latest commit date per folder from one ``git log --name-only`` over ``root``."""
    if not folders or not os.path.isdir(root):
        return {}
    try:
        found = git("rev-parse", "--show-toplevel", cwd=root)
        listed = git("log", "--format=%x00%cs", "--name-only", "--no-renames", "--", ".", cwd=root)
    except (OSError, RevisionError):
        return {}
    if found.returncode or listed.returncode:
        return {}
    top, log = found.stdout.decode("utf-8", "replace").strip(), listed.stdout.decode("utf-8", "replace")
    by_folder = {os.path.relpath(f, top).replace(os.sep, "/") + "/": f for f in folders}
    dates: dict[str, dt.date] = {}
    date: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            try:
                date = dt.date.fromisoformat(line[1:].strip())
            except ValueError:
                date = None
            continue
        if not line or date is None:
            continue
        # Newest commits come first: the first date seen for a folder is its last change.
        parts = line.split("/")
        for depth in range(1, len(parts)):
            folder = by_folder.get("/".join(parts[:depth]) + "/")
            if folder is not None and folder not in dates:
                dates[folder] = date
                break
    return dates


_Listing = tuple[tuple[int, int, int], list[str], list[str]]
"""A directory's stat (mtime, ctime, inode) when listed, its visible files and its visible subdirectories."""

_listings: dict[str, _Listing] = {}
"""Listings kept by the last ``remember`` call, by directory path."""

_now_ns = time.time_ns


def newest_mtime(folder: str) -> float | None:
    """The newest modification time of the visible files under ``folder`` (hidden ones are skipped)."""
    return _newest_mtime(folder)


def _newest_mtime(folder: str, listings: dict[str, _Listing] | None = None) -> float | None:
    """The newest modification time of the files under ``folder``; hidden files and folders are skipped.

    The loader skips names starting with "." (editor swap files, ``.DS_Store``, VCS folders), so
    they are no part of the dossier and saving one does not change it.
    """
    newest: float | None = None
    stack = [folder]
    while stack:
        directory = stack.pop()
        listed = _listed(directory, listings)
        if listed is None:
            continue
        files, subdirectories = listed
        stack += subdirectories
        for path in files:
            try:
                stamp = os.stat(path).st_mtime
            except OSError:
                continue
            if newest is None or stamp > newest:
                newest = stamp
    return newest


def _listed(directory: str, listings: dict[str, _Listing] | None) -> tuple[list[str], list[str]] | None:
    """Visible files and subdirectories of ``directory`` (``None`` when it cannot be read)."""
    if listings is not None:
        try:
            st = os.stat(directory)
        except OSError:
            return None
        signature = (st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        kept = _listings.get(directory)
        if kept is not None and kept[0] == signature:
            listings[directory] = kept
            return kept[1], kept[2]
    files: list[str] = []
    subdirectories: list[str] = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                (subdirectories if is_dir else files).append(entry.path)
    except OSError:
        return None
    # A directory changed within the loader's racy window may change again within its clock tick: not kept.
    if listings is not None and _now_ns() - max(signature[0], signature[1]) >= keys.RACY_NS:
        listings[directory] = (signature, files, subdirectories)
    return files, subdirectories
