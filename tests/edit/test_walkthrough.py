"""The newcomer's walkthrough from docs/editing-an-account.md, step by step, on a real git repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import cli, run_git

DOC = Path(__file__).resolve().parents[2] / "docs" / "editing-an-account.md"


def test_docs_show_the_commands_this_test_runs() -> None:
    text = DOC.read_text(encoding="utf-8")
    for command in ("git switch -c add-zhang-wei", "accountplan new contact helios-telecom --name \"Zhang Wei\"",
                    "accountplan check", "git commit -m \"Helios: add Zhang Wei\"", "accountplan diff main",
                    "accountplan fmt --check", "(rules.md)"):
        assert command in text, command
    shown = re.search(r"c-zhang-wei\.md:(\d+):10: AP102 error: expected a whole number, found 'supporter'", text)
    assert shown, "the docs show check's output with the line number"


def test_newcomer_walkthrough(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 1. a branch and a scaffolded contact
    run_git(repo, "switch", "-q", "-c", "add-maria")
    status, out, _ = cli(capsys, "new", "contact", "acme", "--name", "Maria Olsen", "--title", "CFO",
                         "--department", "Finance")
    assert status == 0 and "wrote accounts/acme/contacts/c-maria-olsen.md" in out
    path = repo / "accounts" / "acme" / "contacts" / "c-maria-olsen.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    support_line = lines.index("support: unknown") + 1   # a new contact is not yet known, not a neutral 3

    # 2. a mistake: the scale's word instead of its number; check names the file, line and column
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("support: unknown", "support: supporter"), encoding="utf-8")
    status, out, _ = cli(capsys, "check")
    assert status == 1
    assert (f"accounts/acme/contacts/c-maria-olsen.md:{support_line}:10: AP102 error: "
            "expected a whole number, found 'supporter'") in out
    reported = next(line for line in out.splitlines() if "AP102" in line)
    assert reported.split(": AP102 ", 1)[1] in DOC.read_text(encoding="utf-8"), "the docs show today's message"

    # 3. the fix passes; commit; diff describes the change in the method's words
    path.write_text(path.read_text(encoding="utf-8").replace("support: supporter", "support: 4"), encoding="utf-8")
    status, out, _ = cli(capsys, "check")
    assert status == 0 and "0 error(s)" in out
    run_git(repo, "add", "accounts")
    run_git(repo, "commit", "-q", "-m", "Acme: add Maria Olsen")
    status, out, _ = cli(capsys, "diff", "main")
    assert status == 0
    assert "**1 account(s) changed** between `main` and `HEAD`: 1 new contact(s)" in out
    assert "- New contact: Maria Olsen (CFO), other, support supporter, intimacy unknown\n" in out
