"""Render: the site's pages as Markdown-plus-HTML text, independent of MkDocs.

``render_site`` turns a loaded, validated and scored portfolio into ``{path: text}``;
the MkDocs plugin adds those as generated files, ``accountplan render`` writes them out.
Charts come from :mod:`generator.render.svg`.
"""

from __future__ import annotations

from .pages import render_site

__all__ = ["render_site"]
