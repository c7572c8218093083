"""A serving process's load lists again only the account folders its watcher saw change, and gives what a whole
load gives (:mod:`generator.incremental.scan`, :mod:`generator.incremental.changes`)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from generator.history import changed
from generator.incremental import changes, load, load_blobs
from generator.incremental.scan import Scan
from generator.load import portfolio
from generator.load.tasks import Result, Task
from generator.model.portfolio import Portfolio

SAMPLE = Path(__file__).resolve().parents[1] / "accounts"


def _same(found: Portfolio, root: Path) -> None:
    """``found`` is what a whole load of ``root`` gives: dossiers, roster and diagnostics, in order."""
    whole = portfolio.load_portfolio(os.path.relpath(root))
    assert [d.slug for d in found.dossiers] == [d.slug for d in whole.dossiers]
    assert found.dossiers == whole.dossiers
    assert found.roster == whole.roster
    assert found.diagnostics == whole.diagnostics


@pytest.fixture
def accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "accounts"
    shutil.copytree(SAMPLE, root)
    (root / "Bad Name").mkdir()  # problems at the top, between folders: their order is kept
    (root / "notes.txt").write_text("x", encoding="utf-8")
    (root / "atlas-freight" / "stray.txt").write_text("x", encoding="utf-8")
    return root


def _load(tasks: list[Task]) -> list[Result]:
    return portfolio.load_files(tasks)


def test_a_whole_scan_gives_the_portfolio_of_a_whole_load(accounts: Path) -> None:
    _same(Scan.full("accounts", _load).portfolio(), accounts)


def test_an_update_loads_the_changed_folders_again_and_equals_a_whole_load(accounts: Path) -> None:
    scan = Scan.full("accounts", _load)
    folder = accounts / "borealis-bank"
    main = folder / "account.md"
    main.write_text(main.read_text(encoding="utf-8").replace("name:", "name: Renamed #", 1), encoding="utf-8")
    contact = next((folder / "contacts").iterdir())
    shutil.copy(contact, folder / "contacts" / "new-person.md")  # its id differs from its name: AP201
    (folder / "activities" / "Bad.md").write_text("---\n", encoding="utf-8")
    updated = scan.update([str(main), str(folder / "contacts" / "new-person.md"), str(folder / "activities")], _load)
    assert updated is not None
    assert updated.folders["atlas-freight"] is scan.folders["atlas-freight"]  # not listed again
    _same(updated.portfolio(), accounts)
    assert scan.update([], _load) is scan


@pytest.mark.parametrize("path", ["roster.yml", "new-account/account.md", "notes.txt", ".", "../elsewhere"])
def test_a_path_outside_a_known_account_folder_asks_for_a_whole_load(accounts: Path, path: str) -> None:
    scan = Scan.full("accounts", _load)
    assert scan.update([str(accounts / path)], _load) is None


def test_a_folder_that_is_gone_or_no_longer_a_folder_asks_for_a_whole_load(accounts: Path) -> None:
    scan = Scan.full("accounts", _load)
    shutil.rmtree(accounts / "lumen-retail")
    assert scan.update([str(accounts / "lumen-retail" / "account.md")], _load) is None
    (accounts / "lumen-retail").symlink_to(accounts / "atlas-freight")
    assert scan.update([str(accounts / "lumen-retail" / "account.md")], _load) is None


def test_the_changes_record_is_unknown_until_taken_once_and_after_a_loss(tmp_path: Path) -> None:
    record = changes.watching(str(tmp_path))
    try:
        record.saw(["a"])
        assert changes.take(str(tmp_path)) is None  # recorded since before any load: unknown
        record.saw(["b"])
        assert changes.take(str(tmp_path)) == {"b"}
        assert changes.take(str(tmp_path)) == set()
        record.lost()
        record.saw(["c"])
        assert changes.take(str(tmp_path)) is None
    finally:
        changes.unwatched(str(tmp_path))
    assert changes.take(str(tmp_path)) is None and not changes.watched(str(tmp_path))


def test_list_all_makes_every_load_list_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """For folders whose changes the operating system does not report (a network folder, a hard link from outside)."""
    record = changes.watching(str(tmp_path))
    try:
        changes.take(str(tmp_path))
        record.saw(["a"])
        monkeypatch.setenv(changes.LIST_ALL, "1")
        assert changes.take(str(tmp_path)) is None
        monkeypatch.delenv(changes.LIST_ALL)
        record.saw(["b"])
        assert changes.take(str(tmp_path)) == {"b"}  # what was taken under LIST_ALL is not taken again
    finally:
        changes.unwatched(str(tmp_path))


def test_the_cached_load_follows_recorded_changes_and_lists_everything_without_them(
        accounts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = str(tmp_path / "cache")
    record = changes.watching("accounts")
    try:
        _same(load.load_portfolio("accounts", cache), accounts)
        main = accounts / "helios-telecom" / "account.md"
        time.sleep(0.01)
        main.write_text(main.read_text(encoding="utf-8").replace("name:", "name: Edited #", 1), encoding="utf-8")
        listed: list[str] = []
        real = os.scandir

        def scandir(path: str = ".") -> Any:
            listed.append(str(path))
            return real(path)

        record.saw([str(main)])
        with monkeypatch.context() as patched:
            patched.setattr(os, "scandir", scandir)
            found = load.load_portfolio("accounts", cache)
        _same(found, accounts)
        listed = [p for p in listed if p.startswith("accounts")]
        assert listed and all(p.startswith("accounts/helios-telecom") for p in listed)
        (accounts / "lumen-retail" / "account.md").unlink()  # not recorded, so not seen ...
        record.lost()  # ... until the record is lost: everything is listed again
        _same(load.load_portfolio("accounts", cache), accounts)
    finally:
        changes.unwatched("accounts")


def test_a_load_that_fails_leaves_the_next_one_listing_everything(
        accounts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = str(tmp_path / "cache")
    record = changes.watching("accounts")
    try:
        load.load_portfolio("accounts", cache)
        record.saw([str(accounts / "atlas-freight" / "account.md")])
        with monkeypatch.context() as patched:
            patched.setattr(Scan, "update", lambda *args: (_ for _ in ()).throw(KeyboardInterrupt()))
            with pytest.raises(KeyboardInterrupt):
                load.load_portfolio("accounts", cache)
        assert changes.take("accounts") is None
    finally:
        changes.unwatched("accounts")


def test_a_server_keeps_each_folders_last_change_until_its_watcher_sees_one(
        accounts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = str(tmp_path / "cache")
    record = changes.watching("accounts")
    computed: list[str] = []

    def newest(folder: str) -> float | None:
        computed.append(os.path.basename(folder))
        return changed.newest_mtime(folder)

    monkeypatch.setattr(load, "newest_mtime", newest)
    try:
        loaded = load.load_portfolio("accounts", cache)
        first = load.last_changed(loaded, cache)
        # Dated from the stats the load took; only the folder holding a stray file is read again.
        assert first == changed.by_slug(loaded) and computed == ["atlas-freight"]
        computed.clear()
        assert load.last_changed(load.load_portfolio("accounts", cache), cache) == first
        assert computed == []  # nothing seen: no file stat-ed again
        contact = next((accounts / "helios-telecom" / "contacts").iterdir())
        os.utime(contact, (1893456000, 1893456000))  # 2030-01-01, as an editor's save leaves it
        record.saw([str(contact)])
        loaded = load.load_portfolio("accounts", cache)
        again = load.last_changed(loaded, cache)
        assert computed == []  # the folder listed again is dated from the stats of that load
        assert again == changed.by_slug(loaded) and again["helios-telecom"] == dt.date(2030, 1, 1)
    finally:
        changes.unwatched("accounts")


@pytest.mark.parametrize("prefetch", [True, False])
def test_a_build_dates_each_folder_from_the_stats_its_load_took(
        accounts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefetch: bool) -> None:
    # A build's load stat-ed every file (in a child process from PREFETCH files on): the folders' dates come from
    # those stats, equal to stat-ing every file again, which is done only for a folder holding anything else.
    if prefetch:
        monkeypatch.setattr(load, "PREFETCH", 1)
    cache = str(tmp_path / "cache")
    computed: list[str] = []

    def newest(folder: str) -> float | None:
        computed.append(os.path.basename(folder))
        return changed.newest_mtime(folder)

    monkeypatch.setattr(load, "newest_mtime", newest)
    for day, path in enumerate(sorted(p for p in accounts.rglob("*") if p.is_file() and p.name != "roster.yml")):
        stamp = 1893456000 + 86400 * (day % 97)  # from 2030-01-01, the newest file of each folder anywhere in it
        os.utime(path, (stamp, stamp))
    stray = accounts / "atlas-freight" / "stray.txt"
    os.utime(stray, (1956528000, 1956528000))  # 2032-01-01: newer than every dossier file, and no dossier file
    loaded = load.load_portfolio("accounts", cache)
    dates = load.last_changed(loaded, cache)
    assert dates == changed.by_slug(loaded)
    assert dates["atlas-freight"] == dt.date(2032, 1, 1)
    assert computed == ["atlas-freight"]
    assert len({dates[slug] for slug in dates}) > 1  # the dates differ: each folder's own newest file counts


@pytest.mark.parametrize("command", ["build", "gh-deploy", "serve"])
def test_only_a_server_keeps_the_load_caches_packs_for_its_next_load(
        command: str, accounts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.incremental import store
    from generator.incremental.build import Build

    monkeypatch.setattr(load_blobs, "opened_packs", {})
    monkeypatch.setitem(store._state, "dirty", store._state["dirty"])  # as it was, after this test
    reads: list[str] = []
    real = load_blobs._read_pack
    monkeypatch.setattr(load_blobs, "_read_pack", lambda path: reads.append(path) or real(path))
    cache = str(tmp_path / "cache")
    Build.startup(command, dirty=True)
    _same(load.load_portfolio("accounts", cache), accounts)  # writes the packs
    first = len(reads)
    _same(load.load_portfolio("accounts", cache), accounts)
    serving = command == "serve"
    assert bool(load_blobs.opened_packs) is serving
    # A server takes the packs it wrote or read from memory; a build process reads them from disk again.
    assert first > len(accounts_folders(accounts)) and len(reads) - first == (0 if serving else first)


def accounts_folders(root: Path) -> list[Path]:
    """The account folders of a corpus (one load-cache pack each)."""
    return [path for path in root.iterdir() if (path / "account.md").is_file()]


def test_a_folder_dated_from_the_loads_stats_gets_the_date_a_stat_gives_just_before_midnight(
        accounts: Path, tmp_path: Path) -> None:
    # 2025-11-07 23:59:59.9999999994 UTC: divided as a whole it rounds into the next day; st_mtime does not.
    folder = accounts / "helios-telecom"
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1762473600 * 10**9, 1762473600 * 10**9))
    os.utime(folder / "account.md", ns=(1762559999999999400, 1762559999999999400))
    loaded = load.load_portfolio("accounts", str(tmp_path / "cache"))
    dates = load.last_changed(loaded, str(tmp_path / "cache"))
    assert dates["helios-telecom"] == changed.by_slug(loaded)["helios-telecom"] == dt.date(2025, 11, 7)
