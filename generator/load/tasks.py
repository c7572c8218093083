"""One file to load: where it is, how diagnostics name it, its kind and its account; and loading it."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic
from ..model import Account, Action, Activity, Contact, Opportunity, Roster, codes
from ..model.document import Document
from .files import error, load_document


@dataclass(frozen=True)
class Task:
    """A file to load: its path, the path diagnostics show, its kind (``account``, ``contact`` …) and slug."""

    path: str
    shown: str
    kind: str
    slug: str


Result = tuple[Task, Document[Any] | None, list[Diagnostic]]
"""A file's load result: its task, its document (``None`` when it could not be loaded) and its problems."""
READ_LIMIT = 2_000_000
"""The most bytes of a file the loader reads: enough to tell one past ``files.MAX_BYTES`` (reported too large)."""
_SAFE_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
"""A link is not followed and a pipe not waited for: discovery saw a regular file, but the tree may change since."""


MODELS: dict[str, tuple[type, bool]] = {
    "roster": (Roster, False),
    "account": (Account, True),
    "contact": (Contact, True),
    "activity": (Activity, True),
    "opportunity": (Opportunity, True),
    "action": (Action, True),
}


def load_task(task: Task) -> Result:
    """Read and parse one file; a file that cannot be read is an AP001 error, never an exception."""
    model, markdown = MODELS[task.kind]
    try:
        raw = read_regular(task.path)
    except OSError as exc:
        return task, None, [error(task.shown, 0, 0, codes.NOT_UTF8, f"cannot read file: {exc.strerror}")]
    doc, diagnostics = load_document(task.shown, raw, model, markdown=markdown, partial=True)
    return task, doc, diagnostics


def read_regular(path: str, limit: int | None = READ_LIMIT) -> bytes:
    """Up to ``limit`` + 1 bytes of the regular file at ``path`` (``None``: its size when opened); ``OSError`` for
    anything else.

    Discovery only hands over regular files, but one may be swapped for a link or a pipe before
    it is read: the link is not followed and the pipe not waited for. Plain ``os`` calls, a fifth
    of the time a file object takes (68,000 files at 1,000 accounts).
    """
    try:
        handle = os.open(path, _SAFE_OPEN)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW's answer for a link
            raise OSError(exc.errno, "a symbolic link, not followed", path) from None
        raise
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode):
            raise OSError(0, "not a regular file", path)
        left = (opened.st_size if limit is None else limit) + 1
        chunks = [os.read(handle, min(left, opened.st_size + 1))]  # the whole file, unless it grew since
        while chunks[-1] and (left := left - len(chunks[-1])) > 0:
            chunks.append(os.read(handle, min(left, 1 << 16)))
    finally:
        os.close(handle)
    return chunks[0] if len(chunks) == 2 and not chunks[1] else b"".join(chunks)
