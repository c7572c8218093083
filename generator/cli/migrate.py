"""``accountplan migrate knows``: add a who-knows-whom record (strength ``unknown``) for each contact owner."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..atomic import OutsideFolder, target_in, write_text_atomic
from ..config import load_settings
from ..edit.migrate_knows import migrate_contact
from ..load.portfolio import discover
from ..translate import t as _t
from ..translate import text


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("migrate", help="migrate dossiers to a newer layout",
                                                description=__doc__)
    p.add_argument("what", choices=["knows"], help="knows: owners become who-knows-whom records")
    p.add_argument("--accounts", help="accounts folder (default from mkdocs.yml)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file would change")
    return p


def run(args: argparse.Namespace) -> int:
    """Migrate every loadable contact file; report files left alone; exit 1 with --check when any would change."""
    root = args.accounts or load_settings(args.config).accounts
    tasks, _ = discover(root)
    changed = left = 0
    for task in (x for x in tasks if x.kind == "contact"):
        with open(task.path, "rb") as handle:
            migrated = migrate_contact(task.shown, handle.read(2_000_001))
        if migrated.problem:
            left += 1
            print(_t("{path}: left unchanged: {problem}", args.language, path=task.shown,
                    problem=text(str(migrated.problem), args.language)), file=sys.stderr)
        elif migrated.text is not None:
            if not args.check:
                # In place only, as fmt writes: a name that resolves elsewhere (a symbolic link) is refused.
                folder, name = os.path.split(os.path.abspath(task.path))
                try:
                    write_text_atomic(target_in(folder, name), migrated.text)
                except OutsideFolder as exc:
                    left += 1
                    print(_t("{path}: left unchanged: {problem}", args.language, path=task.shown,
                            problem=text(str(exc), args.language)), file=sys.stderr)
                    continue
            changed += 1
            print(f"{os.path.relpath(task.path)}: knows += {', '.join(migrated.added)}")
    print(_t("{changed} contact file(s) would change, {left} left unchanged" if args.check
            else "{changed} contact file(s) changed, {left} left unchanged", args.language, changed=changed, left=left))
    return 1 if args.check and changed else 0
