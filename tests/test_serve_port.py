"""``make serve`` on a port another preview holds: a sentence saying what to do, not MkDocs' traceback."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator.mkdocs_plugin import port

REPO = Path(__file__).resolve().parents[1]


def test_a_taken_address_is_refused_with_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        address = f"127.0.0.1:{other.getsockname()[1]}"
        assert port.main([address]) == 1
        said = capsys.readouterr().err
        assert f"{address} is already in use" in said and "-a 127.0.0.1:8002" in said
        assert port.main([address, "--lang", "zh"]) == 1
        said = capsys.readouterr().err
        assert address in said and "已被占用" in said and "In use" not in said
    assert port.main([address]) == 0  # free again once the other server stops
    assert capsys.readouterr().err == ""


def test_the_check_runs_as_a_command_and_says_nothing_when_free() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{free.getsockname()[1]}"
    done = subprocess.run([sys.executable, "-m", "generator.mkdocs_plugin.port", address], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout == done.stderr == ""


def test_make_serve_checks_the_address_it_serves_on() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target, address in (("serve", "127.0.0.1:8000"), ("serve-zh", "127.0.0.1:8001")):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
        assert recipe is not None, target
        check, serve = recipe.group(1).splitlines()
        assert f"-m generator.mkdocs_plugin.port {address}" in check
        assert "mkdocs serve" in serve and f"-a {address}" in serve
