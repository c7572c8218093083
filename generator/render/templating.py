"""The Jinja2 environment every page template renders in."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from ..neutralise import markdown_text, one_line
from .theme_files import templates_dir

TEMPLATES = templates_dir()
"""Page templates shipped with the package (the repository's ``theme/accountplan``)."""


_DICT_ATTRIBUTES = frozenset(dir(dict))
"""The names ``getattr`` finds on a plain ``dict`` (its methods): any other name is only ever a key."""


class _Environment(jinja2.Environment):
    """Jinja's environment, with ``view.name`` on the views' plain dictionaries read as a key at once.

    Jinja tries ``getattr`` first and the key after the :class:`AttributeError`; the page views are
    dictionaries, so every ``row.name`` raised and caught an exception (about 3.3 million of them at
    1,000 accounts). The result is the same: a plain ``dict`` has no attribute but its methods.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except LookupError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@cache
def environment(folder: str = str(TEMPLATES)) -> jinja2.Environment:
    """The Jinja2 environment for page templates: autoescaped, strict about missing values, with the ``md`` filter,
    every printed value on one line (:func:`~generator.neutralise.one_line`)."""
    env = _Environment(
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
