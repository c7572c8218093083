"""Nothing that can run code is read from where a pull request can write (SECURITY.md, issue 11).

``check`` and the serve path used to unpickle ``.cache/accountplan/`` in the working tree:
a pull request that force-added a crafted pickle there ran code on every machine that
checked the branch. Caches now live in the user's cache folder and every blob is sealed
with a key that never lives in a repository. Here a crafted pickle — one that creates a
marker file when unpickled — is planted in every place the tool used to read and in the
new cache folder, and ``check``, ``build`` and the serve path must never create the marker.
"""

from __future__ import annotations

import hmac
import mmap
import os
import pickle
import subprocess
from pathlib import Path

import pytest

from generator import usercache
from generator.config import load_settings
from generator.incremental import store as page_store
from generator.pipeline import gather
from tests.hostile_fixtures import accountplan, write_canary_portfolio


class _Exploit:
    """Unpickling this calls ``open(marker, "w")``: the marker file appears."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


def crafted(marker: Path) -> bytes:
    """A pickle that creates ``marker`` when loaded."""
    return pickle.dumps({"x": _Exploit(marker)}, protocol=pickle.HIGHEST_PROTOCOL)


def forged_seal(marker: Path) -> bytes:
    """The crafted pickle dressed as a sealed blob, with a tag the attacker had to guess."""
    return usercache.MAGIC + b"\0" * 32 + crafted(marker)


def test_the_crafted_pickle_would_run_if_it_were_ever_unpickled(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    pickle.loads(crafted(marker))  # the control: this is what the tool must never do
    assert marker.exists()


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Path, Path, list[Path]]:
    """A project whose cache files (new place) and in-tree ``.cache/accountplan`` (old place) all hold the exploit."""
    root = tmp_path / "project"
    write_canary_portfolio(root)
    marker = tmp_path / "pwned"
    done = accountplan("check", "--today", "2026-11-27", cwd=root)  # fills the cache: its names are the real ones
    assert done.returncode in (0, 1), done.stderr
    folder = Path(str(usercache.project_folder(root)))
    blobs = [p for p in folder.rglob("*") if p.is_file()]
    assert any(p.name.startswith("check-") for p in blobs) and any(p.suffix == ".pack" for p in blobs)
    places = []
    for blob in blobs:
        relative = blob.relative_to(folder)
        old = root / ".cache" / "accountplan" / relative
        for path, data in ((blob, forged_seal(marker)), (old, crafted(marker)),
                           (old.with_suffix(".pickle"), crafted(marker))):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            places.append(path)
    assert not marker.exists()
    return root, marker, places


def test_check_never_unpickles_a_planted_blob(planted: tuple[Path, Path, list[Path]]) -> None:
    root, marker, _ = planted
    for args in (("check",), ("check", "accounts"), ("check", "--cache-dir", ".cache/accountplan")):
        done = accountplan(*args, "--today", "2026-11-27", cwd=root)
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
        assert not marker.exists(), args


def test_a_plain_pickle_in_the_new_cache_folder_is_not_loaded_either(planted: tuple[Path, Path, list[Path]]) -> None:
    root, marker, _ = planted
    for blob in Path(str(usercache.project_folder(root))).rglob("*"):
        if blob.is_file():
            blob.write_bytes(crafted(marker))
    accountplan("check", "--today", "2026-11-27", cwd=root)
    assert not marker.exists()


def test_a_key_planted_beside_a_forged_blob_is_not_trusted(planted: tuple[Path, Path, list[Path]]) -> None:
    # ACCOUNTPLAN_CACHE pointed into the working tree (an old CI setting): the attacker commits a key
    # and a blob sealed with it. A file a git checkout writes is readable by others, so the key is refused.
    root, marker, places = planted
    key = os.urandom(32)
    in_tree = root / ".cache" / "accountplan"
    (in_tree / "key").write_bytes(key)
    os.chmod(in_tree / "key", 0o644)
    payload = crafted(marker)
    sealed = usercache.MAGIC + usercache._tag(key, payload) + payload
    for path in places:
        if in_tree in path.parents:
            path.write_bytes(sealed)
    done = accountplan("check", "--today", "2026-11-27", cwd=root, env={"ACCOUNTPLAN_CACHE": str(in_tree)})
    assert "Traceback" not in done.stderr, done.stderr
    assert not marker.exists()
    # The key is never kept in a cache folder: the planted one is neither read nor replaced.
    assert (in_tree / "key").read_bytes() == key and in_tree not in Path(usercache.key_file()).parents


def test_build_and_the_serve_path_never_unpickle_a_planted_blob(planted: tuple[Path, Path, list[Path]],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root, marker, _ = planted
    done = accountplan("build", "--quiet", cwd=root)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    monkeypatch.chdir(root)
    page_store.note_startup("serve", True)
    try:
        cache = usercache.project_cache(str(root / "mkdocs.yml"))
        assert cache == usercache.project_folder(root)
        gathered = gather(load_settings(str(root / "mkdocs.yml")), cache=cache)
    finally:
        page_store.note_startup("serve", False)
    assert gathered.portfolio.dossiers and not marker.exists()


def test_check_leaves_a_repository_clean(tmp_path: Path) -> None:
    # The pre-commit hooks run check (and fmt) in other repositories: nothing may appear in their work tree.
    root = tmp_path / "other-repo"
    write_canary_portfolio(root)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    def status() -> str:
        return subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=root,
                              capture_output=True, text=True, check=True).stdout

    before, listed = status(), set(root.rglob("*"))
    for _ in range(2):
        accountplan("check", "--today", "2026-11-27", "accounts/canary-co/account.md", cwd=root)
    assert set(root.rglob("*")) == listed
    assert status() == before


def test_the_key_is_private_and_the_cache_is_outside_the_project(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    usercache._key.cache_clear()
    assert usercache.unseal(usercache.seal({"a": 1})) == {"a": 1}
    key = tmp_path / "state" / "accountplan" / "key"  # not in the cache folder, which CI carries between runs
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32
    assert not (tmp_path / "xdg" / "accountplan" / "key").exists()
    project = tmp_path / "project"
    assert usercache.project_folder(project) == usercache.project_folder(tmp_path / "link-free" / ".." / "project")
    assert str(usercache.project_folder(project)).startswith(str(tmp_path / "xdg" / "accountplan") + os.sep)
    monkeypatch.setenv("ACCOUNTPLAN_CACHE", str(tmp_path / "explicit"))
    assert str(usercache.project_folder(project)).startswith(str(tmp_path / "explicit") + os.sep)
    monkeypatch.setenv("ACCOUNTPLAN_CACHE", "off")
    assert usercache.project_folder(project) is None
    monkeypatch.delenv("ACCOUNTPLAN_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert str(usercache.project_folder(project)).startswith(str(tmp_path / "home" / ".cache" / "accountplan"))


def test_a_blob_of_2_gib_or_more_is_tagged_not_a_crash(tmp_path: Path) -> None:
    # hmac.digest raised OverflowError from 2**31 bytes on: a planted file that size ended every build.
    planted = tmp_path / "carried-rules.00"
    with open(planted, "wb") as handle:
        handle.truncate(2**31 + 40)  # sparse: no disk, and its pages read as zeros
    with open(planted, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        view = memoryview(mapped)
        try:
            tag = usercache._tag(bytes(32), view)
        finally:
            view.release()
    streamed = hmac.new(bytes(32), digestmod="sha256")
    with open(planted, "rb") as handle:
        while chunk := handle.read(1 << 24):
            streamed.update(chunk)
    assert tag == streamed.digest()
