"""The Chinese site is built for no wider an audience than the English one it inherits (docs/privacy.md).

``mkdocs.zh.yml`` ``INHERIT``s ``mkdocs.yml``. The plugin's options follow the chain in both forms of
``plugins`` (MkDocs itself merges only a mapping; a list is replaced whole), and a child that sets a
wider ``profile`` or ``profiles`` itself fails the build, naming both files, in the site's language.
Real ``accountplan build`` runs, as ``make site`` does them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from generator.config import INHERIT_DEPTH, load_settings, plugin_section
from generator.mkdocs_plugin.inherited import refuse_wider
from tests.hostile_fixtures import INTERNAL_MARKERS, RESTRICTED_CANARIES, accountplan, write_canary_portfolio
from tests.mkdocs_config import plugin_options

REPO = Path(__file__).resolve().parents[1]
PUBLIC = "    profile: public\n    profiles: {public: public}\n"
"""Lines that make the repository's ``mkdocs.yml`` (plugins as a mapping) build the public level."""
ZH_LIST = ("INHERIT: mkdocs.yml\nsite_dir: site/zh\ntheme:\n  language: zh\n"
           "plugins:\n  - search:\n      lang: zh\n  - accountplan:\n      accounts: accounts\n{extra}")
"""A Chinese config as users write it: a list of plugins of its own (which MkDocs does not merge)."""


def _texts(site: Path) -> str:
    """Every text file of a built site, joined (pages, search index, sitemap)."""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                     if p.is_file() and p.suffix in {".html", ".json", ".xml", ".js", ".txt"})


def _fixture(tmp_path: Path, zh: str) -> Path:
    """The canary portfolio with ``profile: public`` in its ``mkdocs.yml`` and ``zh`` as its ``mkdocs.zh.yml``;
    the plugins of ``mkdocs.yml`` are a mapping when ``zh``'s are (a list is replaced whole by either)."""
    write_canary_portfolio(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      today: 2026-11-27\n", "      today: 2026-11-27\n      profile: public\n"
        "      profiles: {public: public, internal: internal}\n"), encoding="utf-8")
    if isinstance(yaml.safe_load(zh).get("plugins"), dict):
        parent = yaml.safe_load(config.read_text(encoding="utf-8"))
        parent["plugins"] = {"search": {}, "accountplan": plugin_options(parent)}
        config.write_text(yaml.safe_dump(parent, allow_unicode=True), encoding="utf-8")
    (tmp_path / "docs" / "zh").mkdir()
    (tmp_path / "docs" / "zh" / "index.md").write_text("# 测试\n", encoding="utf-8")
    (tmp_path / "mkdocs.zh.yml").write_text(zh, encoding="utf-8")
    return tmp_path


def _no_leak(site: Path) -> None:
    text = _texts(site)
    assert (site / "search" / "search_index.json").is_file()
    leaked = [v for v in (*RESTRICTED_CANARIES.values(), *INTERNAL_MARKERS.values()) if v.lower() in text.lower()]
    assert not leaked
    assert not (site / "accounts" / "canary-co").exists() and "canary-co" not in text


ZH_FORMS = {
    "own list, no profile": ZH_LIST.format(extra=""),
    "no plugins of its own": "INHERIT: mkdocs.yml\nsite_dir: site/zh\ntheme:\n  language: zh\n",
    "plugins as a mapping": "INHERIT: mkdocs.yml\nsite_dir: site/zh\ntheme:\n  language: zh\n"
                            "plugins:\n  search:\n    lang: zh\n",
}


@pytest.mark.parametrize("form", sorted(ZH_FORMS))
def test_the_chinese_site_keeps_the_public_profile_of_mkdocs_yml(tmp_path: Path, form: str) -> None:
    project = _fixture(tmp_path, ZH_FORMS[form])
    done = accountplan("--config", "mkdocs.zh.yml", "build", "--fail-on", "error", cwd=project)
    assert done.returncode == 0, done.stderr
    said = ("(profile public, level public)", "（构建配置 public，密级 public）")
    assert any(s in done.stderr for s in said), done.stderr
    _no_leak(project / "site" / "zh")
    assert (project / "site" / "zh" / "index.html").is_file()


def test_the_repositorys_own_configs_build_both_languages_at_the_parents_profile(tmp_path: Path) -> None:
    """``make site``'s two builds of this repository's real ``mkdocs.yml`` and ``mkdocs.zh.yml``, the first set to
    ``profile: public``: no dossier content in either site, search index included."""
    for name in ("mkdocs.yml", "mkdocs.zh.yml"):
        shutil.copy2(REPO / name, tmp_path / name)
    for name in ("docs", "theme", "accounts"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("screenshots"))
    config = tmp_path / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  accountplan:\n" in text, "mkdocs.yml lists its plugins as a mapping"
    config.write_text(text.replace("\n  accountplan:\n", "\n  accountplan:\n" + PUBLIC + "    today: 2026-11-27\n"),
                      encoding="utf-8")
    assert plugin_section(str(tmp_path / "mkdocs.zh.yml")) == plugin_section(str(config))
    contacts = [re.search(r"(?m)^name: (.+)$", p.read_text(encoding="utf-8")) for p in
                (tmp_path / "accounts").glob("*/contacts/*.md")]
    names = [m.group(1).strip() for m in contacts if m]
    assert len(names) > 20
    for config_name, site in (("mkdocs.yml", tmp_path / "site"), ("mkdocs.zh.yml", tmp_path / "site" / "zh")):
        done = accountplan("--config", config_name, "build", "--fail-on", "never", "--quiet", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        text = _texts(site)
        assert (site / "search" / "search_index.json").is_file()
        assert not [n for n in names if n in text]
        assert not [s.name for s in (tmp_path / "accounts").iterdir() if (site / "accounts" / s.name).exists()]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("wider", ["profile: internal", "profiles: {public: internal}"])
def test_a_child_asking_for_a_wider_level_fails_naming_both_files(tmp_path: Path, lang: str, wider: str) -> None:
    zh = ZH_LIST.format(extra=f"      {wider}\n").replace("language: zh", f"language: {lang}")
    project = _fixture(tmp_path, zh)
    done = accountplan("--config", "mkdocs.zh.yml", "build", "--fail-on", "error", cwd=project)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert str(project / "mkdocs.zh.yml") in done.stderr and str(project / "mkdocs.yml") in done.stderr, done.stderr
    if lang == "en":
        assert "builds at level 'internal', wider than level 'public' of" in done.stderr
    else:
        assert "比它继承的" in done.stderr and "internal" in done.stderr, done.stderr
    assert not (project / "site" / "zh").exists()
    plain = accountplan("--config", "mkdocs.zh.yml", "build", cwd=project)  # without --fail-on: still refused
    assert plain.returncode != 0 and not (project / "site" / "zh").exists()


def test_mkdocs_build_refuses_it_too(tmp_path: Path) -> None:
    project = _fixture(tmp_path, ZH_LIST.format(extra="      profile: internal\n"))
    with pytest.raises(ValueError, match=r"wider than level 'public'"):
        refuse_wider(str(project / "mkdocs.zh.yml"))
    config = load_config(str(project / "mkdocs.zh.yml"))
    assert config.plugins["accountplan"].config["profile"] == "internal"


def test_a_child_may_narrow_and_inherits_every_other_option(tmp_path: Path) -> None:
    """Accounts folder, money, timeline, limits: an option of the parent holds until the child sets it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material}\nplugins:\n  - search\n  - accountplan:\n      accounts: data\n"
        "      timeline: false\n      money: {currency: EUR, rates_date: 2026-10-30, rates: {CNY: 0.128}}\n"
        "      limits: {gift_max_value: 80}\n      profile: internal\n", encoding="utf-8")
    (tmp_path / "mkdocs.zh.yml").write_text(
        "INHERIT: mkdocs.yml\ntheme: {language: zh}\nplugins:\n  - search\n  - accountplan:\n"
        "      profile: public\n      profiles: {public: public, internal: internal}\n"
        "      limits: {issue_close_days: 10}\n", encoding="utf-8")
    child = str(tmp_path / "mkdocs.zh.yml")
    refuse_wider(child)  # narrower: fine
    settings = load_settings(child)
    assert settings.accounts == str(tmp_path / "data") and settings.money.currency == "EUR"
    assert settings.limits.gift_max_value == 80 and settings.limits.issue_close_days == 10
    options = load_config(child).plugins["accountplan"].config
    assert options["profile"] == "public" and options["timeline"] is False and options["accounts"] == "data"
    assert options["money"]["rates"] == {"CNY": 0.128}


def test_a_parent_naming_no_profile_lets_a_child_choose_its_audience(tmp_path: Path) -> None:
    """``mkdocs.restricted.yml`` for the account teams, inheriting a ``mkdocs.yml`` that names no profile."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - accountplan:\n      accounts: data\n",
                                         encoding="utf-8")
    (tmp_path / "mkdocs.restricted.yml").write_text(
        "INHERIT: mkdocs.yml\nplugins:\n  - accountplan:\n      profile: restricted\n", encoding="utf-8")
    refuse_wider(str(tmp_path / "mkdocs.restricted.yml"))
    assert plugin_section(str(tmp_path / "mkdocs.restricted.yml")) == {"accounts": "data", "profile": "restricted"}
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - accountplan:\n      profile: internal\n",
                                         encoding="utf-8")
    with pytest.raises(ValueError, match=r"builds at level 'restricted', wider than level 'internal'"):
        refuse_wider(str(tmp_path / "mkdocs.restricted.yml"))


def test_an_env_value_in_the_parent_is_read_as_mkdocs_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    monkeypatch.setenv("SITE_PROFILE", "public")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - accountplan:\n      profile: !ENV [SITE_PROFILE, internal]\n"
        "      profiles: {public: public, internal: internal}\n", encoding="utf-8")
    (tmp_path / "mkdocs.zh.yml").write_text("INHERIT: mkdocs.yml\nplugins:\n  - accountplan:\n      accounts: a\n",
                                            encoding="utf-8")
    assert plugin_section(str(tmp_path / "mkdocs.zh.yml"))["profile"] == "public"
    assert load_config(str(tmp_path / "mkdocs.zh.yml")).plugins["accountplan"].config["profile"] == "public"
    monkeypatch.delenv("SITE_PROFILE")
    assert plugin_section(str(tmp_path / "mkdocs.zh.yml"))["profile"] == "internal"


def test_the_repositorys_chinese_config_sets_no_plugin_options_of_its_own() -> None:
    """``mkdocs.zh.yml`` overrides only the search language; everything else of the plugin is ``mkdocs.yml``'s."""
    zh = yaml.safe_load((REPO / "mkdocs.zh.yml").read_text(encoding="utf-8"))
    assert zh["plugins"] == {"search": {"lang": "zh"}}
    en = load_config(str(REPO / "mkdocs.yml")).plugins["accountplan"].config
    assert dict(load_config(str(REPO / "mkdocs.zh.yml")).plugins["accountplan"].config) == dict(en)


def _public_base_cfg(tmp_path: Path) -> Path:
    """The canary portfolio whose ``mkdocs.yml`` only inherits ``base.cfg`` (``profile: public``): MkDocs reads
    a parent of any name."""
    project = _fixture(tmp_path, ZH_FORMS["no plugins of its own"])
    (project / "mkdocs.yml").rename(project / "base.cfg")
    (project / "mkdocs.yml").write_text("INHERIT: base.cfg\n", encoding="utf-8")
    return project


def test_a_child_of_a_public_base_cfg_builds_the_public_pages(tmp_path: Path) -> None:
    project = _public_base_cfg(tmp_path)
    done = accountplan("build", "--fail-on", "error", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "(profile public, level public)" in done.stderr, done.stderr
    _no_leak(project / "site")
    assert (project / "site" / "index.html").is_file()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mkdocs_build_fails_naming_the_file_when_the_chain_cannot_be_read(tmp_path: Path, lang: str) -> None:
    """MkDocs follows any chain; ours stops at INHERIT_DEPTH files. Then the level the child inherits is unknown: a
    build error naming the file, never a build at the default (internal) level."""
    project = _public_base_cfg(tmp_path)
    for i in range(INHERIT_DEPTH + 1):
        (project / f"step{i}.yml").write_text(f"INHERIT: {f'step{i + 1}.yml' if i < INHERIT_DEPTH else 'base.cfg'}\n"
                                              f"theme: {{name: material, language: {lang}}}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "step0.yml", "-d", "out"], cwd=project,
                          capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode != 0 and not (project / "out" / "index.html").exists(), done.stderr
    assert "Traceback" not in done.stderr and "step0.yml" in done.stderr, done.stderr
    said = f"more than {INHERIT_DEPTH} files in a chain" if lang == "en" else f"继承链超过 {INHERIT_DEPTH} 个文件"
    assert said in done.stderr, done.stderr
    with pytest.raises(ValueError, match="INHERIT"):
        refuse_wider(str(project / "step0.yml"))
