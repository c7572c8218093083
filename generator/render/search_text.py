"""A generated page's search sections without an HTML parser (issue 18).

Material's search plugin feeds every page's HTML to a :class:`html.parser.HTMLParser` that
splits it into sections at headings with an id and collects each section's text (keeping a
few tags: ``p``, ``code``, ``pre``, ``li``, ``ol``, ``ul``, ``sub``, ``sup``). For generated
pages that parse was about a third of a build: the parser builds a dictionary of attributes
for every tag of every table. :func:`sections` gives the same sections by walking the tags
with one regular expression, reading an attribute only where the indexer needs one (a
heading's id). It follows the indexer's rules step for step — whitespace collapsing,
escaping, empty kept tags dropped, the preface section — so the entries are the same
(``tests/test_search_text.py`` compares them with Material's parser on every generated page).

Pages this walk cannot read as the parser would — scripts, styles other than a chart's
(lower-case ``<style>`` holding no ``<``), objects, blocks excluded
from search, comments-like declarations, a stray ``<`` — give ``None``; the caller leaves them
to the search plugin.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# A chart's own <style> (generator/render/svg/style.py) is skipped whole, as the parser skips its text.
_STYLE = r"style\b[^>]*>[^<]*</style>"
# A tag's attributes are read a run of plain characters at a time (not one character per repetition), and
# possessively: their three kinds of piece cannot overlap, so giving any back could never find a ">".
_TOKEN = re.compile(rf"""<!--.*?-->|<{_STYLE}|<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""", re.DOTALL)
_PERMALINK = re.compile(r"""\sclass\s*=\s*["']headerlink["']""")
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_UNREADABLE = re.compile(rf"<(?:script|object)\b|<(?!(?-i:{_STYLE}))style\b|data-search-exclude|linenodiv|<!(?!--)|<\?",
                         re.IGNORECASE)
_UNREADABLE_LOWER = re.compile(r"<(?:script\b|object\b|style\b|!(?!--)|\?)|data-search-exclude|linenodiv")
""":data:`_UNREADABLE` on the lower-cased page: one case-sensitive scan is several times faster."""
_CHART_STYLE = re.compile(_STYLE)
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})


@dataclass
class Section:
    """What Material's indexer reads of a section: its id, title and text pieces."""

    tag: str
    depth: float = 0
    id: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Walk:
    """The indexer's state while walking the tags of one page."""

    def __init__(self) -> None:
        self.context: list[str] = []
        self.open: dict[str, int] = {}
        """How many elements of each tag are open (``tag in context``, without a scan)."""
        self.section: Section | None = None
        self.data: list[Section] = []
        self.permalinks: list[bool] = []
        """Per open element: whether it is a permalink (``<a class="headerlink">``)."""
        self.in_permalink = 0
        """How many of the open elements are permalinks."""

    def current(self) -> Section:
        if self.section is None:
            self.section = Section("hx")
            self.data.append(self.section)
        return self.section

    def start(self, tag: str, attrs: str) -> None:
        if tag in VOID:
            return
        self.context.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        permalink = tag == "a" and _PERMALINK.search(attrs) is not None
        self.permalinks.append(permalink)
        self.in_permalink += permalink
        if tag in HEADINGS:
            ident = _ID.search(attrs)
            if ident is not None:
                if tag != "h1" and not self.data:
                    self.section = Section("hx", len(self.context))
                    self.data.append(self.section)
                self.section = Section(tag, len(self.context))
                if len(self.data):
                    self.section.id = html.unescape(ident.group(1) if ident.group(1) is not None else ident.group(2))
                self.data.append(self.section)
        if tag in KEEP:
            section = self.current()
            (section.title if self.open.get(section.tag) else section.text).append(f"<{tag}>")
        elif self.section is None:
            self.current()

    def end(self, tag: str) -> None:
        if not self.context or self.context[-1] != tag:
            return
        section = self.current()
        if section.depth > len(self.context):
            for earlier in reversed(self.data):
                if earlier.depth <= len(self.context):
                    section.depth = float("inf")
                    self.section = section = earlier
                    break
        self.context.pop()
        self.open[tag] -= 1
        self.in_permalink -= self.permalinks.pop()
        if tag in KEEP:
            data = section.title if self.open.get(section.tag) else section.text
            index = data.index(f"<{tag}>")
            if any(not piece.isspace() for piece in data[index + 1:]):
                data.append(f"</{tag}>")
            else:
                del data[index:]

    def text(self, data: str) -> None:
        in_pre = self.open.get("pre")
        if not in_pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        section = self.section if self.section is not None else self.current()
        if self.open.get(section.tag):
            if not self.in_permalink:
                section.title.append(html.escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(data)
        else:
            section.text.append(html.escape(data, quote=False))


def _unreadable(page_html: str) -> bool:
    """Whether :data:`_UNREADABLE` finds something in ``page_html`` (searched in its lower-cased copy)."""
    lower = page_html.lower()
    if len(lower) != len(page_html):  # a character lower-cased to two: positions would not match
        return _UNREADABLE.search(page_html) is not None
    for match in _UNREADABLE_LOWER.finditer(lower):
        if match.group() != "<style" or not _CHART_STYLE.match(page_html, match.start() + 1):
            return True
    return False


def sections(page_html: str) -> list[Section] | None:
    """The search sections of ``page_html`` as Material's indexer makes them, or ``None`` if it must parse it."""
    if _unreadable(page_html):
        return None
    walk = _Walk()
    start, end, text = walk.start, walk.end, walk.text  # bound once: a page has thousands of tags
    position = 0
    for match in _TOKEN.finditer(page_html):
        at = match.start()
        if at > position:
            raw = page_html[position:at]
            if "<" in raw:
                return None  # a stray "<": text the parser would read otherwise
            text(html.unescape(raw) if "&" in raw else raw)
        position = match.end()
        closing, tag, attrs = match.groups()
        if tag is None:
            continue  # a comment, or a style sheet
        tag = tag.lower()
        if closing:
            end(tag)
        else:
            start(tag, attrs)
            if attrs.endswith("/"):
                end(tag)
    if position < len(page_html):
        raw = page_html[position:]
        if "<" in raw:
            return None
        text(html.unescape(raw))
    return walk.data
