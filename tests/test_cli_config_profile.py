"""``render`` and ``score`` without ``--profile`` use the ``profile`` of the settings file they are given (following
``INHERIT``), as ``accountplan build`` and ``mkdocs build`` of that file do (docs/privacy.md, "Build profiles")."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile_fixtures import INTERNAL_MARKERS, write_canary_portfolio

PUBLIC = "      today: 2026-11-27\n      profile: public\n      profiles: {public: public, internal: internal}\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The canary portfolio, its ``mkdocs.yml`` naming ``profile: public`` (no dossier is public)."""
    write_canary_portfolio(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      today: 2026-11-27\n", PUBLIC), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ACCOUNTPLAN_CACHE", "off")
    return tmp_path


def _rendered(project: Path, out: str, *extra: str) -> str:
    assert main(["--config", "mkdocs.yml", "render", "--out", out, *extra]) in (0, 1)
    return "\n".join(p.read_text(encoding="utf-8") for p in (project / out).rglob("*.md"))


def test_render_keeps_the_configs_public_profile(project: Path) -> None:
    public = _rendered(project, "public")
    assert not [m for m in INTERNAL_MARKERS.values() if m in public] and "Canary Co" not in public
    internal = _rendered(project, "internal", "--profile", "internal")  # the flag still chooses: the test can fail
    assert all(m in internal for m in INTERNAL_MARKERS.values())


def test_score_keeps_the_configs_public_profile(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--config", "mkdocs.yml", "score", "--format", "json"])
    assert "canary-co" not in capsys.readouterr().out
    main(["--config", "mkdocs.yml", "score", "--format", "json", "--profile", "internal"])
    assert "canary-co" in capsys.readouterr().out


@pytest.mark.parametrize("lang, said", [("en", "wider than level 'public'"), ("zh", "更宽（INHERIT）")])
def test_a_child_config_cannot_widen_its_parents_profile(project: Path, capsys: pytest.CaptureFixture[str],
                                                         lang: str, said: str) -> None:
    wide = "INHERIT: mkdocs.yml\nplugins:\n  - accountplan:\n      profile: internal\n"
    (project / "mkdocs.wide.yml").write_text(wide, encoding="utf-8")
    assert main(["--config", "mkdocs.wide.yml", "--lang", lang, "render", "--out", "wide"]) == 2
    assert said in capsys.readouterr().err and not (project / "wide").exists()


def test_diff_keeps_the_configs_public_profile(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=project,
                       check=True, capture_output=True)

    account = project / "accounts" / "canary-co"
    shutil.move(account, project / "held")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    shutil.move(project / "held", account)
    git("add", "-A")
    git("commit", "-q", "-m", "canary co")
    main(["--config", "mkdocs.yml", "diff", "HEAD~1", "HEAD"])
    assert "Canary Co" not in capsys.readouterr().out
    main(["--config", "mkdocs.yml", "diff", "HEAD~1", "HEAD", "--profile", "internal"])
    assert "Canary Co" in capsys.readouterr().out
