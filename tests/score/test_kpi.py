"""Dimension 1 against hand-worked examples: each market type, zero headcount, no KPI yet."""

from __future__ import annotations

from typing import Any

import pytest

from generator.score.config import scoring_config
from generator.score.kpi import score_kpi
from generator.score.types import Figure

from .builders import TODAY, account, kpi, settings

ACTIONS_72 = Figure("actions.score", 72.0, "given")
"""A stand-in dimension-2 score for the saline-alkali cases."""

# (id, market, KPI records, expected figure values by key, expected kpi.score)
CASES: list[tuple[str, str, list[Any], dict[str, float | None], float | None]] = [
    (
        "mature",
        "mature",
        [kpi(2026, 900, 108, 3, target=1200)],
        {
            "kpi.sales_per_head": 300.0,       # 900 / 3
            "kpi.profit_per_head": 36.0,       # 108 / 3
            "kpi.target_completion": 75.0,     # 100 × 900 / 1200
            "kpi.profit_margin": 12.0,         # 100 × 108 / 900
            "kpi.completion_score": 50.0,      # 100 × (75 − 50) / (100 − 50)
            "kpi.profit_score": 80.0,          # 100 × 12 / 15
        },
        65.0,                                  # 0.5 × 50 + 0.5 × 80
    ),
    (
        "mature-over-target-capped",
        "mature",
        [kpi(2026, 1300, 260, 2, target=1000)],
        {
            "kpi.target_completion": 130.0,    # 100 × 1300 / 1000
            "kpi.completion_score": 100.0,     # 100 × (130 − 50) / 50 = 160, capped at 100
            "kpi.profit_margin": 20.0,         # 100 × 260 / 1300
            "kpi.profit_score": 100.0,         # 100 × 20 / 15 = 133.3, capped
        },
        100.0,
    ),
    (
        "mature-no-target",
        "mature",
        [kpi(2026, 1000, 60, 2)],
        {
            "kpi.target_completion": None,     # no target: n/a
            "kpi.profit_margin": 6.0,          # 100 × 60 / 1000
            "kpi.profit_score": 40.0,          # 100 × 6 / 15
        },
        40.0,                                  # completion n/a: weights renormalised, (0.5 × 40) / 0.5
    ),
    (
        "breakthrough-from-previous-record",
        "breakthrough",
        [kpi(2025, 1000, 50, 2), kpi(2026, 1150, 80, 2)],
        {
            "kpi.growth": 15.0,                # 100 × (1150 − 1000) / 1000
            "kpi.growth_score": 75.0,          # 100 × 15 / 20
        },
        75.0,                                  # 1 × 75
    ),
    (
        "breakthrough-from-last-year-field-shrinking",
        "breakthrough",
        [kpi(2026, 800, 40, 2, last_year_sales=1000)],
        {
            "kpi.growth": -20.0,               # 100 × (800 − 1000) / 1000
            "kpi.growth_score": 0.0,           # 100 × −20 / 20 = −100, floored at 0
        },
        0.0,
    ),
    (
        "breakthrough-first-sales",
        "breakthrough",
        [kpi(2026, 500, 40, 2, last_year_sales=0)],
        {"kpi.growth": None, "kpi.growth_score": 100.0},   # from 0: growth undefined, full score
        100.0,
    ),
    (
        "breakthrough-no-last-year",
        "breakthrough",
        [kpi(2026, 500, 40, 2)],
        {"kpi.growth": None, "kpi.growth_score": None},
        None,                                  # nothing to assess: n/a, not 0
    ),
    (
        "zero-headcount",
        "mature",
        [kpi(2026, 900, 108, 0, target=900)],
        {
            "kpi.sales_per_head": None,        # 900 / 0: undefined
            "kpi.profit_per_head": None,
            "kpi.completion_score": 100.0,     # 100 × (100 − 50) / 50
            "kpi.profit_score": 80.0,          # 100 × 12 / 15
        },
        90.0,                                  # 0.5 × 100 + 0.5 × 80
    ),
    (
        "saline-alkali-no-kpi-yet",
        "saline-alkali",
        [],
        {"kpi.sales_per_head": None, "kpi.growth": None, "kpi.target_completion": None},
        72.0,                                  # = the nine key actions' score, not revenue
    ),
    (
        "saline-alkali-ignores-revenue",
        "saline-alkali",
        [kpi(2026, 5_000_000, 900_000, 4, target=100)],
        {"kpi.sales_per_head": 1_250_000.0},   # shown: 5,000,000 / 4
        72.0,                                  # still the key actions' score
    ),
    (
        "overflow-is-n/a-not-a-crash",
        "breakthrough",
        [kpi(2026, 1e308, 1e308, 1e-300, last_year_sales=1e-300)],
        {"kpi.sales_per_head": None, "kpi.growth": None},      # 1e308 / 1e-300 overflows: n/a with a note
        None,
    ),
    (
        "future-year-ignored",
        "breakthrough",
        [kpi(2025, 1000, 50, 2), kpi(2026, 1100, 80, 2), kpi(2027, 9999, 0, 2)],
        {"kpi.growth": 10.0, "kpi.growth_score": 50.0},   # 2026 vs 2025: 100 × 100 / 1000; 100 × 10 / 20
        50.0,
    ),
]


@pytest.mark.parametrize(("market", "records", "figures", "expected"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_kpi_hand_worked(market: str, records: list[Any], figures: dict[str, float | None],
                         expected: float | None) -> None:
    shown, score = score_kpi(account(market=market, kpi=records), TODAY, scoring_config(settings()), ACTIONS_72)
    by_key = {f.key: f for f in shown}
    for key, value in figures.items():
        assert by_key[key].value == value, (key, by_key[key])
    assert score.value == expected
    assert score.formula


def test_missing_values_say_why() -> None:
    shown, score = score_kpi(account(market="breakthrough"), TODAY, scoring_config(settings()), ACTIONS_72)
    assert {f.note for f in shown if f.key.endswith("_per_head")} == {"no KPI recorded yet"}
    assert score.value is None and score.note

    shown, _ = score_kpi(account(kpi=[kpi(2026, 900, 108, 0)]), TODAY, scoring_config(settings()), ACTIONS_72)
    per_head = next(f for f in shown if f.key == "kpi.sales_per_head")
    assert per_head.note == "headcount is 0: per-head figures are undefined"
    assert per_head.inputs == {"sales": 900, "headcount": 0, "year": 2026}


def test_worked_formula_shows_the_numbers() -> None:
    _, score = score_kpi(account(kpi=[kpi(2026, 900, 108, 3, target=1200)]), TODAY,
                         scoring_config(settings()), ACTIONS_72)
    assert score.worked == "0.5 × 50 + 0.5 × 80"
    assert score.inputs == {"completion score": 50.0, "completion score weight": 0.5, "profit score": 80.0,
                            "profit score weight": 0.5, "cash-flow score": None, "cash-flow score weight": 0.5}
    assert "n/a: cash-flow score" in score.note  # not recorded: left out and said so, never a full score


def test_cash_flow_counts_beside_completion_and_profit() -> None:
    # 目标完成率是量化指标：人均销售贡献+人均利润贡献，包含了有效增长、利润、现金流等: 720 of 900 collected is 80%
    # -> 80; (0.5 × 50 + 0.5 × 80 + 0.5 × 80) / 1.5 = 70
    figures, score = score_kpi(account(kpi=[kpi(2026, 900, 108, 3, target=1200, cash_flow=720)]), TODAY,
                               scoring_config(settings()), ACTIONS_72)
    cash = next(f for f in figures if f.key == "kpi.cash_collection")
    assert (cash.value, cash.worked) == (80.0, "100 × 720 / 900")
    assert (score.value, score.worked) == (70.0, "(0.5 × 50 + 0.5 × 80 + 0.5 × 80) / 1.5")


def test_the_kpi_formula_names_its_parts_as_scores_in_both_languages() -> None:
    # zh-review: "0.5 × 目标完成率 + 0.5 × 利润" → "0.5 × 目标完成得分 + 0.5 × 利润得分": the inputs are scores
    from generator.score.labels import input_name, text

    _, score = score_kpi(account(kpi=[kpi(2026, 900, 108, 3, target=1200, cash_flow=720)]), TODAY,
                         scoring_config(settings()), ACTIONS_72)
    assert score.formula == "(0.5 × completion score + 0.5 × profit score + 0.5 × cash-flow score) / 1.5"
    assert score.formula_msg is not None
    assert text(score.formula_msg, "zh") == "(0.5 × 目标完成得分 + 0.5 × 利润得分 + 0.5 × 现金流得分) / 1.5"
    assert [input_name(name, "zh") for name in score.inputs] == [
        "目标完成得分", "目标完成得分权重", "利润得分", "利润得分权重", "现金流得分", "现金流得分权重"]
