"""Generated pages to HTML without the Markdown converter (issue 18).

A generated page is Markdown only in name: its body is ``## Heading { #id }`` lines (their
text written by the ``md`` filter, every Markdown-active character a character reference)
between blocks of finished HTML that the converter passes through untouched. Converting it
with Python-Markdown (``md_in_html`` parsing all the HTML the generator itself wrote, then
MkDocs' own HTML pass for anchor ids) was about 40 % of a build. :func:`convert` writes the
same HTML directly: each heading as the ``toc`` extension writes it (id, permalink), each
HTML block as it is, as Python-Markdown lays them out: a blank line between an HTML block
and the heading below it stays, none after a heading, runs of blank lines become one (the
templates write no run of blank lines inside a block). It also gives what MkDocs takes from
the converter for the theme: the table-of-contents tokens (the headings, as ``toc`` makes them) and the
anchor ids present on the page.

A body that does not fit this shape (a line outside HTML blocks that is not such a heading, a
repeated id) gives ``None``: the caller then lets Markdown convert it as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_HEADING = re.compile(r"^(#{1,6}) ([^\n]*?) \{ #([A-Za-z][A-Za-z0-9_-]*) \}$", re.MULTILINE)
_TEXT_ACTIVE = re.compile(r"[<>*_`\[\]\\!]|&(?!#\d+;|[a-z]+;)")
"""Characters a heading's text may not hold raw: the ``md`` filter writes them as references."""
_BLANK_LINES = re.compile(r"\n{3,}")
_IDS = re.compile(r"""\s(?:id|name)=["']([^"']*)["']""")


@dataclass
class Converted:
    """A page's HTML and what MkDocs needs beside it."""

    html: str
    toc_tokens: list[dict[str, Any]] = field(default_factory=list)
    """Headings as the ``toc`` extension gives them (flat; nest with ``nest_toc_tokens``)."""
    anchor_ids: set[str] = field(default_factory=set)
    """Every ``id`` (and ``<a name>``) on the page, for MkDocs' anchor-link validation."""
    title: str | None = None
    """The text of a first-level Markdown heading opening the page (MkDocs' title from the content)."""


@dataclass(frozen=True)
class Permalink:
    """The ``toc`` extension's permalink settings (``permalink: true`` gives ``&para;``)."""

    text: str | None = "&para;"
    title: str = "Permanent link"


def _heading(level: int, text: str, ident: str, permalink: Permalink) -> str:
    link = ""
    if permalink.text is not None:
        title = f' title="{permalink.title}"' if permalink.title else ""
        link = f'<a class="headerlink" href="#{ident}"{title}>{permalink.text}</a>'
    return f'<h{level} id="{ident}">{text}{link}</h{level}>'


def _blocks(segment: str) -> list[str] | None:
    """The HTML blocks of a segment between headings, or ``None`` if it holds anything but HTML."""
    gap = "\n" if segment.endswith("\n\n") else ""  # a blank line before the next heading stays
    segment = segment.strip("\n")
    if not segment:
        return []
    if not segment.startswith("<"):
        return None
    return [_BLANK_LINES.sub("\n\n", segment) + gap]


def convert(body: str, permalink: Permalink | None = Permalink()) -> Converted | None:
    """``body`` (a generated page without its frontmatter) as HTML, or ``None`` if it is not of the generated shape.

    ``permalink``: the ``toc`` extension's settings (``None``: no permalinks).
    """
    parts: list[str] = []
    tokens: list[dict[str, Any]] = []
    start = 0
    for match in _HEADING.finditer(body):
        blocks = _blocks(body[start:match.start()])
        if blocks is None:
            return None
        parts.extend(blocks)
        level, text, ident = len(match.group(1)), match.group(2).strip(), match.group(3)
        if _TEXT_ACTIVE.search(text) or any(t["id"] == ident for t in tokens):
            return None
        parts.append(_heading(level, text, ident, permalink or Permalink(None)))
        tokens.append({"level": level, "id": ident, "name": text, "html": text, "data-toc-label": ""})
        start = match.end()
    blocks = _blocks(body[start:])
    if blocks is None:
        return None
    parts.extend(blocks)
    html = "\n".join(parts).removesuffix("\n")
    opening = tokens[0]["name"] if tokens and tokens[0]["level"] == 1 and parts[0].startswith("<h1 id=") else None
    return Converted(html, tokens, {m.group(1) for m in _IDS.finditer(html)}, opening)
