"""A build whose pages, HTML, search sections and rule checks are made in worker processes (issue 18, P1) writes,
file for file, what a build doing all of it in one process writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import REPO, pinned_config


def _build(config: Path, site: Path, workers: str, cache: str) -> dict[str, bytes]:
    return _built(config, site, workers, cache)[0]


def _built(config: Path, site: Path, workers: str, cache: str) -> tuple[dict[str, bytes], str]:
    """The site's files and the build's log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACCOUNTPLAN_WORKERS": workers, "ACCOUNTPLAN_CACHE": cache}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}, done.stderr


@pytest.mark.parametrize("cached", [False, True], ids=["no-cache", "fresh-cache"])
def test_workers_build_the_same_site_as_one_process(tmp_path: Path, cached: bool) -> None:
    config = pinned_config(tmp_path, "mkdocs.yml")
    serial = _build(config, tmp_path / "serial", "1", str(tmp_path / "cache-serial") if cached else "off")
    # With the cache on, the search sections the workers made are the ones kept for the next build.
    parallel = _build(config, tmp_path / "parallel", "2", str(tmp_path / "cache-parallel") if cached else "off")
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []
    assert "search/search_index.json" in serial and sum(n.startswith("accounts/") for n in serial) > 5


def test_workers_list_each_page_s_links_and_a_broken_one_is_reported_as_in_one_process(tmp_path: Path) -> None:
    # The worker that converts a page lists its links; the main process checks them (and the heavy blocks' own).
    accounts = tmp_path / "accounts"
    shutil.copytree(REPO / "accounts", accounts)
    for dossier in (accounts / "borealis-bank" / "account.md", accounts / "atlas-freight" / "account.md"):
        dossier.write_text(dossier.read_text("utf-8") + "\nSee [the old plan](../../nowhere/).\n", encoding="utf-8")
    config = pinned_config(tmp_path, "mkdocs.yml")
    config.write_text(config.read_text("utf-8").replace(str(REPO / "accounts"), str(accounts)), encoding="utf-8")
    logs = {workers: _built(config, tmp_path / f"site-{workers}", workers, "off")[1] for workers in ("1", "2")}
    for account in ("borealis-bank", "atlas-freight"):
        warning = f"accounts/{account}/index.md: link to '../../nowhere/' leads to no page or file of the site"
        assert warning in logs["1"] and warning in logs["2"], logs["2"]
    assert logs["1"].count("leads to no page") == logs["2"].count("leads to no page") == 2


def test_the_number_of_workers_can_be_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render import parallel

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    monkeypatch.delenv(parallel.WORKERS, raising=False)
    assert parallel.workers(parallel.PARALLEL_THRESHOLD - 1) == 1
    assert parallel.workers(parallel.PARALLEL_THRESHOLD) == 2
    monkeypatch.setenv(parallel.WORKERS, "2")
    assert parallel.workers(3) == 2
    monkeypatch.setenv(parallel.WORKERS, "1")
    assert parallel.workers(10_000) == 1
    assert list(parallel.ahead(3, lambda i: i * i)) == [0, 1, 4]
    monkeypatch.setenv(parallel.WORKERS, "2")
    assert list(parallel.ahead(20, lambda i: i * i)) == [i * i for i in range(20)]
