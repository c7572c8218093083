"""The MkDocs plugin: only wiring. Loading, checking, scoring and rendering live in their own stages.

* ``on_config``: the plugin's options become :class:`generator.config.Settings`.
* ``on_files``: gather once (load, validate, redact, score), report every diagnostic through
  MkDocs' log — errors and warnings make ``mkdocs build --strict`` fail; ``accountplan build
  --fail-on error`` (``make site``) fails on the errors only — and add the
  rendered pages as generated files.
* ``on_serve``: ``mkdocs serve`` rebuilds when anything under ``accounts/`` changes
  (:mod:`generator.mkdocs_plugin.watch`: file events, not MkDocs' polling of every file).
* the speed work of the other hooks (pages kept from the last build, ``serve --dirty``'s page store,
  heavy blocks lifted out of the converter, carried search sections): one call each to
  :class:`generator.incremental.build.Build`.

Account pages are not listed in the navigation (that makes a build quadratic in pages);
the portfolio, grouping and team pages link to them.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import translate, usercache
from ..config import Settings, plugin_options
from ..config.forge import forge_from_mkdocs
from ..history.log import history_log
from ..incremental.build import Build
from ..incremental.theme import list_theme_once
from ..incremental.versions import code_version
from ..pipeline import check_settings, gather
from ..publish.atomic import OutsideFolder
from ..publish.linkcheck import broken_among, distinct_links, targets
from ..publish.site import MARKER as SITE_MARKER
from ..publish.site import MARKER_TEXT as SITE_MARKER_TEXT
from ..publish.site import refuse_unsafe_target as refuse_unsafe_site
from ..publish.walk import refuse_published_accounts, refuse_unsafe_folders
from ..render.direct import Permalink
from ..render.markup import MAX_NESTING, too_deep
from ..render.paths import edit_url
from ..translate.language import normalize
from . import direct as mkdocs_direct
from . import loglang, preview, serve_address, watch
from .held import Held
from .inherited import refuse_wider, with_inherited
from .partials import remember_partials
from .report import Reporter
from .search_index import Spool, keep_served, served_entries
from .segment import Segmenting
from .segment import note_startup as segmenting_startup
from .segment import stop_serving as stop_segmenting
from .supply import supply_theme

log = logging.getLogger("mkdocs.plugins.accountplan")
"""Dossier diagnostics: ``accountplan build --fail-on error`` fails on their errors, never on their warnings."""
CACHE_LOG = "mkdocs.plugins.accountplan.cache"
"""A cache folder not used (:func:`generator.usercache.refusals`): a warning that ``--fail-on error`` does not fail
on (the site is the same without a cache); ``--strict`` does, as on every warning."""


def _option(kind: str, default: Any) -> base.BaseConfigOption[Any]:
    """The MkDocs option for a field of :func:`generator.config.plugin_options`.

    Settings are left as given (``None`` when absent, their defaults are :class:`Settings`'s) and checked
    by :meth:`Settings.from_mapping` in ``on_config``, every mistake at once; the build's own flags are
    typed here.
    """
    if kind == "bool":
        return c.Type(bool, default=default)
    if kind == "str | None":
        return c.Optional(c.Type(str))
    return c.Optional(c.Type(object))


def _options() -> type[base.Config]:
    """The plugin's configuration class: one option per field of :func:`generator.config.plugin_options`."""
    namespace = {name: _option(kind, default) for name, kind, default in plugin_options()}
    return type("AccountPlanOptions", (base.Config,), namespace)


class AccountPlanConfig(_options()):  # type: ignore[misc]
    """The plugin's options: the fields of :class:`generator.config.Settings` and :class:`generator.config.Build`
    (one definition of each, its default and its doc there)."""


def _bypass(config: MkDocsConfig) -> Permalink | None:
    """The permalink settings generated pages bypass Markdown with (:mod:`.direct`), ``None`` when they may not."""
    return mkdocs_direct.permalink_settings(config) if os.environ.get("ACCOUNTPLAN_MARKDOWN") != "1" else None


def _error(exc: Exception, config: MkDocsConfig) -> PluginError:
    """A settings or gathering error for MkDocs to print, in the site's language."""
    lang = normalize(config.theme.get("language"))
    return PluginError(translate.t("accountplan: {message}", lang, message=translate.exception_text(exc, lang)))


def _warn_of_refused_caches(lang: str) -> None:
    """Say once, in MkDocs' log, when the user's cache folder is not safe to use (nothing is cached then)."""
    usercache.root()  # checks the folder
    for message in usercache.refusals():
        logging.getLogger(CACHE_LOG).warning(translate.t("accountplan: {message}", lang,
                                                         message=translate.text(message, lang)))


def _below_warning(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING


def _quiet_jieba() -> None:
    """Keep jieba's progress lines (four on stderr per build, for the search plugin's Chinese index) out of the log.

    jieba sets its logger to DEBUG with a handler of its own when imported, so a level set now would
    be undone: a filter on the logger stays. Its warnings and errors still show.
    """
    logger = logging.getLogger("jieba")
    if _below_warning not in logger.filters:
        logger.addFilter(_below_warning)


class AccountPlanPlugin(BasePlugin[AccountPlanConfig]):  # type: ignore[no-untyped-call]
    """Adds account, portfolio, team and rule pages generated from ``accounts/``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.outputs: tuple[Files, set[str]] | None = None
        self.build = Build()
        """The build's speed work: caches, kept pages, lifted blocks (:mod:`generator.incremental`)."""
        self.config_file: str | None = None
        """The settings file, for what a stopping server seals."""
        self.site_dir: str | None = None
        """The folder this build writes (a server's kept folder is not stamped again after a failed build)."""
        self.search = Spool()
        """The search index, written as pages are indexed (:mod:`.search_index`)."""
        self.held = Held()
        """Generated pages' HTML, compressed between conversion and writing (:mod:`.held`)."""
        self.segmenting = Segmenting()
        """The search index's Chinese words cut in a helper process (:mod:`.segment`)."""
        self.reporter = Reporter()
        """The dossiers' problems in the log: under a server, after its first build, what a save changed."""

    def load_config(self, options: dict[str, Any],
                    config_file_path: str | None = None) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Read the options, those of the files ``config_file_path`` ``INHERIT``s included: in a list of plugins
        (which MkDocs replaces whole) as in a mapping (which it merges), an option holds until a nearer file sets it."""
        return super().load_config(with_inherited(options, config_file_path), config_file_path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember ``mkdocs serve --dirty`` for the life of the process (later rebuilds use new plugin instances)."""
        Build.startup(command, dirty)
        preview.note_startup(command, dirty)
        watch.note_startup(command)
        serve_address.note_startup(command)
        segmenting_startup(command)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Build the settings from the plugin options, paths relative to ``mkdocs.yml``."""
        taken = serve_address.taken(*config.dev_addr, normalize(config.theme.get("language")), config.config_file_path)
        if taken is not None:  # else MkDocs would build the whole site, then fail to bind with a traceback
            raise PluginError(taken)
        # Every option but the build's own, unknown names included: a misspelt setting is an error, not a warning.
        options = {k: v for k, v in self.config.items() if v is not None}  # the build's own options are skipped there
        # Absolute, as `accountplan build` makes it: `mkdocs serve -f mkdocs.zh.yml` gives a relative path, and the
        # accounts folder is part of every dossier's key, so such a server reused nothing the build carried.
        base_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        try:
            # Before MkDocs walks them (the accounts folder's links are the settings' and the loader's to refuse).
            refuse_unsafe_folders(base_dir, {"docs": config.docs_dir, "theme": config.theme.custom_dir})
            refuse_wider(config.config_file_path)  # a child's own profile may narrow its parent's, never widen it
            self.settings = Settings.from_mapping(options, base_dir=base_dir)
            refuse_published_accounts(self.settings.accounts, {"docs": config.docs_dir,
                                                               "theme": config.theme.custom_dir})
            check_settings(self.settings, self.config.profile)  # a bad profile or scoring block fails here, not later
            forge = forge_from_mkdocs(config.repo_url, config.edit_uri, config.docs_dir, base_dir, self.config.forge)
        except (ValueError, TypeError) as exc:
            raise _error(exc, config) from exc
        self.settings = replace(self.settings, forge=self.config.forge, edit_links=forge)
        supply_theme(config)
        if Build.serving():
            list_theme_once(config.theme)  # a save lists the installed theme's 14,500 files no more
        loglang.use(normalize(config.theme.get("language")))  # the build's own log lines in the site's language
        _warn_of_refused_caches(normalize(config.theme.get("language")))
        _quiet_jieba()
        self.config_file = config.config_file_path
        preview.use(config, normalize(config.theme.get("language")))  # serve --dirty: the last server's HTML
        self.site_dir = config.site_dir
        if preview.fresh(config):  # a kept folder never built into: filled from the last build's site meanwhile
            self.build.seed(config, self.settings.today)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Gather once, report diagnostics, and add every generated page."""
        assert self.settings is not None
        watch.record(self.settings.accounts)  # under serve: a rebuild lists only the folders a save changed
        watch.cancel_later(self.settings.accounts)  # a rebuild a save asked for: this one is it, or is whole
        try:
            gathered = gather(self.settings, self.config.profile, history=self.config.history,
                              cache=Build.load_cache(config.config_file_path), timeline=self.config.timeline,
                              history_cache=usercache.project_cache(config.config_file_path))
        except ValueError as exc:  # an unknown profile or bad scoring settings: a configuration error
            raise _error(exc, config) from exc
        lang = normalize(config.theme.get("language"))
        self.reporter.report(gathered.diagnostics, lang, changes_only=Build.serving() and not config.strict)
        for line in history_log(gathered.movement):
            log.info(translate.text(line, lang))
        try:
            files = self.build.add(files, config, gathered, self.settings, lang, permalink=_bypass(config),
                                   accounts_first=self.config.fast_render and watch.can_ask(self.settings.accounts))
        except OutsideFolder as exc:
            raise _error(exc, config) from None
        # Under serve: the kept HTML is dropped when what --dirty cannot see changed (the page set included).
        if Build.serving() and preview.check(config, [f.src_uri for f in files.documentation_pages()], code_version()):
            self.build.whole()  # every page is built: indexed with the last build's search sections,
            if self.build.seeded is None:  # or taken from the last build's site where it fits
                self.build.seed(config, self.settings.today)
        elif self.build.seeded is None:
            keep_served(config)  # the last server's search index, before this build writes anything
        preview.building(config)
        return files

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs a generated page's text (heavy blocks lifted out of it: :meth:`Build.read`)."""
        return self.build.read(page.file)


    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Titles of generated navigation pages MkDocs will not read again (``serve --dirty``, a carried site)."""
        self.build.nav(nav, files)
        self.search.start(files)
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Theme templates compiled once a server; what is read of a carried site's pages not rebuilt; the
        navigation partials rendered once per place (:mod:`.partials`)."""
        return remember_partials(self.build.env(env, config))

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A generated page's edit button opens the file behind it (an account's ``account.md``), or is hidden.

        MkDocs would point it at ``docs/<page>.md``, which does not exist for generated pages.
        """
        if page.file.generated_by and self.settings is not None:
            page.edit_url = edit_url(self.settings, page.file.src_uri)
            permalink = _bypass(config)
            if permalink is not None:
                mkdocs_direct.bypass(page, markdown, permalink, self.build.convert)  # finished HTML: no Markdown
        elif (line := too_deep(markdown)) is not None:  # a docs page: Markdown's recursion would end the build
            raise PluginError(f"{page.file.src_uri}:{line}: lists or quotes nested deeper than {MAX_NESTING} levels, "
                              "refused (the Markdown converter fails on them); flatten them")
        return markdown

    def _check_generated_links(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Warn about relative links in generated pages that lead nowhere (MkDocs checks only Markdown links)."""
        if page.file.generated_by:
            if self.outputs is None or self.outputs[0] is not files:  # once per build
                self.outputs = (files, {f.dest_uri for f in files})
            made = self.build.made(html)  # the worker that converted the page listed its links
            urls = [distinct_links(html) if made is None else made.links]
            for name, part in self.build.blocks_in(html):
                listed = made.block_links.get(name) if made is not None else None  # by the page's worker
                urls.append(distinct_links(part) if listed is None else listed)
            broken = [url for listed in urls for url in broken_among(listed, page.url, self.outputs[1])]
            self.build.depend(page.file.src_uri, lambda: targets(chain.from_iterable(urls), page.url))
            for url in broken:
                log.warning(f"{page.file.src_uri}: link to '{url}' leads to no page or file of the site")
            # MkDocs keeps every page's Markdown to the end of the build, though nothing reads it once
            # converted; "" (not None) keeps the title, which comes from the page's metadata.
            page.markdown = ""
        return html

    @event_priority(-100)
    def _hold_html(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """After every plugin saw it: a generated page's HTML kept compressed until MkDocs writes the page."""
        if not page.file.generated_by:
            return html
        made = self.build.made(html, take=True)
        return self.held.hold(page, html, made.packed if made is not None else None)

    on_page_content = CombinedEvent(_check_generated_links, _hold_html)

    @event_priority(110)
    def _give_back_html(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        """Before any plugin reads it again: a generated page's HTML, held since its conversion."""
        self.held.give_back(page)
        return context

    @event_priority(100)
    def _index_generated_page(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                              nav: Navigation) -> TemplateContext | None:
        """Before the search plugin: a generated page's search entries, without parsing its HTML again."""
        if page.file.generated_by and os.environ.get("ACCOUNTPLAN_MARKDOWN") != "1":
            mkdocs_direct.index_page(page, config, self.build.find_sections)
        return context

    @event_priority(-100)
    def _unmark_generated_page(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                               nav: Navigation) -> TemplateContext | None:
        """After the search plugin: the page's metadata as it was."""
        if page.file.generated_by:
            mkdocs_direct.unmark(page)
        return context

    @event_priority(-100)
    def _spool_search_entries(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                              nav: Navigation) -> TemplateContext | None:
        """After the search plugin: the page's search entries out of memory, into the index being written."""
        self.search.take(config, page.url)
        return context

    on_page_context = CombinedEvent(_give_back_html, _index_generated_page, _unmark_generated_page,
                                    _spool_search_entries)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put the heavy blocks lifted out of generated pages back, once MkDocs has converted and indexed them."""
        if page.file.generated_by:
            mkdocs_direct.done(page)
        return self.build.restore(output, page.file)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Refuse a site folder this tool did not build, as ``accountplan build`` does: MkDocs would empty it.

        ``mkdocs serve`` and ``accountplan build`` build into a fresh empty folder, which always passes.
        """
        project = Path(config.config_file_path or ".").resolve().parent
        accounts = Path(self.settings.accounts) if self.settings is not None else project / "accounts"
        try:
            refuse_unsafe_site(Path(config.site_dir), [Path(config.docs_dir), accounts], project)
        except ValueError as exc:
            raise _error(exc, config) from None
        self.segmenting.start(config)

    @event_priority(100)
    def _write_search_index(self, *, config: MkDocsConfig) -> None:
        """Before the search plugin: its index written from the entries spooled page by page; a server's first
        index, when it started from a build's site, given that site's entries of the pages not rebuilt; a server's
        index after a save, each page once."""
        self.search.write(config)
        if not self.build.merge_served(served_entries(config)):  # else: a server's save, or its first build
            self.search.settle(config)  # each page's entries once, in page order

    def _post_build(self, *, config: MkDocsConfig) -> None:
        """Mark the folder as built here (so the next build may replace it); stop any page workers still running."""
        with contextlib.suppress(OSError):
            (Path(config.site_dir) / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")
        self.build.finish(config.config_file_path)  # only a whole build is carried over

    @event_priority(-100)
    def _resume_search(self, *, config: MkDocsConfig) -> None:
        """After the search plugin: enable it again (it skipped its own write of the index); stop the segmenter."""
        self.search.resume()
        self.segmenting.stop()
        preview.built(config)  # every page and the search index written: the kept folder is whole
        if self.build.owed and self.settings is not None:  # the changed accounts' pages came first: now the rest
            watch.ask_later(self.settings.accounts)

    on_post_build = CombinedEvent(_write_search_index, _post_build, _resume_search)

    def on_build_error(self, *, error: Exception) -> None:
        """Stop page workers when the build fails half-way; a server's kept folder stays unstamped."""
        preview.failed(self.site_dir)
        self.build.close()
        self.search.close()
        self.search.resume()
        self.segmenting.stop()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild on any change under the accounts folder (native file events, else MkDocs' polling) and, with the
        history views, when ``HEAD`` moves to another commit."""
        accounts = self.settings.accounts if self.settings is not None else None
        if accounts is not None and os.path.isdir(accounts) and not watch.watch(server, accounts):
            server.watch(accounts)
        if accounts is not None and self.config.timeline:  # a new commit changes the history views
            watch.watch_head(server, accounts)
        preview.serve_from(server, config)
        return server

    def on_shutdown(self) -> None:
        """Stop the accounts watcher when the server stops; seal the pages and rule results for the next one."""
        watch.stop()
        stop_segmenting()
        Build.shutdown(self.config_file)
