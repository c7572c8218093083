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


def find(repository: str) -> str | None:
    """The CODEOWNERS file GitHub would use in ``repository``, if any (a regular file, not a link)."""
    for name in LOCATIONS:
        path = os.path.join(repository, name)
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES:
            return path
    return None


def read(path: str) -> list[Line]:
    """The rules of a CODEOWNERS file; comments and blank lines skipped."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        return read_text(handle.read(MAX_BYTES))


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
