"""``accountplan new account|contact|activity|opportunity|action``: scaffold a file that passes ``check``."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import Any

from ..config import accounts_folder, load_settings
from ..edit import scaffold, templates
from ..edit.new_action import new_action
from ..edit.new_opportunity import new_opportunity
from ..history.git import user_email
from ..load.codeowners import is_owner
from ..model.stages import stages_of
from ..translate import t as _t
from ..translate import text
from . import add_lang_option


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "new", help="scaffold a new account, contact, activity, opportunity or action", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--as", dest="as_person", metavar="PERSON",
                        help="your roster id (default: matched from `git config user.email`)")
    common.add_argument("--date", help="date to prefill, YYYY-MM-DD (default: today)")
    common.add_argument("--accounts", help="accounts folder (default from mkdocs.yml)")
    add_lang_option(common)
    kinds = p.add_subparsers(dest="what", required=True, metavar="{account,contact,activity,opportunity,action}")

    acc = kinds.add_parser("account", parents=[common], help="a new account folder with account.md")
    acc.add_argument("slug", help="folder name: lower-case letters, digits and '-'")
    acc.add_argument("--name", help="customer name (default: from the slug)")
    acc.add_argument("--tier", choices=templates.TIERS, default="C")
    acc.add_argument("--market", choices=templates.MARKETS, default="breakthrough")
    acc.add_argument("--industry", default="Unknown")
    acc.add_argument("--region", default="Unknown")
    acc.add_argument("--currency", default="EUR")
    acc.add_argument("--owners", nargs="+", default=[], metavar="OWNER", type=_owner,
                     help="CODEOWNERS owners of the new folder, e.g. @org/acme-team (default: the current ones)")

    con = kinds.add_parser("contact", parents=[common], help="a new contact in an account")
    con.add_argument("account", help="the account's slug")
    con.add_argument("--name", required=True, help="full name as the person writes it")
    con.add_argument("--id", dest="contact_id", help="file name and id (default: c- plus the name's words)")
    con.add_argument("--title", default="Unknown")
    con.add_argument("--department", default="Unknown")
    con.add_argument("--level", choices=templates.LEVELS, default="middle")
    con.add_argument("--role", choices=templates.ROLES, default="other")
    con.add_argument("--influence", type=int, default=3, help="1 minimal .. 5 decisive")
    con.add_argument("--intimacy", default="unknown", help="1 stranger .. 5 close ally, or unknown (default)")
    con.add_argument("--support", default="unknown",
                     help="1 opponent .. 3 neutral .. 5 champion, or unknown (default)")

    act = kinds.add_parser("activity", parents=[common], help="a new activity (visit, call...) in an account")
    act.add_argument("account", help="the account's slug")
    act.add_argument("--kind", choices=templates.KINDS, default="visit")
    act.add_argument("--summary", help="one line: what happened and what was agreed")
    act.add_argument("--contacts", default="", help="contact ids met, comma-separated")
    act.add_argument("--words", help="words for the file name after the date (default: from the summary)")
    opp = kinds.add_parser("opportunity", parents=[common], help="a new opportunity (project) in an account")
    opp.add_argument("account", help="the account's slug")
    opp.add_argument("--name", required=True, help="what the project is, in the customer's words")
    opp.add_argument("--id", dest="opportunity_id", help="file name and id (default: o- plus the name's words)")
    opp.add_argument("--unit", default="Unknown", help="the customer's business unit or department that buys")
    opp.add_argument("--stage", help="default: the first configured stage")

    todo = kinds.add_parser("action", parents=[common], help="a new action item (owner, due date) in an account")
    todo.add_argument("account", help="the account's slug")
    todo.add_argument("--title", required=True, help="what is to be done, in one line")
    todo.add_argument("--id", dest="action_id", help="file name and id (default: a- plus the title's words)")
    todo.add_argument("--owner", help="roster id of who does it (default: you)")
    todo.add_argument("--due", help="YYYY-MM-DD (default: a week after --date)")
    for key in ("contact", "opportunity", "plan"):
        todo.add_argument(f"--{key}", help=f"the {key} id it serves")
    return p


def run(args: argparse.Namespace) -> int:
    """Write the file; exit 1 with a message when it cannot (it exists, unknown id, bad slug)."""
    settings = load_settings(args.config)
    root = accounts_folder(args.accounts, settings, args.config)
    lang = args.language
    try:
        today = dt.date.fromisoformat(args.date) if args.date else settings.today
    except ValueError:
        print(_t("accountplan new: --date '{date}' is not a date; write YYYY-MM-DD", lang, date=args.date),
              file=sys.stderr)
        return 2
    due_text = getattr(args, "due", None)
    try:
        due = dt.date.fromisoformat(due_text) if due_text else None
    except ValueError:
        print(_t("accountplan new: --due '{date}' is not a date; write YYYY-MM-DD", lang, date=due_text),
              file=sys.stderr)
        return 2
    try:
        person = scaffold.editor(root, args.as_person, None if args.as_person else user_email(root))
        if args.what == "account":
            done = scaffold.new_account(root, args.slug, person=person, today=today, name=args.name,
                                        tier=args.tier, market=args.market, industry=args.industry,
                                        region=args.region, currency=args.currency)
        elif args.what == "contact":
            done = scaffold.new_contact(root, args.account, person=person, today=today, name=args.name,
                                        contact_id=args.contact_id, title=args.title, department=args.department,
                                        level=args.level, role=args.role, influence=args.influence,
                                        intimacy=args.intimacy, support=args.support)
        elif args.what == "action":
            done = new_action(root, args.account, owner=args.owner or person, title=args.title, today=today,
                              due=due, action_id=args.action_id,
                              contact=args.contact, opportunity=args.opportunity, plan=args.plan)
        elif args.what == "opportunity":
            done = new_opportunity(root, args.account, person=person, name=args.name,
                                   opportunity_id=args.opportunity_id, unit=args.unit, stage=args.stage,
                                   stages=stages_of(settings.stages))
        else:
            contacts = [c.strip() for c in args.contacts.split(",") if c.strip()]
            done = scaffold.new_activity(root, args.account, person=person, today=today, kind=args.kind,
                                         summary=args.summary, contacts=contacts, words=args.words)
    except scaffold.ScaffoldError as exc:
        print(_t("accountplan new: {message}", lang, message=text(str(exc), lang)), file=sys.stderr)
        return 1
    print(_t("wrote {path}", lang, path=os.path.relpath(done.path)))
    if args.what == "account":
        try:
            added = scaffold.add_codeowners_line(root, args.slug, tuple(args.owners))
        except scaffold.ScaffoldError as exc:  # the account is written; only its CODEOWNERS line is missing
            print(_t("accountplan new: {message}", lang, message=text(str(exc), lang)), file=sys.stderr)
            return 1
        if added:
            print(_t("added a line for the folder to {path} (owners: {owners}; replace them with the account team if "
                    "they are not)", lang, path=os.path.relpath(added[0]), owners=" ".join(added[1])))
    print(_t("next: fill in the fields (the comments explain each one), then run 'accountplan check'", lang))
    return 0


def _owner(value: str) -> str:
    """One ``--owners`` value, refused unless it is an owner handle (a newline would add a line to CODEOWNERS)."""
    if not is_owner(value):
        raise argparse.ArgumentTypeError(f"'{value}' is not a CODEOWNERS owner: use @user, @org/team or an e-mail "
                                         "address")
    return value
