"""Scorecards: the method's evaluation model (客户关系评价), computed from the dossiers.

Pure functions, no I/O. Dimension 1 (KPI results, :mod:`.kpi`) and dimension 2 (the nine
key business actions, :mod:`.actions`) combine into a total with the configured weights
(:mod:`.config`); visit cadence (:mod:`.cadence`), classification (:mod:`.classify`) and
roll-ups by tier, region and owner (:mod:`.rollup`) complete the picture. Every figure carries
its formula, the numbers put in, and its inputs.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from ..config import Settings
from ..memo import Memo, dossier_key
from ..model.portfolio import Portfolio
from .account import score_account
from .config import ScoringConfig, scoring_config
from .people import AccountData, score_people
from .rollup import rollups
from .types import AccountScore, Figure, PersonScore, PortfolioScores, Rollup


def portfolio_data(portfolio: Portfolio) -> list[AccountData]:
    """``(slug, account, contacts, activities)`` for each loaded dossier."""
    return [(d.slug, d.account.data, [c.data for c in d.contacts], [a.data for a in d.activities])
            for d in portfolio.dossiers]


def score_portfolio(portfolio: Portfolio, settings: Settings, memo: Memo[Any] | None = None
                    ) -> PortfolioScores:
    """Every account's and person's scorecard, and the roll-ups, as of ``settings.today``.

    An account's scorecard depends only on its own dossier, the date and the settings, so
    with a ``memo`` (``mkdocs serve --dirty``) it is kept by those; people and roll-ups span
    accounts and are computed again.
    """
    config = scoring_config(settings)
    as_of = settings.today
    data = portfolio_data(portfolio)
    opportunities = {d.slug: [o.data for o in d.opportunities] for d in portfolio.dossiers}
    keys: list[str] | None = None
    if memo is None:
        accounts = {slug: score_account(slug, account, contacts, activities, as_of, config, opportunities[slug])
                    for slug, account, contacts, activities in data}
    else:
        common = repr(settings)  # holds the date, limits and scoring weights
        keys = [dossier_key(dossier) for dossier in portfolio.dossiers]
        accounts = {slug: memo.get(("score", common, key),
                                   partial(score_account, slug, account, contacts, activities, as_of, config,
                                           opportunities[slug]))
                    for key, (slug, account, contacts, activities) in zip(keys, data, strict=True)}
    people = score_people(sorted(portfolio.people), data, as_of, config, memo, keys, accounts)
    return PortfolioScores(
        as_of=as_of.isoformat(),
        config_version=config.version,
        accounts=accounts,
        people=people,
        rollups=rollups({slug: account for slug, account, _, _ in data}, accounts,
                        memo=memo.part("rollups") if memo is not None else None),
    )


__all__ = [
    "AccountScore", "Figure", "PersonScore", "PortfolioScores", "Rollup", "ScoringConfig", "score_account",
    "score_portfolio", "scoring_config",
]
