"""A carried site's search entries: kept per page as the bytes the index holds, merged without decoding them.

A merge build rebuilds a few pages; the search index must still hold every page's entries in
page order (:mod:`.site`). Kept as Python objects, the entries of 1,500 pages were about 85 MB
of the build's memory from the restore to the end (at 1,000 accounts) and a second to unpickle;
kept as each page's encoded entries, compressed, they are about 8 MB and are decoded only where
the index is written, as text. The bytes are those of a cold build: ``json.dumps`` of a list is
its items' ``json.dumps`` joined by the separator (as :mod:`generator.mkdocs_plugin.search_index`
writes the index in the first place).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from typing import Any


def by_page(entries: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Search entries grouped by the page they belong to (an entry's address without its anchor), in order."""
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#")[0], []).append(entry)
    return pages


def encode(entry: dict[str, Any]) -> str:
    """One search entry as the index holds it."""
    return json.dumps(entry, separators=(",", ":"), default=str)


def pack(entries: Iterable[dict[str, Any]]) -> bytes:
    """A page's entries, encoded and joined as in the index, compressed."""
    return zlib.compress(",".join(encode(entry) for entry in entries).encode("utf-8"), 1)


def entries(packed: bytes) -> list[dict[str, Any]]:
    """The entries :func:`pack` packed, as objects again (for a server's index, which its plugin keeps as objects)."""
    text = zlib.decompress(packed).decode("utf-8")
    found: list[dict[str, Any]] = json.loads(f"[{text}]")
    return found


def index_chunks(data: dict[str, Any], pages: Iterable[bytes]) -> Iterator[bytes] | None:
    """The index ``data`` (its ``docs`` replaced) holding the packed entries of ``pages`` in their order, in pieces to
    be written one after the other: joined, the index of 1,000 accounts is 39 MB, and making it one bytes object
    held it up to four times at once (the pages' parts, their join and two concatenations).

    ``None`` when the index is not laid out as this module knows (``docs`` not its last member).
    """
    empty = json.dumps({**data, "docs": []}, separators=(",", ":"), default=str)
    if not empty.endswith("[]}") or list(data)[-1:] != ["docs"]:
        return None
    return _chunks(empty[:-2].encode("utf-8"), pages)


def _chunks(head: bytes, pages: Iterable[bytes]) -> Iterator[bytes]:
    """The index's head, each page's entries (a page without any adds no separator) and its end."""
    yield head
    separator = b""
    for packed in pages:
        part = zlib.decompress(packed)
        if part:
            yield separator
            yield part
            separator = b","
    yield b"]}"
