"""``accountplan diff BASE [HEAD]``: what changed about the accounts between two git revisions.

HEAD defaults to the ``HEAD`` commit (what is committed, not unsaved edits); pass ``.``
to compare against the working tree as it is now. Scores are computed as of today (or
``--today``) on both sides, so only the data moves them. The report and the ``--maps`` show
only what the build profile may (``--profile``, default the internal level), as the site does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import Any

from .. import usercache
from ..config import Settings, accounts_folder, load_settings
from ..edit.diff import compare
from ..history.git import WORKTREE, locate
from ..history.unpack import extract
from ..load.portfolio import load_portfolio
from ..model.portfolio import Portfolio
from ..publish.site import refuse_linked
from ..redact import apply_profile, profile_level
from ..render.diff_report import FORMATS, write_maps
from ..translate import t as _t
from . import add_profile_option, chosen_profile
from .load_errors import print_load_errors


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("diff", help="describe account changes between two revisions",
                                                description=__doc__)
    p.add_argument("base", help="the older revision, e.g. origin/main")
    p.add_argument("head", nargs="?", default="HEAD", help="the newer revision (default HEAD; '.' = working tree)")
    p.add_argument("--format", choices=sorted(FORMATS), default="markdown")
    p.add_argument("--maps", metavar="DIR", help="write before/after relationship maps of changed accounts here")
    p.add_argument("--today", help="compute scores as of this date (YYYY-MM-DD)")
    p.add_argument("--accounts", help="accounts folder (default from mkdocs.yml)")
    add_profile_option(p)
    p.add_argument("--lang", choices=("en", "zh"),
                   help="language of the report (default: theme.language of mkdocs.yml, else en)")
    return p


def run(args: argparse.Namespace) -> int:
    """Load both revisions, compare, print the report; exit 2 for an unknown revision."""
    settings = load_settings(args.config, today=args.today)
    args.profile = chosen_profile(args.profile, args.config)
    if args.maps:
        shown, args.maps = args.maps, str(refuse_linked(args.maps, usercache.project_of(args.config)))
    accounts = accounts_folder(args.accounts, settings, args.config)
    top, relative = locate(accounts)
    profile_level(settings, args.profile)  # an unknown profile fails before any git work
    with tempfile.TemporaryDirectory(prefix="accountplan-diff-") as temp:
        base_folder = extract(top, relative, args.base, os.path.join(temp, "base"))
        base = _visible(base_folder, settings, args.profile, (relative, args.base, args.language))
        folder = accounts if args.head == WORKTREE else extract(top, relative, args.head, os.path.join(temp, "head"))
        head = _visible(folder, settings, args.profile, None if args.head == WORKTREE else
                        (relative, args.head, args.language))
        report = compare(base, head, settings, base_name=args.base,
                         head_name="working tree" if args.head == WORKTREE else args.head)
        sys.stdout.write(FORMATS[args.format](report, args.language))
        if args.maps:
            for path in write_maps(report, base, head, args.maps):
                print(_t("wrote {path}", args.language, path=os.path.join(shown, os.path.basename(path))),
                      file=sys.stderr)
    return 0


def _visible(folder: str, settings: Settings, profile: str | None, rev: tuple[str, str, str] | None) -> Portfolio:
    """The portfolio at ``folder`` as the profile's site shows it: both sides redacted alike. With ``rev``
    (the accounts folder's path in the repository, the revision, the language), its loading errors are printed."""
    loaded = load_portfolio(folder)
    if rev is not None:
        print_load_errors(loaded, folder, *rev)
    return apply_profile(loaded, settings, profile).portfolio
