"""``make serve`` on a port another preview holds: a sentence saying what to do, not MkDocs' traceback."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import unittest.mock
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import usercache
from generator.mkdocs_plugin import port, serve_address

REPO = Path(__file__).resolve().parents[1]


def test_a_taken_address_is_refused_with_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        address = f"127.0.0.1:{other.getsockname()[1]}"
        assert port.main([address]) == 1
        said = capsys.readouterr().err
        assert f"{address} is already in use" in said and "mkdocs serve --dirty -a 127.0.0.1:8002" in said
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


def test_make_serve_checks_the_address_it_serves_on_and_advises_its_own_site() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target, address, site in (("serve", "127.0.0.1:8000", ""), ("serve-zh", "127.0.0.1:8001", "-f mkdocs.zh.yml")):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
        assert recipe is not None, target
        check, serve = recipe.group(1).splitlines()[-2:]
        assert f"-m generator.mkdocs_plugin.port {address}" in check
        assert "mkdocs serve" in serve and f"-a {address}" in serve and site in serve
        instead = re.search(r'--instead "([^"]+)"', check)
        assert instead is not None and "$(BIN)/mkdocs serve --dirty" in instead.group(1) and site in instead.group(1)


@pytest.mark.parametrize("given", ["localhost", "127.0.0.1:", "127.0.0.1:70000", "127.0.0.1:0", ":8000", "x:y"])
def test_a_bad_address_is_a_usage_error_not_a_traceback(given: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        port.main([given])
    assert stopped.value.code == 2 and "expected HOST:PORT" in capsys.readouterr().err


def test_an_ipv6_address_is_checked_on_ipv6(capsys: pytest.CaptureFixture[str]) -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    try:
        other = socket.socket(socket.AF_INET6)
        other.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with other:
        other.listen()
        given = f"[::1]:{other.getsockname()[1]}"
        assert port.main([given]) == 1
        assert f"accountplan: {given} is already in use" in capsys.readouterr().err  # named as written


def _serve_on_a_taken_port(cache: Path, *config: str) -> tuple[int, subprocess.CompletedProcess[str]]:
    """``mkdocs serve`` (with ``config``, e.g. ``-f mkdocs.zh.yml``) on a port another socket listens on."""
    with _listening() as taken:
        done = subprocess.run([sys.executable, "-m", "mkdocs", "serve", *config, "-a", f"127.0.0.1:{taken}"],
                              cwd=REPO, capture_output=True, text=True, check=False, timeout=300,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", usercache.ENVIRONMENT: str(cache)})
    return taken, done


def test_a_bare_mkdocs_serve_on_a_taken_port_says_what_to_do_before_building(tmp_path: Path) -> None:
    # MkDocs binds after its first build: the plugin asks at the start of that build, not a traceback at its end.
    taken, done = _serve_on_a_taken_port(tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"accountplan: 127.0.0.1:{taken} is already in use" in done.stderr
    assert "mkdocs serve --dirty -a 127.0.0.1:" in done.stderr and "Building documentation" in done.stderr
    assert "carried over" not in done.stderr and "pages" not in done.stderr.split("already in use")[0]
    # The Chinese site's preview: the advice, in Chinese, previews that site.
    taken, done = _serve_on_a_taken_port(tmp_path, "-f", "mkdocs.zh.yml")
    assert done.returncode == 1 and f"127.0.0.1:{taken} 已被占用" in done.stderr, done.stderr
    assert "mkdocs serve --dirty -f mkdocs.zh.yml -a 127.0.0.1:" in done.stderr


def test_mkdocs_serve_clean_on_a_taken_port_says_what_to_do_too(tmp_path: Path) -> None:
    """``serve --clean`` tells plugins it is a ``build``, and binds only after the whole build all the same."""
    taken, done = _serve_on_a_taken_port(tmp_path, "--clean")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"accountplan: 127.0.0.1:{taken} is already in use" in done.stderr


@contextlib.contextmanager
def _listening() -> Iterator[int]:
    """A port another socket listens on, for the block."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_the_plugin_asks_once_a_process_and_only_a_server() -> None:
    with _listening() as taken:
        serve_address.note_startup("build")
        assert serve_address.taken("127.0.0.1", taken, "en") is None  # a build binds nothing
        serve_address.note_startup("serve")
        said = serve_address.taken("127.0.0.1", taken, "en")
        assert said is not None and f"127.0.0.1:{taken} is already in use" in said
        assert serve_address.taken("127.0.0.1", taken, "en") is None  # a later build: the server's own address


def test_the_advice_names_a_port_that_exists() -> None:
    with _listening() as taken:
        serve_address.note_startup("serve")
        said = serve_address.taken("127.0.0.1", taken, "en", "/x/mkdocs.zh.yml")
    assert said is not None
    suggested = int(said.rsplit(":", 1)[1])
    assert suggested != taken and 1024 <= suggested < 65536 and "-f " in said
    serve_address.note_startup("serve")
    with unittest.mock.patch.object(serve_address, "in_use", lambda host, port: True):  # nothing near is free
        assert serve_address.taken("127.0.0.1", 65535, "en").endswith("-a 127.0.0.1:PORT")
