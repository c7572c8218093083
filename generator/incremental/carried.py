"""What one ``mkdocs build`` carries to the next build process, sealed in the user's cache.

The kept account and person pages (:mod:`.pages`), the search sections of the generated pages,
the per-dossier rule results, redacted copies and scorecards (the memos of :data:`MEMOS`, in
:data:`SHARDS` blobs each) and the compiled Jinja templates: each under content keys, so a merge
build with the previous build's cache folder restored (CI) renders, indexes, checks, redacts and
scores only what an edit changed. A blob that is missing, damaged or not sealed with this user's
key is never unpickled (:mod:`generator.usercache`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Hashable, Mapping
from importlib import metadata
from typing import Any, TypeVar

import jinja2
import jinja2.bccache

from .. import usercache
from ..render.parallel import pack, unpack
from ..render.search_text import Section, sections
from ..render.templating import environment
from .memo import carried, carry_in, memo
from .pages import KeptPages, kept
from .redact import carried_form
from .store import store_for
from .theme import CompiledTemplates
from .versions import code_version, versioned

T = TypeVar("T")
log = logging.getLogger("mkdocs.plugins.accountplan")

_state = {"rules": False}
"""Whether this process has read the rule results in (once a process: later builds keep them in memory)."""


CARRIED = "carried-pages"
"""The sealed account and person pages of a site's last build, in its page store folder."""


def carried_pages(config_file: str | None, lang: str, level: str) -> KeptPages | None:
    """For ``mkdocs build``: account and person pages of the previous build of this site, from the user's cache.

    The first build of a process reads the pages the previous process sealed (:func:`carry`), so a
    merge build with the cache folder restored renders only the pages whose inputs changed; the keys
    are the serve path's (:class:`.pages.KeptPages`). ``None`` when caching is off. A blob that is missing,
    damaged or not sealed with this user's key is never unpickled: every page is then rendered.
    """
    if usercache.project_cache(config_file) is None:
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

        Each page's sections are kept as one compressed JSON text (:func:`packed_sections`): kept as objects, the
        sections of every page (their text in thousands of small strings) were held from the first page to the
        end of the build and took several times the room of the text itself; kept as a ``str``, a page with one
        character beyond Latin-1 took two or four bytes a character (95 MB at 1,000 accounts, 10 MB compressed).
        They are read back only when indexed.
        """
        return unpacked_sections(self.get(page_html, make=packed_sections))

    def save(self) -> None:
        """Seal this build's sections for the next build (only those of this build's pages)."""
        usercache.dump(self.store, SECTIONS, (code_version(), self.now))


RULES = "carried-rules"
"""The sealed per-dossier rule results of the project's last build (:mod:`.rules`)."""
MEMOS = {"rules": RULES, "redaction": "carried-redaction", "scores": "carried-scores"}
"""The process-wide memos carried from one build process to the next (:mod:`.memo`), by sealed blob name."""
SHARDS = 32
"""Each memo is sealed in this many blobs (``<name>.<shard>``), its entries spread by a hash of their key.

A one-account edit changes a few entries of each memo (the edited dossier's, the people who serve it):
only the blobs holding them are sealed again, not 50 MB of redacted copies and scores that did not change.
"""

_FORMS: dict[str, Callable[[Hashable, Any], Any]] = {"redaction": carried_form}
"""How a memo's entries are sealed, where not as they are: a redacted copy as :class:`.redact.Frozen`, sharing the
dossier the next build loads instead of carrying a second copy of it."""


_read: dict[tuple[str, str, int], frozenset[Hashable]] = {}
"""The keys of each memo blob as this process read or last wrote it (a blob with the same keys holds the
same values: every key is a content key), by cache folder, memo name and shard."""


def carry_rules_in(config_file: str | None) -> None:
    """For ``mkdocs build`` and a server's first build: seed the memos of :data:`MEMOS` from the last process's.

    Their keys are content keys (settings, the audience level, roster digest, each dossier's files
    and digests; a person's scorecard names the keys of the account scorecards it reads): a dossier
    whose files did not change is not checked, redacted or scored again, and a person whose inputs
    did not change is not scored again (roll-ups and changes since the quarter began are computed again).
    """
    folder = usercache.project_cache(config_file)
    if folder is None or _state.get("rules"):
        return
    _state["rules"] = True  # once a process: later builds of a server keep the memos in memory
    carried_templates(environment(), config_file, "pages")
    for name, blob in MEMOS.items():
        values: dict[Hashable, Any] = {}
        for shard in range(SHARDS):
            found = versioned(usercache.load(os.path.join(folder, _shard_name(blob, shard))))
            if found is not None:
                values.update(found)
                _read[folder, name, shard] = frozenset(found)
        if values:
            carry_in(name, values)


def carry_rules_out(config_file: str | None) -> None:
    """Seal this build's rule results, redacted copies and scores for the next build: the blobs whose keys changed."""
    folder = usercache.project_cache(config_file)
    if folder is None:
        return
    for templates in _templates.values():
        templates.save()
    used = {name: carried(name) for name in MEMOS}
    (rules, of_rules), (redacted, of_redacted), (scores, of_scores) = (
        (len(used[name]) - memo(name).computed, len(used[name])) for name in ("rules", "redaction", "scores"))
    log.info(f"accountplan: carried over from the previous build: {rules} of {of_rules} dossiers' rule results, "
             f"{redacted} of {of_redacted} redacted dossiers, {scores} of {of_scores} scorecards")  # one template
    for name, blob in MEMOS.items():
        parts: list[dict[Hashable, Any]] = [{} for _ in range(SHARDS)]
        for key, value in used[name].items():
            parts[shard_of(key)][key] = value
        form = _FORMS.get(name)
        for shard, part in enumerate(parts):
            keys = frozenset(part)
            if _read.get((folder, name, shard)) != keys:
                if form is not None:
                    part = {key: form(key, value) for key, value in part.items()}
                usercache.dump(folder, _shard_name(blob, shard), (code_version(), part))
                _read[folder, name, shard] = keys


def shard_of(key: Hashable) -> int:
    """The blob of a memo entry: a hash of its key's text, the same in every process (unlike ``hash()``)."""
    return hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"), digest_size=2).digest()[0] % SHARDS


def _shard_name(blob: str, shard: int) -> str:
    return f"{blob}.{shard:02d}"


TEMPLATES = "carried-templates"
"""The sealed compiled Jinja templates of the project's last build, one blob per environment."""


class CarriedTemplates(CompiledTemplates):
    """Compiled templates carried from one build process to the next: a merge build compiles none of them again.

    Jinja checks each against its source's hash before using it, and compiles an edited template again;
    the code is read back only from a blob sealed with the user's key (:mod:`generator.usercache`).
    ``name`` tells the environments apart (a compiled template depends on its environment's options).
    """

    def __init__(self, folder: str, name: str) -> None:
        super().__init__()
        self.path = os.path.join(folder, f"{TEMPLATES}-{name}")
        # Jinja's own check is its bytecode format and Python's version: the compiler's version is checked here.
        self.compiler = f"jinja2 {metadata.version('jinja2')}, mkdocs {metadata.version('mkdocs')}"
        found = versioned(usercache.load(self.path)) or {}
        self.code = found.get(self.compiler) or {}
        self.changed = False

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a freshly compiled template for the next build."""
        super().dump_bytecode(bucket)
        self.changed = True

    def save(self) -> None:
        """Seal the compiled templates when this build compiled any."""
        if self.changed:
            usercache.dump(os.path.dirname(self.path), os.path.basename(self.path),
                           (code_version(), {self.compiler: self.code}))
            self.changed = False


_templates: dict[tuple[str, str], CarriedTemplates] = {}
"""This process's carried templates, by cache folder and environment name."""


def carried_templates(env: jinja2.Environment, config_file: str | None, name: str) -> jinja2.Environment:
    """``env`` compiling its templates once a project, not once a build process (nothing when caching is off)."""
    folder = usercache.project_cache(config_file)
    if folder is not None and env.bytecode_cache is None:
        kept = _templates.get((folder, name))
        env.bytecode_cache = kept if kept is not None else _templates.setdefault((folder, name),
                                                                                 CarriedTemplates(folder, name))
    return env


def carry_served() -> None:
    """When ``mkdocs serve`` stops: seal each site's kept pages for the next process, as a build does."""
    for store, pages in kept.items():
        usercache.dump(store, CARRIED, pages)


def packed_sections(page_html: str) -> bytes | None:
    """A page's search sections as JSON, compressed (:func:`generator.render.parallel.pack`), as the carried sections
    hold them; ``None`` as :func:`generator.render.search_text.sections` gives it."""
    found = sections(page_html)
    if found is None:
        return None
    return pack(json.dumps([[s.tag, s.depth, s.id, s.title, s.text] for s in found], ensure_ascii=False))


def unpacked_sections(packed: bytes | None) -> list[Section] | None:
    """The sections :func:`packed_sections` packed."""
    return None if packed is None else [Section(*fields) for fields in json.loads(unpack(packed))]
