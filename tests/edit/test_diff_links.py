"""A symbolic link committed under ``accounts/``: ``diff`` and ``score --rev`` report it (AP003), never follow it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.history import git as history_git
from generator.history import unpack

from .conftest import cli, run_git


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../../outside.md", "c-zhang-wei.md"])
def test_committed_link_is_reported_not_followed(repo: Path, capsys: pytest.CaptureFixture[str], target: str) -> None:
    link = repo / "accounts" / "acme" / "contacts" / "c-evil.md"
    os.symlink(target, link)
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-q", "-m", "a link")
    _, out, err = cli(capsys, "diff", "HEAD~1", "--today", "2026-11-27")
    assert "Traceback" not in err and "Error:" not in err
    assert "AP003" in out + err and "c-evil.md" in out + err
    _, out, err = cli(capsys, "score", "--rev", "HEAD")
    assert "AP003" in out + err and "root:" not in out + err


def test_extract_keeps_other_files_and_points_links_nowhere(repo: Path, tmp_path: Path) -> None:
    os.symlink("/etc/passwd", repo / "accounts" / "acme" / "contacts" / "c-evil.md")
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-q", "-m", "a link")
    dest = tmp_path / "out"
    folder = Path(unpack.extract(str(repo), "accounts", "HEAD", str(dest)))
    assert (folder / "acme" / "contacts" / "c-zhang-wei.md").read_text(encoding="utf-8").startswith("---")
    evil = folder / "acme" / "contacts" / "c-evil.md"
    assert evil.is_symlink() and os.readlink(evil) == unpack.INERT_LINK and not evil.exists()


def test_history_does_not_read_a_link_as_a_file(repo: Path) -> None:
    contact = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    contact.unlink()
    os.symlink("/etc/passwd", contact)
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-q", "-m", "file becomes a link")
    last = history_git.log(str(repo), "accounts")[-1]
    assert [(c.old, c.new) for c in last.changes] == [("acme/contacts/c-zhang-wei.md", None)]
