"""When each dossier last changed: the latest git commit touching its folder, else file times.

One ``git log`` call covers every account folder (one call per account would cost a
process per page at portfolio scale). Outside a git repository, or for folders git does
not know, the newest file modification time is used.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable


def last_changed(root: str, folders: Iterable[str]) -> dict[str, dt.date]:
    """Date of the last change of each folder in ``folders`` (absolute or relative paths)."""
    wanted = {os.path.abspath(f): f for f in folders}
    found: dict[str, dt.date] = {}
    for path, date in _git_dates(root, list(wanted)).items():
        found[wanted[path]] = date
    for absolute, original in wanted.items():
        if original not in found:
            stamp = _newest_mtime(absolute)
            if stamp is not None:
                found[original] = dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date()
    return found


def _git_dates(root: str, folders: list[str]) -> dict[str, dt.date]:
    """Latest commit date per folder from one ``git log --name-only`` over ``root``."""
    if not folders or not os.path.isdir(root):
        return {}
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                             text=True, check=True, timeout=30).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=root, capture_output=True, text=True, check=True, timeout=300,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    by_folder = {os.path.relpath(f, top).replace(os.sep, "/") + "/": f for f in folders}
    dates: dict[str, dt.date] = {}
    date: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            try:
                date = dt.date.fromisoformat(line[1:].strip())
            except ValueError:
                date = None
            continue
        if not line or date is None:
            continue
        # Newest commits come first: the first date seen for a folder is its last change.
        parts = line.split("/")
        for depth in range(1, len(parts)):
            folder = by_folder.get("/".join(parts[:depth]) + "/")
            if folder is not None and folder not in dates:
                dates[folder] = date
                break
    return dates


def _newest_mtime(folder: str) -> float | None:
    newest: float | None = None
    for base, _dirs, files in os.walk(folder):
        for name in files:
            try:
                stamp = os.stat(os.path.join(base, name)).st_mtime
            except OSError:
                continue
            newest = stamp if newest is None else max(newest, stamp)
    return newest
