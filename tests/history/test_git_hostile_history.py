"""A pull request commits what it likes, and ``diff`` and the history read it as committed, within bounds.

``extract`` used ``git archive``, which applies the committed ``.gitattributes``: ``export-ignore`` left a
changed contact out, so ``accountplan diff`` (posted as the PR comment) said "Contact file deleted" instead of
the change, and ``export-subst`` rewrote a file. ``read_blobs`` read every blob whole and cut it afterwards, so
a few commits of a huge file held them all in memory. Both found by the attack review.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.history import git, unpack
from generator.load.portfolio import load_portfolio
from generator.load.tasks import READ_LIMIT
from generator.model import codes
from tests.edit.conftest import ACCOUNT, CONTACT, ROSTER, write

ATTRIBUTES = "acme/contacts/c-zhang-wei.md export-ignore\nacme/account.md export-subst\n"


def _git(where: Path, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=where, input=stdin, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one committed account, as the working directory; the user's git config is not read."""
    for key, value in {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
                       "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull,
                       "GIT_CONFIG_NOSYSTEM": "1"}.items():
        monkeypatch.setenv(key, value)
    top = tmp_path / "repo"
    write(top / "accounts" / "roster.yml", ROSTER)
    write(top / "accounts" / "acme" / "account.md", ACCOUNT)
    write(top / "accounts" / "acme" / "contacts" / "c-zhang-wei.md", CONTACT)
    monkeypatch.chdir(top)
    _git(top, "init", "-q", "-b", "main")
    _git(top, "add", "-A")
    _git(top, "commit", "-q", "-m", "base")
    return top


def _hide_a_change(repo: Path) -> None:
    """Lower a support and commit, with attributes that ``git archive`` would apply, in one commit."""
    contact = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    contact.write_text(CONTACT.replace("support: 3", "support: 1"), encoding="utf-8")
    account = repo / "accounts" / "acme" / "account.md"
    account.write_text(ACCOUNT + "Ref $Format:%H$.\n", encoding="utf-8")
    (repo / "accounts" / ".gitattributes").write_text(ATTRIBUTES, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "hide it")


def test_git_archive_would_apply_the_committed_attributes(repo: Path) -> None:
    # The premise: git archive leaves the contact out and rewrites the account.
    _hide_a_change(repo)
    tar = subprocess.run(["git", "archive", "--format=tar", "HEAD", "--", "accounts"], cwd=repo,
                         capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        assert "accounts/acme/contacts/c-zhang-wei.md" not in archive.getnames()
        account = archive.extractfile("accounts/acme/account.md")
        assert account is not None and b"$Format:%H$" not in account.read()


def test_extract_gives_the_committed_bytes_whatever_the_attributes_say(repo: Path, tmp_path: Path) -> None:
    _hide_a_change(repo)
    folder = Path(unpack.extract(str(repo), "accounts", "HEAD", str(tmp_path / "out")))
    committed = _git(repo, "ls-tree", "-r", "--name-only", "HEAD", "--", "accounts").splitlines()
    found = sorted(str(p.relative_to(folder.parent)) for p in folder.rglob("*") if p.is_file())
    assert found == sorted(committed)
    for name in committed:
        blob = subprocess.run(["git", "cat-file", "blob", f"HEAD:{name}"], cwd=repo, capture_output=True,
                              check=True).stdout
        assert (folder.parent / name).read_bytes() == blob
    assert "$Format:%H$" in (folder / "acme" / "account.md").read_text(encoding="utf-8")


def test_diff_reports_the_change_the_attributes_would_hide(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _hide_a_change(repo)
    capsys.readouterr()
    status = main(["--config", "", "diff", "HEAD~1", "HEAD", "--today", "2026-11-27"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "- Zhang Wei (CTO): support neutral → opponent ▼\n" in out
    assert "deleted" not in out


def test_extract_leaves_out_names_that_are_not_plain(repo: Path, tmp_path: Path) -> None:
    # git itself never checks such a tree out, but a pushed commit can hold one (made with mktree).
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin="escaped\n")
    contact = _git(repo, "rev-parse", "HEAD:accounts/acme/contacts/c-zhang-wei.md")
    dot_git = _git(repo, "mktree", stdin=f"100644 blob {blob}\tconfig\n")
    sub = _git(repo, "mktree", stdin=f"100644 blob {blob}\t..\n100644 blob {contact}\tc-zhang-wei.md\n")
    accounts = _git(repo, "mktree", stdin=f"100644 blob {blob}\t..\n040000 tree {dot_git}\t.git\n"
                                          f"040000 tree {dot_git}\t.GIT\n040000 tree {sub}\tcontacts\n")
    top = _git(repo, "mktree", stdin=f"040000 tree {accounts}\taccounts\n")
    commit = _git(repo, "commit-tree", top, "-m", "hostile names")
    out = tmp_path / "deep" / "out"
    folder = Path(unpack.extract(str(repo), "accounts", commit, str(out)))
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if "repo" not in p.parts)
    assert written == ["deep", "deep/out", "deep/out/accounts", "deep/out/accounts/contacts",
                       "deep/out/accounts/contacts/c-zhang-wei.md"]
    assert (folder / "contacts" / "c-zhang-wei.md").read_text(encoding="utf-8") == CONTACT


def _big_history(repo: Path, versions: int = 3, size: int = 5_000_000) -> list[str]:
    """Commit a contact of ``size`` bytes ``versions`` times; its blob ids."""
    big = repo / "accounts" / "acme" / "contacts" / "c-big.md"
    blobs = []
    for n in range(versions):
        big.write_bytes(b"---\nid: c-big\n---\n" + bytes([65 + n]) * size)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"big {n}")
        blobs.append(_git(repo, "rev-parse", "HEAD:accounts/acme/contacts/c-big.md"))
    return blobs


def test_read_blobs_never_asks_for_a_blob_over_the_limit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = _big_history(repo)
    small = _git(repo, "rev-parse", "HEAD:accounts/acme/contacts/c-zhang-wei.md")
    asked: list[tuple[tuple[str, ...], bytes]] = []
    plain = git.git

    def recorded(*args: str, cwd: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        done = plain(*args, cwd=cwd, stdin=stdin)
        asked.append((args, stdin or b""))
        assert len(done.stdout) < 1_000_000  # git never hands over a big blob
        return done

    monkeypatch.setattr(git, "git", recorded)
    blobs = git.read_blobs(str(repo), [*big, small, "0" * 40])
    assert git.BLOB_LIMIT == READ_LIMIT + 1  # one past what the loader reads: still too large for it
    assert {k: len(v) for k, v in blobs.items()} == {**dict.fromkeys(big, git.BLOB_LIMIT), small: len(CONTACT)}
    assert blobs[small] == CONTACT.encode()
    assert blobs[big[0]] is blobs[big[1]] is blobs[big[2]]  # one marker, not one copy each
    batches = [stdin for args, stdin in asked if args == ("cat-file", "--batch")]
    assert batches == [f"{small}\n".encode()]


def test_a_big_committed_file_is_written_cut_and_still_refused(repo: Path, tmp_path: Path) -> None:
    _big_history(repo, versions=1)
    folder = unpack.extract(str(repo), "accounts", "HEAD", str(tmp_path / "out"))
    assert os.path.getsize(os.path.join(folder, "acme", "contacts", "c-big.md")) == git.BLOB_LIMIT
    diagnostics = load_portfolio(folder).diagnostics
    assert [(os.path.basename(d.path), d.code) for d in diagnostics if d.code == codes.FILE_TOO_LARGE] == [
        ("c-big.md", codes.FILE_TOO_LARGE)]
