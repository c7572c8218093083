"""A merge build with the previous build's cache restored (issue 18, P2) writes what a cold build writes.

Real ``mkdocs build`` processes in tmp folders, as CI runs them: build A fills the cache folder
(``$ACCOUNTPLAN_CACHE``), one account is edited, build B in a new process finds A's sealed
account memo and renders only what changed, and a cold build C of the edited tree with an empty
cache gives the same bytes in every file. The folder still works copied elsewhere (as
``actions/cache`` restores it), and a blob not sealed with the user's key is never unpickled.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
from pathlib import Path

import pytest
from sitebuild import mkdocs_build
from test_incremental import _project  # the sample copied with a pinned config (its site_dir is overridden by -d)

from generator import usercache
from generator.incremental import carried
from generator.incremental import store as page_store

EDITED = "atlas-freight"
CARRIED = re.compile(r"accountplan: (\d+) of (\d+) account and person pages carried over")


def _build(config: Path, site: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """One build in its own process with ``cache`` as the user's cache; pages carried over and pages in all."""
    monkeypatch.setenv(usercache.ENVIRONMENT, str(cache))
    built = mkdocs_build(config, site)
    assert built.returncode == 0, built.log
    found = CARRIED.search(built.log)
    assert found is not None, built.log
    return int(found.group(1)), int(found.group(2))


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same(one: Path, other: Path) -> None:
    ours, theirs = _files(one), _files(other)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert "search/search_index.json" in ours and "sitemap.xml" in ours


def _edit(accounts: Path) -> None:
    path = accounts / EDITED / "account.md"
    text = path.read_text(encoding="utf-8")
    assert "name: Atlas Freight Lines\n" in text
    path.write_text(text.replace("name: Atlas Freight Lines\n", "name: Atlas Freight Carriers\n", 1), encoding="utf-8")


def _blob(cache: Path, config: Path) -> Path:
    """The sealed memo file of the site's English build in the cache folder ``cache``."""
    store = Path(page_store.store_for(str(config), "en"))
    project = Path(usercache.project_cache(str(config)) or "")
    return cache / project.name / store.relative_to(project) / carried.CARRIED


def test_a_carried_cache_builds_what_a_cold_build_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    first = tmp_path / "cache-a"
    hits, total = _build(config, tmp_path / "site-a", first, monkeypatch)
    assert hits == 0 and total > 10
    restored = tmp_path / "restored" / "cache"  # as actions/cache puts it back: another path, same files
    shutil.copytree(first, restored)
    _edit(tmp_path / "project" / "accounts")

    hits, total = _build(config, tmp_path / "site-b", restored, monkeypatch)
    assert 0 < hits < total  # the edited account (and what shows it) rendered again, the rest carried over
    cold_hits, cold_total = _build(config, tmp_path / "site-c", tmp_path / "cache-c", monkeypatch)
    assert cold_hits == 0 and cold_total == total
    _same(tmp_path / "site-b", tmp_path / "site-c")
    assert "Atlas Freight Carriers" in (tmp_path / "site-b" / "accounts" / EDITED / "index.html").read_text("utf-8")

    again, _ = _build(config, tmp_path / "site-d", restored, monkeypatch)  # B's memo, carried to the next build
    assert again == total
    _same(tmp_path / "site-d", tmp_path / "site-c")


class _Planted:
    """Unpickling this creates the marker file: proof that a blob was unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_tampered_or_planted_memo_is_rebuilt_never_unpickled(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    _build(config, tmp_path / "site-a", cache, monkeypatch)
    monkeypatch.setenv(usercache.ENVIRONMENT, str(cache))
    blob = _blob(cache, config)
    data = blob.read_bytes()
    assert data.startswith(usercache.MAGIC)
    blob.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit of the payload: the tag no longer matches
    hits, _ = _build(config, tmp_path / "site-b", cache, monkeypatch)
    assert hits == 0
    _same(tmp_path / "site-a", tmp_path / "site-b")

    marker = tmp_path / "unpickled"
    planted = usercache.MAGIC + os.urandom(32) + pickle.dumps(_Planted(marker))
    blob.write_bytes(planted)
    hits, _ = _build(config, tmp_path / "site-c", cache, monkeypatch)
    assert hits == 0 and not marker.exists()
    _same(tmp_path / "site-a", tmp_path / "site-c")
