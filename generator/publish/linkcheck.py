"""Internal links in generated pages that lead nowhere.

MkDocs validates the links of Markdown it converts, but generated pages carry
pre-rendered HTML (dossier bodies, tables, charts), which it passes through unchecked.
The plugin runs :func:`broken_links` over each generated page so that a dossier body
linking to a page that does not exist fails ``mkdocs build --strict`` like any other
broken link.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from urllib.parse import unquote, urlsplit

_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


# Generated pages come from our own templates and nh3, which always quote attributes with '"';
# a regular expression is several times faster than an HTML parser on large portfolios.
_ATTRIBUTE = re.compile(r'\s(?:href|src)\s*=\s*"([^"]*)"')


def links(page_html: str) -> list[str]:
    """Every double-quoted ``href`` and ``src`` of a page, entities decoded, in order."""
    return [html.unescape(url) if "&" in url else url for url in _ATTRIBUTE.findall(page_html) if url]


def distinct_links(page_html: str) -> tuple[str, ...]:
    """:func:`links`, each once, in order: a portfolio page links each account several times."""
    return tuple(dict.fromkeys(links(page_html)))


@lru_cache(maxsize=1 << 16)
def resolve(url: str, page_url: str) -> str | None:
    """The site path ``url`` points at from the page at ``page_url``; ``None`` for external or same-page links."""
    # Same-page anchors, other sites, and site-absolute paths (which depend on where the site is served).
    if not url or url.startswith(("#", "/")) or _SCHEME.match(url):
        return None
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    target = posixpath.normpath(posixpath.join(base, path))
    if path.endswith("/") and target != ".":
        target += "/"
    return "" if target == "." else target


def broken_links(page_html: str, page_url: str, known: Collection[str]) -> list[str]:
    """Relative links of a page whose target is not among ``known`` output files (``dest_uri`` values), each once.

    A portfolio page links each account several times, and a server checks the same links on every save:
    each link is looked at once a page, and where it leads is worked out once a process (:func:`resolve`).
    """
    return broken_among(distinct_links(page_html), page_url, known)


def broken_among(urls: Iterable[str], page_url: str, known: Collection[str]) -> list[str]:
    """Of the distinct links ``urls`` of the page at ``page_url``, those :func:`broken_links` reports."""
    broken = []
    for url in urls:
        target = resolve(url, page_url)
        if target is None:
            continue
        if target.startswith("../") or target == "..":
            broken.append(url)
            continue
        if not any(c in known for c in _candidates(target)):
            broken.append(url)
    return broken


def targets(urls: Iterable[str], page_url: str) -> set[str]:
    """The output paths whose presence decides whether the links ``urls`` of the page at ``page_url`` lead somewhere
    (:func:`broken_among`): a file added or removed at one of them changes what the page warns."""
    found: set[str] = set()
    for url in urls:
        target = resolve(url, page_url)
        if target is not None and not (target.startswith("../") or target == ".."):
            found.update(_candidates(target))
    return found


def _candidates(target: str) -> tuple[str, ...]:
    """The output files a link to the site path ``target`` may lead to."""
    return (target + "index.html",) if target == "" or target.endswith("/") else (target, target + "/index.html")
