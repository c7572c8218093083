"""A content-keyed cache of per-file load results, so that a re-check parses only what changed.

Each file's result (its :class:`Document` and diagnostics) is stored under a key made of
the blake2b hash of the file's bytes, its model kind and
:func:`~generator.model.keys.cache_version` — a hash of the loader's, the schema's and this
module's own source, so that changing the code invalidates every entry. Results are grouped
in one *pack* per account folder (one more for the roster), because opening 60,000 small
files costs more than the parsing it saves. Packs live in the user's cache folder, never in
the working tree, and are sealed pickles (:mod:`generator.usercache`): a pack not sealed with
this user's key is never unpickled.

To avoid reading every file on every run, the cache also remembers each file's
``(size, mtime_ns, ctime_ns, inode)`` beside its content key: a file whose stat is unchanged
is not re-read, as in git's index. A file modified within :data:`~generator.model.keys.RACY_NS`
of being cached is always re-read next time, since a second write in the same clock tick could
keep its stat. ``ctime`` cannot be set back by tools that restore ``mtime``. The stats are kept in
blobs of their own (:data:`STATS`, a few by account folder), not in the packs: after a checkout (CI)
every file has new stats and the same content, and only those blobs are written again, not every
pack (2.2 of a profiled merge build's CPU seconds at 1,000 accounts). A stat is trusted only with the content key it was
seen with, which must be the pack entry's: two processes writing at once can leave a stat and a
pack from different runs, and then the file is read again, never taken for what it was.

The packs and stats blobs as this process last read or wrote them are kept in :mod:`.load_blobs`
(a server's next load takes them from memory); each file's stat and digest are read in
:mod:`.file_keys` (by a child process from :data:`PREFETCH` files on).

The cache is an optimisation only: a pack that cannot be read, authenticated or unpickled
is ignored and rewritten, and a pack that cannot be written is skipped, never an error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from .. import usercache
from ..history.changed import by_slug, newest_mtime
from ..load import portfolio
from ..load.tasks import READ_LIMIT, Result, Task, read_regular
from ..model import keys
from ..model.document import Document
from ..model.keys import cache_version, name_digest
from ..model.portfolio import Portfolio, gc_paused
from . import changes, file_keys
from .load_blobs import STATS, Entry, Stats, forget_stats, open_pack, open_stats, stats_shard, wrote_pack, wrote_stats
from .scan import Scan

Signature = file_keys.Signature
T = TypeVar("T")
PREFETCH = 4096
"""From this many files on, a load has a child process read them (:mod:`.file_keys`): 0.7 s of a merge build's load
at 1,000 accounts (68,000 files) moved to the other core, for the 30 ms a child costs to start."""


def load_portfolio(root: str, cache: str, *, jobs: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Portfolio:
    """:func:`generator.load.portfolio.load_portfolio`, parsing only the files not in the load cache in ``cache``.

    While a watcher records ``root`` (:mod:`.changes`), only the account folders it saw change are
    listed again; the others' files are neither listed nor stat-ed (:class:`.scan.Scan`).
    """
    if not os.path.isdir(root):
        return portfolio.load_portfolio(root)
    where = (os.path.abspath(root), cache)
    changed = changes.take(root)  # before listing: what changes while this load runs stays for the next
    seen: dict[str, int] = {}

    def load(tasks: list[Task]) -> list[Result]:
        return load_files(tasks, cache, jobs=jobs, progress=progress, mtimes=seen)

    try:
        with gc_paused():
            last = _scans.get(where)
            found = last.update(changed, load) if last is not None and changed is not None else None
            if found is None:
                found = Scan.full(root, load)
    except BaseException:
        changes.lost(root)  # the paths taken were not loaded: the next load lists everything
        raise
    found.date(seen)
    if changes.watched(root):
        _scans[where] = found
        _dates.pop(where, None)
    else:
        _scans.pop(where, None)
        _dates[where] = found.dates()
        forget_stats()  # kept only where another load follows (a server)
    return found.portfolio()


def last_changed(loaded: Portfolio, cache: str) -> dict[str, dt.date]:
    """:func:`generator.history.changed.by_slug`, each account folder's newest file time kept while a watcher saw
    no change in it (a save stat-ed every file of every dossier again: 85,000 at N=1000, 0.15 s)."""
    where = (os.path.abspath(loaded.root), cache)
    scan, dates = _scans.get(where), _dates.get(where)
    newest = partial(scan.newest, compute=newest_mtime) if scan is not None else None
    if dates is not None:
        newest = partial(_dated, dates)
    return by_slug(loaded, remember=True, newest=newest)


def _dated(dates: dict[str, float], path: str) -> float | None:
    """The newest file time of the account folder at ``path`` as its load saw it, else read now."""
    found = dates.get(path)
    return found if found is not None else newest_mtime(path)


_scans: dict[tuple[str, str], Scan] = {}
"""The last load of each watched ``accounts/`` folder (with its cache folder), for the next one to update."""
_dates: dict[tuple[str, str], dict[str, float]] = {}
"""The newest file time of each account folder (absolute path) as the last load of an ``accounts/`` folder not
watched saw it (:meth:`.scan.Scan.date`), for :func:`last_changed`: the load cache had stat-ed every file
(0.3 s at 1,000 accounts when stat-ed again, 2.8 s at 10,000)."""


def load_files(tasks: list[Task], cache: str, *, jobs: int | None = None,
               progress: Callable[[int, int], None] | None = None,
               mtimes: dict[str, int] | None = None) -> list[Result]:
    """The load result of each task, in task order: from the cache in ``cache`` where the file is unchanged,
    else parsed (:func:`generator.load.portfolio.parse_files`) and stored. ``mtimes`` gets the modification time
    (nanoseconds) of each file the lookup stat-ed."""
    store = LoadCache(cache)
    cached, todo = store.lookup(tasks)
    if mtimes is not None:
        mtimes.update(store.mtimes)
    fresh = list(portfolio.parse_files(todo, jobs, progress, len(cached), len(tasks)))
    store.store(fresh)
    order = {task.path: i for i, task in enumerate(tasks)}
    return sorted(cached + fresh, key=lambda r: order[r[0].path])


def content_key(raw: bytes, kind: str) -> str:
    """The cache key of a file: its bytes, the model kind and the code version."""
    return _digest_key(keys.content_digest(raw), kind)


def _digest_key(digest: str, kind: str) -> str:
    """:func:`content_key` from the file's content digest, as a loaded :attr:`Document.digest` holds it."""
    return hashlib.blake2b(f"{digest}|{kind}|{cache_version()}".encode(), digest_size=16).hexdigest()


@dataclass
class _Pending:
    """A file that must be parsed, with what is needed to cache its result afterwards."""

    task: Task
    signature: Signature | None
    key: str | None
    """``""`` when the file could not be read; ``None`` when not read yet (taken from the parse's result)."""


class LoadCache:
    """The cache for one ``accounts/`` root, used as ``lookup`` then ``store``."""

    def __init__(self, directory: str) -> None:
        self.directory = os.path.join(directory, cache_version())
        self._packs: dict[str, dict[str, Entry]] = {}
        self._pending: dict[str, _Pending] = {}
        self._dirty: set[str] = set()
        self._names: dict[str, str] = {}
        self._stats: dict[int, Stats] = {}
        """The stats blobs read, by shard (:func:`_shard`)."""
        self._stats_changed: set[int] = set()
        self._looked: set[str] = set()
        """Every file this load looked up."""
        self.mtimes: dict[str, int] = {}
        """The modification time (nanoseconds) of every file looked up whose stat was taken."""

    def lookup(self, tasks: Iterable[Task]) -> tuple[list[Result], list[Task]]:
        """Split ``tasks`` into cached results and the tasks that must be parsed.

        With :data:`PREFETCH` files or more, a child process stats, reads and hashes them all while this process
        unpickles the packs (:mod:`.file_keys`); fewer (a server's save) are stat-ed, and read where needed, here.
        """
        tasks = list(tasks)
        if len(tasks) < PREFETCH:
            return self._split(tasks, lambda i: file_keys.signature_at(tasks[i].path), lambda i: _digest(tasks[i].path),
                               None)
        prefetch = file_keys.Prefetch([task.path for task in tasks])
        for task in tasks:
            self._pack(self._name(task))
        found = prefetch.get()
        return self._split(tasks, found.signature, found.digest, found.before)

    def _split(self, tasks: list[Task], signature_of: Callable[[int], Signature | None],
               digest_of: Callable[[int], str | None], before: int | None) -> tuple[list[Result], list[Task]]:
        """:meth:`lookup`, given each file's stat signature and content digest (``None``: not readable) by its
        index, the stats taken at ``before`` or later (``None``: at the time they are asked for)."""
        hits: list[Result] = []
        misses: list[Task] = []
        for i, task in enumerate(tasks):
            self._looked.add(task.path)
            name = self._name(task)
            pack, stats = self._pack(name), self._stats_of(name)
            entry = pack.get(task.path)
            signature = signature_of(i)
            if signature:
                self.mtimes[task.path] = signature[1]
            if entry is None or entry.shown != task.shown:
                # No content to compare with: the parse reads and hashes the file anyway, store() keys it then.
                self._pending[task.path] = _Pending(task, _trusted(signature, before), None)
                misses.append(task)
                continue
            if signature and stats.get(task.path) == (signature, entry.key):
                hits.append((task, entry.doc, entry.diagnostics))
                continue
            digest = digest_of(i)
            key = _digest_key(digest, task.kind) if digest is not None else ""
            if digest is not None and entry.key == key:
                self._stat(name, task.path, _trusted(signature, before), key)
                hits.append((task, entry.doc, entry.diagnostics))
                continue
            self._pending[task.path] = _Pending(task, _trusted(signature, before), key)
            misses.append(task)
        return hits, misses

    def store(self, results: Iterable[Result]) -> None:
        """Remember freshly parsed results and write every pack that changed; never raises."""
        for task, doc, diagnostics in results:
            pending = self._pending.pop(task.path, None)
            if pending is None:
                continue
            # The parse read the file again: its document says what it read, which may no longer be what the
            # lookup read (an editor saving meanwhile); then the stat seen at the lookup is not this content's.
            key = _parsed_key(task, doc) if doc is not None or pending.key is None else pending.key
            if not key:
                continue
            name = self._name(task)
            self._packs[name][task.path] = Entry(task.shown, key, doc, diagnostics)
            self._stat(name, task.path, pending.signature if pending.key in (None, key) else None, key)
            self._dirty.add(name)
        for name in sorted(self._dirty):
            self._write(name)
        self._dirty.clear()
        for shard in sorted(self._stats_changed):
            stats, name = self._stats[shard], f"{STATS}.{shard:02d}"
            for gone in [path for path in stats if path not in self._looked and os.path.dirname(path) in self._names]:
                del stats[gone]  # a file of a folder this load listed, no longer there
            usercache.dump(self.directory, name, stats)
            wrote_stats(os.path.join(self.directory, name), stats)
        self._stats_changed.clear()
        self._prune_versions()

    def _stats_of(self, pack: str) -> Stats:
        """The stats blob holding the stats of a pack's files (read once per load)."""
        shard = stats_shard(pack)
        found = self._stats.get(shard)
        if found is None:
            found = self._stats[shard] = open_stats(os.path.join(self.directory, f"{STATS}.{shard:02d}"))
        return found

    def _stat(self, pack: str, path: str, signature: Signature | None, key: str) -> None:
        """Remember the stat of ``path`` (in ``pack``) with the content key it was seen with (``None``: too fresh)."""
        stats, now = self._stats_of(pack), (signature, key) if signature is not None else None
        if stats.get(path) != now:
            if now is None:
                stats.pop(path, None)
            else:
                stats[path] = now
            self._stats_changed.add(stats_shard(pack))

    def _name(self, task: Task) -> str:
        """The pack of a file: one per account folder, one for the roster; memoized per folder."""
        parent = os.path.dirname(task.path)
        name = self._names.get(parent)
        if name is None:
            folder = os.path.abspath(parent) if not task.slug else _account_folder(task.path)
            name = self._names[parent] = name_digest(folder, 12)
        return name

    def _pack(self, name: str) -> dict[str, Entry]:
        """The pack named ``name`` (:meth:`_name`), read once per load."""
        pack = self._packs.get(name)
        if pack is None:
            pack = self._packs[name] = open_pack(os.path.join(self.directory, name + ".pack"))
        return pack

    def _write(self, name: str) -> None:
        # Entries of files that are gone drop out: only this run's files are in the pack.
        usercache.dump(self.directory, name + ".pack", self._packs[name])
        wrote_pack(os.path.join(self.directory, name + ".pack"), self._packs[name])

    def _prune_versions(self) -> None:
        """Delete packs written by other versions of the code; they can never hit again."""
        parent = os.path.dirname(self.directory)
        mine = os.path.basename(self.directory)
        with contextlib.suppress(OSError):
            for old in os.scandir(parent):
                if old.is_dir() and old.name != mine and len(old.name) == len(mine):
                    shutil.rmtree(old.path, ignore_errors=True)


def _parsed_key(task: Task, doc: Document[Any] | None) -> str:
    """The key of the content a parse read: from its document's digest, or (no document) by reading the file."""
    if doc is not None:
        return _digest_key(doc.digest, task.kind)
    raw = _read(task.path)
    return content_key(raw, task.kind) if raw is not None else ""


_SUBFOLDERS = ("contacts", "activities", "opportunities", "actions")


def _account_folder(path: str) -> str:
    """``accounts/<slug>`` for any file inside an account folder."""
    parent = os.path.dirname(os.path.abspath(path))
    return os.path.dirname(parent) if os.path.basename(parent) in _SUBFOLDERS else parent


def _digest(path: str) -> str | None:
    """The content digest of the file at ``path``; ``None`` when it cannot be read."""
    raw = _read(path)
    return None if raw is None else keys.content_digest(raw)


def _trusted(signature: Signature | None, taken: int | None = None) -> Signature | None:
    """The signature to remember, or ``None`` when the file is too fresh to trust its stat: modified within
    :data:`~generator.model.keys.RACY_NS` before the stat was taken (``taken``; ``None``: now)."""
    now = time.time_ns() if taken is None else taken
    if signature is None or now - max(signature[1], signature[2]) < keys.RACY_NS:
        return None
    return signature


def _read(path: str) -> bytes | None:
    """The bytes of the file at ``path``; ``None`` when it cannot be read or is larger than the loader reads (it is
    parsed then, and reported too large)."""
    try:
        raw = read_regular(path)
    except OSError:
        return None
    return raw if len(raw) <= READ_LIMIT else None
