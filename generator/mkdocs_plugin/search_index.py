"""The search index written as pages are indexed, not held to the end of the build and serialised in one piece.

Material's search plugin keeps every section of every page as a dict until ``on_post_build``,
then makes the whole ``search_index.json`` one string and one bytes object (at 1,000 accounts
the entries and the two copies were about 125 MB at once, at the build's peak). Here, right
after the plugin's turn on each page (``on_page_context``), the page's new entries are encoded
as the plugin would encode them and appended to a temporary file, and the plugin's list is
emptied; before the plugin's ``on_post_build``, the file is written from the plugin's own
header (its index with no entries), the spooled entries and the closing brackets, and the
plugin skips its own write for this build. The bytes are the same: ``json.dumps`` of a list is
its items' ``json.dumps`` joined by the separator.

Only for Material's plugin outside ``serve --dirty`` (where it merges the previous build's
entries into the index); anything else writes its index as before. Under ``serve --dirty``
:func:`served_entries` gives the plugin's own list, which a server's first build that started
from a build's site completes with that site's entries before the plugin writes it, and any other
server's build with the last index's entries of the pages it did not build (:func:`settle_served`).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from typing import IO, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel

from ..incremental.site_index import by_page, encode
from . import preview

INDEX = os.path.join("search", "search_index.json")
"""Where Material's plugin writes the index, under the site folder."""


def _search_plugin(config: MkDocsConfig) -> Any | None:
    """The site's Material search plugin when it is enabled and has an index, else ``None``."""
    try:
        from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - Material is a dependency
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            index = getattr(plugin, "search_index", None)
            return plugin if plugin.config.enabled and index is not None and isinstance(index.entries, list) else None
    return None


def _material_search(config: MkDocsConfig) -> Any | None:
    """The site's Material search plugin when its index may be spooled: not under ``serve --dirty``."""
    plugin = _search_plugin(config)
    return plugin if plugin is not None and not plugin.is_dirty and plugin.search_index_prev is None else None


def _dirty_search(config: MkDocsConfig) -> Any | None:
    """Material's search plugin under ``serve --dirty`` (enabled, with an index), else ``None``."""
    plugin = _search_plugin(config)
    return plugin if plugin is not None and plugin.is_dirty else None


def served_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """Under ``serve --dirty``: the entries the search plugin will write and keep for the next save, else ``None``."""
    plugin = _dirty_search(config)
    return plugin.search_index.entries if plugin is not None else None


def settle_served(config: MkDocsConfig, files: Files, built: set[str]) -> Any | None:
    """Under ``serve --dirty``, before the search plugin writes: every page's entries in page order, each page
    built now with its new ones, every other page with those the last index had (:func:`in_page_order`).

    The last index is the one the plugin kept since the server's last build; at a server's first build, the one
    the last server left in the kept folder (:func:`kept_index`), which a dirty build would otherwise replace
    by the entries of the few pages it rebuilt: search found nothing after each restart.

    The plugin's own merge drops the old entries of the first rebuilt page only (those whose address starts with
    its address), so every other page a save rebuilt was listed twice, a rebuilt home page, whose address ``""``
    every address starts with, dropped the entries of every page not rebuilt, and a deleted page stayed.

    The index is written here, each page's entries encoded once while they stay the same objects (about 0.2 s of
    every save at 1,000 accounts went to encoding the whole index again), and kept as the plugin keeps it after its
    own write. Returns the plugin, whose own write is then to be skipped for this build (:meth:`Spool.pause`).

    ``files``: the build's files; ``built``: the addresses of the pages this build built.
    """
    plugin = _dirty_search(config)
    kept = _kept.pop(config.site_dir, None)
    if plugin is None:
        return None
    pages = [file.page.url for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
             if file.page is not None]  # in the order the server builds them
    previous = plugin.search_index_prev
    before = previous.entries if previous is not None else kept
    if before is None:
        return None
    groups = in_page_order(before, plugin.search_index.entries, pages, built)
    plugin.search_index.entries = [entry for group in groups for entry in group]
    head = _head(plugin.search_index)
    if head is None:  # not the layout this module knows: the plugin writes the entries as they are
        plugin.search_index_prev = None
        return None
    encoded = _encoded.setdefault(config.site_dir, {})
    parts = [part for group in groups if (part := _encode(encoded, group))]
    for page in set(encoded) - {str(group[0].get("location", "")) for group in groups if group}:
        del encoded[page]
    path = os.path.join(config.site_dir, INDEX)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(head + b",".join(parts) + b"]}")
    plugin.search_index_prev = plugin.search_index  # as the plugin keeps it after writing, for the next save
    return plugin


_encoded: dict[str, dict[str, tuple[list[dict[str, Any]], bytes]]] = {}
"""Per kept folder: each page's entries (by its first entry's address) as last written, and their encoding."""


def _encode(encoded: dict[str, tuple[list[dict[str, Any]], bytes]], group: list[dict[str, Any]]) -> bytes:
    """One page's entries as the index holds them; encoded again only when they are other objects than last time."""
    if not group:
        return b""
    first = str(group[0].get("location", ""))
    known = encoded.get(first)
    if known is not None and len(known[0]) == len(group) and all(a is b for a, b in zip(known[0], group, strict=True)):
        return known[1]
    text = ",".join(map(encode, group)).encode("utf-8")
    encoded[first] = (group, text)
    return text


def _head(index: Any) -> bytes | None:
    """The index with no entries as the plugin writes it, less its closing ``]}``; ``None`` when laid out otherwise."""
    entries, index.entries = index.entries, []
    try:
        empty = index.generate_search_index(None)
    finally:
        index.entries = entries
    return empty[:-2].encode("utf-8") if isinstance(empty, str) and empty.endswith("[]}") else None


def keep_served(config: MkDocsConfig) -> None:
    """At a server's first build, before anything is written (``on_files``): the index the last server left in its
    kept folder, for :func:`settle_served`. Read this early, as a file of the docs folder at the same address
    would be copied over it. Each page's entries keep the text they have in the file (:func:`_encode` then takes
    it as is: encoding 20,000 entries again took 0.19 s of a restart at 1,000 accounts)."""
    plugin = _dirty_search(config)
    if plugin is not None and plugin.search_index_prev is None:
        found = kept_index(config.site_dir)
        _kept[config.site_dir] = found[0] if found is not None else None
        if found is not None:
            _encoded[config.site_dir] = found[1]


_kept: dict[str, list[dict[str, Any]] | None] = {}
"""Per kept folder: the index its last server left, until this server's first build writes its own."""


def kept_index(site_dir: str) -> tuple[list[dict[str, Any]], dict[str, tuple[list[dict[str, Any]], bytes]]] | None:
    """The entries of the index a server left in its kept folder (:mod:`.preview`), and each page's entries with
    their text in the file (as :data:`_encoded` keeps them); ``None`` for any other folder, or when there is none,
    or it is not an index of entries with an address each (a page rebuilt then indexes again).

    The file is read entry by entry, so that each entry's text is known: ``{"config": ..., "docs": [...]}`` as the
    search plugin writes it, and nothing else. The text is taken as this tool wrote it: a file edited by hand with
    spaces inside an entry keeps them (its meaning is the same).
    """
    if not preview.is_kept(site_dir):
        return None
    path = os.path.join(site_dir, INDEX)
    try:
        if not stat.S_ISREG(os.stat(path, follow_symlinks=False).st_mode):  # a pipe would never end
            return None
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        entries, texts = _entries_of(text)
    except (OSError, ValueError, RecursionError, IndexError):
        return None
    if not text.isascii():  # not as the plugin writes (it escapes every other character): encoded as it would
        texts = {id(entry): encode(entry) for entry in entries}
    encoded: dict[str, tuple[list[dict[str, Any]], bytes]] = {}
    for group in by_page(entries).values():
        first = str(group[0]["location"])
        encoded[first] = (group, ",".join(texts[id(entry)] for entry in group).encode("utf-8"))
    return entries, encoded


class _NotAnIndex(ValueError):
    """The kept index is not laid out as the search plugin writes it (never shown: the index is then not used)."""


def _entries_of(text: str) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The ``docs`` entries of an index's text and each one's text (by object id); ``ValueError`` for any other."""
    if not text.startswith('{"config":') or not text.endswith("]}"):
        raise _NotAnIndex
    docs = text.index(',"docs":[')
    json.loads(text[:docs] + "}")  # the config is a JSON object
    decoder = json.JSONDecoder()
    at = docs + len(',"docs":[')
    entries: list[dict[str, Any]] = []
    texts: dict[int, str] = {}
    while text[at] != "]":  # an entry, then a comma and the next, or the end (a trailing comma is no entry)
        entry, end = decoder.raw_decode(text, at)
        if not isinstance(entry, dict) or not isinstance(entry.get("location"), str):
            raise _NotAnIndex
        entries.append(entry)
        texts[id(entry)] = text[at:end]
        if text[end] != ",":
            at = end
            break
        at = end + 1
        if text[at] == "]":
            raise _NotAnIndex
    if text[at:] != "]}":
        raise _NotAnIndex
    return entries, texts


def in_page_order(before: list[dict[str, Any]], rebuilt: list[dict[str, Any]], pages: list[str],
                  built: set[str]) -> list[list[dict[str, Any]]]:
    """The entries of each page of ``pages`` in turn: ``rebuilt``'s for a page in ``built`` (none when it has none
    now), ``before``'s for any other. A page is an entry's address without its anchor; entries of a page no longer
    in ``pages`` are dropped, and ``rebuilt``'s of a page not in it (another plugin's) come last, a group each."""
    fresh, old = by_page(rebuilt), by_page(before)
    groups = [fresh.pop(page, []) if page in built or page in fresh else old.get(page, []) for page in pages]
    return groups + list(fresh.values())


class Spool:
    """One build's search entries, encoded as they are made, in a temporary file."""

    def __init__(self) -> None:
        self.file: IO[bytes] | None = None
        self.head = b""
        """The index with no entries, as the plugin writes it, less its closing ``]}``."""
        self.count = 0
        self.paused: Any | None = None
        """The search plugin whose own write is skipped for this build (enabled again by :meth:`resume`)."""
        self.files: Files = Files([])
        """The build's files (``on_nav``), for a server's index (:func:`settle_served`)."""
        self.built: set[str] = set()
        """The addresses of the pages this build indexed, for a server's index."""

    def start(self, files: Files) -> None:
        """A build's files are known (``on_nav``): no page indexed yet."""
        self.files, self.built = files, set()

    def take(self, config: MkDocsConfig, url: str) -> None:
        """After the search plugin indexed the page at ``url``: move its entries from the plugin's list to the file."""
        self.built.add(url)
        self._spool(config)

    def _spool(self, config: MkDocsConfig) -> None:
        """The entries in the plugin's list, moved to the file (outside ``serve --dirty``)."""
        plugin = _material_search(config)
        if plugin is None or not plugin.search_index.entries:
            return
        index = plugin.search_index
        if self.file is None:
            head = _head(index)
            if head is None:  # not the layout this module knows: the plugin writes its index itself
                return
            self.head = head
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 - lives until the index is written
        for entry in index.entries:
            if self.count:
                self.file.write(b",")
            self.file.write(encode(entry).encode("utf-8"))
            self.count += 1
        index.entries.clear()

    def write(self, config: MkDocsConfig) -> None:
        """Before the search plugin's ``on_post_build``: write the index from the spooled entries; the plugin's
        own write is skipped for this build."""
        if self.file is None:
            return
        plugin = _material_search(config)
        assert plugin is not None, "the search plugin changed during a build"
        self._spool(config)  # entries made since the last page, if any, come last as they would
        path = os.path.join(config.site_dir, INDEX)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.file.seek(0)
        with open(path, "wb") as out:
            out.write(self.head)
            shutil.copyfileobj(self.file, out)
            out.write(b"]}")
        self.close()
        self.pause(plugin)

    def settle(self, config: MkDocsConfig) -> None:
        """Under ``serve --dirty``: every page's entries once, in page order (:func:`settle_served`), written here."""
        self.pause(settle_served(config, self.files, self.built))

    def pause(self, plugin: Any | None) -> None:
        """Skip the search plugin's own write of the index for this build (it was written for it)."""
        if plugin is not None:
            plugin.config.enabled = False
            self.paused = plugin

    def resume(self) -> None:
        """After the search plugin's ``on_post_build``: enable it again."""
        if self.paused is not None:
            self.paused.config.enabled = True
            self.paused = None

    def close(self) -> None:
        """Drop the spooled entries (a failed build, or the index written)."""
        if self.file is not None:
            self.file.close()
            self.file = None
        self.count = 0
