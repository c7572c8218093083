"""Dossier Markdown to safe HTML.

Python-Markdown passes raw HTML through, so every body is sanitized with nh3 after
conversion: a conservative tag set, links only as :func:`generator.neutralise.safe_url` allows, and
``rel="noopener"`` on links. Headings are pushed down so a body never adds an ``h1``
or ``h2`` to the page outline, and its top level is ``h3``.
"""

from __future__ import annotations

import html
import posixpath
import re

import markdown  # type: ignore[import-untyped]
import nh3

from ..neutralise import SCHEMES, safe_url

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr", "i", "li",
    "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
})
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\n(?=[{_CJK}])")
"""A line break between two Chinese characters: Markdown would turn it into a stray space."""


def _new_converter() -> markdown.Markdown:
    """The converter of dossier bodies (one, reused: making one per body cost more than converting it)."""
    return markdown.Markdown(extensions=["tables", "sane_lists", "fenced_code"], output_format="html")


_converter = _new_converter()


def _shift(match: re.Match[str], by: int) -> str:
    level = min(int(match.group(2)) + by, 6)
    return f"<{match.group(1)}h{level}"


def shift_headings(html_text: str) -> str:
    """Headings pushed down so the body's top level becomes ``h3`` (the page section is ``h2``).

    Heading levels then only ever increase by one from the page's own, whichever level a body starts at.
    """
    levels = [int(m.group(2)) for m in _HEADING.finditer(html_text) if not m.group(1)]
    by = 3 - min(levels) if levels else 0
    return _HEADING.sub(lambda m: _shift(m, by), html_text)


def sanitize(html: str) -> str:
    """HTML reduced to the allowed tags, attributes and link schemes."""
    return nh3.clean(html, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                     url_schemes=set(SCHEMES), link_rel="noopener", attribute_filter=_link_policy)


def _link_policy(tag: str, attribute: str, value: str) -> str | None:
    """The one URL policy (:func:`generator.neutralise.safe_url`) on every link nh3 keeps; ``None`` drops it."""
    return safe_url(value) if attribute == "href" else value


def to_html(text: str | None, source: str = "") -> str:
    """A dossier Markdown body as sanitized HTML; ``""`` for an empty body.

    ``source`` is the file's path inside ``accounts/`` (``helios/contacts/c-x.md``): links an
    editor writes between dossier files (``../atlas/account.md``) then lead to the pages
    that show those files, as they do in the forge's own Markdown preview.
    """
    if not text or not text.strip():
        return ""
    text = _CJK_BREAK.sub("", text)
    if _is_plain(text) or too_deep(text) is not None:  # most notes are plain paragraphs: no converter needed
        return _plain(text)
    _converter.reset()
    try:
        converted = sanitize(shift_headings(_converter.convert(text)))
    except RecursionError:  # a list or quote nested a thousand deep: Python-Markdown recurses per level
        _replace_converter()  # its parser's state is left half-way: reset() does not mend it
        return _plain(text)
    return _HREF.sub(lambda m: _dossier_link(m, source), converted) if source else converted


MAX_NESTING = 100
"""The deepest lists and quotes a Markdown page may nest (Python-Markdown recurses per level: a thousand levels
ended MkDocs' build in a ``RecursionError``); no honest page comes near."""

_NESTED = re.compile(r"(?:[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|[ \t]*>)+")
"""The run of list and quote markers a line starts with."""
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")


_FENCE = re.compile(r" {0,3}(?:```|~~~)")
"""A line opening or closing a fenced code block: what is inside is text, however it starts."""


def too_deep(text: str, limit: int = MAX_NESTING) -> int | None:
    """The first line (1-based) of ``text`` whose lists and quotes nest deeper than ``limit``, counting each marker
    it starts with and each four columns of indentation (a tab to the next multiple of four, as Markdown reads it);
    lines in fenced code blocks are skipped. ``None`` when none does."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        lead = None if fenced else _NESTED.match(line)
        if lead is None:
            continue
        run = lead.group().expandtabs(4)
        indent = len(run) - len(run.lstrip(" "))
        if len(_MARKER.findall(run)) + indent // 4 > limit:
            return number
    return None


def _replace_converter() -> None:
    global _converter
    _converter = _new_converter()


def _plain(text: str) -> str:
    """``text`` as paragraphs of escaped text, markup shown as written."""
    paragraphs = (p.strip() for p in _BLANK_LINES.split(text))
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p.strip())


_HREF = re.compile(r' href="([^"#:/][^":]*\.md(?:#[^"]*)?)"')
"""Relative links to Markdown files (no scheme, not site-absolute), as nh3 writes them."""


def _dossier_link(match: re.Match[str], source: str) -> str:
    """Rewrite a link to a dossier file into a link to the account page that shows it."""
    path, _, fragment = html.unescape(match.group(1)).partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path)).split("/")
    if len(target) == 2 and target[1] == "account.md":
        anchor = fragment
    elif len(target) == 3 and target[1] == "contacts":
        anchor = "contact-" + target[2].removesuffix(".md")
    elif len(target) == 3 and target[1] == "activities":
        anchor = "activities"
    else:
        return match.group(0)
    here = source.split("/")[0]
    page = "./" if target[0] == here else f"../{target[0]}/"
    return f' href="{html.escape(page + ("#" + anchor if anchor else ""))}"'


_MARKUP_CHARS = re.compile(r"[*_`\[\]<>&\\|~]")
_BLOCK_START = re.compile(r"^(?:[ \t]*(?:[#>=+-]|\d+[.)])|    |\t)", re.M)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def _is_plain(text: str) -> bool:
    """Text in which Markdown would find nothing but paragraphs."""
    return not _MARKUP_CHARS.search(text) and not _BLOCK_START.search(text) and "  \n" not in text
