"""What a carried site (:mod:`.site`) is sealed with: its manifest and each page's record, and the helpers that name,
hash and compare its files (a manifest's path checked before it is joined to a folder)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageRecord:
    """What the build needs of a page it does not read again."""

    title: str | None
    """The title the page's first heading gave (``Page._title_from_render``)."""
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]]
    """The page's links to anchors, by the source path of the page they lead to."""
    entries: bytes
    """The page's search entries, as the index holds them, compressed (:func:`.site_index.pack`)."""
    logged: tuple[tuple[str, int, str], ...] = ()
    """The warnings and errors logged while the page was read and built: logger, level, message."""


@dataclass(frozen=True)
class Manifest:
    """The sealed description of a carried site."""

    signature: str
    sources: dict[str, bytes]
    """Content hash of every source file, by source path."""
    outputs: dict[str, bytes]
    """Hash of every file of the site, by path inside it."""
    pages: dict[str, PageRecord]
    nav: str


def file_hash(data: bytes, person: bytes = b"") -> bytes:
    """A file's hash; ``person`` keeps hashes of different kinds of input apart (a page's key, a file's bytes)."""
    return hashlib.blake2b(data, digest_size=20, person=person).digest()


def relative_path(relative: str) -> str:
    """A path of the manifest, refused (``ValueError``) unless it stays inside the folder it is joined to."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or "\\" in relative or any(p in ("", ".", "..") for p in parts):
        raise ValueError(relative)
    return relative


def stat_key(st: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is written: size, inode, modification and change times."""
    return (st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


def nav_text(items: Any) -> str:
    """Everything the navigation shows on every page: each entry's kind, title, link and metadata, nested."""
    parts = []
    for item in items:
        parts.append(f"{type(item).__name__}|{item.title}|{getattr(item, 'url', '')}|"
                     f"{sorted(getattr(item, 'meta', {}).items())!r}")
        if item.children:
            parts.append(f"[{nav_text(item.children)}]")
    return "\n".join(parts)
