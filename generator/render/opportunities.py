"""The opportunities table of an account page: each project with its stage and every involved contact's stance."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ..model.money import figure
from ..model.portfolio import Dossier
from ..model.stages import stages_of
from .context import Site
from .markup import to_html


def opportunities_view(site: Site, dossier: Dossier, person: Callable[[str], dict[str, str]],
                       contact_href: Callable[[str], str], edit: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """One row per opportunity, open ones first (in stage order), then closed ones; decision date breaks ties."""
    t = site.t
    stages = stages_of(site.settings.stages)
    order = {stage: i for i, stage in enumerate(stages.all)}
    names = {doc.data.id: doc.data.name for doc in dossier.contacts}
    rows = []
    for doc in sorted(dossier.opportunities, key=lambda d: (order.get(d.data.stage, -1), str(d.data.decision or ""),
                                                            d.data.id)):
        opp = doc.data
        is_open = stages.is_open(opp.stage)
        rows.append({
            "id": opp.id, "name": opp.name, "unit": opp.unit, "offerings": opp.offerings,
            "value": f"{figure(opp.value, 0)} {opp.currency or ''}".strip() if opp.value is not None else "",
            "stage": t.enum("stage", opp.stage), "open": is_open,
            "decision": opp.decision,
            "overdue": is_open and opp.decision is not None and opp.decision < site.today,
            "competitors": opp.competitors, "criteria": opp.criteria,
            "sponsor": person(opp.sponsor) if opp.sponsor else None,
            "stances": [{"name": names.get(s.contact, s.contact), "href": contact_href(s.contact),
                         "support": t.scale("support", s.support), "support_value": s.support or "unknown",
                         "favours": t("favours", name=s.favours) if s.favours else "", "note": s.note or ""}
                        for s in opp.stances if s.contact in names],
            "notes": to_html(doc.body, f"{dossier.slug}/opportunities/{os.path.basename(doc.path)}"),
            "edit": edit(os.path.join(dossier.folder, "opportunities", os.path.basename(doc.path))),
        })
    return rows
