"""Everything read from git, in one module: revisions, the first-parent log and blobs in bulk.

``accountplan diff`` and ``score --rev`` unpack a revision into a folder (:mod:`.unpack`, built on these);
the site's history reads the log once (:func:`log`) and the blobs it needs in one
``git cat-file --batch`` (:func:`read_blobs`). Nothing read here is executed or trusted: paths
are only compared with the loader's own names, and bytes go to the same loader as files.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

from ..load.tasks import read_regular

WORKTREE = "."
"""The revision name that means "the working tree as it is now" instead of a commit."""


GIT = ("git", "--no-pager", "-c", "safe.bareRepository=explicit", "-c", "log.showSignature=false",
       "-c", "core.fsmonitor=false")
"""Every git command this tool runs starts so. Git looks for a repository in the folder it runs from before the
folders above, and a pull request can make ``accounts/`` look like one (``HEAD``, ``objects/``, ``refs/`` and a
``config`` are ordinary files to commit); that config's ``gpg.program`` or ``core.fsmonitor`` would then be run.
``safe.bareRepository=explicit`` refuses such a repository, and the two settings after it, programs a
configuration can name for the commands used here, are off whatever a configuration says."""


class RevisionError(ValueError):
    """A revision or repository problem, with a message for the user."""


def git(*args: str, cwd: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``git`` and return the finished process; raises :class:`RevisionError` when git is missing, or when a
    repository is planted on its way to the project's (:func:`refuse_planted`)."""
    refuse_planted(cwd)
    try:
        return subprocess.run([*GIT, *args], cwd=cwd, input=stdin, capture_output=True, check=False, timeout=600)
    except FileNotFoundError:
        raise RevisionError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {args[0]} took too long") from None


def refuse_planted(cwd: str) -> None:
    """:class:`RevisionError` when a folder from ``cwd`` up to the repository's top looks like a git directory
    itself (``HEAD``, ``objects/``, ``refs/``): git would take it for the repository. ``safe.bareRepository``
    refuses it too, but git before 2.38 ignores that setting without a word."""
    here = os.path.abspath(cwd)
    while not os.path.lexists(os.path.join(here, ".git")):
        # As git tells a git directory: HEAD there (a link will do), objects and refs it may enter, in the folder
        # a commondir file names if there is one.
        if os.path.lexists(os.path.join(here, "HEAD")) and all(
                os.access(os.path.join(_common(here), part), os.X_OK) for part in ("objects", "refs")):
            raise RevisionError(f"{here} looks like a git repository (HEAD, objects/, refs/), which git would use "
                                "instead of the project's: refused; delete those files from it")
        parent = os.path.dirname(here)
        if parent == here:
            return
        here = parent


def _common(folder: str) -> str:
    """Where git looks for ``objects`` and ``refs`` of a git directory: the folder its ``commondir`` file names."""
    try:
        named = read_regular(os.path.join(folder, "commondir"), 4096).decode("utf-8", "replace").strip()
    except OSError:
        return folder
    return os.path.join(folder, named) if named else folder


def _out(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stdout.decode("utf-8", "replace").strip()


def locate(accounts: str) -> tuple[str, str]:
    """``(repository top level, accounts folder relative to it)`` for an accounts folder path."""
    folder = os.path.abspath(accounts)
    probe = folder
    while not os.path.isdir(probe):  # the folder may be missing in the working tree but exist at a revision
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    done = git("rev-parse", "--show-toplevel", cwd=probe)
    if done.returncode != 0:
        raise RevisionError(f"{accounts} is not inside a git repository")
    top = _out(done)
    relative = os.path.relpath(os.path.realpath(folder), os.path.realpath(top))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):  # "..accounts" lies inside
        raise RevisionError(f"{accounts} is outside the repository {top}")
    return top, relative.replace(os.sep, "/")


def commit_of(top: str, rev: str) -> str:
    """The full commit id of ``rev``; a clear error for an unknown name."""
    if not rev or rev.startswith("-"):
        raise RevisionError(f"not a git revision: '{rev}'")
    done = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=top)
    if done.returncode != 0:
        raise RevisionError(f"unknown revision '{rev}' (fetch it first, e.g. 'git fetch origin main')")
    return _out(done)


def commit_date(top: str, commit: str) -> dt.date:
    """The committer date (UTC) of ``commit``."""
    return utc_day(int(_out(git("show", "-s", "--format=%ct", commit, cwd=top)) or 0))


def utc_day(seconds: int) -> dt.date:
    """The UTC calendar day of a Unix time."""
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()


BLOB_LIMIT = 2_000_001
"""The most bytes of a blob read into memory: one past the loader's read limit
(:data:`generator.load.tasks.READ_LIMIT`), so a larger file is still reported too large (AP002)."""

def head(top: str) -> str:
    """The commit id ``HEAD`` names now (empty before the first commit): what the history is read from."""
    done = git("rev-parse", "--verify", "--quiet", "HEAD^{commit}", cwd=top)
    return _out(done) if done.returncode == 0 else ""


def git_dirs(top: str) -> list[str]:
    """The folders where git records where ``HEAD`` points: the worktree's git folder and the shared one."""
    done = git("rev-parse", "--path-format=absolute", "--absolute-git-dir", "--git-common-dir", cwd=top)
    return sorted(set(_out(done).splitlines())) if done.returncode == 0 else []


def is_shallow(top: str) -> bool:
    """Whether the clone is shallow (CI's default ``fetch-depth: 1``): older history is missing."""
    return _out(git("rev-parse", "--is-shallow-repository", cwd=top)) == "true"


@dataclass(frozen=True)
class FileChange:
    """One file changed by a commit, paths relative to the accounts folder."""

    old: str | None
    """The path before (``None`` for an added file)."""
    new: str | None
    """The path after (``None`` for a deleted file)."""
    blob: str | None
    """The blob id after (``None`` for a deleted file)."""


@dataclass(frozen=True)
class Commit:
    """A first-parent commit of ``HEAD`` that touched the accounts folder."""

    sha: str
    time: int
    """Committer time, Unix seconds."""
    subject: str
    changes: tuple[FileChange, ...]

    @property
    def day(self) -> dt.date:
        """The committer date (UTC)."""
        return utc_day(self.time)


_ZERO = "0" * 40
_LINK_MODES = ("120000", "160000")
"""Tree modes of a symbolic link and of a submodule: not files, whatever their blob holds."""


_LOG = ("-c", "core.quotePath=true", "log", "--first-parent", "--reverse", "--no-abbrev", "--raw", "-M",
        "--diff-merges=first-parent", "--format=%x01%H %ct %s")


class PendingLog:
    """A ``git log`` (:func:`log`) started at once and read when :meth:`commits` is asked for.

    git writes into a temporary file meanwhile, so it runs beside whatever the caller does next (a build
    loads the working tree while git walks the history), and never waits on a full pipe.
    """

    def __init__(self, top: str, relative: str, rev: str = "HEAD", *, check: bool = False) -> None:
        self.relative, self.rev, self.check = relative, rev, check
        # Open until :meth:`commits` (which closes them): git writes into them meanwhile.
        refuse_planted(top)
        self._out, self._err = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen([*GIT, *_LOG, rev, "--", relative], cwd=top, stdin=subprocess.DEVNULL,
                                             stdout=self._out, stderr=self._err)
        except FileNotFoundError:
            self._close()
            raise RevisionError("git is not installed or not on PATH") from None
        except OSError as exc:
            self._close()
            raise RevisionError(f"git could not start: {exc.strerror}") from None

    def _close(self) -> None:
        self._out.close()
        self._err.close()

    def close(self) -> None:
        """Stop git if it still runs and let go of its files: for a caller that will not read the log after all."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._close()

    def commits(self) -> list[Commit]:
        """The commits, once git is done (see :func:`log`); asked for once."""
        if self._out.closed:
            raise RevisionError("git log was already read or stopped")
        try:
            try:
                code = self._process.wait(timeout=600)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
                raise RevisionError("git log took too long") from None
            self._out.seek(0)
            self._err.seek(0)
            out, err = self._out.read(), self._err.read()
        finally:
            self._close()
        if code != 0:
            if self.check:
                raise RevisionError(f"git log {self.rev} failed: {err.decode('utf-8', 'replace').strip()}")
            return []
        return _commits(out, self.relative)


def log(top: str, relative: str, rev: str = "HEAD", *, check: bool = False) -> list[Commit]:
    """The first-parent commits of ``rev`` touching ``relative``, oldest first, with their changed blobs.

    One ``git log --raw`` call: a merge is described against its first parent (what it brought
    to the main branch) and renames are detected (``-M``), so a moved account folder keeps its
    history. Paths git has to quote (not valid dossier names anyway) are left out. A log git
    cannot give is empty, or with ``check`` a :class:`RevisionError`.
    """
    return PendingLog(top, relative, rev, check=check).commits()


def _commits(out: bytes, relative: str) -> list[Commit]:
    """The commits of ``git log --raw`` output (:data:`_LOG`)."""
    prefix = relative.rstrip("/") + "/" if relative not in ("", ".") else ""
    commits: list[Commit] = []
    head: list[str] | None = None
    changes: list[FileChange] = []
    for line in out.decode("utf-8", "replace").split("\n"):
        if line.startswith("\x01"):
            if head is not None:
                commits.append(_commit(head, changes))
            head, changes = line[1:].split(" ", 2), []
        elif line.startswith(":") and head is not None:
            change = _raw(line, prefix)
            if change is not None:
                changes.append(change)
    if head is not None:
        commits.append(_commit(head, changes))
    return commits


def continues(top: str, old: str, new: str) -> bool:
    """Whether ``new``'s first-parent line runs through ``old``: then ``log(old..new)`` is what ``log(new)`` adds.

    The oldest first-parent commit of ``new`` that ``old`` does not reach must have ``old`` as its
    first parent. A rewritten history (an amended commit, a force push, a reset), an ``old`` reached
    only through a merged side branch, or an ``old`` git no longer has all answer ``False``.
    """
    if old == new:
        return bool(old)
    if not (_is_id(old) and _is_id(new)):
        return False
    done = git("rev-list", "--first-parent", "--parents", f"{old}..{new}", cwd=top)
    # Newest first, one line per commit: "<id> <first parent>" (--first-parent shows that parent only).
    lines = done.stdout.decode("ascii", "replace").strip().splitlines() if done.returncode == 0 else []
    oldest = lines[-1].split() if lines else []
    return len(oldest) >= 2 and oldest[1] == old


def _is_id(name: str) -> bool:
    """A full commit id (SHA-1 or SHA-256), never an option or a revision expression."""
    return len(name) in (40, 64) and all(c in "0123456789abcdef" for c in name)


def _commit(head: list[str], changes: list[FileChange]) -> Commit:
    sha, seconds, subject = [*head, "", "", ""][:3]
    return Commit(sha, int(seconds) if seconds.isdigit() else 0, subject, tuple(changes))


def _raw(line: str, prefix: str) -> FileChange | None:
    """One ``--raw`` line: ``:mode mode old new status\\tpath[\\tpath]``."""
    meta, _, names = line.partition("\t")
    fields = meta.split()
    if len(fields) < 5 or not names or '"' in names:
        return None
    blob, status = fields[3], fields[4][:1]
    paths = [p[len(prefix):] if p.startswith(prefix) else None for p in names.split("\t")]
    if fields[1] in _LINK_MODES:  # a link's blob is its target's name, never a dossier: the file is gone
        return FileChange(paths[0], None, None) if paths[0] and status != "C" else None
    if status in ("R", "C") and len(paths) == 2:
        return FileChange(paths[0] if status == "R" else None, paths[1], blob)
    path = paths[0]
    if path is None:
        return None
    if status == "D" or blob == _ZERO:
        return FileChange(path, None, None)
    return FileChange(path if status != "A" else None, path, blob)


def read_blobs(top: str, ids: Iterable[str], limit: int = BLOB_LIMIT) -> dict[str, bytes]:
    """The bytes of each blob id, read in one ``git cat-file --batch``; a blob over ``limit`` is never read.

    ``git cat-file --batch-check`` gives the sizes first, and only blobs of at most ``limit`` bytes are
    asked for, so a huge blob (one a pull request committed, in as many versions as it likes) never
    passes through memory. A larger blob is given as ``limit`` zero bytes, one object shared by all:
    the loader refuses files over its size limit by their length alone (AP002), so it is still refused.
    A blob git does not have is left out.
    """
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    sizes = blob_sizes(top, wanted)
    small = [i for i in wanted if sizes.get(i, limit + 1) <= limit]
    found: dict[str, bytes] = {}
    if any(size > limit for size in sizes.values()):
        marker = bytes(limit)
        found.update((i, marker) for i, size in sizes.items() if size > limit)
    if not small:
        return found
    done = git("cat-file", "--batch", cwd=top, stdin="".join(f"{i}\n" for i in small).encode())
    data = done.stdout
    at = 0
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<id> missing"
            continue
        size = int(header[2])
        found[header[0].decode()] = data[at:at + min(size, limit)]
        at += size + 1
    return found


def blob_sizes(top: str, ids: Iterable[str]) -> dict[str, int]:
    """The size in bytes of each blob id, by one ``git cat-file --batch-check``; missing ids and non-blobs left out."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    done = git("cat-file", "--batch-check", cwd=top, stdin="".join(f"{i}\n" for i in wanted).encode())
    sizes: dict[str, int] = {}
    for line in done.stdout.decode("ascii", "replace").splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[1] == "blob" and fields[2].isdigit():
            sizes[fields[0]] = int(fields[2])
    return sizes


def user_email(cwd: str) -> str | None:
    """``git config user.email`` as seen from ``cwd``; ``None`` when it is not set or git cannot run."""
    try:
        return _out(git("config", "user.email", cwd=cwd)) or None
    except (RevisionError, OSError):
        return None
