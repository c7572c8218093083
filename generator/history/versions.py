"""Every version of every account folder on the main branch, parsed once per blob.

The first-parent log (:func:`.git.log`) is replayed once: after each commit, each account
folder it touched is a :class:`Version` — its files as blob ids. A folder moved with
``git mv`` (its ``account.md`` detected as renamed) continues the same :class:`Lineage`.

Parsing is keyed by blob id, kind and path: a blob id names its bytes exactly, so a parse
is reused for every version holding the blob and, through the on-disk pack
(:class:`BlobCache`), by every later build. Only the versions a page needs are parsed.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import hashlib
import os
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..load.assemble import assemble_dossier
from ..load.files import load_document, slug_problem
from ..load.patch import patched
from ..load.tasks import Task
from ..model.document import Document
from ..model.keys import cache_version, sources_digest
from ..model.portfolio import ACCOUNT, KINDS, Dossier, gc_paused
from . import git
from .packs import read_grown, read_pack, write_grown, write_pack

Parsed = tuple[Document[Any] | None, list[Diagnostic]]
Key = tuple[str, str, str]
"""``(blob id, kind, path)``: what a parse depends on."""


@dataclass(frozen=True)
class Version:
    """An account folder right after one commit."""

    index: int
    """The commit's position in :attr:`History.commits` (oldest first)."""
    files: dict[str, str]
    """Path within the folder (``account.md``, ``contacts/c-x.md``) to blob id; empty once deleted."""


@dataclass
class Lineage:
    """One account through time, across folder renames."""

    versions: list[Version] = field(default_factory=list)
    days: list[dt.date] = field(default_factory=list)
    """Commit day of each version, for :meth:`at`."""

    def at(self, day: dt.date) -> Version | None:
        """The version in force at the end of ``day`` (``None`` before the account existed or once deleted)."""
        i = bisect.bisect_right(self.days, day) - 1
        if i < 0 or not self.versions[i].files:
            return None
        return self.versions[i]


@functools.lru_cache(maxsize=65536)
def kind_of(sub: str) -> str | None:
    """The model kind of a path within an account folder, ``None`` for what the loader does not read."""
    if sub == ACCOUNT:
        return "account"
    folder, _, name = sub.partition("/")
    stem, ext = os.path.splitext(name)
    if folder in KINDS and ext == ".md" and "/" not in name and slug_problem(stem) is None:
        return KINDS[folder]
    return None


@dataclass
class History:
    """The replayed log of one accounts folder."""

    top: str
    relative: str
    commits: list[git.Commit]
    shallow: bool
    lineages: dict[str, Lineage]
    """By the folder name the account has last (its current slug)."""
    head: str = ""
    """The commit id ``HEAD`` named when the log was read: a build's history is a function of it."""

    @classmethod
    def read(cls, accounts: str, cache: str | None = None) -> History | None:
        """The history of ``accounts`` (``None`` outside a git repository or without git).

        ``cache``: the folder where the log read last is kept (:class:`Reading`).
        """
        return Reading(accounts, cache).history()

    def day(self, version: Version) -> dt.date:
        """The commit day of a version."""
        return self.commits[version.index].day

    @functools.cached_property
    def first_seen(self) -> dict[str, int]:
        """Each blob id by the first commit that wrote it: the order in which versions of a file were written."""
        found: dict[str, int] = {}
        for index, commit in enumerate(self.commits):
            for change in commit.changes:
                if change.blob:
                    found.setdefault(change.blob, index)
        return found


@functools.cache
def _log_version() -> str:
    """Hash of the code that reads and records the log: a kept log written by other code is not read."""
    return sources_digest("log-1", [Path(git.__file__)])


class Reading:
    """The history of an accounts folder being read: ``git log`` starts at once, :meth:`history` waits for it.

    The first-parent log of ``HEAD`` (:func:`.git.log`) is read whole, or only the commits added since the
    last build: the log read last is kept in ``cache`` with the commit ``HEAD`` named then, and when ``HEAD``'s
    first-parent line runs through that commit (:func:`.git.continues`) only ``old..HEAD`` is read and
    appended; anything else (a rewritten history, another folder, a shallow clone, no kept log) reads the
    whole log again. Both give the same list. The kept log grows by the commits read since it was written
    (:func:`.packs.write_grown`): a rebuild after one commit writes that commit, not the whole log again.
    """

    def __init__(self, accounts: str, cache: str | None = None) -> None:
        self._ready: list[git.Commit] | None = None
        self._pending: git.PendingLog | None = None
        self._kept: list[git.Commit] | None = None
        """The kept log with what was added to it, when only the commits after it are read."""
        self._extra: list[git.Commit] = []
        self._base: dict[str, Any] = {}
        self.unread = ""
        """Why the history cannot be read, when it cannot."""
        try:
            self.top, self.relative = git.locate(accounts)
            self.head = git.head(self.top)
            self.shallow = git.is_shallow(self.top)
            self._start(cache)
        except git.RevisionError as exc:
            self.top, self.unread = "", str(exc)

    def _start(self, cache: str | None) -> None:
        top, relative, head = self.top, self.relative, self.head
        self._path = (os.path.join(cache, f"history-log-{_log_version()}.pickle")
                      if cache and head and not self.shallow else None)
        base, added = read_grown(self._path)
        commits, more, added_head = base.get("commits"), added.get("commits"), added.get("head")
        grown = isinstance(more, list) and isinstance(added_head, str)
        extra: list[git.Commit] = more if isinstance(more, list) and grown else []
        old = str(added_head if grown else base.get("head", ""))
        if base.get("where") == (top, relative) and isinstance(commits, list) and git.continues(top, old, head):
            if old == head:
                self._ready = [*commits, *extra]
                return
            self._base, self._kept, self._extra = base, [*commits, *extra], extra
            self._pending = git.PendingLog(top, relative, f"{old}..{head}", check=True)
        else:
            self._pending = git.PendingLog(top, relative, head or "HEAD")

    def history(self) -> History | None:
        """The history read (``None`` outside a git repository or without git)."""
        if not self.top:
            return None
        try:
            commits = self._commits()
        except git.RevisionError:
            return None
        return History(self.top, self.relative, commits, self.shallow, replay(commits), self.head)

    def close(self) -> None:
        """Stop reading: for a build that ends before it asks for :meth:`history`."""
        if self._pending is not None and self._ready is None:
            self._pending.close()
            self._pending = None

    def _commits(self) -> list[git.Commit]:
        if self._ready is not None:
            return self._ready
        if self._pending is None:
            raise git.RevisionError("the history was not read")
        added: list[git.Commit] | None = None  # the commits since the kept base log, when that still holds
        if self._kept is not None:
            try:
                new = self._pending.commits()
                commits, added = [*self._kept, *new], [*self._extra, *new]
            except git.RevisionError:  # git cannot give just those: the whole log
                commits = git.log(self.top, self.relative, self.head)
        else:
            commits = self._pending.commits()
        whole = {"where": (self.top, self.relative), "head": self.head, "commits": commits}
        if added is None:
            write_grown(self._path, {}, ({}, 0), (whole, len(commits)))
        else:
            write_grown(self._path, self._base, ({"head": self.head, "commits": added}, len(added)),
                        (whole, len(commits)))
        self._ready = commits
        return commits


def _split(path: str) -> tuple[str, str] | None:
    slug, _, sub = path.partition("/")
    if not sub or slug_problem(slug) is not None or kind_of(sub) is None:
        return None
    return slug, sub


def replay(commits: list[git.Commit]) -> dict[str, Lineage]:
    """Each account folder's versions, by its latest name, following folder renames."""
    folders: dict[str, dict[str, str]] = {}
    name_of: dict[str, str] = {}  # folder name -> lineage key (the first name it had)
    lineages: dict[str, Lineage] = {}
    latest: dict[str, str] = {}  # lineage key -> latest folder name
    for index, commit in enumerate(commits):
        touched: set[str] = set()
        moved: dict[str, str] = {}
        for change in commit.changes:
            old = _split(change.old) if change.old else None
            new = _split(change.new) if change.new and change.blob else None
            if old:
                folders.get(old[0], {}).pop(old[1], None)
                touched.add(old[0])
            if new:
                folders.setdefault(new[0], {})[new[1]] = change.blob or ""
                touched.add(new[0])
            if old and new and old[0] != new[0] and old[1] == new[1] == ACCOUNT:
                moved[new[0]] = old[0]
        for new_name, old_name in moved.items():
            name_of[new_name] = name_of.get(old_name, old_name)
        day = commit.day
        for name in sorted(touched):
            key = name_of.setdefault(name, name)
            files = dict(folders.get(name, {}))
            if not files and name in moved.values():  # the folder moved on: its new name carries on
                continue
            lineage = lineages.setdefault(key, Lineage())
            lineage.versions.append(Version(index, files))
            lineage.days.append(day)
            if files:
                latest[key] = name
    return {latest[key]: lineage for key, lineage in lineages.items() if key in latest}


def _parse(item: tuple[str, bytes, str]) -> Parsed:
    from ..load.tasks import MODELS

    shown, raw, kind = item
    model, markdown = MODELS[kind]
    return load_document(shown, raw, model, markdown=markdown)


def _read(keys: list[Key], blobs: dict[str, bytes], present: dict[tuple[str, str], tuple[bytes, Document[Any]]]
          ) -> Iterator[tuple[Key, Parsed]]:
    """The parse of each key, ``keys`` sorted by path then by when each version was written.

    A version that differs only in plain values (a support moved, a progress updated) from the version of the
    same file read just before it, or else from the working tree's (``present``: bytes and load by kind and path,
    only of files that loaded without a diagnostic), is loaded from that one (:func:`generator.load.patch.patched`:
    the document a full parse gives); any other is parsed in full. Only a version that loaded without a diagnostic
    is read from, so a version read from one has none either: its diagnostics are the empty list, kept so in the
    pack.
    """
    last: tuple[str, str, bytes, Document[Any]] | None = None  # kind, path, bytes and load of the version before
    for key in keys:
        blob, kind, path = key
        raw = blobs.get(blob, b"")
        if last is None or last[:2] != (kind, path):
            base = present.get((kind, path))
            last = (kind, path, *base) if base is not None else None
        quick = patched(path, last[2], last[3], raw) if last is not None else None
        parsed: Parsed = (quick, []) if quick is not None else _parse((path, raw, kind))
        if parsed[0] is not None and not parsed[1]:
            last = (kind, path, raw, parsed[0])
        yield key, parsed


class BlobCache:
    """Parses by ``(blob id, kind, path)``: in memory, and in one pack on disk between builds."""

    def __init__(self, top: str, folder: str | None) -> None:
        self.top = top
        self.path = os.path.join(folder, f"history-{cache_version()}.pickle") if folder else None
        self.kept: dict[Key, Parsed] = {}
        self.used: set[Key] = set()
        self.fresh = 0
        self.loaded = False

    def _load(self) -> None:
        """Read the pack once, when a parse is first asked for."""
        self.loaded = True
        self.kept = read_pack(self.path)

    def parse(self, keys: Iterable[Key], present: dict[str, Document[Any]] | None = None,
              order: dict[str, int] | None = None, troubled: AbstractSet[str] = frozenset()) -> dict[Key, Parsed]:
        """The parse of every key: kept ones reused, the others read in one ``cat-file`` and parsed.

        ``present`` holds the files of the working tree as the build loaded them, by the key's path:
        a blob with the very bytes of the loaded file (same content digest) takes its document.
        ``order`` gives blob ids in the order they were written (:attr:`History.first_seen`): the versions
        of one file are read in that order, each from the one before when only values changed (:func:`_read`).
        ``troubled``: the paths of ``present`` documents whose loading gave a diagnostic (never read from).
        """
        if not self.loaded:
            self._load()
        wanted = set(keys)
        self.used |= wanted
        todo = sorted(k for k in wanted if k not in self.kept)
        if todo:
            blobs = git.read_blobs(self.top, {k[0] for k in todo})
            known = present or {}
            found: dict[Key, Parsed] = {}
            for k in todo:
                doc = known.get(k[2])
                if doc is not None and doc.digest == hashlib.blake2b(blobs.get(k[0], b""), digest_size=16).hexdigest():
                    found[k] = (doc, [])
            written = order or {}
            rest = sorted((k for k in todo if k not in found), key=lambda k: (k[2], k[1], written.get(k[0], -1), k[0]))
            with gc_paused():
                # In this process: measured no faster in a pool on 2 cores, as blobs are sent to the workers.
                found.update(_read(rest, blobs, {k[1:]: (blobs.get(k[0], b""), v[0]) for k, v in found.items()
                                                 if v[0] is not None and v[0].path not in troubled}))
            self.kept.update(found)
            self.fresh += len(todo)
        return {k: self.kept[k] for k in wanted}

    def save(self) -> None:
        """Write the pack when something new was parsed (only what this build used is kept)."""
        if self.fresh:
            write_pack(self.path, {k: v for k, v in self.kept.items() if k in self.used})


def keys_of(root: str, slug: str, version: Version) -> list[Key]:
    """The parse keys of a version's files, shown under the account's current folder name."""
    return [(blob, kind_of(sub) or "", f"{root}/{slug}/{sub}") for sub, blob in sorted(version.files.items())]


def present_files(root: str, dossiers: Iterable[Dossier]) -> dict[str, Document[Any]]:
    """The loaded documents of the working tree by the path a parse key gives them (see :func:`keys_of`)."""
    found: dict[str, Document[Any]] = {}
    for d in dossiers:
        found[f"{root}/{d.slug}/{ACCOUNT}"] = d.account
        for folder in KINDS:  # each subfolder the loader reads is a list of the dossier's of the same name
            for doc in getattr(d, folder):
                found[f"{root}/{d.slug}/{folder}/{os.path.basename(doc.path)}"] = doc
    return found


def dossier_after(before: Dossier, old: Version, new: Version, root: str, slug: str, parsed: dict[Key, Parsed]
                  ) -> Dossier | None:
    """``new``'s dossier made from ``old``'s (``before``, assembled from the same ``parsed``) by swapping the files
    that changed, or ``None`` when it must be assembled in full (:func:`dossier_of`).

    That is when the folder holds other file names now, or a changed file did not load or loaded partly before
    or after, or changed its ``id``: then which list a file belongs to, or a problem about it, may change.
    Otherwise assembling gives the same lists with the changed files in their places (activities sorted again
    by date), which is what this gives, without a new task and result per file.
    """
    if old.files.keys() != new.files.keys():
        return None
    account, swaps = before.account, {}
    for sub, blob in new.files.items():
        kind = kind_of(sub)
        if kind is None or old.files[sub] == blob:
            continue
        path = f"{root}/{slug}/{sub}"
        was, now = parsed.get((old.files[sub], kind, path)), parsed.get((blob, kind, path))
        a, b = was[0] if was else None, now[0] if now else None
        if a is None or b is None or a.partial or b.partial:
            return None
        if kind == "account":
            account = b
        elif getattr(a.data, "id", None) != getattr(b.data, "id", None):  # an activity has none
            return None
        else:
            swaps[id(a)] = b
    held = before.documents()[1:]  # every file but account.md
    if sum(id(d) in swaps for d in held) != len(swaps):  # a changed file the dossier does not hold where it should
        return None
    activities = [swaps.get(id(d), d) for d in before.activities]
    if any(id(d) in swaps for d in before.activities):
        activities.sort(key=lambda d: (d.data.date, d.path))
    return dataclasses.replace(
        before, account=account, contacts=[swaps.get(id(d), d) for d in before.contacts], activities=activities,
        opportunities=[swaps.get(id(d), d) for d in before.opportunities],
        actions=[swaps.get(id(d), d) for d in before.actions], stems={k: set(v) for k, v in before.stems.items()},
        contact_ids=set(before.contact_ids), partial=list(before.partial))


def dossier_of(slug: str, keys: list[Key], parsed: dict[Key, Parsed]) -> Dossier | None:
    """The dossier of one version from its parsed files (``None`` when its account.md does not load)."""
    results = [(Task(k[2], k[2], k[1], slug), *parsed[k]) for k in keys]
    dossier, _ = assemble_dossier(slug, results)
    return dossier
