"""The Chinese site's scorecards: formulas, inputs and notes in Chinese, no English words left."""

from __future__ import annotations

import html
import re

from sitebuild import Built

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+(?:_[a-z]+)+|[A-Z]{1,4}[0-9]*|min")
"""What may stay in Latin letters: ids (slugs, plan ids, person ids), field names such as
``last_year_sales``, codes (tiers, AP309, KPI, currencies) and the ``min`` of a formula."""
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")
CJK = re.compile(r"[\u4e00-\u9fff]")


def scorecard_cells(page: str) -> list[str]:
    """The text of every formula/input/note cell of the page's scorecard tables."""
    cells: list[str] = []
    for card in re.findall(r'<div class="ap-scorecard">(.*?)</div>', page, re.S):
        for row in re.findall(r'<tr id="fig-.*?</tr>', card, re.S):
            cells.extend(html.unescape(re.sub(r"<[^>]+>", " ", c)) for c in re.findall(r"<td>(.*?)</td>", row, re.S))
    return cells


def english_words(cells: list[str]) -> list[tuple[str, str]]:
    """``(word, cell)`` for each word that is not an id, code or field name."""
    return [(w, c) for c in cells for w in WORD.findall(c) if not ID.fullmatch(w)]


def test_zh_account_scorecard_has_no_english_words(sample_zh: Built) -> None:
    cells = scorecard_cells(sample_zh.page("accounts/jade-river-power"))
    assert len(cells) >= 2 * 20  # formula and inputs cells of every figure
    assert english_words(cells) == []
    text = " ".join(cells)
    for words in ("销售额", "人数", "权重", "级别规则", "经营结果"):
        assert words in text, words


def test_every_zh_scorecard_page_is_chinese(sample_zh: Built) -> None:
    """All sample accounts (every market and class) and every team page."""
    pages = [p.parent.relative_to(sample_zh.site).as_posix()
             for folder in ("accounts", "team") for p in (sample_zh.site / folder).glob("*/index.html")]
    assert len(pages) > 5
    left = {page: english_words(scorecard_cells(sample_zh.page(page))) for page in pages}
    assert {page: words for page, words in left.items() if words} == {}
    team_page = sample_zh.page(next(p for p in pages if p.startswith("team/")))
    assert "次/周" in team_page and "per week" not in team_page


def test_en_scorecard_keeps_its_english_text(sample_en: Built) -> None:
    cells = scorecard_cells(sample_en.page("accounts/jade-river-power"))
    text = " ".join(cells)
    assert "0.5 × kpi + 0.5 × actions" in text
    assert "sales / headcount" in text and "tier rule: tier S is a strategic account" in text
    assert not CJK.search(text)
