"""A local HTTP server on 127.0.0.1 serving fixture pages: the source tests never touch the internet.

Every test that resolves a host name goes through :func:`no_dns`, which answers numeric
addresses itself and fails every name, so no lookup leaves the machine either.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from generator.sources import fetch

DATED = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Helios to cut network cost by a fifth | Telecom Weekly</title>
<meta property="og:title" content="Helios to cut network cost by a fifth">
<meta property="og:site_name" content="Telecom Weekly">
<meta property="article:published_time" content="2026-03-12T08:30:00+01:00">
<script>track("page")</script><style>p {color: red}</style>
</head><body><nav>Home · News · Markets</nav>
<main><h1>Helios to cut network cost by a fifth</h1>
<p>The CFO told investors that network operating cost will fall 20% by 2028.</p></main>
<footer>© Telecom Weekly</footer></body></html>
"""

UNDATED = """<!doctype html><html><head><title>  Helios   investor
relations  </title></head><body><p>Quarterly results and presentations.</p></body></html>"""

SLOW_SECONDS = 2.0
"""How long /slow waits before answering: longer than the tests' client timeout, and bounded."""


@dataclass
class Fixture:
    """The running server: its base URL, pages that tests may change, and what it saw."""

    base: str
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Path to (content type, body), served with 200."""
    active: int = 0
    peak: dict[str, int] = field(default_factory=dict)
    """Most requests served at once, per path prefix."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        """The full URL of ``path`` on the server."""
        return self.base + path


def _handler(fixture: Fixture) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:
            path, _, _ = self.path.partition("?")
            with fixture.lock:
                fixture.active += 1
                fixture.peak[path] = max(fixture.peak.get(path, 0), fixture.active)
            self.counted = True
            try:
                self.route(path)
            finally:
                self.done()

        def done(self) -> None:
            """The request no longer counts as active: before its answer is written, so that a client that has
            read the answer and starts its next request never finds this one still counted (a loaded machine
            could deschedule this thread between writing and counting down: a peak of 3 for a limit of 2)."""
            if self.counted:
                self.counted = False
                with fixture.lock:
                    fixture.active -= 1

        def route(self, path: str) -> None:
            if path in fixture.pages:
                kind, body = fixture.pages[path]
                self.send(200, body, kind)
            elif path == "/redirect":
                self.send(302, b"", "text/plain", Location="/dated.html")
            elif path == "/redirect-chain":
                self.send(301, b"", "text/plain", Location=fixture.url("/redirect"))
            elif path == "/loop":
                self.send(302, b"", "text/plain", Location="/loop")
            elif path == "/to-ftp":
                self.send(302, b"", "text/plain", Location="ftp://127.0.0.1/file")
            elif path == "/error":
                self.send(500, b"oops", "text/plain")
            elif path == "/slow":
                time.sleep(SLOW_SECONDS)
                self.send(200, DATED.encode(), "text/html")
            elif path == "/busy":
                time.sleep(0.3)
                self.send(200, DATED.encode(), "text/html")
            elif path == "/huge":
                self.send(200, b"<html><body>" + b"x" * 300_000 + b"</body></html>", "text/html")
            elif path == "/gzip":
                self.send(200, gzip.compress(DATED.encode()), "text/html; charset=utf-8",
                          **{"Content-Encoding": "gzip"})
            elif path == "/gzip-bomb":
                self.send(200, gzip.compress(b" " * 5_000_000), "text/html", **{"Content-Encoding": "gzip"})
            else:
                self.send(404, b"<h1>Not found</h1>", "text/html")

        def send(self, status: int, body: bytes, kind: str, **headers: str) -> None:
            self.done()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (size cap)
                self.wfile.write(body)

    return Handler


@pytest.fixture
def server() -> Iterator[Fixture]:
    """The fixture server, on a free port of 127.0.0.1, stopped after the test."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    httpd.daemon_threads = True
    fixture = Fixture(f"http://127.0.0.1:{httpd.server_address[1]}")
    fixture.pages.update({
        "/dated.html": ("text/html; charset=utf-8", DATED.encode()),
        "/undated.html": ("text/html", UNDATED.encode()),
        "/report.pdf": ("application/pdf", b"%PDF-1.4\n% fixture\n"),
    })
    httpd.RequestHandlerClass = _handler(fixture)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield fixture
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def no_dns(host: str, port: int, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
    """getaddrinfo for numeric addresses only; every name fails as if it did not exist."""
    try:
        return socket.getaddrinfo(host, port, *args, flags=socket.AI_NUMERICHOST, **kwargs)
    except socket.gaierror:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None


@pytest.fixture(autouse=True)
def _offline_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "resolve", no_dns)
