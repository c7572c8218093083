"""Scorecards, roll-ups and their changes since the quarter began, kept from one rebuild to the next.

An account's scorecard depends only on its own dossier, the date and the settings, so it is
kept under those (the dossier's :func:`~generator.model.keys.dossier_key`); so is the dossier's
share of the people's scorecards (part ``people``), and so is a person's scorecard: its key names
each served account's scorecard by that scorecard's own key, so it means the same in another
process (:mod:`.carried`). A group's roll-up (part ``rollups``) and one thing's changes since the
quarter began (part ``deltas``) are kept while they are computed from the very same kept
scorecards: a kept value holds the objects whose ids its key names, so an id stands for its
object while the value is kept; those parts stay in the process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from .. import score
from ..config import Settings
from ..history import quarter
from ..model import Account, Activity, Contact, Opportunity
from ..model.keys import dossier_key
from ..model.portfolio import Portfolio
from ..score.config import ScoringConfig, scoring_config
from ..score.people import AccountData, Served, Share, dossier_share, person_score
from ..score.rollup import group_rollup
from ..score.types import AccountScore, PersonScore, PortfolioScores, Rollup
from .memo import Memo

T = TypeVar("T")


def score_portfolio(portfolio: Portfolio, settings: Settings, memo: Memo[Any]) -> PortfolioScores:
    """:func:`generator.score.score_portfolio`, re-using what ``memo`` kept of the previous builds."""
    return score.score_portfolio(portfolio, settings, _steps(portfolio, settings, memo))


def since_quarter_start(portfolio: Portfolio, settings: Settings, memo: Memo[Any]
                        ) -> tuple[PortfolioScores, tuple[quarter.Delta, ...]]:
    """:func:`generator.history.quarter.since_quarter_start`, re-using what ``memo`` kept of the previous builds."""
    kept = memo.part("deltas")

    def changes(scope: str, id_: str, was: quarter.Scored | None, now: quarter.Scored | None
                ) -> tuple[quarter.Delta, ...]:
        return _holding(kept, (scope, id_, id(was), id(now)), (was, now),
                        partial(quarter.entity_changes, scope, id_, was, now))

    return quarter.since_quarter_start(portfolio, settings, partial(score_portfolio, memo=memo), changes)


def _steps(portfolio: Portfolio, settings: Settings, memo: Memo[Any]) -> score.Steps:
    """The scoring steps, each kept in ``memo`` (or one of its parts) under what it is computed from."""
    common = repr(settings)  # holds the date, limits and scoring weights
    config_key = repr(scoring_config(settings))
    keys = {dossier.slug: dossier_key(dossier) for dossier in portfolio.dossiers}
    shares, groups = memo.part("people"), memo.part("rollups")

    def account(slug: str, account: Account, contacts: Sequence[Contact], activities: Sequence[Activity],
                as_of: dt.date, config: ScoringConfig, opportunities: Sequence[Opportunity]) -> AccountScore:
        scored: AccountScore = memo.get(("score", common, keys[slug]), partial(
            score.score_account, slug, account, contacts, activities, as_of, config, opportunities))
        return scored

    def share(data: AccountData, as_of: dt.date, config: ScoringConfig) -> Share:
        kept: Share = shares.get((config_key, as_of, keys[data[0]]), partial(dossier_share, data, as_of, config))
        return kept

    def person(pid: str, meetings: int, accounts: list[str], owned: list[tuple[str, Contact]],
               config: ScoringConfig, served: Served) -> PersonScore:
        # What the scorecard is computed from, by the dossiers it comes from: the owned contacts (in order) and each
        # served account's head share and scorecard are each a dossier's, under `common` (the date, the settings).
        owners = tuple(keys[slug] for slug in dict.fromkeys(slug for slug, _ in owned))
        serves = tuple((slug, scored is not None and keys[slug]) for slug, _, scored in served)
        key = ("person", common, pid, meetings, tuple(accounts), owners, serves)
        scored: PersonScore = memo.get(key, partial(person_score, pid, meetings, accounts, owned, config, served))
        return scored

    def rollup(grouping: str, group: str, chosen: list[AccountScore]) -> Rollup:
        return _holding(groups, (grouping, group, tuple(id(scored) for scored in chosen)), chosen,
                        partial(group_rollup, grouping, group, chosen))

    return score.Steps(account, share, person, rollup)


def _holding(memo: Memo[Any], key: tuple[object, ...], held: object, make: Callable[[], T]) -> T:
    """``make()``, kept in ``memo`` under ``key`` together with ``held``: the objects whose ids ``key`` names."""
    kept: tuple[object, T] = memo.get(key, lambda: (held, make()))
    return kept[1]
