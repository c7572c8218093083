"""``accountplan render --out`` pages carry the same edit links as the MkDocs build's, from the same mkdocs.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.cli import main
from generator.config.forge_settings import forge_of_config

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = {
    "github": "repo_url: https://github.com/acme/plans\nedit_uri: edit/main/docs/\n",
    "gitlab-branch": "repo_url: https://gitlab.example.com/kam/plans.git\nedit_uri: -/edit/release/docs/\n",
    "none": "",
}


def _project(tmp_path: Path, extra: str) -> Path:
    shutil.copytree(ROOT / "accounts", tmp_path / "accounts")
    (tmp_path / "docs" / "zh").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\ndocs_dir: docs\n{extra}plugins:\n  - accountplan\n",
                                         encoding="utf-8")
    (tmp_path / "mkdocs.zh.yml").write_text("INHERIT: mkdocs.yml\ndocs_dir: docs/zh\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_render_reads_the_forge_the_plugin_reads(tmp_path: Path, name: str) -> None:
    project = _project(tmp_path, CONFIGS[name])
    for config_file in ("mkdocs.yml", "mkdocs.zh.yml"):
        config = load_config(str(project / config_file))
        plugin = config.plugins["accountplan"]
        plugin.on_config(config)
        assert forge_of_config(str(project / config_file), plugin.settings.forge) == plugin.settings.edit_links
    assert (plugin.settings.edit_links is None) == (name == "none")


def test_rendered_account_page_links_each_file_to_its_editor(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path, CONFIGS["github"])
    monkeypatch.chdir(project)
    assert main(["render", "--out", "out", "--today", "2026-11-27"]) == 0
    page = (project / "out" / "accounts" / "helios-telecom" / "index.md").read_text(encoding="utf-8")
    assert "https://github.com/acme/plans/edit/main/accounts/helios-telecom/account.md" in page
    assert "https://github.com/acme/plans/edit/main/accounts/helios-telecom/opportunities/o-5g-core-2027.md" in page
