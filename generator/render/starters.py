"""Edit links, and "log an activity" / "add a contact" links that open the forge's new-file editor prefilled.

The prefilled text is exactly what ``accountplan new`` writes (:mod:`generator.edit.scaffold`),
dated the build's day and naming the account's AR (else its first team member) as our person:
it passes ``check`` as it is, and the comments in it say what to change. Without a forge
(no ``repo_url``) every link here is ``None`` and pages show none.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..edit import scaffold
from ..model.portfolio import Dossier
from .context import Site

NEW_CONTACT_NAME = "New Contact"
"""Placeholder name of the "add a contact" link's file (its id is ``c-new-contact``)."""


def editor(site: Site) -> Callable[[str], str | None]:
    """A function giving the forge's edit URL of a file on disk, or ``None`` when the site has no forge."""
    forge = site.settings.edit_links
    return forge.edit if forge is not None else (lambda _path: None)


def our_person(site: Site, dossier: Dossier) -> str | None:
    """Who the prefilled files name as ours: the account's AR, else its first team member, else the roster's first."""
    team = dossier.account.data.team
    chosen = next((m.person for m in team if m.role == "AR"), team[0].person if team else None)
    return chosen or next(iter(site.people), None)


def starters(site: Site, dossier: Dossier) -> dict[str, str | None]:
    """``new_activity`` and ``new_contact``: the forge's new-file editor prefilled for this account, or ``None``."""
    forge = site.settings.edit_links
    person = our_person(site, dossier)
    if forge is None or person is None:
        return {"new_activity": None, "new_contact": None}
    today = site.today
    name = scaffold.activity_name(today, "visit")
    activity = scaffold.activity_text(today=today, kind="visit", person=person)
    contact_id = scaffold.default_contact_id(NEW_CONTACT_NAME)
    contact = scaffold.contact_text(contact_id, person=person, today=today, name=NEW_CONTACT_NAME)
    return {
        "new_activity": forge.new(os.path.join(dossier.folder, "activities"), f"{name}.md", activity),
        "new_contact": forge.new(os.path.join(dossier.folder, "contacts"), f"{contact_id}.md", contact),
    }
