"""One sealed dictionary per cache file, written atomically: the history's own caches on disk.

The files live in the project's folder of the user's cache (:mod:`generator.usercache`), never
in the working tree, and are sealed with the user's key like every other cache: a file that is
missing, damaged or not written by this user is treated as empty and rewritten (nothing in it
is unpickled), never an error.
"""

from __future__ import annotations

import os
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
