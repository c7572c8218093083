"""The Jinja2 environment every page template renders in."""

from __future__ import annotations

from functools import cache

import jinja2

from ..neutralise import markdown_text, one_line
from .theme_files import templates_dir

TEMPLATES = templates_dir()
"""Page templates shipped with the package (the repository's ``theme/accountplan``)."""


@cache
def environment(folder: str = str(TEMPLATES)) -> jinja2.Environment:
    """The Jinja2 environment for page templates: autoescaped, strict about missing values, with the ``md`` filter,
    every printed value on one line (:func:`~generator.neutralise.one_line`)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=one_line,  # no printed value carries a line break into a Markdown page
    )
    env.filters["md"] = markdown_text
    return env
