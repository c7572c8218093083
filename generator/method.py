"""Judgements of the method shared by the validator and the scorecards, so the two never disagree.

Pure functions over the model and settings, with no dependency on the scoring or rendering
stages: ``accountplan check`` runs the rules without importing the scorer.
"""

from __future__ import annotations

import datetime as dt

from .config import Limits
from .model import Account, Kpi
from .model.money import Money


def kpi_year(account: Account, as_of: dt.date) -> tuple[Kpi | None, Kpi | None]:
    """The latest KPI record known at ``as_of`` and the record of the year before it, if any."""
    known = sorted((k for k in account.kpi if k.year <= as_of.year), key=lambda k: k.year)
    if not known:
        return None, None
    latest = known[-1]
    previous = next((k for k in known if k.year == latest.year - 1), None)
    return latest, previous


def cash_cow(account: Account, as_of: dt.date, limits: Limits, money: Money) -> tuple[str, float | None] | None:
    """Why ``account`` is a cash cow on ``as_of``: ``(reason, converted sales)``, or ``None``.

    ``reason`` is ``article``, ``floor`` or ``no_rate``.

    The article: "如果客户跟我们的战略匹配是渐渐背离的，即使现在它对我的营收贡献很大，我们也会把它定义为现金牛客户":
    every diverging account (``article``). A team's ``limits.cash_cow_min_sales`` (reporting currency, default 0)
    keeps smaller ones out (``floor``: at or above it); where no rate converts the sales the article's reading
    stands (``no_rate``).
    """
    if account.strategy is None or account.strategy.trend != "diverging":
        return None
    threshold = limits.cash_cow_min_sales
    record, _ = kpi_year(account, as_of)
    if threshold <= 0 or record is None:
        return "article", None
    sales = money.convert(record.sales, account.currency)
    if sales is None:
        return "no_rate", None
    return ("floor", sales) if sales >= threshold else None


def investment(account: Account, as_of: dt.date) -> tuple[float | None, float | None]:
    """Our headcount on the account in the KPI year and in the year before (``None`` when not recorded)."""
    record, previous = kpi_year(account, as_of)
    return (record.headcount if record else None), (previous.headcount if previous else None)
