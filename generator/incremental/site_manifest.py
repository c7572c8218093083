"""What a carried site (:mod:`.site`) is sealed with: its manifest and each page's record, and the helpers that name,
hash and compare its files (a manifest's path checked before it is joined to a folder)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageRecord:
    """What the build needs of a page it does not read again."""

    title: str | None
    """The title the page's first heading gave (``Page._title_from_render``)."""
    anchors: str | None
    """The page's anchor ids as JSON text (:func:`packed_anchors`): 88,000 ids at 1,000 accounts, which as strings in
    sets were 12 MB of a merge build's memory from the restore to its end, while MkDocs asks about the anchors of
    the few pages that a rebuilt page links to (:class:`Anchors`)."""
    links: dict[str, dict[str, str]]
    """The page's links to anchors, by the source path of the page they lead to."""
    entries: bytes
    """The page's search entries, as the index holds them, compressed (:func:`.site_index.pack`)."""
    logged: tuple[tuple[str, int, str], ...] = ()
    """The notes, warnings and errors logged while the page was read and built: logger, level, message."""
    depends: str = ""
    """The paths (source or output) whose presence in the site the page's text or warnings depend on, one a line:
    every path MkDocs looked up to resolve its links, or that a generated page's links may lead to
    (:func:`generator.publish.linkcheck.targets`). A build whose set of files differs rebuilds the pages naming a
    file added or removed, and carries the others."""

    def depends_on(self, paths: set[str]) -> bool:
        """Whether any of ``paths`` (files added or removed, by source and output path) can change this page."""
        return bool(self.links.keys() & paths) or (bool(self.depends) and not paths.isdisjoint(
            self.depends.split("\n")))


def packed_anchors(anchors: set[str] | None) -> str | None:
    """A page's anchor ids as a :class:`PageRecord` keeps them."""
    return None if anchors is None else json.dumps(sorted(anchors), ensure_ascii=False)


class Anchors:
    """A carried page's anchor ids, read from their JSON text only when MkDocs first asks whether one is there (the
    only question it asks of a page it did not read: ``anchor in page.present_anchor_ids``)."""

    __slots__ = ("_ids", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._ids: frozenset[str] | None = None

    def __contains__(self, anchor: object) -> bool:
        if self._ids is None:
            self._ids = frozenset(json.loads(self._text))
        return anchor in self._ids


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
    files: dict[str, tuple[str, bool]] | None = None
    """Every file MkDocs was given, excluded ones too (a link may name them): its output path and whether it was
    included, by source path. A build whose files differ from these deletes what the carried site holds of a file
    gone and rebuilds the pages that name one (:meth:`.site.CarriedSite.attach`)."""


def relative_path(relative: str) -> str:
    """A path of the manifest, refused (``ValueError``) unless it stays inside the folder it is joined to."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or "\\" in relative or any(p in ("", ".", "..") for p in parts):
        raise ValueError(relative)
    return relative


def nav_text(items: Any) -> str:
    """Everything the navigation shows on every page: each entry's kind, title, link and metadata, nested."""
    parts = []
    for item in items:
        parts.append(f"{type(item).__name__}|{item.title}|{getattr(item, 'url', '')}|"
                     f"{sorted(getattr(item, 'meta', {}).items())!r}")
        if item.children:
            parts.append(f"[{nav_text(item.children)}]")
    return "\n".join(parts)
