"""Last change of a dossier outside git: the newest visible file, also when listings are kept between rebuilds."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from generator.history import changed
from generator.history.changed import last_changed


def _at(path: Path, day: str) -> None:
    """Give ``path`` a modification time at noon UTC on ``day``."""
    stamp = dt.datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()
    os.utime(path, (stamp, stamp))


def _old(folder: Path, day: str = "2026-01-05") -> None:
    """Every file and folder under ``folder`` dated ``day``: old enough for its listing to be kept."""
    for path in [*folder.rglob("*"), folder]:
        _at(path, day)


@pytest.fixture
def dossier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dossier folder outside any git repository, every file dated 2026-01-05, looked at a minute later.

    A folder's status-change time cannot be set back, so the clock of the listing memo moves on instead.
    """
    now = time.time_ns()
    monkeypatch.setattr(changed, "_now_ns", lambda: now + 60 * 10**9)
    folder = tmp_path / "acme"
    (folder / "contacts").mkdir(parents=True)
    (folder / "account.md").write_text("---\nname: Acme\n---\n", encoding="utf-8")
    (folder / "contacts" / "c-a.md").write_text("---\nname: A\n---\n", encoding="utf-8")
    _old(folder)
    return folder


@pytest.mark.parametrize("remember", [False, True])
def test_hidden_files_and_folders_do_not_count(dossier: Path, remember: bool) -> None:
    (dossier / ".account.md.swp").write_text("swap", encoding="utf-8")
    (dossier / ".git").mkdir()
    (dossier / ".git" / "index").write_text("x", encoding="utf-8")
    (dossier / "contacts" / ".DS_Store").write_text("x", encoding="utf-8")
    assert last_changed(str(dossier.parent), [str(dossier)], remember=remember) == {str(dossier): dt.date(2026, 1, 5)}


def test_kept_listings_see_touched_new_and_removed_files(dossier: Path) -> None:
    def date() -> dt.date:
        return last_changed(str(dossier.parent), [str(dossier)], remember=True)[str(dossier)]

    assert date() == dt.date(2026, 1, 5)
    assert str(dossier / "contacts") in changed._listings  # an old folder's listing is kept

    _at(dossier / "contacts" / "c-a.md", "2026-03-01")  # content unchanged, time moved: a touch
    assert date() == dt.date(2026, 3, 1)

    new = dossier / "contacts" / "c-b.md"
    new.write_text("---\nname: B\n---\n", encoding="utf-8")
    _at(new, "2026-04-01")
    assert date() == dt.date(2026, 4, 1)  # the folder's own time moved when the file was added

    new.unlink()
    assert date() == dt.date(2026, 3, 1)
    _old(dossier)  # back to one old time everywhere, folders included
    assert date() == dt.date(2026, 1, 5)


def test_a_folder_changed_just_now_is_listed_again(dossier: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Within its clock tick a folder could change again unseen: a listing that fresh is not kept.
    monkeypatch.setattr(changed, "_now_ns", lambda: dossier.stat().st_ctime_ns + 10**9)
    assert last_changed(str(dossier.parent), [str(dossier)], remember=True) == {str(dossier): dt.date(2026, 1, 5)}
    assert changed._listings == {}
