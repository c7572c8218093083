"""``accountplan check [PATHS]``: validate dossiers and report every problem in one run."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..diagnostics import FORMATS, Diagnostic, Severity, within
from ..load.discover import display
from ..neutralise import shown_name
from ..translate import t as _t
from ..translate.output import formatter
from ..usercache import ENVIRONMENT, project_cache
from .args import existing_path
from .progress import Progress


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("check", help="validate dossiers", description=__doc__)
    p.add_argument("paths", nargs="*", type=existing_path,
                   help="accounts folder (default from mkdocs.yml) or files within it")
    p.add_argument("--format", choices=sorted(FORMATS), default="text")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--today", help="check as of this date (YYYY-MM-DD)")
    p.add_argument("--no-cache", action="store_true", help="parse every file, ignoring and not writing the cache")
    p.add_argument("--cache-dir", help=f"where parsed files are cached (default: a folder per project in "
                                       f"${ENVIRONMENT}, else $XDG_CACHE_HOME/accountplan, else ~/.cache/accountplan)")
    p.add_argument("--progress", action="store_true", help="show progress even when stderr is not a terminal")
    p.add_argument("--lang", choices=("en", "zh"),
                   help="language of messages and hints (default: theme.language of mkdocs.yml, else en)")
    return p


def run(args: argparse.Namespace) -> int:
    """Load, validate, print; exit 1 on errors (or warnings with --strict).

    With a cache, account folders unchanged since the last check are neither loaded nor
    checked again (:mod:`generator.incremental.check`); the output is the same either way.
    """
    # Imported here, not at the top: `accountplan --help` need not load the loader and rules.
    from ..config import load_settings, rules_page

    settings = load_settings(args.config, today=args.today)
    root, narrowing = _scope(args.paths, settings.accounts)
    named = [_under(p, root) for p in args.paths]
    if None in named:  # it would be checked against nothing, and pass
        return _outside(args.paths[named.index(None)], root, args.language)
    # As diagnostics name files (a hostile name escaped): else its error would never match the path asked for.
    only = [os.path.abspath(display(n)) for n in named if n is not None] if narrowing else []
    progress = Progress("parsed", force=args.progress)
    cache = None if args.no_cache else args.cache_dir or project_cache(args.config)
    if cache:
        from ..incremental.check import check

        found = check(root, settings, cache, progress=progress)
    else:
        from ..load.portfolio import load_portfolio
        from ..rules import validate

        found = validate(load_portfolio(root, progress=progress), settings)
    progress.close()
    diagnostics = [d for d in found if _selected(d, only)]
    output = formatter(args.format, args.language, rules_page(args.config))(diagnostics)
    if output:
        print(output)
    worst = max((d.severity for d in diagnostics), default=Severity.INFO)
    failing = Severity.WARNING if args.strict else Severity.ERROR
    return 1 if diagnostics and worst >= failing else 0


def _scope(paths: list[str], default_root: str) -> tuple[str, bool]:
    """The accounts root to load, and whether the paths narrow the report to themselves.

    One folder is the root to load when it is the configured one or another accounts folder beside it (outside
    it, and no account folder); a folder inside the configured root, as ``accounts/acme/contacts``, narrows it.
    """
    if not paths:
        return default_root, False
    first = paths[0]
    if len(paths) == 1 and os.path.isdir(first) and not os.path.exists(os.path.join(first, "account.md")):
        inside = _under(first, default_root)
        if inside is None or inside == os.path.abspath(default_root):
            return first, False
    return default_root, True


def _under(path: str, root: str) -> str | None:
    """``path`` named from ``root`` (absolute, as the loader names files) when it lies in ``root``, else ``None``.

    Where it lies is found with the links on the way followed (an editor may name the file by another path, as
    macOS's ``/tmp`` for ``/private/tmp``), but not the last step: a link in ``accounts/`` is the loader's to report.
    """
    full = os.path.abspath(path)
    real = os.path.join(os.path.realpath(os.path.dirname(full)), os.path.basename(full))
    real_root = os.path.realpath(root)
    if real == real_root:
        return os.path.abspath(root)
    if within(real, real_root):
        return os.path.join(os.path.abspath(root), os.path.relpath(real, real_root))
    return None


def _outside(path: str, root: str, lang: str) -> int:
    """Say why ``path`` is refused (exit 2): nothing outside the accounts folder is checked."""
    if not os.path.isdir(root):
        print(_t("accountplan check: there is no accounts folder at {root}; run from the project folder (where "
                 "mkdocs.yml is) or pass --config", lang, root=shown_name(os.path.abspath(root))), file=sys.stderr)
    else:
        print(_t("accountplan check: {path} is not in the accounts folder {root}; run from the project folder, "
                 "pass --config, or give the accounts folder itself", lang,
                 path=display(path), root=shown_name(os.path.abspath(root))), file=sys.stderr)
    return 2


def _selected(diagnostic: Diagnostic, only: list[str]) -> bool:
    return not only or any(within(os.path.abspath(diagnostic.path), p) for p in only)

