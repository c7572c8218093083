"""The pages show the method's judgements as the scorecards compute them: the sample portfolio rendered
without MkDocs (``gather`` then ``generate``, as the plugin does), read as text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.model.money import Money
from generator.pipeline import gather, generate

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 27)


def pages(lang: str = "en", **changes: object) -> dict[str, str]:
    settings = replace(load_settings(str(ROOT / "mkdocs.yml")), today=TODAY, **changes)
    built = generate(gather(settings, history=False), settings, lang)
    try:
        return {src: built[src] for src in ("accounts/index.md", "team/index.md", "team/p-jonas-weber.md",
                                            "scoring-guide.md")}
    finally:
        built.close()


@pytest.fixture(scope="module")
def en() -> dict[str, str]:
    return pages()


def test_fit_chart_states_currency_rate_date_and_the_accounts_it_leaves_off(en: dict[str, str]) -> None:
    portfolio = en["accounts/index.md"]
    assert "Sales in EUR, converted at the rates of 2026-10-30." in portfolio
    # accounts without a strategic fit are named, not silently left off
    assert "Not on the chart, no strategic fit recorded: Lumen Retail Co-operative, Saltmarsh Water Authority." in (
        portfolio)


def test_without_a_reporting_currency_the_chart_refuses_to_mix_currencies() -> None:
    portfolio = pages(money=Money())["accounts/index.md"]
    assert "Not drawn: the accounts&#39; sales are in CNY, EUR." in portfolio


def test_person_header_and_scorecard_show_one_meetings_figure(en: dict[str, str]) -> None:
    page = en["team/p-jonas-weber.md"]
    header = re.search(r'<strong class="[^"]*">([0-9.]+)</strong> / 5', page)
    card = re.search(r'id="fig-cadence-person".*?<strong>([0-9.]+) per week</strong>', page, re.S)
    assert header and card and header.group(1) == card.group(1)


def test_team_page_ranks_by_the_methods_score(en: dict[str, str]) -> None:
    team = en["team/index.md"]
    rows = re.findall(r'<tr><th scope="row">.*?</tr>', team.split("<tbody>", 1)[1])
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows]
    scores = [float(c[5]) for c in cells if c[5] != "n/a"]
    assert len(scores) >= 10 and scores == sorted(scores, reverse=True)
    assert all(c[5] != "n/a" for c in cells[:len(scores)]), "people without a score come last"
    assert "not by meetings logged" in team


def test_the_scoring_guide_is_in_both_languages() -> None:
    zh = pages("zh")["scoring-guide.md"]
    assert "评分指南" in zh and "(0.5 × 50 + 0.5 × 80 + 0.5 × 80) / 1.5" in zh
