"""Hostile file names (SECURITY.md, Files): whoever opens a pull request names the files in it.

A name may hold any byte but ``/`` and NUL. Bytes that are not UTF-8 reach Python as lone
surrogates, which no page can be written with: one such name used to make every build fail.
Control characters recolour a terminal or forge a diagnostic line. Each such name is reported as
AP004 with the name escaped (``c-bad\\xff.md``, as ``ls -b`` writes it), its file is not
loaded, and the site still builds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.diagnostics import format_text
from generator.load.discover import display
from generator.neutralise import shown_name
from tests.hostile_fixtures import accountplan, write_canary_portfolio

HOSTILE = {
    b"c-bad\xff": "c-bad\\xff",
    b"c-esc\x1b[31mred": "c-esc\\x1b[31mred",
    b"c-line\nbreak": "c-line\\x0abreak",
    b"c-bidi\xe2\x80\xaefdp": "c-bidi\\u202efdp",
    b"c-cr\r\x07bell": "c-cr\\x0d\\x07bell",
}


@pytest.mark.parametrize("raw, shown", HOSTILE.items(), ids=[s for s in HOSTILE.values()])
def test_a_hostile_name_is_shown_escaped(raw: bytes, shown: str) -> None:
    assert shown_name(os.fsdecode(raw)) == shown
    assert display(os.fsdecode(b"/x/accounts/a/contacts/" + raw + b".md"), "/x") == f"accounts/a/contacts/{shown}.md"


@pytest.mark.parametrize("name", ["c-ann.md", "张伟.md", "аcme", "Acme Corp", "a\\b"])
def test_a_printable_name_is_shown_as_it_is(name: str) -> None:
    assert shown_name(name) is name


def _plant(project: Path) -> None:
    """A contact file, a stray file, an account folder and a file in the account folder, each with hostile names."""
    accounts = os.fsencode(project / "accounts")
    for raw in HOSTILE:
        contacts = accounts + b"/canary-co/contacts/"
        with open(contacts + raw + b".md", "wb") as handle:
            handle.write(b"---\nid: c-x\nname: X\n---\n")
        with open(contacts + raw + b".txt", "wb") as handle:
            handle.write(b"stray")
        os.makedirs(accounts + b"/" + raw, exist_ok=True)
        with open(accounts + b"/" + raw + b"/account.md", "wb") as handle:
            handle.write(b"---\nname: X\n---\n")
        with open(accounts + b"/canary-co/" + raw, "wb") as handle:
            handle.write(b"stray")


def test_check_reports_each_hostile_name_on_one_clean_line(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    _plant(tmp_path)
    done = accountplan("check", cwd=tmp_path)
    lines = done.stdout.splitlines()
    for shown in HOSTILE.values():
        assert f"accounts/canary-co/contacts/{shown}.md:0:0: AP004 error: name '{shown}'" in done.stdout
        assert any(line.startswith(f"accounts/{shown}:0:0: AP004 error:") for line in lines)
        assert any(line.startswith(f"accounts/canary-co/contacts/{shown}.txt:0:0: AP") for line in lines)
        assert any(line.startswith(f"accounts/canary-co/{shown}:0:0: AP") for line in lines)
    # Every line is a diagnostic or the summary: no name broke a line, and no control character reached the terminal.
    assert all(":0:0: AP" in line or ": AP" in line or "error(s)" in line for line in lines), done.stdout
    assert not any(ch in done.stdout for ch in "\x1b\r\x07\u202e\ufffd")
    assert done.returncode == 1


def test_the_site_builds_with_hostile_names_and_shows_them_escaped(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    _plant(tmp_path)
    done = accountplan("build", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "accounts" / "canary-co" / "index.html").read_text(encoding="utf-8")
    assert "contacts/c-bad\\xff.md" in page and "c-esc\\x1b[31mred" in page
    again = accountplan("build", "--quiet", cwd=tmp_path)  # the second build carries pages over
    assert again.returncode == 0, again.stderr
    rendered = accountplan("render", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert "wrote" in rendered.stderr and (tmp_path / "out" / "accounts" / "canary-co" / "index.md").is_file()


def test_text_format_of_an_unshown_name_is_one_line() -> None:
    from generator.diagnostics import Diagnostic, Severity

    line = format_text([Diagnostic(display(os.fsdecode(b"/x/c-a\nb\xff.md"), "/x"), 0, 0, "AP004", Severity.ERROR,
                                   "m")]).splitlines()[0]
    assert line == "c-a\\x0ab\\xff.md:0:0: AP004 error: m"
    line.encode("utf-8")
