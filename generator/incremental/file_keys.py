"""Every dossier file's stat and content digest, read by a child process while the load unpickles its packs.

After a checkout (CI) every file has a new stat, so the load cache reads and hashes all of them
(68,000 files at 1,000 accounts, 0.7 s) to find that their content did not change; it also
unpickles a pack per account folder (0.5 s). :class:`Prefetch` has a child process (:mod:`.child`)
stat, read and hash the files on the other core while this process unpickles. A file is stat-ed
before it is read, as the load does, and the answer gives the time before the first stat, against
which the load judges whether a stat is too fresh to trust.

The paths go to the child and the answer comes back in pieces of :data:`CHUNK` files, each far
below the size from which the C library maps memory of its own; the answer is decoded only where
the load asks. Sent and received whole (as JSON, then as packed bytes), the request and the answer
left a merge build's peak at 1,000 accounts 25 MB, then 6 MB, higher. Stats the load cache already
holds are not sent: loading them first to send them cost 12 MB more.

This module is also that child's whole program: it imports only the standard library.
"""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

Signature = tuple[int, int, int, int]
RECORD = struct.Struct("<4qB16s")
"""A file in the answer: its stat signature, what was found (:data:`_MISSING` ...), its digest."""
CHUNK = 1024
"""Files a piece of the request or the answer holds (50 KB of answer)."""
_MISSING, _UNREADABLE, _READ = range(3)
_HEAD = struct.Struct("<q")
_SIGNATURE = struct.Struct("<4q")
_FOUND = _SIGNATURE.size


def digest(raw: bytes) -> str:
    """The content digest the load cache keys a file by (:func:`.load.content_key`)."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def signature(st: os.stat_result) -> Signature:
    """What a rewrite of a file changes: size, modification and change times, inode."""
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def seen(paths: Sequence[str | bytes]) -> tuple[int, list[bytes]]:
    """The time before the first stat, and a :data:`RECORD` of each file, :data:`CHUNK` records a piece."""
    before, records = time.time_ns(), []
    for path in paths:
        try:
            stat = signature(os.stat(path))
        except OSError:
            records.append(RECORD.pack(0, 0, 0, 0, _MISSING, b""))
            continue
        try:
            with open(path, "rb") as handle:
                records.append(RECORD.pack(*stat, _READ, hashlib.blake2b(handle.read(), digest_size=16).digest()))
        except OSError:
            records.append(RECORD.pack(*stat, _UNREADABLE, b""))
    return before, [b"".join(records[i:i + CHUNK]) for i in range(0, len(records), CHUNK)]


class Seen:
    """:func:`seen`'s answer, read a file at a time (a stat made once, straight from the bytes: the load keeps it)."""

    def __init__(self, before: int, pieces: list[bytes]) -> None:
        self.before = before
        """The time before the first stat."""
        self._pieces = pieces

    def _record(self, i: int) -> tuple[bytes, int]:
        return self._pieces[i // CHUNK], (i % CHUNK) * RECORD.size

    def signature(self, i: int) -> Signature | None:
        """File ``i``'s stat signature; ``None``: no such file."""
        piece, at = self._record(i)
        return None if piece[at + _FOUND] == _MISSING else _SIGNATURE.unpack_from(piece, at)

    def digest(self, i: int) -> str | None:
        """File ``i``'s content digest; ``None``: no such file, or not readable."""
        piece, at = self._record(i)
        return piece[at + _FOUND + 1:at + RECORD.size].hex() if piece[at + _FOUND] == _READ else None


class Prefetch:
    """:func:`seen` of ``paths``, made by a child process started now; :meth:`get` waits for it."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self._answer: tuple[int, list[bytes]] | None = None
        self._thread = threading.Thread(target=self._ask, name="accountplan-file-keys", daemon=True)
        self._thread.start()

    def _ask(self) -> None:
        from .child import command  # the parent's side only: the child imports nothing of the package

        try:
            with subprocess.Popen(command(os.path.abspath(__file__)), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL) as process:
                assert process.stdin is not None and process.stdout is not None
                for begin in range(0, len(self.paths), CHUNK):  # the child reads everything before it answers
                    process.stdin.write(os.fsencode("\0".join(self.paths[begin:begin + CHUNK]) + "\0"))
                process.stdin.close()
                head = process.stdout.read(_HEAD.size)
                pieces = [process.stdout.read(CHUNK * RECORD.size) for _ in range(0, len(self.paths), CHUNK)]
                if process.wait() == 0 and len(head) == _HEAD.size and all(pieces) and \
                        sum(map(len, pieces)) == len(self.paths) * RECORD.size:
                    self._answer = _HEAD.unpack(head)[0], pieces
        except Exception:  # no child, or it failed: get() reads the files itself
            self._answer = None

    def get(self) -> Seen:
        """The child's answer, or (without a whole one) :func:`seen` of the paths made in this process."""
        self._thread.join()
        return Seen(*(self._answer or seen(self.paths)))


def main() -> int:
    """The child: NUL-ended paths on standard input; :func:`seen` on standard output."""
    before, pieces = seen(sys.stdin.buffer.read().split(b"\0")[:-1])  # bytes, as the file system names them
    sys.stdout.buffer.write(_HEAD.pack(before))
    for piece in pieces:
        sys.stdout.buffer.write(piece)
    return 0


if __name__ == "__main__":
    sys.exit(main())
