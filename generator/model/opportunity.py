"""An opportunity (机会点): ``accounts/<slug>/opportunities/<id>.md``.

The article's working unit: support "can only show in support for a project"
(支持度只能表现在项目的支持度上), so each involved contact's stance is recorded per
opportunity. One file per opportunity, the deal notes as its Markdown body, so that two
people updating two projects never touch the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from . import scales
from .contact import DECIDING_ROLES, Contact
from .spec import Sensitivity, fld, scale


@dataclass(kw_only=True, slots=True)
class Stance:
    """One contact's stance on this opportunity (their support for the project, not for us in general)."""

    contact: str = fld("Contact id.", ref="contact")
    support: int | None = scale("Support for this project, 1 (opponent) to 5 (champion), or `unknown`.",
                                scales.SUPPORT, unknown=True)
    favours: str | None = fld("The competitor this contact favours for this project, if any.", default=None)
    note: str | None = fld("Why: what they said, what they need to see.", default=None)


@dataclass(kw_only=True, slots=True)
class Opportunity:
    """A project we pursue at the customer."""

    id: str = fld("Stable id, equal to the file name without `.md`.", example="o-core-network-2027")
    name: str = fld("What the project is, in the customer's words.", example="Core network refresh 2027")
    unit: str = fld("The customer's business unit or department that buys (for the whitespace grid).",
                    example="Network")
    offerings: list[str] = fld("Our offerings in play.", factory=list, example=["core-network"])
    value: float | None = fld("Expected order value.", default=None, low=0)
    currency: str | None = fld("ISO currency code of `value`.", default=None, example="EUR")
    stage: str = fld("Where it stands: one of the configured stages (default lead, qualified, proposal, "
                     "negotiation, won, lost, dropped).", example="proposal")
    decision: dt.date | None = fld("Expected decision date.", default=None)
    competitors: list[str] = fld("Competitors in play.", factory=list)
    criteria: list[str] = fld("The customer's decision criteria.", factory=list)
    sponsor: str | None = fld("Roster id of our person who sponsors the pursuit.", default=None, ref="person")
    stances: list[Stance] = fld("Each involved contact's stance on this opportunity.", factory=list)
    plans: list[str] = fld("Ids of improvement plans serving this opportunity.", ref="plan", factory=list)
    activities: list[str] = fld("File names (without `.md`) of activities about this opportunity.",
                                ref="activity", factory=list)
    sensitivity: Sensitivity = fld("Label of the whole entry.", default="internal")

    def stance(self, contact: str) -> Stance | None:
        """The recorded stance of ``contact``, if any."""
        return next((s for s in self.stances if s.contact == contact), None)


def deciders(contacts: Iterable[Contact], opportunity: Opportunity) -> list[Contact]:
    """The deciding contacts (by role) among ``contacts`` for ``opportunity``.

    Those of its ``unit`` (the contact's ``department``, compared without case), every executive-level
    decider of the account, and any decider already listed in its ``stances``. Shared by rule AP320 and
    the score (formula 3), so both ask about the same people.
    """
    unit = opportunity.unit.casefold()
    listed = {s.contact for s in opportunity.stances}
    return [c for c in contacts if c.role in DECIDING_ROLES and (
        c.department.casefold() == unit or c.level == "executive" or c.id in listed)]
