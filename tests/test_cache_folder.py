"""The cache folder and its sealing key (generator/usercache.py, docs/privacy.md).

* The key is never inside the cache folder, which CI carries between runs: a folder carried from a run
  with another key (a pull request's, or a publish run without the secret) is rebuilt, never unpickled.
* The cache folder holds restricted data: a new one is made 0700; an existing one that is another user's,
  or writable by others, is not used (nothing is cached, with a warning in en or zh, never a traceback);
  one readable by others is used with a warning, its mode never changed; a path that is not a folder is not used.
* A key file named by ACCOUNTPLAN_CACHE_KEY_FILE that is no usable key is never overwritten: nothing is cached, with
  a warning; only the default key file is replaced.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import usercache
from generator.translate import catalogue, text
from generator.translate.oserrors import STRERROR
from tests.hostile_fixtures import accountplan, tree_hashes, write_canary_portfolio

CARRIED = "pages carried over from the previous build's site"


@pytest.fixture(autouse=True)
def _fresh() -> None:
    """No folder refused or key read by an earlier test of this process."""
    usercache._refused.clear()
    usercache._told.clear()
    usercache._key.cache_clear()


def _never_unpickle(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("a blob sealed with another key was unpickled")


def test_a_cache_carried_with_another_key_is_rebuilt_never_unpickled(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    write_canary_portfolio(project)
    cache, main_key, other_key = tmp_path / "cache", tmp_path / "main-key", tmp_path / "pr-key"
    as_main = {usercache.ENVIRONMENT: str(cache), usercache.KEY_ENVIRONMENT: str(main_key)}
    cold = accountplan("build", "--site-dir", "site-cold", cwd=project, env=as_main)
    assert cold.returncode == 0, cold.stderr
    carried = accountplan("build", "--site-dir", "site-carried", cwd=project, env=as_main)
    assert carried.returncode == 0 and CARRIED in carried.stderr, carried.stderr  # the control: same key, carried
    blobs = [p for p in cache.rglob("*") if p.is_file()]
    key = main_key.read_bytes()
    assert len(key) == 32 and blobs and not [p for p in blobs if p.name == "key" or p.read_bytes() == key]

    monkeypatch.setenv(usercache.KEY_ENVIRONMENT, str(other_key))
    monkeypatch.setattr(pickle, "loads", _never_unpickle)
    assert [p for p in blobs if usercache.load(str(p)) is not None] == []
    monkeypatch.undo()

    other = accountplan("build", "--site-dir", "site-other", cwd=project,
                        env={usercache.ENVIRONMENT: str(cache), usercache.KEY_ENVIRONMENT: str(other_key)})
    assert other.returncode == 0 and CARRIED not in other.stderr, other.stderr
    assert tree_hashes(project / "site-other") == tree_hashes(project / "site-cold")
    assert other_key.read_bytes() != key


def test_the_key_is_kept_outside_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(usercache.ENVIRONMENT, str(tmp_path / "cache"))
    usercache.dump(str(usercache.project_folder(tmp_path)), "blob", {"a": 1})
    key = Path(usercache.key_file())
    assert tmp_path / "cache" not in key.parents and key.is_file()
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.read_bytes() == key.read_bytes()]
    monkeypatch.setenv(usercache.KEY_ENVIRONMENT, str(tmp_path / "elsewhere" / "k"))
    assert usercache.key_file() == str(tmp_path / "elsewhere" / "k")


def test_a_new_cache_folder_is_readable_by_its_user_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(usercache.ENVIRONMENT, str(tmp_path / "new"))
    old = os.umask(0)
    try:
        assert usercache.root() == str(tmp_path / "new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o711])
def test_a_cache_folder_others_can_read_is_used_with_a_warning_and_its_mode_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int) -> None:
    """A shared folder or the home folder named by ACCOUNTPLAN_CACHE: its mode is the user's, never changed."""
    folder = tmp_path / "shared-read"
    folder.mkdir()
    folder.chmod(mode)
    monkeypatch.setenv(usercache.ENVIRONMENT, str(folder))
    assert usercache.root() == str(folder)
    (message,) = usercache.refusals()
    assert f"the cache folder {folder} can be read or entered by other users (mode {mode:o}): it is used" in message
    assert usercache.root() == str(folder) and usercache.refusals() == []  # said once
    assert stat.S_IMODE(folder.stat().st_mode) == mode


def test_a_file_named_as_the_cache_folder_is_not_used_and_not_changed(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    afile = tmp_path / "afile"
    afile.write_text("notes\n", encoding="utf-8")
    afile.chmod(0o644)
    monkeypatch.setenv(usercache.ENVIRONMENT, str(afile))
    assert usercache.root() is None and usercache.project_folder(tmp_path) is None
    (message,) = usercache.refusals()
    assert f"the cache folder {afile} is not a folder: it is not used and nothing is cached" in message
    assert stat.S_IMODE(afile.stat().st_mode) == 0o644 and afile.read_text(encoding="utf-8") == "notes\n"


def test_a_cache_folder_under_a_file_is_not_used_and_the_user_is_told(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    afile = tmp_path / "afile"
    afile.write_text("notes\n", encoding="utf-8")
    monkeypatch.setenv(usercache.ENVIRONMENT, str(afile / "cache"))
    assert usercache.root() is None and usercache.project_folder(tmp_path) is None
    (message,) = usercache.refusals()
    assert f"the cache folder {afile / 'cache'} cannot be made (Not a directory): nothing is cached" in message
    assert afile.read_text(encoding="utf-8") == "notes\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the texts listed are glibc's")
def test_each_listed_os_error_text_is_the_system_s_and_has_a_chinese_translation() -> None:
    chinese = catalogue("zh")
    for number, english in STRERROR.items():
        assert os.strerror(number) == english
        assert chinese.get(english), english


def test_the_reason_a_cache_folder_cannot_be_made_is_translated_with_the_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    afile = tmp_path / "afile"
    afile.write_text("notes\n", encoding="utf-8")
    monkeypatch.setenv(usercache.ENVIRONMENT, str(afile / "cache"))
    assert usercache.root() is None
    (message,) = usercache.refusals()
    shown = text(message, "zh")
    assert f"无法创建缓存文件夹 {afile / 'cache'}（不是目录）" in shown and "Not a directory" not in shown


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_cache_folder_others_can_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      mode: int) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(mode)
    monkeypatch.setenv(usercache.ENVIRONMENT, str(folder))
    assert usercache.root() is None and usercache.project_folder(tmp_path) is None
    (message,) = usercache.refusals()
    assert f"the cache folder {folder} can be written by other users (mode {mode:o})" in message
    assert usercache.refusals() == []  # said once
    assert stat.S_IMODE(folder.stat().st_mode) == mode  # not changed behind the user's back


def test_a_cache_folder_of_another_user_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(usercache.ENVIRONMENT, str(tmp_path / "theirs"))
    (tmp_path / "theirs").mkdir(mode=0o700)
    someone = os.getuid() + 1
    monkeypatch.setattr(os, "getuid", lambda: someone)
    assert usercache.root() is None
    (message,) = usercache.refusals()
    assert "belongs to another user" in message and f"uid {someone - 1}" in message
    monkeypatch.delenv(usercache.ENVIRONMENT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # the default root, tmp_path/accountplan: also "theirs"
    private = Path(usercache.process_folder())  # where a server then keeps its generated pages
    assert tmp_path not in private.parents and stat.S_IMODE(private.stat().st_mode) == 0o700


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_commands_warn_and_cache_nothing_in_an_open_folder(tmp_path: Path, lang: str) -> None:
    project = tmp_path / "project"
    write_canary_portfolio(project)
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o777)
    env = {usercache.ENVIRONMENT: str(folder)}
    check = accountplan("check", "--lang", lang, cwd=project, env=env)
    build = accountplan("build", "--fail-on", "error", "--lang", lang, cwd=project, env=env)
    for done in (check, build):
        assert "Traceback" not in done.stderr
        said = done.stderr.count(str(folder))
        assert said == 1, done.stderr  # once a process
        if lang == "en":
            assert "can be written by other users (mode 777): it is not used and nothing is cached" in done.stderr
        else:
            assert "可被其他用户写入（权限 777）：不使用它" in done.stderr
    assert check.returncode in (0, 1) and build.returncode == 0, build.stderr  # the site is the same without a cache
    assert (project / "site" / "index.html").is_file()
    assert list(folder.iterdir()) == []  # nothing was written into it


BAD_KEYS = {
    "notes": (b"my notes, not a key\n", 0o600),
    "base64 text": (b"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYnl0ZXM=\n", 0o600),
    "readable by others": (b"k" * 32, 0o644),
}


@pytest.mark.parametrize("case", sorted(BAD_KEYS))
def test_a_named_key_file_that_is_no_key_is_never_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               case: str) -> None:
    data, mode = BAD_KEYS[case]
    named = tmp_path / "notes.txt"
    named.write_bytes(data)
    named.chmod(mode)
    monkeypatch.setenv(usercache.ENVIRONMENT, str(tmp_path / "cache"))
    monkeypatch.setenv(usercache.KEY_ENVIRONMENT, str(named))
    assert usercache.root() is None and usercache.project_folder(tmp_path) is None
    (message,) = usercache.refusals()
    assert f"the cache key file {named} (ACCOUNTPLAN_CACHE_KEY_FILE) is not a usable key" in message
    with pytest.raises(usercache.KeyRefusedError):
        usercache.seal({"a": 1})
    usercache.dump(str(tmp_path / "cache" / "p"), "blob", {"a": 1})  # a cost, never an error
    assert usercache.unseal(usercache.MAGIC + bytes(40)) is None
    assert named.read_bytes() == data and stat.S_IMODE(named.stat().st_mode) == mode
    assert not (tmp_path / "cache" / "p" / "blob").exists()


def test_a_named_key_file_that_does_not_exist_is_made_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    named = tmp_path / "state" / "key"
    monkeypatch.setenv(usercache.KEY_ENVIRONMENT, str(named))
    assert usercache.unseal(usercache.seal({"a": 1})) == {"a": 1}
    assert len(named.read_bytes()) == 32 and stat.S_IMODE(named.stat().st_mode) == 0o600


def test_the_default_key_file_is_replaced_when_untrusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    default = tmp_path / "accountplan" / "key"
    default.parent.mkdir()
    default.write_bytes(b"k" * 32)
    default.chmod(0o644)  # as a checkout writes it: never used
    assert usercache.unseal(usercache.seal({"a": 1})) == {"a": 1}
    assert default.read_bytes() != b"k" * 32 and stat.S_IMODE(default.stat().st_mode) == 0o600
    assert usercache.refusals() == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_warns_of_a_named_file_that_is_no_key_and_leaves_it(tmp_path: Path, lang: str) -> None:
    project = tmp_path / "project"
    write_canary_portfolio(project)
    notes = tmp_path / "notes.txt"
    notes.write_text("meeting notes\n", encoding="utf-8")
    before = notes.stat()
    done = accountplan("check", "--lang", lang, cwd=project,
                       env={usercache.ENVIRONMENT: str(tmp_path / "cache"), usercache.KEY_ENVIRONMENT: str(notes)})
    assert "Traceback" not in done.stderr and done.returncode in (0, 1), done.stderr
    assert done.stderr.count(str(notes)) == 1, done.stderr
    said = ("is not a usable key" if lang == "en" else "不是可用的密钥")
    assert said in done.stderr, done.stderr
    assert notes.read_text(encoding="utf-8") == "meeting notes\n"
    assert (notes.stat().st_mode, notes.stat().st_ino) == (before.st_mode, before.st_ino)
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]


def test_a_symlink_in_a_cache_file_s_place_is_a_miss_not_a_failed_build(tmp_path: Path) -> None:
    folder, outside = tmp_path / "cache", tmp_path / "elsewhere"
    folder.mkdir(mode=0o700)
    (folder / "memo.pickle").symlink_to(outside)
    usercache.dump(str(folder), "memo.pickle", {"a": 1})  # refused quietly: nothing written through the link
    assert not outside.exists() and (folder / "memo.pickle").is_symlink()
    assert usercache.load(str(folder / "memo.pickle")) is None
