"""Cadence, people, classification and roll-ups against hand-worked examples."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from generator.config import Limits
from generator.model import Account
from generator.model.money import Money
from generator.score import score_portfolio
from generator.score.cadence import in_window, person_cadence
from generator.score.classify import classify
from generator.score.config import scoring_config

from .builders import TODAY, account, activity, contact, day, dossier, kpi, portfolio, settings, strategy, team

# (meetings in the window, expected per week, expected score) with the default 12 weeks and 5 a week
CADENCE = [
    (60, 5.0, 100.0),     # 60 / 12 = 5; 100 × 5 / 5
    (30, 2.5, 50.0),      # 30 / 12 = 2.5; 100 × 2.5 / 5
    (10, 0.8, 16.0),      # 10 / 12 = 0.83 -> 0.8; 100 × 0.8 / 5
    (0, 0.0, 0.0),        # no activities
    (90, 7.5, 100.0),     # 7.5 a week: capped at 100
]


@pytest.mark.parametrize(("meetings", "per_week", "score"), CADENCE)
def test_person_cadence(meetings: int, per_week: float, score: float) -> None:
    cadence, against = person_cadence(meetings, scoring_config(settings()))
    assert (cadence.value, against.value) == (per_week, score)
    assert cadence.worked == f"{meetings} / 12"


def test_window_edges() -> None:
    acts = [activity("2026-09-04"), activity("2026-09-05"), activity("2026-11-27"), activity("2026-11-28")]
    # 12 weeks = 84 days back from 2026-11-27 is 2026-09-04, excluded; the as-of day itself included
    assert [a.date for a in in_window(acts, TODAY, 12)] == [day("2026-09-05"), day("2026-11-27")]


def test_person_scores_across_accounts() -> None:
    one = dossier("one", account(team=team(("p-a", "AR"))),
                  [contact("c1", owners=["p-a"], intimacy=4, support=5),     # ((4 + 5) / 2 − 1) × 25 = 87.5
                   contact("c2", owners=["p-a", "p-a"], intimacy=2, support=3),   # (2.5 − 1) × 25 = 37.5
                   contact("c3", owners=["p-a"], intimacy=5, support=5, left=day("2026-11-06"))],  # left: out
                  [activity(f"2026-11-{d:02d}", contacts=["c3"], people=["p-a", "p-b"]) for d in range(1, 13)]
                  + [activity("2026-11-20", kind="email")])                   # e-mail is not a meeting
    two = dossier("two", account(team=team(("p-b", "SR"))), [],
                  [activity(f"2026-10-{d:02d}", people=["p-b"]) for d in range(1, 19)])
    scores = score_portfolio(portfolio(one, two, people=("p-a", "p-b", "p-c")), settings())
    a, b, c = scores.people["p-a"], scores.people["p-b"], scores.people["p-c"]
    # p-a: 12 meetings / 12 weeks = 1 a week; those with c3 before she left stay in the history and count
    assert a.cadence.value == 1.0
    assert [f.value for f in a.details[:2]] == [20.0, 62.5]   # 100 × 1 / 5; (87.5 + 37.5) / 2
    # the score is the method's two dimensions over the accounts served, not the cadence: no KPI recorded,
    # so the key actions alone (account one's 8.9)
    assert a.score.value == 8.9 and a.score.worked == "(0.5 × 8.9) / 0.5"
    assert a.relationships == (("one", "c1"), ("one", "c2"))  # c3 left: not a current relationship
    assert a.accounts == ("one",)
    # p-b: 12 + 18 = 30 meetings / 12 = 2.5 a week -> 50, yet 0: account two's key actions are not done —
    # visiting a lot is not a result
    assert (b.cadence.value, b.score.value, b.accounts) == (2.5, 0.0, ("two",))
    assert b.details[1].value is None and b.details[1].note == "owns no current customer relationship"
    assert (c.cadence.value, c.score.value) == (0.0, None)


# (tier, trend, sales, expected class, words of the deciding rule). The article: a diverging customer is a
# cash cow "即使现在它对我的营收贡献很大" (even if its revenue is large) — every diverging one, small or large.
CLASSES = [
    ("S", "converging", 5_000_000, "strategic", "tier rule: tier S"),
    ("A", "stable", 200_000, "partner", "tier rule: tier A"),
    ("B", "diverging", 2_000_000, "cash-cow", "cash-cow rule (AP309)"),
    ("S", "diverging", 999_999, "cash-cow", "cash-cow rule (AP309)"),
    ("C", "diverging", 1_000, "cash-cow", "cash-cow rule (AP309)"),          # small: still a cash cow
    ("B", "diverging", None, "cash-cow", "cash-cow rule (AP309)"),           # no KPI yet: the trend decides
    ("C", None, 3_000_000, "maintain", "tier rule: tier C"),                   # no strategy
]


@pytest.mark.parametrize(("tier", "trend", "sales", "expected", "rule"), CLASSES)
def test_classification(tier: str, trend: str | None, sales: float | None, expected: str, rule: str) -> None:
    acct = account(tier=tier, strategy=strategy(trend=trend) if trend else None,
                   kpi=[kpi(2026, sales, 0, 1)] if sales is not None else [])
    figure = classify(acct, TODAY, scoring_config(settings()))
    assert figure.value == expected
    assert figure.note.startswith(rule)
    assert figure.inputs["threshold"] == 0.0


def test_a_team_sales_floor_is_in_the_reporting_currency() -> None:
    acct = account(currency="CNY", strategy=strategy(trend="diverging"), kpi=[kpi(2026, 6_000_000, 0, 1)])
    floor = replace(settings(), limits=Limits(cash_cow_min_sales=1_000_000))
    money = Money.from_mapping({"currency": "EUR", "rates_date": "2026-06-30", "rates": {"CNY": 0.128}})
    # 6,000,000 CNY is 768,000 EUR: below the team's floor of 1,000,000 EUR, so maintained
    assert classify(acct, TODAY, scoring_config(replace(floor, money=money))).value == "maintain"
    # without a rate the floor cannot be applied: the article's reading stands, and the note says why
    no_rate = classify(acct, TODAY, scoring_config(replace(floor, money=Money(currency="EUR"))))
    assert no_rate.value == "cash-cow" and "no exchange rate for CNY" in no_rate.note
    assert classify(acct, TODAY, scoring_config(settings())).value == "cash-cow"


def test_rollups_by_tier_region_owner() -> None:
    # three empty mature accounts with KPI only: totals come from 0.5 × KPI + 0.5 × actions (0 for empty ones)
    def acct(tier: str, region: str, completion_sales: float, *members: tuple[str, str]) -> Account:
        return account(tier=tier, region=region, team=team(*members),
                       kpi=[kpi(2026, completion_sales, completion_sales * 0.15, 1, target=1000)])

    folder = portfolio(
        dossier("x", acct("S", "North", 1000, ("p-a", "AR"), ("p-b", "AR"))),   # KPI 0.5 × 100 + 0.5 × 100 = 100
        dossier("y", acct("S", "South", 750, ("p-a", "AR"))),                   # KPI 0.5 × 50 + 0.5 × 100 = 75
        dossier("z", acct("B", "North", 500, ("p-c", "SR"))),                   # KPI 0.5 × 0 + 0.5 × 100 = 50
        people=("p-a", "p-b", "p-c"),
    )
    scores = score_portfolio(folder, settings())
    totals = {slug: s.total.value for slug, s in scores.accounts.items()}
    assert totals == {"x": 50.0, "y": 37.5, "z": 25.0}        # 0.5 × KPI + 0.5 × 0 (nothing recorded)
    rows = {(r.by, r.group): (r.accounts, r.total.value, r.kpi_score.value if r.kpi_score else None)
            for r in scores.rollups}
    assert rows == {
        ("tier", "S"): (2, 43.8, 87.5),          # (50 + 37.5) / 2 = 43.75, half up; (100 + 75) / 2
        ("tier", "B"): (1, 25.0, 50.0),
        ("region", "North"): (2, 37.5, 75.0),    # (50 + 25) / 2; (100 + 50) / 2
        ("region", "South"): (1, 37.5, 75.0),
        ("owner", "p-a"): (2, 43.8, 87.5),       # AR of x and y
        ("owner", "p-b"): (1, 50.0, 100.0),      # second AR of x
        ("owner", "(no AR)"): (1, 25.0, 50.0),   # z has an SR only
    }
    assert [r.group for r in scores.rollups if r.by == "tier"] == ["S", "B"]
    assert scores.as_of == "2026-11-27" and scores.config_version == "3.0"


def test_as_of_ignores_later_records() -> None:
    acct = account(kpi=[kpi(2025, 1000, 150, 1, target=1000), kpi(2026, 500, 0, 1, target=1000)])
    folder = portfolio(dossier("x", acct, [contact("c-a")], [activity("2025-12-01"), activity("2026-11-01")]))
    then = score_portfolio(folder, settings(today=dt.date(2025, 12, 31)))
    account_then = then.accounts["x"]
    # 2025's KPI: completion 100 -> 100, margin 15 -> 100
    assert account_then.kpi_score.value == 100.0
    assert account_then.cadence.inputs["meetings"] == 1       # the 2026 activity is not known yet
