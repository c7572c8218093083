"""``ACCOUNTPLAN_CACHE=off make serve`` keeps nothing: its generated pages live in a folder of its own, deleted when it
stops (docs/privacy.md). They were written to the default cache folder, ``~/.cache/accountplan``, caching off or not.

A real ``mkdocs serve --dirty`` of the sample portfolio, stopped with Ctrl-C as a user stops it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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


def test_a_forked_page_worker_ends_on_sigterm_as_by_default() -> None:
    """The server's handler stops the server; a page worker it forked ends as the default action would end it."""
    code = (
        "import os, signal, time\n"
        "from generator.termination import stop_on_termination\n"
        "stop_on_termination()\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    time.sleep(30)\n"
        "    os._exit(0)\n"
        "time.sleep(0.5)\n"
        "os.kill(child, signal.SIGTERM)\n"
        "_, status = os.waitpid(child, 0)\n"
        "print(os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM)\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(5)\n"
        "except KeyboardInterrupt:\n"
        "    print('stopped as by Ctrl-C')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.split("\n")[:2] == ["True", "stopped as by Ctrl-C"], done.stdout + done.stderr
