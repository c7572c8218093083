"""Fetching under the policy, against the local fixture server: every branch of success and failure."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.sources.extract import extract, fingerprint
from generator.sources.fetch import Client, FetchError, Page

from .conftest import SLOW_SECONDS, Fixture

LOCAL = Client(timeout=5, max_bytes=100_000, allow_private=True)
TODAY = dt.date(2026, 11, 27)


def _error(client: Client, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        client.fetch(url)
    return caught.value


def test_dated_page_gives_title_site_and_publication_date(server: Fixture) -> None:
    page = LOCAL.fetch(server.url("/dated.html"))
    assert (page.content_type, page.charset, page.is_html) == ("text/html", "utf-8", True)
    meta = extract(page, TODAY)
    assert meta.title == "Helios to cut network cost by a fifth"
    assert meta.site_name == "Telecom Weekly"
    assert meta.published == dt.date(2026, 3, 12)
    assert meta.fingerprint.startswith("sha256:") and len(meta.fingerprint) == 7 + 64


def test_undated_page_has_no_date_and_falls_back_to_title_and_host(server: Fixture) -> None:
    meta = extract(LOCAL.fetch(server.url("/undated.html")), TODAY)
    assert meta.title == "Helios investor relations"
    assert meta.site_name == "127.0.0.1"
    assert meta.published is None


def test_redirects_are_followed_to_the_final_page(server: Fixture) -> None:
    page = LOCAL.fetch(server.url("/redirect-chain"))
    assert page.url == server.url("/dated.html")
    assert extract(page, TODAY).title == "Helios to cut network cost by a fifth"


def test_gzip_is_decoded(server: Fixture) -> None:
    assert fingerprint(LOCAL.fetch(server.url("/gzip"))) == fingerprint(LOCAL.fetch(server.url("/dated.html")))


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/error", 500)])
def test_error_status_is_reported_with_its_code(server: Fixture, path: str, status: int) -> None:
    error = _error(LOCAL, server.url(path))
    assert (error.kind, error.status) == ("status", status)
    assert str(error).startswith(f"HTTP {status}")


def test_slow_page_times_out(server: Fixture) -> None:
    error = _error(Client(timeout=0.5, allow_private=True), server.url("/slow"))
    assert error.kind == "timeout"
    assert SLOW_SECONDS > 0.5


@pytest.mark.parametrize("path", ["/huge", "/gzip-bomb"])
def test_size_cap_stops_huge_and_compressed_bodies(server: Fixture, path: str) -> None:
    error = _error(LOCAL, server.url(path))
    assert error.kind == "too-large"
    assert "100,000 bytes" in str(error)


def test_redirect_loop_and_non_http_redirect_are_refused(server: Fixture) -> None:
    assert "redirects" in str(_error(LOCAL, server.url("/loop")))
    assert _error(LOCAL, server.url("/to-ftp")).kind == "refused"


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)", "http:///nohost"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    assert _error(LOCAL, url).kind == "refused"


def test_private_and_loopback_addresses_are_refused_by_default(server: Fixture) -> None:
    error = _error(Client(timeout=5), server.url("/dated.html"))
    assert error.kind == "refused"
    assert "127.0.0.1" in str(error) and "--allow-private" in str(error)
    for url in ("http://10.1.2.3/", "http://192.168.0.1/", "http://169.254.169.254/latest/", "http://[::1]/",
                "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/"):
        assert _error(Client(timeout=1), url).kind == "refused", url


def test_unknown_host_is_a_dns_error() -> None:
    error = _error(LOCAL, "https://gone.example.invalid/report")
    assert error.kind == "dns"
    assert "gone.example.invalid" in str(error)


def test_closed_port_is_unreachable(server: Fixture) -> None:
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert _error(LOCAL, f"http://127.0.0.1:{port}/").kind == "unreachable"


def test_non_html_is_hashed_by_bytes_and_has_no_title(server: Fixture) -> None:
    page = LOCAL.fetch(server.url("/report.pdf"))
    assert not page.is_html
    meta = extract(page, TODAY)
    assert (meta.title, meta.published) == (None, None)


def test_fingerprint_ignores_markup_scripts_and_menus_but_not_words() -> None:
    base = Page("http://x/", "text/html", None, b"<main><p>Cost falls 20% by 2028.</p></main><nav>Home</nav>")
    restyled = Page("http://x/", "text/html", None,
                    b"<html><head><script>a()</script></head><body><nav>Start</nav><main>\n<div class=n>"
                    b"<p>Cost   falls 20% by <b>2028</b>.</p></div></main><footer>2026</footer></body></html>")
    reworded = Page("http://x/", "text/html", None, b"<main><p>Cost falls 10% by 2028.</p></main>")
    assert fingerprint(base) == fingerprint(restyled)
    assert fingerprint(base) != fingerprint(reworded)


def test_titles_lose_control_and_bidi_characters() -> None:
    page = Page("http://x/", "text/html", "utf-8",
                "<title>Quarterly\u202e results\x07 \u2066Q3</title>".encode())
    assert extract(page, TODAY).title == "Quarterly results Q3"


@pytest.mark.parametrize(("body", "charset", "title"), [
    (b"", None, None),
    (b"\x00\xff\xfe not html at all", None, None),
    (b"<!-- only a comment -->", None, None),
    ("<title>Caf\u00e9 results</title>".encode("latin-1"), "iso-8859-1", "Caf\u00e9 results"),
    (b"<title>Odd charset</title>", "x-no-such-charset", "Odd charset"),
])
def test_broken_or_odd_html_never_raises(body: bytes, charset: str | None, title: str | None) -> None:
    meta = extract(Page("http://host.test/", "text/html", charset, body), TODAY)
    assert (meta.title, meta.site_name, meta.published) == (title, "host.test", None)
    assert meta.fingerprint.startswith("sha256:")
