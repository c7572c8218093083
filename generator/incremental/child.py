"""Work done beside the build in a child process: a module of this package run as ``python -I -S <its file>``.

A thread doing file work beside the load (copying the carried site, reading every dossier file)
gave the interpreter lock away at every read and write and waited to take it back: the work took
three times as long and slowed the load it ran beside. A child process runs on the other core
with a lock of its own. The child imports only the standard library (``-I``: no ``PYTHON*``
variable, no working folder on its path; ``-S``: no site packages), so no module of the working
tree or named by the environment is imported in it.

Its request comes on its standard input in frames (:func:`frames`), each with its length and the last one
empty, so the child never waits for the end of its input: a worker process forked while the request
was written would hold that end open. It answers on its standard output.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Iterator

FRAME = 8
"""Bytes of a frame's length (little-endian); a frame of length 0 ends the request."""


class ChildFailed(Exception):
    """The child exited with an error (its message, from its standard error)."""


def command(module_file: str) -> list[str]:
    """The command that runs ``module_file`` as a child: this interpreter, isolated, without site packages, and
    in UTF-8 mode exactly where this process is (``-I`` drops ``PYTHONUTF8``): file names are encoded alike in both."""
    return [sys.executable, "-I", "-S", "-X", f"utf8={sys.flags.utf8_mode}", module_file]


def frames(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The request written as frames: each piece after its length, then the empty frame."""
    for piece in pieces:
        if piece:
            yield len(piece).to_bytes(FRAME, "little")
            yield piece
    yield bytes(FRAME)


def run(module_file: str, request: bytes) -> bytes:
    """What the child running ``module_file`` answers to ``request`` (one frame).

    Raises :class:`ChildFailed` when it fails, ``OSError`` when no child can be started: the caller then does the
    work itself."""
    done = subprocess.run(command(module_file), input=b"".join(frames([request])), capture_output=True, check=False)
    if done.returncode != 0:
        raise ChildFailed(done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}")
    return done.stdout
