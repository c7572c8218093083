"""Walking a folder of the working tree before MkDocs does: iteratively, and without following links.

MkDocs walks the docs folder with ``os.walk(followlinks=True)``, which recurses (Python 3.11) and follows linked
folders: a folder a thousand levels deep, which a pull request can commit, ended the build in a
``RecursionError`` traceback, and two links to the folder above them never ended it at all. The build looks
first (:func:`refuse_unsafe`), with a walk of its own that follows no link and holds a list of folders to visit,
not a stack of calls.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..diagnostics import within
from ..neutralise import shown_name
from .atomic import OutsideFolder, target_in

MAX_DEPTH = 64
"""The deepest a docs or theme folder may nest; no site needs more, and MkDocs' walk fails near a thousand."""


def entries(folder: str | os.PathLike[str]) -> Iterator[tuple[str, os.DirEntry[str], int]]:
    """Everything under ``folder``, in name order, depth first: ``(path relative to folder, entry, depth)``.

    Links are listed, never followed; a folder that cannot be listed is skipped."""
    root = os.fspath(folder)
    pending: list[tuple[str, int]] = [(root, 1)]
    while pending:
        here, depth = pending.pop()
        try:
            with os.scandir(here) as found:
                listed = sorted(found, key=lambda e: e.name)
        except OSError:
            continue
        below = []
        for entry in listed:
            yield os.path.relpath(entry.path, root), entry, depth
            if entry.is_dir(follow_symlinks=False):
                below.append((entry.path, depth + 1))
        pending.extend(reversed(below))


MAX_FOLDERS = 10_000
"""The most folders a walk that follows linked folders visits: links to links can multiply them without a loop."""


def linked_loop(folder: str | os.PathLike[str], limit: int = MAX_FOLDERS) -> str | None:
    """Where a walk of ``folder`` that follows linked folders, as MkDocs' walk of docs does, would come back to a
    folder it is already in, visit more than ``limit`` folders or go deeper than :data:`MAX_DEPTH` (chained links
    of folders each less deep), by the path it took; else ``None``.

    A link to another folder inside (``docs/images`` to ``docs/assets/img``) is fine; two links to the folder
    above them never ended the build."""
    root = os.fspath(folder)
    pending: list[tuple[str, tuple[str, ...]]] = [(root, (os.path.realpath(root),))]
    visited = 0
    while pending:
        here, chain = pending.pop()
        try:
            with os.scandir(here) as found:
                folders = sorted((e for e in found if e.is_dir()), key=lambda e: e.name)
        except OSError:
            continue
        below = []
        for entry in folders:
            real = os.path.realpath(entry.path)
            visited += 1
            if real in chain or visited > limit or len(chain) > MAX_DEPTH:  # MkDocs' walk recurses too
                return os.path.relpath(entry.path, root).replace(os.sep, "/")
            below.append((entry.path, (*chain, real)))
        pending.extend(reversed(below))
    return None


def too_deep(folder: str | os.PathLike[str], limit: int = MAX_DEPTH) -> str | None:
    """The first folder under ``folder`` more than ``limit`` levels down (relative, ``/``-separated), else ``None``."""
    for relative, entry, depth in entries(folder):
        if depth > limit and entry.is_dir(follow_symlinks=False):
            return relative.replace(os.sep, "/")
    return None


def links_leading_out_of(folder: str | os.PathLike[str]) -> list[str]:
    """Every symbolic link under ``folder`` that leads outside it, by its relative name.

    For folders whose every file may be read into the site, listed or not: the theme folder's templates are
    read by Jinja and its other files copied, so a link there to ``/etc`` or ``~/.ssh`` would be published too.
    """
    out: list[str] = []
    for relative, entry, _ in entries(folder):
        if entry.is_symlink():
            try:
                target_in(folder, relative)
            except OutsideFolder:
                out.append(relative.replace(os.sep, "/"))
    return sorted(out)


def special_files(folder: str | os.PathLike[str]) -> list[str]:
    """Every entry under ``folder`` that is neither a regular file nor a folder, links followed (a pipe, socket,
    device, a link to one, or a broken link), by its relative name: MkDocs opens every file of docs, and opening
    a pipe waits for a writer, for ever."""
    found = []
    for relative, entry, _ in entries(folder):
        try:
            regular = entry.is_file() or entry.is_dir()
        except OSError:
            regular = False
        if not regular:
            found.append(relative.replace(os.sep, "/"))
    return sorted(found)


def refuse_unsafe(what: str, folder: str, project: str) -> None:
    """``ValueError`` when the build must not read the ``what`` folder (``docs``, ``theme``) at ``folder``: what a
    link leads to would be published, and a folder nested too deep fails MkDocs' walk.

    A pull request writes the working tree: the folder may be reached through a link inside ``project``, hold
    links leading out of it, or nest a thousand levels deep.
    """
    from .site import linked_step

    link = linked_step(folder, project, itself=False)[1]
    if link is not None:
        raise ValueError(f"{what}: {shown_name(os.path.relpath(link, project))} is a symbolic link inside the "
                         "project, refused (what it leads to would be published); name a real folder")
    links = links_leading_out_of(folder)
    if links:
        shown = ", ".join(shown_name(link) for link in links)  # named by whoever committed them
        raise ValueError(f"{what}: {shown}: a symbolic link leading outside the {what} folder, refused (what it "
                         "leads to would be published)")
    special = special_files(folder)
    if special:
        shown = ", ".join(shown_name(name) for name in special[:5]) + (" …" if len(special) > 5 else "")
        raise ValueError(f"{what}: {shown}: not a regular file or folder (a pipe, socket, device or broken link), "
                         "refused (reading a pipe waits for ever); remove it or put the file itself there")
    deep = too_deep(folder)
    if deep is not None:
        shown = shown_name(deep[:200]) + ("…" if len(deep) > 200 else "")
        raise ValueError(f"{what}: {shown}: folders nested more than {MAX_DEPTH} levels deep, refused (flatten them)")
    loop = linked_loop(folder)
    if loop is not None:  # MkDocs follows linked folders in docs: around a loop, without end
        raise ValueError(f"{what}: {shown_name(loop[:200])}: a symbolic link back to a folder it lies in, or links "
                         f"that make more than {MAX_FOLDERS} folders or {MAX_DEPTH} levels to walk, refused (MkDocs "
                         "follows them); copy the folder instead")


def refuse_unsafe_folders(project: str, folders: dict[str, str | None]) -> None:
    """:func:`refuse_unsafe` for each folder there is of ``folders`` (``{"docs": …, "theme": …}``)."""
    for what, folder in folders.items():
        if folder and os.path.isdir(folder):
            refuse_unsafe(what, folder, project)


def refuse_published_accounts(accounts: str, folders: dict[str, str | None]) -> None:
    """``ValueError`` when the accounts folder and the docs or theme folder (``folders``) overlap: MkDocs publishes
    every file of docs, and copies the theme folder's, as they are, dossiers' restricted data included."""
    accounts_real = os.path.realpath(accounts)
    for what, folder in folders.items():
        real = os.path.realpath(folder) if folder else None
        if real and (within(accounts_real, real) or within(real, accounts_real)):
            raise ValueError(f"accounts: {shown_name(accounts)} and the {what} folder {shown_name(folder or '')} "
                             "overlap, refused (MkDocs publishes the files there as they are, dossiers' restricted "
                             "data included); keep them apart")
