"""``accountplan diff`` for the method's working unit: opportunities (stage, value, stances) and action items.

Each line is made with :func:`generator.translate.said` from a stable English template
(``New opportunity {name} ({unit}, {stage})``) that the zh catalogue translates when the report is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model import Action, Opportunity, Person, scales
from ..model.money import figure
from ..model.portfolio import Dossier
from ..model.stages import Stages
from ..translate import said
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
            yield Change(SECTION, "opportunity-added", opp.id, said("New opportunity {name} ({unit}, {stage})",
                                                                    name=opp.name, unit=opp.unit, stage=opp.stage),
                         None, opp.stage, {"value": opp.value, "currency": opp.currency})
            continue
        if prev.stage != opp.stage:
            yield _stage_change(prev, opp, stages)
        if (prev.value, prev.currency) != (opp.value, opp.currency):
            moved = _value_arrow(prev, opp)
            yield Change(SECTION, "opportunity-value", opp.id,
                         said("{name}: value {a} → {b} {arrow}" if moved else "{name}: value {a} → {b}", name=opp.name,
                              a=_money(prev), b=_money(opp), arrow=moved),
                         prev.value, opp.value, {"currency": [prev.currency, opp.currency]})
        if prev.decision != opp.decision:
            yield Change(SECTION, "opportunity-decision", opp.id,
                         said("{name}: decision date {a} → {b}", name=opp.name, a=_day(prev.decision),
                              b=_day(opp.decision)),
                         _day(prev.decision), _day(opp.decision))
        yield from _stance_changes(prev, opp, names)
    for oid in sorted(before.keys() - {d.data.id for d in new.opportunities}):
        yield Change(SECTION, "opportunity-removed", oid, said("Opportunity {name} removed", name=before[oid].name),
                     before[oid].stage, None)


def _stage_change(prev: Opportunity, opp: Opportunity, stages: Stages) -> Change:
    """A stage move; reaching a closed stage says won, lost or closed (a team's own closed stage names)."""
    if opp.stage == stages.won:
        return Change(SECTION, "opportunity-won", opp.id, said("{name}: won (was {a})", name=opp.name, a=prev.stage),
                      prev.stage, opp.stage)
    if opp.stage == "lost":
        return Change(SECTION, "opportunity-lost", opp.id, said("{name}: lost (was {a})", name=opp.name, a=prev.stage),
                      prev.stage, opp.stage)
    if not stages.is_open(opp.stage):
        return Change(SECTION, "opportunity-closed", opp.id, said("{name}: closed as {b} (was {a})", name=opp.name,
                                                                  a=prev.stage, b=opp.stage), prev.stage, opp.stage)
    if not stages.is_open(prev.stage):
        return Change(SECTION, "opportunity-reopened", opp.id, said("{name}: reopened at {b} (was {a})",
                                                                    name=opp.name, a=prev.stage, b=opp.stage),
                      prev.stage, opp.stage)
    return Change(SECTION, "opportunity-stage", opp.id, said("{name}: stage {a} → {b}", name=opp.name, a=prev.stage,
                                                             b=opp.stage), prev.stage, opp.stage)


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
                     said("{name}: {who}'s stance {a} → {b} {arrow}" if trend else "{name}: {who}'s stance {a} → {b}",
                          name=opp.name, who=who, a=start, b=level(scales.SUPPORT, stance.support), arrow=trend),
                     was.support if was else None, stance.support)
    for was in prev.stances:
        if opp.stance(was.contact) is None:
            who = names.get(was.contact, was.contact)
            yield Change(SECTION, "stance-removed", f"{opp.id}/{was.contact}",
                         said("{name}: {who}'s stance no longer recorded (was {a})", name=opp.name, who=who,
                              a=level(scales.SUPPORT, was.support)),
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
            yield Change(SECTION, "action-added", action.id, said("New action for {owner} due {due}: {title}",
                                                                  owner=owner, due=action.due, title=action.title),
                         None, action.status)
            continue
        if prev.status != action.status:
            yield _status_change(prev, action, owner)
        if prev.due != action.due:
            yield Change(SECTION, "action-due", action.id, said("Action {title}: due {a} → {b}", title=action.title,
                                                                a=prev.due, b=action.due),
                         prev.due.isoformat(), action.due.isoformat())
        if prev.owner != action.owner:
            yield Change(SECTION, "action-owner", action.id, said("Action {title}: owner {a} → {b}", title=action.title,
                                                                  a=person_name(people, prev.owner), b=owner),
                         prev.owner, action.owner)
    for aid in sorted(before.keys() - {d.data.id for d in new.actions}):
        yield Change(SECTION, "action-removed", aid, said("Action {title} removed", title=before[aid].title),
                     before[aid].status, None)


def _status_change(prev: Action, action: Action, owner: str) -> Change:
    kinds = {"done": ("action-done", "Action done: {title} ({owner})"),
             "dropped": ("action-dropped", "Action dropped: {title} ({owner})"),
             "open": ("action-reopened", "Action reopened: {title} ({owner})")}
    kind, line = kinds[action.status]
    return Change(SECTION, kind, action.id, said(line, title=action.title, owner=owner), prev.status, action.status)


def overdue_actions(new: Dossier, today: dt.date, people: dict[str, Person]) -> Iterator[Change]:
    """Open actions past their due date: a reminder in the report of an account that changed."""
    for doc in sorted(new.actions, key=lambda d: (d.data.due, d.data.id)):
        action = doc.data
        if action.status == "open" and action.due < today:
            yield Change(SECTION, "action-overdue", action.id, said("Overdue since {due}: {title} ({owner})",
                                                                    due=action.due, title=action.title,
                                                                    owner=person_name(people, action.owner)),
                         None, action.due.isoformat())
