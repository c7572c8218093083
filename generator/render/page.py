"""One generated page as text: ``page(template, title, ...)``.

Each page is a YAML title line (escaped, so a hostile name cannot break out of the
``<title>`` element MkDocs writes), Markdown section headings for the outline and search,
and pre-rendered HTML blocks that the Markdown converter passes through untouched.

No dossier value reaches Markdown syntax (:mod:`generator.neutralise`): templates put data
only inside HTML elements, which Markdown leaves alone, and every value on a Markdown line
(a ``## heading { #id }``) goes through the ``md`` filter, which writes each Markdown-active
character as a character reference. ``tests/site/test_markdown_injection.py`` checks the
templates for it and builds a site with Markdown payloads in every string field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from markupsafe import escape

from .templating import environment

_NOT_YAML_TEXT = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters YAML refuses or reads as a line break inside a quoted title; JSON leaves them raw, so they are escaped.
(A refused one would make MkDocs read the whole frontmatter as Markdown text.)"""


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly."""
    return _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def page(template: str, title: str, *, hide: Sequence[str] = (), as_of: dt.date | None = None, **values: Any) -> str:
    """One page: frontmatter with the escaped title (and Material's ``hide``), then the rendered template.

    Its heavy blocks stay marked (:mod:`.heavy`: :func:`.heavy.settle` keeps them out of the search index).
    ``as_of``: the date the data is judged as of, stated at the end of the page (``t`` labels it).
    """
    body = environment().get_template(template).render(**values)
    if as_of is not None:
        body += "\n\n" + environment().get_template("as_of.html").render(t=values["t"], date=as_of.isoformat())
    # The title is HTML-escaped here because MkDocs and Material print ``page.meta.title`` unescaped.
    meta = f"title: {_yaml_string(str(escape(title)))}\n"
    if hide:
        meta += f"hide: {json.dumps(list(hide))}\n"
    return f"---\n{meta}---\n\n{body.strip()}\n"
