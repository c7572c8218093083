"""``accountplan new action``: an action item file that passes ``check``, with guiding comments."""

from __future__ import annotations

import datetime as dt
import os

from ..model.placeholders import body_comment
from .scaffold import (
    Scaffolded,
    ScaffoldError,
    _checked_slug,
    _write,
    account_folder,
    require_records,
    slugify,
    yaml_text,
)

DUE_AFTER_DAYS = 7
"""A new action is due a week after it is written unless a date is given."""

TEMPLATE = """\
---
# A next step: who does what by when, and what it serves. One file per action,
# so that people adding and closing actions in parallel never touch the same file.
id: {id}
title: {title}
owner: {owner}  # roster id of who does it
due: {due}
# status: open, done or dropped
status: open
# what it serves: a contact, an opportunity or an improvement plan (ids in this account)
{serves}---
{body}
"""


def action_text(action_id: str, *, owner: str, title: str, due: dt.date, contact: str | None = None,
                opportunity: str | None = None, plan: str | None = None) -> str:
    """The text of a new action file, without writing it."""
    _checked_slug(action_id, "action id")
    given = {"contact": contact, "opportunity": opportunity, "plan": plan}
    for key, value in given.items():
        if value is not None:
            _checked_slug(value, f"{key} id")
    serves = "".join(f"{key}: {value}\n" if value else f"# {key}: \n" for key, value in given.items())
    return TEMPLATE.format(id=action_id, title=yaml_text(title), owner=owner, due=due.isoformat(), serves=serves,
                           body=body_comment("action"))


def new_action(root: str, account: str, *, owner: str, title: str, today: dt.date, due: dt.date | None = None,
               action_id: str | None = None, contact: str | None = None, opportunity: str | None = None,
               plan: str | None = None) -> Scaffolded:
    """Write ``<root>/<account>/actions/<id>.md``; the id defaults to ``a-`` and the title's first ASCII words."""
    folder = account_folder(root, account)
    require_records(folder, account, "contact", [contact] if contact else [])  # as new activity does: no
    require_records(folder, account, "opportunity", [opportunity] if opportunity else [])  # dangling id
    if action_id is None:
        words = "-".join(slugify(title).split("-")[:6])
        if not words:
            raise ScaffoldError(f"cannot make an id from the title '{title}'; pass --id a-words")
        action_id = f"a-{words}"
    due = due or today + dt.timedelta(days=DUE_AFTER_DAYS)
    text = action_text(action_id, owner=owner, title=title, due=due, contact=contact, opportunity=opportunity,
                       plan=plan)
    return _write(root, os.path.join(folder, "actions", f"{action_id}.md"), text)
