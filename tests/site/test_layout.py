"""CJK tables and phones in a real headless Chromium: no one-character columns, no word broken in two,
charts at their drawn size on a phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from headless import Browser, find_chromium, open_browser, serve
from sitebuild import Built

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (Debian: apt-get install chromium)")

ACCOUNT = "accounts/helios-telecom/"

# Each table header and each short value cell: how many lines it takes (its height over its line height).
LINES = """(sel => Array.from(document.querySelectorAll(sel)).map(e => {
  const s = getComputedStyle(e); const range = document.createRange(); range.selectNodeContents(e);
  const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
  return [e.innerText.trim(), tops.size];
}))"""

# Every word of every link and row header in tables: the rectangles a word is drawn in (1 unless broken).
BROKEN_WORDS = """(() => {
  const broken = [];
  for (const e of document.querySelectorAll('table.ap-table a, table.ap-table th[scope=row], .ap-member a')) {
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Latin words everywhere; Chinese names (links) as a whole, since Chinese may break between characters
      const re = e.tagName === 'A' ? /[A-Za-z\\u00C0-\\u024F]+|[\\u4e00-\\u9fff]{2,4}/g : /[A-Za-z\\u00C0-\\u024F]+/g;
      let m;
      while ((m = re.exec(node.data))) {
        const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
})()"""


@pytest.fixture()
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with open_browser(CHROMIUM) as chromium:
        yield chromium


def test_chinese_contacts_table_has_no_one_character_columns(sample_zh: Built, browser: Browser) -> None:
    with serve(str(sample_zh.site)) as base:
        browser.goto(base + ACCOUNT)
        headers = browser.evaluate(LINES + "('table.ap-contacts thead th')")
        assert headers and all(lines == 1 for _, lines in headers), headers
        short = browser.evaluate(LINES + "('table.ap-contacts td:nth-child(n+4):nth-child(-n+9)')")
        assert short and all(lines <= 1 for _, lines in short), [s for s in short if s[1] > 1][:5]


@pytest.mark.parametrize("path", [ACCOUNT, "team/", "accounts/", "team/p-sofia-reyes/"])
def test_phone_never_breaks_a_name_inside_a_word(sample_zh: Built, browser: Browser, path: str) -> None:
    browser.emulate(390)
    with serve(str(sample_zh.site)) as base:
        browser.goto(base + path)
        assert browser.evaluate("window.innerWidth") == 390
        assert browser.evaluate(BROKEN_WORDS) == []


def test_phone_shows_charts_at_their_drawn_size(sample_en: Built, browser: Browser) -> None:
    browser.emulate(390)
    with serve(str(sample_en.site)) as base:
        browser.goto(base + "accounts/")
        # drawn width / shown width: 1 means the chart's text has the size it was drawn with (scrolls sideways)
        ratio = browser.evaluate("(s => s.viewBox.baseVal.width / s.getBoundingClientRect().width)"
                                 "(document.querySelector('svg.ap-fit-chart'))")
        assert ratio == pytest.approx(1, abs=0.01)
        smallest = browser.evaluate("Math.min(...Array.from(document.querySelectorAll('svg.ap-fit-chart text'))"
                                    ".map(t => t.getBoundingClientRect().height).filter(h => h > 0))")
        assert smallest >= 9


@pytest.mark.parametrize("width", [390, 1400])
def test_who_knows_whom_is_shown_whole_at_its_drawn_size_on_a_phone_and_a_laptop(
        sample_en: Built, sample_zh: Built, browser: Browser, width: int) -> None:
    """Our people beside their contacts: the whole view inside its figure, no sideways scrolling, 1:1 text."""
    if width < 500:
        browser.emulate(width)
    for built in (sample_en, sample_zh):
        with serve(str(built.site)) as base:
            browser.goto(base + ACCOUNT)
            shown = browser.evaluate("""(() => { const f = document.querySelector('figure.ap-knows');
              const s = f.querySelector('svg.ap-knows-map');
              return [s.viewBox.baseVal.width / s.getBoundingClientRect().width, f.scrollWidth - f.clientWidth,
                      f.querySelectorAll('svg.ap-knows-map .ap-ties path').length]; })()""")
            ratio, overflow, lines = shown
            assert ratio == pytest.approx(1, abs=0.01) and overflow <= 0 and lines >= 20, shown
