"""Incremental preview: under ``mkdocs serve --dirty``, MkDocs rebuilds only the pages whose text changed.

MkDocs' ``--dirty`` skips a page when ``File.is_modified()`` is false, that is when its
source file is older than the HTML built from it. A page generated in memory
(``File.generated(content=...)``) always counts as modified, so a dirty rebuild would
still convert, render and index every page — minutes for a portfolio of 1,000 accounts.
Here each generated page is kept as a file in a *page store*, rewritten only when its
text changed: an unchanged page keeps its old time, older than its HTML, and is skipped;
the edited account's page (and any portfolio page whose text moved) is rebuilt.

For previews only: links to pages that were removed stay until the next full build (MkDocs'
own caveat for ``--dirty``); its other caveat, a search index of the rebuilt pages only, is
mended (:func:`generator.mkdocs_plugin.search_index.settle_served`). ``mkdocs build`` never goes
through the page store; it carries only the kept pages (:mod:`.carried`) from one build process to the next.

MkDocs creates new plugin instances for every rebuild under ``serve`` and calls
``on_startup`` only once, so whether this process serves dirty is kept here, at module
level, for the life of the server process.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from typing import Any, NamedTuple

from .. import usercache
from ..model.keys import name_digest
from ..publish.atomic import OutsideFolder, target_in, write_bytes_atomic

STORE = "pages"
"""The page stores' folder, inside the project's cache folder (:func:`generator.usercache.project_folder`)."""

_state: dict[str, Any] = {"dirty": False}

KEYS = ".keys"
"""Beside each page store (its name and this suffix): the key and file of every keyed page, sealed for the next
server (:func:`seal_keys`)."""


class Written(NamedTuple):
    """What the page store's file of one page holds, as this process last wrote or checked it."""

    key: str | None
    """The page's content key (:class:`.pages.KeptPages`), for an account or person page; else ``None``."""
    text: str | None
    """The page's text, for a page without a key (compared as text); ``None`` for a keyed page."""
    stat: tuple[int, int, int]
    """Size, modification time and inode of the file then: another stat means another file."""


_written: dict[str, dict[str, Written]] = {}
"""Per store folder: what each page's file holds, as this process last wrote or checked it.

A keyed page whose key and file are unchanged is recognised without its text: a server's first
build after another server no longer unpacks and reads 1,500 kept pages (≈ 1.5 CPU s at N=1000)
only to find each equal to its file, and a rebuild after a save compares 1,500 keys, not texts."""


def note_startup(command: str, dirty: bool) -> None:
    """Remember, for the life of the process, whether it is ``mkdocs serve --dirty`` (from ``on_startup``)."""
    _state["dirty"] = command == "serve" and dirty


def dirty_serving() -> bool:
    """Whether this process is ``mkdocs serve --dirty``, where generated pages should come from the store."""
    return bool(_state["dirty"])


def store_for(config_file: str | None, lang: str) -> str:
    """The page store of one site (config file and language), in the project's folder of the user's cache.

    Outside the working tree, like every cache; with nothing cached (``ACCOUNTPLAN_CACHE=off``, or a cache
    folder that cannot be used) a serving process still needs one: a folder of its own, deleted when it exits
    (:func:`generator.usercache.process_folder`).
    """
    folder = usercache.project_cache(config_file) or usercache.process_folder()
    name = name_digest(f"{os.path.abspath(config_file or '.')}|{lang}", 8)
    return os.path.join(folder, STORE, name)


def sync_pages(pages: Mapping[str, str], directory: str,
               keys: Mapping[str, str] | None = None) -> tuple[dict[str, str], set[str]]:
    """Write the pages whose text changed into ``directory``; delete the files of pages that are gone.

    Returns the absolute path of every page by source path, and the source paths written.
    ``keys``: the content key of the pages that have one (:class:`.pages.KeptPages`): a page whose key is
    the one its unchanged file was written or checked with is not read (its text is not even asked of
    ``pages``). A process's first call starts from the keys the last server sealed (:func:`seal_keys`)
    and compares the other pages with the files a previous process left, so an unchanged page keeps
    its old time there too (:mod:`generator.mkdocs_plugin.preview` keeps that server's HTML).
    """
    known = _known(directory)
    keys = keys or {}
    paths: dict[str, str] = {}
    written: set[str] = set()
    for src_uri in pages:
        path = os.path.join(directory, *src_uri.split("/"))
        paths[src_uri] = path
        key, before, now = keys.get(src_uri), known.get(src_uri), _stat(path)
        if before is not None and now is not None and before.stat == now:
            if key is not None and before.key == key:
                continue
            if before.text is not None and (before.text is (text := pages[src_uri]) or before.text == text):
                known[src_uri] = before._replace(key=key, text=None if key else text)
                continue
        text = pages[src_uri]
        if now is not None and _holds(path, text):
            known[src_uri] = Written(key, None if key else text, now)
            continue
        # A page is written, and deleted, only inside the store: an id climbing out is refused.
        write_bytes_atomic(target_in(directory, src_uri), text.encode("utf-8"), durable=False)
        written.add(src_uri)
        if (now := _stat(path)) is not None:
            known[src_uri] = Written(key, None if key else text, now)
        else:
            known.pop(src_uri, None)
    for src_uri in set(known) - set(pages):
        del known[src_uri]
        with contextlib.suppress(OSError, OutsideFolder):
            os.unlink(target_in(directory, src_uri))
    return paths, written


def _stat(path: str) -> tuple[int, int, int] | None:
    """Size, modification time and inode of the file at ``path``; ``None`` when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _holds(path: str, text: str) -> bool:
    """Whether the file at ``path`` holds ``text`` (a page a previous process wrote into the store)."""
    try:
        with open(path, "rb") as handle:
            return handle.read() == text.encode("utf-8")
    except OSError:
        return False


def _known(directory: str) -> dict[str, Written]:
    """What this process knows of the store's files; at its first use, the keyed pages the last server sealed."""
    known = _written.get(directory)
    if known is None:
        found = usercache.load(directory + KEYS)
        known = _written[directory] = {}
        if isinstance(found, dict):
            for src_uri, entry in found.items():
                if (isinstance(src_uri, str) and isinstance(entry, tuple) and len(entry) == 2
                        and isinstance(entry[0], str) and isinstance(entry[1], tuple) and len(entry[1]) == 3
                        and all(isinstance(n, int) for n in entry[1])):
                    known[src_uri] = Written(entry[0], None, entry[1])
    return known


def seal_keys() -> None:
    """When ``mkdocs serve`` stops: seal the key and file of each keyed page of its stores for the next server."""
    for directory, known in _written.items():
        keyed = {src: (w.key, w.stat) for src, w in known.items() if w.key is not None}
        usercache.dump(os.path.dirname(directory), os.path.basename(directory) + KEYS, keyed)


def page_files(config: Any, pages: Mapping[str, str], directory: str,
               keys: Mapping[str, str] | None = None) -> list[Any]:
    """MkDocs files for ``pages`` backed by the store, so that ``--dirty`` skips the unchanged ones (``keys``:
    :func:`sync_pages`)."""
    from mkdocs.structure.files import File

    paths, _ = sync_pages(pages, directory, keys)
    return [File.generated(config, src_uri, abs_src_path=path) for src_uri, path in paths.items()]


def add_page_files(files: Any, config: Any, pages: Mapping[str, str], directory: str,
                   keys: Mapping[str, str] | None = None) -> Any:
    """Put store-backed files for ``pages`` into MkDocs' ``files``, replacing any file at the same path."""
    for generated in page_files(config, pages, directory, keys):
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
