"""A freshly scaffolded account goes through the whole pull-request pipeline unchanged.

The PR workflow runs ``accountplan check --format github``, ``make site`` and ``accountplan diff``; the
publish workflow runs ``make site``. A new account and contact, exactly as ``accountplan new`` writes
them, must pass all three: honest, unfinished data is never blocked. Their warnings (placeholders, a
decision maker's unknown stance) stay visible in the log. Run on a copy of this project in a real git
repository, with the commands read from the Makefile's ``site`` recipe.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.hostile_fixtures import accountplan

from .conftest import run_git

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("accounts", "docs", "theme", "mkdocs.yml", "mkdocs.zh.yml", "Makefile")


def site_commands() -> list[list[str]]:
    """The ``accountplan`` commands of the Makefile's ``site`` recipe, expanded by make itself, as argument lists."""
    printed = subprocess.run(["make", "--dry-run", "--silent", "--old-file=.venv/.installed", "site"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    commands = [line.split() for line in printed.splitlines() if line.strip()]
    assert commands and all(c[0].endswith("/accountplan") for c in commands), printed
    return [c[1:] for c in commands]


@pytest.fixture
def project(tmp_path: Path, git_env: None) -> Path:
    """A copy of this project in a git repository with ``main`` committed."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("screenshots"))
        else:
            shutil.copy(source, tmp_path / name)
    run_git(tmp_path, "init", "-q", "-b", "main")
    run_git(tmp_path, "add", "-A")
    run_git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def test_a_scaffolded_account_passes_check_make_site_and_diff_unchanged(project: Path) -> None:
    run_git(project, "switch", "-q", "-c", "add-nordwind")
    made = accountplan("new", "account", "nordwind-energy", "--name", "Nordwind Energy", "--tier", "S",
                       "--as", "p-anna-berg", cwd=project)
    assert made.returncode == 0, made.stderr
    made = accountplan("new", "contact", "nordwind-energy", "--name", "Ida Berg", "--title", "CFO",
                       "--role", "economic-buyer", "--as", "p-anna-berg", cwd=project)
    assert made.returncode == 0, made.stderr
    scaffolded = {p: p.read_bytes() for p in (project / "accounts" / "nordwind-energy").rglob("*.md")}
    assert b"support: unknown" in scaffolded[project / "accounts/nordwind-energy/contacts/c-ida-berg.md"]
    run_git(project, "add", "-A")
    run_git(project, "commit", "-q", "-m", "Nordwind: new account")

    checked = accountplan("check", "--format", "github", cwd=project)   # the PR workflow's check step
    assert checked.returncode == 0, checked.stdout
    assert "::warning file=accounts/nordwind-energy/account.md" in checked.stdout  # placeholders: visible
    assert "AP316" in checked.stdout and "AP303" not in checked.stdout   # unknown stance: find out, no error

    for command in site_commands():                                     # make site, as the workflows run it
        built = accountplan(*command, cwd=project)
        assert built.returncode == 0, built.stderr
        logged = "AP315 警告" if "mkdocs.zh.yml" in command else "AP315 warning"  # in the site's language
        assert logged in built.stderr                                   # warnings stay in the log
    assert (project / "site" / "accounts" / "nordwind-energy" / "index.html").is_file()
    assert (project / "site" / "zh" / "accounts" / "nordwind-energy" / "index.html").is_file()

    described = accountplan("diff", "main", "HEAD", "--format", "markdown", cwd=project)
    assert described.returncode == 0, described.stderr
    assert "Nordwind Energy" in described.stdout

    assert {p: p.read_bytes() for p in scaffolded} == scaffolded, "nothing had to be edited to pass"
    strict = accountplan("build", "--quiet", "--strict", "--site-dir", "site-strict", cwd=project)
    assert strict.returncode == 1, "--strict keeps its meaning: the method's warnings fail it"
