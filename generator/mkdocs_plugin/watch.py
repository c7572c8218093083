"""Watch ``accounts/`` for ``mkdocs serve`` with the operating system's file events instead of polling.

MkDocs' live-reload server watches paths with watchdog's *polling* observer: every half
second it lists and stats every file under each watched path. For a portfolio of 1,000
accounts that is 61,000 stats per poll, done in Python in a thread that holds the
interpreter lock while a rebuild runs — a rebuild under ``mkdocs serve`` took 5.5 s where
the same rebuild in a quiet process took 3 s, and a save was noticed up to a second late.

Here the accounts folder is watched by watchdog's native observer (inotify on Linux,
FSEvents on macOS, ReadDirectoryChangesW on Windows), which costs nothing between
events. An event asks the server for a rebuild exactly as MkDocs' own watcher does. That
needs two attributes of MkDocs' ``LiveReloadServer`` that are not public API
(``_rebuild_cond`` and ``_want_rebuild``, stable since MkDocs 1.2); when they are missing,
or the system refuses more watches, :func:`watch` returns ``False`` and the caller falls
back to ``server.watch``.

Changes to hidden files (editor swap files, ``.git``) do not trigger a rebuild: the
loader ignores them too. A commit, though, changes the history views without touching a
file under ``accounts/``: :func:`watch_head` watches git's own folders and asks for a rebuild
only when the commit ``HEAD`` names has changed (a commit, pull, checkout or reset; not
``git status`` rewriting the index).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from ..history import git

log = logging.getLogger("mkdocs.plugins.accountplan")

_observers: list[Any] = []
"""Native observers started by this process, stopped by :func:`stop`."""


def relevant(root: str, *paths: str | bytes) -> bool:
    """Whether a change to any of ``paths`` can change what is loaded from ``root`` (no hidden part)."""
    for path in paths:
        if not path:
            continue
        rel = os.path.relpath(os.fsdecode(path), root)
        if not any(part.startswith(".") and part not in (".", "..") for part in rel.split(os.sep)):
            return True
    return False


def _condition(server: Any) -> threading.Condition | None:
    """The server's rebuild condition, when it has the two attributes a rebuild request needs."""
    found = getattr(server, "_rebuild_cond", None)
    return found if isinstance(found, threading.Condition) and hasattr(server, "_want_rebuild") else None


def _ask(server: Any, condition: threading.Condition) -> None:
    """Ask the server for a rebuild, exactly as MkDocs' own watcher does."""
    with condition:
        server._want_rebuild = True
        condition.notify_all()


def _observe(wanted: Callable[[Any], bool], server: Any, folders: list[tuple[str, bool]]) -> bool:
    """Ask ``server`` for a rebuild on each file event ``wanted`` accepts in ``folders`` (path, recursive)."""
    found = _condition(server)
    if found is None:
        return False
    condition: threading.Condition = found
    try:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:
        return False

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return  # as MkDocs' own watcher; and reading a file (the build reads every dossier) is no change
            if wanted(event):
                _ask(server, condition)

    observer = Observer()
    try:
        for folder, recursive in folders:
            _schedule(observer, Handler(), folder, recursive)
        observer.start()
    except OSError as exc:  # e.g. the inotify watch limit: polling still works
        root = folders[0][0]
        log.info(f"accountplan: native file watching unavailable ({exc}); polling {root}")
        with contextlib.suppress(Exception):
            observer.stop()
        return False
    _observers.append(observer)
    return True


def _schedule(observer: Any, handler: Any, folder: str, recursive: bool) -> None:
    """Watch ``folder`` for changes only, not reads.

    A build reads every dossier it parses: 61,000 files at N=1000, two inotify events each
    (opened, closed without writing) that the kernel queues and watchdog decodes in a thread
    of the server, only for the handler to drop them. Past the kernel's queue (16,384 events by
    default) they overflow, and watchdog then walks the whole folder again to catch up. The
    filter keeps those events out of the kernel's mask (watchdog 4 and later).
    """
    from watchdog import events as e

    changes = [e.FileCreatedEvent, e.FileModifiedEvent, e.FileDeletedEvent, e.FileMovedEvent, e.FileClosedEvent,
               e.DirCreatedEvent, e.DirModifiedEvent, e.DirDeletedEvent, e.DirMovedEvent]
    try:
        observer.schedule(handler, folder, recursive=recursive, event_filter=changes)
    except TypeError:  # watchdog before 4.0: every event
        observer.schedule(handler, folder, recursive=recursive)


def watch(server: Any, root: str) -> bool:
    """Rebuild ``server`` on any change under ``root``, with native file events; ``False`` if that is not possible."""
    root = os.path.abspath(root)
    return _observe(lambda event: relevant(root, event.src_path, getattr(event, "dest_path", "")), server,
                    [(root, True)])


def watch_head(server: Any, accounts: str) -> bool:
    """Rebuild ``server`` when the commit ``HEAD`` names changes, so the history views follow new commits.

    Git records a moved ``HEAD`` in its folders (``HEAD``, ``refs/``, ``packed-refs``, ``logs/``);
    any event there only asks git for ``HEAD`` again, and a rebuild is asked for when it differs
    from the last one seen. ``False`` outside a git repository or without native file events.
    """
    try:
        top, _ = git.locate(accounts)
        seen = [git.head(top)]
        folders = git.git_dirs(top)
    except git.RevisionError:
        return False
    if not folders:
        return False
    lock = threading.Lock()

    def moved(event: Any) -> bool:
        if "/objects/" in os.fsdecode(event.src_path).replace(os.sep, "/") + "/":
            return False  # new objects alone move nothing
        with lock:
            now = git.head(top)
            changed, seen[0] = now != seen[0], now
        return changed

    return _observe(moved, server, [(folder, True) for folder in folders])


def stop() -> None:
    """Stop every native observer this process started."""
    while _observers:
        observer = _observers.pop()
        with contextlib.suppress(Exception):
            observer.stop()
            observer.join(timeout=5)
