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

from ..config import Limits
from ..model import Account
from ..money import Money
from .config import ScoringConfig
from .figures import figure, num
from .kpi import kpi_year
from .labels import msg
from .types import Figure, Msg, Value

FORMULA = msg("f.classify")


def cash_cow(account: Account, as_of: dt.date, limits: Limits, money: Money) -> Msg | None:
    """The note of the cash-cow rule when ``account`` is a cash cow on ``as_of``, else ``None``.

    Shared by the scorecard and rule AP309 so the two never disagree.
    """
    if account.strategy is None or account.strategy.trend != "diverging":
        return None
    threshold = limits.cash_cow_min_sales
    if threshold <= 0:
        return msg("n.cash_cow")
    record, _ = kpi_year(account, as_of)
    if record is None:
        return msg("n.cash_cow")
    sales = money.convert(record.sales, account.currency)
    if sales is None:
        return msg("n.cash_cow_no_rate", currency=account.currency)
    if sales >= threshold:
        return msg("n.cash_cow_floor", sales=num(round(sales)), threshold=num(threshold))
    return None


def investment(account: Account, as_of: dt.date) -> tuple[float | None, float | None]:
    """Our headcount on the account in the KPI year and in the year before (``None`` when not recorded)."""
    record, previous = kpi_year(account, as_of)
    return (record.headcount if record else None), (previous.headcount if previous else None)


def classify(account: Account, as_of: dt.date, config: ScoringConfig) -> Figure:
    """The account's class as a labelled figure; ``note`` names the deciding rule."""
    record, _ = kpi_year(account, as_of)
    trend = account.strategy.trend if account.strategy else None
    now, before = investment(account, as_of)
    inputs: dict[str, Value] = {"tier": account.tier, "trend": trend, "sales": record.sales if record else None,
                                "threshold": config.limits.cash_cow_min_sales,
                                "headcount": now, "headcount last year": before}
    cow = cash_cow(account, as_of, config.limits, config.money)
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
