"""Running real MkDocs builds for the site tests.

The folder has no __init__.py: a package named `site` would shadow the standard library.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixture"
TODAY = "2026-11-27"
"""Builds are pinned to one date, so review dates and source ages do not drift with the calendar."""


@dataclass
class Built:
    """A finished build: its output folder, exit status and log."""

    site: Path
    returncode: int
    log: str

    def page(self, path: str) -> str:
        """The HTML of a built page, e.g. ``accounts/helios-telecom/``."""
        return (self.site / path / "index.html").read_text(encoding="utf-8")


def mkdocs_build(config: Path, site: Path, *, strict: bool = False, cwd: Path | None = None) -> Built:
    """Run ``mkdocs build`` in a subprocess, as ``make site`` does."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=cwd or REPO, capture_output=True, text=True, env=env, timeout=600)
    return Built(site, done.returncode, done.stdout + done.stderr)


def pinned_config(tmp: Path, parent: str) -> Path:
    """A config inheriting the repository's ``parent`` config with the build date pinned."""
    lang = "zh" if "zh" in parent else "en"
    text = f"""INHERIT: {REPO / parent}
docs_dir: {REPO / 'docs'}
theme:
  custom_dir: {REPO / 'theme'}
plugins:
  - search:
      lang: {lang}
  - accountplan:
      accounts: {REPO / 'accounts'}
      today: {TODAY}
"""
    path = tmp / f"mkdocs-{lang}.yml"
    path.write_text(text, encoding="utf-8")
    return path
