"""In-memory memos for ``mkdocs serve --dirty``: per-dossier results kept from one rebuild to the next.

A serving process rebuilds the whole site after every save, yet an edit touches one dossier.
Work that depends only on one dossier (its redacted copy, its scores) is kept here under a
key made of everything it depends on — the content digests of the dossier's files
(:func:`generator.model.keys.dossier_key`) and the build-wide inputs the caller adds — so a
rebuild recomputes only what an edit could change.

Each memo keeps only what the latest build used: an entry unused by one build is dropped,
so memory stays at one build's worth. Memos live for the life of the process and are
only used when the caller passes a cache folder (``gather(cache=...)``): ``mkdocs serve`` and, through
the user's cache, ``mkdocs build`` (:mod:`.carried` seals the rule, redaction and score memos for the next process).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class Memo(Generic[V]):
    """Values by key, computed once and kept while each build keeps using them."""

    def __init__(self) -> None:
        self._previous: dict[Hashable, V] = {}
        self._current: dict[Hashable, V] = {}
        self._parts: dict[str, Memo[Any]] = {}
        self.computed = 0
        """How many values the current build had to compute (for tests)."""

    def start(self) -> None:
        """Begin a build: what the previous build used stays available, the rest is dropped."""
        if self._current:
            self._previous = self._current
        self._current = {}
        self.computed = 0
        for part in self._parts.values():
            part.start()

    def part(self, name: str) -> Memo[Any]:
        """A memo for intermediate results of the same work, started with this one (its own ``computed``)."""
        return self._parts.setdefault(name, Memo())

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value for ``key``: from this build or the previous one, else ``make()``."""
        if key in self._current:
            return self._current[key]
        if key in self._previous:
            value = self._previous[key]
        else:
            value = make()
            self.computed += 1
        self._current[key] = value
        return value

    def replace(self, key: Hashable, value: V) -> None:
        """Keep ``value`` for ``key`` in this build instead of what :meth:`get` gave (a carried value, thawed): what it
        replaces is let go (a redacted copy's carried form, 22 MB at 1,000 accounts, was held to the build's end)."""
        self._current[key] = value
        self._previous.pop(key, None)


_memos: dict[str, Memo[Any]] = {}


def memo(name: str) -> Memo[Any]:
    """The process-wide memo called ``name`` (created empty on first use)."""
    return _memos.setdefault(name, Memo())


def carried(name: str) -> dict[Hashable, Any]:
    """The values the current build of memo ``name`` used, to be carried to the next build process."""
    return dict(memo(name)._current)


def carry_in(name: str, values: dict[Hashable, Any]) -> None:
    """Seed memo ``name`` of a new process with the values a previous build process used (content keys only)."""
    kept = memo(name)
    if not kept._current and not kept._previous:
        kept._previous = dict(values)


def clear() -> None:
    """Forget every memo (tests)."""
    _memos.clear()
