"""Which day a build is as of: ``--today``, then ``SOURCE_DATE_EPOCH``, then the clock (issue 11).

The method's judgements depend on the date (overdue plans, stale sources, review dates), so
the same commit used to build differently the next day. Now the date can be pinned, every
command and the plugin take it the same way, and every generated page states it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.config import Settings, default_today, load_settings
from tests.hostile_fixtures import accountplan, tree_hashes, write_canary_portfolio

NOON = int(dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC).timestamp())
"""2026-06-15 at noon UTC, as SOURCE_DATE_EPOCH."""


def unpinned(root: Path) -> Path:
    """The canary fixture without the ``today`` its mkdocs.yml pins."""
    write_canary_portfolio(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      today: 2026-11-27\n", ""), encoding="utf-8")
    return root


def test_today_is_source_date_epoch_else_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOON))
    assert default_today() == dt.date(2026, 6, 15)
    assert Settings().today == dt.date(2026, 6, 15)
    assert load_settings(None, today="2026-01-02").today == dt.date(2026, 1, 2)  # --today first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        default_today()
    for outside in ("-5", "5000000000"):  # before 1970, or past what a gzip header (the sitemap) holds
        monkeypatch.setenv("SOURCE_DATE_EPOCH", outside)
        with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
            default_today()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert default_today() == dt.date.today()


def test_check_score_and_render_take_the_date_from_source_date_epoch(tmp_path: Path) -> None:
    root = unpinned(tmp_path)
    env = {"SOURCE_DATE_EPOCH": str(NOON)}
    assert accountplan("check", "--no-cache", cwd=root, env=env).stdout == accountplan(
        "check", "--no-cache", "--today", "2026-06-15", cwd=root).stdout
    assert accountplan("check", "--no-cache", cwd=root, env=env).stdout != accountplan(
        "check", "--no-cache", "--today", "2027-06-15", cwd=root, env=env).stdout  # --today wins
    score = accountplan("score", "--format", "json", cwd=root, env=env)
    assert score.returncode == 0 and '"as_of": "2026-06-15"' in score.stdout, score.stdout[:400]
    assert accountplan("score", "--format", "json", "--today", "2026-06-15", cwd=root).stdout == score.stdout
    accountplan("render", "--out", "out", cwd=root, env=env)
    rendered = (root / "out" / "accounts" / "index.md").read_text(encoding="utf-8")
    assert 'Data as of <time datetime="2026-06-15">2026-06-15</time>' in rendered


def test_two_builds_with_source_date_epoch_are_identical_and_state_the_date(tmp_path: Path) -> None:
    root = unpinned(tmp_path)
    env = {"SOURCE_DATE_EPOCH": str(NOON)}
    for site in ("site-a", "site-b"):
        done = accountplan("build", "--quiet", "--site-dir", site, cwd=root, env=env)
        assert done.returncode == 0, done.stderr
    first, second = tree_hashes(root / "site-a"), tree_hashes(root / "site-b")
    assert len(first) > 10 and first == second
    stated = '<time datetime="2026-06-15">2026-06-15</time>'
    for page in ("accounts/index.html", "accounts/canary-co/index.html", "team/index.html", "rules/index.html"):
        html = (root / "site-a" / page).read_text(encoding="utf-8")
        assert f"Data as of {stated}" in html, page
    done = accountplan("build", "--quiet", "--lang", "zh", "--site-dir", "site-zh", cwd=root, env=env)
    assert done.returncode == 0, done.stderr
    assert f"数据截至 {stated}" in (root / "site-zh" / "accounts" / "index.html").read_text(encoding="utf-8")
    # --today beats SOURCE_DATE_EPOCH for the build too.
    accountplan("build", "--quiet", "--today", "2026-07-01", "--site-dir", "site-c", cwd=root, env=env)
    assert '<time datetime="2026-07-01">' in (root / "site-c" / "accounts" / "index.html").read_text(encoding="utf-8")
