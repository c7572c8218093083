"""An action item: ``accounts/<slug>/actions/<id>.md``.

The next steps that used to live in prose: who does what by when, and what it serves — a
contact, an opportunity or an improvement plan. One small file per action, so that people
adding and closing actions in parallel pull requests never touch the same file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .spec import Sensitivity, fld

ActionStatus = Literal["open", "done", "dropped"]


@dataclass(kw_only=True, slots=True)
class Action:
    """One next step with an owner and a due date."""

    id: str = fld("Stable id, equal to the file name without `.md`.", example="a-send-tco-model")
    title: str = fld("What is to be done, in one line.", example="Send the seven-year TCO model to the CFO")
    owner: str = fld("Roster id of who does it.", ref="person")
    due: dt.date = fld("Due date.")
    status: ActionStatus = fld("open, done or dropped.", default="open")
    contact: str | None = fld("Contact id it serves.", default=None, ref="contact")
    opportunity: str | None = fld("Opportunity id it serves.", default=None, ref="opportunity")
    plan: str | None = fld("Improvement plan id it serves.", default=None, ref="plan")
    sensitivity: Sensitivity = fld("Label of the whole entry.", default="internal")
