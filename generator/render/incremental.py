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
``--dirty``). ``mkdocs build`` never goes through here.

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

STORE = os.path.join(".cache", "accountplan", "pages")
"""Default page store, relative to the folder of ``mkdocs.yml``."""

_state: dict[str, Any] = {"dirty": False}
_digests: dict[str, dict[str, str]] = {}
"""Per store folder: the hash of each page's text as last written by this process."""


def note_startup(command: str, dirty: bool) -> None:
    """Remember, for the life of the process, whether it is ``mkdocs serve --dirty`` (from ``on_startup``)."""
    _state["dirty"] = command == "serve" and dirty


def dirty_serving() -> bool:
    """Whether this process is ``mkdocs serve --dirty``, where generated pages should come from the store."""
    return bool(_state["dirty"])


def store_for(config_file: str | None, lang: str) -> str:
    """The page store of one site (config file and language), beside its ``mkdocs.yml``."""
    base = os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()
    name = hashlib.blake2b(f"{os.path.abspath(config_file or '.')}|{lang}".encode(), digest_size=8).hexdigest()
    return os.path.join(base, STORE, name)


def sync_pages(pages: Mapping[str, str], directory: str) -> tuple[dict[str, str], set[str]]:
    """Write the pages whose text changed into ``directory``; delete the files of pages that are gone.

    Returns the absolute path of every page by source path, and the source paths written.
    The first call in a process writes every page (a server's first build is a full one).
    """
    known = _digests.setdefault(directory, {})
    paths: dict[str, str] = {}
    written: set[str] = set()
    for src_uri, text in pages.items():
        path = os.path.join(directory, *src_uri.split("/"))
        paths[src_uri] = path
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
        if known.get(src_uri) == digest and os.path.exists(path):
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temp = f"{path}.{os.getpid()}.tmp"
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
        known[src_uri] = digest
        written.add(src_uri)
    for src_uri in set(known) - set(pages):
        del known[src_uri]
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(directory, *src_uri.split("/")))
    return paths, written


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
