"""The built site in a real headless Chromium: nothing leaves 127.0.0.1, no console errors, tables work."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from headless import Browser, find_chromium, open_browser, serve
from sitebuild import Built

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (Debian: apt-get install chromium)")

PAGES = ("accounts/helios-telecom/", "accounts/", "team/", "team/p-tom-hale/", "rules/", "portfolio/by-tier/")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with open_browser(CHROMIUM) as chromium:
        yield chromium


def outside(urls: list[str]) -> list[str]:
    """Requests to anywhere but the local test server."""
    return [u for u in urls if urlsplit(u).scheme not in ("data", "blob", "about")
            and urlsplit(u).hostname != "127.0.0.1"]


@pytest.mark.parametrize("path", PAGES)
def test_page_stays_local_and_error_free(sample_en: Built, browser: Browser, path: str) -> None:
    with serve(str(sample_en.site)) as base:
        browser.events.clear()
        browser.goto(base + path)
        assert browser.evaluate("document.querySelector('h1') !== null")
        assert outside(browser.requests()) == []
        assert browser.errors() == []
        assert len(browser.requests()) > 3  # the page, its styles and scripts really loaded


def test_chinese_account_page_stays_local(sample_zh: Built, browser: Browser) -> None:
    with serve(str(sample_zh.site)) as base:
        browser.events.clear()
        browser.goto(base + "accounts/jade-river-power/")
        assert outside(browser.requests()) == []
        assert browser.errors() == []
        assert "客户关系图" in browser.evaluate("document.body.innerText")


def test_portfolio_table_sorts_and_filters(sample_en: Built, browser: Browser) -> None:
    with serve(str(sample_en.site)) as base:
        browser.goto(base + "accounts/")
        names = "Array.from(document.querySelectorAll('#ap-portfolio tbody tr')).filter(r => !r.hidden)" \
                ".map(r => r.cells[0].innerText.trim())"
        before = browser.evaluate(names)
        assert len(before) >= 2
        browser.evaluate("document.querySelector('#ap-portfolio thead th').click()")
        ascending = browser.evaluate(names)
        browser.evaluate("document.querySelector('#ap-portfolio thead th').click()")
        assert browser.evaluate(names) == list(reversed(ascending))
        browser.evaluate("(() => { const s = document.querySelector('select[data-column=tier]');"
                         " s.value = 'S'; s.dispatchEvent(new Event('change')); })()")
        tiers = browser.evaluate("Array.from(document.querySelectorAll('#ap-portfolio tbody tr'))"
                                 ".filter(r => !r.hidden).map(r => r.dataset.tier)")
        assert tiers and set(tiers) == {"S"}
        assert browser.errors() == []


def test_hostile_dossier_text_runs_no_script(fixture_site: Built, browser: Browser) -> None:
    with serve(str(fixture_site.site)) as base:
        browser.events.clear()
        browser.goto(base + "accounts/northwind-telecom/")
        dialogs = [e for e in browser.events if e["method"] == "Page.javascriptDialogOpening"]
        assert dialogs == []
        assert browser.evaluate("document.querySelectorAll('.md-content script, .md-content img').length") == 0
        assert outside(browser.requests()) == []


@pytest.mark.parametrize("path", ["accounts/hostile-co/", "accounts/", "team/p-li-na/"])
def test_hostile_names_fire_nowhere(fixture_site: Built, browser: Browser, path: str) -> None:
    with serve(str(fixture_site.site)) as base:
        browser.events.clear()
        browser.goto(base + path)
        assert [e for e in browser.events if e["method"] == "Page.javascriptDialogOpening"] == []
        assert browser.evaluate("document.title").startswith(("Evil", "Portfolio", "Li Na"))
        assert browser.errors() == []


def test_hostile_name_in_search_results_runs_no_script(fixture_site: Built, browser: Browser) -> None:
    with serve(str(fixture_site.site)) as base:
        browser.events.clear()
        browser.goto(base + "accounts/?q=Evil")  # Material opens its search with the query from the URL
        results = browser.wait_for("document.querySelectorAll('.md-search-result__item').length")
        assert results >= 1
        assert [e for e in browser.events if e["method"] == "Page.javascriptDialogOpening"] == []
        assert browser.evaluate("document.querySelectorAll('.md-search-result script').length") == 0


def test_account_page_prints_as_a_briefing(sample_en: Built, browser: Browser) -> None:
    with serve(str(sample_en.site)) as base:
        browser.goto(base + "accounts/helios-telecom/")
        browser.send("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            hidden = browser.evaluate(
                "['.md-header', '.md-sidebar--secondary', '.md-footer']"
                ".map(s => document.querySelector(s)).filter(e => e).map(e => getComputedStyle(e).display)")
            assert hidden and set(hidden) == {"none"}
            after = browser.evaluate("getComputedStyle(document.querySelector('a.ap-source-link'), '::after').content")
            assert "attr(href)" in after or "http" in after
            # tables split only between rows, the header repeated; cards flow on (no blank gaps): test_print.py
            assert browser.evaluate("getComputedStyle(document.querySelector('table.ap-contacts tbody tr'))"
                                    ".breakInside") == "avoid"
            assert browser.evaluate("getComputedStyle(document.querySelector('table.ap-contacts thead')).display") \
                == "table-header-group"
        finally:
            browser.send("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize(("which", "word"), [("zh", "调度"), ("zh", "信息中心"), ("en", "调度"), ("en", "Helios")])
def test_search_finds_chinese_and_english_words(sample_en: Built, sample_zh: Built, browser: Browser,
                                                which: str, word: str) -> None:
    site = sample_zh if which == "zh" else sample_en
    with serve(str(site.site)) as base:
        browser.events.clear()
        browser.goto(base + f"accounts/?q={word}")
        assert browser.wait_for("document.querySelectorAll('.md-search-result__item').length") >= 1
        assert browser.errors() == []
