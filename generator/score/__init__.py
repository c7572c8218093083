"""Scorecards: the method's evaluation model (客户关系评价), computed from the dossiers.

Pure functions, no I/O. Dimension 1 (KPI results, :mod:`.kpi`) and dimension 2 (the nine
key business actions, :mod:`.actions`) combine into a total with the configured weights
(:mod:`.config`); visit cadence (:mod:`.cadence`), classification (:mod:`.classify`) and
roll-ups by tier, region and owner (:mod:`.rollup`) complete the picture. Every figure carries
its formula, the numbers put in, and its inputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..config import Settings
from ..model import Account, Activity, Contact, Opportunity
from ..model.portfolio import Portfolio
from .account import score_account
from .config import ScoringConfig, scoring_config
from .people import AccountData, PersonStep, ShareStep, dossier_share, person_score, score_people
from .rollup import RollupStep, group_rollup, rollups
from .types import AccountScore, Figure, PersonScore, PortfolioScores, Rollup

AccountStep = Callable[[str, Account, Sequence[Contact], Sequence[Activity], dt.date, ScoringConfig,
                        Sequence[Opportunity]], AccountScore]
"""How one account's scorecard is computed: :func:`score_account`, or a function that gives what it gives."""


class Steps(NamedTuple):
    """The computations :func:`score_portfolio` combines: one account's scorecard, one dossier's share of
    the people's, one person's, one group's roll-up. The incremental package passes ones that keep results."""

    account: AccountStep = score_account
    share: ShareStep = dossier_share
    person: PersonStep = person_score
    rollup: RollupStep = group_rollup


PURE = Steps()
"""Every step computed afresh."""


def portfolio_data(portfolio: Portfolio) -> list[AccountData]:
    """``(slug, account, contacts, activities)`` for each loaded dossier."""
    return [(d.slug, d.account.data, [c.data for c in d.contacts], [a.data for a in d.activities])
            for d in portfolio.dossiers]


def score_portfolio(portfolio: Portfolio, settings: Settings, steps: Steps = PURE) -> PortfolioScores:
    """Every account's and person's scorecard, and the roll-ups, as of ``settings.today``.

    An account's scorecard depends only on its own dossier, the date and the settings; people
    and roll-ups span accounts.
    """
    config = scoring_config(settings)
    as_of = settings.today
    data = portfolio_data(portfolio)
    opportunities = {d.slug: [o.data for o in d.opportunities] for d in portfolio.dossiers}
    accounts = {slug: steps.account(slug, account, contacts, activities, as_of, config, opportunities[slug])
                for slug, account, contacts, activities in data}
    return PortfolioScores(
        as_of=as_of.isoformat(),
        config_version=config.version,
        accounts=accounts,
        people=score_people(sorted(portfolio.people), data, as_of, config, accounts, steps.share, steps.person),
        rollups=rollups({slug: account for slug, account, _, _ in data}, accounts, rollup=steps.rollup),
    )


__all__ = [
    "AccountScore", "Figure", "PersonScore", "PortfolioScores", "Rollup", "ScoringConfig", "Steps", "score_account",
    "score_portfolio", "scoring_config",
]
