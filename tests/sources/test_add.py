"""``accountplan source add`` against the local fixture server: the entry, the file around it, every refusal."""

from __future__ import annotations

import dataclasses
import difflib
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.load.files import load_document
from generator.model import Account

from .conftest import Fixture

REPO = Path(__file__).resolve().parents[2]
SLUG = "helios-telecom"
TODAY = "2026-11-27"


@pytest.fixture
def accounts(tmp_path: Path) -> Path:
    """A copy of the sample roster and one account, and a config mapping the fixture host to a channel."""
    root = tmp_path / "accounts"
    root.mkdir()
    shutil.copy(REPO / "accounts" / "roster.yml", root)
    shutil.copytree(REPO / "accounts" / SLUG, root / SLUG)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - accountplan:\n      accounts: accounts\n"
        "      source_channels: {127.0.0.1: news, example.org: industry-report}\n", encoding="utf-8")
    return root


def _run(accounts: Path, *args: str) -> int:
    return main(["--config", str(accounts.parent / "mkdocs.yml"), "source", "add", "--allow-private",
                 "--today", TODAY, "--timeout", "5", *args])


def _sources(accounts: Path) -> list[dict[str, object]]:
    path = accounts / SLUG / "account.md"
    doc, problems = load_document(str(path), path.read_bytes(), Account, markdown=True)
    assert doc is not None and problems == []
    return [dataclasses.asdict(s) for s in doc.data.sources]


def test_add_writes_an_entry_with_the_pages_title_and_date_that_passes_check(
        server: Fixture, accounts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = accounts / SLUG / "account.md"
    before = path.read_text(encoding="utf-8")
    assert _run(accounts, SLUG, server.url("/dated.html")) == 0
    out = capsys.readouterr().out
    assert "added 's-helios-to-cut-network'" in out and "site Telecom Weekly" in out and "channel news" in out
    shown = out.splitlines()[1]  # the docs show the same summary line
    assert shown == "  site Telecom Weekly · channel news · published 2026-03-12 · collected 2026-11-27"
    assert shown in (REPO / "docs" / "editing-an-account.md").read_text(encoding="utf-8")
    entry = _sources(accounts)[-1]
    assert entry["id"] == "s-helios-to-cut-network"
    assert entry["title"] == "Helios to cut network cost by a fifth"
    assert entry["channel"] == "news"
    assert str(entry["collected"]) == TODAY and str(entry["published"]) == "2026-03-12"
    assert entry["url"] == server.url("/dated.html")
    assert str(entry["fingerprint"]).startswith("sha256:")
    # Only lines were added: every comment and every other line of the file is as it was.
    after = path.read_text(encoding="utf-8")
    changes = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert changes and all(line.startswith("+ ") for line in changes), changes
    assert main(["--config", str(accounts.parent / "mkdocs.yml"), "check", "--no-cache", "--today", TODAY,
                 "--format", "json", str(path)]) == 0
    assert '"severity": "error"' not in capsys.readouterr().out


@pytest.mark.parametrize("title", [
    'Results: "Q3" #1 - [a] {b} &anchor *alias !!python/object:os.system',
    "<script>alert(1)</script> yes",
    "null",
    "2026-01-01",
    "010",
])
def test_hostile_titles_are_written_as_text_that_reads_back_unchanged(server: Fixture, accounts: Path,
                                                                      title: str) -> None:
    from html import escape

    server.pages["/hostile.html"] = ("text/html", f"<title>{escape(title)}</title><p>x</p>".encode())
    assert _run(accounts, SLUG, server.url("/hostile.html"), "--id", "s-hostile") == 0
    entry = _sources(accounts)[-1]
    assert (entry["id"], entry["title"]) == ("s-hostile", title)


def test_undated_page_has_no_published_and_a_given_channel_and_id(server: Fixture, accounts: Path) -> None:
    assert _run(accounts, SLUG, server.url("/undated.html"), "--channel", "investor", "--id", "s-ir") == 0
    entry = _sources(accounts)[-1]
    assert (entry["id"], entry["channel"], entry["published"]) == ("s-ir", "investor", None)
    assert entry["title"] == "Helios investor relations"


def test_comments_survive_when_the_account_has_no_sources_yet(server: Fixture, accounts: Path) -> None:
    path = accounts / SLUG / "account.md"
    lean = "---\n# keep me\nname: Lean\ntier: C\nindustry: X\nregion: Y\nmarket: mature\ncurrency: EUR  # EUR!\n"
    path.write_text(lean + "---\nBody stays.\n", encoding="utf-8")
    assert _run(accounts, SLUG, server.url("/dated.html")) == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(lean) and after.endswith("---\nBody stays.\n")
    assert "\nsources:\n  - id: s-helios-to-cut-network\n" in after


@pytest.mark.parametrize(("path", "status", "message"), [
    ("/missing", 3, "HTTP 404"),
    ("/slow", 3, "within"),
    ("/huge", 3, "larger than"),
    ("/loop", 3, "redirects"),
])
def test_network_failures_exit_3_and_write_nothing(server: Fixture, accounts: Path, capsys: pytest.CaptureFixture[str],
                                                  path: str, status: int, message: str) -> None:
    before = (accounts / SLUG / "account.md").read_bytes()
    extra = ["--max-bytes", "100000"] if path == "/huge" else ["--timeout", "0.5"] if path == "/slow" else []
    assert _run(accounts, SLUG, server.url(path), *extra) == status
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err and "Traceback" not in err
    assert (accounts / SLUG / "account.md").read_bytes() == before


def test_dns_failure_and_private_address_are_clear_errors(accounts: Path, server: Fixture,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(accounts, SLUG, "https://gone.example.org/x") == 3
    assert "does not resolve" in capsys.readouterr().err
    assert main(["--config", str(accounts.parent / "mkdocs.yml"), "source", "add", SLUG,
                 server.url("/dated.html")]) == 3
    assert "private or local address" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "message"), [
    (["no-such-account", "/dated.html"], "no account 'no-such-account'"),
    ([SLUG, "/dated.html", "--channel", "gossip"], "channel 'gossip' is not one of"),
    ([SLUG, "/report.pdf"], "application/pdf file, not an HTML page; pass --title"),
    ([SLUG, "/dated.html", "--id", "s-ar2025"], "already has a source 's-ar2025'"),
])
def test_refusals_exit_1_and_write_nothing(server: Fixture, accounts: Path, capsys: pytest.CaptureFixture[str],
                                           args: list[str], message: str) -> None:
    before = (accounts / SLUG / "account.md").read_bytes()
    args = [a if not a.startswith("/") else server.url(a) for a in args]
    assert _run(accounts, *args) == 1
    assert message in capsys.readouterr().err
    assert (accounts / SLUG / "account.md").read_bytes() == before


def test_a_symlinked_account_file_is_not_written_through(server: Fixture, accounts: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.md"
    path = accounts / SLUG / "account.md"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    before = outside.read_bytes()
    assert _run(accounts, SLUG, server.url("/dated.html")) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert outside.read_bytes() == before and path.is_symlink()


def test_bad_arguments_exit_2(accounts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(accounts, SLUG, "https://example.org/", "--today", "2026-02-30") == 2
    assert "is not a date" in capsys.readouterr().err
    assert _run(accounts, SLUG, "https://example.org/", "--timeout", "0") == 2


def test_unconfigured_domain_asks_for_a_channel(accounts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(accounts, SLUG, "https://unlisted.test/page") == 1
    assert "no channel is configured for unlisted.test; pass --channel" in capsys.readouterr().err


def test_pdf_with_a_title_is_added_with_a_byte_fingerprint(server: Fixture, accounts: Path) -> None:
    assert _run(accounts, SLUG, server.url("/report.pdf"), "--title", "Annual report 2026",
                "--channel", "annual-report") == 0
    entry = _sources(accounts)[-1]
    assert (entry["id"], entry["title"]) == ("s-annual-report-2026", "Annual report 2026")


def test_the_same_url_twice_is_refused(server: Fixture, accounts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(accounts, SLUG, server.url("/dated.html")) == 0
    assert _run(accounts, SLUG, server.url("/dated.html")) == 1
    assert "already cites" in capsys.readouterr().err


def test_proposed_channel_takes_the_longest_matching_domain() -> None:
    from generator.sources.add import propose_channel

    table = {"example.org": "news", "ir.example.org": "investor", "org": "competitor"}
    assert propose_channel("https://ir.example.org/q3", table) == "investor"
    assert propose_channel("https://www.example.org/", table) == "news"
    assert propose_channel("https://notexample.org/", table) == "competitor"
    assert propose_channel("https://example.com/", table) is None
