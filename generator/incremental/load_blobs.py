"""The load cache's blobs as this process last read or wrote them: a pack of cached files per account folder, and the
files' stats in a few blobs of their own (:mod:`.load`).

A long-running process (``mkdocs serve``) loads again after every save: it takes each blob from memory while the
blob's file keeps the stat it had when this process last read or wrote it, and unpickles only the blobs another
process rewrote since. A build loads once and keeps nothing (:func:`keep_between_loads`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .. import usercache
from ..diagnostics import Diagnostic
from ..model.document import Document
from . import file_keys

Signature = file_keys.Signature
T = TypeVar("T")


@dataclass(slots=True)
class Entry:
    """One cached file inside a pack."""

    shown: str
    key: str
    doc: Document[Any] | None
    diagnostics: list[Diagnostic]


opened_packs: dict[str, tuple[Signature, dict[str, Entry]]] = {}
"""Packs this process read or wrote, with the pack file's stat then: a long-running process
(``mkdocs serve``) loads again without unpickling the packs nobody rewrote since.

Unlike a file's stat, a pack's stat needs no racy-time guard: every entry is checked against
its own file's signature and content key on lookup, so entries kept in memory are never
wrong, only possibly fewer than another process has written since (which costs misses)."""


def open_pack(path: str) -> dict[str, Entry]:
    """A pack's entries: from memory while its file is as this process last saw it, else read from disk."""
    return _open(path, opened_packs, _read_pack)


def _open(path: str, memo: dict[str, tuple[Signature, T]], read: Callable[[str], T]) -> T:
    """What ``read(path)`` gives, from ``memo`` while the file keeps the stat it had when this process last read or
    wrote it."""
    signature = file_keys.signature_at(path)
    kept = memo.get(path)
    if kept is not None and signature is not None and kept[0] == signature:
        return kept[1]
    value = read(path)
    _remember(path, value, memo)
    return value


_keeping = {"on": True}
"""Whether this process keeps the blobs it read for its next load (:func:`keep_between_loads`)."""


def keep_between_loads(keep: bool) -> None:
    """Whether this process keeps the packs and stats blobs it read or wrote (:data:`opened_packs`,
    :data:`opened_stats`) for its next load.

    A server loads again after every save, and keeping the packs spares it unpickling them again. A build loads
    once; kept, the packs' entries were held to the build's end for nothing.
    """
    _keeping["on"] = keep
    if not keep:
        opened_packs.clear()
        opened_stats.clear()


def wrote_pack(path: str, entries: dict[str, Entry]) -> None:
    """A pack this process just wrote to ``path``, kept for its next load (:func:`_remember`)."""
    _remember(path, entries, opened_packs)


def wrote_stats(path: str, stats: Stats) -> None:
    """A stats blob this process just wrote to ``path``, kept for its next load (:func:`_remember`)."""
    _remember(path, stats, opened_stats)


def forget_stats() -> None:
    """Let the stats blobs go: a load no other load follows in this process (≈20 MB at 1,000 accounts)."""
    opened_stats.clear()


def _remember(path: str, value: T, memo: dict[str, tuple[Signature, T]]) -> None:
    """Keep ``value`` (read from or written to ``path``) in ``memo`` while the file keeps the stat it has now."""
    signature = file_keys.signature_at(path) if _keeping["on"] else None
    if signature is None:
        memo.pop(path, None)
    else:
        memo[path] = (signature, value)


STATS = "stats"
"""The blobs (``stats.<shard>``) of every cached file's stat and the content key it was seen with, by path."""
STAT_SHARDS = 32
"""The files' stats are spread over this many blobs by account folder: a re-check of one folder reads one."""


def stats_shard(pack: str) -> int:
    """The stats blob of the files of a pack (by the pack's name, a hex digest)."""
    return int(pack[:4], 16) % STAT_SHARDS


Stats = dict[str, tuple[Signature, str]]

opened_stats: dict[str, tuple[Signature, Stats]] = {}
"""The stats blob this process last read or wrote, while its file keeps that stat (as :data:`opened_packs`)."""


def open_stats(path: str) -> Stats:
    """The stats blob's entries (from memory while its file is as this process last saw it); empty when unreadable.

    The caller changes the dict it gets and writes it back: in a process that keeps it (a server), the next
    load starts from those changes either way."""
    return _open(path, opened_stats, _read_stats)


def _read_stats(path: str) -> Stats:
    data = usercache.load(path)
    return data if isinstance(data, dict) else {}


def _read_pack(path: str) -> dict[str, Entry]:
    """A pack's entries; an empty pack when it is missing, unreadable, not sealed with our key or not a pack."""
    data = usercache.load(path)
    if not isinstance(data, dict) or not all(isinstance(e, Entry) for e in data.values()):
        return {}
    return data

