"""The repository's CODEOWNERS file: which account folders have reviewers of their own.

GitHub reads ``.github/CODEOWNERS``, ``CODEOWNERS`` or ``docs/CODEOWNERS`` (first found) at
the repository's root; the last line whose pattern matches a path decides its owners. An
account folder is *covered* when that line is one written for the accounts folder (its pattern
starts with ``accounts/``) and names owners: a catch-all such as ``*`` does not count, since it
asks the maintainers rather than the account team.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache

from .tasks import read_regular

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
"""Where GitHub looks, in its order."""

OWNER = re.compile(r"@[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*"
                   r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
"""An owner GitHub and GitLab accept: ``@user``, ``@org/team`` (GitLab: ``@group/subgroup``) or an e-mail address."""


def is_owner(text: str) -> bool:
    """Whether ``text`` is one owner handle (:data:`OWNER`): nothing else can reach a CODEOWNERS line we write."""
    return OWNER.fullmatch(text) is not None


MAX_BYTES = 3 * 1024 * 1024
"""GitHub ignores a larger CODEOWNERS file; so does this module (the working tree is not trusted)."""


@dataclass(frozen=True)
class Line:
    """One rule of the file: its pattern, owners and 1-based line number."""

    pattern: str
    owners: tuple[str, ...]
    number: int


class Refused(Exception):
    """A CODEOWNERS location that is there but cannot be used safely: ``where`` (relative) and ``why``."""

    def __init__(self, name: str, where: str, why: str) -> None:
        super().__init__(f"{where}: {why}")
        self.name, self.where, self.why = name, where, why


@dataclass(frozen=True)
class Found:
    """The CODEOWNERS file GitHub would use, read: its name relative to the repository, path, bytes and rules."""

    name: str
    path: str
    data: bytes
    lines: tuple[Line, ...]


def _present(repository: str, name: str) -> tuple[str, str] | None:
    """Whether the location ``name`` is there: ``None`` if not, else ``(where, why)`` it is refused (``why`` empty
    when it is a regular file reached through real folders only).

    Each part of the way is ``lstat``-ed, so a link is seen and never followed: the working tree comes from pull
    requests, and a linked ``.github`` or ``docs`` folder, or a linked file, could lead outside the repository.
    GitHub does not follow such links either.
    """
    parts = name.split("/")
    for end in range(1, len(parts) + 1):
        where = "/".join(parts[:end])
        try:
            info = os.lstat(os.path.join(repository, *parts[:end]))
        except OSError:
            return None
        if stat.S_ISLNK(info.st_mode):
            return where, "a symbolic link, not followed"
        if end < len(parts) and not stat.S_ISDIR(info.st_mode):
            return None  # a file named .github or docs: nothing inside it
    if not stat.S_ISREG(info.st_mode):
        return name, "not a regular file"
    return name, ""


def load(repository: str, *, strict: bool = False) -> Found | None:
    """The CODEOWNERS file GitHub would use in ``repository``, read; ``None`` if there is none.

    A location that is there but refused (a link on the way, not a regular file, larger than GitHub reads, or
    unreadable) counts as absent, so the next one is tried; with ``strict`` it raises :class:`Refused` instead,
    for a writer that must not add the line to another file. Read with :func:`read_regular`: no link followed,
    no pipe waited on, at most :data:`MAX_BYTES`.
    """
    for name in LOCATIONS:
        present = _present(repository, name)
        if present is None:
            continue
        where, why = present
        path = os.path.join(repository, *name.split("/"))
        if not why:
            try:
                data = read_regular(path, MAX_BYTES)
            except OSError as exc:
                why = exc.strerror or str(exc)
            else:
                if len(data) <= MAX_BYTES:
                    return Found(name, path, data, tuple(read_text(data.decode("utf-8", errors="replace"))))
                why = "larger than GitHub reads (3 MB)"
        if strict:
            raise Refused(name, where, why)
    return None


def find(repository: str) -> str | None:
    """The path of the CODEOWNERS file GitHub would use in ``repository``, if any (see :func:`load`)."""
    found = load(repository)
    return found.path if found else None


def read(path: str) -> list[Line]:
    """The rules of a CODEOWNERS file; comments and blank lines skipped. ``OSError`` for a link, a pipe or any
    other file that is not regular; at most :data:`MAX_BYTES` are read."""
    return read_text(read_regular(path, MAX_BYTES)[:MAX_BYTES].decode("utf-8", errors="replace"))


def read_text(text: str) -> list[Line]:
    """The rules of CODEOWNERS ``text``."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split("#", 1)[0].split() if not raw.lstrip().startswith("#") else []
        if words:
            lines.append(Line(words[0], tuple(words[1:]), number))
    return lines


@lru_cache(maxsize=1024)  # one CODEOWNERS file's patterns, matched against every account folder
def _regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-style pattern as a regular expression over a path relative to the repository."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    parts = []
    for piece in re.split(r"(\*\*/?|\*|\?)", body):
        if piece in ("**", "**/"):
            parts.append(".*")
        elif piece == "*":
            parts.append("[^/]*")
        elif piece == "?":
            parts.append("[^/]")
        else:
            parts.append(re.escape(piece))
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"{prefix}{''.join(parts)}(?:/.*)?")


def owner_line(lines: list[Line], path: str) -> Line | None:
    """The last line matching ``path`` (relative to the repository, ``/``-separated): the one GitHub applies."""
    return next((line for line in reversed(lines) if _regex(line.pattern).fullmatch(path)), None)


def covers(lines: list[Line], folder: str) -> bool:
    """Whether the account folder ``folder`` (e.g. ``accounts/acme``) has owners of its own."""
    line = owner_line(lines, f"{folder}/account.md")
    accounts = folder.rsplit("/", 1)[0]
    return line is not None and bool(line.owners) and line.pattern.lstrip("/").startswith(f"{accounts}/")


def with_folder(text: str, folder: str, owners: tuple[str, ...]) -> str:
    """CODEOWNERS ``text`` with a line for ``folder``, after the other account folders' lines (or at the end)."""
    lines = text.splitlines()
    accounts = folder.rsplit("/", 1)[0]
    last = max((i for i, raw in enumerate(lines) if raw.lstrip("/").startswith(f"{accounts}/")), default=len(lines) - 1)
    if any(not o or o.startswith("#") or any(c.isspace() for c in o) for o in owners):
        raise ValueError(f"not CODEOWNERS owners: {owners!r}")  # the CLI checks first (is_owner); never a stray line
    entry = f"/{folder}/".ljust(32) + " ".join(owners)
    return "\n".join([*lines[:last + 1], entry, *lines[last + 1:]]) + "\n"


def repository_of(accounts: str) -> str:
    """The repository holding the accounts folder: the nearest folder above it with ``.git``, else its parent."""
    folder = os.path.dirname(os.path.abspath(accounts))
    here = folder
    while True:
        if os.path.lexists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return folder
        here = parent


def folder_of(repository: str, account_folder: str) -> str:
    """An account folder as CODEOWNERS names it: relative to the repository, ``/``-separated."""
    return os.path.relpath(os.path.abspath(account_folder), repository).replace(os.sep, "/")
