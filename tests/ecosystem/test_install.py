"""The package as a team installs it: a wheel in a fresh virtual environment, used from a repository of its own.

The wheel is built without network (``--no-build-isolation``: the test extras install setuptools)
and installed with ``--no-deps --no-index``; the fresh environment finds the dependencies in
this environment's site-packages through a ``.pth`` line, so nothing is fetched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "generator", "theme")
"""What the sdist of the project holds: enough to build the wheel."""

MKDOCS_YML = "site_name: Our accounts\ntheme:\n  name: material\nplugins:\n  search: {}\n  accountplan: {}\n"
"""A team's whole site configuration, as docs/own-repository.md shows it: no copy of ``theme/``, no ``extra_css``."""


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output if it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the built wheel installed."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", tmp / "dist",
        source, cwd=tmp)
    env = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", env, cwd=tmp)
    python = env / "bin" / "python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp).stdout.strip())
    (purelib / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    (wheel,) = (tmp / "dist").glob("accountplan-*.whl")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel,
        cwd=tmp)
    return env


@pytest.fixture(scope="module")
def team_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another repository: only ``mkdocs.yml``, a roster and one account (and MkDocs' required docs folder)."""
    repo = tmp_path_factory.mktemp("team")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (repo / "docs").mkdir()
    (repo / "accounts").mkdir()
    shutil.copy2(REPO / "accounts" / "roster.yml", repo / "accounts" / "roster.yml")
    shutil.copytree(REPO / "accounts" / "atlas-freight", repo / "accounts" / "atlas-freight")
    return repo


def test_the_wheel_holds_the_package_not_the_checkout(venv: Path, team_repo: Path) -> None:
    where = run(venv / "bin" / "python", "-c", "import generator; print(generator.__file__)", cwd=team_repo).stdout
    assert Path(where.strip()).is_relative_to(venv), where


def test_a_team_repository_builds_its_own_site(venv: Path, team_repo: Path) -> None:
    # As make site builds: errors and broken links fail, the method's honest warnings (AP317 here) do not.
    run(venv / "bin" / "accountplan", "build", "--fail-on", "error", cwd=team_repo)
    site = team_repo / "site"
    page = (site / "accounts" / "atlas-freight" / "index.html").read_text(encoding="utf-8")
    assert "Atlas Freight" in page
    assert 'id="relationship-map"' in page
    for asset in ("assets/accountplan.css", "assets/accountplan-print.css", "assets/accountplan.js"):
        assert (site / asset).is_file(), asset
        assert asset in page, asset
    assert (site / "accounts" / "index.html").is_file()


def test_the_installed_command_renders_and_checks(venv: Path, team_repo: Path) -> None:
    run(venv / "bin" / "accountplan", "render", "--out", team_repo / "out", cwd=team_repo)
    assert (team_repo / "out" / "accounts" / "atlas-freight" / "index.md").is_file()
    run(venv / "bin" / "accountplan", "check", cwd=team_repo)
