"""Incremental preview: under ``mkdocs serve --dirty``, MkDocs rebuilds only the pages whose text changed.

MkDocs' ``--dirty`` skips a page when ``File.is_modified()`` is false, that is when its
source file is older than the HTML built from it. A page generated in memory
(``File.generated(content=...)``) always counts as modified, so a dirty rebuild would
still convert, render and index every page — minutes for a portfolio of 1,000 accounts.
Here each generated page is kept as a file in a *page store*, rewritten only when its
text changed: an unchanged page keeps its old time, older than its HTML, and is skipped;
the edited account's page (and any portfolio page whose text moved) is rebuilt.

For previews only: a dirty build's search index holds only the rebuilt pages, and links
to pages that were removed stay until the next full build (MkDocs' own caveats for
``--dirty``). ``mkdocs build`` never goes through the page store; it carries only the kept pages
(:mod:`.carried`) from one build process to the next.

MkDocs creates new plugin instances for every rebuild under ``serve`` and calls
``on_startup`` only once, so whether this process serves dirty is kept here, at module
level, for the life of the server process.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from typing import Any

from .. import usercache
from ..publish.atomic import OutsideFolder, target_in, write_bytes_atomic
from .pages import KeptPages

STORE = "pages"
"""The page stores' folder, inside the project's cache folder (:func:`generator.usercache.project_folder`)."""

_state: dict[str, Any] = {"dirty": False}
_written: dict[str, dict[str, str]] = {}
"""Per store folder: each page's text as last written by this process.

An unchanged page is recognised by identity or one string comparison, without hashing 150 MB
of page text on every rebuild (the kept account and person pages, :mod:`.pages`, are compressed)."""


def note_startup(command: str, dirty: bool) -> None:
    """Remember, for the life of the process, whether it is ``mkdocs serve --dirty`` (from ``on_startup``)."""
    _state["dirty"] = command == "serve" and dirty


def dirty_serving() -> bool:
    """Whether this process is ``mkdocs serve --dirty``, where generated pages should come from the store."""
    return bool(_state["dirty"])


def store_for(config_file: str | None, lang: str) -> str:
    """The page store of one site (config file and language), in the project's folder of the user's cache.

    Outside the working tree, like every cache; with caching turned off (``ACCOUNTPLAN_CACHE=off``)
    a serving process still needs one, so it then lives in the default cache folder.
    """
    project = usercache.project_of(config_file)
    folder = usercache.project_folder(project) or usercache.default_project_folder(project)
    name = hashlib.blake2b(f"{os.path.abspath(config_file or '.')}|{lang}".encode(), digest_size=8).hexdigest()
    return os.path.join(folder, STORE, name)


def sync_pages(pages: Mapping[str, str], directory: str) -> tuple[dict[str, str], set[str]]:
    """Write the pages whose text changed into ``directory``; delete the files of pages that are gone.

    Returns the absolute path of every page by source path, and the source paths written.
    A process's first call compares each page with the file a previous server left, so an
    unchanged page keeps its old time there too (:mod:`generator.mkdocs_plugin.preview` keeps that server's HTML).
    """
    known = _written.setdefault(directory, {})
    paths: dict[str, str] = {}
    written: set[str] = set()
    for src_uri, text in pages.items():
        path = os.path.join(directory, *src_uri.split("/"))
        paths[src_uri] = path
        before = known.get(src_uri)
        if before is None and _holds(path, text):
            before = text
        if before is not None and (before is text or before == text) and os.path.exists(path):
            known[src_uri] = text  # the new object: the previous one may be freed
            continue
        # A page is written, and deleted, only inside the store: an id climbing out is refused.
        write_bytes_atomic(target_in(directory, src_uri), text.encode("utf-8"), durable=False)
        known[src_uri] = text
        written.add(src_uri)
    for src_uri in set(known) - set(pages):
        del known[src_uri]
        with contextlib.suppress(OSError, OutsideFolder):
            os.unlink(target_in(directory, src_uri))
    return paths, written


def _holds(path: str, text: str) -> bool:
    """Whether the file at ``path`` holds ``text`` (a page a previous process wrote into the store)."""
    try:
        with open(path, "rb") as handle:
            return handle.read() == text.encode("utf-8")
    except OSError:
        return False


def page_files(config: Any, pages: Mapping[str, str], directory: str) -> list[Any]:
    """MkDocs files for ``pages`` backed by the store, so that ``--dirty`` skips the unchanged ones."""
    from mkdocs.structure.files import File

    paths, _ = sync_pages(pages, directory)
    return [File.generated(config, src_uri, abs_src_path=path) for src_uri, path in paths.items()]


def add_page_files(files: Any, config: Any, pages: Mapping[str, str], directory: str) -> Any:
    """Put store-backed files for ``pages`` into MkDocs' ``files``, replacing any file at the same path."""
    for generated in page_files(config, pages, directory):
        existing = files.get_file_from_path(generated.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(generated)
    return files


def nav_titles(nav: Any, pages: Mapping[str, str]) -> None:
    """Give navigation pages that ``--dirty`` will not read their titles, as MkDocs would read them.

    MkDocs reads a page's source only when it is modified; an unread page has no title, and
    every rebuilt page would list it as "None" in its navigation (the portfolio views have no
    title in ``nav:``, their pages carry it). Reading just their front matter here is cheap.
    """
    from mkdocs.utils.meta import get_data

    for page in nav.pages:
        src = page.file.src_uri
        if page.markdown is None and src in pages and not page.file.is_modified():
            page.markdown, page.meta = get_data(pages[src])


_served: dict[str, dict[str, tuple[str, str]]] = {}
"""Per page store: each account and person page's key and the text this process last served for it."""


class ServedPages(KeptPages):
    """:class:`.pages.KeptPages` for a serving process: a page whose key is unchanged is the very text it served last.

    The kept pages are compressed; unpacking all of them after every save (1,500 pages at N=1000,
    about a second) only to find each equal to the page store's file cost more than the rest of the
    rebuild. The text served last is held anyway (:data:`_written`), so it costs no memory, and being
    the same object it is recognised as unchanged without a comparison (:func:`sync_pages`).
    """

    def __init__(self, store: str, level: str) -> None:
        super().__init__(store, level)
        self.served = _served.setdefault(store, {})

    def _kept(self, src: str, key: str) -> str | bytes | None:
        found = self.served.get(src)
        if found is not None and found[0] == key:
            self.keys[src] = key
            self.hits += 1
            return found[1]
        return super()._kept(src, key)

    def remember(self, pages: Mapping[str, str | bytes]) -> None:
        """Keep this build's pages for the next one, and the text served for each."""
        super().remember(pages)
        served = {src: (key, text) for src, key in self.keys.items() if isinstance(text := pages.get(src), str)}
        self.served.clear()
        self.served.update(served)
