"""Where each generated page lives, and relative links between them.

Pages hold pre-rendered HTML, which MkDocs does not rewrite, so links are computed here
exactly as MkDocs maps a source path to a URL (with or without directory URLs).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..model.portfolio import ACCOUNT, ROSTER

if TYPE_CHECKING:
    from ..config import Settings

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


_ACCOUNT_PAGE = re.compile(r"accounts/([^/]+)/index\.md")
_PERSON_PAGE = re.compile(r"team/(?!index\.md)[^/]+\.md")


def edit_url(settings: Settings, src: str) -> str | None:
    """The forge's editor for the file behind the generated page ``src``, if one file is behind it.

    An account page shows its ``account.md`` (its contacts and activities have their own
    links on the page), a team member's page the roster; portfolio views, the team and rule
    pages are built from many files, so they get no edit button.
    """
    forge = settings.edit_links
    if forge is None:
        return None
    account = _ACCOUNT_PAGE.fullmatch(src)
    if account is not None:
        return forge.edit(os.path.join(settings.accounts, account.group(1), ACCOUNT))
    if _PERSON_PAGE.fullmatch(src):
        return forge.edit(os.path.join(settings.accounts, ROSTER))
    return None


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


def contact_anchor(contact_id: str) -> str:
    """Anchor of a contact's row in the relationship table."""
    return f"contact-{contact_id}"


def source_anchor(source_id: str) -> str:
    """Anchor of a source in the sources list."""
    return f"src-{source_id}"
