"""The MkDocs plugin: only wiring. Loading, checking, scoring and rendering live in their own stages.

* ``on_config``: the plugin's options become :class:`generator.config.Settings`.
* ``on_files``: gather once (load, validate, redact, score), report every diagnostic through
  MkDocs' log — errors and warnings make ``mkdocs build --strict`` fail; ``accountplan build
  --fail-on error`` (``make site``) fails on the errors only — and add the
  rendered pages as generated files.
* ``on_serve``: ``mkdocs serve`` rebuilds when anything under ``accounts/`` changes
  (:mod:`generator.watch`: file events, not MkDocs' polling of every file).

Account pages are not listed in the navigation (that makes a build quadratic in pages);
the portfolio, grouping and team pages link to them.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import mkdocs_direct, preview, translate, watch
from .config import Settings, plugin_options
from .diagnostics import Severity
from .forge import forge_from_mkdocs
from .history.log import history_cache, history_log
from .language import normalize
from .pipeline import check_settings, gather, generate
from .publish.atomic import OutsideFolder, target_in
from .publish.linkcheck import broken_links
from .publish.site import MARKER as SITE_MARKER
from .publish.site import MARKER_TEXT as SITE_MARKER_TEXT
from .publish.site import refuse_unsafe_target as refuse_unsafe_site
from .render import incremental, lift
from .render.parallel import Pages
from .render.paths import edit_url
from .render.search_text import sections
from .render.theme_files import assets, theme_dir
from .translate.output import one_line

log = logging.getLogger("mkdocs.plugins.accountplan")
DOSSIER_LOG = "mkdocs.plugins.accountplan.dossiers"
dossier_log = logging.getLogger(DOSSIER_LOG)
"""Dossier diagnostics: ``accountplan build --fail-on error`` fails on their errors, never on their warnings."""


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


MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html")
"""Extensions the generated pages need (``## Title { #id }``, Markdown in HTML blocks) beyond MkDocs' built-in ones."""


def _supply_theme(config: MkDocsConfig) -> None:
    """Make the package's templates and assets part of the site, for repositories without a copy of ``theme/``.

    The package's theme folder goes last among the theme's folders (a ``custom_dir`` and the
    theme itself still override it), and its styles and scripts join ``extra_css`` and
    ``extra_javascript`` unless listed already, as this repository's ``mkdocs.yml`` does, and so do
    the Markdown extensions the generated pages are written for.
    """
    folder = str(theme_dir())
    if all(os.path.realpath(d) != os.path.realpath(folder) for d in config.theme.dirs):
        config.theme.dirs.append(folder)
    for extension in MARKDOWN_EXTENSIONS:
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    listed = {str(entry) for entry in (*config.extra_css, *config.extra_javascript)}
    for asset in assets():
        if asset not in listed:
            (config.extra_css if asset.endswith(".css") else config.extra_javascript).append(asset)


def _error(exc: Exception, config: MkDocsConfig) -> PluginError:
    """A settings or gathering error for MkDocs to print, in the site's language."""
    lang = normalize(config.theme.get("language"))
    return PluginError(translate.t("accountplan: {message}", lang, message=translate.exception_text(exc, lang)))


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


class _PageFile(File):
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


class AccountPlanPlugin(BasePlugin[AccountPlanConfig]):  # type: ignore[no-untyped-call]
    """Adds account, portfolio, team and rule pages generated from ``accounts/``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.pages: Pages | None = None
        self.outputs: tuple[Files, set[str]] | None = None
        self.memo: incremental.AccountMemo | None = None
        """``mkdocs build``: the account memo carried over from the previous build (sealed, in the user's cache)."""
        self.carried: dict[str, str] = {}
        """The account and person pages of this build, by source path, for the next build's memo."""
        self.sections: incremental.CarriedSections | None = None
        """``mkdocs build``: search sections of the previous build's generated pages, by their HTML."""
        self.config_file: str | None = None
        """The settings file, for the rule results a stopping server seals."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember ``mkdocs serve --dirty`` for the life of the process (later rebuilds use new plugin instances)."""
        incremental.note_startup(command, dirty)
        preview.note_startup(command, dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Build the settings from the plugin options, paths relative to ``mkdocs.yml``."""
        # Every option but the build's own, unknown names included: a misspelt setting is an error, not a warning.
        options = {k: v for k, v in self.config.items() if v is not None}  # the build's own options are skipped there
        base_dir = os.path.dirname(config.config_file_path or "") or "."
        try:
            self.settings = Settings.from_mapping(options, base_dir=base_dir)
            check_settings(self.settings, self.config.profile)  # a bad profile or scoring block fails here, not later
            forge = forge_from_mkdocs(config.repo_url, config.edit_uri, config.docs_dir, base_dir, self.config.forge)
        except (ValueError, TypeError) as exc:
            raise _error(exc, config) from exc
        self.settings = replace(self.settings, forge=self.config.forge, edit_links=forge)
        _supply_theme(config)
        _quiet_jieba()
        self.config_file = config.config_file_path
        preview.use(config, normalize(config.theme.get("language")))  # serve --dirty: the last server's HTML
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Gather once, report diagnostics, and add every generated page."""
        assert self.settings is not None
        if incremental.dirty_serving():  # the kept HTML is dropped when what --dirty cannot see changed
            preview.check(config, [f.src_uri for f in files.documentation_pages()], incremental.code_version())
        incremental.carry_rules_in(config.config_file_path)  # a process's first build only
        try:
            gathered = gather(self.settings, self.config.profile, history=self.config.history,
                              cache=incremental.load_cache(config.config_file_path),
                              timeline=self.config.timeline, history_cache=history_cache(config.config_file_path))
        except ValueError as exc:  # an unknown profile or bad scoring settings: a configuration error
            raise _error(exc, config) from exc
        report = {Severity.ERROR: dossier_log.error, Severity.WARNING: dossier_log.warning,
                  Severity.INFO: dossier_log.info}
        lang = normalize(config.theme.get("language"))
        for diagnostic in gathered.diagnostics:
            report[diagnostic.severity](one_line(diagnostic, lang))
        for line in history_log(gathered.movement):
            log.info(translate.text(line, lang))
        self.close()
        try:
            if incremental.dirty_serving():  # only pages whose inputs changed are rendered and rebuilt
                self.pages = incremental.add_pages(files, config, gathered, self.settings, lang)
                return files
            self.memo = incremental.carried_memo(config.config_file_path, lang, gathered.level)
            self.carried = {}
            self.sections = incremental.CarriedSections(self.memo.store) if self.memo else None
            self.pages = generate(gathered, self.settings, lang, directory_urls=config.use_directory_urls,
                                  lifting=True, reuse=self.memo.reuse if self.memo else None,
                                  reuse_person=self.memo.reuse_person if self.memo else None)
            if self.memo is not None:
                log.info(f"accountplan: {self.memo.hits} of {len(self.memo.keys)} account and person pages "
                         "carried over from the previous build")
            for src_uri in self.pages:  # ids are checked when loading; this is defence in depth
                target_in(config.site_dir, src_uri)
        except OutsideFolder as exc:
            raise _error(exc, config) from None
        for src_uri in self.pages:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            generated = cast(_PageFile, _PageFile.generated(config, src_uri, content=""))
            generated.pages = self.pages
            files.append(generated)
        # The loaded portfolio, the site and its scores are frozen (generator.model.portfolio) and
        # acyclic, but Jinja's macro modules and contexts of the pages rendered here form cycles
        # that still reach them: one full collection now frees ≈150 MB at 1,000 accounts before
        # MkDocs converts any page, instead of whenever the collector next runs a full pass.
        gc.collect()
        return files

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs a generated page's text, its marked heavy blocks lifted out, and drop it from :class:`Pages`.

        MkDocs keeps the page's Markdown (the text without its frontmatter) to the end of the
        build; keeping the full text here as well held every generated page twice (≈150 MB
        at 1,000 accounts). Account pages come with their charts still marked (they are rendered
        in workers or reused): lifting them here keeps them out of the converter and the index.
        """
        if self.pages is None or not page.file.generated_by:
            return None
        if isinstance(page.file, _PageFile) and page.file.pages is not None:
            text = page.file.pages.release(page.file.src_uri)
            if self.memo is not None and page.file.src_uri in self.memo.keys:
                self.carried[page.file.src_uri] = text
        else:  # under serve --dirty the page comes from the page store
            text = page.file.content_string
        return lift.lift(text, self.pages.lifted)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Under ``serve --dirty``: titles of the generated navigation pages MkDocs will not read again."""
        if incremental.dirty_serving() and self.pages is not None:
            incremental.nav_titles(nav, self.pages)
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Under ``serve --dirty``: theme templates compiled once for the server, not once per rebuild."""
        return incremental.reuse_compiled_theme(env) if incremental.dirty_serving() else env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A generated page's edit button opens the file behind it (an account's ``account.md``), or is hidden.

        MkDocs would point it at ``docs/<page>.md``, which does not exist for generated pages.
        """
        if page.file.generated_by and self.settings is not None:
            page.edit_url = edit_url(self.settings, page.file.src_uri)
            permalink = mkdocs_direct.permalink_settings(config)
            if permalink is not None and os.environ.get("ACCOUNTPLAN_MARKDOWN") != "1":
                mkdocs_direct.bypass(page, markdown, permalink)  # finished HTML: no Markdown conversion
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Warn about relative links in generated pages that lead nowhere (MkDocs checks only Markdown links)."""
        if page.file.generated_by:
            if self.outputs is None or self.outputs[0] is not files:  # once per build
                self.outputs = (files, {f.dest_uri for f in files})
            lifted = list(lift.lifted(html, self.pages.lifted)) if self.pages is not None else []
            for part in (html, *lifted):
                for url in broken_links(part, page.url, self.outputs[1]):
                    log.warning(f"{page.file.src_uri}: link to '{url}' leads to no page or file of the site")
            # MkDocs keeps every page's Markdown to the end of the build, though nothing reads it once
            # converted; "" (not None) keeps the title, which comes from the page's metadata.
            page.markdown = ""
        return html

    @event_priority(100)
    def _index_generated_page(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                              nav: Navigation) -> TemplateContext | None:
        """Before the search plugin: a generated page's search entries, without parsing its HTML again."""
        if page.file.generated_by and os.environ.get("ACCOUNTPLAN_MARKDOWN") != "1":
            if self.sections is not None:
                mkdocs_direct.index_page(page, config, partial(self.sections.get, make=sections))
            else:
                mkdocs_direct.index_page(page, config)
        return context

    @event_priority(-100)
    def _unmark_generated_page(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                               nav: Navigation) -> TemplateContext | None:
        """After the search plugin: the page's metadata as it was."""
        if page.file.generated_by:
            mkdocs_direct.unmark(page)
        return context

    on_page_context = CombinedEvent(_index_generated_page, _unmark_generated_page)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put the heavy blocks lifted out of generated pages back, once MkDocs has converted and indexed them."""
        if page.file.generated_by and self.pages is not None:
            return lift.restore(output, self.pages.lifted)
        return output

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Refuse a site folder this tool did not build, as ``accountplan build`` does: MkDocs would empty it.

        ``mkdocs serve`` and ``accountplan build`` build into a fresh empty folder, which always passes.
        """
        project = Path(config.config_file_path or ".").resolve().parent
        accounts = Path(self.settings.accounts) if self.settings is not None else project / "accounts"
        try:
            refuse_unsafe_site(Path(config.site_dir).resolve(), [Path(config.docs_dir), accounts], project)
        except ValueError as exc:
            raise _error(exc, config) from None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Mark the folder as built here (so the next build may replace it); stop any page workers still running."""
        with contextlib.suppress(OSError):
            (Path(config.site_dir) / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")
        if self.memo is not None:  # only a whole build is carried over
            incremental.carry(self.memo, self.carried)
            self.memo, self.carried = None, {}
        if self.sections is not None:
            self.sections.save()
            self.sections = None
            incremental.carry_rules_out(config.config_file_path)
        self.close()

    def on_build_error(self, *, error: Exception) -> None:
        """Stop page workers when the build fails half-way."""
        self.close()

    def close(self) -> None:
        """Stop the workers of the previous build's pages, if any."""
        if self.pages is not None:
            self.pages.close()
            self.pages = None

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
        if incremental.dirty_serving():
            incremental.carry_served()
            incremental.carry_rules_out(self.config_file)
