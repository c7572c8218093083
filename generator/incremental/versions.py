"""The versions of the code and the theme: part of every key whose value they could change."""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import cache
from pathlib import Path
from typing import Any

from ..load.tasks import read_regular
from ..publish.walk import entries
from ..render.theme_files import theme_dir

_PACKAGE = Path(__file__).resolve().parents[1]
_THEME = theme_dir()


@cache
def code_version() -> str:
    """Hash of the generator as installed: its code and the data it reads (label tables, message catalogues).

    Every file, not only ``*.py``: a page kept under a key made of the code alone would survive
    a change of ``render/labels.toml`` or of the zh catalogue. A server runs one version for its life.
    """
    return files_digest(_PACKAGE)


def theme_version() -> str:
    """Name and bytes of every theme file: templates can change while a server runs (Jinja reloads them).

    Content, not file times: a CI checkout gives every file a new time, and a build with the
    previous build's cache restored must still recognise the same theme (156 KB, read once a build).
    """
    return files_digest(_THEME)


def files_digest(root: Path) -> str:
    """Name and bytes of every file under ``root`` (compiled bytecode left out: it follows from the source).

    A symbolic link counts by where it leads, never by what: one to a device or a huge file is not read (the
    build refuses a theme link leading out of its folder, :func:`generator.publish.walk.refuse_unsafe`), a file swapped
    for a pipe is not waited for, and a folder nested a thousand deep is walked without recursion.
    """
    digest = hashlib.blake2b(digest_size=16)
    for relative, entry, _ in entries(root) if root.is_dir() else ():
        if "__pycache__" in Path(relative).parts:
            continue
        with contextlib.suppress(OSError):
            if entry.is_symlink():
                data = b"-> " + os.fsencode(os.readlink(entry.path))
            elif entry.is_file(follow_symlinks=False):
                data = read_regular(entry.path, None)
            else:
                continue
            digest.update(f"{relative}|".encode("utf-8", "surrogatepass") + data + b"\n")
    return digest.hexdigest()


def versioned(kept: Any) -> dict[Any, Any] | None:
    """The values of a carried blob ``(code_version(), values)`` written by this version of the code, else ``None``."""
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == code_version() and isinstance(kept[1], dict):
        return kept[1]
    return None
