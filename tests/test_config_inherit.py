"""``INHERIT`` is followed by one bounded reader: a cycle, a long chain or a parent that is not YAML is a
clear settings error in every command, in both languages; never a RecursionError."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.config import INHERIT_DEPTH, ConfigError, inherit_chain, load_settings, rules_page, site_language
from generator.config.forge_settings import forge_of_config


def _write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def _cases(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """name → (settings file, what the error says)."""
    project = tmp_path / "project"
    _write(project / "self.yml", "INHERIT: self.yml\n")
    _write(project / "a.yml", "INHERIT: b.yml\n")
    _write(project / "b.yml", "INHERIT: ./a.yml\n")
    for i in range(INHERIT_DEPTH + 2):
        _write(project / f"long{i}.yml", f"INHERIT: long{i + 1}.yml\n")
    _write(project / f"long{INHERIT_DEPTH + 2}.yml", "site_name: end\n")
    _write(tmp_path / "outside.txt", "plugins:\n  - accountplan:\n      accounts: /etc\n")
    _write(project / "escape.yml", "INHERIT: ../outside.txt\n")
    _write(project / "missing.yml", "INHERIT: nowhere.yml\n")
    return {
        "self": (str(project / "self.yml"), "inherits itself (a cycle)"),
        "cycle": (str(project / "a.yml"), "inherits itself (a cycle)"),
        "long": (str(project / "long0.yml"), f"more than {INHERIT_DEPTH} files in a chain"),
        "outside": (str(project / "escape.yml"), "is not a YAML file (.yml or .yaml)"),
        "missing": (str(project / "missing.yml"), "'nowhere.yml' does not exist"),
    }


@pytest.mark.parametrize("case", ["self", "cycle", "long", "outside", "missing"])
def test_bad_inherit_is_a_settings_error(tmp_path: Path, case: str) -> None:
    path, says = _cases(tmp_path)[case]
    with pytest.raises(ConfigError, match=r"INHERIT"):
        inherit_chain(path)
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert says in str(raised.value)
    assert site_language(path) == "en" and rules_page(path) is None  # the readers of the site's look fall back
    with pytest.raises(ConfigError):
        forge_of_config(path)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", ["self", "outside"])
def test_every_command_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, lang: str) -> None:
    path, says = _cases(tmp_path)[case]
    for command in (["check"], ["score"], ["render", "--out", str(tmp_path / "site")]):
        status = main(["--config", path, *command, "--lang", lang])
        _, err = capsys.readouterr()
        assert status != 0 and "Traceback" not in err and "RecursionError" not in err
        if lang == "en":
            assert says in err
        else:
            assert "INHERIT" in err and ("循环" in err or "YAML 文件" in err), err


def test_a_chain_inside_the_project_still_works(tmp_path: Path) -> None:
    base = _write(tmp_path / "config" / "base.yml", "site_url: https://x.example/\nplugins:\n  - accountplan:\n"
                  "      accounts: data\n")
    _write(tmp_path / "mkdocs.yml", "INHERIT: config/base.yml\ntheme: {language: zh}\n")
    assert load_settings(str(tmp_path / "mkdocs.yml")).accounts.endswith("data")
    assert site_language(str(tmp_path / "mkdocs.yml")) == "zh"
    assert rules_page(str(tmp_path / "mkdocs.yml")) == "https://x.example/rules/"
    assert len(inherit_chain(str(tmp_path / "mkdocs.yml"))) == 2 and base


def test_a_parent_outside_the_project_folder_is_read(tmp_path: Path) -> None:
    """A shared base config elsewhere (as the site tests' pinned configs inherit the repository's)."""
    _write(tmp_path / "shared" / "base.yml", "theme:\n  language: zh\n")
    child = _write(tmp_path / "project" / "mkdocs.yml", "INHERIT: ../shared/base.yml\n")
    assert site_language(str(child)) == "zh"
