"""Hostile file names (SECURITY.md, Files): whoever opens a pull request names the files in it.

A name may hold any byte but ``/`` and NUL. Bytes that are not UTF-8 reach Python as lone
surrogates, which no page can be written with: one such name used to make every build fail.
Control characters recolour a terminal or forge a diagnostic line. Each such name is reported as
AP004 with the name escaped (``c-bad\\xff.md``, in Python's notation), its file is not
loaded, and the site still builds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.diagnostics import format_text
from generator.load.discover import discover_folder, display
from generator.neutralise import shown_name
from tests.hostile_fixtures import accountplan, write_canary_portfolio

HOSTILE = {
    b"c-bad\xff": "c-bad\\xff",
    b"c-esc\x1b[31mred": "c-esc\\x1b[31mred",
    b"c-line\nbreak": "c-line\\x0abreak",
    b"c-bidi\xe2\x80\xaefdp": "c-bidi\\u202efdp",
    b"c-cr\r\x07bell": "c-cr\\x0d\\x07bell",
    b"c-alm\xd8\x9cx": "c-alm\\u061cx",
    b"c-tag\xf3\xa0\x80\x81x": "c-tag\\U000e0001x",
    b"c-nbsp\xc2\xa0x": "c-nbsp\\xa0x",  # invisible by category (Zs), by Default_Ignorable_Code_Point:
    b"c-cgj\xcd\x8fx": "c-cgj\\u034fx",
    b"c-vs\xef\xb8\x8fx": "c-vs\\ufe0fx",
    b"c-fill\xe3\x85\xa4x": "c-fill\\u3164x",
    b"c-mvs\xe1\xa0\x8ex": "c-mvs\\u180ex",
}


@pytest.mark.parametrize("raw, shown", HOSTILE.items(), ids=[s for s in HOSTILE.values()])
def test_a_hostile_name_is_shown_escaped(raw: bytes, shown: str) -> None:
    assert shown_name(os.fsdecode(raw)) == shown
    assert display(os.fsdecode(b"/x/accounts/a/contacts/" + raw + b".md"), "/x") == f"accounts/a/contacts/{shown}.md"


@pytest.mark.parametrize("name", ["c-ann.md", "张伟.md", "аcme", "Acme Corp", "é", "ﬁ", "👍", "a\\b"])
def test_a_printable_name_is_shown_as_it_is(name: str) -> None:
    assert shown_name(name) is name


@pytest.mark.parametrize("inside", [True, False], ids=["inside the working folder", "outside it"])
def test_a_file_is_shown_as_display_shows_its_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   inside: bool) -> None:
    """Discovery shows each file of a folder from its folder's shown path, worked out once: what ``display`` shows
    of the file's own path, in a project folder whose name is hostile too."""
    project = os.fsencode(tmp_path) + b"/proj\xff\x1b[31m"
    contacts = project + b"/accounts/acme/contacts/"
    os.makedirs(contacts)
    open(project + b"/accounts/acme/account.md", "wb").close()
    for raw in [*HOSTILE, b"c-ok", b"c-two", b"c-two.dots"]:
        for ext in (b".md", b".txt"):
            open(contacts + raw + ext, "wb").close()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(os.fsdecode(project) if inside else tmp_path / "elsewhere")
    cwd = os.getcwd()
    tasks, problems = discover_folder(os.fsdecode(project + b"/accounts/acme"), cwd)
    assert [task.shown for task in tasks] == [display(task.path, cwd) for task in tasks]
    assert len(tasks) == 3 and len(problems) == 2 * len(HOSTILE) + 4  # account.md, c-ok.md, c-two.md
    bad = [*HOSTILE, b"c-two.dots"]
    expected = {display(os.fsdecode(contacts + raw + ext), cwd) for raw in bad for ext in (b".md", b".txt")}
    expected |= {display(os.fsdecode(contacts + raw + b".txt"), cwd) for raw in (b"c-ok", b"c-two")}
    assert {problem.path for problem in problems} == expected
    assert all(("proj" in shown) != inside for shown in expected)  # relative inside, absolute outside


def test_a_folder_whose_name_starts_with_two_dots_is_inside(tmp_path: Path) -> None:
    """``..proj`` in the working folder is not its parent: a file in it is shown relative, as any other."""
    assert display(str(tmp_path / "..proj" / "accounts" / "a.md"), str(tmp_path)) == "..proj/accounts/a.md"
    assert display(str(tmp_path / "a.md"), str(tmp_path / "..proj")) == shown_name(str(tmp_path / "a.md"))


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


def test_check_given_hostile_file_names_still_reports_them(tmp_path: Path) -> None:
    # The pre-commit hook passes the staged files: an escaped name must still match the file asked about.
    write_canary_portfolio(tmp_path)
    _plant(tmp_path)
    contacts = b"accounts/canary-co/contacts/"
    given = [os.fsdecode(contacts + raw + b".md") for raw in HOSTILE]
    for cached in ([], ["--no-cache"]):
        done = accountplan("check", *cached, *given, cwd=tmp_path)
        assert done.returncode == 1, done.stdout
        for shown in HOSTILE.values():
            assert f"accounts/canary-co/contacts/{shown}.md:0:0: AP004 error" in done.stdout
        assert "canary-co/account.md" not in done.stdout  # only the files asked about


def test_a_theme_file_named_in_bytes_that_are_not_utf8_is_hashed(tmp_path: Path) -> None:
    from generator.incremental.versions import files_digest

    with open(os.fsencode(tmp_path) + b"/x\xff.css", "wb") as handle:
        handle.write(b"a{}")
    assert len(files_digest(tmp_path)) == 32  # was: every build failed on the theme's (or the package's) digest


def test_such_a_docs_file_and_project_folder_still_carry_over(tmp_path: Path) -> None:
    # A docs file's key and a project's cache names are hashes of paths: one that is not UTF-8 made every build a
    # cold one (the file dropped from the carried manifest) and the cached check fail.
    project = Path(os.fsdecode(os.fsencode(tmp_path) + b"/proj\xff"))
    write_canary_portfolio(project)
    with open(os.fsencode(project) + b"/docs/x\xff.png", "wb") as handle:
        handle.write(b"\x89PNG")
    env = {"ACCOUNTPLAN_CACHE": str(tmp_path / "cache")}
    assert accountplan("check", cwd=project, env=env).returncode in (0, 1)
    checked = accountplan("check", cwd=project, env=env)
    assert "Traceback" not in checked.stderr and "codec" not in checked.stderr, checked.stderr
    for _ in range(2):
        built = accountplan("build", cwd=project, env=env)
        assert built.returncode == 0, built.stderr
    assert "building every page" not in built.stderr and "pages carried over" in built.stderr, built.stderr


def test_fmt_given_a_hostile_name_refuses_it_and_prints_it_escaped(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    _plant(tmp_path)
    given = os.fsdecode(b"accounts/canary-co/contacts/c-esc\x1b[31mred.md")
    done = accountplan("fmt", "--check", given, cwd=tmp_path)
    assert "\x1b" not in done.stdout + done.stderr
    assert "c-esc\\x1b[31mred.md:0:0: AP004" in done.stderr and "would reformat" not in done.stdout


def test_every_diagnostic_shows_its_file_name_escaped() -> None:
    from generator.diagnostics import Diagnostic, Severity, format_github, format_json

    found = Diagnostic(os.fsdecode(b"x/c-\x1b]0;t\x07\xff.md"), 1, 1, "AP004", Severity.ERROR, "m")
    assert found.path == "x/c-\\x1b]0;t\\x07\\xff.md"
    assert "\x1b" not in format_github([found]) and "\x1b" not in format_json([found])
    format_json([found]).encode("utf-8")  # no lone surrogate left to fail the output


def test_fmt_fails_on_a_path_it_refuses(tmp_path: Path) -> None:
    # A refused path (a link, a pipe, a name the loader refuses) is not formatted: `fmt --check` must not pass.
    write_canary_portfolio(tmp_path)
    contacts = tmp_path / "accounts" / "canary-co" / "contacts"
    os.mkfifo(contacts / "c-pipe.md")
    (contacts / "c-link.md").symlink_to(contacts / "c-open.md")
    # A pipe is refused as an argument (exit 2, as `check` refuses it: named alone it passed), a link when read.
    for name, words, status in (("c-pipe.md", "not a regular file", 2), ("c-link.md", "symbolic link", 1)):
        done = accountplan("fmt", "--check", f"accounts/canary-co/contacts/{name}", cwd=tmp_path)
        assert done.returncode == status and words in done.stderr, done.stderr


def test_findings_still_reach_their_account_when_the_folder_name_is_shown_escaped(tmp_path: Path) -> None:
    # A shown path is compared with folders as shown (diagnostics.place): an ideographic space in the accounts
    # folder's name is escaped in diagnostics, and the account page had lost every finding (round 17's review).
    write_canary_portfolio(tmp_path)
    folder = "客户\u3000档案"
    (tmp_path / "accounts").rename(tmp_path / folder)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("accounts: accounts", f'accounts: "{folder}"'),
                      encoding="utf-8")
    checked = accountplan("check", cwd=tmp_path)
    assert "客户\\u3000档案/canary-co/" in checked.stdout and "AP3" in checked.stdout, checked.stdout
    done = accountplan("build", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "accounts" / "canary-co" / "index.html").read_text(encoding="utf-8")
    codes = {line.split()[1] for line in checked.stdout.splitlines() if "/canary-co/" in line and " warning:" in line}
    assert codes and all(code in page for code in codes)


def test_source_check_finds_the_sources_of_a_folder_whose_name_is_shown_escaped(tmp_path: Path) -> None:
    # The dossiers' files are named as shown; the paths asked about were compared raw, and matched nothing.
    import shutil

    from generator.load.portfolio import load_portfolio
    from generator.sources.check import cited_sources

    folder = tmp_path / "客户\u3000档案"
    shutil.copytree(Path(__file__).resolve().parents[1] / "accounts", folder)
    portfolio = load_portfolio(str(folder))
    everything = cited_sources(portfolio)
    one = [c for c in everything if "/atlas-freight/" in c.doc.path]
    assert one and cited_sources(portfolio, [str(folder / "atlas-freight")]) == one
