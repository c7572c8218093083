"""A person at the customer: ``accounts/<slug>/contacts/<id>.md``.

One file per contact keeps parallel edits conflict-free and lets the Markdown body
hold the relationship notes. A contact who leaves keeps the file, with ``left`` set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from . import scales
from .spec import Sensitivity, fld, scale

Level = Literal["executive", "senior", "middle", "staff"]
DecisionRole = Literal[
    "decision-maker",
    "economic-buyer",
    "executive-sponsor",
    "technical-evaluator",
    "approver",
    "influencer",
    "user",
    "blocker",
    "other",
]
WARM_LEVEL = 4
"""Support 4 is a supporter, intimacy 4 is trusted: both at least this make a relationship warm."""
DECIDING_ROLES: frozenset[str] = frozenset({"decision-maker", "economic-buyer", "approver"})
"""Roles whose support decides a first order or a strategic project."""
KEY_INFLUENCE = 4
"""Influence from which a contact is a key relationship whatever their role (see :attr:`Contact.key`)."""


@dataclass(kw_only=True, slots=True)
class Personal:
    """Private notes on a person; restricted by default, never in wider builds."""

    notes: str | None = fld("Personal notes: career goals, what matters to them.", default=None)
    preferences: str | None = fld("Preferences for meetings, food, courtesies.", default=None)
    sensitivity: Sensitivity = fld("Label of this block.", default="restricted")


@dataclass(kw_only=True, slots=True)
class Knows:
    """One of our people who knows this contact, and how well (who knows whom)."""

    person: str = fld("Roster id of our person.", ref="person")
    strength: int | None = scale("How well they know each other, 1 (name only) to 5 (close), or `unknown`.",
                                 scales.STRENGTH, unknown=True)
    since: dt.date | None = fld("Since when they have known each other.", default=None)


@dataclass(kw_only=True, slots=True)
class Contact:
    """A customer person in the relationship map."""

    id: str = fld("Stable id, equal to the file name without `.md`.", example="c-zhang-wei")
    name: str = fld("Full name as the person writes it.", example="Zhang Wei")
    title: str = fld("Job title.", example="CTO")
    department: str = fld("Department or business unit, for coverage by department.", example="Technology")
    level: Level = fld("Seniority level, for coverage by level: executive, senior, middle, staff.")
    role: DecisionRole = fld(
        "Role in decisions: decision-maker, economic-buyer, executive-sponsor, technical-evaluator, "
        "approver, influencer, user, blocker, other."
    )
    influence: int = scale("Influence on decisions, 1 (minimal) to 5 (decisive).", scales.INFLUENCE)
    intimacy: int | None = scale("How close we are (亲密度), 1 (stranger) to 5 (close ally), or `unknown`.",
                                 scales.INTIMACY, unknown=True)
    support: int | None = scale("Attitude to us (支持度), 1 (opponent) to 3 (neutral) to 5 (champion), or `unknown` "
                                "while we do not know where they stand.", scales.SUPPORT, unknown=True)
    owners: list[str] = fld("Roster ids of our people who own this relationship.", ref="person", factory=list)
    knows: list[Knows] = fld("Our people who know this contact and how well (who knows whom).", factory=list)
    review_by: dt.date = fld("When this record must next be reviewed (personal data upkeep).")
    reports_to: str | None = fld("Contact id of the formal manager.", default=None, ref="contact")
    dotted_to: list[str] = fld("Contact ids of informal (dotted-line) managers.", ref="contact", factory=list)
    coach: bool = fld("A coach (教练): someone inside who guides us.", default=False)
    favours: str | None = fld("The competitor this contact favours, if any (shown on the map and in the matrix).",
                              default=None)
    goals: str | None = fld("What the person wants to achieve; what is in it for them.", default=None)
    since: dt.date | None = fld("When the person took this role.", default=None)
    left: dt.date | None = fld("Date the person left; the record stays for history.", default=None)
    sources: list[str] = fld("Source ids backing this record.", ref="source", factory=list)
    personal: Personal | None = fld("Personal notes and preferences (restricted).", default=None)
    sensitivity: Sensitivity = fld("Label of the whole entry.", default="internal")

    @property
    def active(self) -> bool:
        """Still at the customer."""
        return self.left is None

    @property
    def warm(self) -> bool:
        """A relationship that carries weight: supporter or better (support ≥ 4) and trusted or closer
        (intimacy ≥ 4, "trusted"), the two dimensions the article names (亲密度和支持度); unknown is never warm."""
        return (self.support or 0) >= WARM_LEVEL and (self.intimacy or 0) >= WARM_LEVEL

    @property
    def key(self) -> bool:
        """A key relationship (关键客户关系): a deciding role, or influence 4 or more."""
        return self.role in DECIDING_ROLES or self.influence >= KEY_INFLUENCE

    @property
    def known_by(self) -> list[str]:
        """Our people who know this contact: its owners, then the others in ``knows``, each once."""
        return list(dict.fromkeys([*self.owners, *(k.person for k in self.knows)]))

    @property
    def unknown(self) -> tuple[str, ...]:
        """The scales not known yet (``intimacy``, ``support``): information gaps."""
        return tuple(name for name in ("intimacy", "support") if getattr(self, name) is None)
