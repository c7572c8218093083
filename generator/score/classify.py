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
from .figures import num
from .kpi import kpi_year
from .types import Figure, Value

FORMULA = ("first match: diverging and sales ≥ threshold → cash-cow; diverging S/A → maintain; "
           "tier S → strategic; tier A → partner; else maintain")


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
        note = f"cash-cow rule (AP309): strategy diverging and sales {num(sales)} ≥ {num(threshold)}"
    elif diverging and account.tier in ("S", "A"):
        value = "maintain"
        note = (f"diverging rule: strategy diverging, sales {num(sales) if sales is not None else 'n/a'} "
                f"below the cash-cow threshold {num(threshold)}; tier {account.tier} not kept as key account")
    elif account.tier == "S":
        value, note = "strategic", "tier rule: tier S is a strategic account"
    elif account.tier == "A":
        value, note = "partner", "tier rule: tier A is a partner account"
    else:
        value, note = "maintain", f"tier rule: tier {account.tier} is maintained"
    return Figure("classification", value, FORMULA, inputs, note, value)
