"""Run below the project: say where the project folder is instead of failing on a missing accounts folder.

Without ``--config``, ``accountplan`` reads ``mkdocs.yml`` in the current folder and, without one, looks for
``accounts/`` there. Run from ``accounts/`` or a folder in it, that was ``accounts:0:0: AP008 accounts folder
not found``: true, and no help. Git, make and MkDocs all want the project folder too; the command names it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ANYWHERE = frozenset({"schema", "lsp"})
"""Commands that read no project: they run anywhere."""


def project_above(args: argparse.Namespace, config: str) -> Path | None:
    """The nearest folder above the current one holding ``config`` when the command needs a project and the
    current folder is not one; else None.

    A project folder holds ``config``, or (the defaults' project) ``accounts/roster.yml``: a built site's
    ``accounts/`` or an account folder named ``accounts`` is not one. Only when ``--config`` was not given
    (``args.config`` is None): one given is the user's choice and stands. Paths named on the command line do
    not make the current folder a project: ``check .`` from ``accounts/`` ran with the defaults instead of the
    project's settings (its scoring, dates and profile).
    """
    if args.command in ANYWHERE or args.config is not None:
        return None
    try:
        here = Path.cwd()
    except OSError:  # the current folder was deleted: the command says so itself
        return None
    if (here / config).exists() or (here / "accounts" / "roster.yml").exists():
        return None
    for folder in here.parents:
        if (folder / config).is_file():
            return folder if _builds_accounts(folder / config) else None
    return None


def _builds_accounts(config_file: Path) -> bool:
    """Whether ``config_file`` (or a file it inherits) lists this plugin: another MkDocs site above a folder of
    accounts is no project to send the user to. One that cannot be read counts (running there says why)."""
    from ..config.check import ConfigError
    from ..config.inherit import built_sections

    try:
        return bool(built_sections(str(config_file)))
    except (ConfigError, OSError, ValueError):
        return True


def relative(folder: Path) -> str:
    """``folder`` as the user would type it from here (``..``, ``../..``), else absolute."""
    try:
        return os.path.relpath(folder)
    except ValueError:  # another drive on Windows
        return str(folder)
