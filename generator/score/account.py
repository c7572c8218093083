"""One account's scorecard: the two dimensions, their groups, the total, class and cadence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Account, Activity, Contact, Opportunity
from .actions import score_actions
from .cadence import account_cadence, in_window
from .classify import classify
from .config import ACTIONS, ScoringConfig
from .figures import figure, missing, weighted
from .kpi import score_kpi
from .labels import msg
from .types import AccountScore, Figure


def customer_voice(account: Account, window: Sequence[Activity], as_of: dt.date) -> bool:
    """Whether anything the customer said is recorded: a satisfaction result, an opinion or expectation
    heard in the window's activities, or an issue raised — what 客户期望和满意度管理 manages."""
    return (any(s.date <= as_of for s in account.satisfaction) or any(a.opinions for a in window)
            or any(i.opened <= as_of for i in account.issues))


def score_groups(actions: Sequence[Figure], config: ScoringConfig, voice: bool = True) -> tuple[Figure, ...]:
    """The three action groups, each the weighted mean of its three actions.

    Without any customer voice (``voice`` false) the satisfaction group has no data: our own
    record-keeping alone cannot say whether the customer's expectations were met.
    """
    by_key = {f.key: f for f in actions}
    found = []
    for group, names in ACTIONS.items():
        parts = [(name, config.action_weight(group, name), by_key[f"actions.{group}.{name}"]) for name in names]
        if group == "satisfaction" and not voice:
            found.append(missing(f"groups.{group}", msg("f.no_voice"), [msg("n.no_voice")]))
        else:
            found.append(weighted(f"groups.{group}", parts))
    return tuple(found)


def _counted(group: Figure) -> Figure:
    """A group as the dimension counts it: the satisfaction group without data counts 0, never drops out."""
    if group.key == "groups.satisfaction" and group.value is None:
        return figure(group.key, 0.0, msg("f.no_voice"), notes=[msg("n.no_voice_zero")], worked="0")
    return group


def score_account(slug: str, account: Account, contacts: Sequence[Contact], activities: Sequence[Activity],
                  as_of: dt.date, config: ScoringConfig, opportunities: Sequence[Opportunity] = ()) -> AccountScore:
    """Score one account as known on ``as_of``; ``activities`` may be all of them, the window is applied here."""
    window = in_window(activities, as_of, config.limits.weeks_window)
    actions = score_actions(account, contacts, window, as_of, config, opportunities)
    voice = customer_voice(account, window, as_of)
    groups = score_groups(actions, config, voice)
    actions_score = weighted("actions.score", [(g.key.split(".")[1], config.group_weights[g.key.split(".")[1]],
                                                _counted(g)) for g in groups],
                             note=None if voice else msg("n.no_voice_zero"))
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
