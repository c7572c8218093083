"""``mkdocs serve`` as a user runs it, timed over HTTP: the first page after start-up, and a saved edit.

P3 (issue 18) asks how soon ``make serve`` (``mkdocs serve --dirty``) shows its first page at
N=1000 when a previous run left its cache, and how soon a saved edit shows. Each server is a
child process on a free port; a page counts as served when it answers 200 with the account's
name and the end of the document in it (the full page, not a partial write). Servers are
stopped with SIGINT, as Ctrl-C stops them, so that the plugin's shutdown hook runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> bytes | None:
    """The body of ``url`` when it answers 200, else ``None`` (not up yet, 404, refused)."""
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return bytes(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


@dataclass
class Server:
    """A running ``mkdocs serve`` child: its process, its address and when it was started."""

    process: subprocess.Popen[bytes]
    base: str
    started: float

    def wait_for(self, path: str, ready: Callable[[bytes], bool], since: float, timeout: float,
                 interval: float = 0.05) -> float | None:
        """Seconds from ``since`` until ``path`` is served with a body ``ready`` accepts; ``None`` on timeout."""
        while time.perf_counter() - since < timeout and self.process.poll() is None:
            body = fetch(self.base + path)
            if body is not None and ready(body):
                return time.perf_counter() - since
            time.sleep(interval)
        return None


@contextlib.contextmanager
def serving(config_file: Path, env: dict[str, str], log: Path, *, dirty: bool = True,
            port: int | None = None) -> Iterator[Server]:
    """Run ``mkdocs serve [--dirty]`` for the block; stop it with SIGINT (as Ctrl-C does) when the block ends.

    On ``port``, else on a free one. The address is part of the site (``site_url``), so servers
    that should reuse each other's pages run on one port, as ``make serve`` always does.
    """
    port = port or free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", f"127.0.0.1:{port}",
               *(["--dirty"] if dirty else [])]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=out, stdin=subprocess.DEVNULL, env=env)
        try:
            yield Server(process, f"http://127.0.0.1:{port}", time.perf_counter())
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Stop a server as Ctrl-C does, and wait for its shutdown (killed if it does not end in ``timeout``)."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def first_account(accounts: str) -> tuple[str, Path]:
    """The first account's slug and its ``account.md``."""
    slug = sorted(e.name for e in os.scandir(accounts) if e.is_dir())[0]
    return slug, Path(accounts) / slug / "account.md"


def shows(text: str) -> Callable[[bytes], bool]:
    """Whether a served page is complete and shows ``text`` (HTML-escaped as the theme writes it)."""
    wanted = text.replace("&", "&amp;").encode("utf-8")
    return lambda body: wanted in body and b"</html>" in body


def account_name(dossier: Path) -> str:
    """The ``name:`` of a dossier, unquoted."""
    found = re.search(r'^name: "?(.*?)"?$', dossier.read_text(encoding="utf-8"), flags=re.M)
    return found.group(1) if found else ""


def edit(server: Server, accounts: str, timeout: float, settle: float = 1.5) -> float | None:
    """Rename the first account and time until its served page shows the new name; the file is put back."""
    slug, dossier = first_account(accounts)
    original = dossier.read_bytes()
    time.sleep(settle)  # let the watcher settle after the build before
    marker = f"Edited {time.time_ns()}"
    text = original.decode("utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name: "))
    saved = time.perf_counter()
    try:
        dossier.write_text(text.replace(name_line, f'name: "{marker}"', 1), encoding="utf-8")
        return server.wait_for(f"/accounts/{slug}/", shows(marker), saved, timeout)
    finally:
        dossier.write_bytes(original)


def start(server: Server, accounts: str, timeout: float) -> float | None:
    """Seconds from starting the server until the first account's page is served in full."""
    slug, dossier = first_account(accounts)
    return server.wait_for(f"/accounts/{slug}/", shows(account_name(dossier)), server.started, timeout,
                           interval=0.2)


def preview_start(config_file: Path, accounts: str, env: dict[str, str], log: Path, *, edits: int = 3,
                  timeout: float = 3600) -> dict[str, float | None]:
    """P3: ``mkdocs serve --dirty`` started with the cache of an earlier run in ``env``'s cache folder.

    ``first``: the first page after the previous run was a ``mkdocs build`` (the caller ran it),
    ``again``: after a previous ``mkdocs serve --dirty`` of the same project was stopped, and
    ``preview``: the median seconds from saving a dossier to its page showing the change in that second server.
    """
    result: dict[str, float | None] = {"first": None, "again": None, "preview": None}
    port = free_port()
    with serving(config_file, env, log, port=port) as server:
        result["first"] = start(server, accounts, timeout)
    with serving(config_file, env, log, port=port) as server:
        result["again"] = start(server, accounts, timeout)
        if result["again"] is not None:
            times = [edit(server, accounts, timeout) for _ in range(edits)]
            done = sorted(t for t in times if t is not None)
            result["preview"] = done[len(done) // 2] if len(done) == len(times) else None
    return result
