"""MkDocs hooks for the B4 ``--dirty`` preview: the part of the incremental preview the plugin does not do yet.

Used as ``hooks: [.../serve_hook.py]`` in the benchmark's own project. Under ``mkdocs serve
--dirty`` it (1) loads dossiers through the content-keyed load cache, so a rebuild parses
only the edited file (proposed for ``render/pipeline.gather``), and (2) hands MkDocs pages
from the page store — which the plugin now does itself, so this step finds nothing left to
do, and stays for plugins that keep pages in memory. Any other command is untouched.
"""

from __future__ import annotations

from typing import Any

from generator.load import portfolio as portfolio_module
from generator.load.cache import DEFAULT_DIR
from generator.render import incremental, pipeline
from generator.render.i18n import normalize


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this process serves dirty; then load through the cache for its whole life."""
    incremental.note_startup(command, dirty)
    if incremental.dirty_serving():
        load = portfolio_module.load_portfolio

        def cached(root: str, **kw: Any) -> portfolio_module.Portfolio:
            kw.setdefault("cache", DEFAULT_DIR)
            return load(root, **kw)

        pipeline.load_portfolio = cached  # type: ignore[assignment]


def on_files(files: Any, *, config: Any) -> Any:
    """Swap the plugin's in-memory pages for store-backed ones, so that --dirty skips the unchanged."""
    if not incremental.dirty_serving():
        return files
    generated = [f for f in files if f.generated_by and "accountplan" in f.generated_by and f.abs_src_path is None]
    if not generated:  # the plugin already serves its pages from the store
        return files
    pages = {f.src_uri: f.content_string for f in generated}
    store = incremental.store_for(config.config_file_path, normalize(config.theme.get("language")))
    return incremental.add_page_files(files, config, pages, store)
