"""The package's own theme folder, styles, scripts and Markdown extensions, supplied to a site that lacks them.

A repository set up from the package alone has no copy of ``theme/``: the plugin adds what the generated
pages need in ``on_config`` (:func:`supply_theme`).
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig

from ..render.theme_files import assets, theme_dir

MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html")
"""Extensions the generated pages need (``## Title { #id }``, Markdown in HTML blocks) beyond MkDocs' built-in ones."""


def supply_theme(config: MkDocsConfig) -> None:
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
