"""Find every dossier file under ``accounts/``, with the problems of names and links met on the way."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import codes
from ..model.portfolio import ACCOUNT, KINDS, ROSTER
from ..neutralise import shown_name
from .files import error, slug_problem
from .tasks import Task

_HOLDS = "an account folder holds account.md, " + ", ".join(f"{k}/" for k in KINDS)


def display(path: str, cwd: str | None = None) -> str:
    """``path`` as diagnostics show it: relative to ``cwd`` (default: the working folder) when inside it.

    Bytes that are not UTF-8 and control characters are escaped (:func:`generator.neutralise.shown_name`):
    anyone can name a file, and the name reaches terminals, CI logs and pages."""
    folder, sep, name = path.rpartition(os.sep)
    shown = _display_folder(cwd or os.getcwd(), folder or sep)
    if shown is None:
        return shown_name(path)
    return shown_name(name if shown == "." else shown + os.sep + name)


@functools.lru_cache(maxsize=4096)
def _display_folder(cwd: str, folder: str) -> str | None:
    """``folder`` relative to ``cwd``, or ``None`` outside it; memoized, as relpath per file is slow."""
    rel = os.path.relpath(folder or ".", cwd)
    return None if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel  # "..proj" lies inside


def _shown_inside(folder: str, cwd: str) -> str:
    """What :func:`display` shows before the name of a file in ``folder``: the folder's shown path and a separator.

    Escaping is character by character (:func:`generator.neutralise.shown_name`), so a file's shown path is its
    folder's prefix followed by its own name escaped, the folder worked out once for all its files."""
    shown = _display_folder(cwd, folder)
    if shown is None:
        return shown_name(folder) + os.sep
    return "" if shown == "." else shown_name(shown) + os.sep


def _by_name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _entries(folder: str, problems: list[Diagnostic], cwd: str) -> list[os.DirEntry[str]]:
    """The visible entries of ``folder`` by name; symbolic links, case clashes and entries that are neither files
    nor folders (pipes, sockets, devices: opening one can wait forever) go to ``problems`` instead."""
    with os.scandir(folder) as it:
        listed = sorted(it, key=_by_name)
    seen: dict[str, str] = {}
    kept = []
    for entry in listed:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            problems.append(error(display(entry.path, cwd), 0, 0, codes.SYMLINK,
                                  "symbolic links are not followed in accounts/",
                                  "replace the link with the file itself"))
            continue
        if not entry.is_file() and not entry.is_dir():
            problems.append(Diagnostic(display(entry.path, cwd), 0, 0, codes.UNEXPECTED_FILE, Severity.WARNING,
                                       "not a regular file (a pipe, socket or device) and is not read",
                                       "replace it with the file itself"))
            continue
        folded = entry.name.casefold()
        if folded in seen:
            seen_folded = shown_name(seen[folded])
            problems.append(error(display(entry.path, cwd), 0, 0, codes.BAD_NAME,
                                  f"name differs only by case from '{seen_folded}'", "rename one of them"))
            continue
        seen[folded] = entry.name
        kept.append(entry)
    return kept


def _named(entry: os.DirEntry[str], stem: str, problems: list[Diagnostic], cwd: str) -> bool:
    """Whether ``stem`` is a valid slug; reports it in ``problems`` when not."""
    problem = bad_name(display(entry.path, cwd), stem)
    if problem is not None:
        problems.append(problem)
    return problem is None


def bad_name(shown: str, stem: str) -> Diagnostic | None:
    """The AP004 error of the file or folder ``shown`` when its name ``stem`` is not a valid slug, else ``None``."""
    why = slug_problem(stem)
    if not why:
        return None
    stem = shown_name(stem)  # as diagnostics show names
    return error(shown, 0, 0, codes.BAD_NAME, f"name '{stem}' {why}", "use lower-case ASCII letters, digits and '-'")


def discover(root: str) -> tuple[list[Task], list[Diagnostic]]:
    """Every dossier file to load, and problems with names and links found on the way."""
    cwd = os.getcwd()
    tasks: list[Task] = []
    problems: list[Diagnostic] = []
    for found in discover_root(root, problems, cwd):
        if isinstance(found, Task):
            tasks.append(found)
        else:
            folder_tasks, folder_problems = discover_folder(found.path, cwd)
            tasks += folder_tasks
            problems += folder_problems
    return tasks, problems


def discover_root(root: str, problems: list[Diagnostic], cwd: str) -> Iterator[Task | os.DirEntry[str]]:
    """The roster's task and each account folder of ``root``, in name order.

    Problems with the names at the top level go to ``problems`` as they are met; what is
    inside each account folder is left to :func:`discover_folder`.
    """
    for entry in _entries(root, problems, cwd):
        if entry.is_file() and entry.name == ROSTER:
            yield Task(entry.path, display(entry.path, cwd), "roster", "")
        elif entry.is_dir() and _named(entry, entry.name, problems, cwd):
            yield entry
        elif not entry.is_dir():
            problems.append(Diagnostic(display(entry.path, cwd), 0, 0, codes.UNEXPECTED_FILE, Severity.WARNING,
                                       "unexpected file in accounts/ is ignored",
                                       "accounts/ holds roster.yml and one folder per account"))


def discover_folder(path: str, cwd: str) -> tuple[list[Task], list[Diagnostic]]:
    """The files to load from the account folder at ``path``, and problems with its names."""
    slug = os.path.basename(path)
    tasks: list[Task] = []
    problems: list[Diagnostic] = []
    has_main = False
    for entry in _entries(path, problems, cwd):
        if entry.is_file() and entry.name == ACCOUNT:
            has_main = True
            tasks.append(Task(entry.path, display(entry.path, cwd), "account", slug))
        elif entry.is_dir() and entry.name in KINDS:
            kind, inside = KINDS[entry.name], _shown_inside(entry.path, cwd)
            for item in _entries(entry.path, problems, cwd):
                shown = inside + shown_name(item.name)  # display(item.path, cwd), once a file (68,000 at N=1000)
                if not item.is_file() or not item.name.endswith(".md"):
                    problems.append(Diagnostic(shown, 0, 0, codes.UNEXPECTED_FILE, Severity.WARNING,
                                               f"only .md files are read in {entry.name}/", "rename or remove it"))
                elif (problem := bad_name(shown, item.name[:-3])) is not None:  # never ".md" alone: not hidden
                    problems.append(problem)
                else:
                    tasks.append(Task(item.path, shown, kind, slug))
        else:
            problems.append(Diagnostic(display(entry.path, cwd), 0, 0, codes.UNEXPECTED_FILE, Severity.WARNING,
                                       "unexpected entry in an account folder is ignored",
                                       _HOLDS))
    if not has_main:
        problems.append(error(display(path, cwd), 0, 0, codes.FRONTMATTER_MISSING, "account folder has no account.md",
                              "create account.md or run 'accountplan new account'"))
    return tasks, problems
