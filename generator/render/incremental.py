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
``--dirty``). ``mkdocs build`` never goes through the page store; it carries only the account memo
(:func:`carried_memo`, :func:`carry`) from one build process to the next.

MkDocs creates new plugin instances for every rebuild under ``serve`` and calls
``on_startup`` only once, so whether this process serves dirty is kept here, at module
level, for the life of the server process.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import jinja2
import jinja2.bccache

from .. import usercache
from ..memo import carried, carry_in, digest, dossier_key
from ..publish.atomic import OutsideFolder, target_in, write_bytes_atomic
from .generate import Gathered, generate
from .movement import gains, movement_of
from .theme_files import theme_dir
from .unavailable import unavailable_pages

T = TypeVar("T")

if TYPE_CHECKING:
    from ..config import Settings
    from ..model.portfolio import Dossier
    from .context import Site
    from .parallel import Pages

STORE = "pages"
"""The page stores' folder, inside the project's cache folder (:func:`generator.usercache.project_folder`)."""

_state: dict[str, Any] = {"dirty": False}
_served: dict[str, set[str]] = {}
"""Per store folder: every page this process served, so a page that can no longer be built gets an error page."""
_written: dict[str, dict[str, str]] = {}
"""Per store folder: each page's text as last written by this process.

The account and person memos hold the same string objects, so keeping them costs no memory
for those pages, and an unchanged page is recognised by identity (a reused page) or one
string comparison, without hashing 150 MB of page text on every rebuild."""


def note_startup(command: str, dirty: bool) -> None:
    """Remember, for the life of the process, whether it is ``mkdocs serve --dirty`` (from ``on_startup``)."""
    _state["dirty"] = command == "serve" and dirty


def dirty_serving() -> bool:
    """Whether this process is ``mkdocs serve --dirty``, where generated pages should come from the store."""
    return bool(_state["dirty"])


def load_cache(config_file: str | None) -> str | None:
    """The content-keyed load cache folder (``None`` when caching is off).

    The project's folder in the user's cache (the one ``accountplan check`` uses), so that
    every rebuild of one server, and every build after the first (a merge build in CI with
    the folder restored), parses only the files whose bytes changed.
    """
    return usercache.project_folder(usercache.project_of(config_file))


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
    unchanged page keeps its old time there too (:mod:`generator.preview` keeps that server's HTML).
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


def add_pages(files: Any, config: Any, gathered: Gathered, settings: Settings, lang: str) -> Pages:
    """Under ``serve --dirty``: render only the account pages whose inputs changed, and serve all from the store."""
    store = store_for(config.config_file_path, lang)
    _seed(store)  # a server's first build starts from the pages of the last build, if one left them
    memo = AccountMemo(store, gathered.level)
    pages = generate(gathered, settings, lang, directory_urls=config.use_directory_urls, reuse=memo.reuse,
                     reuse_person=memo.reuse_person, lifting=True)
    # A page served before whose dossier (or roster) no longer loads would keep its stale HTML: replace it.
    served = _served.setdefault(store, set())
    gone = unavailable_pages(served - set(pages), gathered.shown, settings.accounts, lang,
                             directory_urls=config.use_directory_urls)
    served.update(pages)
    for src, text in gone.items():
        pages[src] = text
    add_page_files(files, config, pages, store)
    memo.remember(pages)
    return pages


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


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates kept for the life of the server (Jinja checks each against its source's hash)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` when this template was compiled before."""
        data = self.code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a freshly compiled template."""
        self.code[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def reuse_compiled_theme(env: jinja2.Environment) -> jinja2.Environment:
    """Let MkDocs' theme environment reuse the templates compiled by earlier rebuilds of this server.

    MkDocs makes a new Jinja environment for every rebuild, so the theme's templates
    (Material has dozens) would be compiled again after every save; an edited template
    has another source hash and is compiled again.
    """
    env.bytecode_cache = _compiled
    return env


_PACKAGE = Path(__file__).resolve().parents[1]
_THEME = theme_dir()


@cache
def code_version() -> str:
    """Hash of the generator's Python source: a server runs one version of it for its whole life."""
    from ..load.cache import sources_digest

    return sources_digest("", sorted(_PACKAGE.rglob("*.py")))


def theme_version() -> str:
    """Name and bytes of every theme file: templates can change while a server runs (Jinja reloads them).

    Content, not file times: a CI checkout gives every file a new time, and a build with the
    previous build's cache restored must still recognise the same theme (156 KB, read once a build).
    """
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_THEME.rglob("*")) if _THEME.is_dir() else ():
        with contextlib.suppress(OSError):
            if path.is_file():
                digest.update(f"{path.relative_to(_THEME)}|".encode() + path.read_bytes() + b"\n")
    return digest.hexdigest()


_memos: dict[str, dict[str, tuple[str, str]]] = {}
"""Per page store: each account page's memo key and text from this process's last build."""


class AccountMemo:
    """Account and person pages kept from the previous build of this server, reused while no input changed.

    An account page is a function of its dossier's files (their content digests), the
    portfolio-wide inputs (code and theme, language, link style, settings — which hold
    today, rules, limits, scoring and profiles —, the audience level, the roster, whether
    changes are shown, the commit ``HEAD`` names when the history is shown) and the account's
    own derived inputs (findings, last change; its scores and their change follow from its
    dossier and the settings). All of them go into the key, so any change that
    could alter the page renders it again; everything else is reused unread. A person's
    page is a function of the same portfolio-wide inputs, every dossier that names the
    person (team, contact owner, activity) and the person's scores and their change.
    """

    def __init__(self, store: str, level: str) -> None:
        self.store = store
        self.memo = _memos.setdefault(store, {})
        self.level = level
        self.hits = 0
        """How many pages were reused."""
        self.keys: dict[str, str] = {}
        """Key of every account page of this build, by source path (remembered with its text after the build)."""
        self._common: str | None = None

    def common(self, site: Site) -> str:
        """The part of every key that is the same for all accounts of one build."""
        if self._common is None:
            roster = site.portfolio.roster
            history = movement_of(site)  # a new commit (HEAD moved) changes every page's history section
            parts = [code_version(), theme_version(), site.t.lang, str(site.directory_urls), repr(site.settings),
                     self.level, roster.digest if roster else "-", str(bool(site.deltas)),
                     f"{history.head}|{history.available}" if history else "-"]
            self._common = digest(parts)
        return self._common

    def key(self, site: Site, dossier: Dossier) -> str:
        """The memo key of one account page."""
        # The account's scores and their change since the quarter start are functions of its dossier and the
        # settings (``score_account``), both in the key already; findings can come from other files (references).
        # Its history and change since the quarter start come from git, which moves between two builds.
        parts = [self.common(site), dossier_key(dossier),
                 repr(site.findings.get(dossier.slug, [])), repr(site.changed.get(dossier.slug)),
                 repr(sorted(site.deltas.get(("account", dossier.slug), {}).items())), _history(site, dossier.slug)]
        return digest(parts)

    def person_key(self, site: Site, person_id: str) -> str:
        """The memo key of one person's page: the roster, every dossier naming them, their scores."""
        from .team import touches

        parts = [self.common(site), person_id, *(f"{slug}|{dossier_key(dossier)}"
                                                 for slug, dossier in sorted(touches(site, person_id).items())),
                 repr(site.person_score(person_id)), repr(sorted(site.deltas.get(("person", person_id), {}).items())),
                 _history(site, person_id, person=True)]
        return digest(parts)

    def reuse(self, site: Site, dossier: Dossier) -> str | None:
        """The page's text from the previous build when its key is unchanged, else ``None`` (render it)."""
        from . import paths

        return self._kept(paths.account_page(dossier.slug), self.key(site, dossier))

    def reuse_person(self, site: Site, person_id: str) -> str | None:
        """A person's page from the previous build when its key is unchanged, else ``None``."""
        from . import paths

        return self._kept(paths.person_page(person_id), self.person_key(site, person_id))

    def _kept(self, src: str, key: str) -> str | None:
        self.keys[src] = key
        kept = self.memo.get(src)
        if kept is None or kept[0] != key:
            return None
        self.hits += 1
        return kept[1]

    def remember(self, pages: Mapping[str, str]) -> None:
        """Keep this build's account pages for the next one; pages of accounts that are gone are dropped."""
        self.memo.clear()
        for src, key in self.keys.items():
            if src in pages:
                self.memo[src] = (key, pages[src])


def _history(site: Site, name: str, *, person: bool = False) -> str:
    """What an account page (or with ``person``, a person's page) shows of the git history."""
    found = movement_of(site)
    if found is None:
        return "-"
    head = repr((found.as_of, found.ends, found.available, found.shallow, found.first))
    return head + repr(gains(site).get(name, []) if person else found.accounts.get(name))


CARRIED = "carried-pages"
"""The sealed account memo of a site's last build, in its page store folder."""


def carried_memo(config_file: str | None, lang: str, level: str) -> AccountMemo | None:
    """For ``mkdocs build``: account and person pages of the previous build of this site, from the user's cache.

    The first build of a process reads the memo the previous process sealed (:func:`carry`), so a
    merge build with the cache folder restored renders only the pages whose inputs changed; the keys
    are the serve path's (:class:`AccountMemo`). ``None`` when caching is off. A blob that is missing,
    damaged or not sealed with this user's key is never unpickled: every page is then rendered.
    """
    if usercache.project_folder(usercache.project_of(config_file)) is None:
        return None
    store = store_for(config_file, lang)
    _seed(store)
    return AccountMemo(store, level)


def _seed(store: str) -> None:
    """On a process's first build of a site: the account memo the previous build process sealed, if any."""
    if store not in _memos:
        kept = usercache.load(os.path.join(store, CARRIED))
        _memos[store] = kept if isinstance(kept, dict) else {}


def carry(memo: AccountMemo, pages: Mapping[str, str]) -> None:
    """Keep this build's account and person pages (``pages``: their text by source path) for the next build."""
    memo.remember(pages)
    usercache.dump(memo.store, CARRIED, memo.memo)


def carry_served() -> None:
    """When ``mkdocs serve`` stops: seal each site's account memo for the next process, as a build does."""
    for store, memo in _memos.items():
        usercache.dump(store, CARRIED, memo)


SECTIONS = "carried-sections"
"""The sealed search sections of a site's last build, by a hash of each generated page's HTML."""


class CarriedSections:
    """Search sections of generated pages carried from one build process to the next, keyed by the page's HTML.

    A page's sections are a function of its HTML alone (:func:`generator.render.search_text.sections`),
    so a hash of the HTML is the whole key: an unchanged page is not walked again.
    """

    def __init__(self, store: str) -> None:
        self.store = store
        self.before: dict[bytes, Any] = _versioned(usercache.load(os.path.join(store, SECTIONS))) or {}
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

    def save(self) -> None:
        """Seal this build's sections for the next build (only those of this build's pages)."""
        usercache.dump(self.store, SECTIONS, (code_version(), self.now))


RULES = "carried-rules"
"""The sealed per-dossier rule results of the project's last build (:mod:`generator.rules.memo`)."""
MEMOS = {"rules": RULES, "redaction": "carried-redaction", "scores": "carried-scores"}
"""The process-wide memos carried from one build process to the next (:mod:`generator.memo`), by sealed blob name."""


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
        kept = _versioned(usercache.load(os.path.join(folder, blob)))
        if kept is not None:
            carry_in(name, kept)


def carry_rules_out(config_file: str | None) -> None:
    """Seal this build's rule results, redacted copies and account scores for the next build."""
    folder = usercache.project_folder(usercache.project_of(config_file))
    if folder is not None:
        for name, blob in MEMOS.items():
            usercache.dump(folder, blob, (code_version(), carried(name)))


def _versioned(kept: Any) -> dict[Any, Any] | None:
    """The values of a carried blob ``(code_version(), values)`` written by this version of the code, else ``None``."""
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == code_version() and isinstance(kept[1], dict):
        return kept[1]
    return None
