"""The site as built by MkDocs: every account page shows its own data, in both languages, offline."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from markupsafe import escape
from sitebuild import FIXTURE, REPO, Built, mkdocs_build, site_build

from generator.load.portfolio import load_portfolio

SECTIONS = ("insight", "relationship-map", "matrix", "layers", "plans", "activities", "issues", "sources", "scorecard")


def shown(text: str) -> str:
    """How autoescaped dossier text appears in the page."""
    return str(escape(text))


def test_sample_builds_in_english_with_its_warnings_visible(sample_en: Built) -> None:
    # make site fails on errors and site defects only; the method's honest warnings stay in the log
    assert sample_en.returncode == 0, sample_en.log
    assert "ERROR" not in sample_en.log
    assert re.search(r"WARNING\s+-\s+accounts/saltmarsh-water/account\.md:2:7: AP305 warning", sample_en.log)


def test_sample_builds_in_chinese(sample_zh: Built) -> None:
    assert sample_zh.returncode == 0, sample_zh.log
    assert "ERROR" not in sample_zh.log


def test_every_sample_account_page_shows_its_own_data(sample_en: Built) -> None:
    portfolio = load_portfolio(str(REPO / "accounts"))
    assert len(portfolio.dossiers) >= 2
    for dossier in portfolio.dossiers:
        html = sample_en.page(f"accounts/{dossier.slug}")
        account = dossier.account.data
        for section in SECTIONS:
            assert f'id="{section}"' in html, (dossier.slug, section)
        assert shown(account.name) in html
        assert shown(account.industry) in html
        if account.strategy:
            assert shown(account.strategy.summary) in html, dossier.slug
            for fact in account.strategy.facts:
                assert shown(fact.text) in html
        for contact in dossier.contacts:
            if contact.data.sensitivity != "restricted":
                assert f'id="contact-{contact.data.id}"' in html, (dossier.slug, contact.data.id)
                assert shown(contact.data.name) in html
        for plan in account.plans:
            assert shown(plan.goal) in html, (dossier.slug, plan.id)
        for activity in dossier.activities:
            if activity.data.sensitivity != "restricted":
                assert shown(activity.data.summary) in html, (dossier.slug, activity.path)
        for source in account.sources:
            if source.sensitivity != "restricted":
                assert f'id="src-{source.id}"' in html
        # The relationship map and matrix are inline SVG, not placeholders; the charts lifted out of
        # MkDocs' conversion are back in place, and no marker or placeholder is left.
        assert html.count("<svg") >= 4 and "ap-placeholder" not in html
        assert 'data-ap-lift="' not in html and "ap:lift" not in html
        assert html.count('class="ap-svg ap-relationship-map"') == 1


def test_citations_link_to_sources_on_the_same_page(sample_en: Built) -> None:
    html = sample_en.page("accounts/helios-telecom")
    cited = set(re.findall(r'class="ap-cite" href="#(src-[^"]+)"', html))
    assert cited
    for anchor in cited:
        assert f'id="{anchor}"' in html


def test_account_pages_have_unique_ids_and_every_in_page_link_resolves(sample_en: Built) -> None:
    for slug in ("helios-telecom", "jade-river-power"):
        html = sample_en.page(f"accounts/{slug}")
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
        targets = set(re.findall(r'href="#([^"]+)"', html))
        assert any(t.startswith("contact-") for t in targets)
        assert targets <= set(ids), sorted(targets - set(ids))
        assert not re.search(r'href="contact-', html), "a contact link without '#' points at a missing page"


def test_nav_lists_index_pages_but_no_account_page(sample_en: Built) -> None:
    home = sample_en.page("")
    # the sidebar only: the dashboard in the page itself links accounts
    nav = home[home.index('class="md-nav md-nav--primary'):home.index('class="md-content"')]
    assert "accounts/" in nav  # the portfolio index is in the nav
    assert not re.search(r'href="[^"]*accounts/[a-z0-9-]+/"', nav)
    portfolio = sample_en.page("accounts")
    for dossier in load_portfolio(str(REPO / "accounts")).dossiers:
        assert f'href="../accounts/{dossier.slug}/"' in portfolio  # reached through the portfolio table


def test_portfolio_team_and_rule_pages(sample_en: Built) -> None:
    portfolio = sample_en.page("accounts")
    assert 'id="ap-portfolio"' in portfolio and "ap-sortable" in portfolio
    assert 'id="fit-revenue"' in portfolio and "<svg" in portfolio
    assert 'id="attention"' in portfolio
    for by in ("tier", "region", "industry"):
        assert "ap-accounts" in sample_en.page(f"portfolio/by-{by}")
    team = sample_en.page("team")
    assert "Tom Hale" in team
    rules = sample_en.page("rules")
    for code in ("AP202", "AP301"):
        assert f'id="{code.lower()}"' in rules
    assert "What it does" in rules


def test_chinese_build_has_chinese_labels(sample_zh: Built) -> None:
    html = sample_zh.page("accounts/helios-telecom")
    for label in ("客户洞察摘要", "客户关系图", "立体式客户关系", "关系提升计划", "信息来源", "评分卡", "战略客户"):
        assert label in html, label
    assert "Insight summary" not in html
    assert "客户组合" in sample_zh.page("accounts")
    assert '<html lang="zh"' in html


def test_chinese_words_are_segmented_for_search(sample_zh: Built) -> None:
    index = (sample_zh.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u200b" in index or "\u200b" in index  # jieba's segmentation marks


def test_assets_are_shipped_and_no_page_loads_from_outside(sample_en: Built) -> None:
    for asset in ("accountplan.js", "accountplan.css", "accountplan-print.css"):
        assert (sample_en.site / "assets" / asset).is_file()
    for page in sample_en.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert not re.search(r'<script[^>]+src="(https?:)?//', text), page
        assert not re.search(r'<link[^>]+href="(https?:)?//[^"]+\.css', text), page


def test_diagnostics_fail_strict_build_with_file_and_line(tmp_path: Path) -> None:
    built = mkdocs_build(FIXTURE / "mkdocs.yml", tmp_path / "site", strict=True, cwd=FIXTURE)
    assert built.returncode != 0
    assert "ERROR" in built.log
    assert re.search(r"accounts/northwind-telecom/account\.md:\d+:\d+: AP302 error", built.log), built.log
    assert re.search(r"WARNING\s+-\s+accounts/harbor-retail/account\.md:\d+:\d+: AP30\d warning", built.log)


def test_errors_fail_the_gated_build_and_warnings_alone_do_not(tmp_path: Path) -> None:
    # `make site` (--fail-on error): the fixture's AP302 error fails it, and says where
    built = site_build(FIXTURE / "mkdocs.yml", tmp_path / "site")
    assert built.returncode == 1
    assert re.search(r"accounts/northwind-telecom/account\.md:\d+:\d+: AP302 error", built.log), built.log
    assert "error(s) or site defect(s) with --fail-on error" in built.log


def test_hostile_body_is_sanitized(fixture_site: Built) -> None:
    html = fixture_site.page("accounts/northwind-telecom")
    assert "<strong>largest carrier</strong>" in html  # Markdown still renders
    assert 'href="https://example.com/northwind/ar2025" rel="noopener"' in html
    assert 'alert("body")' not in html and "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html.lower()
    assert "陈美" in html  # dossier text in any language


def test_findings_and_attention_list_link_to_rules(fixture_site: Built) -> None:
    portfolio = fixture_site.page("accounts")
    assert 'href="../rules/#ap302"' in portfolio
    account = fixture_site.page("accounts/northwind-telecom")
    assert 'href="../../rules/#ap302"' in account


def test_render_command_writes_the_same_pages_as_the_plugin(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from generator.incremental import lift

    config = load_config(str(FIXTURE / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    lifted = config.plugins["accountplan"].build.blocks  # heavy blocks the plugin puts back after conversion
    # Account pages keep their charts marked until MkDocs reads them (on_page_read_source lifts them then).
    plugin_pages = {f.src_uri: lift.restore(lift.lift(f.content_string, lifted), lifted) for f in files
                    if f.generated_by == "accountplan"}
    assert "accounts/northwind-telecom/index.md" in plugin_pages

    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "generator", "--config", str(FIXTURE / "mkdocs.yml"), "render",
                           "--out", str(out), "--lang", "en"], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1, done.stderr  # the fixture holds an error (AP302); pages are written anyway
    written = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}
    assert written == plugin_pages


def test_hostile_frontmatter_is_escaped_everywhere(fixture_site: Built) -> None:
    html = fixture_site.page("accounts/hostile-co")
    title = html[html.index("<title>"):html.index("</title>") + len("</title>")]
    assert "<script>" not in title and "&lt;/title&gt;" in title
    assert "<script>alert" not in html
    assert "<img src=x" not in html and "<b>Retail</b>" not in html
    assert 'href="javascript' not in html.lower()
    assert "&lt;/text&gt;&lt;script&gt;" in html  # the contact name, escaped in table and SVG
    for page in fixture_site.site.rglob("*.html"):
        assert "<script>alert" not in page.read_text(encoding="utf-8"), page
    index = (fixture_site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index
