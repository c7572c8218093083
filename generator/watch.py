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
loader ignores them too.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from typing import Any

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


def watch(server: Any, root: str) -> bool:
    """Rebuild ``server`` on any change under ``root``, with native file events; ``False`` if that is not possible."""
    found = getattr(server, "_rebuild_cond", None)
    if not isinstance(found, threading.Condition) or not hasattr(server, "_want_rebuild"):
        return False
    condition: threading.Condition = found
    try:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:
        return False
    root = os.path.abspath(root)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return  # as MkDocs' own watcher; and reading a file (the build reads every dossier) is no change
            if relevant(root, event.src_path, getattr(event, "dest_path", "")):
                with condition:
                    server._want_rebuild = True
                    condition.notify_all()

    observer = Observer()
    try:
        observer.schedule(Handler(), root, recursive=True)
        observer.start()
    except OSError as exc:  # e.g. the inotify watch limit: polling still works
        log.info(f"accountplan: native file watching unavailable ({exc}); polling {root}")
        with contextlib.suppress(Exception):
            observer.stop()
        return False
    _observers.append(observer)
    return True


def stop() -> None:
    """Stop every native observer this process started."""
    while _observers:
        observer = _observers.pop()
        with contextlib.suppress(Exception):
            observer.stop()
            observer.join(timeout=5)
