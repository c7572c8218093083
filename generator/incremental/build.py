"""One MkDocs build's speed work, for the plugin's hooks to call: the plugin itself only wires.

* before gathering: the content-keyed load cache and the rule results carried from the last build
  (:mod:`.carried`);
* adding the pages: under ``mkdocs serve --dirty`` from the page store (:mod:`.store`), else as
  lazy files whose text arrives from worker processes, account and person pages carried over
  from the previous build where unchanged (:mod:`.compose`);
* while MkDocs reads, converts and indexes pages: heavy blocks lifted out and put back
  (:mod:`.lift`), search sections carried over, theme templates compiled once a server (:mod:`.theme`);
* after the build: what it carries to the next build sealed in the user's cache.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any, cast

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from .. import usercache
from ..config import Settings
from ..model.portfolio import gc_paused, long_lived
from ..publish.atomic import check_targets_in
from ..render.direct import Converted, Permalink
from ..render.generate import Gathered
from ..render.parallel import Pages
from ..render.search_text import Section, sections
from ..render.unavailable import unavailable_pages
from . import carried, fragments, lift, load_blobs, site_wiring, store
from .compose import Whole, accounts_first, accounts_of, compose
from .pages import KeptPages
from .ready import Made, Prepared, prepare
from .site import CarriedSite
from .theme import reuse_compiled_theme

log = logging.getLogger("mkdocs.plugins.accountplan")

_served: dict[str, set[str]] = {}
"""Per page store: every page this process served, so a page that can no longer be built gets an error page."""
_server: set[str] = set()
"""``{"serve"}`` in a ``mkdocs serve`` process (from ``on_startup``): after its first build nothing more is frozen."""

_whole: dict[str, Whole] = {}
"""Per page store: the pages of this server's last whole rebuild, which a save's accounts-first rebuild reuses."""
_owed: set[str] = set()
"""Page stores whose last rebuild put the accounts first: the next one is whole."""
_sections_read: set[str] = set()
"""Page stores whose carried search sections this server may read (at its first build only: :meth:`Build.whole`)."""


@contextlib.contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """Nothing below an error logged through ``logger`` while the block runs."""
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class PageFile(File):
    """A generated page whose text is taken from :class:`Pages` when MkDocs first reads it.

    Large portfolios render account pages in worker processes; reading the page waits for
    its worker, so MkDocs converts early pages while later ones are still being rendered.
    """

    pages: Pages | None = None

    @property
    def content_string(self) -> str:
        """The page text, waiting for its worker if needed."""
        assert self.pages is not None
        return self.pages[self.src_uri]

    @content_string.setter
    def content_string(self, value: str) -> None:
        assert self.pages is not None
        self.pages[self.src_uri] = value

    @property
    def content_bytes(self) -> bytes:
        """The page text as UTF-8."""
        return self.content_string.encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.content_string = value.decode("utf-8")


class Build:
    """The incremental state of one build of the plugin (MkDocs makes a new plugin for every rebuild)."""

    def __init__(self) -> None:
        self.pages: Pages | None = None
        self.blocks: dict[str, str] = {}
        """Heavy HTML blocks lifted out of this build's pages, by name (:mod:`.lift`)."""
        self.kept: KeptPages | None = None
        """``mkdocs build``: the account and person pages carried over from the previous build."""
        self.carried: dict[str, bytes] = {}
        """The account and person pages of this build, by source path, for the next build."""
        self.sections: carried.CarriedSections | None = None
        """``mkdocs build``: search sections of the previous build's generated pages, by their HTML."""
        self.prepared = Prepared(None)
        """HTML and search sections the page workers made (:mod:`.ready`)."""
        self.store: str | None = None
        """Under ``serve --dirty``, at a server's first build: the page store whose carried search sections
        :meth:`whole` may read."""
        self.keys: Mapping[str, str] = {}
        """The content key of each account and person page of this build, by source path (:class:`.pages.KeptPages`)."""
        self.owed = False
        """Under ``serve --dirty``: this rebuild put the changed accounts' pages first; the rest needs another one."""
        self.seeded: CarriedSite | None = None
        """Under ``serve --dirty``, at a server's first build into an empty folder: the last ``accountplan build``'s
        site it starts from (:meth:`seed`)."""

    @staticmethod
    def startup(command: str, dirty: bool) -> None:
        """Remember ``mkdocs serve --dirty`` for the life of the process (later rebuilds use new plugin instances);
        only a server keeps the load cache's blobs from one load to the next."""
        store.note_startup(command, dirty)
        load_blobs.keep_between_loads(command == "serve")
        if command == "serve":
            _server.add(command)

    @staticmethod
    def serving() -> bool:
        """Whether this process is ``mkdocs serve --dirty``."""
        return store.dirty_serving()

    @staticmethod
    def shutdown(config_file: str | None) -> None:
        """When ``mkdocs serve --dirty`` stops: seal its kept pages and memos for the next process, as a build does;
        nothing with caching off (its page store, a folder of its own, is deleted as the process exits)."""
        if store.dirty_serving() and usercache.project_cache(config_file) is not None:
            carried.carry_served()
            store.seal_keys()
            fragments.save_all()
            carried.carry_rules_out(config_file)

    @staticmethod
    def load_cache(config_file: str | None) -> str | None:
        """The load cache folder for gathering; a process's first build reads the carried rule results in.

        With the cyclic collector paused, as for loading: unpickling the memos (every dossier's redacted
        copy, scores and rule results) made millions of objects, and the collector scanned them again and
        again as they piled up — 6.2-7.3 CPU s of a server's start at N=1000, 1.4-1.5 s without it.
        """
        with gc_paused():
            carried.carry_rules_in(config_file)
        return usercache.project_cache(config_file)

    def add(self, files: Files, config: MkDocsConfig, gathered: Gathered, settings: Settings, lang: str,
            permalink: Permalink | None = None, *, accounts_first: bool = False) -> Files:
        """Every generated page of ``gathered`` added to MkDocs' ``files`` (an id climbing out of the site is refused:
        :class:`generator.publish.atomic.OutsideFolder`); ``permalink``: generated pages bypass Markdown with these
        settings (:mod:`generator.mkdocs_plugin.direct`), and their workers convert them. ``accounts_first``: under
        ``serve --dirty``, a save may rebuild the changed accounts' pages alone first (:attr:`owed` then says so)."""
        self._stop_workers()
        self.blocks = {}
        self.prepared = Prepared(permalink)
        if store.dirty_serving():  # only pages whose inputs changed are rendered and rebuilt
            self.pages = self._served(files, config, gathered, settings, lang, accounts_first)
            return files
        self.kept = carried.carried_pages(config.config_file_path, lang, gathered.level)
        self.carried = {}
        self.sections = carried.CarriedSections(self.kept.store) if self.kept else None
        self.keys = self.kept.keys if self.kept is not None else {}
        self.pages = compose(gathered, settings, lang, self.blocks, directory_urls=config.use_directory_urls,
                             kept=self.kept, prepare=partial(prepare, permalink=permalink) if permalink else None)
        if self.kept is not None:
            log.info(f"accountplan: {self.kept.hits} of {len(self.kept.keys)} account and person pages "
                     "carried over from the previous build")
            used = fragments.fragments(self.kept.store).now
            log.info(f"accountplan: {len(used) - sum(fragments.last.values())} of {len(used)} lines of the "
                     "portfolio-wide pages carried over from the previous build")
        check_targets_in(config.site_dir, self.pages)  # ids are checked when loading; this is defence in depth
        for src_uri in self.pages:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            generated = cast(PageFile, PageFile.generated(config, src_uri, content=""))
            generated.pages = self.pages
            files.append(generated)
        # The loaded portfolio, the site and its scores are frozen (generator.model.portfolio) and
        # acyclic, but Jinja's macro modules and contexts of the pages rendered here form cycles
        # that still reach them: one full collection now frees ≈150 MB at 1,000 accounts before
        # MkDocs converts any page, instead of whenever the collector next runs a full pass.
        gc.collect()
        return files

    def _served(self, files: Files, config: MkDocsConfig, gathered: Gathered, settings: Settings, lang: str,
                first: bool) -> Pages:
        """Under ``serve --dirty``: render only the pages whose inputs changed, and serve all from the store.

        With ``first``, after a whole rebuild, a save renders only the account pages whose inputs
        changed and keeps every other page as that rebuild left it, so the page being edited shows sooner;
        the next rebuild, which the plugin asks for a second later, is whole again (Hugo's fast render mode).
        """
        folder = store.store_for(config.config_file_path, lang)
        carried.seed(folder)  # a server's first build starts from the pages of the last build, if one left them
        if folder not in _sections_read and usercache.project_cache(config.config_file_path):
            _sections_read.add(folder)
            self.store = folder
        whole = _whole.get(folder) if first and folder not in _owed else None
        kept = KeptPages(folder, gathered.level)
        accounts = accounts_of(gathered, settings, lang, kept, directory_urls=config.use_directory_urls)
        if whole is not None and (found := accounts_first(accounts, kept, whole)) is not None:
            pages, self.owed = found, True
            self.blocks.update(whole.blocks)  # a kept page MkDocs writes again (its HTML file gone) gets its blocks
            _owed.add(folder)
            log.info("accountplan: the changed accounts' pages first; the portfolio-wide and people's pages follow "
                     "in the next rebuild")
        else:
            pages, self.owed = compose(gathered, settings, lang, self.blocks, directory_urls=config.use_directory_urls,
                                       kept=kept, packed=False, accounts=accounts), False
            _owed.discard(folder)
            _whole[folder] = Whole(list(pages), {src: pages[src] for src in pages if src not in kept.keys},
                                   dict(self.blocks), kept.common(accounts.site))
        # A page served before whose dossier (or roster) no longer loads would keep its stale HTML: replace it.
        served = _served.setdefault(folder, set())
        gone = unavailable_pages(served - set(pages), gathered.shown, settings.accounts, lang,
                                 directory_urls=config.use_directory_urls)
        served.update(pages)
        for src, text in gone.items():
            pages[src] = text
        store.add_page_files(files, config, pages, folder, kept.keys)  # unchanged keys: files not read
        kept.remember(pages)
        self.keys = kept.keys
        return pages

    def whole(self) -> None:
        """Under ``serve --dirty``: this server's first build writes every page (its kept folder starts empty).

        It then indexes the pages with the search sections the last ``mkdocs build`` carried (read only,
        by each page's HTML, as a build does), instead of walking every page's HTML again. A start that
        rebuilds only a few pages does not read them (≈ 50 MB, 0.25 CPU s at N=1000).
        """
        if self.store is not None:
            self.sections = carried.CarriedSections(self.store)

    def seed(self, config: MkDocsConfig, today: dt.date) -> None:
        """Under ``serve --dirty``, when this server's first build starts from an empty folder: start it from the site
        the last ``accountplan build`` carried (:mod:`.site`), when that is this server's site to the byte.

        A server keeps the configured ``site_url`` (:mod:`generator.mkdocs_plugin.preview`), so that its pages are the
        build's; the carried site's checks then hold as for a build (the same signature, files and navigation, each
        file by its content), and only the pages that differ are built. The files are restored while the build
        gathers when it is called that early (``on_config``), and the restored files are dated when the changed pages
        are known (``on_nav``), so that MkDocs' own ``--dirty`` skips them on later saves too (they are newer than the
        page store's files). The carried site is read, never replaced; its search entries make this server's index
        whole (:meth:`merge_served`).

        It is signed as the build signed its own: the settings file as loaded, before the plugins' ``on_config``,
        with the date ``today`` handed to the plugin as ``accountplan build`` hands it over.
        """
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        try:
            with _quiet(logging.getLogger("mkdocs")):  # what it says of the settings, this build has said
                signed = load_config(config_file=config.config_file_path)
        except (MkDocsException, OSError, ValueError):  # changed meanwhile: the rebuild it causes will say
            return
        plugin = signed.plugins.get("accountplan")
        if plugin is not None and "today" in plugin.config:
            plugin.config["today"] = today
        self.seeded = site_wiring.begin(config, keep=False, signed=signed)

    def merge_served(self, entries: list[dict[str, Any]] | None) -> bool:
        """Under ``serve --dirty``, before the search plugin writes: a seeded first build's index made whole.
        Whether it was."""
        return self.seeded is not None and entries is not None and self.seeded.merge_served(entries)

    def read(self, file: File) -> str | None:
        """A generated page's text for MkDocs, its heavy blocks lifted out, dropped from :class:`Pages`.

        MkDocs keeps the page's Markdown (the text without its frontmatter) to the end of the
        build; keeping the full text here as well held every generated page twice (≈150 MB
        at 1,000 accounts). ``None`` for a page of the docs folder.
        """
        if self.pages is None or not file.generated_by:
            return None
        # Under serve --dirty the page comes from the page store.
        text = self.take(file.src_uri) if isinstance(file, PageFile) and file.pages is not None else file.content_string
        return lift.lift(text, self.blocks)

    def take(self, src_uri: str) -> str:
        """A generated page's text, no longer held by :class:`Pages`; kept for the next build's memo if it has a key."""
        assert self.pages is not None
        text, packed = self.pages.release_packed(src_uri)
        if (ready := self.pages.prepared.pop(src_uri, None)) is not None:
            self.prepared.add(ready)
        if self.kept is not None and src_uri in self.kept.keys:
            self.carried[src_uri] = self.kept.packed(src_uri, text, packed)
        return text

    def skip(self, src_uri: str) -> None:
        """A generated page a carried site does not rebuild: dropped unread, kept for the next build's memo."""
        assert self.pages is not None
        if self.seeded is not None:  # a server's page, in its store: nothing to keep
            self.pages.drop(src_uri)
            return
        packed = self.kept.reused(src_uri) if self.kept is not None else None
        if packed is None:
            self.take(src_uri)
            return
        self.pages.drop(src_uri)
        self.pages.prepared.pop(src_uri, None)
        self.carried[src_uri] = packed

    @staticmethod
    def depend(src_uri: str, paths: Callable[[], set[str]]) -> None:
        """Under ``accountplan build`` with a carried site: ``paths()``, the output paths a generated page's links may
        lead to, kept in its record (a later build whose files differ by one of them rebuilds it)."""
        if (carried_site := site_wiring.active()) is not None:
            carried_site.depend(src_uri, paths())

    def page_key(self, src_uri: str) -> str | None:
        """The content key of an account or person page of this build (its text is a function of it), else ``None``."""
        return self.keys.get(src_uri)

    def nav(self, nav: Navigation, files: Files) -> None:
        """Under ``serve --dirty``: titles of the generated navigation pages MkDocs will not read again.

        Under ``accountplan build``: the previous build's site decides which files are built (:mod:`.site`).
        """
        if store.dirty_serving() and self.pages is not None:
            store.nav_titles(nav, self.pages)
        if (carried_site := site_wiring.active()) is not None:
            carried_site.attach(files, nav, self.skip, self.page_key)

    @staticmethod
    def env(env: jinja2.Environment, config: MkDocsConfig) -> jinja2.Environment:
        """Under ``serve --dirty``: theme templates compiled once for the server, not once per rebuild.

        Under ``accountplan build`` with a carried site: what is read of the pages not rebuilt. A build with
        the user's cache compiles the theme's templates only when the previous build did not.
        """
        if (carried_site := site_wiring.active()) is not None:
            carried_site.complete(config)
        if store.dirty_serving():
            return reuse_compiled_theme(env)
        return carried.carried_templates(env, config.config_file_path, "theme")  # compiled by the previous build

    def blocks_in(self, page_html: str) -> list[tuple[str, str]]:
        """The name and text of each heavy block lifted out of a converted page (they are part of what it links to)."""
        return list(lift.lifted(page_html, self.blocks))

    def convert(self, markdown: str, permalink: Permalink) -> Converted | None:
        """A generated page's direct HTML (:func:`generator.render.direct.convert`), made by its worker if it was."""
        return self.prepared.convert(markdown, permalink)

    def made(self, page_html: str, *, take: bool = False) -> Made | None:
        """What the worker that converted a generated page made of exactly ``page_html`` beside it, if one did
        (:meth:`.ready.Prepared.made`)."""
        return self.prepared.made(page_html, take=take)

    def find_sections(self, page_html: str) -> list[Section] | None:
        """A generated page's search sections: made by its worker, or carried over from the previous build when
        its HTML is the same, else walked now."""
        made = self.prepared.sections(page_html)
        if self.sections is None and made is None:
            return sections(page_html)
        packed = made
        if self.sections is not None:  # kept for the next build, as a walk's result is
            packed = self.sections.get(page_html, lambda html: made or carried.packed_sections(html))
        return carried.unpacked_sections(packed)

    def restore(self, page_html: str, file: File) -> str:
        """A finished generated page with its heavy blocks put back."""
        return lift.restore(page_html, self.blocks) if file.generated_by and self.pages is not None else page_html

    def finish(self, config_file: str | None) -> None:
        """After a whole build: seal what it carries to the next one; stop any page workers still running."""
        if self.seeded is not None:
            self.seeded.save()  # its restored files dated (the index was made whole before the search plugin wrote)
        if self.kept is not None:
            carried.carry(self.kept, self.carried)
            fragments.fragments(self.kept.store).save()
            self.kept, self.carried = None, {}
        if self.sections is not None and not store.dirty_serving():
            self.sections.save()
            carried.carry_rules_out(config_file)
        elif self.sections is not None and self.sections.hits:  # a server only reads the build's sections
            log.info(f"accountplan: search sections of {self.sections.hits} pages carried over from the previous build")
        self.sections = None
        self.close()
        if _server:
            long_lived()  # a server's first build done: its saves freeze nothing (their garbage is collected)

    def close(self) -> None:
        """Stop the workers of the previous build's pages, if any; end a server's use of a carried site."""
        if self.seeded is not None:
            site_wiring.end(self.seeded)
            self.seeded = None
        self._stop_workers()

    def _stop_workers(self) -> None:
        if self.pages is not None:
            self.pages.close()
            self.pages = None
