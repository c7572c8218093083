"""Publish a built site atomically: build into a fresh folder beside the target, then swap it in.

Only a complete, successful build is swapped in (old renamed away, new renamed in, old deleted),
so a build that fails or is killed half-way leaves the published site as it was. Leftovers of
killed builds are cleaned up by the next run (:func:`recover`). Only a folder built this way (it
holds the :data:`MARKER` file) is ever replaced: any other non-empty folder is refused.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from .atomic import swap_folder

MARKER = ".accountplan-site"
"""The file every build writes at the top of its site: a non-empty folder without it is never replaced."""
MARKER_TEXT = "Built by 'accountplan build'; the next build replaces this whole folder.\n"


def fresh_folder(target: Path) -> Path:
    """A new empty folder beside ``target`` to build into, after cleaning up what killed builds left."""
    recover(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.build-{os.getpid()}-", dir=target.parent))


def publish(built: Path, target: Path) -> None:
    """Mark the complete site in ``built`` as ours and swap it in for ``target``."""
    os.chmod(built, 0o755)  # mkdtemp makes it private; the site is served to readers
    (built / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    swap_folder(built, target)


def refuse_linked(target: str | os.PathLike[str], project: str | os.PathLike[str]) -> Path:
    """``target`` made absolute (not resolved), after refusing it when it is a symbolic link or reached through one
    inside ``project``, where a pull request can commit links (:func:`linked_step`)."""
    target, link = linked_step(target, project)
    if link is not None:
        raise ValueError(f"refusing to write into {target}: {link} is a symbolic link; name a real folder")
    return target


def linked_step(target: str | os.PathLike[str], project: str | os.PathLike[str], *, itself: bool = True
                ) -> tuple[Path, Path | None]:
    """``target`` made absolute (not resolved), and the first folder on the way to it that is a symbolic link inside
    ``project`` (``target`` too, wherever it is, unless ``itself`` is false), else ``None``.

    Looked for before the path is resolved: resolved, ``site/zh`` linked to another project's site would be that
    site, and be replaced (or written into). Folders above the project are the machine's own (a linked home).
    Looked for in the path as named, too: tidied, ``link/../out`` is ``out``, but the system goes through ``link``.
    """
    named, project = Path(os.path.join(os.getcwd(), target)), Path(os.path.abspath(project))
    target = Path(os.path.abspath(named))
    # Each folder on the way, tidied, and as named: the system goes through every step before a "..".
    steps = [(folder, folder) for folder in (target, *target.parents)]
    steps += [(Path(os.path.abspath(step)), step) for step in named.parents if step.name not in ("", ".", "..")]
    for folder, looked_up in steps:
        if ((itself and folder == target) or project in folder.parents) and looked_up.is_symlink():
            return target, folder
    return target, None


def refuse_unsafe_target(target: Path, sources: list[Path], project: Path) -> Path:
    """The site folder ``target`` as a real path, after refusing one whose replacement would delete what it must not:
    sources (docs, accounts, the project), a folder of someone else's, or, through a symbolic link
    (:func:`refuse_linked`), any of those elsewhere."""
    target, project = refuse_linked(target, project).resolve(), project.resolve()
    for source in sources:
        source = source.resolve()
        if target == source or source in target.parents or target in source.parents:
            raise ValueError(f"the site folder {target} must not be, hold or sit inside {source}")
    if target == project or target in project.parents:
        raise ValueError(f"the site folder {target} must not be or hold the project folder {project}")
    if target.is_dir() and any(target.iterdir()) and not _built_here(target):
        raise ValueError(f"refusing to replace {target}: it is not empty and was not built by 'accountplan build' "
                         f"(no {MARKER} file in it); choose an empty or new --site-dir, or delete the folder yourself")
    if target.exists() and not target.is_dir():
        raise ValueError(f"refusing to replace {target}: it is a file, not a site folder")
    return target


def _built_here(folder: Path) -> bool:
    """Whether ``folder`` was built by this tool: it holds the marker, or holds only sites that do, each in a folder
    named as a language (``zh``, ``pt-BR``).

    ``make site`` builds the Chinese site into ``site/zh``; built first (``--config mkdocs.zh.yml``), it left a
    ``site`` holding nothing but that site, which the English build then refused to replace. A folder of other
    sites (an archive of quarters, say) is still refused: one mistyped ``--site-dir`` would delete them all.
    """
    if (folder / MARKER).is_file():
        return True
    entries = list(folder.iterdir())
    return bool(entries) and all(_LANGUAGE.fullmatch(e.name) and e.is_dir() and not e.is_symlink()
                                 and (e / MARKER).is_file() for e in entries)


_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
"""A language's folder name: ``zh``, ``en``, ``pt-BR``, ``zh-Hant``."""


_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?P<kind>build|old)-(?P<pid>\d+)(-.*)?")


def recover(target: Path) -> None:
    """Clean up after builds that were killed: delete their half-built folders, restore a lost site.

    A build killed between its two renames leaves the old site as ``.site.old-<pid>``
    and no ``site``: that old site is put back. Folders of builds still running are left alone.
    """
    if not target.parent.is_dir():
        return
    for entry in sorted(target.parent.iterdir()):
        match = _LEFTOVER.fullmatch(entry.name)
        if not match or match["name"] != target.name or _alive(int(match["pid"])):
            continue
        if match["kind"] == "old" and not target.exists():
            os.replace(entry, target)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
