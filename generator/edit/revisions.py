"""Read the ``accounts/`` folder as it was at a git revision.

``git archive REV -- accounts`` streams the folder as a tar archive, unpacked here into a
temporary directory with Python's ``data`` filter (no absolute paths, no links out of the
tree, no device files), so a revision is loaded by the same loader as the working tree.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile

WORKTREE = "."
"""The revision name that means "the working tree as it is now" instead of a commit."""


class RevisionError(ValueError):
    """A revision or repository problem, with a message for the user."""


def git(*args: str, cwd: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``git`` and return the finished process; raises :class:`RevisionError` when git is missing."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=300)
    except FileNotFoundError:
        raise RevisionError("git is not installed or not on PATH") from None


def _out(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stdout.decode("utf-8", "replace").strip()


def locate(accounts: str) -> tuple[str, str]:
    """``(repository top level, accounts folder relative to it)`` for an accounts folder path."""
    folder = os.path.abspath(accounts)
    probe = folder
    while not os.path.isdir(probe):  # the folder may be missing in the working tree but exist at a revision
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    done = git("rev-parse", "--show-toplevel", cwd=probe)
    if done.returncode != 0:
        raise RevisionError(f"{accounts} is not inside a git repository")
    top = _out(done)
    relative = os.path.relpath(os.path.realpath(folder), os.path.realpath(top))
    if relative.startswith(".."):
        raise RevisionError(f"{accounts} is outside the repository {top}")
    return top, relative.replace(os.sep, "/")


def commit_of(top: str, rev: str) -> str:
    """The full commit id of ``rev``; a clear error for an unknown name."""
    done = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=top)
    if done.returncode != 0:
        raise RevisionError(f"unknown revision '{rev}' (fetch it first, e.g. 'git fetch origin main')")
    return _out(done)


def extract(top: str, relative: str, rev: str, dest: str) -> str:
    """Unpack ``relative`` (the accounts folder) at ``rev`` into ``dest``; returns the unpacked folder.

    A revision without the folder gives a path that does not exist: the loader reports it
    as an empty portfolio, which is what "no accounts yet" means.
    """
    commit = commit_of(top, rev)
    listed = git("ls-tree", "--name-only", commit, "--", relative, cwd=top)
    target = os.path.join(dest, *relative.split("/"))
    if listed.returncode != 0 or not listed.stdout.strip():
        return target
    done = git("archive", "--format=tar", commit, "--", relative, cwd=top)
    if done.returncode != 0:
        raise RevisionError(f"git archive failed for {rev}: {done.stderr.decode('utf-8', 'replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(dest, filter="data")
    return target
