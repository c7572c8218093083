"""Progress of long runs on stderr: a line rewritten in place on a terminal, quiet in CI logs.

Any stage that takes a ``progress(done, total)`` callback (loading files, rendering pages)
can be given a :class:`Progress`. It prints only when stderr is a terminal, unless forced
with ``--progress``; then, in a log, it writes a plain line every few seconds instead of
redrawing one.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """A ``progress(done, total)`` callback that draws ``label done/total (percent)``."""

    def __init__(self, label: str, *, force: bool = False, stream: TextIO | None = None,
                 interval: float | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _isatty(self.stream)
        self.enabled = force or self.terminal
        self.interval = interval if interval is not None else (0.1 if self.terminal else 2.0)
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Report ``done`` of ``total``; throttled, and always drawn when finished."""
        now = time.monotonic()
        if not self.enabled or (done < total and now - self._last < self.interval):
            return
        self._last = now
        percent = 100 * done // total if total else 100
        text = f"{self.label} {done}/{total} ({percent}%)"
        if self.terminal:
            self.stream.write(f"\r\x1b[K{text}")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Clear the in-place line, so that what follows starts on a clean line."""
        if self._drawn and self.terminal:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        self._drawn = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
