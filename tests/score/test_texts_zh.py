"""Every formula, note and input name the scorer can produce has a Chinese text in the method's words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.load.portfolio import load_portfolio
from generator.model import Account
from generator.score import score_portfolio
from generator.score.labels import TEXTS, input_name, input_value, joined, text
from generator.score.types import Figure, Msg, PortfolioScores
from tests.score.builders import (
    account,
    activity,
    contact,
    dossier,
    initiative,
    issue,
    kpi,
    plan,
    portfolio,
    settings,
    strategy,
    team,
)

REPO = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def figures(scores: PortfolioScores) -> Iterator[Figure]:
    """Every figure of a portfolio's scores, roll-ups included."""
    for s in scores.accounts.values():
        yield from (s.total, s.classification, s.cadence, s.kpi_score, *s.kpi, s.actions_score, *s.groups, *s.actions)
    for p in scores.people.values():
        yield from (p.score, p.cadence, *p.details)
    for r in scores.rollups:
        yield from (f for f in (r.total, r.kpi_score, r.actions_score) if f)


def edge_portfolios() -> list[PortfolioScores]:
    """Small portfolios that reach the scorer's edge cases, one branch each."""
    owner = team(("p-a", "AR"))
    accounts: list[Account] = [
        account(kpi=[kpi(2026, 10, 1, 0)]),  # zero headcount
        account(),  # no KPI at all
        account(market="saline-alkali", tier="S"),  # saline-alkali without KPI
        account(market="breakthrough", kpi=[kpi(2026, 10, 1, 2)]),  # no last year's sales
        account(market="breakthrough", kpi=[kpi(2026, 10, 1, 2, last_year_sales=0)]),  # first sales
        account(market="breakthrough", kpi=[kpi(2025, 8, 1, 2), kpi(2026, 10, 1, 2)]),  # previous record
        account(kpi=[kpi(2026, 0, 0, 2)]),  # no sales: no margin, no target
        account(tier="A", strategy=strategy(trend="diverging"), kpi=[kpi(2026, 1e9, 1, 2)]),  # cash cow
        account(tier="A", strategy=strategy(trend="diverging", position="edge")),  # diverging, no sales
        account(tier="A", kpi=[kpi(2026, 1e308, 1e308, 1e-300, target=10)]),  # overflow
        account(tier="C", team=owner, plans=[plan("k1", "key", "2026-01-01"), plan("o1", "organizational",
                "2027-01-01", status="dropped")], initiatives=[initiative("i1", "planned", "2026-01-01")],
                issues=[issue("is1", "2026-01-01")]),  # overdue plan and initiative, late issue
    ]
    built = portfolio(*(dossier(f"a{i}", a) for i, a in enumerate(accounts)),
                      dossier("with-data", account(team=owner), [contact("c-a", owners=["p-a"])],
                              [activity("2026-11-01")]),
                      people=("p-a", "p-b"))
    return [score_portfolio(built, settings())]


def all_figures() -> list[Figure]:
    """The sample portfolio's figures and the edge cases'."""
    sample = load_portfolio(REPO / "accounts")
    found = list(figures(score_portfolio(sample, load_settings(REPO / "mkdocs.yml"))))
    for scores in edge_portfolios():
        found.extend(figures(scores))
    return found


def messages(message: Msg) -> Iterator[Msg]:
    """A message and every message among its arguments."""
    yield message
    for _, arg in message.args:
        if isinstance(arg, Msg):
            yield from messages(arg)
        elif isinstance(arg, tuple):
            for part in arg:
                yield from messages(part)


@pytest.fixture(scope="module")
def every_figure() -> list[Figure]:
    return all_figures()


def test_english_text_is_the_messages(every_figure: list[Figure]) -> None:
    """``formula`` and ``note`` are exactly the English of their messages: the two cannot drift apart."""
    for f in every_figure:
        assert f.formula_msg is not None, f.key
        assert text(f.formula_msg) == f.formula
        assert joined(f.notes) == f.note


def test_every_formula_note_and_input_has_chinese(every_figure: list[Figure]) -> None:
    formulas, notes, names = set(), set(), set()
    for f in every_figure:
        assert f.formula_msg is not None
        formulas.add(f.formula_msg.key)
        for m in (f.formula_msg, *f.notes):
            zh = text(m, "zh")
            assert CJK.search(zh), (f.key, m.key, zh)
        for note in f.notes:
            notes |= {m.key for m in messages(note)}
        for name, value in f.inputs.items():
            names.add(name)
            shown = input_name(name, "zh")
            assert shown is not None, name
            if " " in name or name in ("sales", "profit", "headcount", "target", "year", "from"):
                assert CJK.search(shown), name
            if isinstance(value, str):
                assert input_value(name, value, "zh") is not None, (name, value)
    # the edge cases really reach the branches this test is meant to cover
    assert {"f.saline", "f.growth", "f.classify", "f.plans", "f.weighted", "f.rollup"} <= formulas
    assert {"n.headcount_zero", "n.no_kpi", "n.saline", "n.cash_cow", "n.first_sales",
            "n.no_activities_window", "n.absent", "n.too_large", "n.owns_none", "n.no_plan",
            "n.tier_partner", "n.tier_strategic", "n.tier_maintain", "n.no_sales_year"} <= notes
    assert {"plan k1 (overdue)", "initiative i1 (overdue)", "kpi weight", "last year's sales"} <= names


def test_kpi_source_value_is_translated() -> None:
    assert input_value("from", "2025 record", "zh") == "2025 年记录"
    assert input_value("from", "2025 record", "en") == "2025 record"
    assert CJK.search(input_value("from", "last_year_sales", "zh") or "")


def test_every_chinese_template_is_chinese_and_has_the_same_arguments() -> None:
    for key, (en, zh) in TEXTS.items():
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", zh)), key
        if re.search(r"[A-Za-z]{3}", re.sub(r"{\w+}|min\(", "", en)):
            assert CJK.search(zh), key
