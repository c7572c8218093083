"""``accountplan render --out DIR [--lang en|zh]``: write the generated pages as plain Markdown files.

The same pages the MkDocs plugin adds to a build, for any other generator that reads
``mkdocs.yml`` and a docs folder (Material for MkDocs reaches end of life in 2027; its
successors do not run MkDocs plugins). Diagnostics are printed; the pages are written
even when some dossiers have problems, and the exit status is 1 when any is an error.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import Any

from .. import usercache
from ..config import load_settings
from ..config.forge_settings import forge_of_config
from ..diagnostics import Severity
from ..pipeline import run as run_pipeline
from ..publish.site import refuse_linked
from ..translate import t as _t
from ..translate.language import LANGUAGES
from ..translate.output import formatter
from . import add_profile_option, chosen_profile


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("render", help="write the generated pages as files",
                                                description=__doc__)
    p.add_argument("--out", required=True, help="folder to write the pages into (e.g. a docs folder)")
    p.add_argument("--lang", choices=LANGUAGES, help="language of labels and messages (default: theme.language of "
                   "mkdocs.yml, else en)")
    add_profile_option(p)
    p.add_argument("--today", help="render as of this date (YYYY-MM-DD)")
    p.add_argument("--no-directory-urls", action="store_true",
                   help="link pages as name.html (for use_directory_urls: false)")
    return p


def run(args: argparse.Namespace) -> int:
    """Gather, render and write every page; 1 when any diagnostic is an error."""
    settings = load_settings(args.config, today=args.today)
    args.profile = chosen_profile(args.profile, args.config)  # the site's own profile without --profile
    # The edit links the MkDocs build gives its pages (from repo_url and edit_uri), so both kinds of page agree.
    settings = replace(settings, edit_links=forge_of_config(args.config, settings.forge))
    shown, args.out = args.out, str(refuse_linked(args.out, usercache.project_of(args.config)))
    if _overlaps(args.out, settings.accounts):
        print(_t("accountplan render: --out {out} would write pages among the dossiers in {accounts}; choose a folder "
                "outside it that does not contain it (e.g. docs/ or build/pages)", args.language, out=shown,
                accounts=settings.accounts), file=sys.stderr)
        return 2
    # The git history too, as the plugin reads it: the files and the site never disagree.
    gathered, written = run_pipeline(settings, args.profile, args.language, args.out,
                                     directory_urls=not args.no_directory_urls,
                                     history_cache=usercache.project_cache(args.config))
    if gathered.diagnostics:
        print(formatter("text", args.language)(gathered.diagnostics), file=sys.stderr)
    print(_t("wrote {count} pages to {out}", args.language, count=written, out=shown), file=sys.stderr)
    return 1 if any(d.severity is Severity.ERROR for d in gathered.diagnostics) else 0


def _overlaps(out: str, accounts: str) -> bool:
    """Whether the pages (``accounts/<slug>/index.md``...) could land in the dossier folder: ``out`` inside it,
    or it inside ``out`` (``--out .`` writes ``accounts/index.md`` beside the dossiers)."""
    out_path, dossiers = os.path.realpath(out), os.path.realpath(accounts)
    return os.path.commonpath([out_path, dossiers]) in (out_path, dossiers)
