"""A merge build with the previous build's *site* carried over writes what a cold build writes (issue 18, P2).

Real ``accountplan build --fail-on error`` processes in tmp folders, as ``make site`` runs them in CI:
build A fills the cache folder (``$ACCOUNTPLAN_CACHE``), one account is edited, build B in a new
process restores A's site from the cache and lets MkDocs rebuild only the pages whose text changed
(:mod:`generator.incremental.site`), and a cold build C of the edited tree with an empty cache gives
the same bytes in every file: pages, search index, sitemap. A carried copy changed behind the
manifest's back is not used, and a change of the page set or the navigation builds every page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import site_build
from test_carried_cache import EDITED, _edit, _same
from test_incremental import _project  # the sample copied with a pinned config

from generator import usercache
from generator.incremental import site as carried_site

CARRIED = re.compile(r"accountplan: (\d+) of (\d+) pages carried over from the previous build's site")


def _build(config: Path, site: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """One ``accountplan build`` in its own process with ``cache`` as the user's cache; pages not rebuilt."""
    monkeypatch.setenv(usercache.ENVIRONMENT, str(cache))
    built = site_build(config, site)
    assert built.returncode == 0, built.log
    found = CARRIED.search(built.log)
    if found is None:
        assert "Building documentation" in built.log or "built " in built.log, built.log
        return 0
    return int(found.group(1))


def _tree(cache: Path) -> Path:
    """The carried site's copy in the cache folder ``cache`` (there is one site: the English build)."""
    [tree] = list(cache.glob(f"*/{carried_site.FOLDER}/*/{carried_site.TREE}"))
    return tree


def test_a_carried_site_is_the_cold_build_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    first = tmp_path / "cache-a"
    assert _build(config, tmp_path / "site-a", first, monkeypatch) == 0
    restored = tmp_path / "restored" / "cache"  # as actions/cache puts it back: another path, same files
    shutil.copytree(first, restored)
    _edit(tmp_path / "project" / "accounts")

    skipped = _build(config, tmp_path / "site-b", restored, monkeypatch)
    pages = len(list((tmp_path / "site-a").rglob("index.html")))
    assert 0 < skipped < pages  # the edited account and the pages listing it rebuilt, the rest carried over
    assert _build(config, tmp_path / "site-c", tmp_path / "cache-c", monkeypatch) == 0
    _same(tmp_path / "site-b", tmp_path / "site-c")
    assert "Atlas Freight Carriers" in (tmp_path / "site-b" / "accounts" / EDITED / "index.html").read_text("utf-8")
    index = (tmp_path / "site-b" / "search" / "search_index.json").read_text("utf-8")
    assert "Atlas Freight Carriers" in index and "Borealis" in index  # rebuilt and carried entries alike

    again = _build(config, tmp_path / "site-d", restored, monkeypatch)  # B's site, carried to the next build
    assert again > skipped
    _same(tmp_path / "site-d", tmp_path / "site-c")


def test_a_changed_copy_in_the_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    _build(config, tmp_path / "site-a", cache, monkeypatch)
    page = _tree(cache) / "accounts" / "borealis-bank" / "index.html"
    page.write_text(page.read_text("utf-8").replace("Borealis", "Planted"), encoding="utf-8")
    assert _build(config, tmp_path / "site-b", cache, monkeypatch) == 0  # a cold build, not the planted page
    _same(tmp_path / "site-a", tmp_path / "site-b")
    assert "Planted" not in (tmp_path / "site-b" / "accounts" / "borealis-bank" / "index.html").read_text("utf-8")


def test_a_removed_account_or_a_changed_navigation_builds_every_page(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    _build(config, tmp_path / "site-a", cache, monkeypatch)
    shutil.rmtree(tmp_path / "project" / "accounts" / "lumen-retail")
    assert _build(config, tmp_path / "site-b", cache, monkeypatch) == 0
    assert not (tmp_path / "site-b" / "accounts" / "lumen-retail").exists()
    _build(config, tmp_path / "site-c", tmp_path / "cold-c", monkeypatch)
    _same(tmp_path / "site-b", tmp_path / "site-c")

    text = config.read_text("utf-8")  # the same pages under another title in the navigation
    config.write_text(text + "nav:\n  - Start: index.md\n  - Rules: rules.md\n", encoding="utf-8")
    assert _build(config, tmp_path / "site-d", cache, monkeypatch) == 0  # another signature: a cold build
    _build(config, tmp_path / "site-e", tmp_path / "cold-e", monkeypatch)
    _same(tmp_path / "site-d", tmp_path / "site-e")


def _run(config: Path, site: Path, cache: Path, fail_on: str) -> tuple[int, str]:
    """``accountplan build --fail-on FAIL_ON`` in its own process; exit status and log."""
    command = [sys.executable, "-m", "generator", "--config", str(config), "build", "--fail-on", fail_on,
               "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", usercache.ENVIRONMENT: str(cache)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    return done.returncode, done.stdout + done.stderr


def test_a_warning_about_a_page_not_rebuilt_is_logged_and_fails_again(tmp_path: Path) -> None:
    config = _project(tmp_path / "project")
    accounts = tmp_path / "project" / "accounts"
    dossier = accounts / "borealis-bank" / "account.md"
    dossier.write_text(dossier.read_text("utf-8") + "\nSee [the old plan](../../nowhere/).\n", encoding="utf-8")
    cache = tmp_path / "cache"
    status, first = _run(config, tmp_path / "site-a", cache, "never")
    warning = "accounts/borealis-bank/index.md: link to '../../nowhere/' leads to no page or file of the site"
    assert status == 0 and warning in first, first
    _edit(accounts)
    status, merged = _run(config, tmp_path / "site-b", cache, "never")
    assert status == 0 and CARRIED.search(merged) and warning in merged, merged  # not rebuilt, still reported
    status, failed = _run(config, tmp_path / "site-c", cache, "error")
    assert status == 1 and CARRIED.search(failed) and warning in failed, failed  # fails as a cold build does
