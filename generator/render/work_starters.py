"""The "add an opportunity" and "add an action" links: the forge's new-file editor prefilled with what
``accountplan new opportunity`` and ``accountplan new action`` write (see :mod:`generator.render.starters`)."""

from __future__ import annotations

import datetime as dt
import os

from ..edit.new_action import DUE_AFTER_DAYS, action_text
from ..edit.new_opportunity import opportunity_text
from ..model.portfolio import Dossier
from ..model.stages import stages_of
from .context import Site
from .starters import our_person

NEW_OPPORTUNITY_ID = "o-new-opportunity"
NEW_ACTION_ID = "a-new-action"


def work_starters(site: Site, dossier: Dossier) -> dict[str, str | None]:
    """``new_opportunity`` and ``new_action`` for this account, or ``None`` without edit links."""
    forge = site.settings.edit_links
    person = our_person(site, dossier)
    if forge is None or person is None:
        return {"new_opportunity": None, "new_action": None}
    opportunity = opportunity_text(NEW_OPPORTUNITY_ID, person=person, name="New opportunity",
                                   stages=stages_of(site.settings.stages))
    action = action_text(NEW_ACTION_ID, owner=person, title="New action",
                         due=site.today + dt.timedelta(days=DUE_AFTER_DAYS))
    return {
        "new_opportunity": forge.new(os.path.join(dossier.folder, "opportunities"), f"{NEW_OPPORTUNITY_ID}.md",
                                     opportunity),
        "new_action": forge.new(os.path.join(dossier.folder, "actions"), f"{NEW_ACTION_ID}.md", action),
    }
