"""Classification: strategic / partner / cash cow / maintain, with the rule that decided.

The rules, first match wins:

1. ``cash-cow``: the strategy is diverging and the KPI year's sales reach
   ``limits.cash_cow_min_sales`` — the AP309 condition. The method treats such a customer
   as a cash cow even when its revenue is large: investment shrinks step by step.
2. ``strategic``: tier S (战略客户).
3. ``partner``: tier A (伙伴客户).
4. ``maintain``: tiers B and C, and diverging accounts below the sales threshold.
"""

from __future__ import annotations

import datetime as dt

from ..model import Account
from .config import ScoringConfig
from .figures import figure, num
from .kpi import kpi_year
from .labels import msg
from .types import Figure, Value

FORMULA = msg("f.classify")


def classify(account: Account, as_of: dt.date, config: ScoringConfig) -> Figure:
    """The account's class as a labelled figure; ``note`` names the deciding rule."""
    record, _ = kpi_year(account, as_of)
    trend = account.strategy.trend if account.strategy else None
    sales = record.sales if record else None
    threshold = config.limits.cash_cow_min_sales
    inputs: dict[str, Value] = {"tier": account.tier, "trend": trend, "sales": sales, "threshold": threshold}
    diverging = trend == "diverging"
    if diverging and sales is not None and sales >= threshold:
        value = "cash-cow"
        note = msg("n.cash_cow", sales=num(sales), threshold=num(threshold))
    elif diverging and account.tier in ("S", "A"):
        value = "maintain"
        note = msg("n.diverging", sales=num(sales) if sales is not None else msg("n.na"), threshold=num(threshold),
                   tier=account.tier)
    elif account.tier == "S":
        value, note = "strategic", msg("n.tier_strategic")
    elif account.tier == "A":
        value, note = "partner", msg("n.tier_partner")
    else:
        value, note = "maintain", msg("n.tier_maintain", tier=account.tier)
    return figure("classification", value, FORMULA, inputs, [note], value)
