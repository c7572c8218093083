"""One account's scorecard: the two dimensions, their groups, the total, class and cadence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Account, Activity, Contact
from .actions import score_actions
from .cadence import account_cadence, in_window
from .classify import classify
from .config import ACTIONS, ScoringConfig
from .figures import weighted
from .kpi import score_kpi
from .types import AccountScore, Figure


def score_groups(actions: Sequence[Figure], config: ScoringConfig) -> tuple[Figure, ...]:
    """The three action groups, each the weighted mean of its three actions."""
    by_key = {f.key: f for f in actions}
    return tuple(
        weighted(f"groups.{group}",
                 [(name, config.action_weight(group, name), by_key[f"actions.{group}.{name}"]) for name in names])
        for group, names in ACTIONS.items()
    )


def score_account(slug: str, account: Account, contacts: Sequence[Contact], activities: Sequence[Activity],
                  as_of: dt.date, config: ScoringConfig) -> AccountScore:
    """Score one account as known on ``as_of``; ``activities`` may be all of them, the window is applied here."""
    window = in_window(activities, as_of, config.limits.weeks_window)
    actions = score_actions(account, contacts, window, as_of, config)
    groups = score_groups(actions, config)
    actions_score = weighted("actions.score", [(g.key.split(".")[1], config.group_weights[g.key.split(".")[1]], g)
                                               for g in groups])
    kpi, kpi_score = score_kpi(account, as_of, config, actions_score)
    weights = config.dimension_weights
    total = weighted("total", [("kpi", weights["kpi"], kpi_score), ("actions", weights["actions"], actions_score)])
    return AccountScore(
        slug=slug,
        kpi=kpi,
        kpi_score=kpi_score,
        actions=actions,
        groups=groups,
        actions_score=actions_score,
        total=total,
        classification=classify(account, as_of, config),
        cadence=account_cadence(window, config),
    )
