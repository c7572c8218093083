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

Under ``mkdocs serve`` the watcher also tells the loader *which* paths changed
(:func:`record`, :mod:`generator.incremental.changes`), so that a rebuild lists again only the
account folders a save touched instead of stat-ing every file. It starts before the server's
first load (from ``on_files``), so that no change falls between that load and the watcher, and
only where a lost event is reported: Linux's inotify with a watchdog that logs the kernel's queue
overflow (:func:`_reports_overflow`). After an overflow the next load lists everything.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from ..history import git
from ..incremental import changes

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
    """Rebuild ``server`` on any change under ``root``, with native file events; ``False`` if that is not possible.

    When :func:`record` already watches ``root``, its watcher asks ``server`` from now on (and at once, if a
    change came after the last load).
    """
    root = os.path.abspath(root)
    recorder = _recorders.get(root)
    if recorder is not None and _condition(server) is not None:
        recorder.attach(server)
        return True
    return _observe(lambda event: relevant(root, event.src_path, getattr(event, "dest_path", "")), server,
                    [(root, True)])


def can_ask(root: str) -> bool:
    """Whether a server watches ``root`` through a recorder, and so can be asked for another rebuild (:func:`ask`)."""
    recorder = _recorders.get(os.path.abspath(root))
    return recorder is not None and recorder.server is not None and _condition(recorder.server) is not None


def ask(root: str) -> None:
    """Ask the server watching ``root`` for another rebuild, as a change under it would."""
    recorder = _recorders.get(os.path.abspath(root))
    if recorder is not None:
        recorder.ask()


FOLLOW_UP = 1.0
"""Seconds from a save's first rebuild to the one it asks for (:func:`ask_later`). MkDocs holds every request
while it builds: asked at once, the second rebuild started 0.1 s after the first, and a browser reloading the
page being edited a little later waited for both."""

_later: dict[str, threading.Timer] = {}
"""Per ``accounts/`` folder: the rebuild asked for after :data:`FOLLOW_UP` seconds, not yet asked."""


def ask_later(root: str, delay: float = FOLLOW_UP) -> None:
    """Ask the server watching ``root`` for another rebuild in ``delay`` seconds, unless one starts before."""
    cancel_later(root)
    key = os.path.abspath(root)

    def fire() -> None:
        if _later.get(key) is timer:  # not cancelled, nor replaced by a later save's
            del _later[key]
            ask(root)

    timer = _later[key] = threading.Timer(delay, fire)
    timer.daemon = True
    timer.start()


def cancel_later(root: str) -> None:
    """Forget the rebuild :func:`ask_later` would ask for: one is starting (each build calls this)."""
    timer = _later.pop(os.path.abspath(root), None)
    if timer is not None:
        timer.cancel()


class _Recorder:
    """Records the changed paths under one ``accounts/`` folder for its next load, and asks a server to rebuild."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.changes = changes.watching(root)
        self.server: Any = None
        self.pending = False
        """A change was recorded before a server was attached: ask it for a rebuild when it is."""

    def attach(self, server: Any) -> None:
        """Ask ``server`` for a rebuild on each change from now on (and now, when one is pending)."""
        self.server = server
        if self.pending:
            self.ask()

    def ask(self) -> None:
        """Ask the attached server for a rebuild (or remember to, once one is attached)."""
        condition = _condition(self.server) if self.server is not None else None
        if condition is None:
            self.pending = True
        else:
            _ask(self.server, condition)

    def saw(self, event: Any) -> None:
        """Record an event's paths that the loader reads (not hidden); file changes ask for a rebuild."""
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        paths = [p for p in paths if relevant(self.root, p)]
        if not paths:
            return
        self.changes.saw(paths)
        if not event.is_directory:  # as MkDocs' own watcher: a folder event comes with its files' events
            self.ask()

    def lost(self) -> None:
        """Events were lost: the next load lists everything, and one is asked for."""
        self.changes.lost()
        self.ask()


_recorders: dict[str, _Recorder] = {}
"""Per ``accounts/`` folder (absolute path): the watcher recording its changes (:func:`record`)."""


_serving = {"on": False}
"""Whether this process is ``mkdocs serve`` (from ``on_startup``; rebuilds get new plugin instances)."""


def note_startup(command: str) -> None:
    """Remember whether this process is ``mkdocs serve`` (``on_startup``, called once a process)."""
    _serving["on"] = command == "serve"


def record(root: str) -> bool:
    """Under ``mkdocs serve``: record the changes under ``root`` for the loader (:mod:`generator.incremental.changes`).

    Called by ``on_files`` of every build, before loading; the watcher starts at a server's first
    build. ``False`` (every load then lists everything) when not serving, without native events that
    report a lost one, or when the system refuses the watches.
    """
    root = os.path.abspath(root)
    if root in _recorders:
        return True
    if not _serving["on"] or not os.path.isdir(root) or not _reports_overflow():
        return False
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers.inotify import InotifyObserver

    recorder = _Recorder(root)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            recorder.saw(event)

    observer = InotifyObserver()
    try:
        _schedule(observer, Handler(), root, True)
        observer.start()
    except OSError as exc:  # e.g. the inotify watch limit
        log.info(f"accountplan: native file watching unavailable ({exc}); every rebuild lists {root}")
        with contextlib.suppress(Exception):
            observer.stop()
        changes.unwatched(root)
        return False
    _recorders[root] = recorder
    _observers.append(observer)
    return True


class _Overflow(logging.Filter):
    """Notices watchdog's warning that the kernel dropped file events: every recorder has lost some."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "overflow" in str(record.msg).lower():
            for recorder in list(_recorders.values()):
                recorder.lost()
        return True


_OVERFLOW = _Overflow()


def _reports_overflow() -> bool:
    """Whether this system's watcher says when it loses events: inotify, with a watchdog that logs a queue
    overflow (``WatchCallback.on_queue_overflow``); that warning is then let through whatever the log's level."""
    try:
        from watchdog.observers import inotify_c
    except (ImportError, OSError):  # not Linux
        return False
    callback = getattr(inotify_c, "WatchCallback", None)
    if callback is None or not hasattr(callback, "on_queue_overflow"):
        return False
    logger = logging.getLogger(inotify_c.__name__)
    if not logger.isEnabledFor(logging.WARNING):
        logger.setLevel(logging.WARNING)
    if _OVERFLOW not in logger.filters:
        logger.addFilter(_OVERFLOW)
    return True


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
    """Stop every native observer this process started (the loader lists everything again), and any rebuild asked
    for later."""
    for root in list(_later):
        cancel_later(root)
    for root in list(_recorders):
        changes.unwatched(root)
        del _recorders[root]
    while _observers:
        observer = _observers.pop()
        with contextlib.suppress(Exception):
            observer.stop()
            observer.join(timeout=5)
