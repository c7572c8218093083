"""What one ``mkdocs build`` carries to the next build process, sealed in the user's cache.

The kept account and person pages (:mod:`.pages`), the search sections of the generated pages and
the per-dossier rule results: each under content keys, so a merge build with the previous build's
cache folder restored (CI) renders, indexes and checks only what an edit changed. A blob that is
missing, damaged or not sealed with this user's key is never unpickled (:mod:`generator.usercache`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .. import usercache
from ..render.search_text import Section, sections
from .memo import carried, carry_in
from .pages import KeptPages, kept
from .store import store_for
from .versions import code_version, versioned

T = TypeVar("T")

_state = {"rules": False}
"""Whether this process has read the rule results in (once a process: later builds keep them in memory)."""


def load_cache(config_file: str | None) -> str | None:
    """The content-keyed load cache folder (``None`` when caching is off).

    The project's folder in the user's cache (the one ``accountplan check`` uses), so that
    every rebuild of one server, and every build after the first (a merge build in CI with
    the folder restored), parses only the files whose bytes changed.
    """
    return usercache.project_folder(usercache.project_of(config_file))


CARRIED = "carried-pages"
"""The sealed account and person pages of a site's last build, in its page store folder."""


def carried_pages(config_file: str | None, lang: str, level: str) -> KeptPages | None:
    """For ``mkdocs build``: account and person pages of the previous build of this site, from the user's cache.

    The first build of a process reads the pages the previous process sealed (:func:`carry`), so a
    merge build with the cache folder restored renders only the pages whose inputs changed; the keys
    are the serve path's (:class:`.pages.KeptPages`). ``None`` when caching is off. A blob that is missing,
    damaged or not sealed with this user's key is never unpickled: every page is then rendered.
    """
    if usercache.project_folder(usercache.project_of(config_file)) is None:
        return None
    store = store_for(config_file, lang)
    seed(store)
    return KeptPages(store, level)


def seed(store: str) -> None:
    """On a process's first build of a site: the pages the previous build process sealed, if any."""
    if store not in kept:
        found = usercache.load(os.path.join(store, CARRIED))
        kept[store] = found if isinstance(found, dict) else {}


def carry(pages: KeptPages, texts: Mapping[str, str | bytes]) -> None:
    """Keep this build's account and person pages (``texts``: their text by source path) for the next build."""
    pages.remember(texts)
    usercache.dump(pages.store, CARRIED, pages.pages)


SECTIONS = "carried-sections"
"""The sealed search sections of a site's last build, by a hash of each generated page's HTML."""


class CarriedSections:
    """Search sections of generated pages carried from one build process to the next, keyed by the page's HTML.

    A page's sections are a function of its HTML alone (:func:`generator.render.search_text.sections`),
    so a hash of the HTML is the whole key: an unchanged page is not walked again.
    """

    def __init__(self, store: str) -> None:
        self.store = store
        self.before: dict[bytes, Any] = versioned(usercache.load(os.path.join(store, SECTIONS))) or {}
        self.now: dict[bytes, Any] = {}
        self.hits = 0

    def get(self, page_html: str, make: Callable[[str], T]) -> T:
        """``make(page_html)``, or its value from the previous build when the HTML is the same."""
        key = hashlib.blake2b(page_html.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if key in self.before:
            self.hits += 1
            value: T = self.before[key]
        else:
            value = make(page_html)
        self.now[key] = value
        return value

    def find(self, page_html: str) -> list[Section] | None:
        """A page's search sections (:func:`generator.render.search_text.sections`), carried when its HTML is the same.

        Each page's sections are kept as one JSON string: kept as objects, the sections of every page
        (their text in thousands of small strings) were held from the first page to the end of the build
        and took several times the room of the text itself; the string is read back only when indexed.
        """
        packed = self.get(page_html, make=_pack)
        return None if packed is None else [Section(*fields) for fields in json.loads(packed)]

    def save(self) -> None:
        """Seal this build's sections for the next build (only those of this build's pages)."""
        usercache.dump(self.store, SECTIONS, (code_version(), self.now))


RULES = "carried-rules"
"""The sealed per-dossier rule results of the project's last build (:mod:`.rules`)."""
MEMOS = {"rules": RULES, "redaction": "carried-redaction", "scores": "carried-scores"}
"""The process-wide memos carried from one build process to the next (:mod:`.memo`), by sealed blob name."""


def carry_rules_in(config_file: str | None) -> None:
    """For ``mkdocs build`` and a server's first build: seed the memos of :data:`MEMOS` from the last process's.

    Their keys are content keys (settings, the audience level, roster digest, each dossier's files
    and digests): a dossier whose files did not change is not checked, redacted or scored again
    (its account scores; people, roll-ups and changes span accounts and are computed again).
    """
    folder = usercache.project_folder(usercache.project_of(config_file))
    if folder is None or _state.get("rules"):
        return
    _state["rules"] = True  # once a process: later builds of a server keep the memos in memory
    for name, blob in MEMOS.items():
        found = versioned(usercache.load(os.path.join(folder, blob)))
        if found is not None:
            carry_in(name, found)


def carry_rules_out(config_file: str | None) -> None:
    """Seal this build's rule results, redacted copies and account scores for the next build."""
    folder = usercache.project_folder(usercache.project_of(config_file))
    if folder is not None:
        for name, blob in MEMOS.items():
            usercache.dump(folder, blob, (code_version(), carried(name)))


def carry_served() -> None:
    """When ``mkdocs serve`` stops: seal each site's kept pages for the next process, as a build does."""
    for store, pages in kept.items():
        usercache.dump(store, CARRIED, pages)


def _pack(page_html: str) -> str | None:
    """A page's search sections as JSON, ``None`` as :func:`generator.render.search_text.sections` gives it."""
    found = sections(page_html)
    if found is None:
        return None
    return json.dumps([[s.tag, s.depth, s.id, s.title, s.text] for s in found], ensure_ascii=False)
