"""A second generator kept working: the `render --out` pages built by Zensical (Material for MkDocs' successor).

Zensical reads ``mkdocs.yml`` but runs no MkDocs plugins, so the pages come from
``accountplan render --out docs``. Its search index refuses a field past a limit that shrinks as
the index grows (64 KiB at 13,625 entries, 512 KiB at 1,257): the portfolio page's table, one
search entry holding a row per account, passed it at about 1,000 accounts. The portfolio-wide
blocks are kept out of the index (``data-search-exclude``), so every entry is sized by one
account or one person, never by the portfolio.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.render.theme_files import theme_dir

pytest.importorskip("zensical", reason="Zensical is not installed (pip install zensical; the test extras include it)")

REPO = Path(__file__).resolve().parents[2]
SEARCH = "  - search:\n      lang: [en, zh]\n      separator: '[\\s\\u200b\\u3000\\-、。，．？！；：（）]+'\n"
LIMIT = 524288
"""Zensical's search-field limit for an index of about 1,250 entries, as the corpus below makes (0.0.73)."""


def zensical_project(folder: Path) -> Path:
    """``folder`` as a Zensical project: this repository's ``mkdocs.yml`` without the plugin, its docs, the theme."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  (- )?accountplan:\n(    .*\n)*", "", config)  # either form of plugins
    config = config.replace("custom_dir: theme", f"custom_dir: {theme_dir()}")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "docs", folder / "docs", ignore=shutil.ignore_patterns("screenshots"))
    return folder


def build(folder: Path) -> Path:
    """Run ``zensical build`` in ``folder``; the site folder."""
    done = subprocess.run([sys.executable, "-m", "zensical", "build"], cwd=folder, capture_output=True, text=True,
                          timeout=1800, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "site"


def account_pages(site: Path, accounts: Path) -> list[str]:
    """The account folders that have no page in the built site."""
    slugs = [p.name for p in accounts.iterdir() if p.is_dir()]
    assert slugs
    return [s for s in slugs if not (site / "accounts" / s / "index.html").is_file()]


def test_the_sample_builds_with_zensical(tmp_path: Path) -> None:
    project = zensical_project(tmp_path)
    assert main(["--config", str(REPO / "mkdocs.yml"), "render", "--out", str(project / "docs"),
                 "--today", "2026-11-27"]) == 0
    site = build(project)
    assert account_pages(site, REPO / "accounts") == []
    assert (site / "team" / "index.html").is_file() and (site / "rules" / "index.html").is_file()
    assert "accountplan.css" in (site / "accounts" / "atlas-freight" / "index.html").read_text(encoding="utf-8")


def long_named_corpus(root: Path, n: int = 120, words: int = 800) -> Path:
    """``n`` accounts whose names hold ``words`` distinct words: a portfolio table of ~6 KB per row."""
    (root / "accounts").mkdir(parents=True)
    (root / "accounts" / "roster.yml").write_text(
        "people:\n  - {id: p-ann, name: Ann Lee, title: Account manager}\n", encoding="utf-8")
    for i in range(n):
        name = f"Account {i:04d} " + " ".join(f"w{i}x{j}" for j in range(words))
        (root / "accounts" / f"acct-{i:04d}").mkdir()
        (root / "accounts" / f"acct-{i:04d}" / "account.md").write_text(
            f"---\nname: {name}\ntier: C\nindustry: Retail\nregion: North\nmarket: mature\ncurrency: EUR\n---\n",
            encoding="utf-8")
    return root / "accounts"


def test_a_portfolio_past_the_search_limit_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = zensical_project(tmp_path)
    accounts = long_named_corpus(tmp_path)
    monkeypatch.chdir(project)
    assert main(["--config", "", "render", "--out", "docs", "--today", "2026-11-27"]) == 0
    table = (project / "docs" / "accounts" / "index.md").read_text(encoding="utf-8")
    assert len(table.encode("utf-8")) > LIMIT, "the corpus must reach the limit the portfolio page once broke"
    site = build(project)
    assert account_pages(site, accounts) == []
    entries = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    portfolio = [e for e in entries if e["location"].startswith(("accounts/", "portfolio/", "team/"))
                 and not e["location"].startswith("accounts/acct-")]
    assert {e["location"].split("/")[0] for e in portfolio} == {"accounts", "portfolio", "team"}
    assert max(len(e["text"].encode("utf-8")) for e in portfolio) < 4096
