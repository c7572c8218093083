"""Hostile files (SECURITY.md, section Files): encodings, sizes, links, names, invisible characters."""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.config import Settings
from generator.diagnostics import Diagnostic, Severity
from generator.edit.fmt import format_files
from generator.incremental.load import _read as read_cached
from generator.load import files
from generator.load.files import MAX_BYTES, load_document, slug_problem
from generator.load.portfolio import load_portfolio
from generator.load.tasks import Task, load_task
from generator.model import Account
from generator.rules import validate

ROSTER = "people:\n  - {id: p-ann, name: Ann Lee, title: Account manager}\n"
ACCOUNT = """\
---
name: Acme – North
tier: C
industry: Retail
region: North
market: mature
currency: EUR
team:
  - {person: p-ann, role: AR}
---
# Acme

Narrative.
"""


def portfolio(tmp_path: Path, tree: dict[str, str | bytes]) -> tuple[Path, list[Diagnostic], list[str]]:
    """Write ``tree`` (plus a roster) under accounts/, check it; returns (root, diagnostics, loaded slugs)."""
    root = tmp_path / "accounts"
    for rel, content in {"roster.yml": ROSTER, **tree}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    loaded = load_portfolio(str(root))
    found = validate(loaded, Settings(today=dt.date(2026, 11, 27)))
    return root, found, [d.slug for d in loaded.dossiers]


def rel(root: Path, d: Diagnostic) -> str:
    """A diagnostic's path relative to the accounts folder."""
    return os.path.relpath(os.path.abspath(d.path), root)


def load(raw: bytes) -> tuple[Any, list[Diagnostic]]:
    """Load ``raw`` as an account's main file."""
    return load_document("account.md", raw, Account)


PLAIN = ACCOUNT.encode("utf-8")


@pytest.mark.parametrize(
    "variant",
    [b"\xef\xbb\xbf" + PLAIN, PLAIN.replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + PLAIN.replace(b"\n", b"\r\n"),
     PLAIN.replace(b"\n", b"\r")],
    ids=["bom", "crlf", "bom-crlf", "cr"],
)
def test_bom_and_line_endings_parse_exactly_like_the_plain_file(variant: bytes) -> None:
    plain, plain_problems = load(PLAIN)
    doc, problems = load(variant)
    assert problems == plain_problems == []
    assert (doc.data, doc.positions, doc.body, doc.body_line) == (
        plain.data, plain.positions, plain.body, plain.body_line)
    assert doc.positions[("team", 0, "person")] == (9, 14)


@pytest.mark.parametrize("ending", [b"---", b"---   ", b"---\r\n", b"..."])
def test_no_newline_after_the_closing_line_parses_like_the_plain_file(ending: bytes) -> None:
    frontmatter = PLAIN.split(b"---\n# Acme")[0]
    plain, _ = load(frontmatter + b"---\n")
    doc, problems = load(frontmatter + ending)
    assert problems == []
    assert (doc.data, doc.positions, doc.body) == (plain.data, plain.positions, "")


def test_cp1252_bytes_are_an_error_with_the_byte_offset() -> None:
    raw = PLAIN.replace("–".encode(), b"\x96")
    doc, problems = load(raw)
    assert doc is None
    offset = raw.index(b"\x96")
    assert [(d.line, d.column, d.code) for d in problems] == [(2, 12, "AP001")]
    assert f"byte offset {offset} (0x96)" in problems[0].message and offset == 15


def test_cp1252_file_in_a_portfolio_names_the_file(tmp_path: Path) -> None:
    root, found, slugs = portfolio(tmp_path, {"acme/account.md": PLAIN.replace("–".encode(), b"\x96")})
    assert [(rel(root, d), d.line, d.column) for d in found if d.code == "AP001"] == [("acme/account.md", 2, 12)]
    assert slugs == []


def test_oversized_file_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversized file reached the parser")

    monkeypatch.setattr(files, "parse", never)
    monkeypatch.setattr(files, "split_frontmatter", never)
    doc, problems = load(PLAIN + b"x" * (MAX_BYTES + 1 - len(PLAIN)))
    assert doc is None and [(d.line, d.code) for d in problems] == [(0, "AP002")]
    assert "1,000,000 bytes" in problems[0].message


def test_a_file_at_the_size_limit_is_still_read() -> None:
    doc, problems = load(PLAIN + b"x" * (MAX_BYTES - len(PLAIN)))
    assert problems == [] and doc.data.name == "Acme – North"


def test_huge_sparse_file_in_a_portfolio_is_refused(tmp_path: Path) -> None:
    root, found, _ = portfolio(tmp_path, {"acme/account.md": ACCOUNT})
    with open(root / "acme" / "account.md", "r+b") as handle:
        handle.truncate(50 * MAX_BYTES)  # sparse: costs no disk, but a naive loader would read 50 MB
    found = validate(load_portfolio(str(root)), Settings(today=dt.date(2026, 11, 27)))
    assert [(rel(root, d), d.code) for d in found if d.severity is Severity.ERROR] == [("acme/account.md", "AP002")]


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../../../../etc/passwd"])
def test_symlinked_file_out_of_accounts_is_refused(tmp_path: Path, target: str) -> None:
    root, _, _ = portfolio(tmp_path, {"acme/account.md": ACCOUNT})
    (root / "acme" / "contacts").mkdir()
    os.symlink(target, root / "acme" / "contacts" / "c-bob.md")
    found = validate(load_portfolio(str(root)), Settings(today=dt.date(2026, 11, 27)))
    assert [(rel(root, d), d.code) for d in found if d.severity is Severity.ERROR] == [
        ("acme/contacts/c-bob.md", "AP003")]
    assert not any("root:" in d.message for d in found)


def test_symlinked_folder_to_parent_is_refused(tmp_path: Path) -> None:
    root, _, _ = portfolio(tmp_path, {"acme/account.md": ACCOUNT})
    os.symlink("../..", root / "escape")
    loaded = load_portfolio(str(root))
    assert [(rel(root, d), d.code) for d in loaded.diagnostics] == [("escape", "AP003")]
    assert [d.slug for d in loaded.dossiers] == ["acme"]


def test_symlinked_roster_is_refused_with_one_error(tmp_path: Path) -> None:
    root, _, _ = portfolio(tmp_path, {"acme/account.md": ACCOUNT})
    (root / "roster.yml").rename(tmp_path / "elsewhere.yml")
    os.symlink(tmp_path / "elsewhere.yml", root / "roster.yml")
    loaded = load_portfolio(str(root))
    # The refusal is the root error: no second, false "roster.yml is missing" (AP008).
    assert sorted((rel(root, d), d.code) for d in loaded.diagnostics) == [("roster.yml", "AP003")]
    assert loaded.roster is None


@pytest.mark.parametrize(
    "name, words",
    [("../x", "only lower-case"), ("..", "only lower-case"), ("%2e%2e", "only lower-case"), ("a/b", "only lower-case"),
     ("CON", "only lower-case"), ("con", "reserved"), ("nul", "reserved"), ("com1", "reserved"), ("lpt9", "reserved"),
     ("Acme", "only lower-case"), ("аcme", "non-ASCII"), ("ａcme", "non-ASCII"), ("acme\n", "only lower-case"),
     ("", "only lower-case"), ("-acme", "only lower-case"), ("acme-", "only lower-case"), ("ac--me", "only lower-case"),
     ("ac me", "only lower-case"), ("ac_me", "only lower-case"), (".acme", "only lower-case")],
)
def test_bad_slugs_are_refused(name: str, words: str) -> None:
    problem = slug_problem(name)
    assert problem is not None and words in problem


@pytest.mark.parametrize("name", ["acme", "acme-north", "c-zhang-wei", "2026-11-27-visit", "a1", "console", "com10"])
def test_good_slugs_pass(name: str) -> None:
    assert slug_problem(name) is None


@pytest.mark.parametrize("folder", ["%2e%2e", "CON", "con", "Acme", "аcme", "acme corp", "acme.old"])
def test_bad_folder_names_are_refused_and_not_loaded(tmp_path: Path, folder: str) -> None:
    root, found, slugs = portfolio(tmp_path, {f"{folder}/account.md": ACCOUNT})
    assert [(rel(root, d), d.line, d.code) for d in found if d.severity is Severity.ERROR] == [(folder, 0, "AP004")]
    assert slugs == []


def test_two_folders_differing_only_by_case_are_both_refused(tmp_path: Path) -> None:
    root, found, slugs = portfolio(tmp_path, {"Acme/account.md": ACCOUNT, "acme/account.md": ACCOUNT})
    assert sorted((rel(root, d), d.code) for d in found if d.severity is Severity.ERROR) == [
        ("Acme", "AP004"), ("acme", "AP004")]
    assert slugs == []


def test_contact_files_differing_only_by_case_are_refused(tmp_path: Path) -> None:
    contact = "---\nid: c-bob\n---\n"
    root, found, _ = portfolio(tmp_path, {"acme/account.md": ACCOUNT, "acme/contacts/C-bob.md": contact,
                                         "acme/contacts/c-bob.md": contact})
    assert sorted((rel(root, d), d.code) for d in found if d.code == "AP004") == [
        ("acme/contacts/C-bob.md", "AP004"), ("acme/contacts/c-bob.md", "AP004")]


BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_bidi_controls_in_frontmatter_are_flagged(char: str) -> None:
    doc, problems = load(PLAIN.replace(b"region: North", f"region: No{char}rth".encode()))
    assert [(d.line, d.column, d.code) for d in problems] == [(5, 9, "AP106")]
    assert doc is None  # region is required, so the record is refused


@pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_bidi_controls_in_the_body_are_flagged(char: str) -> None:
    _, problems = load(PLAIN.replace(b"Narrative.", f"Narr{char}ative.".encode()))
    assert [(d.line, d.column, d.code) for d in problems] == [(13, 5, "AP106")]
    assert f"U+{ord(char):04X}" in problems[0].message


def test_ten_broken_files_are_all_reported_in_one_run(tmp_path: Path) -> None:
    contact = ("---\nid: {id}\nname: N\ntitle: T\ndepartment: D\nlevel: staff\nrole: user\ninfluence: 1\n"
               "intimacy: 3\nsupport: 3\nreview_by: 2027-06-01\n---\n")
    broken = {
        "acme/contacts/c-1.md": b"---\nid: c-1\nname: \x96\n---\n",  # AP001
        "acme/contacts/c-2.md": b"---\n" + b"#" * MAX_BYTES + b"\n---\n",  # AP002
        "acme/contacts/c-3.md": "---\nid: [c-3\n---\n",  # AP005
        "acme/contacts/c-4.md": "---\nid: &a c-4\n---\n",  # AP007
        "acme/contacts/c-5.md": "no frontmatter\n",  # AP008
        "acme/contacts/c-6.md": contact.format(id="c-6").replace("level: staff", "level: staff\nlevel: staff"),  # AP009
        "acme/contacts/c-7.md": contact.format(id="c-7").replace("role: user", "rol: user"),  # AP101, AP103
        "acme/contacts/c-8.md": contact.format(id="c-8").replace("influence: 1", "influence: 9"),  # AP104
        "acme/contacts/c-9.md": contact.format(id="c-9").replace("2027-06-01", "2027-02-30"),  # AP105
        "acme/contacts/c-10.md": contact.format(id="c-ten"),  # AP201
    }
    root, found, _ = portfolio(tmp_path, {"acme/account.md": ACCOUNT, **broken})
    reported = {rel(root, d) for d in found if d.severity is Severity.ERROR}
    assert reported == set(broken)
    codes = {d.code for d in found if d.severity is Severity.ERROR}
    assert codes == {"AP001", "AP002", "AP005", "AP007", "AP008", "AP009", "AP101", "AP103", "AP104", "AP105", "AP201"}


# --- a file swapped after discovery: every reader of dossier files opens it the same way ----------


@pytest.fixture
def swapped(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A pipe, a link to a secret and /dev/zero's link, where discovery had seen regular files; an alarm ends a hang."""
    pipe, link, zero = tmp_path / "c-pipe.md", tmp_path / "c-link.md", tmp_path / "c-zero.md"
    os.mkfifo(pipe)
    (tmp_path / "secret").write_text("---\nid: c-link\n---\nsecret\n", encoding="utf-8")
    link.symlink_to(tmp_path / "secret")
    zero.symlink_to("/dev/zero")
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("a read waited on a pipe"))
    signal.alarm(20)
    yield {"pipe": pipe, "link": link, "zero": zero}
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("which, words", [("pipe", "not a regular file"), ("link", "symbolic link"),
                                          ("zero", "symbolic link")])
def test_the_loader_neither_waits_on_a_pipe_nor_follows_a_link(swapped: dict[str, Path], which: str,
                                                                 words: str) -> None:
    path = str(swapped[which])
    _, doc, problems = load_task(Task(path, path, "contact", "acme"))
    assert doc is None and [(d.code, words in d.message) for d in problems] == [("AP001", True)]
    assert read_cached(path) is None  # the load cache's read too


def test_fmt_reports_a_pipe_instead_of_waiting(swapped: dict[str, Path]) -> None:
    [result] = format_files([str(swapped["pipe"])])
    assert not result.changed and [d.code for d in result.problems] == ["AP001"]


def test_a_pipe_or_dev_zero_planted_in_the_cache_folder_is_a_miss(swapped: dict[str, Path]) -> None:
    from generator import usercache

    for which in ("pipe", "zero", "link"):
        assert usercache.load(str(swapped[which])) is None  # was: a build waited on the pipe, read /dev/zero forever
