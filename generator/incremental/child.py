"""Work done beside the build in a child process: a module of this package run as ``python -I -S <its file>``.

A thread doing file work beside the load (copying the carried site, reading every dossier file)
gave the interpreter lock away at every read and write and waited to take it back: the work took
three times as long and slowed the load it ran beside. A child process runs on the other core
with a lock of its own. The child imports only the standard library (``-I``: no ``PYTHON*``
variable, no working folder on its path; ``-S``: no site packages), so nothing in the working
tree or the environment runs in it; it reads its request on its standard input and answers on its standard output.
"""

from __future__ import annotations

import subprocess
import sys


class ChildFailed(Exception):
    """The child exited with an error (its message, from its standard error)."""


def command(module_file: str) -> list[str]:
    """The command that runs ``module_file`` as a child: this interpreter, isolated, without site packages."""
    return [sys.executable, "-I", "-S", module_file]


def run(module_file: str, request: bytes) -> bytes:
    """What the child running ``module_file`` answers to ``request`` (given on its standard input).

    Raises :class:`ChildFailed` when it fails, ``OSError`` when no child can be started (an embedded
    interpreter): the caller then does the work itself."""
    done = subprocess.run(command(module_file), input=request, capture_output=True, check=False)
    if done.returncode != 0:
        raise ChildFailed(done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}")
    return done.stdout
