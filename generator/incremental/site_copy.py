"""Copy a carried site's files into a build folder, each checked against the manifest's hash.

A merge build restores the previous site (about 1,500 files at 1,000 accounts) while it loads
and gathers. Copied by a thread, the copy took 2 s instead of 0.6 s and slowed the load by
0.8 s; :func:`copy_in_child` makes it in a child process (:mod:`.child`) and takes the stat of
every file written back. This module is also that child's whole program: it imports only the
standard library.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable

StatKey = tuple[int, ...]


def file_hash(data: bytes, person: bytes = b"") -> bytes:
    """A file's hash; ``person`` keeps hashes of different kinds of input apart (a page's key, a file's bytes)."""
    return hashlib.blake2b(data, digest_size=20, person=person).digest()


def stat_key(st: os.stat_result) -> StatKey:
    """What changes when a file is written: size, inode, modification and change times."""
    return (st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


def copy_files(tree: str, site_dir: str, files: Iterable[tuple[str, bytes]], *, oldest: bool) -> dict[str, StatKey]:
    """Copy each ``(relative, digest)`` of ``files`` from ``tree`` into ``site_dir``; the stat of each file written.

    ``relative`` must already be checked to stay inside both folders (:func:`.site_manifest.relative_path`).
    Raises ``ValueError`` for a file that is not the one its digest names, ``OSError`` for one that cannot be
    read or written. ``oldest``: date every file written at the epoch (a server's restore).
    """
    made: set[str] = set()
    written: dict[str, StatKey] = {}
    for relative, digest in files:
        data = _read_regular(os.path.join(tree, relative))
        if file_hash(data) != digest:
            raise ValueError(relative)  # not the file the manifest names
        out = os.path.join(site_dir, relative)  # a fresh folder of this build's own
        if (parent := os.path.dirname(out)) not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(out, "wb") as handle:
            handle.write(data)
        if oldest:
            os.utime(out, ns=(0, 0))
        written[relative] = stat_key(os.stat(out))
    return written


def _read_regular(path: str) -> bytes:
    """The bytes of the regular file at ``path``: a link is not followed and a pipe not waited for (``OSError``),
    and a file read is as large as its stat said (``ValueError``), so a planted pipe or ``/dev/zero`` fails the copy
    at once."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode):
            raise ValueError(path)
        data = os.read(handle, opened.st_size + 1)
    finally:
        os.close(handle)
    if len(data) != opened.st_size:
        raise ValueError(path)
    return data


def copy_in_child(tree: str, site_dir: str, files: list[tuple[str, bytes]], *, oldest: bool) -> dict[str, StatKey]:
    """:func:`copy_files` in a child process; in this one where no child can be started. Raises what
    :func:`copy_files` raises where it runs here, and :class:`.child.ChildFailed` where the child fails."""
    from .child import run  # the parent's side only: the child imports nothing of the package

    request = {"tree": tree, "site": site_dir, "oldest": oldest,
               "files": [[relative, digest.hex()] for relative, digest in files]}
    try:
        written = json.loads(run(os.path.abspath(__file__), json.dumps(request).encode()))
    except OSError:  # no interpreter to start (an embedded one): the copy is made here
        return copy_files(tree, site_dir, files, oldest=oldest)
    return {relative: tuple(stat) for relative, stat in written.items()}


def main() -> int:
    """The child: a request (JSON, the one frame :func:`.child.run` sends; not read to the end of the input) on
    standard input; the stats (JSON) on standard output, exit status 0."""
    size = int.from_bytes(sys.stdin.buffer.read(8), "little")
    request = json.loads(sys.stdin.buffer.read(size))
    files = [(relative, bytes.fromhex(digest)) for relative, digest in request["files"]]
    try:
        written = copy_files(request["tree"], request["site"], files, oldest=request["oldest"])
    except (OSError, ValueError) as failure:
        print(f"{type(failure).__name__}: {failure}", file=sys.stderr)
        return 1
    sys.stdout.write(json.dumps(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
