"""Running real MkDocs builds for the site tests.

The folder has no __init__.py: a package named `site` would shadow the standard library.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.mkdocs_config import plugin_options

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


def site_build(config: Path, site: Path) -> Built:
    """Build as ``make site`` does (``accountplan build --fail-on error``): errors and site defects fail,
    the method's warnings are logged and never block."""
    command = [sys.executable, "-m", "generator", "--config", str(config), "build", "--fail-on", "error",
               "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, timeout=600)
    return Built(site, done.returncode, done.stdout + done.stderr)


def pinned_config(tmp: Path, parent: str) -> Path:
    """A config inheriting the repository's ``parent`` config with absolute paths and the build date pinned."""
    with open(REPO / parent, encoding="utf-8") as handle:
        parsed = yaml.safe_load(handle)
    plugin_options(parsed).update(accounts=str(REPO / "accounts"), today=TODAY)
    config = {"INHERIT": str(REPO / parent), "docs_dir": str(REPO / parsed.get("docs_dir", "docs")),
              "theme": {"custom_dir": str(REPO / "theme")}, "plugins": parsed["plugins"]}
    path = tmp / f"pinned-{parent}"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path
