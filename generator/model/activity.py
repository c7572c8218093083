"""A contact activity: ``accounts/<slug>/activities/<date>-<words>.md``.

One small file per activity, the meeting notes as its Markdown body, so that two
people logging visits in parallel pull requests never touch the same file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from . import scales
from .spec import Sensitivity, fld, scale

ActivityKind = Literal["visit", "meeting", "call", "event", "workshop", "meal", "exec-visit", "email"]


@dataclass(kw_only=True, slots=True)
class Activity:
    """One contact with the customer (the surface of general relationships)."""

    date: dt.date = fld("Day of the activity.")
    kind: ActivityKind = fld("visit, meeting, call, event, workshop, meal, exec-visit or email.")
    summary: str = fld("One line: what happened and what was agreed.")
    contacts: list[str] = fld("Customer contact ids met.", ref="contact", factory=list)
    people: list[str] = fld("Roster ids of our people present.", ref="person", factory=list)
    quality: int | None = scale(
        "Quality of the activity against its goal, 1 (poor) to 5 (excellent).", scales.QUALITY, default=None
    )
    opinions: list[str] = fld("Customer opinions heard, recorded to be passed on.", factory=list)
    plan: str | None = fld("Id of the improvement plan this activity advances.", default=None, ref="plan")
    sensitivity: Sensitivity = fld("Label of the whole entry.", default="internal")
