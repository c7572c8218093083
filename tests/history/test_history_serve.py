"""Under ``mkdocs serve --dirty`` a new commit refreshes the history views, though no file under accounts/ changed.

The realistic case: an editor saves a contact (the served page shows it at once, the history does
not have it yet), then commits it. The commit moves ``HEAD`` only; the watcher asks for a rebuild
and the kept account pages, keyed on the commit ``HEAD`` names, are rendered again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from generator.incremental import store as page_store
from generator.mkdocs_plugin import watch
from tests.edit.conftest import git_env, run_git
from tests.test_watch import _asked

from .test_history_site import commit, history_repo, text_of

__all__ = ["git_env", "history_repo"]  # fixtures shared with the history site tests

PAGE = Path("site") / "accounts" / "acme-industries" / "index.html"


@pytest.fixture
def serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process behaves as ``mkdocs serve --dirty``, its caches in the test's folder."""
    monkeypatch.setenv("ACCOUNTPLAN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    page_store.note_startup("serve", True)
    try:
        yield
    finally:
        page_store.note_startup("serve", False)


def _rebuild(repo: Path) -> str:
    """One dirty rebuild as the server runs it; the account page's visible text."""
    build(load_config(str(repo / "mkdocs.yml")), dirty=True)
    return text_of(repo / PAGE)


def _edit_contact(repo: Path) -> None:
    contact = repo / "accounts" / "acme-industries" / "contacts" / "c-zhang-wei.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("intimacy: 3", "intimacy: 4"), encoding="utf-8")


def test_a_commit_refreshes_the_served_history(history_repo: Path, serving: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(history_repo)
    first = _rebuild(history_repo)
    assert "4 commit(s)" in first, first
    _edit_contact(history_repo)
    edited = _rebuild(history_repo)
    assert "2026-11-26" not in edited  # saved, not committed: no move in the history yet
    commit(history_repo, "2026-11-26", "acme-industries: CTO now close")
    served = _rebuild(history_repo)
    assert re.search(r"2026-11-26 Zhang Wei CTO Intimacy: 3 · [\w ]+ → 4 · [\w ]+ ▲ \w{7} acme-industries: CTO now "
                     r"close", served), served
    assert "5 commit(s)" in served
    # The contact's owner's page lists the strengthened relationship: its dossier did not change with the commit.
    person = text_of(history_repo / "site" / "team" / "p-tom-hale" / "index.html")
    assert "2026-11-26 Zhang Wei CTO — Intimacy: 3" in person, person
    # Every served page is the page a cold build of the same commit gives.
    page_store.note_startup("build", False)
    build(load_config(str(history_repo / "mkdocs.yml"), site_dir=str(history_repo / "cold")))
    cold = {p.relative_to(history_repo / "cold"): p.read_bytes() for p in (history_repo / "cold").rglob("*.html")}
    assert cold and [p for p, text in cold.items() if (history_repo / "site" / p).read_bytes() != text] == []


def test_a_moved_head_asks_the_server_for_a_rebuild(history_repo: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(history_repo))
    assert watch.watch_head(server, str(history_repo / "accounts"))
    try:
        run_git(history_repo, "status")  # git refreshes its index: HEAD does not move
        run_git(history_repo, "rev-parse", "HEAD")
        assert not _asked(server, 1.0)
        _edit_contact(history_repo)
        commit(history_repo, "2026-11-26", "acme-industries: CTO now close")
        assert _asked(server, 5)
        run_git(history_repo, "reset", "-q", "--hard", "HEAD~1")  # back to the commit before
        assert _asked(server, 5)
        run_git(history_repo, "checkout", "-q", "-b", "other")  # another branch at the same commit: nothing moved
        assert not _asked(server, 1.0)
    finally:
        watch.stop()


def test_no_repository_no_head_watch(tmp_path: Path) -> None:
    (tmp_path / "accounts").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert not watch.watch_head(server, str(tmp_path / "accounts"))
