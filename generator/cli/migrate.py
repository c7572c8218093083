"""``accountplan migrate knows``: add a who-knows-whom record (strength ``unknown``) for each contact owner."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..config import load_settings
from ..edit.migrate_knows import migrate_contact
from ..load.discover import discover
from ..publish.atomic import OutsideFolder, target_in, write_text_atomic


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
    for task in (t for t in tasks if t.kind == "contact"):
        with open(task.path, "rb") as handle:
            migrated = migrate_contact(task.shown, handle.read(2_000_001))
        if migrated.problem:
            left += 1
            print(f"{task.shown}: left unchanged: {migrated.problem}", file=sys.stderr)
        elif migrated.text is not None:
            if not args.check:
                # In place only, as fmt writes: a name that resolves elsewhere (a symbolic link) is refused.
                folder, name = os.path.split(os.path.abspath(task.path))
                try:
                    write_text_atomic(target_in(folder, name), migrated.text)
                except OutsideFolder as exc:
                    left += 1
                    print(f"{task.shown}: left unchanged: {exc}", file=sys.stderr)
                    continue
            changed += 1
            print(f"{os.path.relpath(task.path)}: knows += {', '.join(migrated.added)}")
    verb = "would change" if args.check else "changed"
    print(f"{changed} contact file(s) {verb}, {left} left unchanged")
    return 1 if args.check and changed else 0
