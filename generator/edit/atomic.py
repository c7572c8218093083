"""Write a file so that readers see either the old text or the new text, never half of it."""

from __future__ import annotations

import os
import stat
import tempfile


def write_atomic(path: str, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` via a temp file in the same folder and ``os.replace``.

    With ``overwrite=False`` an existing file is never touched: :class:`FileExistsError` is raised.
    The temp file starts with a dot so the loader ignores it if a crash leaves it behind.
    """
    folder = os.path.dirname(os.path.abspath(path))
    if not overwrite and os.path.lexists(path):
        raise FileExistsError(f"{path} already exists; it was left unchanged")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        if overwrite:
            os.replace(temp, path)
        else:
            # A hard link fails if the name appeared meanwhile, so a racing writer is never clobbered.
            try:
                os.link(temp, path)
            except FileExistsError:
                raise FileExistsError(f"{path} already exists; it was left unchanged") from None
            except OSError:
                os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
