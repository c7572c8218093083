"""Where the package's page templates and site assets are: ``theme/`` of this checkout, ``generator/theme`` installed.

``setup.py`` ships the top-level ``theme/`` folder as the package ``generator.theme``, so
:mod:`importlib.resources` finds it in a wheel install, an editable install and this checkout alike.
An editable install maps ``generator.theme`` to the ``theme/`` of the tree it was installed from: another
checkout run with ``PYTHONPATH`` under that install's Python renders with the installed tree's templates
(compare two trees with one install each).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def theme_dir() -> Path:
    """The theme folder: ``accountplan/`` page templates and ``assets/`` styles and scripts."""
    root = files("generator.theme")
    if not isinstance(root, Path):  # e.g. imported from a zip archive: MkDocs and Jinja need real files
        raise RuntimeError(f"accountplan's theme must be installed as files, found {root!r}")
    return root


def templates_dir() -> Path:
    """The Jinja2 page templates (``account.html``, ``portfolio.html``...)."""
    return theme_dir() / "accountplan"


def assets() -> list[str]:
    """The site's styles and scripts, as paths relative to the theme folder (``assets/accountplan.css``...)."""
    folder = theme_dir() / "assets"
    return sorted(f"assets/{path.name}" for path in folder.iterdir() if path.suffix in (".css", ".js"))
