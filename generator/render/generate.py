"""The render stage's entry: every page of one language from what the pipeline gathered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..config import Settings
from ..diagnostics import Diagnostic
from ..history.records import Movement
from ..model.portfolio import Dossier, Portfolio
from ..score.types import PortfolioScores
from .compliance import compliance_pages, shows
from .context import Site
from .pages import Change, render_site
from .parallel import Pages

Reuse = Callable[[Site, Dossier], "str | None"]
"""Gives an account page's text from an earlier build when none of its inputs changed, else ``None``."""


@dataclass
class Gathered:
    """Everything the pages are rendered from: one consistent snapshot."""

    portfolio: Portfolio
    """The portfolio as this build's audience may see it (redacted for the profile)."""
    diagnostics: list[Diagnostic]
    """Every problem in the full portfolio: the build log is for the editors."""
    shown: list[Diagnostic]
    """The problems pages may mention without leaking what the profile hides."""
    scores: PortfolioScores
    changes: Sequence[Change]
    """Change of each figure since the start of the quarter (empty when not computed)."""
    level: str = "internal"
    """The highest sensitivity this build shows."""
    movement: Movement | None = None
    changed: dict[str, dt.date] = field(default_factory=dict)
    """When each account last changed, by slug (git, else file times: :mod:`generator.history.changed`)."""
    """Movement over time from the repository's history (``None`` when not asked for)."""


def generate(gathered: Gathered, settings: Settings, lang: str, *, directory_urls: bool = True,
             reuse: Reuse | None = None, reuse_person: Callable[[Site, str], str | None] | None = None,
             lifting: bool = False) -> Pages:
    """Every generated page for ``gathered``, by source path (see :class:`Pages` for pages still rendering).

    ``reuse`` and ``reuse_person`` may hand back account and person pages kept from an earlier
    build (``incremental.AccountMemo``). ``lifting``: heavy blocks go to ``pages.lifted`` for the
    MkDocs plugin to put back after conversion (:mod:`generator.render.lift`).
    """
    pages = render_site(gathered.portfolio, gathered.shown, gathered.scores, settings, lang,
                        directory_urls=directory_urls, changes=gathered.changes, reuse=reuse,
                        reuse_person=reuse_person, compliance=shows(gathered.level), lifting=lifting,
                        history=gathered.movement, changed=gathered.changed)
    pages.update(compliance_pages(gathered.portfolio, gathered.shown, settings, lang, gathered.level,
                                  directory_urls=directory_urls))
    return pages
