"""``accountplan migrate knows``: add a who-knows-whom record (strength ``unknown``) for each contact owner."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..config import accounts_folder, load_settings
from ..edit.migrate_knows import migrate_contact
from ..load.discover import discover
from ..load.files import load_document
from ..load.tasks import read_regular
from ..model import Roster
from ..model.portfolio import ROSTER
from ..publish.atomic import OutsideFolder, target_in, write_text_atomic
from ..translate import t as _t
from ..translate import text
from ..translate.output import one_line


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("migrate", help="migrate dossiers to a newer layout",
                                                description=__doc__)
    p.add_argument("what", choices=["knows"], help="knows: owners become who-knows-whom records")
    p.add_argument("--accounts", help="accounts folder (default from mkdocs.yml)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file would change")
    return p


def run(args: argparse.Namespace) -> int:
    """Migrate every loadable contact file; report files left alone and owners not in the roster.

    Exit 1 when anything was left behind (a file that does not load, an unknown owner, no roster) and, with
    --check, when any file would change.
    """
    root = accounts_folder(args.accounts, load_settings(args.config), args.config)
    tasks, _ = discover(root)
    people = _roster_ids(root)
    if people is None:
        print(_t("{path}: does not load; owners cannot be checked against it, nothing was migrated (run "
                 "'accountplan check')", args.language, path=os.path.join(root, ROSTER)), file=sys.stderr)
        return 1
    changed = left = refused = 0
    for task in (x for x in tasks if x.kind == "contact"):
        try:
            raw = read_regular(task.path)
        except OSError as exc:
            left += 1
            print(_t("{path}: left unchanged: {problem}", args.language, path=task.shown, problem=exc.strerror),
                  file=sys.stderr)
            continue
        migrated = migrate_contact(task.shown, raw, people)
        if migrated.problem:
            left += 1
            print(_t("{path}: left unchanged: {problem}", args.language, path=task.shown,
                     problem=text(str(migrated.problem), args.language)), file=sys.stderr)
            for found in migrated.diagnostics:
                print(f"  {one_line(found, args.language)}", file=sys.stderr)
            continue
        for owner in migrated.unknown:
            refused += 1
            print(_t("{path}: owner '{owner}' is not in {roster}: not copied to knows (fix the id, or add the "
                     "person to the roster, and run it again)", args.language, path=task.shown, owner=owner,
                     roster=ROSTER), file=sys.stderr)
        if migrated.text is not None:
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
    print(_t("{changed} contact file(s) would change, {left} left unchanged, {refused} unknown owner(s) not copied"
             if args.check else
             "{changed} contact file(s) changed, {left} left unchanged, {refused} unknown owner(s) not copied",
             args.language, changed=changed, left=left, refused=refused))
    return 1 if left or refused or (args.check and changed) else 0


def _roster_ids(root: str) -> frozenset[str] | None:
    """The ids of roster.yml's people; ``None`` when it is missing or does not load cleanly."""
    path = os.path.join(root, ROSTER)
    try:
        raw = read_regular(path)
    except OSError:
        return None
    doc, problems = load_document(path, raw, Roster, markdown=False)
    if doc is None or problems:
        return None
    return frozenset(p.id for p in doc.data.people)
