"""What every page view reads: the loaded portfolio, its findings and scores, indexed once."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from ..config import Settings
from ..diagnostics import Diagnostic, Severity, place
from ..model.portfolio import Portfolio
from ..score.types import AccountScore, PersonScore, PortfolioScores
from .i18n import Translator

T = TypeVar("T")


class Parts(Protocol):
    """How the portfolio-wide views compute their per-account parts (a row, a team share, the chart)."""

    def __call__(self, name: str, make: Callable[..., T], /, *args: Any) -> T:
        """The part called ``name``: ``make(*args)``, a pure function of its arguments."""
        ...


def computed(name: str, make: Callable[..., T], /, *args: Any) -> T:
    """A view's part, computed now (:class:`Parts`; :mod:`generator.incremental` keeps them across builds)."""
    return make(*args)


@dataclass
class Site:
    """One consistent snapshot of everything, shared by all pages of a build."""

    portfolio: Portfolio
    diagnostics: Sequence[Diagnostic]
    scores: PortfolioScores | None
    settings: Settings
    t: Translator
    directory_urls: bool = True
    changed: dict[str, dt.date] = field(default_factory=dict)
    """Last change per dossier slug."""
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)
    """Warnings and errors per dossier slug."""
    cache: dict[str, object] = field(default_factory=dict)
    """Indexes views build once per site (e.g. everyone's accounts for the team pages)."""
    deltas: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    """Change since the start of the quarter by (scope, id), then figure key, when the scorer gave history."""
    compliance: bool = False
    """The build has the gifts-register page (restricted profiles), so the portfolio links to it."""
    parts: Parts = computed
    """Computes the views' per-account parts (rows, team shares, the chart)."""

    def __post_init__(self) -> None:
        self.findings = findings_by_slug(self.portfolio, self.diagnostics)
        self._people: dict[str, Any] = self.portfolio.people  # the property builds a new dict per call

    @property
    def today(self) -> dt.date:
        """The date the build is as of."""
        return self.settings.today

    @property
    def people(self) -> dict[str, Any]:
        """Roster people by id."""
        return self._people

    def person_name(self, person_id: str) -> str:
        """Display name of a roster id (the id itself when unknown)."""
        person = self.people.get(person_id)
        return str(person.name) if person else person_id

    def account_score(self, slug: str) -> AccountScore | None:
        """The scorer's result for an account, if scores were computed."""
        return self.scores.accounts.get(slug) if self.scores else None

    def person_score(self, person_id: str) -> PersonScore | None:
        """The scorer's result for a person, if scores were computed."""
        return self.scores.people.get(person_id) if self.scores else None


def findings_by_slug(portfolio: Portfolio, diagnostics: Iterable[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """Warnings and errors grouped by the dossier whose folder holds their file."""
    folders = {place(d.folder): d.slug for d in portfolio.dossiers}  # as the diagnostics name them: escaped
    grouped: dict[str, list[Diagnostic]] = defaultdict(list)
    slugs: dict[str, str | None] = {}  # by file: a file has several findings
    for diagnostic in diagnostics:
        if diagnostic.severity < Severity.WARNING:
            continue
        if diagnostic.path not in slugs:
            # Up the file's folders to a dossier's (a lookup per level, not a scan of every dossier).
            where = place(diagnostic.path)
            while where not in folders:
                parent = os.path.dirname(where)
                if parent == where:
                    break
                where = parent
            slugs[diagnostic.path] = folders.get(where)
        slug = slugs[diagnostic.path]
        if slug is not None:
            grouped[slug].append(diagnostic)
    return dict(grouped)


def weeks(today: dt.date, count: int) -> list[dt.date]:
    """First days of the ``count`` seven-day weeks ending on ``today``, oldest first.

    The very window the scorecards count meetings in (``score.cadence.in_window``), so a
    chart's bars add up to the figure beside it.
    """
    end = today + dt.timedelta(days=1)
    return [end - dt.timedelta(weeks=count - i) for i in range(count)]


def weekly_counts(dates: Iterable[dt.date], mondays: Sequence[dt.date]) -> list[int]:
    """How many of ``dates`` fall in each seven-day week starting on ``mondays``."""
    counts = [0] * len(mondays)
    if not mondays:
        return counts
    first = mondays[0]
    for date in dates:
        index = (date - first).days // 7
        if 0 <= index < len(mondays):
            counts[index] += 1
    return counts

