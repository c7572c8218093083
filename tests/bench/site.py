"""Temporary MkDocs projects over a generated corpus, and the edit-to-preview measure under ``mkdocs serve``.

Two projects share the repository's ``mkdocs.yml``, theme and docs:

* *plugin*: the ``accountplan`` plugin generates the pages during the build (the real site);
* *static*: the same pages written out once by ``accountplan render --out`` and built by
  plain MkDocs without the plugin — the baseline of B3.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from ..mkdocs_config import plugin_options, without_plugin
from .serve import edit, serving, start

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-27"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACCOUNTPLAN_CACHE": "off", "PYTHONHASHSEED": "0"}


def make_project(work: Path, accounts: str, *, plugin: bool) -> Path:
    """Write ``work/mkdocs.yml`` and ``work/docs``; returns the config file. The static one renders its pages."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(REPO / "docs", work / "docs", ignore=shutil.ignore_patterns("benchmarks.md", "*.png"))
    with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
        config: dict[str, Any] = yaml.safe_load(handle)
    config.update(docs_dir=str(work / "docs"), site_dir=str(work / "site"))
    config["theme"]["custom_dir"] = str(REPO / "theme")
    plugin_options(config).update(accounts=accounts, today=TODAY)
    config_file = work / "mkdocs.yml"
    # The static project renders with the plugin's settings first, then drops the plugin.
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if not plugin:
        subprocess.run([sys.executable, "-m", "generator", "--config", str(config_file), "render",
                        "--out", str(work / "docs"), "--today", TODAY],
                       env=ENV, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        without_plugin(config)
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


def build_command(config_file: Path) -> list[str]:
    """``mkdocs build`` of a project, as a command line."""
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)]


def publish_command(config_file: Path) -> list[str]:
    """``accountplan build`` of a project, as ``make site`` and the workflows run it (atomic, carried-over site)."""
    return [sys.executable, "-m", "generator", "--config", str(config_file), "build", "-q", "--fail-on", "never"]


def edit_to_preview(config_file: Path, accounts: str, *, dirty: bool, log: Path,
                    startup_timeout: float = 3600, edit_timeout: float = 1800) -> dict[str, float | None]:
    """Start ``mkdocs serve``, edit one dossier, and time until its page shows the edit.

    Returns ``startup`` (seconds until the site is served) and ``preview`` (seconds from the
    save to the changed page being served), ``None`` for a step that timed out.
    """
    # As a user runs it: the load cache (the user's cache folder, empty for a new project) is on.
    env = {k: v for k, v in ENV.items() if k != "ACCOUNTPLAN_CACHE"}
    with serving(config_file, env, log, dirty=dirty) as server:
        startup = start(server, accounts, startup_timeout)
        preview = edit(server, accounts, edit_timeout)[0] if startup is not None else None
    return {"startup": startup, "preview": preview}
