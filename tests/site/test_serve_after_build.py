"""``make serve`` started after a build: its first build indexes the pages with the build's carried search sections.

A real ``mkdocs build`` of the sample fills the user's cache; a real ``mkdocs serve --dirty`` then
builds every page (no server kept HTML yet) and must write the very pages and search index a server
starting from an empty cache writes, while walking no page the build already walked.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from kept_sites import cold_server_site, kept_site
from test_incremental import _project

from generator.mkdocs_plugin import preview
from tests.bench.serve import free_port, serving, start

TIMEOUT = 600
CARRIED = re.compile(r"search sections of (\d+) pages carried over from the previous build")


def test_a_server_after_a_build_uses_its_search_sections_and_serves_what_a_cold_server_serves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file = _project(tmp_path)
    accounts = str(tmp_path / "accounts")
    cache = str(tmp_path / "cache")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": cache}
    env.pop("ACCOUNTPLAN_CACHE", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)], env=env, check=True,
                   capture_output=True)
    log = tmp_path / "serve.log"
    port = free_port()
    with serving(config_file, env, log, port=port) as server:
        assert start(server, accounts, TIMEOUT) is not None, log.read_text(encoding="utf-8")[-3000:]
    carried = [int(n) for n in CARRIED.findall(log.read_text(encoding="utf-8"))]
    assert carried and carried[0] > 10, log.read_text(encoding="utf-8")[-3000:]  # the build's sections were used
    monkeypatch.setenv("XDG_CACHE_HOME", cache)
    after_build = kept_site(Path(str(preview.site_folder(str(config_file), "en"))))
    restart_log = tmp_path / "restart.log"  # the next start rebuilds nearly nothing: the sections are not read
    with serving(config_file, env, restart_log, port=port) as server:
        assert start(server, accounts, TIMEOUT) is not None, restart_log.read_text(encoding="utf-8")[-3000:]
    assert not CARRIED.search(restart_log.read_text(encoding="utf-8"))

    cold = cold_server_site(config_file, env, accounts, port, tmp_path, monkeypatch, CARRIED)
    assert after_build.keys() == cold.keys()
    assert [k for k in cold if after_build[k] != cold[k]] == []
