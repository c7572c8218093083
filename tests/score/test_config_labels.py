"""Scoring configuration: overrides, refusals with clear messages; every figure key has en and zh labels."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from generator.config import Limits, Settings
from generator.score import score_portfolio
from generator.score.config import ACTION_NAMES, scoring_config
from generator.score.labels import LABELS, label

from .builders import account as make_account
from .builders import activity, contact, dossier, issue, kpi, plan, portfolio, settings, team


def test_defaults_and_limits() -> None:
    limits = Limits(visits_per_week=3, weeks_window=4, issue_close_days=10, cash_cow_min_sales=5)
    config = scoring_config(replace(Settings(), limits=limits))
    assert config.limits == limits
    assert config.version == "3.0" and config.formula == 3
    assert config.dimension_weights == {"kpi": 0.5, "actions": 0.5}
    assert set(config.action_weights) == set(ACTION_NAMES) and len(ACTION_NAMES) == 9


def test_overrides_merge_into_defaults() -> None:
    config = scoring_config(settings(version="2027.1", action_weights={"plans.key": 2}, growth_target=10))
    assert config.version == "2027.1"
    assert config.action_weights["plans.key"] == 2.0 and config.action_weights["plans.general"] == 1.0
    assert config.growth_target == 10.0


@pytest.mark.parametrize(("scoring", "message"), [
    ({"wieghts": {}}, "scoring: unknown key 'wieghts'; known: action_weights"),
    ({"action_weights": {"info.typo": 1}}, "scoring.action_weights: unknown info.typo"),
    ({"dimension_weights": {"kpi": "high"}}, "scoring.dimension_weights.kpi: expected a number, found 'high'"),
    ({"dimension_weights": {"kpi": -1}}, "scoring.dimension_weights.kpi: must be 0 or more"),
    ({"dimension_weights": {"kpi": 0, "actions": 0}}, "at least one weight must be above 0"),
    ({"group_weights": [1, 2, 3]}, "scoring.group_weights: expected a mapping of weights, found list"),
    ({"visits_per_week": 3}, "scoring: 'visits_per_week' is set under 'limits:', not 'scoring:'"),
    ({"completion_zero": 100}, "completion_full must be above completion_zero"),
    ({"overdue_penalty": 2}, "scoring.overdue_penalty: must be between 0 and 1"),
    ({"growth_target": 0}, "scoring.growth_target: must be above 0"),
    ({"cadence_kinds": ["visit", "fax"]}, "scoring.cadence_kinds: expected a list of activity kinds"),
    ({"version": ["x"]}, "scoring.version: expected a version string"),
])
def test_bad_overrides_are_refused(scoring: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as caught:
        scoring_config(settings(**scoring))
    assert message in str(caught.value)


def test_every_figure_key_has_both_labels() -> None:
    acct = make_account(market="breakthrough", team=team(("p-a", "AR")), kpi=[kpi(2026, 10, 1, 1)],
                        plans=[plan("k", "key", "2027-01-01")], issues=[issue("i", "2026-11-01")])
    mature = make_account(kpi=[kpi(2026, 10, 1, 1, target=10)])
    folder = portfolio(dossier("x", acct, [contact("c-a", owners=["p-a"])], [activity("2026-11-01")]),
                       dossier("y", mature))
    scores = score_portfolio(folder, settings())
    keys = set()
    for s in scores.accounts.values():
        keys |= {f.key for f in (s.total, s.classification, s.cadence, s.kpi_score, *s.kpi, s.actions_score,
                                 *s.groups, *s.actions)}
    for p in scores.people.values():
        keys |= {f.key for f in (p.score, p.cadence, *p.details)}
    for r in scores.rollups:
        keys |= {f.key for f in (r.total, r.kpi_score, r.actions_score) if f}
    assert {"kpi.growth_score", "kpi.completion_score", "kpi.profit_score", "people.relationships"} <= keys
    missing = keys - set(LABELS)
    assert not missing
    assert all(en and zh and en != zh for en, zh in LABELS.values())
    assert label("kpi.sales_per_head", "zh") == "人均销售"
    assert label("groups.info", "zh-CN") == "信息完整度"
    assert label("kpi.target_completion") == "Target completion rate"
    assert label("no.such.key", "zh") == "no.such.key"
