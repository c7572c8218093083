"""Who knows whom on a person page: each customer contact one of our people knows, how well, and when they met.

The last meeting is derived from the activities (the latest one listing both the person and the contact),
so nobody has to keep a "last met" date by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..model.portfolio import Dossier
from .context import Site
from .paths import Links, account_page, contact_anchor


def last_met(dossier: Dossier, person_id: str, contact_id: str) -> dt.date | None:
    """The date of the latest activity of ``dossier`` with both ``person_id`` and ``contact_id``, if any."""
    dates = [doc.data.date for doc in dossier.activities
             if person_id in doc.data.people and contact_id in doc.data.contacts]
    return max(dates, default=None)


def person_knows(site: Site, person_id: str, dossiers: Iterable[Dossier], links: Links) -> list[dict[str, Any]]:
    """Every current contact whose ``knows`` lists ``person_id``, strongest first, then by name."""
    rows = []
    for dossier in dossiers:
        for doc in dossier.contacts:
            contact = doc.data
            record = next((k for k in contact.knows if k.person == person_id), None)
            if (record is None and person_id not in contact.owners) or not contact.active:
                continue  # an owner without a knows record knows them too, how well is not assessed
            strength = record.strength if record else None
            rows.append({
                "name": contact.name, "title": contact.title, "account": dossier.account.data.name,
                "href": links.to(account_page(dossier.slug), contact_anchor(contact.id)),
                "strength": site.t.scale("strength", strength), "strength_value": strength or 0,
                "since": record.since if record else None, "last_met": last_met(dossier, person_id, contact.id),
            })
    return sorted(rows, key=lambda r: (-r["strength_value"], r["name"]))

