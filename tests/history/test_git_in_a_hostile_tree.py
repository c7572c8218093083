"""Git never uses a repository a pull request planted in the working tree.

Git looks for a repository in the folder it runs from before the folders above it. ``HEAD``, ``objects/``,
``refs/`` and ``config`` are ordinary files to commit, so a pull request could make ``accounts/`` itself look like
a repository, whose ``config`` names a program (``gpg.program`` with ``log.showSignature``): git ran it from the
history read of ``accountplan build`` (found by round 17's attack review). Every git command now refuses such a
repository (``safe.bareRepository=explicit``), and those programs are off.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

from generator.history import git
from tests.hostile_fixtures import accountplan, write_canary_portfolio

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def _git(where: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=where, input=stdin, capture_output=True, text=True, check=True,
                          env={**os.environ, **(env or {})})
    return done.stdout.strip()


def _plant_repository(accounts: Path, canary: Path) -> None:
    """Make ``accounts/`` a repository whose one commit is "signed", and whose config names a program to check it."""
    script = accounts / "objects" / "gpg.sh"
    script.parent.mkdir(parents=True)
    script.write_text(f"#!/bin/sh\necho ran >> {canary}\n", encoding="utf-8")
    script.chmod(0o755)
    (accounts / "refs" / "heads").mkdir(parents=True)
    (accounts / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (accounts / "config").write_text("[core]\n\tbare = false\n\tworktree = ..\n[log]\n\tshowSignature = true\n"
                                     "[gpg]\n\tprogram = objects/gpg.sh\n[user]\n\temail = planted@example.com\n",
                                     encoding="utf-8")
    planted = {"GIT_DIR": str(accounts)}
    _git(accounts, "hash-object", "-t", "tree", "-w", "--stdin", stdin="", env=planted)
    commit = (f"tree {EMPTY_TREE}\nauthor A <a@example.com> 1700000000 +0000\n"
              "committer A <a@example.com> 1700000000 +0000\n"
              "gpgsig -----BEGIN PGP SIGNATURE-----\n \n x\n -----END PGP SIGNATURE-----\n\nsigned\n")
    sha = _git(accounts, "hash-object", "-t", "commit", "-w", "--stdin", stdin=commit, env=planted)
    (accounts / "refs" / "heads" / "main").write_text(sha + "\n", encoding="utf-8")


def test_the_planted_repository_would_run_its_program_without_the_guard(tmp_path: Path) -> None:
    # The premise: plain git, run from the planted folder, runs the program.
    accounts, canary = tmp_path / "accounts", tmp_path / "ran.txt"
    accounts.mkdir()
    _plant_repository(accounts, canary)
    subprocess.run(["git", "log", "-1"], cwd=accounts, capture_output=True, check=False)
    assert canary.is_file()


def test_no_git_command_uses_a_repository_planted_in_the_accounts_folder(tmp_path: Path) -> None:
    project, canary = tmp_path / "project", tmp_path / "ran.txt"
    write_canary_portfolio(project)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "-c", "user.email=a@example.com", "-c", "user.name=A", "commit", "-q", "--allow-empty", "-m", "base")
    _plant_repository(project / "accounts", canary)
    _git(project, "add", "-A")
    _git(project, "-c", "user.email=a@example.com", "-c", "user.name=A", "commit", "-q", "-m", "the pull request")
    done = accountplan("build", cwd=project)
    assert "Traceback" not in done.stderr, done.stderr
    assert "no git history read for the accounts folder" in done.stderr  # and why:
    assert "looks like a git repository (HEAD, objects/, refs/)" in done.stderr, done.stderr
    git.git("log", "-1", cwd=str(project))
    for args in (("log", "-1"), ("rev-parse", "--show-toplevel")):
        # Refused before git runs (refuse_planted); else git refuses it itself (safe.bareRepository).
        with contextlib.suppress(git.RevisionError):
            git.git(*args, cwd=str(project / "accounts"))
    assert git.user_email(str(project / "accounts")) != "planted@example.com"  # `new` would write as them
    assert not canary.exists(), "git ran a program named by a configuration in the working tree"
    # The project's own repository is still found from its top.
    assert git.locate(str(project / "docs"))[0] == str(project.resolve())


def test_a_planted_repository_is_refused_before_git_runs(tmp_path: Path) -> None:
    # Git before 2.38 ignores safe.bareRepository: the tool looks for a planted repository itself.
    import pytest

    accounts, canary = tmp_path / "accounts", tmp_path / "ran.txt"
    accounts.mkdir()
    _plant_repository(accounts, canary)
    with pytest.raises(git.RevisionError, match="looks like a git repository"):
        git.git("log", "-1", cwd=str(accounts / "refs"))
    assert not canary.exists()


def test_a_planted_repository_whose_head_is_a_link_is_refused_too(tmp_path: Path) -> None:
    # Git takes a dangling link for HEAD and an executable file for refs (review): so does the check.
    import pytest

    planted = tmp_path / "accounts"
    (planted / "objects" / "info").mkdir(parents=True)
    (planted / "HEAD").symlink_to("refs/heads/main")
    (planted / "refs").write_text("", encoding="utf-8")
    (planted / "refs").chmod(0o755)
    with pytest.raises(git.RevisionError, match="looks like a git repository"):
        git.refuse_planted(str(planted))


def test_a_planted_repository_with_a_commondir_is_refused_too(tmp_path: Path) -> None:
    # Git looks for objects and refs where a commondir file says (review).
    import pytest

    planted = tmp_path / "accounts"
    (planted / "sub" / "objects").mkdir(parents=True)
    (planted / "sub" / "refs" / "heads").mkdir(parents=True)
    (planted / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (planted / "commondir").write_text("sub\n", encoding="utf-8")
    with pytest.raises(git.RevisionError, match="looks like a git repository"):
        git.refuse_planted(str(planted))


def test_an_accounts_folder_whose_name_starts_with_two_dots_is_in_the_repository(tmp_path: Path) -> None:
    """``..accounts`` inside the repository is not outside it."""
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "..accounts").mkdir()
    assert git.locate(str(tmp_path / "..accounts")) == (str(tmp_path.resolve()), "..accounts")
