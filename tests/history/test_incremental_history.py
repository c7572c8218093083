"""Reading the history from where the last build left off gives exactly what a cold read gives.

The log read last is kept in the cache with the commit ``HEAD`` named then
(:class:`generator.history.versions.Reading`); the next build reads only the commits added
since. These tests move the fixture repository's ``HEAD`` in every way a team does — a new
commit, an amended one, a reset, a merge of a branch the last build saw, a renamed account
folder — and compare the history, the computed movement and the built pages with a cold read.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.config import Settings
from generator.history import git, packs
from generator.history.versions import History
from generator.incremental.stages import COLD
from generator.pipeline import gather
from tests.edit.conftest import ACCOUNT, run_git, write
from tests.history.test_history_site import commit, git_env, history_repo

__all__ = ["git_env", "history_repo"]  # the fixture history, shared with the site tests

TODAY = dt.date(2026, 11, 27)


def same_as_cold(repo: Path, cache: Path) -> History:
    """The history read through the cache, asserted equal to a cold read (log, versions, movement)."""
    accounts = str(repo / "accounts")
    warm, cold = History.read(accounts, str(cache)), History.read(accounts)
    assert warm is not None and cold is not None
    assert warm.commits == cold.commits and warm.lineages == cold.lineages and warm.head == cold.head
    settings = Settings(accounts=accounts, today=TODAY)
    kept = gather(settings, timeline=True, history_cache=str(cache)).movement
    fresh = gather(settings, timeline=True).movement
    assert kept is not None and fresh is not None
    assert kept == fresh
    return warm


def move_cto(repo: Path, folder: str, old: str, new: str) -> None:
    """Edit the CTO's contact file in the account folder ``folder``."""
    contact = repo / "accounts" / folder / "contacts" / "c-zhang-wei.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_new_commit_is_read_alone(history_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = same_as_cold(history_repo, cache)
    move_cto(history_repo, "acme-industries", "intimacy: 3", "intimacy: 4")
    commit(history_repo, "2026-11-26", "acme-industries: CTO now close")
    ranges: list[str] = []

    class Spy(git.PendingLog):
        def __init__(self, top: str, relative: str, rev: str = "HEAD", *, check: bool = False) -> None:
            ranges.append(rev)
            super().__init__(top, relative, rev, check=check)

    monkeypatch.setattr(git, "PendingLog", Spy)
    again = same_as_cold(history_repo, cache)
    assert ranges[0] == f"{first.head}..{again.head}"  # the read through the cache: only the new commit
    assert again.commits[:-1] == first.commits and again.commits[-1].subject == "acme-industries: CTO now close"
    ranges.clear()
    assert History.read(str(history_repo / "accounts"), str(cache)) == again  # nothing new: no log read at all
    assert ranges == []


def test_an_amended_commit_reads_everything_again(history_repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = same_as_cold(history_repo, cache)
    move_cto(history_repo, "acme-industries", "support: 4", "support: 5")
    run_git(history_repo, "commit", "-q", "-a", "--amend", "-m", "acme-industries: CTO is a champion")
    amended = same_as_cold(history_repo, cache)
    assert first.commits[-1].sha not in {c.sha for c in amended.commits}
    assert amended.commits[-1].subject == "acme-industries: CTO is a champion"


def test_a_reset_and_a_force_push_read_everything_again(history_repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = same_as_cold(history_repo, cache)
    run_git(history_repo, "reset", "-q", "--hard", "HEAD~2")
    back = same_as_cold(history_repo, cache)
    assert back.commits == first.commits[:-2]
    # Another line of history on top of the older commit, as a force push leaves it.
    move_cto(history_repo, "acme", "support: 3", "support: 2")
    commit(history_repo, "2026-07-01", "acme: CTO cooled")
    rewritten = same_as_cold(history_repo, cache)
    assert rewritten.commits[:-1] == back.commits


def test_a_merged_branch_the_last_build_saw_is_not_a_first_parent(history_repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_git(history_repo, "checkout", "-q", "-b", "side")
    move_cto(history_repo, "acme-industries", "intimacy: 3", "intimacy: 4")
    commit(history_repo, "2026-11-25", "side: CTO now close")
    side = same_as_cold(history_repo, cache)  # the last build read the side branch
    run_git(history_repo, "checkout", "-q", "main")
    write(history_repo / "accounts" / "acme-industries" / "activities" / "2026-11-25-call.md",
          "---\ndate: 2026-11-25\nkind: call\nsummary: Follow-up call.\ncontacts: [c-zhang-wei]\n"
          "people: [p-tom-hale]\n---\n")
    commit(history_repo, "2026-11-25", "acme-industries: follow-up call")
    run_git(history_repo, "merge", "-q", "--no-ff", "--no-edit", "side")
    merged = same_as_cold(history_repo, cache)
    assert side.commits[-1].sha not in {c.sha for c in merged.commits}  # the merge stands for it
    assert merged.commits[-1].subject.startswith("Merge branch 'side'")


def test_a_renamed_folder_keeps_its_history_when_read_alone(history_repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    same_as_cold(history_repo, cache)
    run_git(history_repo, "mv", "accounts/acme-industries", "accounts/acme-group")
    commit(history_repo, "2026-11-25", "rename acme-industries to acme-group")
    renamed = same_as_cold(history_repo, cache)
    assert list(renamed.lineages) == ["acme-group"]
    assert len(renamed.lineages["acme-group"].versions) == 5  # the four commits before the rename, and the rename


def build(project: Path, cache: str) -> str:
    """``mkdocs build`` of the project into ``site``; its log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACCOUNTPLAN_CACHE": cache}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_pages_after_a_new_commit_equal_a_cold_build(history_repo: Path, tmp_path: Path) -> None:
    """A second account's page is carried over unchanged; every page equals a build without any cache."""
    write(history_repo / "accounts" / "globex" / "account.md", ACCOUNT.replace("Acme Industries", "Globex"))
    commit(history_repo, "2026-11-25", "globex: new account")
    cache = str(tmp_path / "cache")
    build(history_repo, cache)
    move_cto(history_repo, "acme-industries", "intimacy: 3", "intimacy: 4")
    commit(history_repo, "2026-11-26", "acme-industries: CTO now close")
    log = build(history_repo, cache)
    carried = re.search(r"(\d+) of (\d+) account and person pages carried over", log)
    assert carried is not None and 1 <= int(carried[1]) < int(carried[2]), log  # globex's page at least
    warm = {p.relative_to(history_repo / "site"): p.read_bytes() for p in (history_repo / "site").rglob("*.html")}
    build(history_repo, "off")
    cold = {p.relative_to(history_repo / "site"): p.read_bytes() for p in (history_repo / "site").rglob("*.html")}
    assert warm.keys() == cold.keys()
    assert [p for p in cold if warm[p] != cold[p]] == []
    page = (history_repo / "site" / "accounts" / "acme-industries" / "index.html").read_text(encoding="utf-8")
    assert "History of this account: 5 commit(s) since 2025-12-10." in page


def test_a_range_git_cannot_give_reads_everything_again(history_repo: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    same_as_cold(history_repo, cache)
    move_cto(history_repo, "acme-industries", "intimacy: 3", "intimacy: 4")
    commit(history_repo, "2026-11-26", "acme-industries: CTO now close")
    class Failing(git.PendingLog):
        def commits(self) -> list[git.Commit]:
            if self.check:
                raise git.RevisionError("git log failed")
            return super().commits()

    monkeypatch.setattr(git, "PendingLog", Failing)
    assert same_as_cold(history_repo, cache).commits[-1].subject == "acme-industries: CTO now close"


def test_an_account_s_history_key_moves_only_with_its_own_history(history_repo: Path, tmp_path: Path) -> None:
    """Kept pages compare histories by key (``Movement.keys``): a commit changes only its own account's key."""
    write(history_repo / "accounts" / "globex" / "account.md", ACCOUNT.replace("Acme Industries", "Globex"))
    commit(history_repo, "2026-11-25", "globex: new account")
    settings = Settings(accounts=str(history_repo / "accounts"), today=TODAY)
    cache = str(tmp_path / "cache")
    before = gather(settings, timeline=True, history_cache=cache).movement
    move_cto(history_repo, "acme-industries", "intimacy: 3", "intimacy: 4")
    commit(history_repo, "2026-11-26", "acme-industries: CTO now close")
    after = gather(settings, timeline=True, history_cache=cache).movement
    assert before is not None and after is not None
    assert set(before.keys) == set(after.keys) == {"acme-industries", "globex"}
    assert after.keys["globex"] == before.keys["globex"]
    assert after.accounts["globex"] == before.accounts["globex"]
    assert after.keys["acme-industries"] != before.keys["acme-industries"]
    assert after.accounts["acme-industries"] != before.accounts["acme-industries"]


def test_git_walks_the_log_while_the_working_tree_loads(history_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``gather`` starts ``git log`` before loading and reads it after: git runs beside the load."""
    events: list[str] = []

    class Spy(git.PendingLog):
        def __init__(self, top: str, relative: str, rev: str = "HEAD", *, check: bool = False) -> None:
            events.append("git log started")
            super().__init__(top, relative, rev, check=check)

        def commits(self) -> list[git.Commit]:
            events.append("git log read")
            return super().commits()

    def load(root: str) -> Any:
        events.append("load")
        return COLD.load(root)

    monkeypatch.setattr(git, "PendingLog", Spy)
    monkeypatch.setattr(pipeline, "COLD", COLD._replace(load=load))
    settings = Settings(accounts=str(history_repo / "accounts"), today=TODAY)
    gathered = pipeline.gather(settings, timeline=True)
    assert events == ["git log started", "load", "git log read"]
    assert gathered.movement is not None and gathered.movement.available


def test_a_new_commit_writes_itself_beside_the_kept_log_and_results(history_repo: Path, tmp_path: Path) -> None:
    """The kept log and results grow by what is new (:func:`generator.history.packs.write_grown`): the base packs
    are not written again after a commit, and reading base and additions gives what a cold read gives."""
    cache = tmp_path / "cache"
    same_as_cold(history_repo, cache)
    bases = {p: p.read_bytes() for p in cache.glob("*.pickle") if p.name.startswith(("history-log-", "movement-"))}
    assert len(bases) == 2
    moves = (("2026-11-26", ("intimacy: 3", "intimacy: 4")), ("2026-11-27", ("support: 4", "support: 5")))
    for day, (old, new) in moves:
        move_cto(history_repo, "acme-industries", old, new)
        commit(history_repo, day, f"acme-industries: {new}")
        again = same_as_cold(history_repo, cache)
        assert {p: p.read_bytes() for p in bases} == bases  # the bases as they were
        added = {p.name for p in cache.glob(f"*{packs.ADDED}") if p.stat().st_size > 0}
        assert {name.split("-")[0] for name in added} == {"history", "movement"}
    assert [c.subject for c in again.commits[-2:]] == ["acme-industries: intimacy: 4", "acme-industries: support: 5"]


def test_a_gather_that_fails_stops_git_and_closes_its_files(history_repo: Path, monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    started: list[git.PendingLog] = []

    class Spy(git.PendingLog):
        def __init__(self, top: str, relative: str, rev: str = "HEAD", *, check: bool = False) -> None:
            super().__init__(top, relative, rev, check=check)
            started.append(self)

    def load(root: str) -> Any:
        raise RuntimeError("a stage failed")

    monkeypatch.setattr(git, "PendingLog", Spy)
    monkeypatch.setattr(pipeline, "COLD", COLD._replace(load=load))
    with pytest.raises(RuntimeError, match="a stage failed"):
        pipeline.gather(Settings(accounts=str(history_repo / "accounts"), today=TODAY), timeline=True)
    [log] = started
    assert log._process.returncode is not None and log._out.closed and log._err.closed
    with pytest.raises(git.RevisionError):
        log.commits()
