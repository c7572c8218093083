"""``SIGTERM`` (``kill``, a CI job's cancel, an editor's stop button) and ``SIGHUP`` (a closed terminal) stop a
command or a server as Ctrl-C does.

Their default ends the process at once, and nothing after it runs: the process pool's workers, blocked on a
queue the dead parent can no longer close, stayed behind for ever (two per killed ``accountplan build``);
MkDocs' temporary site and, with caching off, the folder of generated pages stayed behind too, and nothing was
sealed for the next server. Raised as :class:`Terminated`, a :class:`KeyboardInterrupt`, the signal unwinds the
stack: each pool is shut down, MkDocs runs every plugin's ``on_shutdown``, and the command line exits
``128 + signal`` as a shell reports a process the signal ended.
"""

from __future__ import annotations

import contextlib
import os
import signal

NAMES = ("SIGTERM", "SIGHUP")


class Terminated(KeyboardInterrupt):
    """A stop asked for by a signal (its number in ``signum``), handled as Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def stop_on_termination() -> None:
    """Raise :class:`Terminated` in this process on ``SIGTERM`` and ``SIGHUP`` from now on.

    A handler already set by someone else is left as it is. A process forked from this one (a pool's worker)
    that receives the signal ends as the default would end it: the process that started it decides.
    """
    owner = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != owner:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated(signum)

    for name in NAMES:
        number = getattr(signal, name, None)
        with contextlib.suppress(ValueError, OSError, TypeError):  # not the main thread, or no such signal here
            if number is not None and signal.getsignal(number) == signal.SIG_DFL:
                signal.signal(number, stop)


def ignored_in_workers() -> None:
    """A process pool's initializer: the worker ignores ``SIGINT``, ``SIGTERM`` and ``SIGHUP``, its parent stops it.

    Ctrl-C, a CI job's cancel and ``kill -- -GROUP`` signal every process of the group. A worker that died of it
    broke the pool while the parent was shutting it down: Python's pool then failed in its own thread
    (``InvalidStateError`` on a cancelled task) and the parent waited for ever at exit, writing to a queue no
    worker read. Ignoring them, workers finish the task in hand and leave when the parent shuts the pool down.
    """
    for name in ("SIGINT", *NAMES):
        number = getattr(signal, name, None)
        with contextlib.suppress(ValueError, OSError, TypeError):
            if number is not None:
                signal.signal(number, signal.SIG_IGN)


def exit_status(interrupt: KeyboardInterrupt) -> int:
    """The exit status after ``interrupt``: ``128 + signal`` for a signal's, 130 for Ctrl-C's (``SIGINT``)."""
    return 128 + interrupt.signum if isinstance(interrupt, Terminated) else 130
