"""One sealed dictionary per cache file, written atomically: the history's own caches on disk.

A pack that grows a little with every commit (the log, the accounts' results) is kept as a *base* and
what was *added* since (:func:`read_grown`, :func:`write_grown`): a rebuild after one commit writes the
few new entries, not the whole pack again.

The files live in the project's folder of the user's cache (:mod:`generator.usercache`), never
in the working tree, and are sealed with the user's key like every other cache: a file that is
missing, damaged or not written by this user is treated as empty and rewritten (nothing in it
is unpickled), never an error.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from .. import usercache


def read_pack(path: str | None) -> dict[Any, Any]:
    """The dictionary stored at ``path`` (empty when missing, unreadable or not sealed by this user)."""
    if not path or not os.path.exists(path):
        return {}
    loaded = usercache.load(path)
    return loaded if isinstance(loaded, dict) else {}


def write_pack(path: str | None, data: dict[Any, Any]) -> None:
    """Store ``data`` at ``path``, sealed; a folder that cannot be written is skipped."""
    if not path:
        return
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    except OSError:
        return
    usercache.dump(os.path.dirname(path), os.path.basename(path), data)


ADDED = ".added"
"""The suffix of the file that holds what was added to a base pack since it was written."""


def read_grown(path: str | None) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """A grown pack at ``path``: its base and what was added since (empty unless written for this very base)."""
    base = read_pack(path)
    stamp = base.get("stamp")
    added = read_pack(f"{path}{ADDED}") if isinstance(stamp, str) else {}
    if not isinstance(stamp, str) or added.get("base") != stamp or not isinstance(added.get("data"), dict):
        added = {}
    return base, added.get("data", {})


def write_grown(path: str | None, base: dict[Any, Any], added: tuple[dict[Any, Any], int],
                whole: tuple[dict[Any, Any], int]) -> None:
    """Store a grown pack: only ``added`` beside ``base`` (as :func:`read_grown` gave it) while it holds at most a
    tenth as many entries as the base (or :data:`FEW`), else ``whole`` as a new base. Each comes with its number of
    entries; ``whole`` must be what ``base`` and ``added`` together stand for."""
    if not path:
        return
    data, count = added
    size = base.get("size")
    if isinstance(base.get("stamp"), str) and isinstance(size, int) and count <= max(FEW, size // 10):
        write_pack(f"{path}{ADDED}", {"base": base["stamp"], "data": data})
        return
    write_pack(path, {**whole[0], "stamp": secrets.token_hex(8), "size": whole[1]})
    write_pack(f"{path}{ADDED}", {})


FEW = 64
"""Entries an added pack may always hold (a tenth of a small base is too few to be worth a second file)."""
