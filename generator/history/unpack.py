"""A revision's accounts folder unpacked into a folder, as committed: for ``accountplan diff`` and ``score --rev``.

The committed tree is read as it is (``git ls-tree`` and the blobs by :func:`.git.read_blobs`), never through
``git archive``, which applies the committed ``.gitattributes``. Nothing unpacked is followed or run: only regular
files are written, a link becomes an inert one, and every name is checked to stay inside the folder.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..publish.atomic import OutsideFolder, target_in
from .git import BLOB_LIMIT, RevisionError, commit_of, git, read_blobs


def has_folder(top: str, relative: str, commit: str) -> bool:
    """Whether ``relative`` exists at ``commit``."""
    listed = git("ls-tree", "--name-only", commit, "--", relative, cwd=top)
    return listed.returncode == 0 and bool(listed.stdout.strip())


def extract(top: str, relative: str, rev: str, dest: str) -> str:
    """Unpack ``relative`` (the accounts folder) at ``rev`` into ``dest``; returns the unpacked folder.

    The committed tree is read as it is (``git ls-tree`` and the blobs by :func:`read_blobs`), never
    through ``git archive``: that applies the committed ``.gitattributes`` (``export-ignore`` leaves a
    file out, ``export-subst`` rewrites it), so a pull request could hide a change from ``diff``.
    Only regular files (modes 100644 and 100755) are written, each at most :data:`BLOB_LIMIT` bytes
    (a larger one is written as the marker of :func:`read_blobs`, which the loader refuses as too
    large). A link in the commit is never recreated as it is: it becomes a dangling link to
    :data:`INERT_LINK`, so the loader reports it (AP003) as it does in the working tree and nothing
    is followed; a submodule is an empty folder (as ``git archive`` and a checkout make it). A name
    with an empty, ``.``, ``..`` or ``.git`` part, or that would land outside ``dest`` or pass
    through a link, is left out. A revision without the folder gives a path that does not exist:
    the loader reports it as an empty portfolio ("no accounts yet").
    """
    commit = commit_of(top, rev)
    target = os.path.join(dest, *relative.split("/"))
    if not has_folder(top, relative, commit):
        return target
    done = git("ls-tree", "-r", "-z", "-l", "--full-name", commit, "--", relative, cwd=top)
    if done.returncode != 0:
        raise RevisionError(f"git ls-tree failed for {rev}: {done.stderr.decode('utf-8', 'replace').strip()}")
    prefix = "" if relative in ("", ".") else relative.rstrip("/") + "/"
    files: list[tuple[str, str, int, str]] = []  # (path, blob, size, mode) of each regular file
    links: list[str] = []
    modules: list[str] = []
    for entry in done.stdout.split(b"\0"):
        meta, tab, name = entry.partition(b"\t")
        fields = meta.split()
        path = os.fsdecode(name)
        if not tab or len(fields) != 4 or not path.startswith(prefix) or not _safe_name(path):
            continue
        mode, kind, blob, size = (f.decode("ascii", "replace") for f in fields)
        if mode in _FILE_MODES and kind == "blob" and size.isdigit():
            files.append((path, blob, int(size), mode))
        elif mode == "120000":
            links.append(path)
        elif mode == "160000":
            modules.append(path)
    os.makedirs(dest, exist_ok=True)
    for batch in _batches(files):
        blobs = read_blobs(top, (blob for _, blob, _, _ in batch))
        for path, blob, _, mode in batch:
            _write(dest, path, blobs.get(blob, b""), 0o755 if mode == "100755" else 0o644)
    for path in modules:
        _place(dest, path, lambda at: os.mkdir(at))
    for path in links:  # last: no file is written through a link made here
        _place(dest, path, lambda at: os.symlink(INERT_LINK, at))
    return target


INERT_LINK = "link-not-followed"
"""Where an unpacked link points: a name that does not exist, so following it finds nothing."""

_FILE_MODES = ("100644", "100755")
"""Tree modes of a regular file."""

_BATCH_BYTES = 64 << 20
"""The most blob bytes :func:`extract` holds at once (one ``read_blobs`` call per batch)."""


def _safe_name(path: str) -> bool:
    """Whether every part of a committed path is a plain name (no empty part, ``.``, ``..`` or ``.git``)."""
    return all(part not in ("", ".", "..") and part.lower() != ".git" and "\0" not in part
               for part in path.split("/"))


def _batches(files: list[tuple[str, str, int, str]]) -> Iterator[list[tuple[str, str, int, str]]]:
    """``files`` in runs of at most :data:`_BATCH_BYTES` (a blob counted at most :data:`BLOB_LIMIT`)."""
    batch: list[tuple[str, str, int, str]] = []
    held = 0
    for entry in files:
        size = min(entry[2], BLOB_LIMIT)
        if batch and held + size > _BATCH_BYTES:
            yield batch
            batch, held = [], 0
        batch.append(entry)
        held += size
    if batch:
        yield batch


def _place(dest: str, path: str, make: Callable[[str], None]) -> bool:
    """Make ``dest/path`` with ``make`` when it lies inside ``dest`` with no link on the way; ``False`` if left out.

    A tree git would refuse to check out (a name twice, a file where a folder is, a name too long) loses
    the entries that cannot be made, as the ``data`` filter of ``tarfile`` left out what it refused.
    """
    parts = path.split("/")
    try:
        at = target_in(dest, path)
    except OutsideFolder:
        return False
    if at != Path(os.path.realpath(dest)).joinpath(*parts):  # a link (or anything odd) on the way
        return False
    try:
        at.parent.mkdir(parents=True, exist_ok=True)
        if at.parent != Path(os.path.realpath(at.parent)):
            return False
        make(str(at))
    except (FileExistsError, NotADirectoryError, IsADirectoryError):
        return False
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.EILSEQ, errno.EINVAL):
            return False
        raise
    return True


def _write(dest: str, path: str, data: bytes, mode: int) -> bool:
    """Write ``data`` as a new regular file ``dest/path`` (see :func:`_place`); never through a link."""

    def make(at: str) -> None:
        handle = os.open(at, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_CLOEXEC", 0), mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)

    return _place(dest, path, make)
