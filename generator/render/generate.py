"""The render stage's entry: every page of one language from what the pipeline gathered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..config import Settings
from ..diagnostics import Diagnostic
from ..history.records import Movement
from ..model.portfolio import Portfolio
from ..score.types import PortfolioScores
from .compliance import shows
from .context import Parts, Site, computed
from .pages import Change, site_for, whole_site
from .parallel import Pages


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


def site_of(gathered: Gathered, settings: Settings, lang: str, *, directory_urls: bool = True,
            parts: Parts = computed) -> Site:
    """What every page of ``gathered`` in ``lang`` reads (``parts``: see :class:`.context.Parts`)."""
    return site_for(gathered.portfolio, gathered.shown, gathered.scores, settings, lang,
                    directory_urls=directory_urls, changes=gathered.changes, compliance=shows(gathered.level),
                    history=gathered.movement, changed=gathered.changed, parts=parts)


def generate(gathered: Gathered, settings: Settings, lang: str, *, directory_urls: bool = True) -> Pages:
    """Every generated page for ``gathered``, by source path (see :class:`Pages` for pages still rendering)."""
    return whole_site(site_of(gathered, settings, lang, directory_urls=directory_urls))
