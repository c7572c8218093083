"""Where cached state lives, and how it is read back: outside the repository, authenticated.

A pull request can put any file into the working tree, so nothing that can run code is
read from there. Caches live in the user's cache folder — ``$ACCOUNTPLAN_CACHE``, else
``$XDG_CACHE_HOME/accountplan``, else ``~/.cache/accountplan`` — in one subfolder per
project, named by a hash of the project's resolved path.

Cached results are pickles (they hold parsed documents; a data-only format measured several
times slower to read back, see docs/benchmarks.md), so each one is *sealed*: written with a
keyed BLAKE2b tag over its bytes, and unpickled only when the tag matches. The key is 32
random bytes in ``<cache root>/key``, created on first use with mode 0600; a key file that
is a symbolic link, not owned by the user or readable by others (as any file a git checkout
writes is) is never used. So a pickle planted anywhere — in the working tree, in the cache
folder, by a ``--cache-dir`` pointing into a repository — is rejected unread, and the cache
is simply rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import shutil
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from .publish.atomic import target_in, write_bytes_atomic

ENVIRONMENT = "ACCOUNTPLAN_CACHE"
"""Environment variable naming the cache folder; ``off`` turns caching off."""

_OFF = frozenset({"", "off", "0", "no", "false"})
MAGIC = b"APSEAL1\n"
"""First bytes of a sealed blob (bumped with the format)."""
_TAG = 32


def root() -> str | None:
    """The user's cache folder for this tool, or ``None`` when ``$ACCOUNTPLAN_CACHE`` turns caching off."""
    value = os.environ.get(ENVIRONMENT)
    if value is not None:
        return None if value.strip().lower() in _OFF else os.path.abspath(value)
    return _default_root()


def _default_root() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # the XDG spec: a relative value is invalid and ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "accountplan")


def project_of(config_file: str | None) -> str:
    """The project a settings file belongs to: the folder holding it (the working folder without one)."""
    return os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()


def project_folder(project: str | os.PathLike[str]) -> str | None:
    """The cache folder of one project (the folder of its ``mkdocs.yml``); ``None`` when caching is off.

    The cache root is created readable by its user only, before anything is cached in it:
    the cache holds restricted data.
    """
    top = root()
    if top is None:
        return None
    with contextlib.suppress(OSError):  # a folder that cannot be made only means no cache
        os.makedirs(top, mode=0o700, exist_ok=True)
    return os.path.join(top, _project_name(project))


def _project_name(project: str | os.PathLike[str]) -> str:
    """A project's folder name: a hash of its resolved path."""
    return hashlib.blake2b(os.path.realpath(project).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def default_project_folder(project: str | os.PathLike[str]) -> str:
    """The project's folder in the default cache root, for state that must be kept even with caching off."""
    with contextlib.suppress(OSError):
        os.makedirs(_default_root(), mode=0o700, exist_ok=True)
    return os.path.join(_default_root(), _project_name(project))


def clear(project: str | os.PathLike[str]) -> str | None:
    """Delete the cache folder of ``project`` (``make clean``); returns it, or ``None`` when caching is off."""
    folder = project_folder(project)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    return folder


def _key_root() -> str:
    """Where the key lives: the cache root, or the default one when caching is off but a folder was given."""
    return root() or _default_root()


@cache
def _key(where: str) -> bytes:
    """The sealing key in ``where``: read when it is trustworthy, else a new random one replaces it."""
    path = os.path.join(where, "key")
    known = _read_key(path)
    if known is not None:
        return known
    key = secrets.token_bytes(_TAG)
    os.makedirs(where, mode=0o700, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)  # an untrusted file (a link, someone else's, readable by others) is replaced
    descriptor, temp = tempfile.mkstemp(prefix=".key.", dir=where)  # mode 0600
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(key)
        os.link(temp, path)  # whole, and only if no other process made one meanwhile
    except FileExistsError:
        known = _read_key(path)
        if known is None:
            raise
        return known
    finally:
        os.unlink(temp)
    return key


def _read_key(path: str) -> bytes | None:
    """The key at ``path`` when it is a regular file of 32 bytes, the user's own, readable by nobody else."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        st = os.fstat(handle.fileno())
        owned = not hasattr(os, "getuid") or st.st_uid == os.getuid()
        if not stat.S_ISREG(st.st_mode) or not owned or st.st_mode & 0o077:
            return None
        data = handle.read(_TAG + 1)
    return data if len(data) == _TAG else None


def _tag(key: bytes, payload: bytes | memoryview) -> bytes:
    return hashlib.blake2b(payload, key=key, digest_size=_TAG).digest()


def _sealed(obj: Any) -> tuple[bytes, bytes, bytes]:
    """The parts of a sealed blob: magic, tag, ``obj`` pickled (not joined: a carried cache can be 100 MB)."""
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC, _tag(_key(_key_root()), payload), payload


def seal(obj: Any) -> bytes:
    """``obj`` pickled, with the tag that :func:`unseal` checks."""
    return b"".join(_sealed(obj))


def unseal(data: bytes) -> Any:
    """The object sealed in ``data``; ``None`` unless its tag matches this user's key (then nothing is unpickled)."""
    head = len(MAGIC)
    if len(data) < head + _TAG or not data.startswith(MAGIC):
        return None
    view = memoryview(data)  # the payload is hashed and unpickled in place, not copied
    tag, payload = bytes(view[head:head + _TAG]), view[head + _TAG:]
    try:
        key = _key(_key_root())
    except OSError:  # no key can be kept (a read-only home): nothing cached is trusted
        return None
    if not hmac.compare_digest(tag, _tag(key, payload)):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # our own blob from another version of a class: not cached
        return None


def load(path: str) -> Any:
    """The object sealed in the file at ``path``; ``None`` when it is missing, damaged or not ours."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return unseal(data)


def dump(folder: str, name: str, obj: Any) -> None:
    """Seal ``obj`` into ``folder/name`` atomically; a failure only costs a slower next run."""
    with contextlib.suppress(OSError):
        write_bytes_atomic(target_in(folder, name), _sealed(obj), durable=False)  # a lost cache file is a miss


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.usercache clear [PROJECT]``: delete a project's cache folder (for ``make clean``)."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "clear":
        print("usage: python -m generator.usercache clear [PROJECT]", file=sys.stderr)
        return 2
    folder = clear(Path(args[1] if len(args) > 1 else "."))
    print(f"removed {folder}" if folder else "caching is off; nothing to remove")
    return 0


if __name__ == "__main__":
    sys.exit(main())
