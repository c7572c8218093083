"""SECURITY.md, "Output": hostile dossier text never runs in the built site; builds are reproducible and atomic.

A hostile fixture (tests/hostile_fixtures.py) puts ``<script>``, ``<img onerror>``, ``<style>``,
script links and SVG-breaking text into every frontmatter field and body; the built site is
checked statically here and in a real browser at the end of this module.
"""

from __future__ import annotations

import gzip
import html.parser
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.hostile_fixtures import (
    LINK_SCHEMES,
    MARK,
    accountplan,
    build,
    tree_hashes,
    write_canary_portfolio,
    write_hostile_portfolio,
)

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def browser_scheme(url: str) -> str | None:
    """The scheme a browser would see (WHATWG: trim C0/space, drop tab and newlines); ``None`` if relative."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
                                                 "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class Scan(html.parser.HTMLParser):
    """Collects everything in a page that could run script."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.urls: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and ("__pwned" in value or MARK in value):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name in self.URL_ATTRIBUTES:
                self.urls.append(value)
                scheme = browser_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES and not (scheme == "data" and tag == "img"):
                    self.problems.append(f"<{tag} {name}={value[:60]!r}>")
        if tag in ("iframe", "object", "embed", "frame"):
            self.problems.append(f"<{tag}>")
        self._in = tag if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self._in and ("__pwned" in data or MARK in data):
            self.problems.append(f"<{self._in}>{data[:60]!r}")

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def scan(path: Path) -> Scan:
    """Parse one HTML or SVG file."""
    parser = Scan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile fixture, built without --strict (its errors are expected) into site/."""
    root = tmp_path_factory.mktemp("hostile")
    write_hostile_portfolio(root)
    build(root)
    return root


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in (".html", ".svg"))


# --- raw HTML and script links --------------------------------------------------------------


def test_hostile_fixture_reaches_the_pages(hostile: Path) -> None:
    # The payload text is shown (escaped), so the checks below look at the right output.
    page = (hostile / "site" / "accounts" / "evil-co" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1" in page
    assert f"{MARK} click" in page


def test_raw_html_in_dossier_bodies_does_not_execute(hostile: Path) -> None:
    problems = {str(p.relative_to(hostile)): scan(p).problems for p in _pages(hostile / "site")}
    assert {k: v for k, v in problems.items() if v} == {}


def test_no_element_has_an_event_handler_attribute(hostile: Path) -> None:
    found: list[str] = []

    class Handlers(html.parser.HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(f"<{tag} {k}>" for k, _ in attrs if k.startswith("on"))

    for page in _pages(hostile / "site"):
        Handlers().feed(page.read_text(encoding="utf-8"))
    assert found == []


@pytest.mark.parametrize("url", LINK_SCHEMES)
def test_script_link_schemes_are_neutralised(hostile: Path, url: str) -> None:
    page = hostile / "site" / "accounts" / "evil-co" / "index.html"
    index = LINK_SCHEMES.index(url)
    text = page.read_text(encoding="utf-8")
    assert f"{MARK} link {index}" in text  # the link text is kept, its target refused
    schemes = {browser_scheme(u) for u in scan(page).urls}
    assert schemes <= {None, *SAFE_SCHEMES}


def test_source_url_with_script_scheme_is_an_error_and_not_linked(hostile: Path) -> None:
    done = accountplan("check", cwd=hostile)
    assert done.returncode == 1
    assert re.search(r"evil-co/account\.md:\d+:\d+: AP405 error: link scheme 'javascript:'", done.stdout)


# --- frontmatter text: escaped in pages, titles and SVG --------------------------------------


def test_frontmatter_text_is_escaped_in_page_and_title(hostile: Path) -> None:
    page = (hostile / "site" / "accounts" / "evil-co" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert title and title.group(1).startswith("Evil &lt;img src=x onerror=")
    assert f"<script>{MARK}()" not in page
    assert "&lt;/text&gt;&lt;script&gt;" in page
    assert re.search(r"Paul &(quot|#34);Quote&(quot|#34); O&#39;Neil &amp; Sons", page)


def _svgs(site: Path) -> list[tuple[str, str]]:
    """Every SVG of the site: files and the inline ones in pages."""
    found = [(str(p.relative_to(site)), p.read_text(encoding="utf-8")) for p in site.rglob("*.svg")]
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        found += [(f"{page.relative_to(site)}#{i}", m) for i, m in
                  enumerate(re.findall(r"<svg\b.*?</svg>", text, re.DOTALL))]
    return found


def test_svg_text_is_xml_escaped(hostile: Path) -> None:
    svgs = [(name, text) for name, text in _svgs(hostile / "site" / "accounts") if "Eve" in text]
    assert svgs, "the relationship map names the hostile contact"
    for name, text in svgs:
        root = ET.fromstring(text)  # well-formed: '</text><script>' and a bare '&' did not break out
        tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
        assert "script" not in tags and "foreignObject" not in tags, name
        assert not [k for el in root.iter() for k in el.attrib if k.lower().startswith("on")], name
        texts = "".join(root.itertext())
        assert f"</text><script>{MARK}()</script>" in texts or "Eve </text>" in texts, name


# --- broken links, many broken files ---------------------------------------------------------


def test_clean_fixture_passes_the_gated_build(tmp_path: Path) -> None:
    # The gate `make site` uses: the canary's honest method warnings (AP305, AP317) do not fail it.
    write_canary_portfolio(tmp_path)
    build(tmp_path, "--fail-on", "error")


def test_broken_internal_link_fails_the_strict_build(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    build(tmp_path)
    before = tree_hashes(tmp_path / "site")
    (tmp_path / "docs" / "broken.md").write_text("# Broken\n\n[gone](missing-page.md)\n", encoding="utf-8")
    done = accountplan("build", "--quiet", "--strict", cwd=tmp_path)
    assert done.returncode == 1
    assert "missing-page.md" in done.stderr
    # A failed build publishes nothing and leaves nothing behind.
    assert tree_hashes(tmp_path / "site") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_linkcheck_finds_relative_links_to_missing_files() -> None:
    from generator.publish.linkcheck import broken_links

    known = {"index.html", "accounts/a/index.html", "team/p-x/index.html", "assets/x.css", "accounts/a/map.svg"}
    page = ('<a href="../b/">b</a><a href="../../team/p-x/#top">t</a><a href="#x">x</a><a href="https://e.com">e</a>'
            '<a href="../../assets/x.css">c</a><a href="map.svg">m</a><a href="../../../up">u</a><a href="./">self</a>'
            '<a href="mailto:x@example.com">m</a><img src="../../nothere.png"><a href="contact-c-x">no hash</a>')
    assert broken_links(page, "accounts/a/", known) == ["../b/", "../../../up", "../../nothere.png", "contact-c-x"]


BROKEN = {
    "contacts/c-b01.md": b"---\nid: c-b01\nname: Caf\x96 owner\n---\n",
    "contacts/c-b02.md": b"---\nid: &a c-b02\nname: *a\n---\n",
    "contacts/c-b03.md": b"---\nid: c-b03\nnmae: Typo\n---\n",
    "contacts/c-b04.md": b"---\nid: c-b04\n---\n",
    "contacts/c-b05.md": b"---\nid: c-b05\nid: c-b05\n---\n",
    "contacts/c-b06.md": b"---\nid: !!python/object/apply:os.system [ls]\n---\n",
    "activities/2026-11-01-b07.md": b"---\ndate: 2026-02-30\nkind: call\nsummary: x\n---\n",
    "activities/2026-11-01-b08.md": b"---\ndate: 2026-11-01\nkind: call\nsummary: never closed\n",
    "activities/2026-11-01-b09.md": b"---\ndate: 2026-11-01\nkind: telepathy\nsummary: x\n---\n",
    "activities/2026-11-01-b10.md": "---\ndate: 2026-11-01\nkind: call\nsummary: a\u202eb\n---\n".encode(),
}


def test_ten_broken_files_are_all_reported_in_one_run(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    for rel, raw in BROKEN.items():
        (tmp_path / "accounts" / "canary-co" / rel).write_bytes(raw)
    done = accountplan("check", cwd=tmp_path)
    assert done.returncode == 1
    reported = {rel for rel in BROKEN if re.search(re.escape(rel) + r":\d+:\d+: AP\d{3} error", done.stdout)}
    assert reported == set(BROKEN), done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    # The build reports the same ten in its log, in one run, and --strict fails on them.
    built = accountplan("build", "--strict", cwd=tmp_path)
    assert built.returncode == 1
    assert {rel for rel in BROKEN if rel in built.stderr} == set(BROKEN)
    assert "Traceback" not in built.stderr


# --- reproducible and atomic builds ----------------------------------------------------------


def test_two_builds_are_byte_identical(hostile: Path) -> None:
    build(hostile, "--site-dir", "site-a")
    time.sleep(1.1)  # so that any clock-based timestamp would differ between the two builds
    build(hostile, "--site-dir", "site-b")
    first, second = tree_hashes(hostile / "site-a"), tree_hashes(hostile / "site-b")
    assert len(first) > 10 and "sitemap.xml.gz" in first and "search/search_index.json" in first
    assert first == second


def test_sitemap_dates_come_from_the_fixed_build_date(hostile: Path) -> None:
    site = hostile / "site"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    # Not a git checkout: the configured 'today' (2026-11-27) is the build date.
    assert "<lastmod>2026-11-27</lastmod>" in sitemap
    with gzip.open(site / "sitemap.xml.gz") as handle:
        assert handle.read().decode("utf-8") == sitemap
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert int.from_bytes(header[4:8], "little") == 1_795_737_600  # gzip mtime = 2026-11-27T00:00Z


def test_killed_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    build(tmp_path)
    before = tree_hashes(tmp_path / "site")
    # Enough pages that the second build is still writing when it is killed.
    for i in range(400):
        (tmp_path / "docs" / f"page-{i}.md").write_text(f"# Page {i}\n\nBody {i}.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--quiet"], cwd=tmp_path, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        temp = _wait_for_half_built(tmp_path, process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert temp.exists(), "the build finished before it could be killed"
    assert tree_hashes(tmp_path / "site") == before
    # The next build cleans up the half-built folder and publishes the new pages.
    build(tmp_path)
    assert not temp.exists()
    assert (tmp_path / "site" / "page-399" / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def _wait_for_half_built(project: Path, process: subprocess.Popen[bytes]) -> Path:
    """The build's temporary folder, once it holds some written pages."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        for entry in project.iterdir():
            if entry.name.startswith(".site.build-") and any(entry.glob("page-*/index.html")):
                return entry
        time.sleep(0.02)
    pytest.fail("no half-built site folder appeared")


# --- in a real browser: pages, page titles and search results --------------------------------


class _Beacon:
    """An HTTP listener on 127.0.0.1 that records every request a payload would make."""

    def __init__(self) -> None:
        import http.server
        import threading

        hits: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.hits = hits
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


PAGES = ("", "accounts/", "accounts/evil-co/", "team/", "team/p-owner/", "portfolio/by-tier/", "rules/")
SEARCHES = ("Evil", "onerror", MARK)


def test_no_payload_runs_in_a_browser(tmp_path: Path) -> None:
    from tests.site.headless import Browser, find_chromium, serve

    binary = find_chromium()
    if binary is None:
        pytest.skip("no Chromium found (/usr/bin/chromium); install Debian's 'chromium' to run the browser test")
    beacon = _Beacon()
    try:
        write_hostile_portfolio(tmp_path, beacon.url)
        build(tmp_path)
        with serve(str(tmp_path / "site")) as base:
            browser = Browser(binary)
            try:
                browser.open_tab()
                seen = _visit(browser, base)
            finally:
                browser.close()
    finally:
        beacon.close()
    assert seen["pwned"] == [], seen["pwned"]
    assert beacon.hits == []
    assert [u for u in seen["requests"] if u.endswith((f"/{MARK}", f"/{MARK}-body", "/x"))] == []
    # The title shows the hostile name as text: escaped exactly once, not executed, not mangled.
    assert seen["titles"]["accounts/evil-co/"].startswith("Evil <img src=x onerror=")
    # Every search found the hostile page and showed its payload as text, where it had its chance to run.
    assert seen["results"] == {query: True for query in SEARCHES}


def _visit(browser: object, base: str) -> dict[str, object]:
    """Open every page and run every search; record what a payload would have changed."""
    from tests.site.headless import Browser

    assert isinstance(browser, Browser)
    pwned: list[str] = []
    titles: dict[str, str] = {}
    results: dict[str, bool] = {}
    probe = "JSON.stringify([typeof window.__pwned !== 'undefined', document.title])"

    def check(where: str) -> None:
        ran, title = __import__("json").loads(browser.evaluate(probe))
        if ran or title == "PWNED":
            pwned.append(where)

    for path in PAGES:
        browser.goto(base + path)
        check(path)
        titles[path] = browser.evaluate("document.title")
    for query in SEARCHES:
        # Material reads ?q= on load and also searches as one types: try both.
        browser.goto(f"{base}accounts/evil-co/?q={query}")
        check(f"?q={query}")
        typed = (
            "(() => { const i = document.querySelector('input.md-search__input');"
            " if (!i) return false; i.focus(); i.value = " + __import__("json").dumps(query) + ";"
            " for (const t of ['input', 'keyup', 'change']) i.dispatchEvent(new Event(t, {bubbles: true}));"
            " return true; })()"
        )
        assert browser.evaluate(typed), "Material's search box is on the page"
        count = 0
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not count:
            time.sleep(0.2)
            count = browser.evaluate("document.querySelectorAll('.md-search-result__item').length") or 0
        if count:
            # Open every folded result too, as a user scrolling the list would.
            browser.evaluate("document.querySelectorAll('.md-search-result__more summary').forEach(s => s.click())")
            time.sleep(0.5)
            shown = browser.evaluate("document.querySelector('.md-search-result').textContent")
            results[query] = "<img src=x onerror=" in (shown or "")
        check(f"search {query}")
    return {"pwned": pwned, "titles": titles, "results": results, "requests": browser.requests()}


def test_broken_link_in_a_dossier_body_fails_the_strict_build(tmp_path: Path) -> None:
    # Dossier bodies reach the page as HTML, which MkDocs does not check: the plugin does.
    write_canary_portfolio(tmp_path)
    account = tmp_path / "accounts" / "canary-co" / "account.md"
    account.write_text(account.read_text(encoding="utf-8") + "\nSee [the team](../../team/) too.\n", encoding="utf-8")
    build(tmp_path, "--fail-on", "error")
    account.write_text(account.read_text(encoding="utf-8") + "\nAnd [the sister company](../missing-co/).\n",
                       encoding="utf-8")
    done = accountplan("build", "--quiet", "--fail-on", "error", cwd=tmp_path)  # a site defect fails the gate
    assert done.returncode == 1
    assert "accounts/canary-co/index.md: link to '../missing-co/'" in done.stderr
