"""A setting the stages would refuse fails when MkDocs reads the configuration (``on_config``), as a
configuration error, before any dossier is loaded, and never as a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

REPO = Path(__file__).resolve().parents[1]


def configured(tmp_path: Path, **options: Any) -> Any:
    """The MkDocs configuration of a site whose accountplan plugin has ``options``."""
    (tmp_path / "docs").mkdir()
    plugin = {"accounts": str(REPO / "accounts"), "today": "2026-11-27", **options}
    config = {"site_name": "t", "docs_dir": str(tmp_path / "docs"), "plugins": [{"accountplan": plugin}]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


@pytest.mark.parametrize(("options", "message"), [
    ({"profile": "everyone"}, "unknown build profile 'everyone'; known: internal, restricted"),
    ({"scoring": {"group_weights": [1, 2, 3]}}, "scoring.group_weights: expected a mapping of weights, found list"),
    ({"scoring": {"growth_targt": 0.1}}, "scoring: unknown key 'growth_targt'"),
    ({"source_channels": ["reuters.com"]}, "source_channels: expected a mapping of domain to channel, found a list"),
    ({"forge": "bitbucket"}, "forge 'bitbucket' is not known; expected one of github, gitlab"),
    ({"rules": "AP305"}, "plugins.accountplan.rules: expected a mapping of rule code to severity"),
])
def test_bad_settings_fail_in_on_config(tmp_path: Path, options: dict[str, Any], message: str) -> None:
    config = configured(tmp_path, **options)
    with pytest.raises(PluginError, match=r"^accountplan: ") as raised:
        config.plugins.on_config(config)
    assert message in str(raised.value)


def test_good_settings_pass_on_config(tmp_path: Path) -> None:
    config = configured(tmp_path, profile="restricted", scoring={"growth_target": 0.1})
    assert config.plugins.on_config(config) is config


def test_the_plugin_options_are_the_settings_fields() -> None:
    """One definition of each option: the plugin's schema is built from Settings and Build, nothing added."""
    from dataclasses import fields

    from generator.config import NOT_OPTIONS, Build, Settings
    from generator.mkdocs_plugin.plugin import AccountPlanConfig

    expected = {f.name for f in fields(Settings)} - NOT_OPTIONS | {f.name for f in fields(Build)}
    assert {name for name, _ in AccountPlanConfig._schema} == expected
    assert "stages" in expected and "edit_links" not in expected


def test_absent_settings_take_the_settings_defaults(tmp_path: Path) -> None:
    """MkDocs fills in no default of its own for a setting: the plugin's settings equal Settings' defaults."""
    from generator.config import Limits

    config = configured(tmp_path)
    config.plugins.on_config(config)
    settings = config.plugins["accountplan"].settings
    assert settings.limits == Limits() and settings.rules == {} and settings.profiles["restricted"] == "restricted"
    assert config.plugins["accountplan"].config.history is True


def test_the_accounts_folder_is_absolute_when_the_settings_file_is_named_relatively(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``mkdocs serve -f mkdocs.zh.yml`` names the file relatively; ``accountplan build`` absolutely. The folder is part
    of every dossier's key, so a relative one made such a server reuse none of the build's carried results."""
    (tmp_path / "docs").mkdir()
    config = {"site_name": "t", "docs_dir": "docs", "plugins": [{"accountplan": {"today": "2026-11-27"}}]}
    (tmp_path / "mkdocs.zh.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with open("mkdocs.zh.yml", "rb") as handle:  # as MkDocs' command line opens it
        loaded = load_config(handle)
    assert loaded.config_file_path == "mkdocs.zh.yml"
    loaded.plugins.on_config(loaded)
    assert loaded.plugins["accountplan"].settings.accounts == str(tmp_path / "accounts")
