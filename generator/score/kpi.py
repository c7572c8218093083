"""Dimension 1, KPI results (经营结果): per-head figures and the market's measure.

The method assesses each market by what matters there:

* saline-alkali (盐碱地): not revenue — whether the key actions were done, so the score is
  the nine key actions' score (dimension 2);
* breakthrough (新突破): growth against last year;
* mature (成熟): target completion (目标完成率), profit and cash flow — the article's completion rate
  "包含了有效增长、利润、现金流"; cash flow (cash collected against sales) drops out, with a note,
  in a year that does not record it.

The KPI year is the latest recorded year not after the as-of date; last year's sales come
from the previous year's record, else from ``last_year_sales``.
"""

from __future__ import annotations

import datetime as dt

from ..method import kpi_year
from ..model import Account, Kpi
from .config import ScoringConfig
from .figures import PERCENT, SCORE, clamp, computed, figure, missing, num, weighted
from .labels import composed, msg, term
from .types import Figure, Value


def ratio(key: str, record: Kpi | None, top: str, bottom: str, undefined: str, unit: str = PERCENT) -> Figure:
    """``top / bottom`` of one KPI record: in % (one decimal) or, for another unit, to two decimals.

    ``undefined`` is the key of the note saying why when ``bottom`` is 0 or not recorded (it may use ``{year}``).
    """
    percent = unit == PERCENT
    formula = msg("f.ratio_percent" if percent else "f.ratio", top=term(top), bottom=term(bottom))
    if record is None:
        return missing(key, formula, [msg("n.no_kpi")], unit=unit)
    above: float = getattr(record, top)
    below: float | None = getattr(record, bottom)
    inputs: dict[str, Value] = {top: above, bottom: below, "year": record.year}
    if not below:
        return missing(key, formula, [msg(undefined, year=str(record.year))], inputs, unit)
    if percent:
        return computed(key, 100 * above / below, formula, inputs, f"100 × {num(above)} / {num(below)}", unit)
    return computed(key, above / below, formula, inputs, f"{num(above)} / {num(below)}", unit, digits=2)


def per_head(key: str, amount: str, record: Kpi | None, currency: str) -> Figure:
    """``amount / headcount`` (``amount`` is ``sales`` or ``profit``), in the account's currency."""
    return ratio(key, record, amount, "headcount", "n.headcount_zero", currency)


def growth(record: Kpi | None, previous: Kpi | None) -> Figure:
    """Sales growth against last year, in %."""
    key, formula = "kpi.growth", msg("f.growth")
    if record is None:
        return missing(key, formula, [msg("n.no_kpi")], unit=PERCENT)
    last = previous.sales if previous is not None else record.last_year_sales
    source = composed("record", year=str(record.year - 1)) if previous is not None else "last_year_sales"
    inputs: dict[str, Value] = {"sales": record.sales, "last year's sales": last, "from": source}
    if last is None:
        return missing(key, formula, [msg("n.no_sales_year", year=str(record.year - 1))], inputs, PERCENT)
    if last == 0:
        return missing(key, formula, [msg("n.last_zero")], inputs, PERCENT)
    return computed(key, 100 * (record.sales - last) / last, formula, inputs,
                    f"100 × ({num(record.sales)} − {num(last)}) / {num(last)}", PERCENT)


def target_completion(record: Kpi | None) -> Figure:
    """Sales against the year's target, in % (目标完成率)."""
    return ratio("kpi.target_completion", record, "sales", "target", "n.no_target")


def profit_margin(record: Kpi | None) -> Figure:
    """Profit as a share of sales, in %."""
    return ratio("kpi.profit_margin", record, "profit", "sales", "n.no_sales")


def cash_collection(record: Kpi | None) -> Figure:
    """Cash collected as a share of sales, in % (现金流: 有效增长、利润、现金流)."""
    key, formula = "kpi.cash_collection", msg("f.ratio_percent", top=term("cash_flow"), bottom=term("sales"))
    if record is None:
        return missing(key, formula, [msg("n.no_kpi")], unit=PERCENT)
    if record.cash_flow is None:
        return missing(key, formula, [msg("n.no_cash_flow", year=str(record.year))], {"year": record.year}, PERCENT)
    return ratio(key, record, "cash_flow", "sales", "n.no_sales")


def cash_score(collected: Figure, config: ScoringConfig) -> Figure:
    """Cash collection as 0–100 against the collection target."""
    key, formula = "kpi.cash_score", msg("f.cash_score")
    inputs: dict[str, Value] = {"cash collection": collected.value,
                                "collection target": config.cash_collection_target}
    if not isinstance(collected.value, (int, float)):
        return missing(key, formula, collected.notes, inputs)
    return figure(key, clamp(100 * collected.value / config.cash_collection_target), formula, inputs,
                  worked=f"100 × {num(collected.value)} / {num(config.cash_collection_target)}", unit=SCORE)


def growth_score(rise: Figure, record: Kpi | None, previous: Kpi | None, config: ScoringConfig) -> Figure:
    """Growth as 0–100: 0% or less scores 0, the growth target or more scores 100."""
    key, formula = "kpi.growth_score", msg("f.growth_score")
    inputs: dict[str, Value] = {"growth": rise.value, "growth target": config.growth_target}
    if isinstance(rise.value, (int, float)):
        return figure(key, clamp(100 * rise.value / config.growth_target), formula, inputs,
                      worked=f"100 × {num(rise.value)} / {num(config.growth_target)}", unit=SCORE)
    first_sales = record is not None and record.sales > 0 and rise.inputs.get("last year's sales") == 0
    if first_sales:
        return figure(key, 100.0, formula, inputs, [msg("n.first_sales")], "100", SCORE)
    return missing(key, formula, rise.notes, inputs)


def completion_score(done: Figure, config: ScoringConfig) -> Figure:
    """Target completion as 0–100, linear from ``completion_zero`` to ``completion_full``, capped."""
    key = "kpi.completion_score"
    zero, full = config.completion_zero, config.completion_full
    formula = msg("f.completion_score")
    inputs: dict[str, Value] = {"completion": done.value, "zero point": zero, "full point": full}
    if not isinstance(done.value, (int, float)):
        return missing(key, formula, done.notes, inputs)
    return figure(key, clamp(100 * (done.value - zero) / (full - zero)), formula, inputs,
                  worked=f"100 × ({num(done.value)} − {num(zero)}) / ({num(full)} − {num(zero)})", unit=SCORE)


def profit_score(margin: Figure, config: ScoringConfig) -> Figure:
    """Profit margin as 0–100 against the margin target."""
    key, formula = "kpi.profit_score", msg("f.profit_score")
    inputs: dict[str, Value] = {"margin": margin.value, "margin target": config.profit_margin_target}
    if not isinstance(margin.value, (int, float)):
        return missing(key, formula, margin.notes, inputs)
    return figure(key, clamp(100 * margin.value / config.profit_margin_target), formula, inputs,
                  worked=f"100 × {num(margin.value)} / {num(config.profit_margin_target)}", unit=SCORE)


def score_kpi(account: Account, as_of: dt.date, config: ScoringConfig,
              actions_score: Figure) -> tuple[tuple[Figure, ...], Figure]:
    """Dimension 1: the figures shown and the 0–100 score for the account's market."""
    record, previous = kpi_year(account, as_of)
    rise = growth(record, previous)
    done = target_completion(record)
    margin = profit_margin(record)
    cash = cash_collection(record)
    shown = [
        per_head("kpi.sales_per_head", "sales", record, account.currency),
        per_head("kpi.profit_per_head", "profit", record, account.currency),
        rise, done, margin, cash,
    ]
    market = account.market
    if market == "saline-alkali":
        score = figure("kpi.score", actions_score.value, msg("f.saline"),
                       {"market": market, "key actions": actions_score.value}, [msg("n.saline")],
                       num(actions_score.value) if isinstance(actions_score.value, (int, float)) else "",
                       SCORE)
        return tuple(shown), score
    if market == "breakthrough":
        part = growth_score(rise, record, previous, config)
        shown.append(part)
        score = weighted("kpi.score", [("growth score", 1.0, part)],
                         note=msg("n.breakthrough"))
        return tuple(shown), score
    parts = [completion_score(done, config), profit_score(margin, config), cash_score(cash, config)]
    shown.extend(parts)
    weights = config.mature_weights
    # The parts are the scores (目标完成得分, not the rate 目标完成率): the formula names them so in both languages.
    score = weighted("kpi.score", [("completion score", weights["completion"], parts[0]),
                                   ("profit score", weights["profit"], parts[1]),
                                   ("cash-flow score", weights["cash_flow"], parts[2])],
                     note=msg("n.mature"))
    return tuple(shown), score
