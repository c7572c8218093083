"""A minimal own-repository config (``theme: mkdocs`` or ``readthedocs``, ``plugins: [search, accountplan]``) builds.

MkDocs' own search plugin takes over ``search`` under a theme other than Material; its index has no ``page``
argument, so the plugin's direct indexing (``generator.mkdocs_plugin.direct``) leaves those sites to it, which
crashed the build with a ``TypeError`` before.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONFIG = "site_name: Minimal\ntheme:\n  name: {theme}\nplugins:\n  - search\n  - accountplan\n"


@pytest.mark.parametrize("theme, command", [("mkdocs", ["-m", "generator", "build", "--quiet"]),
                                            ("mkdocs", ["-m", "mkdocs", "build", "-q"]),
                                            ("readthedocs", ["-m", "mkdocs", "build", "-q"])])
def test_a_builtin_theme_builds_the_sample_accounts(tmp_path: Path, theme: str, command: list[str]) -> None:
    shutil.copytree(REPO / "accounts", tmp_path / "accounts")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(theme=theme), encoding="utf-8")
    done = subprocess.run([sys.executable, *command], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          check=False, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ACCOUNTPLAN_CACHE": "off"})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    page = tmp_path / "site" / "accounts" / "northgate-ports" / "index.html"
    assert "Northgate" in page.read_text(encoding="utf-8")
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("accounts/northgate-ports/") for doc in index["docs"])  # MkDocs indexed it
