"""The check index: each account folder's check results, re-used while the folder is unchanged.

``accountplan check`` with a cache folder gives exactly what ``validate(load_portfolio(root))``
gives, without loading or checking the account folders that did not change since the last
run. One sealed pickle (:mod:`generator.usercache`) beside the load cache (:mod:`.load`)
holds, per account folder:

- a digest of the folder's *listing*: the name, mode, size, mtime, ctime and inode of every
  visible entry of the folder and of its ``contacts/`` and ``activities/``, as in git's index.
  A folder with an entry modified within :data:`~generator.model.keys.RACY_NS` of the walk is
  not trusted (its digest is not kept), since a second write in the same clock tick could
  keep its stat;
- the folder's loader diagnostics (names, files, YAML, schema, AP201), the per-dossier rules'
  diagnostics, and the :class:`~generator.rules.base.AccountSummary` the cross-account rules read.

The folder results hold under the index's key — the code of loader, model, rules and
settings; the settings with today's date; the accounts path as given and the working folder
(diagnostics show paths relative to it) — and for one roster content: a roster edit checks
every folder again. A re-check walks and stats the tree, reads the index, loads the roster
and the changed folders through the load cache, runs the per-dossier rules on the changed
dossiers, the roster's own checks and the cross-account rules on all summaries.

Like the load cache, the index is an optimisation only: one that cannot be read is rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from .. import usercache
from ..config import Settings
from ..diagnostics import Diagnostic
from ..load.assemble import assemble_dossier, roster_problems
from ..load.discover import discover_folder, discover_root
from ..load.portfolio import load_portfolio
from ..load.tasks import Result, Task
from ..model import Roster, keys
from ..model.document import Document
from ..model.keys import cache_version, sources_digest
from ..model.portfolio import KINDS, gc_paused
from ..rules import account_diagnostics, dossier_diagnostics, finish, roster_diagnostics, validate
from ..rules.base import AccountSummary
from .load import load_files

FORMAT = "2"
"""Bumped when the index layout changes."""


@cache
def code_version() -> str:
    """Hash of the code whose results the index keeps: the load cache's version plus rules and settings."""
    package = Path(__file__).resolve().parent.parent
    return sources_digest(f"{FORMAT}|{cache_version()}", [package / "config" / "__init__.py", Path(__file__).resolve(),
                                                          *sorted((package / "rules").glob("*.py"))])


@dataclass
class _Folder:
    """What the index keeps of one account folder."""

    listing: bytes | None
    """Digest of the folder's listing, or ``None`` when too fresh to trust."""
    loaded: list[Diagnostic]
    """Problems found while discovering and loading its files."""
    found: list[Diagnostic]
    """Per-dossier rules' diagnostics (before severities from settings)."""
    summary: AccountSummary | None
    """For cross-account rules; ``None`` when account.md did not load."""


@dataclass
class _Index:
    key: tuple[str, ...]
    roster: str
    """Digest of the roster the folder results were found with (``""``: no roster loaded)."""
    folders: dict[str, _Folder]


def check(root: str, settings: Settings, cache_dir: str, *, jobs: int | None = None,
          progress: Callable[[int, int], None] | None = None) -> list[Diagnostic]:
    """What ``validate(load_portfolio(root), settings)`` returns, re-using unchanged folders' results."""
    if not os.path.isdir(root):
        return validate(load_portfolio(root), settings)
    cwd = os.getcwd()
    key = (code_version(), repr(replace(settings, accounts="")), os.path.abspath(root), root, cwd)
    where = os.path.join(cache_dir, cache_version())
    index_name = "check-" + keys.name_digest(os.path.abspath(root), 12)
    with gc_paused():
        problems: list[Diagnostic] = []
        rosters: list[Task] = []
        listings: dict[str, tuple[str, bytes | None]] = {}
        for item in discover_root(root, problems, cwd):
            if isinstance(item, Task):
                rosters.append(item)
            else:
                listings[item.name] = (item.path, _listing(item.path))
        old = _read(os.path.join(where, index_name), key)
        roster, roster_loaded = _load_roster(rosters, cache_dir)
        roster_key = roster.digest if roster is not None else ""
        reusable = old.folders if old is not None and old.roster == roster_key else {}
        stale = [slug for slug, (_, listing) in listings.items()
                 if listing is None or slug not in reusable or reusable[slug].listing != listing]
        fresh = _check_folders(root, settings, cache_dir, roster, [(s, listings[s][0]) for s in stale], cwd,
                               jobs, progress)
        folders = {slug: fresh[slug] if slug in fresh else reusable[slug] for slug in listings}
        for slug in fresh:
            folders[slug].listing = listings[slug][1]
        found = [*problems, *roster_loaded, *roster_problems(root, roster)]
        for folder in folders.values():
            found += folder.loaded
        found += roster_diagnostics(root, roster, settings)
        for folder in folders.values():
            found += folder.found
        found += account_diagnostics([f.summary for f in folders.values() if f.summary is not None], settings)
        if fresh or old is None or old.roster != roster_key or len(folders) != len(old.folders):
            usercache.dump(where, index_name, _Index(key, roster_key, folders))  # a failure costs a slower check
        return finish(found, settings)


def _load_roster(tasks: list[Task], cache_dir: str) -> tuple[Document[Roster] | None, list[Diagnostic]]:
    """The roster (there is at most one task) and the problems found loading it."""
    for _, doc, problems in load_files(tasks, cache_dir):
        return doc, problems
    return None, []


def _check_folders(root: str, settings: Settings, cache_dir: str, roster: Document[Roster] | None,
                   stale: list[tuple[str, str]], cwd: str, jobs: int | None,
                   progress: Callable[[int, int], None] | None) -> dict[str, _Folder]:
    """Discover, load (through the load cache) and check the account folders ``stale`` (slug, path)."""
    discovered = {slug: discover_folder(path, cwd) for slug, path in stale}
    tasks = [task for tasks, _ in discovered.values() for task in tasks]
    results: dict[str, list[Result]] = {slug: [] for slug in discovered}
    for result in load_files(tasks, cache_dir, jobs=jobs, progress=progress):
        results[result[0].slug].append(result)
    folders = {}
    for slug, (_, problems) in discovered.items():
        dossier, loaded = assemble_dossier(slug, results[slug])
        if dossier is None:
            folders[slug] = _Folder(None, problems + loaded, [], None)
        else:
            found = dossier_diagnostics(root, roster, dossier, settings)
            folders[slug] = _Folder(None, problems + loaded, found, AccountSummary.of(dossier))
    return folders


def _listing(path: str) -> bytes | None:
    """Digest of everything discovery and loading read from the account folder at ``path``.

    ``None`` when an entry changed within the racy window, or the folder cannot be listed
    (discovery will then report what it finds). Entries are taken in the order the file
    system gives them: a different order only costs one needless re-check. This walk is
    most of a re-check's time (one ``stat`` per file), hence the plain loops.
    """
    rows: list[tuple[str, int, int, int, int, int] | str] = []
    newest = 0
    try:
        with _scandir(path) as listed:
            for entry in listed:
                name = entry.name
                if name.startswith("."):
                    continue
                if name in KINDS and entry.is_dir(follow_symlinks=False):
                    rows.append(name)
                    with _scandir(os.path.join(path, name)) as inner:
                        for item in inner:
                            if not item.name.startswith("."):
                                st = item.stat(follow_symlinks=False)
                                rows.append((item.name, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                                             st.st_ino))
                                newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
                    rows.append("")
                else:
                    st = entry.stat(follow_symlinks=False)
                    rows.append((name, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
                    newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
    except OSError:
        return None
    if time.time_ns() - newest < keys.RACY_NS:
        return None
    # Marshal format 0 has no back-references or interning flags: equal rows give equal bytes in any process.
    return hashlib.blake2b(marshal.dumps(rows, 0), digest_size=16).digest()


_BY_DESCRIPTOR = os.scandir in os.supports_fd and hasattr(os, "O_DIRECTORY")
"""Whether folders can be listed through a descriptor: each entry's ``stat`` is then relative to it (faster)."""


@contextlib.contextmanager
def _scandir(path: str) -> Iterator[Iterator[os.DirEntry[str]]]:
    """``os.scandir`` of ``path``, through a folder descriptor where the platform allows."""
    if not _BY_DESCRIPTOR:
        with os.scandir(path) as listed:
            yield listed
        return
    descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with os.scandir(descriptor) as by_descriptor:
            yield by_descriptor
    finally:
        os.close(descriptor)


def _read(path: str, key: tuple[str, ...]) -> _Index | None:
    """The index at ``path`` when it was written under ``key``; ``None`` when missing, damaged, not ours or stale."""
    index = usercache.load(path)
    if not isinstance(index, _Index) or index.key != key or not isinstance(index.folders, dict):
        return None
    return index

