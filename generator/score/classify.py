"""Classification: strategic / partner / cash cow / maintain, with the rule that decided.

The rules, first match wins:

1. ``cash-cow``: the strategy is diverging. The article: "如果客户跟我们的战略匹配是渐渐背离的，
   即使现在它对我的营收贡献很大，我们也会把它定义为现金牛客户" — *even if* its revenue is large,
   so revenue never decides against it. A team may set ``limits.cash_cow_min_sales`` (in the
   reporting currency, default 0: off) to call small diverging accounts ``maintain`` instead;
   an amount that cannot be converted (no rate) keeps the article's reading.
2. ``strategic``: tier S (战略客户).
3. ``partner``: tier A (伙伴客户).
4. ``maintain``: tiers B and C, and diverging accounts below a team's sales floor.

A cash cow's investment should shrink step by step (投资策略是逐步的收缩). Our investment in an
account is the headcount serving it (the KPI records' ``headcount``): :func:`investment` compares
the KPI year with the year before, and rule AP313 flags a cash cow whose headcount did not fall.
"""

from __future__ import annotations

import datetime as dt

from ..method import cash_cow, investment, kpi_year
from ..model import Account
from .config import ScoringConfig
from .figures import figure, num
from .labels import msg
from .types import Figure, Msg, Value

FORMULA = msg("f.classify")


def cash_cow_note(account: Account, as_of: dt.date, config: ScoringConfig) -> Msg | None:
    """The note of the cash-cow rule (:func:`generator.method.cash_cow`, shared with AP309), or ``None``."""
    found = cash_cow(account, as_of, config.limits, config.money)
    if found is None:
        return None
    why, sales = found
    if why == "no_rate":
        return msg("n.cash_cow_no_rate", currency=account.currency)
    if why == "floor" and sales is not None:
        return msg("n.cash_cow_floor", sales=num(round(sales)), threshold=num(config.limits.cash_cow_min_sales))
    return msg("n.cash_cow")


def classify(account: Account, as_of: dt.date, config: ScoringConfig) -> Figure:
    """The account's class as a labelled figure; ``note`` names the deciding rule."""
    record, _ = kpi_year(account, as_of)
    trend = account.strategy.trend if account.strategy else None
    now, before = investment(account, as_of)
    inputs: dict[str, Value] = {"tier": account.tier, "trend": trend, "sales": record.sales if record else None,
                                "threshold": config.limits.cash_cow_min_sales,
                                "headcount": now, "headcount last year": before}
    cow = cash_cow_note(account, as_of, config)
    if cow is not None:
        value, note = "cash-cow", cow
    elif trend == "diverging":
        value, note = "maintain", msg("n.diverging", threshold=num(config.limits.cash_cow_min_sales),
                                      tier=account.tier)
    elif account.tier == "S":
        value, note = "strategic", msg("n.tier_strategic")
    elif account.tier == "A":
        value, note = "partner", msg("n.tier_partner")
    else:
        value, note = "maintain", msg("n.tier_maintain", tier=account.tier)
    return figure("classification", value, FORMULA, inputs, [note], value)
