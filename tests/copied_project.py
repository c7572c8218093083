"""A copy of this repository's project (settings and accounts) in a temporary folder, and the command line run
in it as a user runs it: a subprocess, in a folder of the copy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def copy_project(tmp_path: Path) -> Path:
    """``tmp_path/project`` holding a copy of ``mkdocs.yml`` and ``accounts/``."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "accounts", project / "accounts")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    return project


def run_in(cwd: Path, *words: str) -> subprocess.CompletedProcess[str]:
    """``accountplan WORDS`` run in ``cwd``, its output captured."""
    return subprocess.run([sys.executable, "-m", "generator", *words], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
                          timeout=120)
