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
from a build's site completes with that site's entries before the plugin writes it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from typing import IO, Any

from mkdocs.config.defaults import MkDocsConfig

from ..incremental.site_index import by_page

INDEX = os.path.join("search", "search_index.json")
"""Where Material's plugin writes the index, under the site folder."""


def _material_search(config: MkDocsConfig) -> Any | None:
    """The site's Material search plugin when its index may be spooled: enabled, and not under ``serve --dirty``."""
    try:
        from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - Material is a dependency
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            enabled = plugin.config.enabled and getattr(plugin, "search_index", None) is not None
            return plugin if enabled and not plugin.is_dirty and plugin.search_index_prev is None else None
    return None


def _dirty_search(config: MkDocsConfig) -> Any | None:
    """Material's search plugin under ``serve --dirty`` (enabled, with an index), else ``None``."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover - Material is a dependency
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled and plugin.is_dirty:
            index = getattr(plugin, "search_index", None)
            return plugin if index is not None and isinstance(index.entries, list) else None
    return None


def served_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """Under ``serve --dirty``: the entries the search plugin will write and keep for the next save, else ``None``."""
    plugin = _dirty_search(config)
    return plugin.search_index.entries if plugin is not None else None


def settle_served(config: MkDocsConfig) -> None:
    """Under ``serve --dirty``, before the search plugin writes after a save: the last index with each rebuilt page's
    entries in place of its old ones (:func:`replaced`), handed over as the whole index.

    The plugin's own merge drops the old entries of the first rebuilt page only (those whose address starts with
    its address), so every other page a save rebuilt was listed twice, and a rebuilt home page, whose address
    ``""`` every address starts with, dropped the entries of every page not rebuilt.
    """
    plugin = _dirty_search(config)
    if plugin is None or plugin.search_index_prev is None or not plugin.search_index.entries:
        return
    plugin.search_index.entries = replaced(plugin.search_index_prev.entries, plugin.search_index.entries)
    plugin.search_index_prev = None  # the plugin then writes the entries as they are, and keeps them for the next save


def replaced(before: list[dict[str, Any]], rebuilt: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``before`` with the entries of each page ``rebuilt`` has entries for in place of its old ones; a page new since
    comes last. A page is an entry's address without its anchor."""
    fresh = by_page(rebuilt)
    merged: list[dict[str, Any]] = []
    placed: set[str] = set()
    for page, entries in by_page(before).items():
        if page not in fresh:
            merged += entries
        else:
            merged += fresh[page]
            placed.add(page)
    merged += [entry for page, entries in fresh.items() if page not in placed for entry in entries]
    return merged


class Spool:
    """One build's search entries, encoded as they are made, in a temporary file."""

    def __init__(self) -> None:
        self.file: IO[bytes] | None = None
        self.head = ""
        """The index with no entries, as the plugin writes it, less its closing ``]}``."""
        self.count = 0
        self.paused: Any | None = None
        """The search plugin whose own write is skipped for this build (enabled again by :meth:`resume`)."""

    def take(self, config: MkDocsConfig) -> None:
        """After the search plugin indexed a page: move its entries from the plugin's list to the file."""
        plugin = _material_search(config)
        if plugin is None or not plugin.search_index.entries:
            return
        index = plugin.search_index
        if self.file is None:
            entries, index.entries = index.entries, []
            empty = index.generate_search_index(None)
            index.entries = entries
            if not empty.endswith("[]}"):  # not the layout this module knows: the plugin writes its index itself
                return
            self.head = empty[:-2]
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 - lives until the index is written
        for entry in index.entries:
            if self.count:
                self.file.write(b",")
            self.file.write(json.dumps(entry, separators=(",", ":"), default=str).encode("utf-8"))
            self.count += 1
        index.entries.clear()

    def write(self, config: MkDocsConfig) -> None:
        """Before the search plugin's ``on_post_build``: write the index from the spooled entries; the plugin's
        own write is skipped for this build."""
        if self.file is None:
            return
        plugin = _material_search(config)
        assert plugin is not None, "the search plugin changed during a build"
        self.take(config)  # entries made since the last page, if any, come last as they would
        path = os.path.join(config.site_dir, INDEX)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.file.seek(0)
        with open(path, "wb") as out:
            out.write(self.head.encode("utf-8"))
            shutil.copyfileobj(self.file, out)
            out.write(b"]}")
        self.close()
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
