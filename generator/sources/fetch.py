"""Fetching one cited page, carefully: http(s) only, a timeout, a size cap, no cookies, no scripts.

The page is only ever read as data (its bytes are parsed, never run). Each connection is
made to an address checked first: loopback, private, link-local and other non-public
addresses are refused unless ``allow_private`` is set, and the check applies to the
address actually connected to (so a name cannot resolve to a public address when checked
and a private one when used), to every redirect too. Proxies from the environment are
not used: they would hide where a connection really goes. Every failure is a
:class:`FetchError` whose ``kind`` says what happened, never a traceback.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

USER_AGENT = "accountplan/0.1 (checks the sources an account plan cites)"
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
MAX_REDIRECTS = 5

Resolver = Callable[..., list[tuple[Any, ...]]]
resolve: Resolver = socket.getaddrinfo
"""How host names are resolved (tests replace it, so no lookup ever leaves the machine)."""


class FetchError(Exception):
    """A page that could not be fetched; ``kind`` is one of the keys of :data:`KINDS`."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


KINDS = {
    "status": "the server answered with an error status (4xx or 5xx)",
    "dns": "the host name does not resolve",
    "unreachable": "no connection could be made",
    "timeout": "no complete answer within the time limit",
    "tls": "the secure connection failed",
    "too-large": "the page is larger than the size limit",
    "refused": "the address or scheme is not allowed",
    "protocol": "the answer was not valid HTTP",
}
"""Every kind of :class:`FetchError`, with what it means."""
GONE = frozenset({"status", "dns"})
"""Kinds that mean the cited page is gone (not a passing network problem)."""


@dataclass(frozen=True)
class Page:
    """A fetched page."""

    url: str
    """Where it was finally found, after redirects."""
    content_type: str
    """Media type without parameters, lower-case (``text/html``)."""
    charset: str | None
    body: bytes

    @property
    def is_html(self) -> bool:
        """Whether the page is HTML (or XHTML)."""
        return self.content_type in ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Client:
    """Fetch settings; one instance may be used from several threads."""

    timeout: float = 15.0
    """Seconds for the whole fetch of one page, redirects included."""
    max_bytes: int = 5_000_000
    """Largest body read, after decompression."""
    allow_private: bool = False
    """Allow loopback and private addresses (for tests and intranet sources)."""

    def fetch(self, url: str) -> Page:
        """GET ``url``, following up to :data:`MAX_REDIRECTS` redirects; raises :class:`FetchError`."""
        deadline = time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            response, connection = self._request(url, deadline)
            try:
                location = response.getheader("Location")
                if response.status in (301, 302, 303, 307, 308) and location:
                    url = urljoin(url, location.strip())
                    continue
                if response.status >= 400:
                    raise FetchError("status", f"HTTP {response.status} {response.reason}".strip(), response.status)
                if response.status != 200:
                    raise FetchError("protocol", f"unexpected HTTP {response.status} {response.reason}".strip(),
                                     response.status)
                body = self._read(response, deadline)
                kind, _, params = (response.getheader("Content-Type") or "application/octet-stream").partition(";")
                return Page(url, kind.strip().lower(), _charset(params), body)
            finally:
                connection.close()
        raise FetchError("protocol", f"more than {MAX_REDIRECTS} redirects")

    def _request(self, url: str, deadline: float) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("refused", f"only http and https addresses are fetched, not '{url[:80]}'")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            raise FetchError("refused", f"'{url[:80]}' has an invalid port") from None
        remaining = max(deadline - time.monotonic(), 0.01)
        connection: http.client.HTTPConnection
        if scheme == "https":
            connection = http.client.HTTPSConnection(parts.hostname, port, timeout=remaining,
                                                     context=ssl.create_default_context())
        else:
            connection = http.client.HTTPConnection(parts.hostname, port, timeout=remaining)
        connection._create_connection = self._connect  # type: ignore[attr-defined]
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT,
                                                     "Accept-Encoding": "gzip, deflate", "Connection": "close"})
            return connection.getresponse(), connection
        except BaseException as exc:
            connection.close()
            raise _translate(exc) from None

    def _connect(self, address: tuple[str, int], timeout: float, source: Any = None) -> socket.socket:
        """A socket to ``address``, connected only to an address the policy allows."""
        host, port = address
        try:
            infos = resolve(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError("dns", f"the host '{host}' does not resolve ({exc.strerror})") from None
        last: OSError | None = None
        for family, kind, proto, _name, sockaddr in infos:
            ip = ipaddress.ip_address(sockaddr[0])
            mapped = getattr(ip, "ipv4_mapped", None)
            if not self.allow_private and not (mapped or ip).is_global:
                raise FetchError("refused", f"'{host}' is at {ip}, a private or local address; not fetched "
                                 "(pass --allow-private for intranet sources)")
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(timeout)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise last or FetchError("dns", f"the host '{host}' has no address")

    def _read(self, response: http.client.HTTPResponse, deadline: float) -> bytes:
        """The body, decompressed, within the deadline and the size cap."""
        encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
        if encoding not in ("identity", "gzip", "deflate"):
            raise FetchError("protocol", f"unsupported content encoding '{encoding}'")
        inflate = zlib.decompressobj(wbits=47) if encoding != "identity" else None  # 47: gzip or zlib header
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if time.monotonic() > deadline:
                    raise FetchError("timeout", f"the page did not arrive within {self.timeout:g} s")
                chunk = response.read1(65536)
                if not chunk:
                    break
                if inflate is not None:
                    chunk = inflate.decompress(chunk, self.max_bytes + 1 - size)
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError("too-large", f"the page is larger than {self.max_bytes:,} bytes")
                chunks.append(chunk)
        except FetchError:
            raise
        except BaseException as exc:
            raise _translate(exc) from None
        return b"".join(chunks)


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def _translate(exc: BaseException) -> BaseException:
    """A :class:`FetchError` for a network exception (others, e.g. KeyboardInterrupt, pass through)."""
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, TimeoutError):
        return FetchError("timeout", "no answer within the time limit")
    if isinstance(exc, ssl.SSLError):
        return FetchError("tls", f"secure connection failed: {getattr(exc, 'reason', None) or exc}")
    if isinstance(exc, http.client.HTTPException | zlib.error):
        return FetchError("protocol", f"invalid answer: {type(exc).__name__}")
    if isinstance(exc, ConnectionError | OSError):
        return FetchError("unreachable", f"no connection: {getattr(exc, 'strerror', None) or exc}")
    return exc
