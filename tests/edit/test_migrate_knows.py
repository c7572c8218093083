"""``accountplan migrate knows``: every owner gets a who-knows-whom record; the result checks, is canonical, and a
second run changes nothing; a file that does not load is left alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.load.portfolio import load_portfolio

from .conftest import cli
from .test_new import errors_in


def test_owners_become_knows_records_once(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "new", "contact", "acme", "--name", "Maria Olsen", "--date", "2026-11-27")[0] == 0
    before = {c.data.id: c.data.owners for d in load_portfolio(str(repo / "accounts")).dossiers for c in d.contacts}
    assert any(before.values())
    status, out, _ = cli(capsys, "migrate", "knows", "--check")
    assert status == 1 and "would change" in out
    status, out, _ = cli(capsys, "migrate", "knows")
    assert status == 0 and "0 left unchanged, 0 unknown owner(s) not copied" in out
    after = {c.data.id: c.data for d in load_portfolio(str(repo / "accounts")).dossiers for c in d.contacts}
    for cid, owners in before.items():
        assert after[cid].owners == owners  # owners stay
        assert [(k.person, k.strength) for k in after[cid].knows] == [(o, None) for o in owners]
    assert errors_in(repo, "accounts") == []
    assert cli(capsys, "fmt", "--check", "accounts")[0] == 0
    assert cli(capsys, "migrate", "knows", "--check")[0] == 0  # nothing left to do


def test_a_broken_contact_is_left_alone(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "new", "contact", "acme", "--name", "Maria Olsen", "--date", "2026-11-27")[0] == 0
    path = repo / "accounts" / "acme" / "contacts" / "c-maria-olsen.md"
    broken = path.read_text(encoding="utf-8").replace("level: middle", "level: boss")
    path.write_text(broken, encoding="utf-8")
    status, out, err = cli(capsys, "migrate", "knows")
    assert status == 1 and "c-maria-olsen.md: left unchanged" in err and "1 left unchanged" in out
    assert re.search(r"c-maria-olsen.md:\d+:\d+: AP104 error: 'boss' is not allowed here", err), err  # what, where
    assert path.read_text(encoding="utf-8") == broken
    assert "knows:\n  - person: p-tom-hale\n    strength: unknown" in (
        repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md").read_text(encoding="utf-8")  # the others migrate


def test_an_owner_not_in_the_roster_is_not_copied(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    path.write_text(path.read_text(encoding="utf-8").replace("owners: [p-tom-hale]", "owners: [p-tom-hale, p-tom-hal]"),
                    encoding="utf-8")
    status, out, err = cli(capsys, "migrate", "knows")
    assert status == 1 and "owner 'p-tom-hal' is not in roster.yml: not copied to knows" in err
    assert "1 unknown owner(s) not copied" in out
    text = path.read_text(encoding="utf-8")
    assert "person: p-tom-hale" in text and "person: p-tom-hal\n" not in text


def test_without_a_roster_that_loads_nothing_is_migrated(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = repo / "accounts" / "roster.yml"
    roster.write_text("people: [oops\n", encoding="utf-8")
    before = (repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md").read_text(encoding="utf-8")
    status, _, err = cli(capsys, "migrate", "knows")
    assert status == 1 and "roster.yml: does not load" in err
    assert (repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md").read_text(encoding="utf-8") == before
