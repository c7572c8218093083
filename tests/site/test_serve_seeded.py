"""``make serve`` after ``make site``: the server's first build starts from the site ``accountplan build`` carried.

A real ``accountplan build`` of the sample fills the user's cache with its carried site; a real
``mkdocs serve --dirty`` started on an empty kept folder then takes every page whose content is
unchanged from it, and must serve the very pages and search index a server starting from an empty
cache writes. A dossier edited between the build and the server's start is rebuilt, and a save
while serving still shows.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from kept_sites import cold_server_site, kept_site
from test_incremental import REPO, _project

from generator.mkdocs_plugin import preview
from tests.bench.serve import first_account, free_port, serving, shows, start

TIMEOUT = 600
SEEDED = re.compile(r"(\d+) of (\d+) pages carried over from the previous build's site")


def _build(config_file: Path, env: dict[str, str]) -> None:
    """``make site``'s build: ``accountplan build``, which carries its site over in the user's cache."""
    subprocess.run([sys.executable, "-m", "generator", "--config", str(config_file), "build", "-q",
                    "--fail-on", "never", "--site-dir", str(config_file.parent / "built")],
                   env=env, check=True, capture_output=True)


def _rename(dossier: Path, name: str) -> None:
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(re.sub(r"^name: .*$", f"name: {name}", text, count=1, flags=re.M), encoding="utf-8")


def _with_a_draft(config_file: Path) -> None:
    """The project with its own copy of the docs and a draft page: a server builds and indexes it, a build not."""
    docs = config_file.parent / "docs"
    shutil.copytree(REPO / "docs", docs)
    (docs / "drafts").mkdir()
    (docs / "drafts" / "wip.md").write_text("# Work in progress\n\nA draft only the preview shows.\n", encoding="utf-8")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), draft_docs="drafts/\n")
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def _locations(kept: Path) -> list[str]:
    """Every entry's address in the kept site's search index, sorted (a page listed twice shows twice)."""
    index = json.loads((kept / "search" / "search_index.json").read_bytes())
    return sorted(str(entry["location"]) for entry in index["docs"])


def _pages_indexed(kept: Path) -> set[str]:
    return {location.split("#")[0] for location in _locations(kept)}


@pytest.mark.parametrize(("edited", "stale", "draft"), [(False, False, False), (True, False, False),
                                                         (False, True, False), (False, False, True)],
                         ids=["unchanged", "edited-before-start", "after-a-server-of-other-code", "with-a-draft"])
def test_a_server_after_a_build_starts_from_its_site_and_serves_what_a_cold_server_serves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edited: bool, stale: bool, draft: bool) -> None:
    """``stale``: a server of other code left the kept folder (its stamp differs): emptied, then restored at the
    first build's ``on_files``, not while it gathers. ``draft``: a page only the server builds, in its index."""
    config_file = _project(tmp_path)
    if draft:
        _with_a_draft(config_file)
    accounts = str(tmp_path / "accounts")
    cache = str(tmp_path / "cache")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": cache}
    env.pop("ACCOUNTPLAN_CACHE", None)
    _build(config_file, env)
    slug, dossier = first_account(accounts)
    if edited:
        _rename(Path(dossier), "Renamed Before The Server Started")
    at_start = Path(dossier).read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", cache)
    kept = Path(str(preview.site_folder(str(config_file), "en")))
    if stale:
        (kept / "accounts").mkdir(parents=True)
        (kept / "accounts" / "gone.html").write_text("<html>", encoding="utf-8")
        Path(preview.stamp_path(str(kept))).write_text("a server of other code\n", encoding="utf-8")
    log = tmp_path / "serve.log"
    port = free_port()
    with serving(config_file, env, log, port=port) as server:
        assert start(server, accounts, TIMEOUT) is not None, log.read_text(encoding="utf-8")[-3000:]
        seeded = SEEDED.findall(log.read_text(encoding="utf-8"))
        assert seeded, log.read_text(encoding="utf-8")[-3000:]
        carried, pages = int(seeded[0][0]), int(seeded[0][1])
        # The edited account's page and every page listing its name are built; the rest is the build's.
        assert (pages - 15 < carried < pages - 1) if edited else carried == pages, seeded
        served = kept_site(kept)
        assert not (kept / "accounts" / "gone.html").exists()
        indexed, locations = _pages_indexed(kept), _locations(kept)
        assert len(indexed) > 30 and ("drafts/wip/" in indexed) == draft
        other = sorted(kept.glob("accounts/*/index.html"))[-1]  # an account the save below does not touch
        before = other.stat().st_mtime_ns
        index_written = (kept / "search" / "search_index.json").stat().st_mtime_ns
        _rename(Path(dossier), "Saved While Serving")  # a save after the start still shows
        assert server.wait_for(f"/accounts/{slug}/", shows("Saved While Serving"), server.started, TIMEOUT,
                               interval=0.2) is not None, log.read_text(encoding="utf-8")[-3000:]
        assert other.stat().st_mtime_ns == before  # a restored page is not built again by the next save
        # The search plugin keeps its index for the saves (--dirty): the carried pages' entries stay in it, and each
        # page the save rebuilt is listed once (Material's own merge listed all but the first twice).
        deadline = time.monotonic() + TIMEOUT
        while (kept / "search" / "search_index.json").stat().st_mtime_ns == index_written:
            assert time.monotonic() < deadline, "the save's build never wrote the search index"
            time.sleep(0.2)
        time.sleep(0.5)  # written whole (MkDocs writes the file in one call; this is margin, not a condition)
        assert _locations(kept) == locations
    Path(dossier).write_bytes(at_start)  # the cold server sees what the first one started from
    cold = cold_server_site(config_file, env, accounts, port, tmp_path, monkeypatch, SEEDED)
    assert served.keys() == cold.keys()
    assert [k for k in cold if served[k] != cold[k]] == []
