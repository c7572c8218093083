"""``accountplan fmt [--check] [PATHS]``: give frontmatter one canonical form, comments and content kept.

Rewrites only files whose text changes, each atomically. With ``--check`` nothing is
written: the files that would change are listed and the exit status is 1 (for CI and
pre-commit). Files that cannot be read as YAML are reported and left alone (exit 1).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..config import load_settings
from ..diagnostics import Severity
from ..edit.fmt import dossier_files, format_files
from ..neutralise import shown_name
from ..translate import t as _t
from ..translate.output import one_line
from .args import existing_path


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("fmt", help="format dossier frontmatter", description=__doc__)
    p.add_argument("paths", nargs="*", type=existing_path,
                   help="files or folders (default: the accounts folder from mkdocs.yml)")
    p.add_argument("--check", action="store_true", help="write nothing; list files that would change, exit 1")
    return p


def run(args: argparse.Namespace) -> int:
    """Format (or check) every file; 0 when all are canonical or were rewritten, 1 otherwise."""
    paths = args.paths or [load_settings(args.config).accounts]
    files, problems = dossier_files(paths)
    results = format_files(files, write=not args.check)
    lang = args.language
    for problem in problems:
        print(one_line(problem, lang), file=sys.stderr)
    status = 1 if any(p.severity is Severity.ERROR for p in problems) else 0  # a path refused is not formatted
    for result in results:
        shown = shown_name(os.path.relpath(result.path))
        for problem in result.problems:
            print(_t("{problem} (not formatted)", lang, problem=one_line(problem, lang)), file=sys.stderr)
            status = 1
        if result.changed:
            print(_t("would reformat {path}" if args.check else "reformatted {path}", lang, path=shown))
            status = 1 if args.check else status
    changed = sum(r.changed for r in results)
    print(_t("{changed} file(s) would be reformatted, {unchanged} unchanged" if args.check
            else "{changed} file(s) reformatted, {unchanged} unchanged", lang, changed=changed,
            unchanged=len(results) - changed), file=sys.stderr)
    return status
