"""Settings come from the plugin's section of mkdocs.yml, for the CLI and the site alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.config import Limits, Settings, load_settings


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    settings = load_settings(str(tmp_path / "missing.yml"))
    assert settings.limits == Limits()
    assert settings.limits.visits_per_week == 5


def test_plugin_section_is_read_through_inherit_and_python_tags(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - accountplan:\n      accounts: data\n      rules: {AP304: 'off'}\n"
        "      limits: {gift_max_value: 80}\n      today: 2026-01-31\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.zh.yml").write_text("INHERIT: mkdocs.yml\ntheme: {language: zh}\n", encoding="utf-8")
    settings = load_settings(str(tmp_path / "mkdocs.zh.yml"))
    assert settings.accounts == str(tmp_path / "data")
    assert settings.rules == {"AP304": "off"}
    assert settings.limits.gift_max_value == 80
    assert settings.today == dt.date(2026, 1, 31)


def test_unknown_limit_is_refused_with_the_known_names() -> None:
    with pytest.raises(ValueError, match=r"limits\.gift_max: unknown limit; did you mean 'gift_max_value'"):
        Settings.from_mapping({"limits": {"gift_max": 1}})
