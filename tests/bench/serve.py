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

    def cpu(self) -> float | None:
        """The server's CPU seconds so far (:func:`cpu_seconds`)."""
        return cpu_seconds(self.process.pid)


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU seconds of process ``pid`` so far, its reaped children included (Linux), else ``None``.

    On a machine shared with other work the wall time of a server says little; its CPU time
    says what it would take alone (it runs on one core, but for page workers on full builds).
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
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
        # A bench started in the background (``cmd &``) inherits SIGINT ignored, and one under nohup SIGHUP, and so
        # would the server: Ctrl-C and a closed terminal must reach it, or it is killed without its shutdown hook.
        process = subprocess.Popen(command, stdout=out, stderr=out, stdin=subprocess.DEVNULL, env=env,
                                   preexec_fn=_default_sigint if os.name == "posix" else None)
        try:
            yield Server(process, f"http://127.0.0.1:{port}", time.perf_counter())
        finally:
            stop(process)


def _default_sigint() -> None:
    """In the server's process, before it starts: SIGINT raises KeyboardInterrupt again and SIGHUP is not ignored,
    as in a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


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


def edit(server: Server, accounts: str, timeout: float, settle: float = 1.5) -> tuple[float | None, float | None]:
    """Rename the first account and time until its served page shows the new name; the file is put back.

    Gives the seconds and the server's CPU seconds from the save to the page (``None`` on timeout).
    After putting the file back it waits (untimed) for the page to lose the new name again, so that
    the next save is not timed behind the rebuild of this one's undoing.
    """
    slug, dossier = first_account(accounts)
    original = dossier.read_bytes()
    time.sleep(settle)  # let the watcher settle after the build before
    marker = f"Edited {time.time_ns()}"
    text = original.decode("utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name: "))
    cpu = server.cpu()
    saved = time.perf_counter()
    try:
        dossier.write_text(text.replace(name_line, f'name: "{marker}"', 1), encoding="utf-8")
        seconds = server.wait_for(f"/accounts/{slug}/", shows(marker), saved, timeout)
        after = server.cpu()
        return seconds, (after - cpu if seconds is not None and after is not None and cpu is not None else None)
    finally:
        dossier.write_bytes(original)
        undone = marker.encode("utf-8")
        server.wait_for(f"/accounts/{slug}/", lambda body: undone not in body and b"</html>" in body,
                        time.perf_counter(), timeout)


def start(server: Server, accounts: str, timeout: float) -> float | None:
    """Seconds from starting the server until the first account's page is served in full."""
    slug, dossier = first_account(accounts)
    return server.wait_for(f"/accounts/{slug}/", shows(account_name(dossier)), server.started, timeout,
                           interval=0.2)


def preview_start(config_file: Path, accounts: str, env: dict[str, str], log: Path, *, edits: int = 3,
                  timeout: float = 3600, port: int | None = None, after_build: bool = True) -> dict[str, float | None]:
    """P3: ``mkdocs serve --dirty`` started with the cache of an earlier run in ``env``'s cache folder.

    ``first``: the first page after the previous run was a build, ``make site``'s ``accountplan build``
    (the caller ran it; skipped without ``after_build``), and ``first_save`` the seconds from one save to
    its page showing it in that server; ``again``: after a previous ``mkdocs serve --dirty`` on the same
    ``port`` was stopped, and ``preview``: the median seconds from saving a dossier to its page showing the
    change in that second server. ``*_cpu``: the server's CPU seconds for the same (the median save's for
    ``preview``).
    """
    result: dict[str, float | None] = dict.fromkeys(
        ("first", "first_cpu", "first_save", "again", "again_cpu", "preview", "preview_cpu"))
    port = port or free_port()
    if after_build:
        with serving(config_file, env, log, port=port) as server:
            result["first"] = start(server, accounts, timeout)
            result["first_cpu"] = server.cpu()
            if result["first"] is not None:
                result["first_save"] = edit(server, accounts, timeout)[0]
    with serving(config_file, env, log, port=port) as server:
        result["again"] = start(server, accounts, timeout)
        result["again_cpu"] = server.cpu()
        if result["again"] is not None:
            saves = [edit(server, accounts, timeout) for _ in range(edits)]
            if saves and all(seconds is not None for seconds, _ in saves):
                result["preview"], result["preview_cpu"] = sorted(saves, key=lambda s: s[0] or 0)[len(saves) // 2]
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.bench.serve CONFIG ACCOUNTS --cache DIR [--port P] [--after-build]``: P3 of one project.

    Prints the figures of :func:`preview_start` as JSON. Without ``--after-build`` only the start after a
    previous server (which must have run on the same ``--port``: the address is part of the kept pages).
    """
    import argparse
    import json

    from .site import ENV

    p = argparse.ArgumentParser(prog="python -m tests.bench.serve")
    p.add_argument("config", type=Path)
    p.add_argument("accounts")
    p.add_argument("--cache", required=True, help="ACCOUNTPLAN_CACHE of the runs")
    p.add_argument("--port", type=int)
    p.add_argument("--after-build", action="store_true", help="also the start right after a build")
    p.add_argument("--log", type=Path, default=Path("/dev/null"))
    p.add_argument("--edits", type=int, default=3, help="saves of one dossier timed in the second server")
    p.add_argument("--timeout", type=float, default=3600, help="seconds to wait for a page")
    args = p.parse_args(argv)
    env = {**ENV, "ACCOUNTPLAN_CACHE": args.cache}
    found = preview_start(args.config, args.accounts, env, args.log, edits=args.edits, timeout=args.timeout,
                          port=args.port, after_build=args.after_build)
    print(json.dumps({**found, "load": os.getloadavg()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
