"""``accountplan diff`` for the method's working unit: opportunities (stage, value, stances) and action items."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import scales
from ..model.portfolio import Dossier
from .change import Change, arrow, level

SECTION = "opportunities"


def opportunity_changes(old: Dossier | None, new: Dossier) -> Iterator[Change]:
    """New and removed opportunities, stage and value changes, and each contact's stance change on them."""
    before = {d.data.id: d.data for d in old.opportunities} if old else {}
    names = {c.data.id: c.data.name for c in new.contacts}
    for doc in sorted(new.opportunities, key=lambda d: d.data.id):
        opp, prev = doc.data, before.get(doc.data.id)
        if prev is None:
            yield Change(SECTION, "opportunity-added", opp.id, f"New opportunity {opp.name} ({opp.unit}, {opp.stage})",
                         None, opp.stage)
            continue
        if prev.stage != opp.stage:
            yield Change(SECTION, "opportunity-stage", opp.id, f"{opp.name}: stage {prev.stage} -> {opp.stage}",
                         prev.stage, opp.stage)
        if prev.value != opp.value:
            yield Change(SECTION, "opportunity-value", opp.id, f"{opp.name}: value {prev.value} -> {opp.value}",
                         prev.value, opp.value)
        for stance in opp.stances:
            was = prev.stance(stance.contact)
            if was is None or was.support != stance.support:
                who = names.get(stance.contact, stance.contact)
                start = level(scales.SUPPORT, was.support) if was else "not recorded"
                trend = arrow(was.support, stance.support) if was else ""
                yield Change(SECTION, "stance", f"{opp.id}/{stance.contact}",
                             f"{opp.name}: {who}'s stance {start} -> {level(scales.SUPPORT, stance.support)} {trend}"
                             .rstrip(),
                             was.support if was else None, stance.support)
    for oid in sorted(before.keys() - {d.data.id for d in new.opportunities}):
        yield Change(SECTION, "opportunity-removed", oid, f"Opportunity {before[oid].name} removed",
                     before[oid].stage, None)


def action_changes(old: Dossier | None, new: Dossier) -> Iterator[Change]:
    """New action items and status changes of existing ones."""
    before = {d.data.id: d.data for d in old.actions} if old else {}
    for doc in sorted(new.actions, key=lambda d: d.data.id):
        action, prev = doc.data, before.get(doc.data.id)
        if prev is None:
            yield Change(SECTION, "action-added", action.id,
                         f"New action for {action.owner} due {action.due}: {action.title}", None, action.status)
        elif prev.status != action.status:
            yield Change(SECTION, "action-status", action.id, f"Action {action.title}: {prev.status} -> "
                         f"{action.status}", prev.status, action.status)
