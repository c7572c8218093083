"""The one policy per output language (generator/neutralise.py), tested once with tables of cases.

Rule AP405, the body sanitizer, source links and SVG links all use ``safe_url``; every CSV the
tool writes goes through ``csv_text``; the tests at the end show the callers agree with it.
"""

from __future__ import annotations

import csv
import html
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.neutralise import csv_text, markdown_text, safe_url, spreadsheet_cell, url_refusal
from generator.render import markup
from generator.render.svg import core
from tests.hostile_fixtures import accountplan, build, write_canary_portfolio

REFUSED = [
    ("javascript:alert(1)", "scheme 'javascript:'"),
    ("JaVaScRiPt:alert(1)", "scheme 'javascript:'"),
    ("java\tscript:alert(1)", "scheme 'javascript:'"),
    ("java\nscript:alert(1)", "scheme 'javascript:'"),
    ("\x01javascript:alert(1)", "scheme 'javascript:'"),
    ("  \x00javascript:alert(1)", "scheme 'javascript:'"),
    ("java\u200bscript:alert(1)", "scheme 'javascript:'"),
    ("\ufeffjavascript:alert(1)", "scheme 'javascript:'"),
    ("javascript&#58;alert(1)", "scheme 'javascript:'"),
    ("javascript&#x3A;alert(1)", "scheme 'javascript:'"),
    ("javascript&colon;alert(1)", "scheme 'javascript:'"),
    ("&#106;avascript:alert(1)", "scheme 'javascript:'"),
    ("javascript&amp;#58;alert(1)", "scheme 'javascript:'"),
    ("data:text/html,<script>alert(1)</script>", "scheme 'data:'"),
    ("DATA:image/svg+xml;base64,PHN2Zz4=", "scheme 'data:'"),
    ("vbscript:msgbox(1)", "scheme 'vbscript:'"),
    ("file:///etc/passwd", "scheme 'file:'"),
    ("ftp://x.example", "scheme 'ftp:'"),
    ("//evil.example/x", "protocol-relative '//'"),
    ("\\\\evil.example/x", "protocol-relative '//'"),
    ("/\\evil.example/x", "protocol-relative '//'"),
    (" //evil.example", "protocol-relative '//'"),
]
ALLOWED = [
    ("https://example.com/a?b=1#c", "https://example.com/a?b=1#c"),
    ("HTTP://example.test/a:b", "HTTP://example.test/a:b"),
    ("mailto:someone@example.com", "mailto:someone@example.com"),
    ("  https://example.com/x \n", "https://example.com/x"),
    ("https://exa\tmple.com/", "https://example.com/"),
    ("../docs/report.pdf", "../docs/report.pdf"),
    ("/team/p-ann/", "/team/p-ann/"),
    ("#contact-c-bo", "#contact-c-bo"),
    ("report.pdf?x=javascript:1", "report.pdf?x=javascript:1"),
    ("./a:b", "./a:b"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_refused_links(url: str, reason: str) -> None:
    assert url_refusal(url) == reason
    assert safe_url(url) is None


@pytest.mark.parametrize(("url", "shown"), ALLOWED)
def test_allowed_links(url: str, shown: str) -> None:
    assert url_refusal(url) is None
    assert safe_url(url) == shown


@pytest.mark.parametrize(("url", "reason"), [*REFUSED, *((u, None) for u, _ in ALLOWED)])
def test_every_caller_applies_the_same_policy(url: str, reason: str | None) -> None:
    # SVG links and the body sanitizer (nh3 calls the policy on every href it keeps) follow url_refusal.
    assert (core.link_open(url) == "") == (reason is not None)
    if not re.search("[\x00-\x1f]", url):  # an HTML parser turns NUL into U+FFFD before any policy sees it
        cleaned = markup.sanitize(f'<a href="{html.escape(url)}">x</a>')
        assert ("href" in cleaned) == (reason is None), cleaned


def test_empty_links_are_refused() -> None:
    assert safe_url(None) is None and safe_url("") is None and safe_url(" \t") is None


FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(1,1)", "\t=1+1", "\r=1+1", "\n=1", " =1+1", "＝1+1",
            "=cmd|' /C calc'!A0", "-", "@"]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_would_start_a_formula_gets_a_quote(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["North", "a=1", "1-2", "", "中文", "'quoted"])
def test_plain_text_is_unchanged(value: str) -> None:
    assert spreadsheet_cell(value) == value


def test_numbers_stay_numbers_and_none_is_empty() -> None:
    assert spreadsheet_cell(-3.5) == -3.5 and spreadsheet_cell(0) == 0 and spreadsheet_cell(None) is None
    rows = list(csv.reader(io.StringIO(csv_text([["a", "b", "c"], [-3.5, None, "=1+1"]]))))
    assert rows == [["a", "b", "c"], ["-3.5", "", "'=1+1"]]


def test_markdown_text_writes_active_characters_as_references() -> None:
    assert markdown_text("[x](javascript:alert(1)){: onclick=y }") == (
        "&#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41;&#123;&#58; onclick&#61;y &#125;")
    assert markdown_text("two\n\nlines\x00 <b>") == "two lines &#60;b&#62;"
    assert markdown_text("中文 OK, 1/2") == "中文 OK, 1/2"


# --- the callers: score CSV, check and build -------------------------------------------------


@pytest.fixture(scope="module")
def hostile_groups(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The canary portfolio with formula text in every text column the CSV writes (name, region, tier group)."""
    root = tmp_path_factory.mktemp("csv")
    write_canary_portfolio(root)
    account = root / "accounts" / "canary-co" / "account.md"
    text = account.read_text(encoding="utf-8")
    text = text.replace("name: Canary Co", 'name: "@SUM(1,1)"').replace("region: North", 'region: "\\t=1+1"')
    account.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("by", [None, "region", "tier", "owner"])
def test_score_csv_has_no_formula_cell(hostile_groups: Path, by: str | None) -> None:
    done = accountplan("score", "--format", "csv", *(["--by", by] if by else []), cwd=hostile_groups)
    assert done.returncode == 0, done.stderr
    cells = [cell for row in csv.reader(io.StringIO(done.stdout)) for cell in row]
    assert cells, done.stdout
    formulas = [c for c in cells if c.lstrip(" ").startswith(("=", "+", "@", "\t", "\r", "\n"))
                or (c.startswith("-") and not re.fullmatch(r"-[0-9.]+", c))]
    assert formulas == []
    assert ("'\t=1+1" in cells) == (by in (None, "region"))


def test_every_csv_writer_goes_through_csv_text() -> None:
    # One writer: no other module builds CSV itself.
    package = Path(__file__).resolve().parents[1] / "generator"
    users = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                   if re.search(r"^import csv|^from csv import|csv\.writer|DictWriter", p.read_text(encoding="utf-8"),
                                re.M))
    assert users == ["neutralise.py"]


def test_control_characters_are_errors_and_never_reach_the_site(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    account = tmp_path / "accounts" / "canary-co" / "account.md"
    text = account.read_text(encoding="utf-8").replace("name: Canary Co", 'name: "Canary\\0 Co\\e[31m"')
    text = text.replace("Canary Co buys", "Canary \x00 Co \x02wzxhzdk:0\x03 buys\x1b[0m")
    account.write_bytes(text.encode("utf-8"))
    done = accountplan("check", cwd=tmp_path)
    assert done.returncode == 1
    found = re.findall(r"account\.md:(\d+):(\d+): AP108 error", done.stdout)
    body_line = text.split("\n").index(next(line for line in text.split("\n") if "\x00" in line)) + 1
    assert ("2", "7") in found and (str(body_line), "8") in found, done.stdout
    build(tmp_path)
    leaked = {str(p.relative_to(tmp_path)) for p in (tmp_path / "site").rglob("*")
              if p.is_file() and re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", p.read_bytes())
              and p.suffix in (".html", ".svg", ".json", ".xml")}
    assert leaked == set()
    page = (tmp_path / "site" / "accounts" / "canary-co" / "index.html").read_text(encoding="utf-8")
    assert "Canary \ufffd Co \ufffdwzxhzdk:0\ufffd buys" in page  # shown where it was, spliced nothing in


def test_the_module_runs_without_mkdocs() -> None:
    # The policies sit below render and rules: importing them pulls in neither.
    code = ("import sys, generator.neutralise; "
            "print(any(m.startswith(('mkdocs', 'generator.render')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
