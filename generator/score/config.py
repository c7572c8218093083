"""Scoring weights, targets and thresholds, with a version string.

Defaults live here; a team overrides them in the ``scoring:`` block of the plugin's
section of ``mkdocs.yml``::

    scoring:
      version: 2027.1-emea
      dimension_weights: {kpi: 0.6, actions: 0.4}
      action_weights: {satisfaction.closed_loop: 2}
      growth_target: 15

Thresholds the validator shares (visits per week, issue close days, the window, the
cash-cow sales threshold, review grace, source age) are the ``limits:`` themselves, so the
rules and the scorecards never disagree; setting them under ``scoring:`` is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, get_args

from ..config import Limits, Settings
from ..model.activity import ActivityKind
from ..model.money import Money
from ..model.stages import Stages, stages_of

ACTIONS: dict[str, tuple[str, ...]] = {
    "info": ("customer_strategy", "relationship_plan", "customer_info"),
    "plans": ("key", "organizational", "general"),
    "satisfaction": ("contact_standard", "quality", "closed_loop"),
}
"""The nine key business actions (9大关键业务动作) in their three groups, in the method's order."""

ACTION_NAMES: tuple[str, ...] = tuple(f"{group}.{name}" for group, names in ACTIONS.items() for name in names)

@dataclass(frozen=True)
class ScoringConfig:
    """Everything the scorecards weigh and compare against."""

    version: str = "3.0"
    """Shown with every scorecard; change it whenever the weights or targets change."""
    formula: int = 3
    """Customer information (管理客户信息, :mod:`generator.score.knows`). 3 (default): formula 1 plus what the
    article counts as customer information: strengths assessed and deciders' stances known on open
    opportunities. 1: the nine actions as before issue 14; 2: formula 1 plus strengths assessed and key
    contacts known by two (一多). ``formula: 1`` (or 2) keeps older scores reproducible; the ``version`` says
    which formula a scorecard used."""
    dimension_weights: dict[str, float] = field(default_factory=lambda: {"kpi": 0.5, "actions": 0.5})
    """Dimension 1 (KPI results) against dimension 2 (the nine key actions) in the total, for accounts and for
    the people who serve them."""
    group_weights: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ACTIONS, 1.0))
    """The three action groups in dimension 2."""
    action_weights: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ACTION_NAMES, 1.0))
    """Each action within its group, by ``group.action``."""
    mature_weights: dict[str, float] = field(default_factory=lambda: {"completion": 0.5, "profit": 0.5,
                                                                       "cash_flow": 0.5})
    """Mature markets: target completion, profit margin and cash collection (有效增长、利润、现金流)."""
    growth_target: float = 20.0
    """Growth against last year, in %, that scores 100 in a breakthrough market (0% or less scores 0)."""
    completion_zero: float = 50.0
    """Target completion, in %, that scores 0 in a mature market."""
    completion_full: float = 100.0
    """Target completion, in %, that scores 100 (linear in between, capped)."""
    profit_margin_target: float = 15.0
    """Profit margin, in %, that scores 100 in a mature market (0% or less scores 0)."""
    cash_collection_target: float = 100.0
    """Cash collected as a share of the year's sales, in %, that scores 100 in a mature market."""
    opinion_share_target: float = 50.0
    """Share of activities, in %, that should record a customer opinion to score 100."""
    overdue_penalty: float = 0.5
    """An overdue plan counts its progress times ``1 − penalty``."""
    issue_lookback_days: int = 365
    """Closed issues opened longer ago than this no longer count; open ones always do."""
    cadence_kinds: tuple[str, ...] = ("visit", "meeting", "event", "workshop", "meal", "exec-visit")
    """Activity kinds that count as meeting a customer. The article's 每周最少见客户5次 is *seeing* customers:
    calls and e-mail are contacts, not meetings (a team may add ``call`` here, and says so)."""
    limits: Limits = field(default_factory=Limits)
    """The thresholds shared with the rules: visits per week, the window, issue close days, cash-cow sales,
    review grace and source age — from ``limits:``, never overridden here."""
    money: Money = field(default_factory=Money)
    """Reporting currency and exchange rates, from ``money:``."""
    stages: Stages = field(default_factory=lambda: stages_of(None))
    """Opportunity stages, from ``stages:`` (which ones are open)."""

    def action_weight(self, group: str, name: str) -> float:
        """Weight of one action within its group."""
        return self.action_weights[f"{group}.{name}"]


_WEIGHT_MAPS = ("dimension_weights", "group_weights", "action_weights", "mature_weights")
_POSITIVE = ("growth_target", "profit_margin_target", "opinion_share_target", "issue_lookback_days",
             "cash_collection_target")


def scoring_config(settings: Settings) -> ScoringConfig:
    """The configuration for ``settings``: defaults, ``limits`` and ``scoring`` overrides.

    Raises ``ValueError`` naming the key for unknown keys, wrong types and impossible values.
    """
    config = ScoringConfig(limits=settings.limits, money=settings.money, stages=stages_of(settings.stages))
    overrides = dict(settings.scoring or {})
    known = {f.name for f in fields(ScoringConfig)} - {"limits", "money", "stages"}
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if key == "limits" or key in {f.name for f in fields(Limits)}:
            raise ValueError(f"scoring: '{key}' is set under 'limits:', not 'scoring:', so the rules agree")
        if key not in known:
            raise ValueError(f"scoring: unknown key '{key}'; known: {', '.join(sorted(known))}")
        changes[key] = _checked(key, value, getattr(config, key))
    if "formula" in changes and "version" not in changes:  # the version says which formula scored
        changes["version"] = f"{changes['formula']}.0"
    config = replace(config, **changes)
    _check_consistency(config)
    return config


def _checked(key: str, value: Any, default: Any) -> Any:
    if key in _WEIGHT_MAPS:
        if not isinstance(value, dict):
            raise ValueError(f"scoring.{key}: expected a mapping of weights, found {type(value).__name__}")
        unknown = set(value) - set(default)
        if unknown:
            raise ValueError(f"scoring.{key}: unknown {', '.join(sorted(map(str, unknown)))}; "
                             f"known: {', '.join(default)}")
        merged = dict(default)
        for name, weight in value.items():
            merged[name] = _number(f"{key}.{name}", weight, low=0.0)
        if not any(w > 0 for w in merged.values()):
            raise ValueError(f"scoring.{key}: at least one weight must be above 0")
        return merged
    if key == "version":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise ValueError("scoring.version: expected a version string")
        return str(value)
    if key == "formula":
        if value not in (1, 2, 3) or isinstance(value, bool):
            raise ValueError(f"scoring.formula: expected 1, 2 or 3, found {value!r}")
        return int(value)
    if key == "cadence_kinds":
        kinds = set(get_args(ActivityKind))
        if not isinstance(value, list) or not all(isinstance(k, str) and k in kinds for k in value):
            raise ValueError(f"scoring.cadence_kinds: expected a list of activity kinds from "
                             f"{', '.join(sorted(kinds))}")
        return tuple(value)
    number = _number(key, value, low=0.0)
    return int(number) if isinstance(default, int) else number


def _number(key: str, value: Any, *, low: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"scoring.{key}: expected a number, found {value!r}")
    if value < low:
        raise ValueError(f"scoring.{key}: must be {low:g} or more, found {value}")
    return float(value)


def _check_consistency(config: ScoringConfig) -> None:
    if config.completion_full <= config.completion_zero:
        raise ValueError("scoring: completion_full must be above completion_zero")
    if config.overdue_penalty > 1:
        raise ValueError("scoring.overdue_penalty: must be between 0 and 1")
    for key in _POSITIVE:
        if getattr(config, key) <= 0:
            raise ValueError(f"scoring.{key}: must be above 0")
    if config.limits.weeks_window <= 0:
        raise ValueError("limits.weeks_window: must be at least 1")
