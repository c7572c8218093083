"""What a fetched page says about itself: title, site name, publication date, and a fingerprint of its text.

* The **publication date** comes from htmldate, a library made for exactly this: it reads
  the page's metadata (Open Graph and ``article:published_time``, JSON-LD, Dublin Core,
  ``<time>`` elements, the URL) and prefers the original over the updated date. Its guessing
  from free text (``extensive_search``) is off: a date found in a sentence is not a
  publication date, and no date is better than a wrong one.
* The **title** and **site name** are read from ``og:title`` / ``og:site_name``, then
  ``<title>``, then the first ``<h1>`` (title) or the host name (site), with lxml.
* The **fingerprint** hashes the page's visible main text, normalised: scripts, styles,
  navigation, headers, footers and forms removed; ``<main>`` or ``<article>`` when the page
  has one; whitespace collapsed; Unicode NFC. A change of markup, class names, tracking
  scripts or menus does not change it; a change of the words does. Any other page type
  (a PDF) is hashed byte for byte.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from .fetch import Page

TITLE_MAX = 300
"""Characters kept of a title; pages sometimes put whole paragraphs there."""
_NOISE = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "iframe",
          "button", "select")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Metadata:
    """What a page says about itself."""

    title: str | None
    site_name: str | None
    published: dt.date | None
    fingerprint: str
    """``sha256:`` and the hex digest of the normalised text (or of the bytes, for non-HTML)."""


def extract(page: Page, today: dt.date) -> Metadata:
    """Title, site name, publication date (not after ``today``) and fingerprint of ``page``."""
    if not page.is_html:
        return Metadata(None, urlsplit(page.url).hostname, None, _digest(page.body))
    tree = parse(page)
    if tree is None:
        return Metadata(None, urlsplit(page.url).hostname, None, _digest(page.body))
    digest = _digest(main_text(tree).encode("utf-8"))
    title = _meta(tree, "og:title") or _first_text(tree, "//title") or _first_text(tree, "//h1")
    site = _meta(tree, "og:site_name") or _meta(tree, "application-name") or urlsplit(page.url).hostname
    return Metadata(_clean(title, TITLE_MAX), _clean(site, TITLE_MAX), published(tree, page.url, today), digest)


def fingerprint(page: Page) -> str:
    """The fingerprint of a page: of its normalised main text when HTML, else of its bytes."""
    tree = parse(page) if page.is_html else None
    if tree is None:
        return _digest(page.body)
    return _digest(main_text(tree).encode("utf-8"))


def parse(page: Page) -> lxml.html.HtmlElement | None:
    """The page's HTML tree (never fetching anything it refers to); ``None`` when it is not parseable."""
    try:
        parser = lxml.html.HTMLParser(encoding=page.charset, no_network=True, remove_comments=True)
    except LookupError:  # an unknown charset label: let the parser read the page's own declaration
        parser = lxml.html.HTMLParser(no_network=True, remove_comments=True)
    try:
        return lxml.html.document_fromstring(page.body, parser=parser)
    except (etree.ParserError, ValueError, LookupError):
        return None


def main_text(tree: lxml.html.HtmlElement) -> str:
    """The visible words of the page's main content, whitespace collapsed, NFC."""
    tree = copy.deepcopy(tree)  # the caller's tree stays whole
    for element in tree.xpath("|".join(f"//{name}" for name in _NOISE)):
        element.drop_tree()
    main = tree.xpath("//main") or tree.xpath("//article") or tree.xpath("//body") or [tree]
    words = " ".join(part.text_content() for part in main)
    return unicodedata.normalize("NFC", _SPACE.sub(" ", words).strip())


def published(tree: lxml.html.HtmlElement, url: str, today: dt.date) -> dt.date | None:
    """The page's original publication date from its metadata and URL (htmldate), or ``None``."""
    import htmldate  # imported here: it pulls in dateparser, slow to load and not needed elsewhere

    try:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True, url=url,
                                   max_date=today.isoformat())
        return dt.date.fromisoformat(found) if found else None
    except Exception:  # a heuristic library on hostile markup: no date is better than a traceback
        return None


def _meta(tree: lxml.html.HtmlElement, name: str) -> str | None:
    for value in tree.xpath("//meta[@property=$n or @name=$n]/@content", n=name):
        if str(value).strip():
            return str(value)
    return None


def _first_text(tree: lxml.html.HtmlElement, path: str) -> str | None:
    for element in tree.xpath(path):
        text = element.text_content()
        if text.strip():
            return str(text)
    return None


def _clean(text: str | None, limit: int) -> str | None:
    """One line of plain text: control and bidi characters removed, whitespace collapsed, at most ``limit``."""
    if text is None:
        return None
    cleaned = _SPACE.sub(" ", _UNSAFE.sub("", unicodedata.normalize("NFC", text))).strip()
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return cleaned or None


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()
