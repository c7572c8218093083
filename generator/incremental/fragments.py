"""Fragments of the portfolio-wide pages by content key, kept from one build to the next and carried sealed.

The portfolio, grouping and rule pages hold a line for every account (or every rule); an edit
changes a few of them. Each line is a pure function of what its key names (:mod:`.parts`): the
code and theme, the language, the settings (today included), the audience level, the account's
dossier by content and its findings. A line whose key the previous build used is taken from it;
the page is then put together from kept and new lines by render's own view functions, so every
total, count and order is computed afresh from the lines, as a cold build computes them.

The keys are content keys, the same in every process: a build seals the lines it used in its
page store (``carried-fragments``, :mod:`generator.usercache`); the next build process — a merge
build in CI with the cache folder restored, or a server's first build — reads them back. A blob
that is missing, damaged or not sealed with this user's key is never unpickled: every line is
then made again.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from .. import usercache
from .versions import code_version, versioned

T = TypeVar("T")

BLOB = "carried-fragments"
"""The sealed fragments of a site's last build, in its page store folder."""

last = Counter[str]()
"""How many fragments of each kind the latest build made instead of reusing (for tests and the build log)."""


class Fragments:
    """One site's fragments: those of its previous build, and those the current build used."""

    def __init__(self, store: str) -> None:
        self.store = store
        self.before: dict[str, Any] = versioned(usercache.load(os.path.join(store, BLOB))) or {}
        self.now: dict[str, Any] = {}
        self.sealed = frozenset(self.before)
        """The keys of the blob as read or last written (the same keys hold the same values: content keys)."""

    def start(self) -> None:
        """Begin a build: what the previous build used stays available, the rest is dropped."""
        if self.now:
            self.before = self.now
        self.now = {}
        last.clear()

    def get(self, name: str, key: str, make: Callable[[], T]) -> T:
        """The fragment of kind ``name`` under ``key``: from this build or the previous one, else ``make()``."""
        full = f"{name}|{key}"
        if full in self.now:
            found: T = self.now[full]
            return found
        if full in self.before:
            value: T = self.before[full]
        else:
            value = make()
            last[name] += 1
        self.now[full] = value
        return value

    def save(self) -> None:
        """Seal the fragments this build used for the next build process, unless the blob holds these already."""
        keys = frozenset(self.now)
        if keys and keys != self.sealed:
            usercache.dump(self.store, BLOB, (code_version(), self.now))
            self.sealed = keys


_sites: dict[str, Fragments] = {}
"""This process's fragments, by page store (a server keeps them in memory from one rebuild to the next)."""


def fragments(store: str) -> Fragments:
    """The fragments of the site whose page store is ``store``: read from the sealed blob on a process's first build."""
    found = _sites.get(store)
    if found is None:
        found = _sites[store] = Fragments(store)
    return found


def save_all() -> None:
    """Seal every site's fragments (a build's end, a server's shutdown)."""
    for kept in _sites.values():
        kept.save()


def clear() -> None:
    """Forget the fragments of this process (tests)."""
    _sites.clear()
    last.clear()
