"""The build's own log lines (what was carried over, history) are in the site's language, as its diagnostics are."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitebuild import mkdocs_build, pinned_config

from generator.incremental import build, carried, site
from generator.mkdocs_plugin import loglang


@pytest.fixture
def chinese() -> Iterator[None]:
    loglang.use("zh")
    try:
        yield
    finally:
        loglang.use("en")


@pytest.mark.usefixtures("chinese")
def test_the_carried_over_lines_of_a_zh_build_are_in_chinese(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    build.log.info("accountplan: 3 of 5 lines of the portfolio-wide pages carried over from the previous build")
    build.log.info("accountplan: search sections of 7 pages carried over from the previous build")
    carried.log.info("accountplan: 0 of 22 account and person pages carried over from the previous build")
    site.log.info("accountplan: 16 of 17 pages carried over from the previous build's site")
    carried.log.info("accountplan: carried over from the previous build: 9 of 10 dossiers' rule results, "
                     "8 of 10 redacted dossiers, 7 of 10 scorecards")
    build.log.info("accountplan: the changed accounts' pages first; the portfolio-wide and people's pages follow "
                   "in the next rebuild")
    assert caplog.messages == ["accountplan：全组合页面的 5 行中有 3 行沿用上一次构建",
                               "accountplan：7 个页面的搜索分段沿用自上次构建",
                               "accountplan：22 个客户和人员页面中有 0 个沿用自上次构建",
                               "accountplan：17 个页面中有 16 个沿用自上次构建的站点",
                               "accountplan：沿用上一次构建的结果：档案规则结果 10 份中 9 份，脱敏档案 10 份中 8 份，"
                               "评分卡 10 份中 7 份",
                               "accountplan：先重建改动客户的页面；全组合页面和人员页面在下一次重建中跟上"]


def test_an_english_build_and_unknown_lines_are_left_as_they_are(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    line = "accountplan: 3 of 5 lines of the portfolio-wide pages carried over from the previous build"
    build.log.info(line)
    loglang.use("zh")
    try:
        build.log.info("accountplan: %s pages", 3)  # %-style arguments: left to the handler
        build.log.info("no catalogue entry says this")
    finally:
        loglang.use("en")
    assert caplog.messages == [line, "accountplan: 3 pages", "no catalogue entry says this"]


def test_a_zh_site_build_says_what_it_carried_over_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCOUNTPLAN_CACHE", str(tmp_path / "cache"))
    config = pinned_config(tmp_path, "mkdocs.zh.yml")
    built = mkdocs_build(config, tmp_path / "site")
    assert built.returncode == 0, built.log
    assert "个客户和人员页面中有" in built.log and "全组合页面的" in built.log and "档案规则结果" in built.log
    for english in ("account and person pages carried over", "lines of the portfolio-wide pages carried over",
                    "dossiers' rule results"):
        assert english not in built.log
