"""Pages that can no longer be built while serving: an error page instead of the stale one.

Under ``mkdocs serve --dirty`` MkDocs never deletes HTML it built before. When an account's
``account.md`` stops loading (a YAML or schema error), or its folder is deleted or
renamed, its page is no longer generated, and the server went on serving the last good
HTML with HTTP 200 while the error only showed in the terminal. The same held for team
members' pages while roster.yml is broken. :func:`unavailable_pages` gives each such page
a replacement naming the file, line and problem (or saying the source is gone); when the
source loads again, its real page replaces it on the next rebuild.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from ..diagnostics import Diagnostic, Severity, place, within
from ..load.discover import display
from ..model.portfolio import ROSTER
from . import paths
from .i18n import Translator
from .page import page

_ACCOUNT = ("accounts/", "/index.md")


def source_of(src: str, accounts: str) -> str | None:
    """The folder or file a generated page comes from: an account folder, roster.yml; ``None`` for the rest."""
    if src.startswith(_ACCOUNT[0]) and src.endswith(_ACCOUNT[1]) and src.count("/") == 2:
        return os.path.join(accounts, src.split("/")[1])
    if src.startswith("team/") and src != paths.TEAM:
        return os.path.join(accounts, ROSTER)
    return None


def unavailable_pages(missing: Iterable[str], diagnostics: Sequence[Diagnostic], accounts: str, lang: str, *,
                      directory_urls: bool = True) -> dict[str, str]:
    """An error page for each source path in ``missing`` that comes from a dossier or the roster.

    ``diagnostics`` are those the build's profile may show; the errors in the page's source
    (any file of the account folder, or roster.yml) are listed with file, line and column.
    """
    t = Translator(lang)
    found: dict[str, str] = {}
    for src in sorted(missing):
        source = source_of(src, accounts)
        if source is None:
            continue
        view = _view(src, source, diagnostics, t, paths.Links(src, directory_urls))
        found[src] = page("unavailable.html", view["title"], hide=("navigation",), u=view, t=t)
    return found


def _view(src: str, source: str, diagnostics: Sequence[Diagnostic], t: Translator,
          links: paths.Links) -> dict[str, Any]:
    where = place(source)  # as diagnostics name files: escaped
    problems = [d for d in diagnostics if d.severity >= Severity.ERROR and within(place(d.path), where)]
    shown = display(os.path.abspath(source))  # as diagnostics show paths
    return {
        "title": t("unavailable_title"),
        "headline": t("unavailable_broken" if problems or os.path.exists(source) else "unavailable_gone",
                      source=shown),
        "explain": t("unavailable_explain"),
        "problems": [{"where": f"{d.path}:{d.line}:{d.column}", "code": d.code, "message": d.message, "hint": d.hint,
                      "href": links.to(paths.RULES, d.code.lower())} for d in problems],
    }
