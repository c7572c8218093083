"""The carried site's copy into a build folder, made by a child process (:mod:`generator.incremental.site_copy`)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from generator.incremental import child, site_copy
from generator.incremental.child import ChildFailed

FILES = {"index.html": b"<html>home", "accounts/a/index.html": b"<html>a", "assets/x.css": b"p{}"}


def _tree(root: Path) -> list[tuple[str, bytes]]:
    for relative, data in FILES.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)
    return [(relative, site_copy.file_hash(data)) for relative, data in FILES.items()]


def test_the_child_copies_every_file_and_gives_the_stat_of_each(tmp_path: Path) -> None:
    files = _tree(tmp_path / "tree")
    (tmp_path / "out").mkdir()
    stats = site_copy.copy_in_child(str(tmp_path / "tree"), str(tmp_path / "out"), files, oldest=False)
    assert {r: (tmp_path / "out" / r).read_bytes() for r in FILES} == FILES
    assert stats == {r: site_copy.stat_key(os.stat(tmp_path / "out" / r)) for r in FILES}


def test_a_servers_copy_is_dated_at_the_epoch(tmp_path: Path) -> None:
    files = _tree(tmp_path / "tree")
    (tmp_path / "out").mkdir()
    site_copy.copy_in_child(str(tmp_path / "tree"), str(tmp_path / "out"), files, oldest=True)
    assert {(tmp_path / "out" / r).stat().st_mtime_ns for r in FILES} == {0}


@pytest.mark.parametrize("change", ["changed", "missing"])
def test_a_file_that_is_not_the_manifests_fails_the_copy(tmp_path: Path, change: str) -> None:
    files = _tree(tmp_path / "tree")
    target = tmp_path / "tree" / "accounts" / "a" / "index.html"
    if change == "changed":
        target.write_bytes(b"<html>planted")
    else:
        target.unlink()
    (tmp_path / "out").mkdir()
    with pytest.raises(ChildFailed, match=re.escape("accounts/a/index.html")):
        site_copy.copy_in_child(str(tmp_path / "tree"), str(tmp_path / "out"), files, oldest=False)
    with pytest.raises((ValueError, OSError)):
        site_copy.copy_files(str(tmp_path / "tree"), str(tmp_path / "out"), files, oldest=False)


def test_the_child_reads_nothing_from_the_environment_or_the_working_folder(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """``python -I -S``: a module planted where ``PYTHONPATH`` or the working folder points is never imported."""
    planted = tmp_path / "planted"
    planted.mkdir()
    for name in ("json", "hashlib", "sitecustomize"):
        (planted / f"{name}.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w').write('{name}')\n")
    monkeypatch.setenv("PYTHONPATH", str(planted))
    monkeypatch.setenv("PYTHONSTARTUP", str(planted / "json.py"))
    monkeypatch.chdir(planted)
    files = _tree(tmp_path / "tree")
    (tmp_path / "out").mkdir()
    site_copy.copy_in_child(str(tmp_path / "tree"), str(tmp_path / "out"), files, oldest=False)
    assert not (tmp_path / "ran").exists()
    assert (tmp_path / "out" / "index.html").read_bytes() == FILES["index.html"]


def test_without_a_child_the_copy_is_made_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no interpreter")

    monkeypatch.setattr(subprocess, "run", refuse)
    files = _tree(tmp_path / "tree")
    (tmp_path / "out").mkdir()
    stats = site_copy.copy_in_child(str(tmp_path / "tree"), str(tmp_path / "out"), files, oldest=False)
    assert set(stats) == set(FILES) and (tmp_path / "out" / "assets" / "x.css").read_bytes() == b"p{}"


def test_the_child_copies_without_waiting_for_the_end_of_its_input(tmp_path: Path) -> None:
    """A worker forked while the request was written holds the pipe open: the child reads its one frame only."""
    files = _tree(tmp_path / "tree")
    (tmp_path / "out").mkdir()
    request = json.dumps({"tree": str(tmp_path / "tree"), "site": str(tmp_path / "out"), "oldest": False,
                          "files": [[relative, digest.hex()] for relative, digest in files]}).encode()
    process = subprocess.Popen(child.command(site_copy.__file__), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"".join(child.frames([request])))
        process.stdin.flush()  # not closed
        assert process.wait(timeout=30) == 0
        assert set(json.loads(process.stdout.read())) == set(FILES)
    finally:
        process.stdin.close()
        process.kill()


@pytest.mark.parametrize("planted", ["pipe", "link"])
def test_a_pipe_or_a_link_in_the_carried_tree_fails_the_copy_at_once(tmp_path: Path, planted: str) -> None:
    """Someone who can write the cache folder puts a pipe (the copy waited on it forever) or a link to ``/dev/zero``
    (read without end) in a page's place: the copy fails, and the build builds every page (found by a helper)."""
    files = _tree(tmp_path / "tree")
    target = tmp_path / "tree" / "accounts" / "a" / "index.html"
    target.unlink()
    if planted == "pipe":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    (tmp_path / "out").mkdir()
    with pytest.raises(ChildFailed, match=re.escape("accounts/a/index.html")):
        site_copy.copy_in_child(str(tmp_path / "tree"), str(tmp_path / "out"), files, oldest=False)
    with pytest.raises((OSError, ValueError)):
        site_copy.copy_files(str(tmp_path / "tree"), str(tmp_path / "out"), files, oldest=False)
