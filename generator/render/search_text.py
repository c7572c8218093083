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
_COUNTED = HEADINGS | {"pre", "hx"}
"""Tags the indexer asks ``tag in context`` of: ``pre``, and a section's heading (``hx`` for the preface)."""
_SPECIAL = _COUNTED | KEEP | {"a"}
"""Tags whose start or end does more than open or close an element (void ones aside)."""
_OPENING = {tag: f"<{tag}>" for tag in KEEP}
_CLOSING = {tag: f"</{tag}>" for tag in KEEP}


@dataclass
class Section:
    """What Material's indexer reads of a section: its id, title and text pieces."""

    tag: str
    depth: float = 0
    id: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


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
    """The search sections of ``page_html`` as Material's indexer makes them, or ``None`` if it must parse it.

    One loop over the pieces :data:`_TOKEN` splits the page into (text, then a tag's three groups), the
    indexer's three handlers written out in it: a page has thousands of tags, and most of them (``div``,
    ``td``, ``span`` …) only open and close an element, which is all the loop does for them.
    """
    if _unreadable(page_html):
        return None
    pieces = _TOKEN.split(page_html)
    context: list[str] = []
    """The open elements' tags (never a void one)."""
    counts = dict.fromkeys(_COUNTED, 0)
    """How many elements of each tag that is ever asked about (``tag in context``) are open."""
    permalinks: list[int] = []
    """The depth (``len(context)``) of each open permalink (``<a class="headerlink">``)."""
    found: list[Section] = []
    section: Section | None = None
    pieces += (None, None, None)  # the last text is followed by no tag
    tokens = iter(pieces)
    for data, closing, tag, attrs in zip(tokens, tokens, tokens, tokens, strict=True):
        if data:  # the indexer's handle_data
            if "<" in data:
                return None  # a stray "<": text the parser would read otherwise
            if "&" in data:
                data = html.unescape(data)
            in_pre = counts["pre"]
            if not in_pre:
                data = " " if data.isspace() else data.replace("\n", " ")
            if section is None:
                section = Section("hx")
                found.append(section)
            if counts[section.tag]:
                if not permalinks:
                    section.title.append(html.escape(data, quote=False))
            elif data.isspace():
                text = section.text
                if not text or not text[-1].isspace() or in_pre:
                    text.append(data)
            else:
                section.text.append(html.escape(data, quote=False))
        if tag is None:
            continue  # a comment, or a style sheet
        tag = tag.lower()
        if not closing:  # the indexer's handle_starttag
            if tag in VOID:
                continue  # never opened, so a "/>" closes nothing either
            context.append(tag)
            if tag not in _SPECIAL:
                if section is None:
                    section = Section("hx")
                    found.append(section)
                if not attrs.endswith("/"):
                    continue
            else:
                if tag in counts:
                    counts[tag] += 1
                if tag == "a" and "headerlink" in attrs and _PERMALINK.search(attrs) is not None:
                    permalinks.append(len(context))
                if tag in HEADINGS:
                    ident = _ID.search(attrs)
                    if ident is not None:
                        if tag != "h1" and not found:
                            found.append(Section("hx", len(context)))
                        section = Section(tag, len(context))
                        if found:
                            section.id = html.unescape(ident.group(1) if ident.group(1) is not None
                                                       else ident.group(2))
                        found.append(section)
                if section is None:
                    section = Section("hx")
                    found.append(section)
                if tag in KEEP:
                    (section.title if counts[section.tag] else section.text).append(_OPENING[tag])
                if not attrs.endswith("/"):
                    continue
        # the indexer's handle_endtag (of a closing tag, or of a start tag closed by "/>")
        if not context or context[-1] != tag:
            continue
        depth = len(context)
        if section is None:
            section = Section("hx")
            found.append(section)
        if section.depth > depth:
            for earlier in reversed(found):
                if earlier.depth <= depth:
                    section.depth = float("inf")
                    section = earlier
                    break
        context.pop()
        if permalinks and permalinks[-1] == depth:
            permalinks.pop()
        if tag in _SPECIAL:
            if tag in counts:
                counts[tag] -= 1
            if tag in KEEP:
                kept = section.title if counts[section.tag] else section.text
                index = kept.index(_OPENING[tag])
                if any(not piece.isspace() for piece in kept[index + 1:]):
                    kept.append(_CLOSING[tag])
                else:
                    del kept[index:]
    return found
