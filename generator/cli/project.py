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

NAMING = ("paths", "accounts")
"""Arguments that name the accounts (or files in them) themselves: then the current folder is not guessed from."""


def project_above(args: argparse.Namespace, config: str) -> Path | None:
    """The nearest folder above the current one holding ``config`` when the command needs a project and the
    current folder is not one (no ``config``, no ``accounts/``, nothing named); else None.

    Only when ``--config`` was not given (``args.config`` is None): one given is the user's choice and stands.
    """
    if args.command in ANYWHERE or args.config is not None or any(getattr(args, n, None) for n in NAMING):
        return None
    here = Path.cwd()
    if (here / config).exists() or (here / "accounts").exists():
        return None
    for folder in here.parents:
        if (folder / config).is_file():
            return folder
    return None


def relative(folder: Path) -> str:
    """``folder`` as the user would type it from here (``..``, ``../..``), else absolute."""
    try:
        return os.path.relpath(folder)
    except ValueError:  # another drive on Windows
        return str(folder)
