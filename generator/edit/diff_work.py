"""``accountplan diff`` for the method's working unit: opportunities (stage, value, stances) and action items.

Each line is a stable English template (``New opportunity {name} ({unit}, {stage})``) that the
zh catalogue translates when the report is written (:func:`generator.translate.text`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model import Action, Opportunity, Person, scales
from ..model.money import figure
from ..model.portfolio import Dossier
from ..model.stages import Stages
from .change import Change, arrow, level, person_name

SECTION = "opportunities"


def opportunity_changes(old: Dossier | None, new: Dossier, *, stages: Stages | None = None) -> Iterator[Change]:
    """New and removed opportunities; stage (won, lost, closed), value and decision-date moves; stance moves."""
    stages = stages or Stages()
    before = {d.data.id: d.data for d in old.opportunities} if old else {}
    names = {c.data.id: c.data.name for c in new.contacts}
    for doc in sorted(new.opportunities, key=lambda d: d.data.id):
        opp, prev = doc.data, before.get(doc.data.id)
        if prev is None:
            yield Change(SECTION, "opportunity-added", opp.id, f"New opportunity {opp.name} ({opp.unit}, {opp.stage})",
                         None, opp.stage, {"value": opp.value, "currency": opp.currency})
            continue
        if prev.stage != opp.stage:
            yield _stage_change(prev, opp, stages)
        if (prev.value, prev.currency) != (opp.value, opp.currency):
            yield Change(SECTION, "opportunity-value", opp.id,
                         f"{opp.name}: value {_money(prev)} → {_money(opp)} {_value_arrow(prev, opp)}".rstrip(),
                         prev.value, opp.value, {"currency": [prev.currency, opp.currency]})
        if prev.decision != opp.decision:
            yield Change(SECTION, "opportunity-decision", opp.id,
                         f"{opp.name}: decision date {_day(prev.decision)} → {_day(opp.decision)}",
                         _day(prev.decision), _day(opp.decision))
        yield from _stance_changes(prev, opp, names)
    for oid in sorted(before.keys() - {d.data.id for d in new.opportunities}):
        yield Change(SECTION, "opportunity-removed", oid, f"Opportunity {before[oid].name} removed",
                     before[oid].stage, None)


def _stage_change(prev: Opportunity, opp: Opportunity, stages: Stages) -> Change:
    """A stage move; reaching a closed stage says won, lost or closed (a team's own closed stage names)."""
    if opp.stage == stages.won:
        return Change(SECTION, "opportunity-won", opp.id, f"{opp.name}: won (was {prev.stage})", prev.stage, opp.stage)
    if opp.stage == "lost":
        return Change(SECTION, "opportunity-lost", opp.id, f"{opp.name}: lost (was {prev.stage})", prev.stage,
                      opp.stage)
    if not stages.is_open(opp.stage):
        return Change(SECTION, "opportunity-closed", opp.id, f"{opp.name}: closed as {opp.stage} (was {prev.stage})",
                      prev.stage, opp.stage)
    if not stages.is_open(prev.stage):
        return Change(SECTION, "opportunity-reopened", opp.id, f"{opp.name}: reopened at {opp.stage} "
                      f"(was {prev.stage})", prev.stage, opp.stage)
    return Change(SECTION, "opportunity-stage", opp.id, f"{opp.name}: stage {prev.stage} → {opp.stage}",
                  prev.stage, opp.stage)


def _stance_changes(prev: Opportunity, opp: Opportunity, names: dict[str, str]) -> Iterator[Change]:
    """Each contact's stance on this project: recorded, moved, or no longer recorded."""
    for stance in opp.stances:
        was = prev.stance(stance.contact)
        if was is not None and was.support == stance.support:
            continue
        who = names.get(stance.contact, stance.contact)
        start = level(scales.SUPPORT, was.support) if was else "not recorded"
        trend = arrow(was.support, stance.support) if was else ""
        yield Change(SECTION, "stance", f"{opp.id}/{stance.contact}",
                     f"{opp.name}: {who}'s stance {start} → {level(scales.SUPPORT, stance.support)} {trend}".rstrip(),
                     was.support if was else None, stance.support)
    for was in prev.stances:
        if opp.stance(was.contact) is None:
            who = names.get(was.contact, was.contact)
            yield Change(SECTION, "stance-removed", f"{opp.id}/{was.contact}",
                         f"{opp.name}: {who}'s stance no longer recorded (was {level(scales.SUPPORT, was.support)})",
                         was.support, None)


def _money(opp: Opportunity) -> str:
    """``2.4 M EUR`` style value of an opportunity, ``none`` when not recorded."""
    if opp.value is None:
        return "none"
    return f"{figure(opp.value)} {opp.currency or ''}".strip()


def _value_arrow(prev: Opportunity, opp: Opportunity) -> str:
    """Up or down only when both values are in the same currency."""
    return arrow(prev.value, opp.value) if prev.currency == opp.currency else ""


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "none"


def action_changes(old: Dossier | None, new: Dossier, people: dict[str, Person]) -> Iterator[Change]:
    """New action items; done, dropped or reopened; a moved due date or a new owner."""
    before = {d.data.id: d.data for d in old.actions} if old else {}
    for doc in sorted(new.actions, key=lambda d: d.data.id):
        action, prev = doc.data, before.get(doc.data.id)
        owner = person_name(people, action.owner)
        if prev is None:
            yield Change(SECTION, "action-added", action.id, f"New action for {owner} due {action.due}: {action.title}",
                         None, action.status)
            continue
        if prev.status != action.status:
            yield _status_change(prev, action, owner)
        if prev.due != action.due:
            yield Change(SECTION, "action-due", action.id, f"Action {action.title}: due {prev.due} → {action.due}",
                         prev.due.isoformat(), action.due.isoformat())
        if prev.owner != action.owner:
            yield Change(SECTION, "action-owner", action.id, f"Action {action.title}: owner "
                         f"{person_name(people, prev.owner)} → {owner}", prev.owner, action.owner)
    for aid in sorted(before.keys() - {d.data.id for d in new.actions}):
        yield Change(SECTION, "action-removed", aid, f"Action {before[aid].title} removed", before[aid].status, None)


def _status_change(prev: Action, action: Action, owner: str) -> Change:
    kinds = {"done": ("action-done", f"Action done: {action.title} ({owner})"),
             "dropped": ("action-dropped", f"Action dropped: {action.title} ({owner})"),
             "open": ("action-reopened", f"Action reopened: {action.title} ({owner})")}
    kind, text = kinds[action.status]
    return Change(SECTION, kind, action.id, text, prev.status, action.status)


def overdue_actions(new: Dossier, today: dt.date, people: dict[str, Person]) -> Iterator[Change]:
    """Open actions past their due date: a reminder in the report of an account that changed."""
    for doc in sorted(new.actions, key=lambda d: (d.data.due, d.data.id)):
        action = doc.data
        if action.status == "open" and action.due < today:
            yield Change(SECTION, "action-overdue", action.id, f"Overdue since {action.due}: {action.title} "
                         f"({person_name(people, action.owner)})", None, action.due.isoformat())
