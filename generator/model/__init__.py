"""The dossier data model: one set of dataclasses drives loading, the JSON Schema and the docs."""

from __future__ import annotations

from .account import Account, Fact, Gift, Initiative, Issue, Kpi, Plan, Satisfaction, Source, Strategy, TeamMember
from .action import Action
from .activity import Activity
from .contact import Contact, Knows, Personal
from .opportunity import Opportunity, Stance
from .roster import Person, Roster

__all__ = [
    "Account", "Action", "Activity", "Contact", "Fact", "Gift", "Initiative", "Issue", "Knows", "Kpi", "Opportunity",
    "Person", "Personal", "Plan", "Roster", "Satisfaction", "Source", "Stance", "Strategy", "TeamMember",
]
