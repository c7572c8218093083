"""Scores over time: at an earlier date, at a git revision, and the change between two points.

* As of a date: the same dossiers, judged with only what was known then — activities,
  issues, surveys, sources and KPI years after the date are ignored, an issue closed later
  was still open, a plan keeps its recorded status but is overdue if due before the date.
* At a revision: ``accounts/`` as committed at ``REV`` (``git archive``), scored as of the
  commit's date unless a date is given.

The site shows the change since the start of the quarter (:func:`since_quarter_start`).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property

from ..config import Settings
from ..load.portfolio import load_portfolio
from ..model.portfolio import Portfolio
from ..score import score_portfolio
from ..score.figures import r1
from ..score.types import AccountScore, Figure, PersonScore, PortfolioScores, Rollup, Value
from . import git, unpack


def quarter_start(day: dt.date) -> dt.date:
    """First day of the calendar quarter holding ``day``."""
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


ScoreStep = Callable[[Portfolio, Settings], PortfolioScores]
"""How a portfolio is scored: :func:`generator.score.score_portfolio`, or a function that gives what it gives."""


def score_as_of(portfolio: Portfolio, settings: Settings, as_of: dt.date,
                score: ScoreStep = score_portfolio) -> PortfolioScores:
    """The portfolio's scores (by ``score``) with only what was known on ``as_of``."""
    return score(portfolio, replace(settings, today=as_of))


@contextmanager
def accounts_at(accounts: str, rev: str) -> Iterator[tuple[str, dt.date]]:
    """``accounts/`` as committed at ``rev``, extracted into a temporary folder.

    Yields ``(folder, commit date)``; the folder is removed afterwards. Raises ``ValueError``
    when the revision or the folder does not exist there (:mod:`generator.history.git` does the reading).
    """
    if not rev or rev.startswith("-"):
        raise ValueError(f"not a git revision: '{rev}'")
    top, rel = git.locate(accounts)
    try:
        commit = git.commit_of(top, rev)
    except git.RevisionError:
        raise ValueError(f"unknown git revision '{rev}' in {top}") from None
    if not unpack.has_folder(top, rel, commit):
        raise ValueError(f"'{rel}' does not exist at revision {rev}")
    with tempfile.TemporaryDirectory(prefix="accountplan-rev-") as tmp:
        yield unpack.extract(top, rel, commit, tmp), git.commit_date(top, commit)


def score_at_revision(accounts: str, rev: str, settings: Settings,
                      as_of: dt.date | None = None) -> PortfolioScores:
    """Scores of ``accounts/`` as committed at ``rev``, as of ``as_of`` or the commit's date."""
    with accounts_at(accounts, rev) as (folder, day):
        portfolio = load_portfolio(folder)
    return score_as_of(portfolio, settings, as_of or day)


@dataclass(frozen=True)
class Delta:
    """One figure at two points in time."""

    scope: str
    """``account``, ``person`` or ``rollup``."""
    id: str
    """Account slug, person id, or ``by:group`` for a roll-up."""
    key: str
    """Figure key."""
    before: Value
    after: Value

    @cached_property  # deltas kept from build to build (serving) compute it once
    def change(self) -> float | None:
        """``after − before`` for numbers; ``None`` when either side is missing or a label."""
        if isinstance(self.before, (int, float)) and isinstance(self.after, (int, float)):
            return r1(self.after - self.before)
        return None


Scored = AccountScore | PersonScore | Rollup


def _entities(scores: PortfolioScores) -> dict[tuple[str, str], Scored]:
    """Every scored thing by (scope, id): accounts, people, roll-up groups (``by:group``)."""
    found: dict[tuple[str, str], Scored] = {("account", slug): a for slug, a in scores.accounts.items()}
    found.update({("person", pid): p for pid, p in scores.people.items()})
    found.update({("rollup", f"{r.by}:{r.group}"): r for r in scores.rollups})
    return found


def _figures(scored: Scored | None) -> dict[str, Figure]:
    """One scored thing's figures by key."""
    return {f.key: f for f in scored.figures()} if scored is not None else {}


def entity_changes(scope: str, id_: str, was: Scored | None, now: Scored | None) -> tuple[Delta, ...]:
    """The figures of one scored thing at both points, by key."""
    old, new = _figures(was), _figures(now)
    found = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        found.append(Delta(scope, id_, key, before.value if before else None, after.value if after else None))
    return tuple(found)


ChangesStep = Callable[[str, str, Scored | None, Scored | None], tuple[Delta, ...]]
"""How one scored thing's changes are found: :func:`entity_changes`, or a function that gives what it gives."""


def deltas(before: PortfolioScores, after: PortfolioScores, changes: ChangesStep = entity_changes
           ) -> tuple[Delta, ...]:
    """Every figure of either side, paired with the other side's (``None`` where absent), in a stable order.

    ``changes`` pairs the figures of one account, person or group (the incremental package passes one
    that keeps the changes of things whose scorecards are the ones it saw before).
    """
    old, new = _entities(before), _entities(after)
    found: list[Delta] = []
    for entity in sorted(set(old) | set(new)):
        found += changes(*entity, old.get(entity), new.get(entity))
    return tuple(found)


def since_quarter_start(portfolio: Portfolio, settings: Settings, score: ScoreStep = score_portfolio,
                        changes: ChangesStep = entity_changes) -> tuple[PortfolioScores, tuple[Delta, ...]]:
    """Scores (by ``score``) as of ``settings.today`` and their change since the first day of its quarter."""
    now = score(portfolio, settings)
    start = score_as_of(portfolio, settings, quarter_start(settings.today), score)
    return now, deltas(start, now, changes)
