"""Search finds a value the page shows as a word of its own: no table cell, fact, list item or filter option is
glued to the one beside it in the search index (``IndustryLogistics`` was one word, so "logistics" missed it).

Material's indexer joins the text of adjacent elements as written; the templates put a space after each cell,
fact, item and option (invisible on the page). Checked on every generated page of real builds, in both languages.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from sitebuild import Built

CELLS = frozenset({"td", "th", "dd", "dt", "li", "option", "summary", "caption"})
GENERATED = ("accounts/", "team/", "zh/accounts/", "zh/team/")


class _Cells(HTMLParser):
    """The text of every cell-like element that holds text only (no element inside), outside excluded blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, list[str], bool]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stack:
            self.stack[-1] = (self.stack[-1][0], self.stack[-1][1], False)  # it holds an element
        if tag in ("br", "img", "input", "wbr", "hr", "meta", "link", "col"):
            return
        self.stack.append((tag, [], True))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            return
        name, text, plain = self.stack.pop()
        words = " ".join("".join(text).split())
        if name in CELLS and plain and words:
            self.found.append(words)

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1][1].append(data)


def _index(built: Built) -> dict[str, str]:
    """Each page's search text (its sections joined), by page."""
    docs = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages: dict[str, list[str]] = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc["title"] + " " + doc["text"])
    return {page: " ".join(texts) for page, texts in pages.items()}


def _word(character: str) -> bool:
    return character.isascii() and character.isalnum()


def _glued(cell: str, text: str) -> bool:
    """Whether ``cell`` occurs in ``text`` only glued: a Latin letter or digit beside one of its own ends (Chinese
    needs no spaces between words: its search splits them itself)."""
    for match in re.finditer(re.escape(cell), text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if not ((_word(before) and _word(cell[0])) or (_word(after) and _word(cell[-1]))):
            return False
    return True


def _checked(cell: str) -> bool:
    """Cells long enough to be found only where they are shown (a lone "0" is also part of every year)."""
    return len(cell) >= 4 and any(c.isascii() and c.isalpha() for c in cell)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_cell_is_a_word_of_its_own(language: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(f"sample_{language}")
    index = _index(built)
    checked = 0
    glued: list[str] = []
    for page, text in index.items():
        if not page.startswith(GENERATED):
            continue
        parser = _Cells()
        parser.feed((built.site / page / "index.html").read_text(encoding="utf-8"))
        for cell in parser.found:
            if _checked(cell) and cell in text:
                checked += 1
                if _glued(cell, text):
                    glued.append(f"{page}: {cell!r}")
    assert checked > 500
    assert not glued, glued[:20]


def test_the_facts_and_filters_read_as_words(sample_en: Built) -> None:
    index = _index(sample_en)
    assert "Industry Logistics Region Europe-West" in index["accounts/atlas-freight/"]
    assert re.search(r"Tier all S A B C Region all Europe-Central Europe-North", index["accounts/"])


def test_the_scorecard_is_searched_by_its_figures_not_its_formulas(sample_en: Built) -> None:
    """Every scorecard's formulas read the same: in the index they made every account a hit for "cash-cow" or
    "weight" (and a sixth of the index). Its figures and values stay searchable; the table stays on the page."""
    index = _index(sample_en)
    account, person = index["accounts/atlas-freight/"], index["team/p-tom-hale/"]
    assert "Total score" in account and "Classification cash cow" in account
    assert "Person score: KPI results and key actions" in person
    for text in (account, person):
        assert "0.5 × kpi" not in text and "first match:" not in text and "weight =" not in text
    html = sample_en.page("accounts/atlas-freight/")
    assert 'id="fig-classification"' in html and "first match:" in html


def test_a_persons_visits_chart_is_kept_out_of_search(sample_en: Built) -> None:
    """Its labels ran together in the index ("weekContacts", "(below)011-25expected"); the table below it,
    which says the same, stays searchable."""
    person = _index(sample_en)["team/p-tom-hale/"]
    assert "weekContacts" not in person and "expected 5/week" not in person
    assert "Week of" in person or "Contacts in each" in person
