"""``accountplan source check`` against the local fixture server: gone, changed, unchecked, offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.sources import check
from generator.sources.extract import fingerprint
from generator.sources.fetch import Client, Page

from .conftest import DATED, Fixture

ACCOUNT = """\
---
# A dossier citing pages on the fixture server.
name: Citing Co
tier: C
industry: Telecommunications
region: Europe-West
market: mature
currency: EUR
sources:
  - id: s-same
    channel: news
    title: Unchanged page
    collected: 2026-01-10
    url: {base}/dated.html
    fingerprint: {dated}
  - id: s-moved
    channel: news
    title: A page that is gone
    collected: 2026-02-11
    url: {base}/missing
  - id: s-edited
    channel: investor
    title: A page whose words changed
    collected: 2026-03-12
    url: {base}/changing.html
    fingerprint: {dated}
  - id: s-restyled
    channel: investor
    title: A page whose markup changed
    collected: 2026-03-13
    url: {base}/restyled.html
    fingerprint: {dated}
  - id: s-vanished-host
    channel: news
    title: A site that no longer exists
    collected: 2025-12-01
    url: https://vanished.example.invalid/news
  - id: s-slow
    channel: news
    title: A page too slow to answer
    collected: 2026-04-01
    url: {base}/slow
  - id: s-talk
    channel: coach
    title: A conversation
    collected: 2026-04-02
---
"""


def _dated_fingerprint() -> str:
    return fingerprint(Page("x", "text/html", "utf-8", DATED.encode()))


@pytest.fixture
def accounts(tmp_path: Path, server: Fixture) -> Path:
    """An accounts folder with one dossier citing the fixture server; /changing.html has new words since."""
    root = tmp_path / "accounts"
    (root / "citing-co").mkdir(parents=True)
    (root / "roster.yml").write_text("people:\n  - id: p-a\n    name: A\n    title: AM\n", encoding="utf-8")
    (root / "citing-co" / "account.md").write_text(
        ACCOUNT.format(base=server.base, dated=_dated_fingerprint()), encoding="utf-8")
    server.pages["/changing.html"] = ("text/html", DATED.replace("20%", "15%").encode())
    restyled = DATED.replace("<p>", '<p class="lead" style="x">').replace("<nav>Home", "<nav>Start")
    server.pages["/restyled.html"] = ("text/html", restyled.encode())
    return root


def _line(path: Path, source_id: str) -> int:
    """The line of the ``url`` of source ``source_id``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  - id: {source_id}")
    return next(i + 1 for i in range(start, len(lines)) if lines[i].strip().startswith("url:"))


def test_reports_gone_and_changed_sources_at_their_url_line(accounts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--config", "", "source", "check", "--accounts", str(accounts), "--allow-private",
                   "--timeout", "1", "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert status == 1
    path = accounts / "citing-co" / "account.md"
    by_source = {re.search(r"source '([^']+)'", d["message"]).group(1): d for d in found}
    assert sorted(by_source) == ["s-edited", "s-moved", "s-slow", "s-vanished-host"]
    assert {k: d["code"] for k, d in by_source.items()} == {
        "s-edited": "AP502", "s-moved": "AP501", "s-slow": "AP503", "s-vanished-host": "AP501"}
    for source_id, diagnostic in by_source.items():
        assert diagnostic["line"] == _line(path, source_id)
        assert diagnostic["path"].endswith("citing-co/account.md")
    assert "HTTP 404" in by_source["s-moved"]["message"]
    assert "collected 2026-02-11" in by_source["s-moved"]["message"]
    assert "does not resolve" in by_source["s-vanished-host"]["message"]
    assert "since it was collected 2026-03-12" in by_source["s-edited"]["message"]
    assert "'fingerprint' to sha256:" in by_source["s-edited"]["hint"]
    assert by_source["s-slow"]["severity"] == "info"


def test_text_and_github_formats(accounts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--config", "", "source", "check", "--accounts", str(accounts), "--allow-private", "--timeout", "1"]
    assert main([*args, str(accounts / "citing-co")]) == 1
    text = capsys.readouterr().out
    assert re.search(r"citing-co/account\.md:\d+:\d+: AP501 warning: source 's-moved' is gone: HTTP 404", text)
    assert main([*args, "--format", "github", str(accounts / "citing-co")]) == 1
    assert "::warning file=" in capsys.readouterr().out


def test_paths_outside_the_cited_files_check_nothing(accounts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", "", "source", "check", "--accounts", str(accounts), "--allow-private",
                 str(accounts / "roster.yml")]) == 0
    assert "checked 0 page(s)" in capsys.readouterr().err


def test_offline_run_says_so_and_exits_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "accounts"
    (root / "far-co").mkdir(parents=True)
    (root / "roster.yml").write_text("people:\n  - id: p-a\n    name: A\n    title: AM\n", encoding="utf-8")
    (root / "far-co" / "account.md").write_text(
        "---\nname: Far\ntier: C\nindustry: X\nregion: Y\nmarket: mature\ncurrency: EUR\nsources:\n"
        "  - {id: s-1, channel: news, title: One, collected: 2026-01-01, url: 'https://one.example.invalid/'}\n"
        "  - {id: s-2, channel: news, title: Two, collected: 2026-01-01, url: 'https://two.example.invalid/'}\n"
        "---\n", encoding="utf-8")
    assert main(["--config", "", "source", "check", "--accounts", str(root)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "offline - none of the 2 cited page(s) could be reached; nothing to report" in captured.err


def test_each_url_is_fetched_once_and_at_most_two_at_a_time_per_host(server: Fixture) -> None:
    urls = [server.url(f"/busy?n={n}") for n in range(6)] * 2
    results = check.fetch_all(urls, Client(timeout=5, allow_private=True), workers=6, per_host=2)
    assert len(results) == 6 and all(r.page is not None for r in results.values())
    assert server.peak["/busy"] == 2


def test_source_codes_are_their_own_and_not_rules_of_check() -> None:
    from generator.rules import registry

    assert set(check.CODES) == {"AP501", "AP502", "AP503"}
    assert not set(check.CODES) & set(registry())
