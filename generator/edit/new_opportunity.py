"""``accountplan new opportunity``: an opportunity file (机会点) that passes ``check``, with guiding comments."""

from __future__ import annotations

import os

from ..model.placeholders import body_comment
from ..model.stages import Stages
from .scaffold import Scaffolded, ScaffoldError, _checked_slug, _write, account_folder, slugify, yaml_text

TEMPLATE = """\
---
# A project we pursue at the customer. One file per opportunity, so that people
# updating two projects in parallel pull requests never touch the same file.
id: {id}
name: {name}
# the customer's business unit or department that buys (a row of the whitespace grid)
unit: {unit}
# our offerings in play (columns of the whitespace grid)
offerings: []
# value: 250000
# currency: EUR
# stage: {stages}
stage: {stage}
# decision: 2027-03-31  # expected decision date
competitors: []
# criteria: [price, local service]  # the customer's decision criteria
sponsor: {person}  # our person who sponsors the pursuit (roster id)
# each involved contact's stance on THIS project (支持度只能表现在项目的支持度上):
# support 1 opponent .. 3 neutral .. 5 champion, or unknown; favours: a competitor they prefer
stances: []
#   - {{contact: c-..., support: unknown, favours: Rival, note: "..."}}
# plans: [p-...]          # improvement plans serving this opportunity
# activities: [2026-...]  # activity files about it, without .md
---
{body}
"""


def opportunity_text(opportunity_id: str, *, person: str, name: str, unit: str = "Unknown",
                     stage: str | None = None, stages: Stages | None = None) -> str:
    """The text of a new opportunity file, without writing it; ``stage`` defaults to the first stage."""
    stages = stages or Stages()
    stage = stage or stages.open[0]
    if stage not in stages.all:
        raise ScaffoldError(f"unknown stage '{stage}'; use one of: {', '.join(stages.all)}")
    _checked_slug(opportunity_id, "opportunity id")
    return TEMPLATE.format(id=opportunity_id, name=yaml_text(name), unit=yaml_text(unit), stage=stage,
                           stages=", ".join(stages.all), person=person, body=body_comment("opportunity"))


def new_opportunity(root: str, account: str, *, person: str, name: str, opportunity_id: str | None = None,
                    unit: str = "Unknown", stage: str | None = None, stages: Stages | None = None) -> Scaffolded:
    """Write ``<root>/<account>/opportunities/<id>.md``; the id defaults to ``o-`` and the name's ASCII words."""
    folder = account_folder(root, account)
    if opportunity_id is None:
        words = slugify(name)
        if not words:
            raise ScaffoldError(f"cannot make an id from the name '{name}'; pass --id o-words")
        opportunity_id = f"o-{words}"
    text = opportunity_text(opportunity_id, person=person, name=name, unit=unit, stage=stage, stages=stages)
    return _write(root, os.path.join(folder, "opportunities", f"{opportunity_id}.md"), text)
