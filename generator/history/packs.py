"""One pickled dictionary per cache file, written atomically: the history's own caches on disk.

Only this tool writes these files, in the user's cache folder (like the load cache); a file
that cannot be read or unpickled is treated as empty and rewritten, never an error.
"""

from __future__ import annotations

import os
import pickle
from typing import Any

from ..atomic import write_bytes_atomic


def read_pack(path: str | None) -> dict[Any, Any]:
    """The dictionary stored at ``path`` (empty when missing or unreadable)."""
    if not path or not os.path.exists(path):
        return {}
    try:
        with open(path, "rb") as handle:
            loaded = pickle.load(handle)
    except Exception:  # a damaged or foreign pack is only a slower build
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_pack(path: str | None, data: dict[Any, Any]) -> None:
    """Store ``data`` at ``path``; a folder that cannot be written is skipped."""
    if not path:
        return
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_bytes_atomic(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        pass
