"""The theme's site-wide navigation rendered once per place, not once per page (issue 18, P1).

Material's page template includes its navigation sidebar (``partials/nav.html``) and tabs
(``partials/tabs.html``) in every page: the whole site's navigation, rendered again for each of
the 1,000 account pages although, for a page that is not itself in the navigation, nothing in
it depends on the page except the relative links (``| url``). Those partials are rendered
once for each set of relative links a page sees and reused for every other page that sees the
same set, so the output is the same byte for byte (``tests/site/test_partials.py``).

A page in the navigation (it marks itself and its section active, and shows its table of
contents there) is always rendered in full, and so is any page where the key cannot be made.
The remembered partials belong to one navigation and one configuration: a new build (a
server's rebuild reuses the compiled templates) starts afresh. ``ACCOUNTPLAN_PARTIALS=0`` renders
them for every page, as before (the tests compare both).

What Material's own partials read is known; a site's ``custom_dir`` may override any partial the navigation
includes with one that reads the page (its title, its metadata). So the partials are remembered only while every
``partials/`` template resolves to Material's own file; with any of them overridden, every page is rendered in full.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, TemplateNotFound
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.utils import normalize_url

CACHED = ("partials/nav.html", "partials/tabs.html")
"""The partials that depend on a page not in the navigation only through its relative links."""

Render = Callable[[Context], Iterator[str]]


def _urls(items: list[Any]) -> Iterator[str]:
    """Every URL the navigation links to (pages and links, sections walked), in order."""
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str):
            yield url
        yield from _urls(getattr(item, "children", None) or [])


class _Remembered:
    """Rendered partials of one navigation and configuration, by the links the page sees."""

    def __init__(self) -> None:
        self.owner: tuple[object, object] | None = None
        self.urls: list[str] = []
        self.pages: set[int] = set()
        self.rendered: dict[tuple[str, tuple[str, ...]], str] = {}

    def key(self, context: Context, name: str) -> tuple[str, tuple[str, ...]] | None:
        """What ``name``'s output depends on for this page, ``None`` when it must be rendered in full."""
        nav, page, config = context.get("nav"), context.get("page"), context.get("config")
        if not isinstance(nav, Navigation) or page is None or not isinstance(getattr(page, "url", None), str):
            return None
        if self.owner is None or self.owner[0] is not nav or self.owner[1] is not config:
            self.owner = (nav, config)
            # The logo's image and the homepage it links to (Material's ``extra.homepage``) are relative links too.
            logo = config.theme.get("logo") if isinstance(config, MkDocsConfig) else None
            home = config.extra.get("homepage") if isinstance(config, MkDocsConfig) else None
            self.urls = [*_urls(nav.items), *(url for url in (logo, home) if isinstance(url, str))]
            self.pages = {id(p) for p in nav.pages}
            self.rendered = {}
        # MkDocs marks every page active while rendering it; that mark reaches the navigation only through a
        # parent section: a page in the navigation, or given a parent there, is rendered in full.
        if id(page) in self.pages or getattr(page, "parent", None) is not None:
            return None
        base = context.get("base_url")
        return name, (str(base), *(normalize_url(url, page=page) for url in self.urls))


def _remembering(name: str, render: Render, remembered: _Remembered) -> Render:
    def root(context: Context) -> Iterator[str]:
        key = remembered.key(context, name)
        if key is None:
            yield from render(context)
            return
        text = remembered.rendered.get(key)
        if text is None:
            text = remembered.rendered[key] = "".join(render(context))
        yield text

    root.remembering = True  # type: ignore[attr-defined]
    return root


def _material_partials_only(env: Environment) -> bool:
    """Whether every ``partials/`` template ``env`` can load is Material's own (none overridden by a ``custom_dir``):
    only then is it known that the navigation reads nothing of the page but its links."""
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None or env.loader is None:
        return False
    own = Path(spec.origin).resolve().parent / "templates"
    if isinstance(env.loader, FileSystemLoader):  # MkDocs' loader: list the partials folders only, not all icons
        return _first_found_in(env.loader, own)
    for name in env.list_templates(filter_func=lambda name: name.startswith("partials/")):
        try:  # where the loader finds it, without compiling it (a partial may use another plugin's filters)
            _, source, _ = env.loader.get_source(env, name)
        except TemplateNotFound:
            return False
        if source is None or Path(source).resolve() != (own / name).resolve():  # Material's file of that name
            return False
    return True


def _first_found_in(loader: FileSystemLoader, own: Path) -> bool:
    """:func:`_material_partials_only` for a file system loader, as it resolves a name (the first search path that
    holds it), walking each search path's ``partials/`` folder only: the whole theme (Material's thousands of
    icons) took ~50 ms to list, on every build and every rebuild of a server."""
    seen: set[str] = set()
    for folder in loader.searchpath:
        for root, _, names in os.walk(os.path.join(folder, "partials"), followlinks=loader.followlinks):
            for name in names:
                path = os.path.join(root, name)
                template = os.path.relpath(path, folder).replace(os.sep, "/")
                if template not in seen:
                    seen.add(template)
                    if Path(path).resolve() != (own / template).resolve():  # Material's file of that name
                        return False
    return True


def remember_partials(env: Environment) -> Environment:
    """``env`` with :data:`CACHED` rendered once per set of relative links (a template compiled anew: in full), when
    the partials are Material's own (:func:`_material_partials_only`)."""
    if os.environ.get("ACCOUNTPLAN_PARTIALS") == "0" or not _material_partials_only(env):
        return env
    remembered = _Remembered()
    for name in CACHED:
        try:
            template = env.get_template(name)
        except TemplateNotFound:
            continue
        if not getattr(template.root_render_func, "remembering", False):
            template.root_render_func = _remembering(name, template.root_render_func, remembered)
    return env
