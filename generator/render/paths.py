"""Where each generated page lives, and relative links between them.

Pages hold pre-rendered HTML, which MkDocs does not rewrite, so links are computed here
exactly as MkDocs maps a source path to a URL (with or without directory URLs).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

PORTFOLIO = "accounts/index.md"
TEAM = "team/index.md"
RULES = "rules.md"
GUIDE = "scoring-guide.md"
COMPLIANCE = "compliance.md"
"""The gifts register page; generated only in builds whose profile shows restricted data."""
GROUPINGS = ("tier", "region", "industry")


def account_page(slug: str) -> str:
    """Source path of an account page."""
    return f"accounts/{slug}/index.md"


def person_page(person: str) -> str:
    """Source path of a team member's page."""
    return f"team/{person}.md"


def grouping_page(by: str) -> str:
    """Source path of a portfolio view grouped by tier, region or industry."""
    return f"portfolio/by-{by}.md"


def url_of(src: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives the page at ``src``."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


@dataclass(frozen=True)
class Links:
    """Links from one page to others, relative so the site works under any base URL."""

    current: str
    """Source path of the page being rendered."""
    directory_urls: bool = True

    def to(self, src: str, anchor: str = "") -> str:
        """Relative href from the current page to ``src`` (optionally ``#anchor``).

        Up to the site root, then down to the target: not always the shortest path, but
        computed without ``relpath`` (called for every link of every page).
        """
        return self._root + url_of(src, self.directory_urls) + (f"#{anchor}" if anchor else "")

    @cached_property
    def _root(self) -> str:
        # Each "/" in the page's own URL is one folder to climb ("team/p-x/" and "team/p-x.html" alike).
        depth = url_of(self.current, self.directory_urls).count("/")
        return "../" * depth if depth else "./"
