"""``ACCOUNTPLAN_CACHE=off make serve`` keeps nothing: its generated pages live in a folder of its own, deleted when it
stops (docs/privacy.md). They were written to the default cache folder, ``~/.cache/accountplan``, caching off or not.

A real ``mkdocs serve --dirty`` of the sample portfolio, stopped with Ctrl-C as a user stops it.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from test_incremental import _project

from tests.bench.serve import free_port, serving, start

TIMEOUT = 600


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "kill", "hang-up"])
def test_a_server_with_caching_off_leaves_no_file_behind(tmp_path: Path, stop: signal.Signals) -> None:
    """Stopped with Ctrl-C, ``kill`` or a closed terminal: each stops it as Ctrl-C does (``SIGKILL`` cannot be)."""
    config_file = _project(tmp_path)
    home, temporary = tmp_path / "home", tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACCOUNTPLAN_CACHE": "off", "HOME": str(home),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_STATE_HOME": str(home / ".state"), "TMPDIR": str(temporary)}
    log = tmp_path / "serve.log"
    with serving(config_file, env, log, port=free_port()) as server:
        assert start(server, str(tmp_path / "accounts"), TIMEOUT) is not None, log.read_text(encoding="utf-8")[-3000:]
        (own,) = temporary.glob("accountplan-*")  # the pages it serves from, readable by the user only
        assert any(own.rglob("*.md")) and own.stat().st_mode & 0o777 == 0o700
        assert any(temporary.glob("mkdocs_*"))  # MkDocs' own site folder: caching off, nothing is kept
        server.process.send_signal(stop)
        server.process.wait(timeout=TIMEOUT)
    assert not own.exists() and not any(temporary.glob("mkdocs_*"))
    assert [p for p in home.rglob("*") if p.is_file()] == []
