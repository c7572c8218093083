"""Where cached state lives, and how it is read back: outside the repository, authenticated.

A pull request can put any file into the working tree, so nothing that can run code is
read from there. Caches live in the user's cache folder — ``$ACCOUNTPLAN_CACHE``, else
``$XDG_CACHE_HOME/accountplan``, else ``~/.cache/accountplan`` — in one subfolder per
project, named by a hash of the project's resolved path. The cache folder is made readable
by its user only (it holds restricted data); one that already exists is used only when it
is a folder, the user's own, and nobody else can write to it, and otherwise nothing is cached,
with a warning (:func:`refusals`). The mode of an existing folder is never changed (it may be
a shared folder or the home folder): one that others can read is used, with a warning.

Cached results are pickles (they hold parsed documents; a data-only format measured several
times slower to read back, see docs/benchmarks.md), so each one is *sealed*: written with a
HMAC-SHA256 tag over its bytes, and unpickled only when the tag matches. The key is 32
random bytes in its own file, never inside the cache folder (CI carries that folder between
runs, and pull requests could restore it): ``$ACCOUNTPLAN_CACHE_KEY_FILE``, else
``$XDG_STATE_HOME/accountplan/key``, else ``~/.local/state/accountplan/key``, created on first
use with mode 0600. A key file that is a symbolic link, not owned by the user or readable by
others (as any file a git checkout writes is) is never used. Only the default key file is ever
replaced; one named by ``$ACCOUNTPLAN_CACHE_KEY_FILE`` that is not a usable key is left as it is,
and nothing is cached, with a warning (it may be any file of the user's, or a key CI wrote wrongly).
So a pickle planted anywhere — in the working tree, in the cache folder, by a ``--cache-dir``
pointing into a repository, in a cache folder carried from a run with another key — is rejected
unread, and the cache is simply rebuilt.
"""

from __future__ import annotations

import atexit
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

from .model.portfolio import gc_paused
from .publish.atomic import OutsideFolder, target_in, write_bytes_atomic
from .translate import Said, said

ENVIRONMENT = "ACCOUNTPLAN_CACHE"
"""Environment variable naming the cache folder; ``off`` turns caching off."""
KEY_ENVIRONMENT = "ACCOUNTPLAN_CACHE_KEY_FILE"
"""Environment variable naming the sealing key's file (CI: one written from a secret, outside the cached folder)."""

_OFF = frozenset({"", "off", "0", "no", "false"})
MAGIC = b"APSEAL2\n"
"""First bytes of a sealed blob (bumped with the format)."""
_TAG = 32


def root() -> str | None:
    """The user's cache folder for this tool, made when missing; ``None`` when ``$ACCOUNTPLAN_CACHE`` turns caching off
    or the folder is not safe to cache in (:func:`_usable`)."""
    value = os.environ.get(ENVIRONMENT)
    if value is not None and value.strip().lower() in _OFF:
        return None
    top = os.path.abspath(value) if value is not None else _default_root()
    return top if _usable(top) and _key_usable(key_file()) else None


_refused: dict[str, Said] = {}
"""Cache folders and key files warned of in this process, with why (:func:`refusals`); all but a folder others can
read are not used."""
_told: set[str] = set()
"""Folders and key files already reported."""


def _usable(top: str) -> bool:
    """Whether the cache folder ``top`` may hold this user's cache: made with mode 0700 when missing; an existing one
    must be a folder, the user's own and writable by nobody else. Its mode is never changed: one that others can read
    or enter is used, with a warning (:func:`_folder_caution`)."""
    try:
        os.makedirs(top, mode=0o700, exist_ok=True)
    except OSError as error:  # a file on its path, no permission: nothing is cached, and the user is told
        if not os.path.lexists(top):
            _refused.setdefault(top, _unmakeable(top, error))
            return False
    try:
        st = os.stat(top)
    except OSError as error:
        _refused.setdefault(top, _unmakeable(top, error))
        return False
    problem = _folder_problem(top, st) or _folder_caution(top, st)
    if problem is not None:
        _refused.setdefault(top, problem)
    return problem is None or problem.template == _OPEN_TO_READ


_OPEN_TO_READ = ("the cache folder {folder} can be read or entered by other users (mode {mode}): it is used, so what "
                 "it caches (restricted fields among it) is open to them; run chmod 700 on it, or set "
                 "ACCOUNTPLAN_CACHE to a folder of your own")
"""The warning for a cache folder others can read: used (its mode is the user's choice), never made private."""


def _unmakeable(top: str, error: OSError) -> Said:
    """The warning for a cache folder ``top`` that does not exist and cannot be made."""
    return said("the cache folder {folder} cannot be made ({reason}): nothing is cached; set ACCOUNTPLAN_CACHE to a "
                "folder of your own (a missing one is made), or to off", folder=top,
                reason=error.strerror or type(error).__name__)


def _folder_caution(top: str, st: os.stat_result) -> Said | None:
    """The warning for a usable cache folder ``top`` that other users can read or enter."""
    if hasattr(os, "getuid") and st.st_mode & 0o077:
        return said(_OPEN_TO_READ, folder=top, mode=f"{stat.S_IMODE(st.st_mode):o}")
    return None


def _folder_problem(top: str, st: os.stat_result) -> Said | None:
    """Why the existing path ``top`` must not be cached in, if it must not (not a folder, another user's, or writable
    by others)."""
    if not stat.S_ISDIR(st.st_mode):
        return said("the cache folder {folder} is not a folder: it is not used and nothing is cached; set "
                    "ACCOUNTPLAN_CACHE to a folder of your own (a missing one is made), or to off", folder=top)
    if not hasattr(os, "getuid"):  # no owners or modes to check (Windows)
        return None
    if st.st_uid != os.getuid():
        return said("the cache folder {folder} belongs to another user (uid {owner}): it is not used and nothing is "
                    "cached; set ACCOUNTPLAN_CACHE to a folder of your own, or to off", folder=top, owner=st.st_uid)
    if st.st_mode & 0o022:
        return said("the cache folder {folder} can be written by other users (mode {mode}): it is not used and nothing "
                    "is cached; run chmod 700 on it, or set ACCOUNTPLAN_CACHE to another folder",
                    folder=top, mode=f"{stat.S_IMODE(st.st_mode):o}")
    return None


def refusals() -> list[Said]:
    """The cache folders and key files this process refused or warns of and has not reported yet, each with why: the
    entry points warn of them once (the CLI on stderr, the plugin in MkDocs' log)."""
    new = [message for folder, message in _refused.items() if folder not in _told]
    _told.update(_refused)
    return new


def _default_root() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # the XDG spec: a relative value is invalid and ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "accountplan")


def project_of(config_file: str | None) -> str:
    """The project a settings file belongs to: the folder holding it (the working folder without one)."""
    return os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()


def project_cache(config_file: str | None) -> str | None:
    """The cache folder of the project a settings file belongs to; ``None`` when nothing is cached.

    Where a build and a server keep what they carry: parsed files, rule results, the git history's parses,
    kept pages (each in its page store inside it).
    """
    return project_folder(project_of(config_file))


def project_folder(project: str | os.PathLike[str]) -> str | None:
    """The cache folder of one project (the folder of its ``mkdocs.yml``); ``None`` when nothing is cached."""
    top = root()
    return None if top is None else os.path.join(top, _project_name(project))


def _project_name(project: str | os.PathLike[str]) -> str:
    """A project's folder name: a hash of its resolved path."""
    return hashlib.blake2b(os.path.realpath(project).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@cache
def process_folder() -> str:
    """A temporary folder only this user can read, for state a process needs with nothing cached (a server's
    generated pages with ``ACCOUNTPLAN_CACHE=off``, or an unusable cache folder); deleted when the process exits
    (a server stops so on Ctrl-C, ``SIGTERM`` and ``SIGHUP``; one killed with ``SIGKILL`` leaves it behind)."""
    folder = tempfile.mkdtemp(prefix="accountplan-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def clear(project: str | os.PathLike[str]) -> str | None:
    """Delete the cache folder of ``project`` (``make clean``); returns it, or ``None`` when caching is off."""
    folder = project_folder(project)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    return folder


def key_file() -> str:
    """The sealing key's file: ``$ACCOUNTPLAN_CACHE_KEY_FILE``, else ``accountplan/key`` in ``$XDG_STATE_HOME`` (else
    ``~/.local/state``) — never in the cache folder, which CI carries between runs."""
    given = os.environ.get(KEY_ENVIRONMENT, "").strip()
    return os.path.abspath(given) if given else _default_key_file()


def _default_key_file() -> str:
    """The key file when ``$ACCOUNTPLAN_CACHE_KEY_FILE`` names none: the only one ever replaced."""
    base = os.environ.get("XDG_STATE_HOME") or ""
    if not os.path.isabs(base):  # the XDG spec: a relative value is invalid and ignored
        base = os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "accountplan", "key")


def _key_usable(path: str) -> bool:
    """Whether the key file ``path`` can seal: a trustworthy key, a missing file (one is made), or the default key
    file (an untrusted one is replaced). A named file that is no usable key is warned of (:func:`refusals`)."""
    if path == _default_key_file() or not os.path.lexists(path) or _read_key(path) is not None:
        return True
    _refused.setdefault(path, said(
        "the cache key file {path} (ACCOUNTPLAN_CACHE_KEY_FILE) is not a usable key, which is a regular file of "
        "exactly 32 bytes, your own, readable by you only (mode 0600): it is left as it is and nothing is cached; "
        "write a key there, or point ACCOUNTPLAN_CACHE_KEY_FILE at a path that does not exist yet (a key is made "
        "there)", path=path))
    return False


class KeyRefusedError(OSError):
    """The key file named by ``$ACCOUNTPLAN_CACHE_KEY_FILE`` is no usable key: nothing is sealed or unsealed."""


@cache
def _key(path: str) -> bytes:
    """The sealing key in the file ``path``: read when it is trustworthy, else a new random one made there — replacing
    an untrusted file only at the default location; :class:`KeyRefusedError` for a named file that is no key."""
    known = _read_key(path)
    if known is not None:
        return known
    if not _key_usable(path):
        raise KeyRefusedError(path)  # never overwrite a file the user named (it may be anything of theirs)
    key = secrets.token_bytes(_TAG)
    where = os.path.dirname(path)
    os.makedirs(where, mode=0o700, exist_ok=True)
    if path == _default_key_file():  # there, an untrusted file (a link, someone else's, readable by others) goes
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
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
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
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
    """HMAC-SHA256: about twice keyed BLAKE2b's speed where the processor hashes SHA-256 (1.7 against 0.9 GB/s
    here), and a merge build checks every sealed blob (1 GB at 10,000 accounts: 4 % of its time). ``hmac.new``, not
    the one-shot ``hmac.digest``, which raises ``OverflowError`` for 2 GiB or more (a planted file ended the build)."""
    return hmac.new(key, payload, "sha256").digest()


def _sealed(obj: Any) -> tuple[bytes, bytes, bytes]:
    """The parts of a sealed blob: magic, tag, ``obj`` pickled (not joined: a carried cache can be 100 MB)."""
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC, _tag(_key(key_file()), payload), payload


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
        key = _key(key_file())
    except OSError:  # no key can be kept (a read-only home): nothing cached is trusted
        return None
    if not hmac.compare_digest(tag, _tag(key, payload)):
        return None
    try:
        with gc_paused(freeze=False):  # millions of acyclic objects at 1,000 accounts: scanned for nothing
            return pickle.loads(payload)
    except Exception:  # our own blob from another version of a class: not cached
        return None


def load(path: str) -> Any:
    """The object sealed in the file at ``path``; ``None`` when it is missing, damaged or not ours.

    Read as dossier files are (:func:`generator.load.tasks.read_regular`): a pipe or a link to ``/dev/zero`` planted in
    the cache folder had hung every build and check."""
    from .load.tasks import read_regular

    try:
        data = read_regular(path, None)
    except OSError:
        return None
    return unseal(data)


def dump(folder: str, name: str, obj: Any) -> None:
    """Seal ``obj`` into ``folder/name`` atomically; a failure only costs a slower next run.

    A ``name`` that resolves outside ``folder`` (a symlink put in the cache's place) is not written through,
    as :func:`.publish.atomic.target_in` refuses it everywhere; here the refusal is a miss, not a failed build."""
    with contextlib.suppress(OSError, OutsideFolder):
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
