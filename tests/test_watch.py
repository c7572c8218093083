"""``mkdocs serve`` watches accounts/ with native file events, on MkDocs' real live-reload server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from generator.mkdocs_plugin import watch


def _asked(server: LiveReloadServer, within: float) -> bool:
    """Whether a rebuild was asked for within ``within`` seconds; resets the flag."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.02)
    return False


def _server_of_one_account(tmp_path: Path) -> tuple[LiveReloadServer, Path]:
    """MkDocs' live-reload server (not started) and an accounts folder with one account."""
    accounts = tmp_path / "accounts"
    (accounts / "acme" / "contacts").mkdir(parents=True)
    (accounts / "acme" / "account.md").write_text("---\nname: Acme\n---\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    return server, accounts


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[LiveReloadServer, Path]]:
    server, accounts = _server_of_one_account(tmp_path)
    assert watch.watch(server, str(accounts))
    try:
        yield server, accounts
    finally:
        watch.stop()


def test_a_saved_dossier_asks_the_server_for_a_rebuild(served: tuple[LiveReloadServer, Path]) -> None:
    server, accounts = served
    assert not _asked(server, 0.3)
    (accounts / "acme" / "account.md").write_text("---\nname: Acme Corp\n---\n", encoding="utf-8")
    assert _asked(server, 5)
    (accounts / "acme" / "contacts" / "jane.md").write_text("---\nid: jane\n---\n", encoding="utf-8")
    assert _asked(server, 5)  # new files in new places count too
    (accounts / "acme" / "contacts" / "jane.md").unlink()
    assert _asked(server, 5)
    (accounts / "acme").rename(accounts / "acme-corp")  # a renamed account folder
    assert _asked(server, 5)


def test_reading_files_and_hidden_files_do_not(served: tuple[LiveReloadServer, Path]) -> None:
    server, accounts = served
    assert (accounts / "acme" / "account.md").read_text(encoding="utf-8")  # the build reads every dossier
    (accounts / "acme" / ".account.md.swp").write_bytes(b"editor state")
    (accounts / ".git").mkdir()
    (accounts / ".git" / "index").write_bytes(b"x")
    assert not _asked(server, 0.5)
    # An editor saving through a hidden temporary file renamed into place is a change.
    (accounts / "acme" / ".tmp-save").write_text("---\nname: Acme AG\n---\n", encoding="utf-8")
    (accounts / "acme" / ".tmp-save").rename(accounts / "acme" / "account.md")
    assert _asked(server, 5)


def test_without_the_servers_internals_the_caller_falls_back_to_polling(tmp_path: Path) -> None:
    assert watch.watch(object(), str(tmp_path)) is False


def test_relevant_ignores_only_hidden_parts() -> None:
    assert watch.relevant("/a", "/a/acme/account.md")
    assert not watch.relevant("/a", "/a/acme/.account.md.swp", "")
    assert not watch.relevant("/a", "/a/.git/index")
    assert watch.relevant("/a", "/a/acme/.tmp", "/a/acme/account.md")


def test_reads_are_not_even_asked_of_the_kernel(served: tuple[LiveReloadServer, Path]) -> None:
    """A build reads every dossier: with reads in the watch's mask, 61,000 files overflow inotify's queue."""
    from watchdog.events import FileClosedNoWriteEvent, FileModifiedEvent, FileOpenedEvent

    emitters = [emitter for observer in watch._observers for emitter in observer.emitters]
    assert emitters
    for emitter in emitters:
        kinds = emitter.watch.event_filter
        assert kinds is not None and FileModifiedEvent in kinds
        assert FileOpenedEvent not in kinds and FileClosedNoWriteEvent not in kinds


def _taken(accounts: Path, within: float, wanted: set[str]) -> set[str]:
    """What the record of ``accounts`` holds once ``wanted`` is in it (or ``within`` seconds passed), taken."""
    from generator.incremental import changes

    seen: set[str] = set()
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and not wanted <= seen:
        seen |= changes.take(str(accounts)) or set()
        time.sleep(0.02)
    return seen


@pytest.fixture
def recorded(tmp_path: Path) -> Iterator[tuple[LiveReloadServer, Path]]:
    """A server's watcher started as ``mkdocs serve`` starts it: recording before the first load, then asking."""
    from generator.incremental import changes

    server, accounts = _server_of_one_account(tmp_path)
    watch.note_startup("serve")
    try:
        if not watch.record(str(accounts)):
            pytest.skip("no native file events that report a lost one here (inotify with watchdog 7)")
        assert changes.take(str(accounts)) is None  # the first load lists everything
        assert watch.watch(server, str(accounts))  # the same watcher now asks the server too
        yield server, accounts
    finally:
        watch.note_startup("build")
        watch.stop()
    assert not changes.watched(str(accounts))


def test_a_server_records_which_paths_changed_for_the_next_load(recorded: tuple[LiveReloadServer, Path]) -> None:
    server, accounts = recorded
    main, contact = accounts / "acme" / "account.md", accounts / "acme" / "contacts" / "jane.md"
    main.write_text("---\nname: Acme Corp\n---\n", encoding="utf-8")
    contact.write_text("---\nid: jane\n---\n", encoding="utf-8")
    (accounts / "acme" / ".swap").write_text("x", encoding="utf-8")  # hidden: neither recorded nor asked
    assert {str(main), str(contact)} <= _taken(accounts, 5, {str(main), str(contact)})
    assert _asked(server, 5)
    (accounts / "roster.yml").write_text("people: []\n", encoding="utf-8")
    assert str(accounts / "roster.yml") in _taken(accounts, 5, {str(accounts / "roster.yml")})


def test_a_lost_event_makes_the_next_load_list_everything(recorded: tuple[LiveReloadServer, Path]) -> None:
    import logging

    from generator.incremental import changes

    server, accounts = recorded
    assert changes.take(str(accounts)) == set()
    logging.getLogger("watchdog.observers.inotify_c").warning("Inotify queue overflowed; filesystem events were lost")
    assert changes.take(str(accounts)) is None
    assert _asked(server, 5)
